import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { Tracer } from '@aws-lambda-powertools/tracer';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { createDocumentClient } from '../../shared/adapters/dynamodb/client.js';
import { DynamoConferenceRepository } from '../../shared/adapters/dynamodb/conference-repository.js';
import { loadOnce } from '../../shared/adapters/on-first-use.js';
import { linkSecretResolver } from '../../shared/adapters/secrets/link-secret.js';
import { createSendPacer, pacedSender } from '../../shared/adapters/ses/send-pacer.js';
import { SesMailSender } from '../../shared/adapters/ses/ses-mail-sender.js';
import { loadTableConfig } from '../../shared/config/config.js';
import { loadMailConfig } from '../../shared/config/mail-config.js';
import { readOutboxMessage } from '../../shared/domain/outbox-message.js';
import {
  countDelivery,
  countThrottled,
  createMetrics,
} from '../../shared/observability/business-metrics.js';
import { createLogger } from '../../shared/observability/logger.js';
import { systemClock } from '../../shared/ports/clock.js';
import { deliverOutboxEntry } from '../../shared/use-cases/deliver-mail.js';
import { observedHandler } from '../middleware/observed-handler.js';
import { SqsBatchSchema } from './event-schemas.js';

// Made once per execution environment.
const table = loadTableConfig(process.env);
const mail = loadMailConfig(process.env);
const logger = createLogger('conference-mailer', table.logLevel);
const tracer = new Tracer({ serviceName: 'conference-mailer' });
const metrics = createMetrics('mailer');
const repo = new DynamoConferenceRepository(
  tracer.captureAWSv3Client(
    createDocumentClient({ region: table.region, endpoint: table.dynamodbEndpoint }),
  ),
  table.tableName,
);
const ses = new SesMailSender({
  region: mail.region,
  endpoint: mail.sesEndpoint,
  configurationSet: process.env.SES_CONFIGURATION_SET,
  onThrottled: () => countThrottled(metrics),
});
tracer.captureAWSv3Client(ses.client);
// This instance's share of the account's SES rate (the stack divides
// mailsPerSecond by the queue's maximum concurrency): every send waits for its slot.
const perWorker = Number(process.env.MAILS_PER_SECOND_PER_WORKER);
const sender = pacedSender(
  ses,
  createSendPacer(Number.isFinite(perWorker) && perWorker > 0 ? perWorker : undefined),
);
const linkSecret = linkSecretResolver(mail);
const processor = new BatchProcessor(EventType.SQS);
const deadLetterQueueUrl = process.env.DEAD_LETTER_QUEUE_URL;
// Only an unreadable message needs the queue client: it loads then, not at every cold start.
const deadLetterClient = loadOnce(async () => {
  const { SQSClient } = await import('@aws-sdk/client-sqs');
  return tracer.captureAWSv3Client(new SQSClient({ region: mail.region }));
});

/** Retried by the queue: the entry went back to `queued` and was not sent. */
class DeliveryDeferred extends Error {}

const deliver = async (record: SQSRecord) => {
  const message = readOutboxMessage(record.body);
  if ('unreadable' in message) {
    // A message we cannot read will never become readable: straight to the
    // dead-letter queue (an alarm watches it), instead of five more tries.
    logger.error('unreadable outbox message', {
      messageId: record.messageId,
      reason: message.unreadable,
    });
    if (deadLetterQueueUrl === undefined) throw new Error(message.unreadable);
    const { sendToDeadLetterQueue } = await import('../../shared/adapters/sqs/dead-letter.js');
    await sendToDeadLetterQueue(
      await deadLetterClient(),
      deadLetterQueueUrl,
      record,
      message.unreadable,
    );
    return;
  }
  const outcome = await deliverOutboxEntry(
    { repo, clock: systemClock, mail, sender, linkSecret: await linkSecret() },
    message.outboxId,
  );
  countDelivery(metrics, outcome);
  logger.info('outbox entry delivered', { outboxId: message.outboxId, outcome });
  if (outcome === 'retry')
    throw new DeliveryDeferred(`Outbox entry ${message.outboxId} will be retried.`);
};

/**
 * Each record on its own: a deferred one fails only itself (the queue
 * delivers it again), an unreadable one has gone to the dead-letter queue.
 */
const deliverBatch = (event: SQSEvent, context: Context) =>
  processPartialResponse(event, deliver, processor, { context });

/**
 * The mailer: outbox messages from the queue (fed by an EventBridge Pipe from
 * the table's stream). Each entry is sent at most once, however often the
 * queue delivers it; a deferred one fails only its own record.
 */
export const handler = observedHandler(deliverBatch, {
  logger,
  tracer,
  metrics,
  schema: SqsBatchSchema,
});
