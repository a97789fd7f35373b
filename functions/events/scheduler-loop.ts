import type { Logger } from '@aws-lambda-powertools/logger';
import type { UseCaseDeps } from '../../shared/use-cases/context.js';
import { sendDueReminders } from '../../shared/use-cases/reminders.js';

/**
 * The local stand-in for EventBridge Scheduler: runs the scheduled jobs (the
 * reminder sweep) every `intervalMs`. Returns a function that stops it.
 */
export const startSchedulerLoop = (
  deps: UseCaseDeps,
  logger: Logger,
  intervalMs = 30_000,
): (() => Promise<void>) => {
  let round: Promise<void> = Promise.resolve();
  const run = () => {
    round = sendDueReminders(deps)
      .then((result) => {
        if (result.reminders > 0) logger.info('reminders sent', { ...result });
      })
      .catch((error: unknown) => logger.error('reminder sweep failed', { error }));
  };
  run();
  const timer = setInterval(run, intervalMs);
  return async () => {
    clearInterval(timer);
    await round;
  };
};
