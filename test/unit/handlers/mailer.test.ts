import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { lambdaContext, snsSesBounce, sqsPipeBatch, sqsRecord } from '../../events/events.js';
import { captureOutput, metricSum } from '../../fixtures/lambda-output.js';

const sqs = mockClient(SQSClient);
const ddb = mockClient(DynamoDBDocumentClient);
const deadLetterQueueUrl = 'https://sqs.eu-central-1.amazonaws.com/123456789012/dead-letters';
const context = lambdaContext('conference-prod-MailerFunction');
const taken = () => new ConditionalCheckFailedException({ message: 'taken', $metadata: {} });

let handler: typeof import('../../../functions/events/mailer.js')['handler'];

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
      // Set by Lambda; Powertools counts a cold start only with it.
      AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    });
    ({ handler } = await import('../../../functions/events/mailer.js'));
  });

  beforeEach(() => {
    sqs.reset();
    ddb.reset();
  });

  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('takes the batch the Pipe put on the queue and claims each entry once', async () => {
    // Prepare: both entries were claimed by an earlier delivery.
    ddb.on(UpdateCommand).rejects(taken());
    const output = captureOutput();

    // Act
    const result = await handler(sqsPipeBatch(), context);

    // Assess
    expect(result).toEqual({ batchItemFailures: [] });
    const claimed = ddb.commandCalls(UpdateCommand).map((call) => call.args[0].input.Key);
    expect(claimed).toEqual([
      { PK: 'OUTBOX#01JQ7Z3K8M2N4P6R8T0V2W4Y6A', SK: '#OUTBOX' },
      { PK: 'OUTBOX#01JQ7Z3K8M2N4P6R8T0V2W4Y6B', SK: '#OUTBOX' },
    ]);
    expect(sqs.commandCalls(SendMessageCommand)).toHaveLength(0);
    // A skipped entry was someone else's: nothing sent, nothing failed.
    expect(metricSum(output.metrics(), 'MailSent')).toBe(0);
    expect(metricSum(output.metrics(), 'MailFailed')).toBe(0);
    expect(metricSum(output.metrics(), 'ColdStart', { service: 'mailer' })).toBe(1);
  });

  it('puts unreadable messages straight onto the dead-letter queue and fails no record', async () => {
    // Prepare: one message that is not JSON, one of the wrong shape, one already taken.
    sqs.on(SendMessageCommand).resolves({ MessageId: 'dl-1' });
    ddb.on(UpdateCommand).rejects(taken());

    // Act
    const result = await handler(
      {
        Records: [
          sqsRecord('m1', '{"outboxId": '),
          sqsRecord('m2', '{"id":"01J0000000000000000000000Z"}'),
          sqsRecord('m3', '{"outboxId":"01J0000000000000000000000Z"}'),
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
    ddb.on(UpdateCommand).rejects(taken());
    const result = await handler(
      {
        Records: [
          sqsRecord('m4', 'not json'),
          sqsRecord('m5', '{"outboxId":"01J0000000000000000000000Z"}'),
        ],
      },
      context,
    );
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: 'm4' }] });
  });

  it('fails only the record whose claim failed, and delivers the others', async () => {
    // Prepare: the table refuses the first claim outright.
    ddb.on(UpdateCommand).rejectsOnce(new Error('Service unavailable')).rejects(taken());

    // Act
    const result = await handler(sqsPipeBatch(), context);

    // Assess
    expect(result).toEqual({
      batchItemFailures: [{ itemIdentifier: '0c9e5f1a-6b2d-4e8f-9a13-2f4b6d8e0a11' }],
    });
    expect(ddb.commandCalls(UpdateCommand)).toHaveLength(2);
  });

  it('refuses an event that is not an SQS batch before touching anything', async () => {
    await expect(handler(snsSesBounce() as never, context)).rejects.toMatchObject({
      name: 'ParseError',
    });
    expect(ddb.calls()).toHaveLength(0);
    expect(sqs.calls()).toHaveLength(0);
  });
});
