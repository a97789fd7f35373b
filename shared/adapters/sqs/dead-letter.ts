import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { SQSRecord } from 'aws-lambda';

/**
 * Puts a queue message that can never be handled straight onto the
 * dead-letter queue, with the reason, instead of letting the queue deliver
 * it again and again until its receive count runs out.
 *
 * @example
 * ```ts
 * await sendToDeadLetterQueue(sqs, process.env.DEAD_LETTER_QUEUE_URL, record, 'not JSON');
 * ```
 */
export const sendToDeadLetterQueue = async (
  client: SQSClient,
  queueUrl: string,
  record: SQSRecord,
  reason: string,
): Promise<void> => {
  await client.send(
    new SendMessageCommand({
      QueueUrl: queueUrl,
      MessageBody: record.body,
      MessageAttributes: {
        reason: { DataType: 'String', StringValue: reason.slice(0, 256) },
        sourceMessageId: { DataType: 'String', StringValue: record.messageId },
      },
    }),
  );
};
