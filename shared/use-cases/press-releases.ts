import { ulid } from 'ulid';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  PreconditionFailedError,
  UnprocessableError,
} from '../domain/errors.js';
import { attendanceBoard } from '../domain/invitation.js';
import { msg, type PressAction } from '../domain/messages.js';
import { can, type Permission, requirePermission } from '../domain/policy.js';
import {
  type Facts,
  fillFacts,
  isPublicAt,
  type PressJob,
  type PressRelease,
  type PressReleaseInput,
  PressReleaseInputSchema,
  type PressReleasePatch,
  PressReleasePatchSchema,
  type PressReleaseState,
  ReturnInputSchema,
  WithdrawInputSchema,
} from '../domain/press-release.js';
import { germanDateRange } from '../mail/dates.js';
import type { Change } from '../ports/conference-repository.js';
import type { Page, PageRequest } from '../ports/pagination.js';
import {
  type Actor,
  actorName,
  auditEntry,
  type Created,
  createOnce,
  nextVersion,
  type UseCaseDeps,
} from './context.js';
import { parseInput } from './parse-input.js';
import { requireVersion } from './versions.js';

/** The live facts of a release's session: who has confirmed, what was released, when and where. */
export const liveFacts = async (
  deps: UseCaseDeps,
  sessionId: string | undefined,
): Promise<Facts> => {
  if (sessionId === undefined) return {};
  const session = await deps.repo.getSession(sessionId);
  if (session === undefined) return {};
  const [body, invitations, resolutions] = await Promise.all([
    deps.repo.getBodyWithMembers(session.bodyId),
    deps.repo.listInvitations(sessionId),
    deps.repo.listResolutionsOfSession(sessionId),
  ]);
  return {
    ...(body === undefined
      ? {}
      : {
          attendance: attendanceBoard(sessionId, body.members, invitations, {
            namesDeputies: body.pressSentenceNamesDeputies,
            wording: body.pressSentenceWording,
          }).pressSentence,
        }),
    resolutions: resolutions.filter((r) => r.state === 'released').map((r) => r.title),
    dates: germanDateRange(session.startsAt, session.endsAt, session.timeZone),
    place:
      [session.place?.room, session.place?.building, session.place?.city]
        .filter(Boolean)
        .join(', ') || 'Videokonferenz',
  };
};

/** The body with its placeholders filled: from the frozen facts once approved, live before. */
export const releaseText = async (deps: UseCaseDeps, release: PressRelease): Promise<string> =>
  fillFacts(release.body, release.facts ?? (await liveFacts(deps, release.sessionId)));

export const requireState = (
  release: PressRelease,
  allowed: PressReleaseState[],
  action: PressAction,
) => {
  if (!allowed.includes(release.state)) {
    throw new ConflictError(msg('press.state', { state: release.state, action }), {
      state: release.state,
      allowed,
    });
  }
};

const requireSession = async (deps: UseCaseDeps, bodyId: string, sessionId?: string) => {
  if (sessionId === undefined) return;
  const session = await deps.repo.getSession(sessionId);
  if (session === undefined || session.bodyId !== bodyId) {
    throw new UnprocessableError(msg('press.session-not-of-body', { sessionId, bodyId }), {
      errors: [{ path: 'body.sessionId', message: msg('field.unknown-session') }],
    });
  }
  // Nothing of an exercise reaches the press.
  if (session.exercise === true) {
    throw new UnprocessableError(msg('press.exercise-session', { sessionId }), {
      errors: [{ path: 'body.sessionId', message: msg('field.exercise-session') }],
    });
  }
};

