import { ulid } from 'ulid';
import type * as z from 'zod/mini';
import { type BodyWithMembers, defaultMinObjectionHours } from '../domain/body.js';
import {
  ConflictError,
  NotFoundError,
  PreconditionFailedError,
  UnprocessableError,
} from '../domain/errors.js';
import { signLink, verifyLink } from '../domain/link-token.js';
import { msg } from '../domain/messages.js';
import { queuedMail, type ReleaseOutboxEntry } from '../domain/outbox.js';
import { can, type Permission, requirePermission } from '../domain/policy.js';
import {
  type CorrectionInput,
  CorrectionInputSchema,
  decide,
  hasStatement,
  type ReleaseAnswerInput,
  ReleaseAnswerInputSchema,
  type ReleaseProposalInput,
  ReleaseProposalInputSchema,
  type Resolution,
  type ResolutionInput,
  ResolutionInputSchema,
  type ResolutionPatch,
  ResolutionPatchSchema,
  releaseOutcome,
  resolutionLimits,
  type StatementInput,
  StatementInputSchema,
  settleReports,
  type VotesInput,
  VotesInputSchema,
  withRevision,
  withStatement,
} from '../domain/resolution.js';
import type { Change } from '../ports/conference-repository.js';
import {
  type Actor,
  actorName,
  auditEntry,
  type Created,
  createOnce,
  nextVersion,
  retryLostRaces,
  systemActor,
  type UseCaseDeps,
} from './context.js';
import { parseInput } from './parse-input.js';
import { eachOnItsOwn, type SweepFailure } from './sweep.js';
import { requireVersion } from './versions.js';

