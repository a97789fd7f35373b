import { ulid } from 'ulid';
import {
  ConflictError,
  NotFoundError,
  PreconditionFailedError,
  UnprocessableError,
} from '../domain/errors.js';
import {
  type Answer,
  type AnswerChannel,
  type AnswerInput,
  AnswerInputSchema,
  type AttendanceBoard,
  attendanceBoard,
  type Invitation,
  type SendInvitationsInput,
  SendInvitationsInputSchema,
} from '../domain/invitation.js';
import { signLink, verifyLink } from '../domain/link-token.js';
import { type InvitationOutboxEntry, queuedMail } from '../domain/outbox.js';
import { requirePermission } from '../domain/policy.js';
import type { Session } from '../domain/session.js';
import { isEditable } from '../domain/session-state.js';
import type { Change } from '../ports/conference-repository.js';
import { type Actor, actorName, auditEntry, nextVersion, type UseCaseDeps } from './context.js';
import { parseInput } from './parse-input.js';

/** What invitations need beyond the core: the key that signs links. */
export interface InvitationDeps extends UseCaseDeps {
  linkSecret: string;
}

/**
 * Invitations written per transaction: each takes an invitation and an
 * outbox item, and a transaction holds at most 100 items.
 */
export const invitationsPerTransaction = 40;

/** Most invitations one request sends (in several transactions). */
export const maxInvitationsPerRequest = 2000;

/** The signed token of an invitation's answer page, valid until the session ends. */
export const answerToken = (
  deps: InvitationDeps,
  session: Session,
  invitation: Invitation,
): string =>
  signLink(deps.linkSecret, {
    subject: `${session.id}:${invitation.id}`,
    purpose: 'invitation-answer',
    expiresAt: Math.floor(Date.parse(session.endsAt) / 1000),
  });

/**
 * Invites every member's minister (and, if asked, the office contacts in
 * copy) or the given people. Invitations, their outbox entries, the audit
 * and the session's move to `invited` are one transaction; people invited
 * before are skipped, so a retried request invites nobody twice.
 */
export const sendInvitations = async (
  deps: InvitationDeps,
  actor: Actor,
  sessionId: string,
  input: SendInvitationsInput,
): Promise<{ invited: Invitation[]; alreadyInvited: number }> => {
  const valid = parseInput(SendInvitationsInputSchema, input, 'body');
  const session = await deps.repo.getSession(sessionId);
  if (session === undefined) throw new NotFoundError('Session', sessionId);
  requirePermission(actor.principal, 'sessions:manage', session.bodyId);
  if (!isEditable(session.state)) {
    throw new ConflictError(`A ${session.state} session takes no invitations.`, {
      state: session.state,
      allowed: [],
    });
  }
  const body = await deps.repo.getBodyWithMembers(session.bodyId);
  if (body === undefined) throw new NotFoundError('Body', session.bodyId);

  const everyone = body.members.flatMap((member) =>
    member.people.map((person) => ({ member, person })),
  );
  const wanted =
    valid.personIds === undefined
      ? everyone.filter(
          ({ person }) =>
            person.capacity === 'principal' ||
            (valid.includeOfficeContacts && person.capacity === 'office_contact'),
        )
      : valid.personIds.map((id) => {
          const found = everyone.find(({ person }) => person.id === id);
          if (found === undefined)
            throw new UnprocessableError(`'${id}' is not a person of a member of '${body.id}'.`);
          return found;
        });
  const existing = await deps.repo.listInvitations(sessionId);
  const fresh = wanted.filter(
    ({ person }) => !existing.some((invitation) => invitation.personId === person.id),
  );
  if (fresh.length > maxInvitationsPerRequest) {
    throw new UnprocessableError(
      `At most ${maxInvitationsPerRequest} people can be invited in one request.`,
    );
  }
  if (fresh.length === 0) return { invited: [], alreadyInvited: existing.length };

  const now = deps.clock.now().toISOString();
  const invitations = fresh.map(
    ({ member, person }): Invitation => ({
      id: ulid(),
      sessionId,
      bodyId: body.id,
      memberId: member.memberId,
      personId: person.id,
      name: person.name,
      email: person.email,
      capacity: person.capacity === 'deputy' ? 'deputy' : person.capacity,
      version: 1,
      createdAt: now,
      updatedAt: now,
    }),
  );
  // Large lists go out in several transactions; the first also moves the
  // session to `invited`. A failure part-way leaves whole batches behind, and
  // sending again invites only those still missing.
  for (let offset = 0; offset < invitations.length; offset += invitationsPerTransaction) {
    const batch = invitations.slice(offset, offset + invitationsPerTransaction);
    const changes: Change[] = batch.flatMap((invitation): Change[] => [
      { type: 'invitation', op: 'create', invitation },
      { type: 'outbox', op: 'create', entry: outboxEntry(invitation, now) },
    ]);
    const audit = [];
    if (offset === 0 && session.state === 'planned') {
      const invited = nextVersion(deps, { ...session, state: 'invited' as const });
      changes.push({
        type: 'session',
        op: 'replace',
        session: invited,
        expectedVersion: session.version,
      });
      audit.push(
        auditEntry(deps, actor, 'session.invited', 'session', sessionId, body.id, session, invited),
      );
    } else {
      changes.push({ type: 'body-exists', bodyId: body.id });
    }
    audit.push({
      ...auditEntry(
        deps,
        actor,
        'session.invitations-sent',
        'session',
        sessionId,
        body.id,
        undefined,
        undefined,
      ),
      changedFields: batch.map((invitation) => `${invitation.memberId}:${invitation.email}`),
    });
    await deps.repo.commit(changes, audit);
  }
  return { invited: invitations, alreadyInvited: existing.length };
};