/** Drafts a press release (press officers only). */
export const createPressRelease = async (
  deps: UseCaseDeps,
  actor: Actor,
  input: PressReleaseInput,
  idempotencyKey?: string,
): Promise<Created<PressRelease>> => {
  const valid = parseInput(PressReleaseInputSchema, input, 'body');
  requirePermission(actor.principal, 'press:draft', valid.bodyId);
  if ((await deps.repo.getBody(valid.bodyId)) === undefined)
    throw new NotFoundError('Body', valid.bodyId);
  await requireSession(deps, valid.bodyId, valid.sessionId);
  return createOnce(
    deps,
    actor,
    { key: idempotencyKey, operation: 'press-release', request: input },
    async () => {
      const now = deps.clock.now().toISOString();
      const release: PressRelease = {
        id: ulid(),
        ...valid,
        state: 'draft',
        comments: [],
        revisions: [],
        createdBy: actorName(actor),
        version: 1,
        createdAt: now,
        updatedAt: now,
      };
      return {
        changes: [{ type: 'press-release', op: 'create', release }],
        audit: [
          auditEntry(
            deps,
            actor,
            'press-release.create',
            'press-release',
            release.id,
            release.bodyId,
            undefined,
            release,
          ),
        ],
        value: release,
      };
    },
  );
};

export const load = async (deps: UseCaseDeps, actor: Actor, id: string, permission: Permission) => {
  const release = await deps.repo.getPressRelease(id);
  if (release === undefined) throw new NotFoundError('Press release', id);
  requirePermission(actor.principal, permission, release.bodyId);
  return release;
};

/** One press release, for staff. */
export const getPressRelease = (deps: UseCaseDeps, actor: Actor, id: string) =>
  load(deps, actor, id, 'press:read');

/** Every press release the caller may read, newest first. */
export const listPressReleases = async (
  deps: UseCaseDeps,
  actor: Actor,
  page: PageRequest,
): Promise<Page<PressRelease>> => {
  requirePermission(actor.principal, 'press:read');
  const result = await deps.repo.listPressReleases(page);
  return {
    ...result,
    items: result.items.filter((release) => can(actor.principal, 'press:read', release.bodyId)),
  };
};

/** Press officers and the chair both act on a release once it is approved. */
export const requirePressOrChair = (actor: Actor, release: PressRelease) => {
  if (
    !can(actor.principal, 'press:draft', release.bodyId) &&
    !can(actor.principal, 'press:approve', release.bodyId)
  ) {
    throw new ForbiddenError(msg('forbidden.publish', { bodyId: release.bodyId }));
  }
};

/** Writes a changed release (and any jobs) guarded by the version read. */
export const save = async (
  deps: UseCaseDeps,
  actor: Actor,
  action: string,
  before: PressRelease,
  after: PressRelease,
  extra: Change[] = [],
): Promise<PressRelease> => {
  await deps.repo.commit(
    [
      { type: 'press-release', op: 'replace', release: after, expectedVersion: before.version },
      ...extra,
    ],
    [
      auditEntry(
        deps,
        actor,
        `press-release.${action}`,
        'press-release',
        before.id,
        before.bodyId,
        before,
        after,
      ),
    ],
  );
  return after;
};

/** Edits a draft (press officers, If-Match). */
export const updatePressRelease = async (
  deps: UseCaseDeps,
  actor: Actor,
  id: string,
  patch: PressReleasePatch,
  expectedVersion: number | undefined,
): Promise<PressRelease> => {
  const version = requireVersion(expectedVersion);
  const valid = parseInput(PressReleasePatchSchema, patch, 'body');
  const before = await load(deps, actor, id, 'press:draft');
  requireState(before, ['draft'], 'edited');
  if (before.version !== version) throw new PreconditionFailedError();
  await requireSession(deps, before.bodyId, valid.sessionId);
  return save(deps, actor, 'update', before, nextVersion(deps, { ...before, ...valid }));
};

/** The press officer submits a draft to the chair. */
export const submitPressRelease = async (deps: UseCaseDeps, actor: Actor, id: string) => {
  const before = await load(deps, actor, id, 'press:draft');
  if (before.state === 'submitted') return before;
  requireState(before, ['draft'], 'submitted');
  return save(deps, actor, 'submit', before, nextVersion(deps, { ...before, state: 'submitted' }));
};

/** The chair sends a submitted release back to draft, with a comment. */
export const returnPressRelease = async (
  deps: UseCaseDeps,
  actor: Actor,
  id: string,
  input: { comment: string },
) => {
  const valid = parseInput(ReturnInputSchema, input, 'body');
  const before = await load(deps, actor, id, 'press:approve');
  requireState(before, ['submitted'], 'returned');
  return save(
    deps,
    actor,
    'return',
    before,
    nextVersion(deps, {
      ...before,
      state: 'draft',
      comments: [
        ...before.comments,
        { at: deps.clock.now().toISOString(), by: actorName(actor), text: valid.comment },
      ],
    }),
  );
};

