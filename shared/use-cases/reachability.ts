import { NotFoundError } from '../domain/errors.js';
import { requirePermission } from '../domain/policy.js';
import {
  type Reachability,
  type ReachabilitySummary,
  reachability,
} from '../domain/reachability.js';
import type { Session } from '../domain/session.js';
import type { Actor, UseCaseDeps } from './context.js';

/** How many earlier drills of the body a report compares with. */
export const comparedDrills = 5;

/** An earlier drill of the body, by its figures under the same minutes. */
export interface EarlierDrill {
  sessionId: string;
  title: string;
  startsAt: string;
  summary: ReachabilitySummary;
}

export interface ReachabilityReport extends Reachability {
  session: Pick<Session, 'id' | 'bodyId' | 'title' | 'startsAt' | 'timeZone'> & {
    exercise: boolean;
  };
  bodyName: string;
  /** The body's earlier exercises, latest first, measured with the same minutes. */
  earlier: EarlierDrill[];
}

/** The body's exercises that began before this session, latest first. */
const earlierDrills = async (deps: UseCaseDeps, session: Session): Promise<Session[]> => {
  const found: Session[] = [];
  let next: string | undefined;
  do {
    const page = await deps.repo.listSessions({
      from: '1900-01-01',
      to: session.startsAt.slice(0, 10),
      bodyId: session.bodyId,
      limit: 100,
      next,
    });
    found.push(
      ...page.items.filter(
        (other) =>
          other.exercise === true && other.id !== session.id && other.startsAt < session.startsAt,
      ),
    );
    next = page.next;
  } while (next !== undefined);
  return found.sort((a, b) => b.startsAt.localeCompare(a.startsAt)).slice(0, comparedDrills);
};

/**
 * The reachability report of a session (a drill, or on request a real
 * crisis session): per member and person the time from the mail leaving to
 * the answer, by channel, the median and the slowest member, who was not
 * reached within `withinMinutes`, and the body's earlier drills measured
 * the same way. For the secretariat, the chair and admins.
 *
 * @example
 * ```ts
 * const report = await getReachability(deps, actor, sessionId, 15);
 * report.summary.medianSeconds; // 240
 * ```
 */
export const getReachability = async (
  deps: UseCaseDeps,
  actor: Actor,
  sessionId: string,
  withinMinutes: number,
): Promise<ReachabilityReport> => {
  const session = await deps.repo.getSession(sessionId);
  if (session === undefined) throw new NotFoundError('Session', sessionId);
  requirePermission(actor.principal, 'people:read-contacts', session.bodyId);
  const [body, invitations, earlier] = await Promise.all([
    deps.repo.getBodyWithMembers(session.bodyId),
    deps.repo.listInvitations(sessionId),
    earlierDrills(deps, session),
  ]);
  if (body === undefined) throw new NotFoundError('Body', session.bodyId);
  const compared = await Promise.all(
    earlier.map(async (drill) => ({
      sessionId: drill.id,
      title: drill.title,
      startsAt: drill.startsAt,
      summary: reachability(body.members, await deps.repo.listInvitations(drill.id), withinMinutes)
        .summary,
    })),
  );
  return {
    session: {
      id: session.id,
      bodyId: session.bodyId,
      title: session.title,
      startsAt: session.startsAt,
      timeZone: session.timeZone,
      exercise: session.exercise === true,
    },
    bodyName: body.name,
    ...reachability(body.members, invitations, withinMinutes),
    earlier: compared,
  };
};