/** A queued outbox entry for one mail to an invitee. */
export const outboxEntry = (
  invitation: Invitation,
  now: string,
  kind: InvitationOutboxEntry['kind'] = 'invitation',
): InvitationOutboxEntry => ({
  ...queuedMail(now),
  kind,
  sessionId: invitation.sessionId,
  invitationId: invitation.id,
});

/**
 * What invitees must hear when a session changes: an update (or the
 * cancellation) for each of them, as changes to write in the same
 * transaction as the session. When the session moves to other days, earlier
 * answers no longer hold and are cleared, so that everyone answers again.
 */
export const invitationNotices = async (
  deps: UseCaseDeps,
  sessionId: string,
  kind: 'update' | 'cancel',
  clearAnswers: boolean,
): Promise<Change[]> => {
  const invitations = await deps.repo.listInvitations(sessionId);
  if (invitations.length > invitationsPerTransaction) {
    throw new UnprocessableError(
      `The session has ${invitations.length} invitees; a change can be announced with the session to at most ${invitationsPerTransaction}.`,
    );
  }
  const now = deps.clock.now().toISOString();
  return invitations.flatMap((invitation): Change[] => {
    const notice: Change = {
      type: 'outbox',
      op: 'create',
      entry: outboxEntry(invitation, now, kind),
    };
    if (!clearAnswers || invitation.answer === undefined) return [notice];
    const { answer: _cleared, ...rest } = invitation;
    return [
      notice,
      {
        type: 'invitation',
        op: 'replace',
        invitation: nextVersion(deps, rest),
        expectedVersion: invitation.version,
      },
    ];
  });
};

/** The invitation, session and deadline a link leads to; refused links throw `LinkRefusedError`. */
export const openAnswerLink = async (deps: InvitationDeps, token: string) => {
  const claims = verifyLink(deps.linkSecret, token, 'invitation-answer', deps.clock.now());
  const [sessionId = '', invitationId = ''] = claims.subject.split(':');
  const [session, invitation] = await Promise.all([
    deps.repo.getSession(sessionId),
    deps.repo.getInvitation(sessionId, invitationId),
  ]);
  if (session === undefined || invitation === undefined)
    throw new NotFoundError('Invitation', invitationId);
  const body = await deps.repo.getBody(session.bodyId);
  if (body === undefined) throw new NotFoundError('Body', session.bodyId);
  const deadline = session.answerDeadline ?? session.startsAt;
  const open = isEditable(session.state) && deps.clock.now().getTime() <= Date.parse(deadline);
  return { session, invitation, body, deadline, open };
};

/** The answer can no longer be given or changed. */
export class AnswerClosedError extends ConflictError {
  constructor(deadline: string) {
    super('The answer deadline has passed.', { deadline });
  }
}

const sameAnswer = (a: Answer | undefined, b: Omit<Answer, 'at'>) =>
  a !== undefined &&
  a.status === b.status &&
  (a.comment ?? '') === (b.comment ?? '') &&
  (a.deputy?.name ?? '') === (b.deputy?.name ?? '') &&
  (a.deputy?.email ?? '') === (b.deputy?.email ?? '');

/**
 * Records an invitee's answer. The same answer again changes nothing; a
 * different one replaces it until the deadline. Concurrent answers are
 * serialised by the invitation's version: each state change happens once.
 */
