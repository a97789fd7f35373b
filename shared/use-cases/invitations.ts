import { ulid } from 'ulid';
import { type Member, type Person, trustsAddress } from '../domain/body.js';
import {
  ConflictError,
  NotFoundError,
  PreconditionFailedError,
  UnprocessableError,
} from '../domain/errors.js';
import {
  type Answer,
  type AnswerChannel,
  type AnsweredBy,
  type AnswerInput,
  AnswerInputSchema,
  type AttendanceBoard,
  attendanceBoard,
  type Invitation,
  isActive,
  maxDeputyNamings,
  type NoticeJob,
  type SendInvitationsInput,
  SendInvitationsInputSchema,
} from '../domain/invitation.js';
import { LinkRefusedError, signLink, verifyLink } from '../domain/link-token.js';
import { type Message, msg, renderMessage } from '../domain/messages.js';
import { type InvitationOutboxEntry, queuedMail } from '../domain/outbox.js';
import { can, requirePermission } from '../domain/policy.js';
import type { Session } from '../domain/session.js';
import type { SessionSnapshot } from '../domain/session-change.js';
import { isEditable } from '../domain/session-state.js';
import type { Change } from '../ports/conference-repository.js';
import { type Actor, actorName, auditEntry, nextVersion, type UseCaseDeps } from './context.js';
import { parseInput } from './parse-input.js';
import { eachOnItsOwn, type SweepFailure } from './sweep.js';

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
    // The body too, so that opening the link reads all three items in one request.
    subject: `${session.id}:${invitation.id}:${session.bodyId}`,
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
    throw new ConflictError(msg('invitation.session-locked', { state: session.state }), {
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
            throw new UnprocessableError(
              msg('invitation.not-a-person', { personId: id, bodyId: body.id }),
            );
          return found;
        });
  const existing = await deps.repo.listInvitations(sessionId);
  const fresh = wanted.filter(
    ({ person }) => !existing.some((invitation) => invitation.personId === person.id),
  );
  if (fresh.length > maxInvitationsPerRequest) {
    throw new UnprocessableError(msg('invitation.too-many', { max: maxInvitationsPerRequest }));
  }
  if (fresh.length === 0) return { invited: [], alreadyInvited: existing.length };

  const now = deps.clock.now().toISOString();
  const invitations = fresh.map(({ member, person }) =>
    newInvitation(session, member, person, now),
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
      const invited = nextVersion(deps, { ...session, state: 'invited' as const, invitedAt: now });
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
      ...(session.exercise === true ? { exercise: true as const } : {}),
    });
    await deps.repo.commit(changes, audit);
  }
  return { invited: invitations, alreadyInvited: existing.length };
};

/** The board with the escalation steps taken for each member ("an die Vertretung gegangen"). */
const withEscalations = (board: AttendanceBoard, session: Session): AttendanceBoard => ({
  ...board,
  lines: board.lines.map((line) => {
    const steps = (session.escalations ?? [])
      .filter((escalation) => escalation.memberId === line.memberId)
      .map(({ step, at }) => ({ step, at }));
    return steps.length === 0 ? line : { ...line, escalations: steps };
  }),
});

/**
 * A new invitation of one of a member's people to a session; an exercise's
 * invitations say so, for the audit.
 *
 * @example
 * ```ts
 * const invitation = newInvitation(session, member, member.people[0], now);
 * ```
 */
export const newInvitation = (
  session: Session,
  member: Member,
  person: Person,
  now: string,
): Invitation => ({
  id: ulid(),
  sessionId: session.id,
  bodyId: session.bodyId,
  memberId: member.memberId,
  personId: person.id,
  name: person.name,
  ...(person.salutation ? { salutation: person.salutation } : {}),
  email: person.email,
  capacity: person.capacity,
  ...(session.exercise === true ? { exercise: true } : {}),
  version: 1,
  createdAt: now,
  updatedAt: now,
});

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
 * What invitees must hear when a session changes: the changes that start (or
 * restart) the session's notice job, to write in the same transaction as the
 * session, and whether anyone was invited at all. The notices themselves go
 * out in batches (`sendPendingNotices`), so a change reaches every invitee
 * however many there are. A newer change restarts the job from the first
 * invitee; a cancellation wins over an update.
 */
