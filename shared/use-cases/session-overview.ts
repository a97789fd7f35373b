import type { BodyWithMembers } from '../domain/body.js';
import { attendanceBoard } from '../domain/invitation.js';
import { can } from '../domain/policy.js';
import type { Session } from '../domain/session.js';
import type { Actor, UseCaseDeps } from './context.js';
import { listSessions } from './sessions.js';

/** Something the secretariat should look at before a session. */
export type OverviewTask =
  | { kind: 'agenda-not-approved'; outdated: boolean }
  | { kind: 'deadline-near'; deadline: string; open: number }
  | { kind: 'mails-in-review'; count: number }
  | { kind: 'failed-deliveries'; count: number };

/** One coming session as the overview shows it: its answers so far and open tasks. */
export interface SessionOverview {
  session: Session;
  bodyShortName: string;
  /** Members invited so far; 0 before the invitations went out. */
  invited: number;
  answers: { accepted: number; declined: number; tentative: number; open: number };
  /** Only for those who manage the session's body (secretariat, chair, admin). */
  tasks: OverviewTask[];
}

const dayMs = 24 * 60 * 60 * 1000;
/** An answer deadline this close counts as near. */
export const deadlineNearDays = 3;

const tasksOf = (
  session: Session,
  now: Date,
  open: number,
  inReview: number,
  failed: number,
): OverviewTask[] => {
  const tasks: OverviewTask[] = [];
  if (
    (session.state === 'planned' || session.state === 'invited') &&
    (session.agendaApproval === undefined || session.agendaApproval.outdated)
  ) {
    tasks.push({ kind: 'agenda-not-approved', outdated: session.agendaApproval !== undefined });
  }
  if (session.answerDeadline !== undefined && session.state === 'invited' && open > 0) {
    const left = new Date(session.answerDeadline).getTime() - now.getTime();
    if (left >= 0 && left <= deadlineNearDays * dayMs) {
      tasks.push({ kind: 'deadline-near', deadline: session.answerDeadline, open });
    }
  }
  if (inReview > 0) tasks.push({ kind: 'mails-in-review', count: inReview });
  if (failed > 0) tasks.push({ kind: 'failed-deliveries', count: failed });
  return tasks;
};

/**
 * The coming sessions of the bodies the actor works for, each with its
 * answers so far and, for those who manage its body, the open tasks: the
 * agenda not (or no longer) approved by the chair, the answer deadline
 * within three days, replies waiting for review, and mails that did not
 * arrive (bounced or complained invitations; for an admin also the
 * outbox's failed and unknown entries).
 *
 * It reads in batches: one query for the sessions, one per body (members),
 * one per session (invitations), one per session the actor manages (inbound
 * mail), and for an admin two outbox queries; all of a kind in parallel.
 *
 * @example
 * ```ts
 * const rows = await sessionOverview(deps, actor, { from: '2027-01-01T00:00:00Z', to: '2028-01-01T00:00:00Z' });
 * ```
 */
export const sessionOverview = async (
  deps: UseCaseDeps,
  actor: Actor,
  range: { from: string; to: string },
): Promise<SessionOverview[]> => {
  const now = deps.clock.now();
  const { items } = await listSessions(deps, actor, { ...range, limit: 100 });
  const sessions = items.filter((s) => s.state !== 'cancelled' && s.state !== 'concluded');
  const bodyIds = [...new Set(sessions.map((s) => s.bodyId))];
  const manages = (s: Session) => can(actor.principal, 'sessions:manage', s.bodyId);
  const admin = can(actor.principal, 'outbox:manage');
  const [bodies, invitations, inbound, outbox] = await Promise.all([
    Promise.all(bodyIds.map((id) => deps.repo.getBodyWithMembers(id))),
    Promise.all(sessions.map((s) => deps.repo.listInvitations(s.id))),
    Promise.all(sessions.map((s) => (manages(s) ? deps.repo.listInboundMessages(s.id) : []))),
    admin
      ? Promise.all([
          deps.repo.listOutboxInState('failed', { limit: 100 }),
          deps.repo.listOutboxInState('unknown', { limit: 100 }),
        ])
      : [],
  ]);
  const bodyById = new Map(
    bodies.filter((b): b is BodyWithMembers => b !== undefined).map((b) => [b.id, b]),
  );
  const outboxFailures = new Map<string, number>();
  for (const entry of outbox.flatMap((page) => page.items)) {
    if (!('sessionId' in entry)) continue;
    outboxFailures.set(entry.sessionId, (outboxFailures.get(entry.sessionId) ?? 0) + 1);
  }
  return sessions.map((session, index) => {
    const body = bodyById.get(session.bodyId);
    const board = attendanceBoard(session.id, body?.members ?? [], invitations[index] ?? []);
    const { counts } = board;
    const open = counts.pending;
    const bounced = board.lines.filter((line) => line.deliveryProblem !== undefined).length;
    const inReview = (inbound[index] ?? []).filter((record) => record.state === 'review').length;
    return {
      session,
      bodyShortName: body?.shortName ?? session.bodyId,
      invited: board.lines.length - counts.not_invited,
      answers: {
        accepted: counts.accepted + counts.represented,
        declined: counts.declined,
        tentative: counts.tentative,
        open,
      },
      tasks: manages(session)
        ? tasksOf(session, now, open, inReview, bounced + (outboxFailures.get(session.id) ?? 0))
        : [],
    };
  });
};
