import { ulid } from 'ulid';
import {
  ConflictError,
  NotFoundError,
  PreconditionFailedError,
  UnprocessableError,
} from '../domain/errors.js';
import { msg } from '../domain/messages.js';
import { can, type Permission, requirePermission } from '../domain/policy.js';
import {
  invitationRelevantFields,
  normalizedKind,
  type Session,
  type SessionInput,
  SessionInputSchema,
  type SessionPatch,
  SessionPatchSchema,
  SessionShapeSchema,
  type SessionState,
} from '../domain/session.js';
import { answersStand, snapshotOf } from '../domain/session-change.js';
import { sessionSeries } from '../domain/session-numbering.js';
import { isEditable, transition } from '../domain/session-state.js';
import type { Page, PageRequest } from '../ports/pagination.js';
import {
  type Actor,
  auditEntry,
  type Created,
  createOnce,
  nextVersion,
  type UseCaseDeps,
} from './context.js';
import { announceChange, sendPendingNotices } from './invitations.js';
import { parseInput } from './parse-input.js';
import { requireVersion } from './versions.js';

/**
 * Plans a session of a body. It gets the next number of its series by the
 * body's rule (`sessionSeries`: the running number, or per year for an
 * extraordinary session) and starts in state `planned`.
 *
 * @example
 * ```ts
 * await planSession(deps, actor, 'imk', { kind: 'regular', title: 'Frühjahrskonferenz', ... });
 * ```
 */
export const planSession = (
  deps: UseCaseDeps,
  actor: Actor,
  bodyId: string,
  input: SessionInput,
  idempotencyKey?: string,
): Promise<Created<Session>> => {
  requirePermission(actor.principal, 'sessions:manage', bodyId);
  const { sendInvitations: _fastPath, ...valid } = parseInput(SessionInputSchema, input, 'body');
  return createOnce(
    deps,
    actor,
    { key: idempotencyKey, operation: `planSession:${bodyId}`, request: valid },
    async () => {
      const body = await deps.repo.getBodyWithMembers(bodyId);
      if (body === undefined) throw new NotFoundError('Body', bodyId);
      if (
        valid.hostMemberId !== undefined &&
        !body.members.some((m) => m.memberId === valid.hostMemberId)
      ) {
        throw new UnprocessableError(
          msg('session.host-not-member', { memberId: valid.hostMemberId, bodyId }),
        );
      }
      if (valid.preparatorySessionId !== undefined) {
        await requirePreparatory(deps, valid.preparatorySessionId, valid.startsAt);
      }
      const { kind, format } = normalizedKind(valid);
      const { counter, ...series } = sessionSeries(
        kind,
        body.sessionNumbering,
        valid.startsAt,
        valid.timeZone,
      );
      const number = await deps.repo.nextSessionNumber(bodyId, counter);
      const now = deps.clock.now().toISOString();
      const session: Session = {
        id: ulid(),
        bodyId,
        number,
        ...series,
        ...valid,
        kind,
        format,
        state: 'planned',
        version: 1,
        createdAt: now,
        updatedAt: now,
      };
      return {
        changes: [{ type: 'session', op: 'create', session }],
        audit: [
          auditEntry(
            deps,
            actor,
            'session.create',
            'session',
            session.id,
            bodyId,
            undefined,
            session,
          ),
        ],
        value: session,
      };
    },
  );
};

const requirePreparatory = async (deps: UseCaseDeps, preparatoryId: string, startsAt: string) => {
  const preparatory = await deps.repo.getSession(preparatoryId);
  if (preparatory === undefined) {
    throw new UnprocessableError(msg('session.preparatory-missing', { sessionId: preparatoryId }));
  }
  if (Date.parse(preparatory.startsAt) > Date.parse(startsAt)) {
    throw new UnprocessableError(msg('session.preparatory-later'));
  }
};

/** A session the caller may read; 404 when it does not exist. */
export const getSession = async (
  deps: UseCaseDeps,
  actor: Actor,
  sessionId: string,
): Promise<Session> => {
  const session = await deps.repo.getSession(sessionId);
  if (session === undefined) throw new NotFoundError('Session', sessionId);
  requirePermission(actor.principal, 'sessions:read', session.bodyId);
  return session;
};

/** The secretariat's calendar: sessions starting between `from` and `to`, of one body or of all visible ones. */
export const listSessions = async (
  deps: UseCaseDeps,
  actor: Actor,
  query: { from: string; to: string; bodyId?: string | undefined } & PageRequest,
): Promise<Page<Session>> => {
  if (query.bodyId !== undefined) requirePermission(actor.principal, 'sessions:read', query.bodyId);
  else requirePermission(actor.principal, 'sessions:read');
  if (query.to < query.from) throw new UnprocessableError(msg('request.range-reversed'));
  const page = await deps.repo.listSessions(query);
  return {
    ...page,
    items: page.items.filter((s) => can(actor.principal, 'sessions:read', s.bodyId)),
  };
};

/**
 * The session a change is about: 404 when it does not exist, 403 without the
 * permission for its body, 412 when the `If-Match` version is not the stored one.
 */
