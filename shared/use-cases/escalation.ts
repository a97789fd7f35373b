import { type DueEscalation, dueEscalations, escalates } from '../domain/escalation.js';
import type { Session } from '../domain/session.js';
import type { Change } from '../ports/conference-repository.js';
import { type Actor, auditEntry, nextVersion, systemActor, type UseCaseDeps } from './context.js';
import { newInvitation, outboxEntry } from './invitations.js';
import { eachOnItsOwn, type SweepFailure } from './sweep.js';

/** People invited per transaction: an invitation and its mail each, beside the session and the audit. */
const peoplePerTransaction = 45;

/** How far back and ahead the sweep looks for sessions that may escalate. */
const lookBackDays = 2;
const horizonDays = 120;

export interface EscalationSweepResult {
  /** Member steps taken. */
  steps: number;
  /** People invited by them. */
  invited: number;
}

/** The due steps that fit into one transaction; the rest wait for the next run. */
const fitting = (due: readonly DueEscalation[]) => {
  const taken: DueEscalation[] = [];
  let people = 0;
  for (const step of due) {
    if (taken.length > 0 && people + step.people.length > peoplePerTransaction) break;
    taken.push(step);
    people += step.people.length;
  }
  return taken;
};

/**
 * Takes the due escalation steps of one session: invites the people of each
 * step and records the steps on the session, guarded by its version, in one
 * transaction with their mails and the audit entry, so no step is taken
 * twice however often or concurrently the sweep runs.
 */
const escalate = async (
  deps: UseCaseDeps,
  actor: Actor,
  session: Session,
  due: readonly DueEscalation[],
): Promise<EscalationSweepResult> => {
  const now = deps.clock.now().toISOString();
  const steps = fitting(due);
  const invitations = steps.flatMap(({ member, people }) =>
    people.map((person) => newInvitation(session, member, person, now)),
  );
  const after = nextVersion(deps, {
    ...session,
    escalations: [
      ...(session.escalations ?? []),
      ...steps.map(({ member, step }) => ({ memberId: member.memberId, step, at: now })),
    ],
  });
  await deps.repo.commit(
    [
      { type: 'session', op: 'replace', session: after, expectedVersion: session.version },
      ...invitations.flatMap((invitation): Change[] => [
        { type: 'invitation', op: 'create', invitation },
        { type: 'outbox', op: 'create', entry: outboxEntry(invitation, now) },
      ]),
    ],
    [
      {
        ...auditEntry(
          deps,
          actor,
          'session.escalated',
          'session',
          session.id,
          session.bodyId,
          session,
          after,
        ),
        changedFields: steps.flatMap(({ member, step, people }) =>
          people.length === 0
            ? [`${member.memberId}:${step}`]
            : people.map((person) => `${member.memberId}:${step}:${person.email}`),
        ),
      },
    ],
  );
  return { steps: steps.length, invited: invitations.length };
};

/**
 * Sends the invitation of a short-notice session or an exercise further
 * along the body's escalation chain: to the deputies of a member who has
 * not answered `afterMinutes` after its invitation went out, then to its
 * office contacts, each step once per member (recorded on the session),
 * audited, and shown on the attendance board. Run by the scheduled jobs.
 *
 * @example
 * ```ts
 * await sweepEscalations(deps); // { steps: 2, invited: 2 } when two ministries stayed silent
 * ```
 */
export const sweepEscalations = async (
  deps: UseCaseDeps,
  actor: Actor = systemActor,
  failures: SweepFailure[] = [],
): Promise<EscalationSweepResult> => {
  const now = deps.clock.now();
  const result = { steps: 0, invited: 0 };
  let next: string | undefined;
  do {
    const page = await deps.repo.listSessions({
      from: new Date(now.getTime() - lookBackDays * 86_400_000).toISOString(),
      to: new Date(now.getTime() + horizonDays * 86_400_000).toISOString(),
      limit: 100,
      next,
    });
    const candidates = page.items.filter(escalates);
    const due = (
      await Promise.all(
        candidates.map(async (session) => {
          const body = await deps.repo.getBodyWithMembers(session.bodyId);
          if (body?.escalation === undefined) return [];
          const steps = dueEscalations(
            session,
            body.members,
            await deps.repo.listInvitations(session.id),
            body.escalation,
            now,
          );
          return steps.length === 0 ? [] : [{ session, steps }];
        }),
      )
    ).flat();
    // A session that changed meanwhile (or that another sweep took) is decided anew next time.
    await eachOnItsOwn(
      'escalations',
      due,
      ({ session }) => session.id,
      async ({ session, steps }) => {
        const taken = await escalate(deps, actor, session, steps);
        result.steps += taken.steps;
        result.invited += taken.invited;
      },
      failures,
    );
    next = page.next;
  } while (next !== undefined);
  return result;
};
