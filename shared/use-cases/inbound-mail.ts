import { NotFoundError } from '../domain/errors.js';
import {
  type BallotRoute,
  decideInbound,
  type InboundDecision,
  type InboundMail,
} from '../domain/inbound-mail.js';
import type { InboundRecord } from '../domain/inbound-record.js';
import type { Invitation } from '../domain/invitation.js';
import { requirePermission } from '../domain/policy.js';
import { replyAddress, sessionUid } from '../mail/invitation-mail.js';
import type { Actor, UseCaseDeps } from './context.js';
import { AnswerClosedError, recordAnswer } from './invitations.js';
import { ProcedureClosedError, recordBallot } from './written-procedures.js';

export interface InboundDeps extends UseCaseDeps {
  linkSecret: string;
  senderDomain: string;
}

/** The invitation behind a reply address, when its MAC is ours. */
const routedInvitation = async (
  deps: InboundDeps,
  route: { invitationId: string; mac: string },
): Promise<Invitation | undefined> => {
  const expected = replyAddress(route.invitationId, deps.linkSecret, deps.senderDomain);
  if (expected !== `antwort+${route.invitationId}.${route.mac}@${deps.senderDomain}`)
    return undefined;
  return deps.repo.getInvitationById(route.invitationId);
};

/**
 * Why a Sender header does not speak for the member, or `undefined` when it
 * may: there is none, it is the author, or it is a registered person of the
 * same member (an office sending for its minister).
 */
const senderProblem = async (
  deps: InboundDeps,
  mail: InboundMail,
  member: { bodyId: string; memberId: string },
): Promise<string | undefined> => {
  if (mail.senders.length > 1) return 'more than one Sender mailbox';
  const [sender] = mail.senders;
  if (sender === undefined || sender === mail.from) return undefined;
  const people = await deps.repo.findPeopleByEmail(sender);
  return people.some(
    (person) => person.bodyId === member.bodyId && person.memberId === member.memberId,
  )
    ? undefined
    : `the Sender ${sender} is not a registered person of ${member.memberId}`;
};

/**
 * Processes one inbound mail once (keyed on its Message-ID): ignores
 * auto-replies and bounces, records an answer sent by the invitee to their
 * personal reply address (a calendar REPLY or a plain "Zusage"/"Absage"),
 * and sends everything doubtful to the secretariat's review, changing
 * nothing: unknown or forged addresses, a message that is not authenticated
 * (no DMARC pass and no aligned DKIM pass), a sender who is not the invitee
 * or a Sender who does not belong to the member, a calendar reply for another
 * ATTENDEE or to a SEQUENCE other than the one sent.
 *
 * @example
 * ```ts
 * const record = await processInboundMail(deps, await parseInboundMail(raw));
 * ```
 */
export const processInboundMail = async (
  deps: InboundDeps,
  mail: InboundMail,
): Promise<InboundRecord> => {
  const base: InboundRecord = {
    messageId: mail.messageId,
    receivedAt: deps.clock.now().toISOString(),
    from: mail.from,
    subject: mail.subject.slice(0, 300),
    state: 'processing',
    ...(mail.verdicts === undefined ? {} : { verdicts: mail.verdicts }),
    ...(mail.delivery === undefined ? {} : { delivery: mail.delivery }),
  };
  if (!(await deps.repo.claimInboundMessage(base))) {
    return { ...base, state: 'unchanged', reason: 'this message was processed before' };
  }
  const record = await decide(deps, mail, base);
  await deps.repo.settleInboundMessage(record);
  return record;
};

/**
 * A reply to a written procedure: routed by its `umlauf+` address (MAC
 * checked), from the minister's own address, with "Zustimmung",
 * "Ablehnung" or "Enthaltung" as its first word; it answers every
 * resolution of the procedure alike.
 */
