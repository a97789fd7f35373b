import { monotonicFactory } from 'ulid';
import type { AuditEntry } from '../domain/audit.js';
import { NotFoundError, UnprocessableError } from '../domain/errors.js';
import { msg } from '../domain/messages.js';
import { requirePermission } from '../domain/policy.js';
import { type Resolution, type VoteGridInput, VoteGridInputSchema } from '../domain/resolution.js';
import type { Change } from '../ports/conference-repository.js';
import {
  type Actor,
  auditEntry,
  nextVersion,
  retryLostRaces,
  type UseCaseDeps,
} from './context.js';
import { parseInput } from './parse-input.js';
import {
  asSeenBy,
  attendingDeputies,
  decidedInSession,
  requireEachMemberOnce,
  type VoteToRecord,
  withVotes,
} from './resolutions.js';

/** True when every vote is recorded as it would be recorded now (a retried grid row). */
const alreadyRecorded = (
  resolution: Resolution,
  votes: readonly VoteToRecord[],
  deputies: ReadonlyMap<string, string>,
) =>
  votes.every(({ memberId, vote, deputy }) => {
    const recorded = resolution.votes[memberId];
    return recorded?.vote === vote && recorded.deputy === (deputy ?? deputies.get(memberId));
  });

/**
 * Records the votes and decisions of a session in one call: a grid of
 * members × resolutions, one row per resolution, each with its votes and,
 * with `decide`, the decision right after them. All rows are written in one
 * transaction, so either every row counts or none does; a refused row (a
 * guest's vote, a decided resolution, one of another session) refuses the
 * whole grid and names the row. The guarantees of single votes hold: the
 * Bund has no vote, a represented member votes through the deputy, no vote
 * changes after the decision, and the same grid again changes nothing (a
 * decided row whose votes stand as sent is left as it is). A lost race with
 * a concurrent change reads and decides again.
 *
 * @example
 * ```ts
 * await recordVoteGrid(deps, actor, sessionId, {
 *   rows: [{ resolutionId, votes: [{ memberId: 'DE-HH', vote: 'yes' }], decide: true }],
 * });
 * ```
 */
export const recordVoteGrid = async (
  deps: UseCaseDeps,
  actor: Actor,
  sessionId: string,
  input: VoteGridInput,
): Promise<Resolution[]> => {
  const valid = parseInput(VoteGridInputSchema, input, 'body');
  const session = await deps.repo.getSession(sessionId);
  if (session === undefined) throw new NotFoundError('Session', sessionId);
  requirePermission(actor.principal, 'resolutions:manage', session.bodyId);
  const ids = valid.rows.map((row) => row.resolutionId);
  if (new Set(ids).size !== ids.length) {
    throw new UnprocessableError(msg('grid.resolution-twice'), {
      errors: [{ path: 'body.rows', message: msg('field.resolution-twice') }],
    });
  }
  for (const [index, row] of valid.rows.entries()) {
    requireEachMemberOnce(
      row.votes.map((vote) => vote.memberId),
      `body.rows.${index}.votes`,
    );
  }
  const deputies = await attendingDeputies(deps, sessionId);

  const once = async (): Promise<Resolution[]> => {
    const auditId = monotonicFactory();
    const [body, resolutions] = await Promise.all([
      deps.repo.getBodyWithMembers(session.bodyId),
      Promise.all(ids.map((id) => deps.repo.getResolution(id))),
    ]);
    if (body === undefined) throw new NotFoundError('Body', session.bodyId);
    const changes: Change[] = [];
    const audit: AuditEntry[] = [];
    const results = valid.rows.map((row, index) => {
      const before = resolutions[index];
      if (before?.sessionId !== sessionId) {
        throw new UnprocessableError(
          msg('grid.resolution-elsewhere', { resolutionId: row.resolutionId }),
          {
            errors: [
              { path: `body.rows.${index}.resolutionId`, message: msg('field.not-of-session') },
            ],
          },
        );
      }
      if (before.state !== 'draft' && row.decide && alreadyRecorded(before, row.votes, deputies)) {
        return before;
      }
      const voted =
        row.votes.length === 0
          ? undefined
          : withVotes(deps, actor, before, body, row.votes, deputies, `body.rows.${index}.votes`);
      const afterVotes = voted === undefined ? before : nextVersion(deps, voted);
      const decided = row.decide ? decidedInSession(deps, afterVotes, body) : undefined;
      const after = decided === undefined ? afterVotes : nextVersion(deps, decided);
      if (after === before) return before;
      changes.push({
        type: 'resolution',
        op: 'replace',
        resolution: after,
        expectedVersion: before.version,
      });
      // Ids from one monotonic source keep a row's votes before its decision in the audit.
      const entry = (action: string, from: Resolution, to: Resolution) => ({
        ...auditEntry(deps, actor, action, 'resolution', before.id, before.bodyId, from, to),
        id: auditId(),
      });
      if (afterVotes !== before) audit.push(entry('resolution.votes', before, afterVotes));
      if (after !== afterVotes) audit.push(entry('resolution.decide', afterVotes, after));
      return after;
    });
    if (changes.length > 0) await deps.repo.commit(changes, audit);
    return results.map((resolution) => asSeenBy(actor, resolution));
  };
  return retryLostRaces(once, msg('grid.busy'));
};
