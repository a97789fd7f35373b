import type { Logger } from '@aws-lambda-powertools/logger';
import { type Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { SweepFailure } from '../use-cases/sweep.js';

/** The CloudWatch namespace of the product's business metrics. */
export const metricsNamespace = 'ConferenceCoordination';

/**
 * Logs every item a sweep skipped, with its id and error, and counts them in
 * the `SweepItemFailed` metric (EMF): the total, which an alarm watches, and
 * one per sweep. The caller publishes the stored metrics.
 *
 * @example
 * ```ts
 * reportSweepFailures(logger, metrics, result.failures);
 * ```
 */
export const reportSweepFailures = (
  logger: Logger,
  metrics: Metrics | undefined,
  failures: readonly SweepFailure[],
): void => {
  const perSweep = new Map<string, number>();
  for (const failure of failures) {
    logger.error('sweep item failed', {
      sweep: failure.sweep,
      itemId: failure.id,
      error: failure.error,
    });
    perSweep.set(failure.sweep, (perSweep.get(failure.sweep) ?? 0) + 1);
  }
  if (metrics === undefined || failures.length === 0) return;
  // The total, under the function's own dimensions, is what the alarm watches.
  metrics.addMetric('SweepItemFailed', MetricUnit.Count, failures.length);
  for (const [sweep, count] of perSweep) {
    const metric = metrics.singleMetric();
    metric.addDimension('sweep', sweep);
    metric.addMetric('SweepItemFailed', MetricUnit.Count, count);
  }
};