/** A new draft resolution: no votes, statements or release yet. */
export const draftResolution = (
  deps: UseCaseDeps,
  parent: {
    bodyId: string;
    sessionId?: string;
    itemId?: string;
    procedureId?: string;
    exercise?: boolean;
  },
  input: ResolutionInput,
): Resolution => {
  const valid = parseInput(ResolutionInputSchema, input, 'body');
  const now = deps.clock.now().toISOString();
  return {
    id: ulid(),
    ...parent,
    title: valid.title,
    text: valid.text,
    state: 'draft',
    votes: {},
    statements: [],
    reports: valid.reports.map((report) => ({ id: ulid(), title: report.title })),
    revisions: [],
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
};

/** Drafts a resolution on an agenda item of a session. */
export const createResolution = async (
  deps: UseCaseDeps,
  actor: Actor,
  sessionId: string,
  itemId: string,
  input: ResolutionInput,
  idempotencyKey?: string,
): Promise<Created<Resolution>> => {
  const session = await deps.repo.getSession(sessionId);
  if (session === undefined) throw new NotFoundError('Session', sessionId);
  requirePermission(actor.principal, 'resolutions:manage', session.bodyId);
  if (session.state === 'cancelled') {
    throw new ConflictError(msg('resolution.session-cancelled'), {
      state: session.state,
    });
  }
  const item = await deps.repo.getAgendaItem(sessionId, itemId);
  if (item === undefined) throw new NotFoundError('Agenda item', itemId);
  return createOnce(
    deps,
    actor,
    { key: idempotencyKey, operation: `resolution:${sessionId}:${itemId}`, request: input },
    async () => {
      const resolution = draftResolution(
        deps,
        {
          bodyId: session.bodyId,
          sessionId,
          itemId,
          ...(session.exercise === true ? { exercise: true } : {}),
        },
        input,
      );
      return {
        changes: [{ type: 'resolution', op: 'create', resolution }],
        audit: [
          auditEntry(
            deps,
            actor,
            'resolution.create',
            'resolution',
            resolution.id,
            resolution.bodyId,
            undefined,
            resolution,
          ),
        ],
        value: resolution,
      };
    },
  );
};

/**
 * A resolution as a reader without the right to people's contacts sees it:
 * who cast or recorded a vote, edited or proposed is named by role or Land,
 * never by address.
 */
export const withoutAddresses = (resolution: Resolution): Resolution => ({
  ...resolution,
  votes: Object.fromEntries(
    Object.entries(resolution.votes).map(([memberId, cast]) => [
      memberId,
      {
        ...cast,
        by:
          cast.channel === 'secretariat'
            ? 'Geschäftsstelle'
            : cast.channel === 'silence'
              ? cast.by
              : memberId,
      },
    ]),
  ),
  revisions: resolution.revisions.map((revision) => ({ ...revision, by: 'Geschäftsstelle' })),
  ...(resolution.release === undefined
    ? {}
    : { release: { ...resolution.release, proposedBy: 'Vorsitz' } }),
});

/** The resolution as the actor may see it: addresses only for those who may read contacts. */
export const asSeenBy = (actor: Actor, resolution: Resolution): Resolution =>
  can(actor.principal, 'people:read-contacts', resolution.bodyId)
    ? resolution
    : withoutAddresses(resolution);

/** One resolution, for those who may read its body's resolutions. */
export const getResolution = async (
  deps: UseCaseDeps,
  actor: Actor,
  resolutionId: string,
): Promise<Resolution> => {
  const resolution = await deps.repo.getResolution(resolutionId);
  if (resolution === undefined) throw new NotFoundError('Resolution', resolutionId);
  requirePermission(actor.principal, 'resolutions:read', resolution.bodyId);
  // A resolution on a confidential item is, to those who may not read it, as if it did not exist.
  if (
    resolution.sessionId !== undefined &&
    resolution.itemId !== undefined &&
    !can(actor.principal, 'agenda:read-confidential', resolution.bodyId)
  ) {
    const item = await deps.repo.getAgendaItem(resolution.sessionId, resolution.itemId);
    if (item?.public !== true) throw new NotFoundError('Resolution', resolutionId);
  }
  return asSeenBy(actor, resolution);
};

/** The resolutions of a session, in agenda order. */
export const listSessionResolutions = async (
  deps: UseCaseDeps,
  actor: Actor,
  sessionId: string,
): Promise<Resolution[]> => {
  const session = await deps.repo.getSession(sessionId);
  if (session === undefined) throw new NotFoundError('Session', sessionId);
  requirePermission(actor.principal, 'resolutions:read', session.bodyId);
  const [resolutions, agenda] = await Promise.all([
    deps.repo.listResolutionsOfSession(sessionId),
    deps.repo.listAgenda(sessionId),
  ]);
  const position = new Map(agenda.map((item) => [item.id, item.position]));
  const readable = can(actor.principal, 'agenda:read-confidential', session.bodyId)
    ? resolutions
    : resolutions.filter((r) => agenda.some((item) => item.id === r.itemId && item.public));
  return readable
    .sort((a, b) => (position.get(a.itemId ?? '') ?? 0) - (position.get(b.itemId ?? '') ?? 0))
    .map((resolution) => asSeenBy(actor, resolution));
};

interface ChangeSpec {
  /** What the actor must be allowed; `undefined` when a signed link is the authority. */
  permission: Permission | undefined;
  action: string;
  /** From `If-Match`: the change is refused (412) when the resolution moved on. */
  expectedVersion?: number;
  /** More to write in the same transaction (e.g. mails), from the changed resolution. */
  extra?: (after: Resolution, body: BodyWithMembers) => Change[];
}

/** A change that replaced texts which the audit keeps (an earlier wording, a statement). */
interface Replacing {
  resolution: Resolution;
  previous: Record<string, string>;
}

/**
 * Reads a resolution and its body, applies `mutate`, and writes the result
 * guarded by the version read. A lost race is read and decided again (with
 * jitter), unless the caller pinned a version with `If-Match`. `mutate`
 * returns `undefined` when nothing changes (a repeated request), and names
 * the texts it replaced when the audit should keep them.
 */
const changeResolution = async (
  deps: UseCaseDeps,
  actor: Actor,
  resolutionId: string,
  spec: ChangeSpec,
  mutate: (resolution: Resolution, body: BodyWithMembers) => Resolution | Replacing | undefined,
): Promise<Resolution> => {
  const once = async (): Promise<Resolution> => {
    const before = await deps.repo.getResolution(resolutionId);
    if (before === undefined) throw new NotFoundError('Resolution', resolutionId);
    if (spec.permission !== undefined)
      requirePermission(actor.principal, spec.permission, before.bodyId);
    if (spec.expectedVersion !== undefined && spec.expectedVersion !== before.version) {
      throw new PreconditionFailedError();
    }
    const body = await deps.repo.getBodyWithMembers(before.bodyId);
    if (body === undefined) throw new NotFoundError('Body', before.bodyId);
    const mutated = mutate(before, body);
    if (mutated === undefined) return before;
    const { resolution: changed, previous } =
      'previous' in mutated ? mutated : { resolution: mutated, previous: undefined };
    const after = nextVersion(deps, changed);
    await deps.repo.commit(
      [
        { type: 'resolution', op: 'replace', resolution: after, expectedVersion: before.version },
        ...(spec.extra?.(after, body) ?? []),
      ],
      [
        {
          ...auditEntry(
            deps,
            actor,
            spec.action,
            'resolution',
            resolutionId,
            before.bodyId,
            before,
            after,
          ),
          ...(previous !== undefined && Object.keys(previous).length > 0 ? { previous } : {}),
        },
      ],
    );
    return after;
  };
  // A version pinned by If-Match is never read again: a lost race is a 412.
  return spec.expectedVersion === undefined ? retryLostRaces(once, msg('resolution.busy')) : once();
};

const requireDraft = (resolution: Resolution, hint: 'correct-instead' | 'votes-final') => {
  if (resolution.state !== 'draft') {
    throw new ConflictError(msg('resolution.not-draft', { state: resolution.state, hint }), {
      state: resolution.state,
    });
  }
};

/** Edits a draft's title, text or reports; the earlier wording is kept as a revision. */
export const updateResolution = async (
  deps: UseCaseDeps,
  actor: Actor,
  resolutionId: string,
  patch: ResolutionPatch,
  expectedVersion: number | undefined,
): Promise<Resolution> => {
  const version = requireVersion(expectedVersion);
  const valid = parseInput(ResolutionPatchSchema, patch, 'body');
  return changeResolution(
    deps,
    actor,
    resolutionId,
    { permission: 'resolutions:manage', action: 'resolution.update', expectedVersion: version },
    (before) => {
      requireDraft(before, 'correct-instead');
      const wordingChanged =
        (valid.title !== undefined && valid.title !== before.title) ||
        (valid.text !== undefined && valid.text !== before.text);
      const resolution: Resolution = {
        ...before,
        ...(valid.title !== undefined ? { title: valid.title } : {}),
        ...(valid.text !== undefined ? { text: valid.text } : {}),
        ...(valid.reports !== undefined
          ? {
              reports: valid.reports.map(
                (report) =>
                  before.reports.find((known) => known.title === report.title) ?? {
                    id: ulid(),
                    title: report.title,
                  },
              ),
            }
          : {}),
        revisions: wordingChanged
          ? withRevision(before.revisions, {
              kind: 'revision',
              at: deps.clock.now().toISOString(),
              by: actorName(actor),
            })
          : before.revisions,
      };
      // The earlier wording is kept in the audit, not in the item, which stays small.
      return wordingChanged
        ? { resolution, previous: { title: before.title, text: before.text } }
        : resolution;
    },
  );
};

/** The deputy who attends for a member, from the member's answer to the session's invitation. */
export const attendingDeputies = async (
  deps: UseCaseDeps,
  sessionId: string | undefined,
): Promise<Map<string, string>> => {
  if (sessionId === undefined) return new Map();
  const invitations = await deps.repo.listInvitations(sessionId);
  return new Map(
    invitations.flatMap((invitation) =>
      invitation.capacity === 'principal' &&
      invitation.answer?.status === 'represented' &&
      invitation.answer.deputy !== undefined
        ? [[invitation.memberId, invitation.answer.deputy.name] as const]
        : [],
    ),
  );
};

/** Refuses members who cannot vote: unknown to the body, or guests such as the Bund. */
const requireVoters = (
  body: BodyWithMembers,
  memberIds: readonly string[],
  path = 'body.votes',
) => {
  for (const memberId of memberIds) {
    const member = body.members.find((candidate) => candidate.memberId === memberId);
    if (member === undefined) {
      throw new UnprocessableError(msg('member.not-in-body', { memberId, bodyId: body.id }), {
        errors: [{ path, message: msg('field.unknown-member', { memberId }) }],
      });
    }
    if (!member.voting) {
      throw new UnprocessableError(
        msg('resolution.guest-without-vote', {
          name: member.name,
          memberId,
          body: body.shortName,
        }),
        { errors: [{ path, message: msg('field.guest-without-vote', { memberId }) }] },
      );
    }
  }
};

/** Refuses a list of votes that names a member twice. */
export const requireEachMemberOnce = (memberIds: readonly string[], path: string) => {
  if (new Set(memberIds).size !== memberIds.length) {
    throw new UnprocessableError(msg('resolution.member-twice'), {
      errors: [{ path, message: msg('field.member-twice') }],
    });
  }
};

/** One member's vote as the secretariat records it. */
export interface VoteToRecord {
  memberId: string;
  vote: Resolution['votes'][string]['vote'];
  deputy?: string | undefined;
}

/**
 * The resolution with the votes the secretariat took, or `undefined` when
 * every vote is already recorded as it is (a repeated request). It refuses
 * resolutions of a written procedure, decided ones and members without a
 * vote; a represented member votes through the deputy named on the vote, or
 * else the one from the attendance answer (`deputies`).
 *
 * @example
 * ```ts
 * const after = withVotes(deps, actor, before, body, [{ memberId: 'DE-HH', vote: 'yes' }], new Map(), 'body.votes');
 * ```
 */
export const withVotes = (
  deps: UseCaseDeps,
  actor: Actor,
  before: Resolution,
  body: BodyWithMembers,
  cast: readonly VoteToRecord[],
  deputies: ReadonlyMap<string, string>,
  path: string,
): Resolution | undefined => {
  if (before.procedureId !== undefined) {
    throw new ConflictError(msg('resolution.votes-by-ballot'), {
      procedureId: before.procedureId,
    });
  }
  requireDraft(before, 'votes-final');
  requireVoters(
    body,
    cast.map((vote) => vote.memberId),
    path,
  );
  const at = deps.clock.now().toISOString();
  const votes = { ...before.votes };
  let changed = false;
  for (const { memberId, vote, deputy } of cast) {
    const by = deputy ?? deputies.get(memberId);
    const earlier = votes[memberId];
    if (earlier?.vote === vote && earlier.deputy === by) continue;
    votes[memberId] = {
      vote,
      channel: 'secretariat',
      at,
      by: actorName(actor),
      ...(by ? { deputy: by } : {}),
    };
    changed = true;
  }
  return changed ? { ...before, votes } : undefined;
};

/**
 * Records the votes the secretariat took, one or many at once. A member
 * represented by a deputy votes through the deputy (named on the vote, or
 * taken from the member's attendance answer). Votes change only while the
 * resolution is a draft; the same vote again changes nothing.
 */
export const recordVotes = async (
  deps: UseCaseDeps,
  actor: Actor,
  resolutionId: string,
  input: VotesInput,
): Promise<Resolution> => {
  const valid = parseInput(VotesInputSchema, input, 'body');
  requireEachMemberOnce(
    valid.votes.map((vote) => vote.memberId),
    'body.votes',
  );
  const known = await deps.repo.getResolution(resolutionId);
  const deputies = await attendingDeputies(deps, known?.sessionId);
  return changeResolution(
    deps,
    actor,
    resolutionId,
    { permission: 'resolutions:manage', action: 'resolution.votes' },
    (before, body) => withVotes(deps, actor, before, body, valid.votes, deputies, 'body.votes'),
  );
};

/** Applies the body's rule to the votes and fixes the result; no vote changes afterwards. */
export const decideDraft = (
  deps: UseCaseDeps,
  resolution: Resolution,
  body: BodyWithMembers,
): Resolution => {
  const votes = Object.fromEntries(
    Object.entries(resolution.votes).map(([memberId, cast]) => [memberId, cast.vote]),
  );
  const decision = decide(body.decisionRule, body.members, votes);
  return {
    ...resolution,
    state: 'decided',
    outcome: decision.outcome,
    tally: decision.tally,
    decidedAt: deps.clock.now().toISOString(),
  };
};

/** Closes the vote of a draft: the result follows from the votes and the body's rule. */
export const decideResolution = (
  deps: UseCaseDeps,
  actor: Actor,
  resolutionId: string,
): Promise<Resolution> =>
  changeResolution(
    deps,
    actor,
    resolutionId,
    { permission: 'resolutions:manage', action: 'resolution.decide' },
    (before, body) => decidedInSession(deps, before, body),
  );

/**
 * The decided resolution of a session, or `undefined` when it is decided
 * already; a resolution of a written procedure is decided when it closes.
 */
export const decidedInSession = (
  deps: UseCaseDeps,
  before: Resolution,
  body: BodyWithMembers,
): Resolution | undefined => {
  if (before.state !== 'draft') return undefined;
  if (before.procedureId !== undefined) {
    throw new ConflictError(msg('resolution.decided-by-procedure'), {
      procedureId: before.procedureId,
    });
  }
  return decideDraft(deps, before, body);
};

/** Attaches a protocol statement (Protokollerklärung) of one or more members. */
export const addStatement = async (
  deps: UseCaseDeps,
  actor: Actor,
  resolutionId: string,
  input: StatementInput,
): Promise<Resolution> => {
  const valid = parseInput(StatementInputSchema, input, 'body');
  return changeResolution(
    deps,
    actor,
    resolutionId,
    { permission: 'resolutions:manage', action: 'resolution.statement' },
    (before, body) => {
      const unknown = valid.memberIds.filter(
        (id) => !body.members.some((member) => member.memberId === id),
      );
      if (unknown.length > 0) {
        throw new UnprocessableError(
          msg('members.not-in-body', { memberIds: unknown, bodyId: body.id }),
          { errors: [{ path: 'body.memberIds', message: msg('field.unknown-member') }] },
        );
      }
      const memberIds = [...new Set(valid.memberIds)].sort();
      if (hasStatement(before.statements, memberIds, valid.text)) return undefined;
      // Each member has one statement per resolution: a new one replaces the
      // earlier one, whose text the audit keeps.
      const next = withStatement(before.statements, {
        id: ulid(),
        memberIds,
        text: valid.text,
        at: deps.clock.now().toISOString(),
      });
      return {
        resolution: { ...before, statements: next.statements },
        previous: Object.fromEntries(
          next.replaced.map((old) => [`statement:${old.memberIds.join(',')}`, old.text]),
        ),
      };
    },
  );
};

/** Corrects a decided resolution's wording, leaving a visible trace with the reason. */
export const correctResolution = async (
  deps: UseCaseDeps,
  actor: Actor,
  resolutionId: string,
  input: CorrectionInput,
  expectedVersion: number | undefined,
): Promise<Resolution> => {
  const version = requireVersion(expectedVersion);
  const valid = parseInput(CorrectionInputSchema, input, 'body');
  return changeResolution(
    deps,
    actor,
    resolutionId,
    { permission: 'resolutions:manage', action: 'resolution.correct', expectedVersion: version },
    (before) => {
      if (before.state === 'draft') {
        throw new ConflictError(msg('resolution.draft-not-corrected'), { state: before.state });
      }
      const corrections = before.revisions.filter((r) => r.kind === 'correction').length;
      if (corrections >= resolutionLimits.corrections) {
        throw new ConflictError(msg('resolution.corrections-exhausted', { corrections }), {
          corrections,
        });
      }
      return {
        resolution: {
          ...before,
          title: valid.title ?? before.title,
          text: valid.text ?? before.text,
          revisions: withRevision(before.revisions, {
            kind: 'correction',
            at: deps.clock.now().toISOString(),
            by: actorName(actor),
            note: valid.note,
          }),
        },
        previous: { title: before.title, text: before.text },
      };
    },
  );
};

const votingIds = (body: BodyWithMembers) =>
  body.members.filter((member) => member.voting).map((member) => member.memberId);

/** Settles a pending release when its outcome is clear (objection, all consents, or period over). */
const settleRelease = (deps: UseCaseDeps, resolution: Resolution, body: BodyWithMembers) => {
  const release = resolution.release;
  if (release === undefined || release.settledAt !== undefined) return resolution;
  const outcome = releaseOutcome(release, votingIds(body), deps.clock.now());
  if (outcome === 'pending') return resolution;
  const settled = { ...release, settledAt: deps.clock.now().toISOString() };
  return {
    ...resolution,
    state: outcome,
    release: settled,
    reports: settleReports(resolution.reports, settled),
  };
};

/**
 * While a release's objection period runs, every voting Land with a minister
 * is asked by mail, with links to consent or object.
 */
const releaseMails = (deps: UseCaseDeps, after: Resolution, body: BodyWithMembers): Change[] => {
  if (after.release === undefined || after.release.settledAt !== undefined) return [];
  const now = deps.clock.now().toISOString();
  return body.members
    .filter((member) => member.voting && member.people.some((p) => p.capacity === 'principal'))
    .map((member): Change => {
      const entry: ReleaseOutboxEntry = {
        ...queuedMail(now),
        kind: 'release-proposal',
        resolutionId: after.id,
        memberId: member.memberId,
      };
      return { type: 'outbox', op: 'create', entry };
    });
};

/**
 * A passed resolution with the release the chair proposes, settled at once
 * when every voting Land already consented; `undefined` when a release was
 * proposed before (a repeated request). `batchId` names a proposal for
 * several resolutions of a session, answered on one page.
 *
 * @example
 * ```ts
 * const proposed = withProposedRelease(deps, actor, resolution, body, { objectionHours: 72 });
 * ```
 */
export const withProposedRelease = (
  deps: UseCaseDeps,
  actor: Actor,
  before: Resolution,
  body: BodyWithMembers,
  valid: z.output<typeof ReleaseProposalInputSchema>,
  batchId?: string,
): Resolution | undefined => {
  if (before.release !== undefined) return undefined;
  if (before.state !== 'decided' || before.outcome !== 'passed') {
    throw new ConflictError(msg('resolution.release-not-passed'), {
      state: before.state,
      outcome: before.outcome ?? null,
    });
  }
  const consents = [...new Set(valid.consentedBy ?? [])];
  requireVoters(body, consents);
  const minimum = body.minObjectionHours ?? defaultMinObjectionHours;
  const everyone = votingIds(body).every((id) => consents.includes(id));
  if (valid.objectionHours < minimum && !everyone) {
    throw new UnprocessableError(msg('resolution.objection-period-short', { minimum }), {
      errors: [
        {
          path: 'body.objectionHours',
          message: msg('field.objection-period', { minimum }),
        },
      ],
    });
  }
  const now = deps.clock.now();
  return settleRelease(
    deps,
    {
      ...before,
      release: {
        proposedAt: now.toISOString(),
        proposedBy: actorName(actor),
        objectionDeadline: new Date(now.getTime() + valid.objectionHours * 3_600_000).toISOString(),
        consents,
        objections: [],
        ...(batchId === undefined ? {} : { batchId }),
      },
    },
    body,
  );
};

/**
 * The chair proposes to release a passed resolution for publication. The
 * voting Länder have `objectionHours` to object; without objection it is
 * released when the period ends (or once all have consented), and one
 * objection keeps it internal.
 */
export const proposeRelease = async (
  deps: UseCaseDeps,
  actor: Actor,
  resolutionId: string,
  input: ReleaseProposalInput,
): Promise<Resolution> => {
  const valid = parseInput(ReleaseProposalInputSchema, input, 'body');
  return changeResolution(
    deps,
    actor,
    resolutionId,
    {
      permission: 'resolutions:propose-release',
      action: 'resolution.release-proposed',
      extra: (after, body) => releaseMails(deps, after, body),
    },
    (before, body) => withProposedRelease(deps, actor, before, body, valid),
  );
};

/** How long after the objection deadline a release link still opens (to show the outcome). */
const releaseLinkGraceSeconds = 30 * 86_400;

/** The signed token of a Land's consent and objection links for a proposed release. */
export const releaseToken = (linkSecret: string, resolution: Resolution, memberId: string) =>
  signLink(linkSecret, {
    subject: `${resolution.id}:${memberId}`,
    purpose: 'release-answer',
    expiresAt:
      Math.floor(Date.parse(resolution.release?.objectionDeadline ?? resolution.updatedAt) / 1000) +
      releaseLinkGraceSeconds,
  });

/** The resolution and Land a release link names; refused links throw `LinkRefusedError`. */
export const openReleaseLink = async (
  deps: UseCaseDeps & { linkSecret: string },
  token: string,
) => {
  const claims = verifyLink(deps.linkSecret, token, 'release-answer', deps.clock.now());
  const [resolutionId = '', memberId = ''] = claims.subject.split(':');
  const resolution = await deps.repo.getResolution(resolutionId);
  if (resolution === undefined) throw new NotFoundError('Resolution', resolutionId);
  const body = await deps.repo.getBodyWithMembers(resolution.bodyId);
  const member = body?.members.find((candidate) => candidate.memberId === memberId);
  if (body === undefined || member === undefined) throw new NotFoundError('Member', memberId);
  const open = resolution.release !== undefined && resolution.release.settledAt === undefined;
  return { resolution, body, member, open };
};

/**
 * A Land's own consent or objection, from the links in the release mail:
 * the signed link is the authority, and the minister's address is recorded.
 */
export const answerReleaseByLink = (
  deps: UseCaseDeps,
  opened: { resolution: Resolution; member: { memberId: string } },
  answer: 'consent' | 'object',
  reason: string | undefined,
  by: string,
  reportIds: string[] = [],
): Promise<Resolution> =>
  applyReleaseAnswer(
    deps,
    { principal: { subject: by, email: by, roles: [], bodies: [] } },
    opened.resolution.id,
    {
      memberId: opened.member.memberId,
      answer,
      ...(reason ? { reason } : {}),
      ...(reportIds.length > 0 ? { reportIds } : {}),
    },
    undefined,
  );

/**
 * Records a voting Land's consent to or objection against a proposed
 * release (taken by the secretariat). An objection without reports keeps
 * the resolution internal; one naming reports withholds only those.
 */
export const answerRelease = async (
  deps: UseCaseDeps,
  actor: Actor,
  resolutionId: string,
  input: ReleaseAnswerInput,
): Promise<Resolution> => {
  return applyReleaseAnswer(deps, actor, resolutionId, input, 'resolutions:manage');
};

const applyReleaseAnswer = (
  deps: UseCaseDeps,
  actor: Actor,
  resolutionId: string,
  input: ReleaseAnswerInput,
  permission: Permission | undefined,
): Promise<Resolution> => {
  const valid = parseInput(ReleaseAnswerInputSchema, input, 'body');
  return changeResolution(
    deps,
    actor,
    resolutionId,
    { permission, action: `resolution.release-${valid.answer}` },
    (before, body) => {
      const release = before.release;
      if (release === undefined) {
        throw new ConflictError(msg('resolution.no-release-proposed'), {
          state: before.state,
        });
      }
      if (release.settledAt !== undefined) {
        throw new ConflictError(msg('resolution.release-settled', { state: before.state }), {
          state: before.state,
        });
      }
      requireVoters(body, [valid.memberId]);
      const unknownReports = (valid.reportIds ?? []).filter(
        (id) => !before.reports.some((report) => report.id === id),
      );
      if (unknownReports.length > 0) {
        throw new UnprocessableError(
          msg('resolution.unknown-reports', { reportIds: unknownReports }),
          { errors: [{ path: 'body.reportIds', message: msg('field.unknown-report') }] },
        );
      }
      const at = deps.clock.now().toISOString();
      const next =
        valid.answer === 'consent'
          ? release.consents.includes(valid.memberId)
            ? undefined
            : { ...release, consents: [...release.consents, valid.memberId] }
          : {
              ...release,
              objections: [
                ...release.objections.filter((o) => o.memberId !== valid.memberId),
                {
                  memberId: valid.memberId,
                  at,
                  ...(valid.reportIds && valid.reportIds.length > 0
                    ? { reportIds: valid.reportIds }
                    : {}),
                  ...(valid.reason ? { reason: valid.reason } : {}),
                },
              ],
            };
      if (next === undefined) return undefined;
      return settleRelease(deps, { ...before, release: next }, body);
    },
  );
};

/**
 * The scheduled sweep: settles every release whose objection period has
 * ended. Each release is settled on its own; one that fails is recorded in
 * `failures` and the others are still settled.
 */
export const settleDueReleases = async (
  deps: UseCaseDeps,
  failures: SweepFailure[] = [],
): Promise<number> => {
  const now = deps.clock.now().getTime();
  let settled = 0;
  const due = (await deps.repo.listPendingReleases()).filter(
    (pending) => Date.parse(pending.release?.objectionDeadline ?? '') <= now,
  );
  await eachOnItsOwn(
    'releases',
    due,
    (pending) => pending.id,
    async (pending) => {
      const after = await changeResolution(
        deps,
        systemActor,
        pending.id,
        { permission: 'resolutions:manage', action: 'resolution.release-settled' },
        (before, body) => {
          const result = settleRelease(deps, before, body);
          return result === before ? undefined : result;
        },
      );
      if (after.release?.settledAt !== undefined) settled += 1;
    },
    failures,
  );
  return settled;
};
