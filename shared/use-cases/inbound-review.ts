import { ConflictError, NotFoundError, UnprocessableError } from '../domain/errors.js';
import { type InboundRecord, inboundRecordId } from '../domain/inbound-record.js';
import type { AnswerInput } from '../domain/invitation.js';
import { msg } from '../domain/messages.js';
import { requirePermission } from '../domain/policy.js';
import { type Actor, actorName, type UseCaseDeps } from './context.js';
import { type InvitationDeps, recordAnswerForInvitee } from './invitations.js';
import { type BallotAnswer, recordBallotForMember } from './written-procedures.js';

/** An inbound record as the API lists it: with the id its review routes take. */
export type ListedInboundRecord = InboundRecord & { id: string };

/** What the secretariat says when it dismisses a message. */
export interface DismissInput {
  note?: string;
}

const listed = (record: InboundRecord): ListedInboundRecord => ({
  id: inboundRecordId(record.messageId),
  ...record,
});

/** A message listed under a session or procedure is in review, or it cannot be applied or dismissed. */
class NotInReviewError extends ConflictError {
  constructor(record: InboundRecord) {
    super(msg('inbound.not-in-review', { state: record.state }), {
      state: record.state,
    });
  }
}

/** The message with this id in a session's or procedure's list, in review. */
const reviewed = async (
  deps: UseCaseDeps,
  listedUnder: string,
  id: string,
): Promise<InboundRecord> => {
  const records = await deps.repo.listInboundMessages(listedUnder);
  const record = records.find((candidate) => inboundRecordId(candidate.messageId) === id);
  if (record === undefined) throw new NotFoundError('Inbound mail', id);
  if (record.state !== 'review') throw new NotInReviewError(record);
  return record;
};

/** Marks a reviewed message with the secretariat's verdict, unless someone else was quicker. */
const resolve = async (
  deps: UseCaseDeps,
  actor: Actor,
  record: InboundRecord,
  state: 'applied' | 'dismissed',
  note: string | undefined,
): Promise<ListedInboundRecord> => {
  const resolved: InboundRecord = {
    ...record,
    state,
    resolvedBy: actorName(actor),
    resolvedAt: deps.clock.now().toISOString(),
    ...(note === undefined || note.trim() === '' ? {} : { note: note.trim().slice(0, 1000) }),
  };
  if (!(await deps.repo.resolveInboundMessage(resolved))) {
    throw new ConflictError(msg('inbound.resolved-meanwhile'));
  }
  return listed(resolved);
};

/**
 * The inbound mail about a session: applied answers and what waits for
 * review, each with the id its apply and dismiss routes take.
 *
 * @example
 * ```ts
 * const items = await listSessionInboundMail(deps, actor, sessionId);
 * ```
 */
export const listSessionInboundMail = async (
  deps: UseCaseDeps,
  actor: Actor,
  sessionId: string,
): Promise<ListedInboundRecord[]> => {
  const session = await deps.repo.getSession(sessionId);
  if (session === undefined) throw new NotFoundError('Session', sessionId);
  requirePermission(actor.principal, 'sessions:manage', session.bodyId);
  return (await deps.repo.listInboundMessages(sessionId)).map(listed);
};

/**
 * The mail replies to a written procedure's ballots: votes applied and what
 * waits for review, each with the id its apply and dismiss routes take.
 *
 * @example
 * ```ts
 * const items = await listProcedureInboundMail(deps, actor, procedureId);
 * ```
 */
export const listProcedureInboundMail = async (
  deps: UseCaseDeps,
  actor: Actor,
  procedureId: string,
): Promise<ListedInboundRecord[]> => {
  const procedure = await deps.repo.getProcedure(procedureId);
  if (procedure === undefined) throw new NotFoundError('Written procedure', procedureId);
  requirePermission(actor.principal, 'resolutions:manage', procedure.bodyId);
  return (await deps.repo.listInboundMessages(procedureId)).map(listed);
};

/**
 * Applies a reply in review to the invitation it came for, with the answer
 * the secretariat read in it: recorded as the secretariat's (channel
 * `secretariat`, audited under its name), the message marked `applied`.
 * Without a status, the answer the message carries is applied (a reply from
 * an unknown address of the member's mail domain), naming its sender as
 * the one who answered.
 *
 * @example
 * ```ts
 * await applySessionInboundMail(deps, actor, sessionId, id, { status: 'accepted' });
 * await applySessionInboundMail(deps, actor, sessionId, id, {}); // the answer the reply carries
 * ```
 */