export const announceChange = async (
  deps: UseCaseDeps,
  sessionId: string,
  kind: NoticeJob['kind'],
  clearAnswers: boolean,
  previous?: SessionSnapshot,
): Promise<{ changes: Change[]; announced: boolean }> => {
  const [invitations, pending] = await Promise.all([
    deps.repo.listInvitations(sessionId),
    deps.repo.getNoticeJob(sessionId),
  ]);
  if (!invitations.some((invitation) => invitation.state !== 'pending')) {
    return { changes: [], announced: false };
  }
  const now = deps.clock.now().toISOString();
  if (pending === undefined) {
    const job: NoticeJob = {
      sessionId,
      kind,
      clearAnswers,
      ...(previous ? { previous } : {}),
      version: 1,
      createdAt: now,
      updatedAt: now,
    };
    return { changes: [{ type: 'notice-job', op: 'create', job }], announced: true };
  }
  const { after: _restart, ...rest } = pending;
  const job = nextVersion(deps, {
    ...rest,
    kind: pending.kind === 'cancel' ? 'cancel' : kind,
    clearAnswers: pending.clearAnswers || clearAnswers,
    // What invitees knew before the first change still being announced.
    ...((pending.previous ?? previous) ? { previous: pending.previous ?? previous } : {}),
    createdAt: now,
  });
  return {
    changes: [{ type: 'notice-job', op: 'replace', job, expectedVersion: pending.version }],
    announced: true,
  };
};

/**
 * Sends the next batch of a session's pending notices: one outbox entry per
 * invitee (the revoked deputies excepted, who were told already), and the
 * cleared answers when they no longer stand (see `answersStand`). Each batch is written
 * with the job's new cursor under its version, so a repeated or concurrent
 * run tells nobody twice. Returns false when nothing is left.
 */
const sendNoticeBatch = async (deps: UseCaseDeps, sessionId: string): Promise<boolean> => {
  const job = await deps.repo.getNoticeJob(sessionId);
  if (job === undefined) return false;
  // One more than a batch tells whether another batch follows.
  const next = await deps.repo.listInvitationsAfter(
    sessionId,
    job.after,
    invitationsPerTransaction + 1,
  );
  const batch = next.slice(0, invitationsPerTransaction);
  const done = next.length <= invitationsPerTransaction;
  const last = batch.at(-1);
  const now = deps.clock.now().toISOString();
  // Invitations made after the change carry it already.
  const told = batch.filter(
    (invitation) => isActive(invitation) && invitation.createdAt <= job.createdAt,
  );
  const changes: Change[] = told.flatMap((invitation): Change[] => {
    const clear = job.clearAnswers && invitation.answer !== undefined;
    const entry: InvitationOutboxEntry = {
      ...outboxEntry(invitation, now, job.kind),
      ...(job.kind === 'update' && job.previous ? { previous: job.previous } : {}),
      ...(clear ? { answerCleared: true } : {}),
    };
    const notice: Change = { type: 'outbox', op: 'create', entry };
    if (!clear) return [notice];
    const { answer: _cleared, ...unanswered } = invitation;
    return [
      notice,
      {
        type: 'invitation',
        op: 'replace',
        invitation: nextVersion(deps, unanswered),
        expectedVersion: invitation.version,
      },
    ];
  });
  changes.push(
    done
      ? { type: 'notice-job', op: 'delete', job, expectedVersion: job.version }
      : {
          type: 'notice-job',
          op: 'replace',
          job: nextVersion(deps, { ...job, ...(last ? { after: last.id } : {}) }),
          expectedVersion: job.version,
        },
  );
  await deps.repo.commit(changes, []);
  return !done;
};

/**
 * Sends every pending notice of a session, batch after batch. Called right
 * after the change so that invitees hear of it at once; whatever is left
 * (a crash, throttling) the notice sweep sends within a minute.
 */
export const sendPendingNotices = async (deps: UseCaseDeps, sessionId: string): Promise<void> => {
  while (await sendNoticeBatch(deps, sessionId)) {
    // Each round wrote one batch and moved the cursor; the next reads it again.
  }
};

/**
 * The notice sweep: finishes every session change that is still being
 * announced, each session on its own.
 */
export const sweepNotices = async (deps: UseCaseDeps, failures: SweepFailure[] = []) => {
  let sessions = 0;
  await eachOnItsOwn(
    'notices',
    await deps.repo.listNoticeJobs(),
    (job) => job.sessionId,
    async (job) => {
      await sendPendingNotices(deps, job.sessionId);
      sessions += 1;
    },
    failures,
  );
  return sessions;
};

