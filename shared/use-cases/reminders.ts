import { isActive } from '../domain/invitation.js';
import { dueReminderOffsets, type Session } from '../domain/session.js';
import type { Change } from '../ports/conference-repository.js';
import { type Actor, auditEntry, nextVersion, systemActor, type UseCaseDeps } from './context.js';
import { outboxEntry } from './invitations.js';
import { eachOnItsOwn, type SweepFailure } from './sweep.js';

/** Reminders written per transaction, beside the session and the audit entry. */
const remindersPerTransaction = 90;

const chunks = <T>(items: readonly T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, index) =>
    items.slice(index * size, (index + 1) * size),
  );

/** How far ahead the sweep looks for sessions whose invitees may need reminding. */
const horizonDays = 120;

export interface ReminderSweepResult {
  sessions: number;
  reminders: number;
}

const remind = async (
  deps: UseCaseDeps,
  actor: Actor,
  session: Session,
  offsets: number[],
): Promise<number> => {
  const now = deps.clock.now().toISOString();
  const pending = (await deps.repo.listInvitations(session.id)).filter(
    (invitation) =>
      invitation.answer === undefined &&
      invitation.capacity !== 'office_contact' &&
      isActive(invitation),
  );
  const after = nextVersion(deps, {
    ...session,
    remindersSent: [...(session.remindersSent ?? []), ...offsets],
  });
  const reminders = pending.map(
    (invitation): Change => ({
      type: 'outbox',
      op: 'create',
      entry: outboxEntry(invitation, now, 'reminder'),
    }),
  );
  // The offsets are recorded with the first batch, guarded by the session's
  // version, so no sweep sends them twice; a transaction holds at most 100 items.
  const [first = [], ...rest] = chunks(reminders, remindersPerTransaction);
  await deps.repo.commit(
    [
      { type: 'session', op: 'replace', session: after, expectedVersion: session.version },
      ...first,
    ],
    [
      {
        ...auditEntry(
          deps,
          actor,
          'session.reminders-sent',
          'session',
          session.id,
          session.bodyId,
          session,
          after,
        ),
        changedFields: pending.map((invitation) => `${invitation.memberId}:${invitation.email}`),
      },
    ],
  );
  for (const batch of rest) await deps.repo.commit(batch, []);
  return pending.length;
};

/**
 * Sends the reminders that are due: for every invited session whose answer
 * deadline is near enough, once per offset, only to invitees who have not
 * answered. The offsets sent are recorded on the session in the same
 * transaction as the reminders, guarded by its version, so a sweep that runs
 * twice, or two sweeps at once, remind nobody twice. Moving the deadline
 * re-arms them; a cancelled or concluded session gets none.
 */
export const sendDueReminders = async (
  deps: UseCaseDeps,
  actor: Actor = systemActor,
  failures: SweepFailure[] = [],
): Promise<ReminderSweepResult> => {
  const now = deps.clock.now();
  const result = { sessions: 0, reminders: 0 };
  let next: string | undefined;
  do {
    const page = await deps.repo.listSessions({
      from: now.toISOString(),
      to: new Date(now.getTime() + horizonDays * 86_400_000).toISOString(),
      limit: 100,
      next,
    });
    // Whether a body wants reminders for sessions without an answer deadline: read once per body.
    const asks = new Map<string, Promise<boolean>>();
    const bodyAsks = (bodyId: string) => {
      let answer = asks.get(bodyId);
      if (answer === undefined) {
        answer = deps.repo.getBody(bodyId).then((body) => body?.remindWithoutDeadline === true);
        asks.set(bodyId, answer);
      }
      return answer;
    };
    const due = (
      await Promise.all(
        page.items.map(async (session) => {
          if (session.state !== 'invited') return [];
          const withoutDeadline =
            session.answerDeadline === undefined && (await bodyAsks(session.bodyId));
          const offsets = dueReminderOffsets(session, now, withoutDeadline);
          return offsets.length === 0 ? [] : [{ session, offsets }];
        }),
      )
    ).flat();
    // A session that changed meanwhile (or that another sweep took) is decided anew next time.
    await eachOnItsOwn(
      'reminders',
      due,
      ({ session }) => session.id,
      async ({ session, offsets }) => {
        result.reminders += await remind(deps, actor, session, offsets);
        result.sessions += 1;
      },
      failures,
    );
    next = page.next;
  } while (next !== undefined);
  return result;
};
