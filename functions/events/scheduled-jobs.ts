import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Context } from 'aws-lambda';
import { createDocumentClient } from '../../shared/adapters/dynamodb/client.js';
import { DynamoConferenceRepository } from '../../shared/adapters/dynamodb/conference-repository.js';
import { loadTableConfig } from '../../shared/config/config.js';
import { createLogger } from '../../shared/observability/logger.js';
import { metricsNamespace, reportSweepFailures } from '../../shared/observability/sweep-report.js';
import { systemClock } from '../../shared/ports/clock.js';
import { runScheduledJobs } from '../../shared/use-cases/scheduled-jobs.js';

const table = loadTableConfig(process.env);
const logger = createLogger('conference-scheduled-jobs', table.logLevel);
const metrics = new Metrics({ namespace: metricsNamespace, serviceName: 'scheduled-jobs' });
const repo = new DynamoConferenceRepository(
  createDocumentClient({ region: table.region, endpoint: table.dynamodbEndpoint }),
  table.tableName,
);

/**
 * The scheduled jobs, invoked by EventBridge Scheduler every minute:
 * invitation reminders, written procedures' reminders and deadlines, settled
 * releases and the press jobs. Each run is safe to repeat; every mail goes
 * out once. An item that fails is logged with its id and counted, and the
 * run still succeeds for everything else.
 */
export const handler = async (_event: unknown, context: Context) => {
  logger.addContext(context);
  const result = await runScheduledJobs({ repo, clock: systemClock });
  reportSweepFailures(logger, metrics, result.failures);
  metrics.addMetric('ScheduledJobsRun', MetricUnit.Count, 1);
  metrics.publishStoredMetrics();
  logger.info('scheduled jobs', { ...result });
  return result;
};
