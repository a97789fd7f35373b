import type { Logger } from '@aws-lambda-powertools/logger';
import { reportSweepFailures } from '../../shared/observability/sweep-report.js';
import type { ObjectStore } from '../../shared/ports/object-store.js';
import type { UseCaseDeps } from '../../shared/use-cases/context.js';
import { didWork, runScheduledJobs } from '../../shared/use-cases/scheduled-jobs.js';

/**
 * The local stand-in for EventBridge Scheduler: runs the scheduled jobs (the
 * reminders, written procedures' deadlines, releases) every `intervalMs`.
 * Returns a function that stops it.
 */
export const startSchedulerLoop = (
  deps: UseCaseDeps & { objects?: ObjectStore | undefined },
  logger: Logger,
  intervalMs = 30_000,
): (() => Promise<void>) => {
  let round: Promise<void> = Promise.resolve();
  const run = () => {
    round = runScheduledJobs(deps)
      .then((result) => {
        reportSweepFailures(logger, undefined, result.failures);
        if (didWork(result)) logger.info('scheduled jobs', { ...result });
      })
      .catch((error: unknown) => logger.error('scheduled jobs failed', { error }));
  };
  run();
  const timer = setInterval(run, intervalMs);
  return async () => {
    clearInterval(timer);
    await round;
  };
};
