import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';
import type { Context } from 'aws-lambda';
import { createDocumentClient } from '../../shared/adapters/dynamodb/client.js';
import { DynamoConferenceRepository } from '../../shared/adapters/dynamodb/conference-repository.js';
import { loadTableConfig } from '../../shared/config/config.js';
import { papersFromEnvironment } from '../../shared/config/papers-config.js';
import { createMetrics } from '../../shared/observability/business-metrics.js';
import { createLogger } from '../../shared/observability/logger.js';
import { reportSweepFailures } from '../../shared/observability/sweep-report.js';
import { systemClock } from '../../shared/ports/clock.js';
import { runScheduledJobs } from '../../shared/use-cases/scheduled-jobs.js';
import { observedHandler } from '../middleware/observed-handler.js';

const table = loadTableConfig(process.env);
const logger = createLogger('conference-scheduled-jobs', table.logLevel);
const tracer = new Tracer({ serviceName: 'conference-scheduled-jobs' });
// The `service` dimension `scheduled-jobs` is what the alarms on these metrics select.
const metrics = createMetrics('scheduled-jobs');
const repo = new DynamoConferenceRepository(
  tracer.captureAWSv3Client(
    createDocumentClient({ region: table.region, endpoint: table.dynamodbEndpoint }),
  ),
  table.tableName,
);

/**
 * One run. The event EventBridge Scheduler sends carries nothing the jobs
 * read (they look at the clock and the table), so it is not parsed; a run
 * is safe to repeat, whichever event or retry started it.
 */
const papers = papersFromEnvironment(process.env, (client) => tracer.captureAWSv3Client(client));

const runJobs = async (_event: unknown, _context: Context) => {
  const result = await runScheduledJobs({ repo, clock: systemClock, objects: papers?.objects });
  reportSweepFailures(logger, metrics, result.failures);
  metrics.addMetric('ScheduledJobsRun', MetricUnit.Count, 1);
  logger.info('scheduled jobs', { ...result });
  return result;
};

/**
 * The scheduled jobs, invoked by EventBridge Scheduler every minute:
 * invitation reminders, written procedures' reminders and deadlines, settled
 * releases and the press jobs. Each run is safe to repeat; every mail goes
 * out once. An item that fails is logged with its id and counted, and the
 * run still succeeds for everything else.
 */
export const handler = observedHandler(runJobs, { logger, tracer, metrics });
