import { Tracer } from '@aws-lambda-powertools/tracer';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import type { SESEvent, SESEventRecord } from 'aws-lambda';
import { createDocumentClient } from '../../shared/adapters/dynamodb/client.js';
import { DynamoConferenceRepository } from '../../shared/adapters/dynamodb/conference-repository.js';
import { parseInboundMail } from '../../shared/adapters/mail/parse-inbound.js';
import { sesVerdicts } from '../../shared/adapters/mail/ses-receipt.js';
import { createS3Client } from '../../shared/adapters/s3/client.js';
import { linkSecretResolver } from '../../shared/adapters/secrets/link-secret.js';
import { loadTableConfig } from '../../shared/config/config.js';
import { loadMailConfig } from '../../shared/config/mail-config.js';
import { countInbound, createMetrics } from '../../shared/observability/business-metrics.js';
import { createLogger } from '../../shared/observability/logger.js';
import { systemClock } from '../../shared/ports/clock.js';
import { processInboundMail } from '../../shared/use-cases/inbound-mail.js';
import { observedHandler } from '../middleware/observed-handler.js';
import { SesReceiptEventSchema } from './event-schemas.js';

const table = loadTableConfig(process.env);
const mail = loadMailConfig(process.env);
const bucket = process.env.INBOUND_BUCKET ?? '';
const prefix = process.env.INBOUND_PREFIX ?? 'inbound/';
const logger = createLogger('conference-inbound-mail', table.logLevel);
const tracer = new Tracer({ serviceName: 'conference-inbound-mail' });
const metrics = createMetrics('inbound-mail');
const repo = new DynamoConferenceRepository(
  tracer.captureAWSv3Client(
    createDocumentClient({ region: table.region, endpoint: table.dynamodbEndpoint }),
  ),
  table.tableName,
);
// `S3_ENDPOINT` only in the local stack (`npm run inbound`), where the message lies in the local S3.
const s3 = tracer.captureAWSv3Client(
  createS3Client({ region: table.region, endpoint: process.env.S3_ENDPOINT }),
);
const linkSecret = linkSecretResolver(mail);

/** Some inbound mails of one event could not be handled; the event is to be delivered again. */
export class InboundMailFailedError extends Error {
  constructor(readonly sesMessageIds: string[]) {
    super(`Inbound mail not handled, to be retried: ${sesMessageIds.join(', ')}`);
    this.name = 'InboundMailFailedError';
  }
}

/** Reads one stored message from S3 and hands it to the use case; what became of it. */
const receive = async ({ ses: { mail: received, receipt } }: SESEventRecord) => {
  const object = await s3.send(
    new GetObjectCommand({ Bucket: bucket, Key: `${prefix}${received.messageId}` }),
  );
  const raw = await object.Body?.transformToByteArray();
  if (raw === undefined) throw new Error(`The stored message ${received.messageId} is empty.`);
  const parsed = await parseInboundMail(raw, {
    recipients: receipt.recipients,
    verdicts: sesVerdicts(receipt),
    // Only the local stack's `npm run inbound` has a local S3: its messages never passed SES.
    delivery: process.env.S3_ENDPOINT === undefined ? 'ses' : 'local',
  });
  return processInboundMail(
    { repo, clock: systemClock, linkSecret: await linkSecret(), senderDomain: mail.senderDomain },
    parsed,
  );
};

/**
 * Each mail on its own. What the mail itself says never fails it: a message
 * that cannot be parsed, is not authenticated, is addressed to no reply
 * address of ours or fails after its claim ends in review, which the use
 * case records (an `InboundOutcome` of state `review`). What fails around
 * it (the stored message missing or unreadable from S3, the table
 * unreachable) is logged with the SES message id, the other mails of the
 * event go on, and then the invocation fails, so that Lambda's asynchronous
 * retries and then the failed-events destination take the event. Delivering
 * it again is safe: a mail already settled is claimed once and comes back
 * `unchanged`.
 */
const receiveAll = async (event: SESEvent) => {
  const failed: string[] = [];
  for (const record of event.Records) {
    const sesMessageId = record.ses.mail.messageId;
    try {
      const outcome = await receive(record);
      countInbound(metrics, outcome);
      logger.info('inbound mail', { state: outcome.state, reason: outcome.reason, sesMessageId });
    } catch (error) {
      logger.error('inbound mail not handled', { sesMessageId, error });
      failed.push(sesMessageId);
    }
  }
  if (failed.length > 0) throw new InboundMailFailedError(failed);
};

/**
 * Inbound mail in AWS: the SES receipt rule stores the raw message in S3 and
 * invokes this function with SES's verdicts. The message is read from S3 and
 * handed, with the verdicts (DKIM, DMARC, SPF, spam, virus) and envelope
 * recipients, to the same code that `npm run inbound` runs locally.
 */
export const handler = observedHandler(receiveAll, {
  logger,
  tracer,
  metrics,
  schema: SesReceiptEventSchema,
});
