import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';
import type { GuardDutyScanResultNotificationEvent } from 'aws-lambda';
import * as z from 'zod/mini';
import { createDocumentClient } from '../../shared/adapters/dynamodb/client.js';
import { DynamoConferenceRepository } from '../../shared/adapters/dynamodb/conference-repository.js';
import { createS3Client } from '../../shared/adapters/s3/client.js';
import { S3ObjectStore } from '../../shared/adapters/s3/object-store.js';
import { loadTableConfig } from '../../shared/config/config.js';
import { parseEnvironment } from '../../shared/config/parse-environment.js';
import { createMetrics } from '../../shared/observability/business-metrics.js';
import { createLogger } from '../../shared/observability/logger.js';
import { systemClock } from '../../shared/ports/clock.js';
import { recordPaperScan } from '../../shared/use-cases/paper-scan.js';
import { observedHandler } from '../middleware/observed-handler.js';
import { MalwareScanResultEventSchema } from './event-schemas.js';

const table = loadTableConfig(process.env);
const { PAPERS_BUCKET: papersBucket, S3_ENDPOINT: s3Endpoint } = parseEnvironment(
  z.object({
    PAPERS_BUCKET: z.string().check(z.minLength(1)),
    S3_ENDPOINT: z.optional(z.url()),
  }),
  process.env,
  'Invalid configuration',
);
const logger = createLogger('conference-paper-scan', table.logLevel);
const tracer = new Tracer({ serviceName: 'conference-paper-scan' });
const metrics = createMetrics('paper-scan');
const deps = {
  repo: new DynamoConferenceRepository(
    tracer.captureAWSv3Client(
      createDocumentClient({ region: table.region, endpoint: table.dynamodbEndpoint }),
    ),
    table.tableName,
  ),
  clock: systemClock,
  objects: new S3ObjectStore(
    tracer.captureAWSv3Client(createS3Client({ region: table.region, endpoint: s3Endpoint })),
    papersBucket,
  ),
};

/**
 * Hands one scan result to the use case. A result for another bucket (the
 * rule matches this one only, so it would be a misrouted event) is logged
 * and left alone. What fails in the use case fails the invocation, so that
 * Lambda's asynchronous retries and then the failed-events queue take it;
 * recording the same result twice is the use case's to make harmless.
 */
const recordScan = async ({ detail }: GuardDutyScanResultNotificationEvent) => {
  const { bucketName, objectKey } = detail.s3ObjectDetails;
  const { scanResultStatus: status, threats } = detail.scanResultDetails;
  if (bucketName !== papersBucket) {
    logger.warn('scan result of another bucket ignored', { bucketName, objectKey });
    return;
  }
  const outcome = await recordPaperScan(deps, {
    objectKey,
    status,
    ...(threats === null || threats === undefined
      ? {}
      : { threats: threats.map((threat) => threat.name) }),
  });
  metrics.addMetric(
    status === 'THREATS_FOUND' ? 'PaperThreatFound' : 'PaperScanned',
    MetricUnit.Count,
    1,
  );
  logger.info('paper scan recorded', { objectKey, status, outcome });
};

/**
 * GuardDuty Malware Protection for S3 scans every object uploaded to the
 * papers bucket, tags it with `GuardDutyMalwareScanStatus` and publishes the
 * result to the default event bus; an EventBridge rule for this bucket
 * invokes this function with it. A clean paper is shared from then on (the
 * bucket policy lets no one read an unscanned or infected paper), a threat
 * quarantines it and tells the uploader and the secretariat.
 */
export const handler = observedHandler(recordScan, {
  logger,
  tracer,
  metrics,
  schema: MalwareScanResultEventSchema,
});
