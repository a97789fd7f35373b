import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { SNSEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  lambdaContext,
  sesReceipt,
  snsSesBounce,
  snsSesComplaint,
  snsSesDelivery,
} from '../../events/events.js';
import { captureOutput, metricSum } from '../../fixtures/lambda-output.js';

const ddb = mockClient(DynamoDBDocumentClient);
const context = lambdaContext('conference-prod-MailEventsFunction');
const sentMessage = '0107019a1b2c3d4e-5f6a7b8c-9d0e-4f1a-8b2c-3d4e5f6a7b8c-000000';

/** The records of several notifications in one event, in this order. */
const together = (...events: SNSEvent[]): SNSEvent => ({
  Records: events.flatMap((event) => event.Records),
});

/** The GSI2 keys the handler looked SES message ids up by. */
const lookedUp = () =>
  ddb
    .commandCalls(QueryCommand)
    .map((call) => call.args[0].input.ExpressionAttributeValues?.[':pk'] as string);

let handler: typeof import('../../../functions/events/mail-events.js')['handler'];
let readDeliveryEvent: typeof import('../../../functions/events/mail-events.js')['readDeliveryEvent'];

describe('Function: mail-events handler', () => {
  beforeAll(async () => {
    Object.assign(process.env, {
      TABLE_NAME: 'table',
      AWS_REGION: 'eu-central-1',
      LOG_LEVEL: 'INFO',
      AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    });
    ({ handler, readDeliveryEvent } = await import('../../../functions/events/mail-events.js'));
  });

  beforeEach(() => {
    ddb.reset();
  });

  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('records a permanent bounce that SNS carried from the configuration set', async () => {
    // Prepare: the sent mail is not (or no longer) in the outbox.
    ddb.on(QueryCommand).resolves({ Items: [] });
    const output = captureOutput();

    // Act
    await handler(snsSesBounce(), context);

    // Assess
    expect(lookedUp()).toEqual([expect.stringContaining(sentMessage)]);
    expect(output.logged('delivery event')).toEqual([
      expect.objectContaining({ kind: 'bounce', outcome: 'unknown' }),
    ]);
    expect(metricSum(output.metrics(), 'MailBounced', { permanent: 'true' })).toBe(1);
    expect(metricSum(output.metrics(), 'ColdStart', { service: 'mail-events' })).toBe(1);
  });

  it('reads the bounce, the complaint and their details from SES’s notifications', () => {
    const message = (event: SNSEvent) => event.Records[0]?.Sns.Message ?? '';
    expect(readDeliveryEvent(message(snsSesBounce()))).toEqual({
      sesMessageId: sentMessage,
      kind: 'bounce',
      permanent: true,
      detail: 'smtp; 550 5.1.1 user unknown',
    });
    expect(readDeliveryEvent(message(snsSesComplaint()))).toEqual({
      sesMessageId: sentMessage,
      kind: 'complaint',
      permanent: true,
      detail: 'abuse',
    });
  });

  it('logs and skips a delivery notification and a message that is not JSON, and never throws', async () => {
    // Prepare
    const notJson = snsSesDelivery();
    for (const record of notJson.Records) {
      record.Sns.MessageId = 'not-json';
      record.Sns.Message = 'Successfully validated SNS topic for Amazon SES event publishing.';
    }
    ddb.on(QueryCommand).resolves({ Items: [] });
    const output = captureOutput();

    // Act
    await handler(together(snsSesDelivery(), notJson, snsSesComplaint()), context);

    // Assess: both skipped with their reason, the complaint after them still recorded.
    expect(output.logged('not a bounce or complaint notification')).toEqual([
      expect.objectContaining({
        snsMessageId: '7a3b5d9f-4c6e-4a8b-9c2d-3e4f5a6b7c8d',
        reason: 'not a bounce or complaint',
      }),
      expect.objectContaining({ snsMessageId: 'not-json', reason: 'not JSON' }),
    ]);
    expect(lookedUp()).toHaveLength(1);
    expect(metricSum(output.metrics(), 'MailComplained')).toBe(1);
  });

  it('records the other notifications when one fails, then fails the invocation naming it', async () => {
    // Prepare: the table fails the bounce's lookup, not the complaint's.
    ddb.on(QueryCommand).rejectsOnce(new Error('Service unavailable')).resolves({ Items: [] });
    const output = captureOutput();

    // Act
    const invocation = handler(together(snsSesBounce(), snsSesComplaint()), context);

    // Assess
    await expect(invocation).rejects.toMatchObject({
      name: 'DeliveryEventsFailedError',
      snsMessageIds: ['5e1f3b7d-2a4c-5e6f-8a9b-0c1d2e3f4a5b'],
    });
    expect(lookedUp()).toHaveLength(2);
    expect(output.logged('delivery event')).toEqual([
      expect.objectContaining({ kind: 'complaint' }),
    ]);
    expect(metricSum(output.metrics(), 'MailComplained')).toBe(1);
  });

  it('refuses an event that is not from SNS before looking anything up', async () => {
    await expect(handler(sesReceipt() as never, context)).rejects.toMatchObject({
      name: 'ParseError',
    });
    expect(ddb.calls()).toHaveLength(0);
  });
});
