import { ulid } from 'ulid';
import type { BodyWithMembers, Member } from '../domain/body.js';
import { ConflictError, NotFoundError } from '../domain/errors.js';
import { signLink, verifyLink } from '../domain/link-token.js';
import { msg } from '../domain/messages.js';
import { queuedMail, type SessionReleaseOutboxEntry } from '../domain/outbox.js';
import { requirePermission } from '../domain/policy.js';
import {
  type Resolution,
  type SessionReleaseProposalInput,
  SessionReleaseProposalInputSchema,
} from '../domain/resolution.js';
import type { Session } from '../domain/session.js';
import type { Change } from '../ports/conference-repository.js';
import {
  type Actor,
  auditEntry,
  nextVersion,
  retryLostRaces,
  type UseCaseDeps,
} from './context.js';
import { parseInput } from './parse-input.js';
import { answerReleaseByLink, withProposedRelease } from './resolutions.js';

/** What a session-wide proposal did: the resolutions named, and the batch their Länder answer on one page. */
export interface SessionReleaseProposal {
  /** Absent when every named resolution had been proposed before (a repeated request). */
  batchId?: string;
  resolutions: Resolution[];
}

/** One mail per voting Land with a minister, for every batch that still waits for answers. */
const batchMails = (
  deps: UseCaseDeps,
  sessionId: string,
  batchId: string,
  body: BodyWithMembers,
): Change[] => {
  const now = deps.clock.now().toISOString();
  return body.members
    .filter((member) => member.voting && member.people.some((p) => p.capacity === 'principal'))
    .map((member): Change => {
      const entry: SessionReleaseOutboxEntry = {
        ...queuedMail(now),
        kind: 'session-release-proposal',
        sessionId,
        batchId,
        memberId: member.memberId,
      };
      return { type: 'outbox', op: 'create', entry };
    });
};

/** The named resolutions, each of this session; a missing one or one of another session is a 404. */
const resolutionsOf = async (
  deps: UseCaseDeps,
  sessionId: string,
  ids: readonly string[],
): Promise<Resolution[]> =>
  Promise.all(
    ids.map(async (id) => {
      const resolution = await deps.repo.getResolution(id);
      if (resolution?.sessionId !== sessionId) throw new NotFoundError('Resolution', id);
      return resolution;
    }),
  );

/**
 * The chair proposes to release several passed resolutions of a session in
 * one call, with one objection period for all. Each voting Land gets one
 * mail with one page, where it consents or objects per resolution; each
 * resolution is then settled on its own, as if proposed alone. The
 * resolutions, the audit and the mails are written in one transaction, so
 * a repeated or concurrent request proposes each resolution once and mails
 * each Land once; resolutions proposed before are left as they are.
 *
 * @example
 * ```ts
 * const { batchId } = await proposeSessionRelease(deps, chair, sessionId, {
 *   resolutionIds: [first.id, second.id],
 *   objectionHours: 72,
 * });
 * ```
 */
export const proposeSessionRelease = async (
  deps: UseCaseDeps,
  actor: Actor,
  sessionId: string,
  input: SessionReleaseProposalInput,
): Promise<SessionReleaseProposal> => {
  const valid = parseInput(SessionReleaseProposalInputSchema, input, 'body');
  const session = await deps.repo.getSession(sessionId);
  if (session === undefined) throw new NotFoundError('Session', sessionId);
  requirePermission(actor.principal, 'resolutions:propose-release', session.bodyId);
  const body = await deps.repo.getBodyWithMembers(session.bodyId);
  if (body === undefined) throw new NotFoundError('Body', session.bodyId);
  const ids = [...new Set(valid.resolutionIds)];
  return retryLostRaces(async () => {
    const before = await resolutionsOf(deps, sessionId, ids);
    const batchId = ulid();
    const proposed = before.map((resolution) => ({
      before: resolution,
      after: withProposedRelease(deps, actor, resolution, body, valid, batchId),
    }));
    const changed = proposed.flatMap(({ before: was, after }) =>
      after === undefined ? [] : [{ was, now: nextVersion(deps, after) }],
    );
    if (changed.length === 0) return { resolutions: before };
    const waiting = changed.some(({ now }) => now.release?.settledAt === undefined);
    await deps.repo.commit(
      [
        ...changed.map(
          ({ was, now }): Change => ({
            type: 'resolution',
            op: 'replace',
            resolution: now,
            expectedVersion: was.version,
          }),
        ),
        ...(waiting ? batchMails(deps, sessionId, batchId, body) : []),
      ],
      changed.map(({ was, now }) =>
        auditEntry(
          deps,
          actor,
          'resolution.release-proposed',
          'resolution',
          now.id,
          now.bodyId,
          was,
          now,
        ),
      ),
    );
    const after = new Map(changed.map(({ now }) => [now.id, now]));
    return {
      batchId,
      resolutions: before.map((resolution) => after.get(resolution.id) ?? resolution),
    };
  }, msg('grid.busy'));
};

/** How long after the objection deadline a session's release link still opens (to show the outcome). */
const linkGraceSeconds = 30 * 86_400;

