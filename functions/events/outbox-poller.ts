import type { Logger } from '@aws-lambda-powertools/logger';
import { reportSweepFailures } from '../../shared/observability/sweep-report.js';
import { deliverOutboxEntry, type MailerDeps } from '../../shared/use-cases/deliver-mail.js';
import { eachOnItsOwn, type SweepFailure } from '../../shared/use-cases/sweep.js';

/**
 * The local stand-in for the queue that feeds the mailer in AWS: it polls
 * the queued outbox entries and hands each to the same delivery code.
 * Returns a function that stops it after the current round.
 */
export const startOutboxPoller = (
  deps: MailerDeps,
  logger: Logger,
  intervalMs = 300,
): (() => Promise<void>) => {
  let stopped = false;
  let round: Promise<void> = Promise.resolve();
  const tick = async () => {
    const entries = await deps.repo.listQueuedOutbox(25);
    // Each entry on its own: one that fails is logged with its id and the round goes on.
    const failures: SweepFailure[] = [];
    await eachOnItsOwn(
      'outbox',
      entries,
      (entry) => entry.id,
      async (entry) => {
        const outcome = await deliverOutboxEntry(deps, entry.id);
        logger.info('outbox entry delivered', { outboxId: entry.id, outcome });
      },
      failures,
    );
    reportSweepFailures(logger, undefined, failures);
  };
  let timer: NodeJS.Timeout | undefined;
  const loop = () => {
    if (stopped) return;
    round = tick()
      .catch((error: unknown) => logger.error('outbox round failed', { error }))
      .finally(() => {
        if (!stopped) timer = setTimeout(loop, intervalMs);
      });
  };
  timer = setTimeout(loop, 0);
  return async () => {
    stopped = true;
    clearTimeout(timer);
    await round;
  };
};
