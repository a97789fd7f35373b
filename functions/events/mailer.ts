import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import * as z from 'zod/mini';
import { createDocumentClient } from '../../shared/adapters/dynamodb/client.js';
import { DynamoConferenceRepository } from '../../shared/adapters/dynamodb/conference-repository.js';
import { linkSecretResolver } from '../../shared/adapters/secrets/link-secret.js';
import { SesMailSender } from '../../shared/adapters/ses/ses-mail-sender.js';
import { loadTableConfig } from '../../shared/config/config.js';
import { loadMailConfig } from '../../shared/config/mail-config.js';
import { createLogger } from '../../shared/observability/logger.js';
import { systemClock } from '../../shared/ports/clock.js';
import { deliverOutboxEntry } from '../../shared/use-cases/deliver-mail.js';

// Made once per execution environment.
const table = loadTableConfig(process.env);
const mail = loadMailConfig(process.env);
const logger = createLogger('conference-mailer', table.logLevel);
const repo = new DynamoConferenceRepository(
  createDocumentClient({ region: table.region, endpoint: table.dynamodbEndpoint }),
  table.tableName,
);
const sender = new SesMailSender({
  region: mail.region,
  endpoint: mail.sesEndpoint,
  configurationSet: process.env.SES_CONFIGURATION_SET,
});
const linkSecret = linkSecretResolver(mail);
const processor = new BatchProcessor(EventType.SQS);

const MessageSchema = z.object({ outboxId: z.string().check(z.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/)) });

/** Retried by the queue: the entry went back to `queued` and was not sent. */
class DeliveryDeferred extends Error {}

const deliver = async (record: SQSRecord) => {
  const message = MessageSchema.safeParse(JSON.parse(record.body));
  if (!message.success) {
    // A message we cannot read will never become readable: log it and let it go.
    logger.error('unreadable outbox message', { messageId: record.messageId });
    return;
  }
  const outcome = await deliverOutboxEntry(
    { repo, clock: systemClock, mail, sender, linkSecret: await linkSecret() },
    message.data.outboxId,
  );
  logger.info('outbox entry delivered', { outboxId: message.data.outboxId, outcome });
  if (outcome === 'retry')
    throw new DeliveryDeferred(`Outbox entry ${message.data.outboxId} will be retried.`);
};

/**
 * The mailer: outbox messages from the queue (fed by an EventBridge Pipe from
 * the table's stream). Each entry is sent at most once, however often the
 * queue delivers it; a deferred one fails only its own record.
 */
export const handler = (event: SQSEvent, context: Context) => {
  logger.addContext(context);
  return processPartialResponse(event, deliver, processor, { context });
};