/** The invitation, session and deadline a link leads to; refused links throw `LinkRefusedError`. */
/**
 * What an answer link needs: one consistent read of the three items when
 * the link names the body (links sent since it does), else the session and
 * the invitation, then the session's body.
 */
const invitationContext = async (
  deps: InvitationDeps,
  sessionId: string,
  invitationId: string,
  bodyId: string | undefined,
) => {
  if (bodyId !== undefined) {
    const context = await deps.repo.getInvitationContext(sessionId, invitationId, bodyId);
    // A body that no longer matches the session (the link is older than a move): read it anew.
    if (context.session === undefined || context.body?.id === context.session.bodyId) {
      return context;
    }
  }
  const [session, invitation] = await Promise.all([
    deps.repo.getSession(sessionId),
    deps.repo.getInvitation(sessionId, invitationId),
  ]);
  const body = session === undefined ? undefined : await deps.repo.getBody(session.bodyId);
  return { session, invitation, body };
};

export const openAnswerLink = async (deps: InvitationDeps, token: string) => {
  const claims = verifyLink(deps.linkSecret, token, 'invitation-answer', deps.clock.now());
  const [sessionId = '', invitationId = '', bodyId] = claims.subject.split(':');
  const { session, invitation, body } = await invitationContext(
    deps,
    sessionId,
    invitationId,
    bodyId,
  );
  if (session === undefined || invitation === undefined)
    throw new NotFoundError('Invitation', invitationId);
  if (!isActive(invitation)) throw new InvitationRevokedError();
  if (body === undefined || body.id !== session.bodyId) {
    throw new NotFoundError('Body', session.bodyId);
  }
  const deadline = session.answerDeadline ?? session.startsAt;
  const open = isEditable(session.state) && deps.clock.now().getTime() <= Date.parse(deadline);
  return { session, invitation, body, deadline, open };
};

/** The invitation was withdrawn (or never confirmed): its links no longer work. */
export class InvitationRevokedError extends LinkRefusedError {
  constructor() {
    super('revoked');
  }
}

/** A deputy cannot be named this way; `page` says why in German for the answer page. */
export class DeputyRefusedError extends UnprocessableError {
  readonly page: string;

  constructor(message: Message) {
    super(message, { errors: [{ path: 'body.status', message }] });
    this.page = renderMessage(message, 'de');
  }
}

/** One invitation named deputies too often: further changes go through the secretariat. */
export class TooManyDeputiesError extends DeputyRefusedError {
  constructor() {
    super(msg('invitation.too-many-deputies', { max: maxDeputyNamings }));
  }
}

/** The answer can no longer be given or changed. */
export class AnswerClosedError extends ConflictError {
  constructor(deadline: string) {
    super(msg('invitation.answer-closed'), { deadline });
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
  /** Someone other than the invitee who answered for them (an office contact, a named sender). */
  by?: AnsweredBy,
): Promise<{ invitation: Invitation; changed: boolean }> => {
  const valid = parseInput(AnswerInputSchema, input, 'body');
  if (valid.status === 'represented' && valid.deputyName === undefined) {
    throw new UnprocessableError(msg('invitation.deputy-name-required'), {
      errors: [{ path: 'body.deputyName', message: msg('field.deputy-name-required') }],
    });
  }
  const wanted: Omit<Answer, 'at'> = {
    status: valid.status,
    channel,
    ...(by === undefined ? {} : { by }),
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
    if (!isActive(before)) throw new InvitationRevokedError();
    if (valid.status === 'represented' && before.capacity !== 'principal') {
      throw new DeputyRefusedError(msg('invitation.deputy-by-principal-only'));
    }
    const deadline = session.answerDeadline ?? session.startsAt;
    if (!isEditable(session.state) || deps.clock.now().getTime() > Date.parse(deadline)) {
      throw new AnswerClosedError(deadline);
    }
    if (sameAnswer(before.answer, wanted)) return { invitation: before, changed: false };
    const now = deps.clock.now().toISOString();
    // Only a minister who names a deputy now, or has one, can have one to change.
    const deputy =
      before.capacity === 'principal' &&
      (wanted.status === 'represented' || before.deputyId !== undefined)
        ? await deputyChanges(deps, before, wanted)
        : undefined;
    const { deputyId: _earlier, ...answering } = before;
    const after = nextVersion(deps, {
      ...answering,
      answer: { ...wanted, at: now },
      ...(deputy?.deputyId !== undefined ? { deputyId: deputy.deputyId } : {}),
      ...(deputy?.namings !== undefined ? { deputyNamings: deputy.namings } : {}),
    });
    try {
      await deps.repo.commit(
        [
          { type: 'invitation', op: 'replace', invitation: after, expectedVersion: before.version },
          ...(deputy?.changes ?? []),
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
            changedFields: [`${before.memberId}:${channel}`, ...(deputy?.audit ?? [])],
          },
        ],
      );
      return { invitation: after, changed: true };
    } catch (error) {
      // Someone answered at the same moment: read again and decide anew.
      if (!(error instanceof PreconditionFailedError)) throw error;
    }
  }
  throw new ConflictError(msg('invitation.answer-busy'));
};