const job = (
  deps: UseCaseDeps,
  releaseId: string,
  kind: PressJob['kind'],
  dueAt: string,
  mailing?: PressJob['mailing'],
): PressJob => {
  const now = deps.clock.now().toISOString();
  return {
    releaseId,
    kind,
    dueAt,
    ...(mailing ? { mailing } : {}),
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
};

/**
 * Publishes now, or schedules the publication at `at` (the embargo): the
 * release becomes public by the time in its key, and a job mails the press
 * list when the time comes (unless it got the release in advance).
 */
export const publication = (
  deps: UseCaseDeps,
  release: PressRelease,
  at: Date | undefined,
): { release: PressRelease; jobs: Change[] } => {
  const now = deps.clock.now();
  if (at !== undefined && at.getTime() > now.getTime()) {
    const publishAt = at.toISOString();
    return {
      release: { ...release, state: 'scheduled', publishAt, embargoUntil: publishAt },
      jobs: [
        { type: 'press-job', op: 'create', job: job(deps, release.id, 'publish', publishAt) },
        ...(release.preSend
          ? [
              {
                type: 'press-job' as const,
                op: 'create' as const,
                job: job(deps, release.id, 'mail', now.toISOString(), 'embargo'),
              },
            ]
          : []),
      ],
    };
  }
  const publishAt = now.toISOString();
  return {
    release: { ...release, state: 'published', publishAt },
    jobs: [
      {
        type: 'press-job',
        op: 'create',
        job: job(deps, release.id, 'mail', publishAt, 'publication'),
      },
    ],
  };
};

/** Publishes an approved release now, or at a later instant (which becomes its embargo). */
export const publishPressRelease = async (
  deps: UseCaseDeps,
  actor: Actor,
  id: string,
  input: { at?: string | undefined },
): Promise<PressRelease> => {
  const before = await load(deps, actor, id, 'press:read');
  requirePressOrChair(actor, before);
  if (before.state === 'published' || before.state === 'scheduled') return before;
  requireState(before, ['approved'], 'published');
  const at = input.at === undefined ? undefined : new Date(input.at);
  const next = publication(deps, before, at);
  return save(deps, actor, 'publish', before, nextVersion(deps, next.release), next.jobs);
};

/** Withdraws a release: it leaves lists and feeds, and its address shows a tombstone. */
export const withdrawPressRelease = async (
  deps: UseCaseDeps,
  actor: Actor,
  id: string,
  input: { reason: string },
): Promise<PressRelease> => {
  const valid = parseInput(WithdrawInputSchema, input, 'body');
  const before = await load(deps, actor, id, 'press:read');
  requirePressOrChair(actor, before);
  if (before.state === 'withdrawn') return before;
  requireState(before, ['approved', 'scheduled', 'published'], 'withdrawn');
  return save(
    deps,
    actor,
    'withdraw',
    before,
    nextVersion(deps, {
      ...before,
      state: 'withdrawn',
      withdrawnAt: deps.clock.now().toISOString(),
      withdrawnReason: valid.reason,
    }),
  );
};

/** A release as the public may see it at `now`, or undefined (unknown, not yet public). */
export const publicPressRelease = async (
  deps: UseCaseDeps,
  id: string,
): Promise<PressRelease | undefined> => {
  const release = await deps.repo.getPressRelease(id);
  if (release === undefined) return undefined;
  if (release.state === 'withdrawn') {
    // A tombstone only for what was public before it was withdrawn.
    const wasPublic =
      release.publishAt !== undefined &&
      release.withdrawnAt !== undefined &&
      release.publishAt <= release.withdrawnAt;
    return wasPublic ? release : undefined;
  }
  return isPublicAt(release, deps.clock.now()) ? release : undefined;
};

/** The public list: what is public now, newest first. */
export const listPublicPressReleases = (deps: UseCaseDeps, page: PageRequest) =>
  deps.repo.listPublicPressReleases(deps.clock.now(), page);