export const applySessionInboundMail = async (
  deps: InvitationDeps,
  actor: Actor,
  sessionId: string,
  id: string,
  answer: Partial<AnswerInput> & { note?: string },
): Promise<ListedInboundRecord> => {
  const session = await deps.repo.getSession(sessionId);
  if (session === undefined) throw new NotFoundError('Session', sessionId);
  requirePermission(actor.principal, 'sessions:manage', session.bodyId);
  const record = await reviewed(deps, sessionId, id);
  if (record.invitationId === undefined) {
    throw new ConflictError(msg('inbound.no-invitation'));
  }
  const { note, status, ...rest } = answer;
  const carried = status === undefined ? record.proposal : undefined;
  const chosen = status ?? carried?.status;
  if (chosen === undefined) {
    throw new UnprocessableError(msg('inbound.no-answer-to-apply'), {
      errors: [{ path: 'body.status', message: msg('field.status-required') }],
    });
  }
  await recordAnswerForInvitee(
    deps,
    actor,
    sessionId,
    record.invitationId,
    { ...rest, status: chosen },
    carried === undefined
      ? undefined
      : { name: carried.sender, email: carried.sender, capacity: 'other' },
  );
  return resolve(deps, actor, record, 'applied', note);
};

/**
 * Applies a reply in review to the ballot it came for, with the votes the
 * secretariat read in it (one per resolution, as on the ballot page):
 * recorded as the secretariat's, the message marked `applied`.
 *
 * @example
 * ```ts
 * await applyProcedureInboundMail(deps, actor, procedureId, id, { votes: { [resolutionId]: 'yes' } });
 * ```
 */
export const applyProcedureInboundMail = async (
  deps: UseCaseDeps,
  actor: Actor,
  procedureId: string,
  id: string,
  answer: BallotAnswer & { note?: string },
): Promise<ListedInboundRecord> => {
  const procedure = await deps.repo.getProcedure(procedureId);
  if (procedure === undefined) throw new NotFoundError('Written procedure', procedureId);
  requirePermission(actor.principal, 'resolutions:manage', procedure.bodyId);
  const record = await reviewed(deps, procedureId, id);
  if (record.ballotId === undefined) {
    throw new ConflictError(msg('inbound.no-ballot'));
  }
  const { note, ...input } = answer;
  await recordBallotForMember(deps, actor, { procedureId, ballotId: record.ballotId }, input);
  return resolve(deps, actor, record, 'applied', note);
};

/**
 * Sets a reply in review aside without changing any answer, with an
 * optional note (a session's reply).
 *
 * @example
 * ```ts
 * await dismissSessionInboundMail(deps, actor, sessionId, id, { note: 'telefonisch geklärt' });
 * ```
 */
export const dismissSessionInboundMail = async (
  deps: UseCaseDeps,
  actor: Actor,
  sessionId: string,
  id: string,
  input: DismissInput,
): Promise<ListedInboundRecord> => {
  const session = await deps.repo.getSession(sessionId);
  if (session === undefined) throw new NotFoundError('Session', sessionId);
  requirePermission(actor.principal, 'sessions:manage', session.bodyId);
  return resolve(deps, actor, await reviewed(deps, sessionId, id), 'dismissed', input.note);
};

/**
 * Sets a reply in review aside without changing any vote, with an
 * optional note (a written procedure's reply).
 *
 * @example
 * ```ts
 * await dismissProcedureInboundMail(deps, actor, procedureId, id, {});
 * ```
 */
export const dismissProcedureInboundMail = async (
  deps: UseCaseDeps,
  actor: Actor,
  procedureId: string,
  id: string,
  input: DismissInput,
): Promise<ListedInboundRecord> => {
  const procedure = await deps.repo.getProcedure(procedureId);
  if (procedure === undefined) throw new NotFoundError('Written procedure', procedureId);
  requirePermission(actor.principal, 'resolutions:manage', procedure.bodyId);
  return resolve(deps, actor, await reviewed(deps, procedureId, id), 'dismissed', input.note);
};
