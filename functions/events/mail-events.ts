import type { Context, SNSEvent } from 'aws-lambda';
import * as z from 'zod/mini';
import { createDocumentClient } from '../../shared/adapters/dynamodb/client.js';
import { DynamoConferenceRepository } from '../../shared/adapters/dynamodb/conference-repository.js';
import { loadTableConfig } from '../../shared/config/config.js';
import { createLogger } from '../../shared/observability/logger.js';
import { systemClock } from '../../shared/ports/clock.js';
import { recordDeliveryEvent } from '../../shared/use-cases/delivery-events.js';

const table = loadTableConfig(process.env);
const logger = createLogger('conference-mail-events', table.logLevel);
const repo = new DynamoConferenceRepository(
  createDocumentClient({ region: table.region, endpoint: table.dynamodbEndpoint }),
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
 * Bounces and complaints from the SES configuration set, through SNS: the
 * invitation whose mail failed for good is marked, and the board shows it.
 */
export const handler = async (event: SNSEvent, context: Context) => {
  logger.addContext(context);
  for (const record of event.Records) {
    const parsed = NotificationSchema.safeParse(JSON.parse(record.Sns.Message));
    if (!parsed.success) {
      logger.warn('not a bounce or complaint notification', { snsMessageId: record.Sns.MessageId });
      continue;
    }
    const notification = parsed.data;
    const detail =
      notification.bounce?.bouncedRecipients?.[0]?.diagnosticCode ??
      notification.complaint?.complaintFeedbackType;
    const outcome = await recordDeliveryEvent(
      { repo, clock: systemClock },
      {
        sesMessageId: notification.mail.messageId,
        kind: notification.eventType === 'Bounce' ? 'bounce' : 'complaint',
        permanent:
          notification.eventType === 'Complaint' || notification.bounce?.bounceType === 'Permanent',
        ...(detail === undefined ? {} : { detail }),
      },
    );
    logger.info('delivery event', { eventType: notification.eventType, outcome });
  }
};