export const sessionToChange = async (
  deps: UseCaseDeps,
  actor: Actor,
  sessionId: string,
  version: number,
  permission: Permission,
): Promise<Session> => {
  const session = await deps.repo.getSession(sessionId);
  if (session === undefined) throw new NotFoundError('Session', sessionId);
  requirePermission(actor.principal, permission, session.bodyId);
  if (session.version !== version) throw new PreconditionFailedError();
  return session;
};

/**
 * Sends a change's notices right away. The change itself is stored with its
 * notice job; should sending stop part-way (throttling, a crash), the notice
 * sweep sends the rest, so the request still succeeds.
 */
const noticesNow = async (deps: UseCaseDeps, sessionId: string) => {
  // Whatever stops this (throttling, a lost race with the sweep) leaves the
  // job in the table, where the sweep finds it and reports it if it fails again.
  await sendPendingNotices(deps, sessionId).catch(() => undefined);
};

/**
 * A session keeps its number: its kind may change only where the new kind
 * is numbered in the same series (regular and constitutive sessions share
 * the running number; an extraordinary one does too when the body numbers
 * every session in it).
 */
const requireSameSeries = async (deps: UseCaseDeps, before: Session, after: Session) => {
  if (before.kind === after.kind) return;
  const running = (kind: Session['kind']) => kind !== 'extraordinary';
  if (before.numbering === 'running' && running(after.kind)) return;
  if (before.numbering === 'running') {
    const body = await deps.repo.getBody(before.bodyId);
    if (body?.sessionNumbering === 'running') return;
  }
  throw new UnprocessableError(
    msg('session.kind-changes-number', { from: before.kind, to: after.kind }),
  );
};

/**
 * Changes a session's title, kind, format, times, place, host or deadline;
 * the merged session must still be valid. A change invitees must hear about
 * starts its notices, with what they knew before, and clears only the
 * answers that no longer stand (`answersStand`).
 */
export const updateSession = async (
  deps: UseCaseDeps,
  actor: Actor,
  sessionId: string,
  patch: SessionPatch,
  expectedVersion: number | undefined,
): Promise<Session> => {
  const version = requireVersion(expectedVersion);
  const valid = parseInput(SessionPatchSchema, patch, 'body');
  const before = await sessionToChange(deps, actor, sessionId, version, 'sessions:manage');
  if (!isEditable(before.state)) {
    throw new ConflictError(msg('session.locked', { state: before.state }), {
      state: before.state,
      allowed: [],
    });
  }
  const merged: Session = { ...before, ...valid, ...normalizedKind({ ...before, ...valid }) };
  await requireSameSeries(deps, before, merged);
  const {
    id: _id,
    bodyId: _b,
    number: _n,
    numbering: _nb,
    numberYear: _ny,
    state: _s,
    version: _v,
    createdAt: _c,
    updatedAt: _u,
    ...shape
  } = merged;
  parseInput(SessionShapeSchema, shape, 'body');
  if (valid.preparatorySessionId !== undefined) {
    await requirePreparatory(deps, valid.preparatorySessionId, merged.startsAt);
  }
  const relevant = invitationRelevantFields.some(
    (field) => JSON.stringify(before[field]) !== JSON.stringify(merged[field]),
  );
  const notices =
    relevant && before.state !== 'planned'
      ? await announceChange(
          deps,
          sessionId,
          'update',
          !answersStand(before, merged),
          snapshotOf(before),
        )
      : { changes: [], announced: false };
  // A new deadline (or start) re-arms the reminders for it.
  const rearmed =
    merged.answerDeadline !== before.answerDeadline || merged.startsAt !== before.startsAt
      ? { ...merged, remindersSent: [] }
      : merged;
  const after = nextVersion(
    deps,
    notices.announced ? { ...rearmed, sequence: (before.sequence ?? 0) + 1 } : rearmed,
  );
  await deps.repo.commit(
    [
      { type: 'session', op: 'replace', session: after, expectedVersion: version },
      ...notices.changes,
    ],
    [auditEntry(deps, actor, 'session.update', 'session', sessionId, before.bodyId, before, after)],
  );
  if (notices.announced) await noticesNow(deps, sessionId);
  return after;
};

/** Moves a session along its life cycle; 409 naming the allowed states otherwise. */
export const changeSessionState = async (
  deps: UseCaseDeps,
  actor: Actor,
  sessionId: string,
  to: SessionState,
  expectedVersion: number | undefined,
): Promise<Session> => {
  const version = requireVersion(expectedVersion);
  const before = await sessionToChange(deps, actor, sessionId, version, 'sessions:manage');
  const state = transition(before.state, to);
  const notices =
    state === 'cancelled'
      ? await announceChange(deps, sessionId, 'cancel', false)
      : { changes: [], announced: false };
  const after = nextVersion(deps, {
    ...before,
    state,
    ...(notices.announced ? { sequence: (before.sequence ?? 0) + 1 } : {}),
  });
  await deps.repo.commit(
    [
      { type: 'session', op: 'replace', session: after, expectedVersion: version },
      ...notices.changes,
    ],
    [auditEntry(deps, actor, `session.${to}`, 'session', sessionId, before.bodyId, before, after)],
  );
  if (notices.announced) await noticesNow(deps, sessionId);
  return after;
};
