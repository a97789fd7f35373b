import type { Context } from 'aws-lambda';
import { createDocumentClient } from '../../shared/adapters/dynamodb/client.js';
import { DynamoConferenceRepository } from '../../shared/adapters/dynamodb/conference-repository.js';
import { loadTableConfig } from '../../shared/config/config.js';
import { createLogger } from '../../shared/observability/logger.js';
import { systemClock } from '../../shared/ports/clock.js';
import { runScheduledJobs } from '../../shared/use-cases/scheduled-jobs.js';

const table = loadTableConfig(process.env);
const logger = createLogger('conference-scheduled-jobs', table.logLevel);
const repo = new DynamoConferenceRepository(
  createDocumentClient({ region: table.region, endpoint: table.dynamodbEndpoint }),
  table.tableName,
);

/**
 * The scheduled jobs, invoked by EventBridge Scheduler every few minutes:
 * invitation reminders, written procedures' reminders and deadlines, and
 * settled releases. Each run is safe to repeat; every mail goes out once.
 */
export const handler = async (_event: unknown, context: Context) => {
  logger.addContext(context);
  const result = await runScheduledJobs({ repo, clock: systemClock });
  logger.info('scheduled jobs', { ...result });
  return result;
};