/**
 * The signed token of a Land's page for a session-wide release proposal.
 *
 * @example
 * ```ts
 * const token = sessionReleaseToken(linkSecret, sessionId, batch, 'DE-BY');
 * ```
 */
export const sessionReleaseToken = (
  linkSecret: string,
  sessionId: string,
  batch: readonly Resolution[],
  memberId: string,
): string => {
  const deadline = Math.max(
    ...batch.map((resolution) =>
      Date.parse(resolution.release?.objectionDeadline ?? resolution.updatedAt),
    ),
  );
  return signLink(linkSecret, {
    subject: `${sessionId}:${batch[0]?.release?.batchId ?? ''}:${memberId}`,
    purpose: 'session-release-answer',
    expiresAt: Math.floor(deadline / 1000) + linkGraceSeconds,
  });
};

/**
 * The resolutions proposed together in one batch, in agenda order.
 *
 * @example
 * ```ts
 * const batch = await releaseBatch(deps, sessionId, batchId);
 * ```
 */
export const releaseBatch = async (
  deps: UseCaseDeps,
  sessionId: string,
  batchId: string,
): Promise<Resolution[]> => {
  const [resolutions, agenda] = await Promise.all([
    deps.repo.listResolutionsOfSession(sessionId),
    deps.repo.listAgenda(sessionId),
  ]);
  const position = new Map(agenda.map((item) => [item.id, item.position]));
  return resolutions
    .filter((resolution) => batchId !== '' && resolution.release?.batchId === batchId)
    .sort((a, b) => (position.get(a.itemId ?? '') ?? 0) - (position.get(b.itemId ?? '') ?? 0));
};

/** A Land's page for a session-wide release proposal, as its link opens it. */
export interface OpenedSessionRelease {
  session: Session;
  resolutions: Resolution[];
  body: BodyWithMembers;
  member: Member;
  /** Whether any of the resolutions still waits for answers. */
  open: boolean;
}

/**
 * The session, resolutions and Land a session-wide release link names;
 * refused links throw `LinkRefusedError`.
 *
 * @example
 * ```ts
 * const opened = await openSessionReleaseLink({ ...deps, linkSecret }, token);
 * ```
 */
export const openSessionReleaseLink = async (
  deps: UseCaseDeps & { linkSecret: string },
  token: string,
): Promise<OpenedSessionRelease> => {
  const claims = verifyLink(deps.linkSecret, token, 'session-release-answer', deps.clock.now());
  const [sessionId = '', batchId = '', memberId = ''] = claims.subject.split(':');
  const session = await deps.repo.getSession(sessionId);
  if (session === undefined) throw new NotFoundError('Session', sessionId);
  const resolutions = await releaseBatch(deps, sessionId, batchId);
  if (resolutions.length === 0) throw new NotFoundError('Resolution', batchId);
  const body = await deps.repo.getBodyWithMembers(session.bodyId);
  const member = body?.members.find((candidate) => candidate.memberId === memberId);
  if (body === undefined || member === undefined) throw new NotFoundError('Member', memberId);
  const open = resolutions.some((resolution) => resolution.release?.settledAt === undefined);
  return { session, resolutions, body, member, open };
};

/** A Land's answer to one resolution of the batch, from its page. */
export interface BatchAnswer {
  resolutionId: string;
  answer: 'consent' | 'object';
  reason?: string | undefined;
  reportIds?: string[];
}

/**
 * Records a Land's answers from its page for a session-wide proposal, each
 * on its own resolution as a link answer to that resolution would: the
 * signed link is the authority, the minister's address is recorded, a
 * repeated answer counts once, and one objection keeps only that
 * resolution internal. Resolutions settled meanwhile, and ids not of the
 * batch, are passed over. Returns the batch as it stands afterwards.
 *
 * @example
 * ```ts
 * await answerSessionReleaseByLink(deps, opened, [{ resolutionId, answer: 'consent' }], minister);
 * ```
 */
export const answerSessionReleaseByLink = async (
  deps: UseCaseDeps,
  opened: OpenedSessionRelease,
  answers: readonly BatchAnswer[],
  by: string,
): Promise<Resolution[]> => {
  const results = new Map<string, Resolution>();
  for (const answer of answers) {
    const resolution = opened.resolutions.find((r) => r.id === answer.resolutionId);
    if (resolution === undefined || resolution.release?.settledAt !== undefined) continue;
    try {
      const after = await answerReleaseByLink(
        deps,
        { resolution, member: opened.member },
        answer.answer,
        answer.reason,
        by,
        answer.answer === 'object' ? (answer.reportIds ?? []) : [],
      );
      results.set(after.id, after);
    } catch (error) {
      // Settled by another answer or the sweep in the meantime: the page shows its state.
      if (!(error instanceof ConflictError)) throw error;
    }
  }
  const fresh = await Promise.all(
    opened.resolutions.map(
      async (resolution) =>
        results.get(resolution.id) ?? (await deps.repo.getResolution(resolution.id)) ?? resolution,
    ),
  );
  return fresh;
};
