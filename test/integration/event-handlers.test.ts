import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, describe, expect, inject, it, vi } from 'vitest';
import { DynamoConferenceRepository } from '../../shared/adapters/dynamodb/conference-repository.js';
import { SesMailSender } from '../../shared/adapters/ses/ses-mail-sender.js';
import type { Invitation } from '../../shared/domain/invitation.js';
import { replyAddress, sessionUid } from '../../shared/mail/invitation-mail.js';
import { systemActor } from '../../shared/use-cases/context.js';
import { seedDemo } from '../../shared/use-cases/demo-seed.js';
import { sendInvitations } from '../../shared/use-cases/invitations.js';
import { lambdaContext, sesReceipt, sqsRecord } from '../events/events.js';
import { captureOutput, metricSum } from '../fixtures/lambda-output.js';
import { createLocalTable } from '../fixtures/local-table.js';
import { rawReply } from '../fixtures/raw-mail.js';
import { testLinkSecret } from '../fixtures/test-app.js';

/*
 * The mailer and inbound-mail functions as Lambda runs them, on DynamoDB
 * Local and the local SES; only S3 (the stored inbound message) is mocked.
 */
const table = await createLocalTable('handlers');
const clock = { now: () => new Date() };
const repo = new DynamoConferenceRepository(table.documentClient, table.tableName);
const { sessionId = '' } = await seedDemo({ repo, clock });
const deps = { repo, clock, linkSecret: testLinkSecret, senderDomain: 'imk.example.org' };
const s3 = mockClient(S3Client);

// The functions read their configuration from the environment, as in Lambda; put back after.
const environmentBefore = { ...process.env };
Object.assign(process.env, {
  TABLE_NAME: table.tableName,
  DYNAMODB_ENDPOINT: inject('dynamodbEndpoint'),
  SES_ENDPOINT: inject('sesEndpoint'),
  AWS_REGION: 'eu-central-1',
  AWS_ACCESS_KEY_ID: 'local',
  AWS_SECRET_ACCESS_KEY: 'local',
  SENDER_DOMAIN: 'imk.example.org',
  SECRETARIAT_EMAIL: 'geschaeftsstelle@imk.example.org',
  PUBLIC_BASE_URL: 'http://localhost:3000',
  LINK_SECRET: testLinkSecret,
  INBOUND_BUCKET: 'inbound-bucket',
  LOG_LEVEL: 'INFO',
  // The stack gives each mailer instance its share of mailsPerSecond.
  MAILS_PER_SECOND_PER_WORKER: '4',
});
const mailer = await import('../../functions/events/mailer.js');
const inbound = await import('../../functions/events/inbound-mail.js');

describe('Event functions on the local stack', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    s3.reset();
  });

  afterAll(async () => {
    s3.restore();
    for (const name of Object.keys(process.env)) {
      if (!(name in environmentBefore)) delete process.env[name];
    }
    Object.assign(process.env, environmentBefore);
    await table.drop();
  });

  it('sends the invitations of a batch and counts each as MailSent', async () => {
    // Prepare: two ministers invited; their outbox entries as the Pipe puts them on the queue.
    const body = await repo.getBodyWithMembers('imk');
    const personIds = ['DE-HB', 'DE-HE'].map(
      (memberId) =>
        body?.members
          .find((member) => member.memberId === memberId)
          ?.people.find((person) => person.capacity === 'principal')?.id ?? '',
    );
    await sendInvitations(deps, systemActor, sessionId, { personIds });
    const queued = await repo.listQueuedOutbox(25);
    expect(queued).toHaveLength(2);
    const output = captureOutput();

    // Act
    const result = await mailer.handler(
      {
        Records: queued.map((entry, index) =>
          sqsRecord(`m${index}`, JSON.stringify({ outboxId: entry.id })),
        ),
      },
      lambdaContext('conference-mailer'),
    );

    // Assess
    expect(result).toEqual({ batchItemFailures: [] });
    for (const entry of queued) expect((await repo.getOutboxEntry(entry.id))?.state).toBe('sent');
    expect(metricSum(output.metrics(), 'MailSent', { service: 'mailer' })).toBe(2);
    expect(metricSum(output.metrics(), 'MailThrottled')).toBe(0);
  });

  it('paces the records of one batch: never more than its share of mailsPerSecond within a second', async () => {
    // Prepare: eight more ministers invited; the batch holds all eight at once.
    const body = await repo.getBodyWithMembers('imk');
    const personIds = ['DE-BW', 'DE-BE', 'DE-BB', 'DE-HH', 'DE-MV', 'DE-NI', 'DE-NW', 'DE-RP'].map(
      (memberId) =>
        body?.members
          .find((member) => member.memberId === memberId)
          ?.people.find((person) => person.capacity === 'principal')?.id ?? '',
    );
    await sendInvitations(deps, systemActor, sessionId, { personIds });
    const queued = await repo.listQueuedOutbox(25);
    expect(queued).toHaveLength(8);
    const sentAt: number[] = [];
    const send = SesMailSender.prototype.send;
    vi.spyOn(SesMailSender.prototype, 'send').mockImplementation(function (
      this: SesMailSender,
      mail,
    ) {
      sentAt.push(performance.now());
      return send.call(this, mail);
    });

    // Act
    const result = await mailer.handler(
      {
        Records: queued.map((entry, index) =>
          sqsRecord(`p${index}`, JSON.stringify({ outboxId: entry.id })),
        ),
      },
      lambdaContext('conference-mailer'),
    );

    // Assess: all sent, and no one-second window holds more than four
    expect(result).toEqual({ batchItemFailures: [] });
    expect(sentAt).toHaveLength(8);
    for (const start of sentAt) {
      expect(sentAt.filter((t) => t >= start && t < start + 1000).length).toBeLessThanOrEqual(4);
    }
  });

  it('applies a calendar reply from S3 and counts the answer under its channel', async () => {
    // Prepare: Bayern's invitation, and its reply stored by SES's receipt rule.
    const { invited } = await sendInvitations(deps, systemActor, sessionId, {});
    const bayern = invited.find((invitation) => invitation.memberId === 'DE-BY') as Invitation;
    const to = replyAddress(bayern.id, testLinkSecret, 'imk.example.org');
    const raw = rawReply({
      from: bayern.email,
      to,
      messageId: '<reply-handler@de-by.example.org>',
      calendar: {
        uid: sessionUid(sessionId),
        sequence: 0,
        partstat: 'ACCEPTED',
        attendee: bayern.email,
      },
    });
    s3.on(GetObjectCommand).resolves({
      Body: { transformToByteArray: async () => new TextEncoder().encode(raw) },
    } as never);
    const event = sesReceipt();
    for (const record of event.Records) record.ses.receipt.recipients = [to];
    const output = captureOutput();

    // Act
    await inbound.handler(event, lambdaContext('conference-inbound-mail'));

    // Assess
    expect(output.logged('inbound mail')).toEqual([expect.objectContaining({ state: 'applied' })]);
    const emf = output.metrics();
    expect(metricSum(emf, 'InboundOutcome', { state: 'applied' })).toBe(1);
    expect(metricSum(emf, 'AnswerRecorded', { channel: 'calendar' })).toBe(1);
  });
});