const decideBallot = async (
  deps: InboundDeps,
  mail: InboundMail,
  base: InboundRecord,
  decision: Extract<InboundDecision, { kind: 'vote' | 'ballot-review' }>,
  route: BallotRoute,
): Promise<InboundRecord> => {
  const expected = replyAddress(route.ballotId, deps.linkSecret, deps.senderDomain, 'umlauf');
  const ballot =
    expected === `umlauf+${route.ballotId}.${route.mac}@${deps.senderDomain}`
      ? await deps.repo.getBallotById(route.ballotId)
      : undefined;
  if (ballot === undefined) {
    return { ...base, state: 'review', reason: 'the reply address is not one of ours' };
  }
  const about = { procedureId: ballot.procedureId, ballotId: ballot.id, channel: 'mail' as const };
  const review = (reason: string): InboundRecord => ({
    ...base,
    ...about,
    state: 'review',
    reason,
  });
  if (decision.kind === 'ballot-review') return review(decision.reason);
  if (mail.from !== ballot.email) return review(`the sender ${mail.from} is not the minister`);
  const sender = await senderProblem(deps, mail, ballot);
  if (sender !== undefined) return review(sender);
  const procedure = await deps.repo.getProcedure(ballot.procedureId);
  if (procedure === undefined) return review('the written procedure is gone');
  try {
    const { changed } = await recordBallot(
      deps,
      { procedureId: ballot.procedureId, ballotId: ballot.id },
      { votes: Object.fromEntries(procedure.resolutionIds.map((id) => [id, decision.vote])) },
      'mail',
      mail.from,
    );
    return { ...base, ...about, state: changed ? 'applied' : 'unchanged' };
  } catch (error) {
    if (error instanceof ProcedureClosedError) return review('the written procedure is closed');
    throw error;
  }
};

const decide = async (
  deps: InboundDeps,
  mail: InboundMail,
  base: InboundRecord,
): Promise<InboundRecord> => {
  const decision = decideInbound(mail, deps.senderDomain);
  if (decision.kind === 'ignore') return { ...base, state: 'ignored', reason: decision.reason };
  if (decision.kind === 'vote' || decision.kind === 'ballot-review')
    return decideBallot(deps, mail, base, decision, decision.route);
  const route = decision.kind === 'answer' ? decision : decision.route;
  const invitation = route === undefined ? undefined : await routedInvitation(deps, route);
  const about =
    invitation === undefined
      ? {}
      : { sessionId: invitation.sessionId, invitationId: invitation.id };
  if (decision.kind === 'review')
    return { ...base, ...about, state: 'review', reason: decision.reason };
  if (invitation === undefined) {
    return { ...base, state: 'review', reason: 'the reply address is not one of ours' };
  }
  const review = (reason: string): InboundRecord => ({
    ...base,
    ...about,
    state: 'review',
    reason,
    channel: decision.channel,
  });
  if (mail.from !== invitation.email) return review(`the sender ${mail.from} is not the invitee`);
  const sender = await senderProblem(deps, mail, invitation);
  if (sender !== undefined) return review(sender);
  if (decision.calendar !== undefined) {
    const { uid, sequence, attendee } = decision.calendar;
    if (attendee !== invitation.email)
      return review(`the calendar reply answers for ${attendee}, not for the invitee`);
    const session = await deps.repo.getSession(invitation.sessionId);
    if (session === undefined) return review('the session is gone');
    if (uid !== sessionUid(session.id)) return review('a calendar reply to another event');
    const current = session.sequence ?? 0;
    if (sequence < current) {
      return review(`answers an outdated invitation (SEQUENCE ${sequence}, now ${current})`);
    }
    if (sequence > current) {
      return review(
        `answers a SEQUENCE that was never sent (SEQUENCE ${sequence}, sent ${current})`,
      );
    }
  }
  try {
    const { changed } = await recordAnswer(
      deps,
      { sessionId: invitation.sessionId, invitationId: invitation.id },
      { status: decision.status },
      decision.channel,
      mail.from,
    );
    return {
      ...base,
      ...about,
      state: changed ? 'applied' : 'unchanged',
      channel: decision.channel,
    };
  } catch (error) {
    if (error instanceof AnswerClosedError) return review('the answer deadline has passed');
    throw error;
  }
};

/** The inbound mail about a session: applied answers and what waits for review. */
export const listInboundMail = async (
  deps: UseCaseDeps,
  actor: Actor,
  sessionId: string,
): Promise<InboundRecord[]> => {
  const session = await deps.repo.getSession(sessionId);
  if (session === undefined) throw new NotFoundError('Session', sessionId);
  requirePermission(actor.principal, 'sessions:manage', session.bodyId);
  return deps.repo.listInboundMessages(sessionId);
};