/** The changes that revoke an invitation and tell its holder once, with a short notice. */
const revocation = (
  deps: UseCaseDeps,
  invitation: Invitation,
): { revoked: Invitation; changes: Change[] } => {
  const now = deps.clock.now().toISOString();
  const revoked = nextVersion(deps, { ...invitation, state: 'revoked' as const, revokedAt: now });
  const changes: Change[] = [
    { type: 'invitation', op: 'replace', invitation: revoked, expectedVersion: invitation.version },
    // Only someone who was mailed an invitation is told it is withdrawn.
    ...(invitation.state === undefined
      ? [
          {
            type: 'outbox' as const,
            op: 'create' as const,
            entry: outboxEntry(invitation, now, 'revoked'),
          },
        ]
      : []),
  ];
  return { revoked, changes };
};

/**
 * What a minister's answer means for the deputy they named: one active
 * deputy per invitation. Naming another replaces the first (revoked, with a
 * notice); any other answer revokes the deputy. A new deputy whose address
 * belongs to the member (one of its people, or one of its mail domains) is
 * invited at once; any other address waits for the secretariat, and no mail
 * goes to it before the secretariat confirms.
 */
const deputyChanges = async (
  deps: InvitationDeps,
  principal: Invitation,
  answer: Omit<Answer, 'at'>,
): Promise<{ changes: Change[]; audit: string[]; deputyId?: string; namings?: number }> => {
  const current =
    principal.deputyId === undefined
      ? undefined
      : await deps.repo.getInvitation(principal.sessionId, principal.deputyId);
  const standing = current?.state === 'revoked' ? undefined : current;
  const email = answer.status === 'represented' ? answer.deputy?.email : undefined;
  if (standing !== undefined && standing.email === email) {
    return { changes: [], audit: [], deputyId: standing.id };
  }
  const changes = standing === undefined ? [] : revocation(deps, standing).changes;
  const audit = standing === undefined ? [] : [`deputy-revoked:${standing.email}`];
  if (email === undefined || answer.deputy === undefined) return { changes, audit };
  const namings = (principal.deputyNamings ?? 0) + 1;
  if (namings > maxDeputyNamings) throw new TooManyDeputiesError();
  // Someone invited in their own right (a registered deputy or office contact) needs no second invitation.
  const existing = await deps.repo.listInvitations(principal.sessionId);
  if (existing.some((invitation) => invitation.email === email && isActive(invitation))) {
    return { changes, audit, namings };
  }
  const body = await deps.repo.getBodyWithMembers(principal.bodyId);
  const member = body?.members.find((candidate) => candidate.memberId === principal.memberId);
  const trusted = member !== undefined && trustsAddress(member, email);
  const now = deps.clock.now().toISOString();
  const deputy: Invitation = {
    id: ulid(),
    sessionId: principal.sessionId,
    bodyId: principal.bodyId,
    memberId: principal.memberId,
    personId: `deputy:${email}`,
    name: answer.deputy.name,
    email,
    capacity: 'deputy',
    invitedBy: principal.id,
    ...(principal.exercise === true ? { exercise: true } : {}),
    ...(trusted ? {} : { state: 'pending' as const }),
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
  changes.push({ type: 'invitation', op: 'create', invitation: deputy });
  if (trusted) changes.push({ type: 'outbox', op: 'create', entry: outboxEntry(deputy, now) });
  audit.push(`${trusted ? 'deputy-invited' : 'deputy-awaits-confirmation'}:${email}`);
  return { changes, audit, deputyId: deputy.id, namings };
};

/** Reads an invitation of a session for the secretariat. */
const invitationToManage = async (
  deps: UseCaseDeps,
  actor: Actor,
  sessionId: string,
  invitationId: string,
) => {
  const session = await deps.repo.getSession(sessionId);
  if (session === undefined) throw new NotFoundError('Session', sessionId);
  requirePermission(actor.principal, 'sessions:manage', session.bodyId);
  const invitation = await deps.repo.getInvitation(sessionId, invitationId);
  if (invitation === undefined) throw new NotFoundError('Invitation', invitationId);
  return { session, invitation };
};

/**
 * The secretariat confirms a deputy named by link from an address outside
 * the member's domains: the invitation becomes active and is mailed.
 */
export const confirmDeputy = async (
  deps: InvitationDeps,
  actor: Actor,
  sessionId: string,
  invitationId: string,
): Promise<Invitation> => {
  const { session, invitation } = await invitationToManage(deps, actor, sessionId, invitationId);
  if (invitation.state === undefined) return invitation;
  if (invitation.state === 'revoked') {
    throw new ConflictError(msg('invitation.revoked'), { state: invitation.state });
  }
  if (!isEditable(session.state)) {
    throw new ConflictError(msg('invitation.session-locked', { state: session.state }), {
      state: session.state,
    });
  }
  const { state: _pending, ...rest } = invitation;
  const confirmed = nextVersion(deps, rest);
  await deps.repo.commit(
    [
      {
        type: 'invitation',
        op: 'replace',
        invitation: confirmed,
        expectedVersion: invitation.version,
      },
      { type: 'outbox', op: 'create', entry: outboxEntry(confirmed, confirmed.updatedAt) },
    ],
    [
      {
        ...auditEntry(
          deps,
          actor,
          'invitation.deputy-confirmed',
          'session',
          sessionId,
          session.bodyId,
          invitation,
          confirmed,
        ),
        changedFields: [`${invitation.memberId}:${invitation.email}`],
      },
    ],
  );
  return confirmed;
};

/**
 * The secretariat withdraws an invitation: its links stop working at once,
 * and someone who was mailed it is told once.
 */
export const revokeInvitation = async (
  deps: InvitationDeps,
  actor: Actor,
  sessionId: string,
  invitationId: string,
): Promise<Invitation> => {
  const { session, invitation } = await invitationToManage(deps, actor, sessionId, invitationId);
  if (invitation.state === 'revoked') return invitation;
  // Revoking a minister's invitation revokes the deputy they named, too.
  const deputy =
    invitation.deputyId === undefined
      ? undefined
      : await deps.repo.getInvitation(sessionId, invitation.deputyId);
  const named = deputy === undefined || deputy.state === 'revoked' ? [] : [deputy];
  const [own, ...others] = [invitation, ...named].map((one) => revocation(deps, one));
  if (own === undefined) return invitation;
  await deps.repo.commit(
    [own, ...others].flatMap((one) => one.changes),
    [
      {
        ...auditEntry(
          deps,
          actor,
          'invitation.revoked',
          'session',
          sessionId,
          session.bodyId,
          undefined,
          undefined,
        ),
        changedFields: [invitation, ...named].map((one) => `${one.memberId}:${one.email}`),
      },
    ],
  );
  return own.revoked;
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
  /** The sender of a reviewed reply, named on the board as the one who answered. */
  by?: AnsweredBy,
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
    undefined,
    by,
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
  const board = withEscalations(
    attendanceBoard(sessionId, body.members, invitations, {
      namesDeputies: body.pressSentenceNamesDeputies,
      wording: body.pressSentenceWording,
    }),
    session,
  );
  if (can(actor.principal, 'people:read-contacts', session.bodyId)) return board;
  // Addresses are for the secretariat, the chair and admins only.
  return {
    ...board,
    lines: board.lines.map(({ deliveryProblem, pendingDeputy, answeredBy, ...line }) => ({
      ...line,
      ...(answeredBy
        ? { answeredBy: { name: answeredBy.name, capacity: answeredBy.capacity } }
        : {}),
      ...(deliveryProblem ? { deliveryProblem: { problem: deliveryProblem.problem } } : {}),
      ...(pendingDeputy
        ? { pendingDeputy: { invitationId: pendingDeputy.invitationId, name: pendingDeputy.name } }
        : {}),
    })),
  };
};