export const recordAnswer = async (
  deps: InvitationDeps,
  target: { sessionId: string; invitationId: string },
  input: AnswerInput,
  channel: AnswerChannel,
  actorName: string,
  /** The session and invitation the caller read just before (the link page): saves the first reads. */
  known?: { session: Session; invitation: Invitation },
): Promise<{ invitation: Invitation; changed: boolean }> => {
  const valid = parseInput(AnswerInputSchema, input, 'body');
  if (valid.status === 'represented' && valid.deputyName === undefined) {
    throw new UnprocessableError('Name the person who attends in your place.', {
      errors: [{ path: 'body.deputyName', message: 'required when represented' }],
    });
  }
  const wanted: Omit<Answer, 'at'> = {
    status: valid.status,
    channel,
    ...(valid.comment ? { comment: valid.comment } : {}),
    ...(valid.status === 'represented' && valid.deputyName
      ? {
          deputy: {
            name: valid.deputyName,
            ...(valid.deputyEmail ? { email: valid.deputyEmail } : {}),
          },
        }
      : {}),
  };
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const [session, before] =
      attempt === 0 && known !== undefined
        ? [known.session, known.invitation]
        : await Promise.all([
            deps.repo.getSession(target.sessionId),
            deps.repo.getInvitation(target.sessionId, target.invitationId),
          ]);
    if (session === undefined || before === undefined)
      throw new NotFoundError('Invitation', target.invitationId);
    const deadline = session.answerDeadline ?? session.startsAt;
    if (!isEditable(session.state) || deps.clock.now().getTime() > Date.parse(deadline)) {
      throw new AnswerClosedError(deadline);
    }
    if (sameAnswer(before.answer, wanted)) return { invitation: before, changed: false };
    const after = nextVersion(deps, {
      ...before,
      answer: { ...wanted, at: deps.clock.now().toISOString() },
    });
    const deputy = await deputyInvitation(deps, before, wanted);
    const deputyChanges: Change[] =
      deputy === undefined
        ? []
        : [
            { type: 'invitation', op: 'create', invitation: deputy },
            { type: 'outbox', op: 'create', entry: outboxEntry(deputy, deputy.createdAt) },
          ];
    try {
      await deps.repo.commit(
        [
          { type: 'invitation', op: 'replace', invitation: after, expectedVersion: before.version },
          ...deputyChanges,
        ],
        [
          {
            ...auditEntry(
              deps,
              { principal: { subject: actorName, email: actorName, roles: [], bodies: [] } },
              `invitation.${valid.status}`,
              'session',
              target.sessionId,
              before.bodyId,
              before,
              after,
            ),
            changedFields: [`${before.memberId}:${channel}`],
          },
        ],
      );
      return { invitation: after, changed: true };
    } catch (error) {
      // Someone answered at the same moment: read again and decide anew.
      if (!(error instanceof PreconditionFailedError)) throw error;
    }
  }
  throw new ConflictError('The answer is being changed by many requests at once; try again.');
};

/**
 * The invitation of a named deputy with an address: they get one of their
 * own (with their own links), unless they were invited already.
 */
const deputyInvitation = async (
  deps: InvitationDeps,
  principal: Invitation,
  answer: Omit<Answer, 'at'>,
): Promise<Invitation | undefined> => {
  const email = answer.deputy?.email;
  if (answer.status !== 'represented' || email === undefined || answer.deputy === undefined)
    return undefined;
  const existing = await deps.repo.listInvitations(principal.sessionId);
  if (existing.some((invitation) => invitation.email === email)) return undefined;
  const now = deps.clock.now().toISOString();
  return {
    id: ulid(),
    sessionId: principal.sessionId,
    bodyId: principal.bodyId,
    memberId: principal.memberId,
    personId: `deputy:${email}`,
    name: answer.deputy.name,
    email,
    capacity: 'deputy',
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
};

/**
 * The secretariat records an answer it took by phone or in person; it shows
 * on the board with the channel `secretariat` and is audited under the
 * secretariat's name.
 */
export const recordAnswerForInvitee = async (
  deps: InvitationDeps,
  actor: Actor,
  sessionId: string,
  invitationId: string,
  input: AnswerInput,
): Promise<Invitation> => {
  const session = await deps.repo.getSession(sessionId);
  if (session === undefined) throw new NotFoundError('Session', sessionId);
  requirePermission(actor.principal, 'sessions:manage', session.bodyId);
  const { invitation } = await recordAnswer(
    deps,
    { sessionId, invitationId },
    input,
    'secretariat',
    actorName(actor),
  );
  return invitation;
};

/** The attendance board of a session: one line per member, counts, and the press sentence. */
export const getAttendance = async (
  deps: UseCaseDeps,
  actor: Actor,
  sessionId: string,
): Promise<AttendanceBoard> => {
  const session = await deps.repo.getSession(sessionId);
  if (session === undefined) throw new NotFoundError('Session', sessionId);
  requirePermission(actor.principal, 'sessions:read', session.bodyId);
  const [body, invitations] = await Promise.all([
    deps.repo.getBodyWithMembers(session.bodyId),
    deps.repo.listInvitations(sessionId),
  ]);
  if (body === undefined) throw new NotFoundError('Body', session.bodyId);
  return attendanceBoard(sessionId, body.members, invitations);
};
