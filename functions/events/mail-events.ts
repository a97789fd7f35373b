import { Tracer } from '@aws-lambda-powertools/tracer';
import type { SNSEvent } from 'aws-lambda';
import * as z from 'zod/mini';
import { createDocumentClient } from '../../shared/adapters/dynamodb/client.js';
import { DynamoConferenceRepository } from '../../shared/adapters/dynamodb/conference-repository.js';
import { loadTableConfig } from '../../shared/config/config.js';
import { countDeliveryEvent, createMetrics } from '../../shared/observability/business-metrics.js';
import { createLogger } from '../../shared/observability/logger.js';
import { systemClock } from '../../shared/ports/clock.js';
import { type DeliveryEvent, recordDeliveryEvent } from '../../shared/use-cases/delivery-events.js';
import { observedHandler } from '../middleware/observed-handler.js';
import { SnsNotificationsSchema } from './event-schemas.js';

const table = loadTableConfig(process.env);
const logger = createLogger('conference-mail-events', table.logLevel);
const tracer = new Tracer({ serviceName: 'conference-mail-events' });
const metrics = createMetrics('mail-events');
const repo = new DynamoConferenceRepository(
  tracer.captureAWSv3Client(
    createDocumentClient({ region: table.region, endpoint: table.dynamodbEndpoint }),
  ),
  table.tableName,
);

/** The parts of an SES event notification this function reads. */
const NotificationSchema = z.object({
  eventType: z.enum(['Bounce', 'Complaint']),
  mail: z.object({ messageId: z.string() }),
  bounce: z.optional(
    z.object({
      bounceType: z.string(),
      bouncedRecipients: z.optional(z.array(z.object({ diagnosticCode: z.optional(z.string()) }))),
    }),
  ),
  complaint: z.optional(z.object({ complaintFeedbackType: z.optional(z.string()) })),
});

/**
 * Reads the message of one notification: the bounce or complaint it
 * reports, or why it is none (not JSON, or another kind of SES event such
 * as a delivery), which is skipped.
 *
 * @example
 * ```ts
 * readDeliveryEvent('{"eventType":"Bounce",…}'); // { sesMessageId: '…', kind: 'bounce', permanent: true }
 * readDeliveryEvent('{"eventType":"Delivery",…}'); // { skipped: 'not a bounce or complaint' }
 * ```
 */
export const readDeliveryEvent = (message: string): DeliveryEvent | { skipped: string } => {
  let json: unknown;
  try {
    json = JSON.parse(message);
  } catch {
    return { skipped: 'not JSON' };
  }
  const parsed = NotificationSchema.safeParse(json);
  if (!parsed.success) return { skipped: 'not a bounce or complaint' };
  const notification = parsed.data;
  const detail =
    notification.bounce?.bouncedRecipients?.[0]?.diagnosticCode ??
    notification.complaint?.complaintFeedbackType;
  return {
    sesMessageId: notification.mail.messageId,
    kind: notification.eventType === 'Bounce' ? 'bounce' : 'complaint',
    permanent:
      notification.eventType === 'Complaint' || notification.bounce?.bounceType === 'Permanent',
    ...(detail === undefined ? {} : { detail }),
  };
};

/** Some notifications of one event could not be recorded; the event is to be delivered again. */
export class DeliveryEventsFailedError extends Error {
  constructor(readonly snsMessageIds: string[]) {
    super(`Delivery events not recorded, to be retried: ${snsMessageIds.join(', ')}`);
    this.name = 'DeliveryEventsFailedError';
  }
}

/**
 * Each notification on its own. One that is not a bounce or complaint is
 * logged and skipped: delivering it again would not change it. One whose
 * recording fails (the table unreachable) is logged, the others go on, and
 * then the invocation fails, so that Lambda's asynchronous retries and then
 * the failed-events destination take the event; recording again is safe.
 */
const recordAll = async (event: SNSEvent) => {
  const failed: string[] = [];
  for (const { Sns: notification } of event.Records) {
    const snsMessageId = notification.MessageId;
    const delivery = readDeliveryEvent(notification.Message);
    if ('skipped' in delivery) {
      logger.warn('not a bounce or complaint notification', {
        snsMessageId,
        reason: delivery.skipped,
      });
      continue;
    }
    try {
      const outcome = await recordDeliveryEvent({ repo, clock: systemClock }, delivery);
      countDeliveryEvent(metrics, delivery);
      logger.info('delivery event', { kind: delivery.kind, snsMessageId, outcome });
    } catch (error) {
      logger.error('delivery event not recorded', { snsMessageId, error });
      failed.push(snsMessageId);
    }
  }
  if (failed.length > 0) throw new DeliveryEventsFailedError(failed);
};

/**
 * Bounces and complaints from the SES configuration set, through SNS: the
 * invitation whose mail failed for good is marked, and the board shows it.
 */
export const handler = observedHandler(recordAll, {
  logger,
  tracer,
  metrics,
  schema: SnsNotificationsSchema,
});
