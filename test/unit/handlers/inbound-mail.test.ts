import { SesSchema } from '@aws-lambda-powertools/parser/schemas';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, NoSuchKey, S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { SESEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { lambdaContext, sesReceipt, sqsPipeBatch } from '../../events/events.js';
import { captureOutput, metricSum } from '../../fixtures/lambda-output.js';

const s3 = mockClient(S3Client);
const ddb = mockClient(DynamoDBDocumentClient);
const context = lambdaContext('conference-prod-InboundMailFunction');

const rawReply = [
  'From: Ministerin A <ministerin@by.example.org>',
  'To: antwort+abc123@imk.example.org',
  'Subject: Re: Einladung',
  'Message-ID: <reply-1@by.example.org>',
  'Date: Tue, 1 Dec 2026 09:15:00 +0100',
  'MIME-Version: 1.0',
  'Content-Type: text/plain; charset=UTF-8',
  '',
  'Zusage',
  '',
].join('\r\n');

/** What S3 hands back for a stored message. */
const stored = (raw: string) =>
  ({ Body: { transformToByteArray: async () => new TextEncoder().encode(raw) } }) as never;

/** The receipt event with a second mail after the first. */
const twoMails = (): SESEvent => {
  const event = sesReceipt();
  const [first] = event.Records;
  if (first === undefined) throw new Error('ses-receipt.json has no record');
  const second = structuredClone(first);
  second.ses.mail.messageId = 'second-message-id';
  return { Records: [first, second] };
};

let handler: typeof import('../../../functions/events/inbound-mail.js')['handler'];

describe('Function: inbound-mail handler', () => {
  beforeAll(async () => {
    Object.assign(process.env, {
      TABLE_NAME: 'table',
      AWS_REGION: 'eu-central-1',
      SENDER_DOMAIN: 'imk.example.org',
      SECRETARIAT_EMAIL: 'geschaeftsstelle@imk.example.org',
      PUBLIC_BASE_URL: 'https://imk.example.org',
      LINK_SECRET: 'x'.repeat(40),
      INBOUND_BUCKET: 'conference-prod-inbound',
      INBOUND_PREFIX: 'inbound/',
      LOG_LEVEL: 'INFO',
      AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    });
    ({ handler } = await import('../../../functions/events/inbound-mail.js'));
  });

  beforeEach(() => {
    s3.reset();
    ddb.reset();
  });

  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('reads the stored message of SES’s receipt event and counts its outcome', async () => {
    // Prepare: a DMARC pass, so SES sent no dmarcPolicy; the reply address is not a valid one.
    s3.on(GetObjectCommand).resolves(stored(rawReply));
    ddb.resolves({});
    const output = captureOutput();

    // Act
    await handler(sesReceipt(), context);

    // Assess
    expect(s3.commandCalls(GetObjectCommand).map((call) => call.args[0].input)).toEqual([
      {
        Bucket: 'conference-prod-inbound',
        Key: 'inbound/o3vrnil0e2ic28trm7dfhrc2v0clambda4nbp0g1',
      },
    ]);
    const [claim, settle] = ddb.commandCalls(PutCommand).map((call) => call.args[0].input.Item);
    expect(claim).toMatchObject({ state: 'processing', delivery: 'ses' });
    expect(claim?.verdicts).toEqual({
      dkim: 'PASS',
      dmarc: 'PASS',
      spf: 'PASS',
      spam: 'PASS',
      virus: 'PASS',
    });
    expect(settle).toMatchObject({ state: 'review' });
    expect(output.logged('inbound mail')).toEqual([
      expect.objectContaining({
        state: 'review',
        sesMessageId: 'o3vrnil0e2ic28trm7dfhrc2v0clambda4nbp0g1',
        function_request_id: context.awsRequestId,
      }),
    ]);
    const emf = output.metrics();
    expect(metricSum(emf, 'InboundOutcome', { state: 'review' })).toBe(1);
    expect(metricSum(emf, 'AnswerRecorded')).toBe(0);
  });

  it('counts a mail delivered again as unchanged and does not fail', async () => {
    s3.on(GetObjectCommand).resolves(stored(rawReply));
    ddb
      .on(PutCommand)
      .rejects(new ConditionalCheckFailedException({ message: 'claimed', $metadata: {} }));
    const output = captureOutput();

    await handler(sesReceipt(), context);

    expect(ddb.commandCalls(PutCommand)).toHaveLength(1);
    expect(metricSum(output.metrics(), 'InboundOutcome', { state: 'unchanged' })).toBe(1);
  });

  it('goes on with the next mail when one fails, then fails the invocation naming it', async () => {
    // Prepare: the first stored message is missing; the second is there.
    s3.on(GetObjectCommand, { Key: 'inbound/o3vrnil0e2ic28trm7dfhrc2v0clambda4nbp0g1' })
      .rejects(new NoSuchKey({ message: 'The specified key does not exist.', $metadata: {} }))
      .on(GetObjectCommand, { Key: 'inbound/second-message-id' })
      .resolves(stored(rawReply));
    ddb.resolves({});
    const output = captureOutput();

    // Act
    const invocation = handler(twoMails(), context);

    // Assess: the failure surfaces (Lambda retries, then the failed-events destination) …
    await expect(invocation).rejects.toMatchObject({
      name: 'InboundMailFailedError',
      sesMessageIds: ['o3vrnil0e2ic28trm7dfhrc2v0clambda4nbp0g1'],
    });
    // … after the second mail was handled and counted.
    expect(output.logged('inbound mail not handled')).toEqual([
      expect.objectContaining({ sesMessageId: 'o3vrnil0e2ic28trm7dfhrc2v0clambda4nbp0g1' }),
    ]);
    expect(ddb.commandCalls(PutCommand)).toHaveLength(2);
    expect(metricSum(output.metrics(), 'InboundOutcome', { state: 'review' })).toBe(1);
  });

  it('refuses an event that is not SES’s before reading anything', async () => {
    await expect(handler(sqsPipeBatch() as never, context)).rejects.toMatchObject({
      name: 'ParseError',
    });
    expect(s3.calls()).toHaveLength(0);
  });

  it('accepts the receipt event that Powertools’ own SES schema refuses for lack of dmarcPolicy', () => {
    // Why the function has its own schema: SES sends dmarcPolicy only when DMARC failed.
    expect(SesSchema.safeParse(sesReceipt()).success).toBe(false);
    const withPolicy = sesReceipt();
    for (const record of withPolicy.Records) record.ses.receipt.dmarcPolicy = 'reject';
    expect(SesSchema.safeParse(withPolicy).success).toBe(true);
  });
});
