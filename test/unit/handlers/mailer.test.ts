import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';

const sqs = mockClient(SQSClient);
const ddb = mockClient(DynamoDBDocumentClient);
const deadLetterQueueUrl = 'https://sqs.eu-central-1.amazonaws.com/123456789012/dead-letters';

const record = (messageId: string, body: string): SQSRecord => ({
  messageId,
  receiptHandle: `handle-${messageId}`,
  body,
  attributes: {
    ApproximateReceiveCount: '1',
    SentTimestamp: '1767225600000',
    SenderId: 'AIDA',
    ApproximateFirstReceiveTimestamp: '1767225600000',
  },
  messageAttributes: {},
  md5OfBody: '',
  eventSource: 'aws:sqs',
  eventSourceARN: 'arn:aws:sqs:eu-central-1:123456789012:outbox',
  awsRegion: 'eu-central-1',
});
const context = { functionName: 'mailer', awsRequestId: 'req-1' } as Context;

let handler: (event: SQSEvent, context: Context) => Promise<unknown>;

describe('Function: mailer handler', () => {
  beforeAll(async () => {
    Object.assign(process.env, {
      TABLE_NAME: 'table',
      AWS_REGION: 'eu-central-1',
      SENDER_DOMAIN: 'imk.example.org',
      SECRETARIAT_EMAIL: 'geschaeftsstelle@imk.example.org',
      PUBLIC_BASE_URL: 'https://imk.example.org',
      LINK_SECRET: 'x'.repeat(40),
      DEAD_LETTER_QUEUE_URL: deadLetterQueueUrl,
      LOG_LEVEL: 'ERROR',
    });
    ({ handler } = await import('../../functions/events/mailer.js'));
  });

  beforeEach(() => {
    sqs.reset();
    ddb.reset();
  });

  it('puts unreadable messages straight onto the dead-letter queue and fails no record', async () => {
    // Prepare: one message that is not JSON, one of the wrong shape, one already taken.
    sqs.on(SendMessageCommand).resolves({ MessageId: 'dl-1' });
    ddb
      .on(UpdateCommand)
      .rejects(new ConditionalCheckFailedException({ message: 'taken', $metadata: {} }));

    // Act
    const result = await handler(
      {
        Records: [
          record('m1', '{"outboxId": '),
          record('m2', '{"id":"01J0000000000000000000000Z"}'),
          record('m3', '{"outboxId":"01J0000000000000000000000Z"}'),
        ],
      },
      context,
    );

    // Assess
    expect(result).toEqual({ batchItemFailures: [] });
    const sent = sqs.commandCalls(SendMessageCommand).map((call) => call.args[0].input);
    expect(sent).toEqual([
      {
        QueueUrl: deadLetterQueueUrl,
        MessageBody: '{"outboxId": ',
        MessageAttributes: {
          reason: { DataType: 'String', StringValue: 'not JSON' },
          sourceMessageId: { DataType: 'String', StringValue: 'm1' },
        },
      },
      expect.objectContaining({
        MessageBody: '{"id":"01J0000000000000000000000Z"}',
        MessageAttributes: expect.objectContaining({
          sourceMessageId: { DataType: 'String', StringValue: 'm2' },
        }),
      }),
    ]);
    expect(ddb.commandCalls(UpdateCommand)).toHaveLength(1);
  });

  it('fails only the record whose dead-letter send failed, so the queue tries it again', async () => {
    sqs.on(SendMessageCommand).rejects(new Error('SQS unavailable'));
    ddb
      .on(UpdateCommand)
      .rejects(new ConditionalCheckFailedException({ message: 'taken', $metadata: {} }));
    const result = await handler(
      {
        Records: [
          record('m4', 'not json'),
          record('m5', '{"outboxId":"01J0000000000000000000000Z"}'),
        ],
      },
      context,
    );
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: 'm4' }] });
  });
});
