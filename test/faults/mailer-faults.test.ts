import { MessageRejected, SESClient, SendRawEmailCommand } from '@aws-sdk/client-ses';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { DynamoConferenceRepository } from '../../shared/adapters/dynamodb/conference-repository.js';
import { SesMailSender } from '../../shared/adapters/ses/ses-mail-sender.js';
import { attendanceBoard } from '../../shared/domain/invitation.js';
import { systemActor } from '../../shared/use-cases/context.js';
import { deliverOutboxEntry, type MailerDeps } from '../../shared/use-cases/deliver-mail.js';
import { recordDeliveryEvent } from '../../shared/use-cases/delivery-events.js';
import { seedDemo } from '../../shared/use-cases/demo-seed.js';
import { sendInvitations } from '../../shared/use-cases/invitations.js';
import { createLocalTable } from '../fixtures/local-table.js';
import { testLinkSecret } from '../fixtures/test-app.js';

const table = await createLocalTable('mailer');
const clock = { now: () => new Date() };
const repo = new DynamoConferenceRepository(table.documentClient, table.tableName);
const { sessionId = '' } = await seedDemo({ repo, clock });
const ses = mockClient(SESClient);
const deps: MailerDeps = {
  repo,
  clock,
  linkSecret: testLinkSecret,
  mail: {
    senderDomain: 'imk.example.org',
    secretariat: { name: 'Geschäftsstelle der IMK', email: 'geschaeftsstelle@imk.example.org' },
    publicBaseUrl: 'https://api.imk.example.org',
  },
  sender: new SesMailSender({ region: 'eu-central-1' }, new SESClient({ region: 'eu-central-1' })),
};

const throttled = () =>
  Object.assign(new Error('Maximum sending rate exceeded.'), {
    name: 'Throttling',
    $retryable: {},
  });

/** Invites one more minister and returns the id of their outbox entry. */
const queueOne = async (memberId: string) => {
  const body = await repo.getBodyWithMembers('imk');
  const person = body?.members
    .find((m) => m.memberId === memberId)
    ?.people.find((p) => p.capacity === 'principal');
  await sendInvitations({ repo, clock, linkSecret: testLinkSecret }, systemActor, sessionId, {
    personIds: [person?.id ?? ''],
  });
  const queued = await repo.listQueuedOutbox(25);
  expect(queued).toHaveLength(1);
  return queued[0]?.id ?? '';
};

describe('Function: deliverOutboxEntry under faults', () => {
  beforeEach(() => {
    ses.reset();
  });

  afterAll(async () => {
    ses.restore();
    await table.drop();
  });

  it('gives a throttled mail back to the queue and sends it once on the next delivery', async () => {
    const id = await queueOne('DE-BW');
    ses.on(SendRawEmailCommand).rejectsOnce(throttled()).resolves({ MessageId: 'ses-1' });

    expect(await deliverOutboxEntry(deps, id)).toBe('retry');
    expect((await repo.getOutboxEntry(id))?.state).toBe('queued');
    expect((await repo.listQueuedOutbox(25)).map((e) => e.id)).toEqual([id]);

    expect(await deliverOutboxEntry(deps, id)).toBe('sent');
    expect(await repo.getOutboxEntry(id)).toMatchObject({
      state: 'sent',
      messageId: 'ses-1',
      attempts: 2,
    });
    expect(ses.commandCalls(SendRawEmailCommand)).toHaveLength(2);
  });

  it('sends nothing when the queue delivers the same message again', async () => {
    const id = await queueOne('DE-BY');
    ses.on(SendRawEmailCommand).resolves({ MessageId: 'ses-2' });
    const outcomes = await Promise.all([
      deliverOutboxEntry(deps, id),
      deliverOutboxEntry(deps, id),
    ]);
    expect(outcomes.sort()).toEqual(['sent', 'skipped']);
    expect(await deliverOutboxEntry(deps, id)).toBe('skipped');
    expect(ses.commandCalls(SendRawEmailCommand)).toHaveLength(1);
    const raw = Buffer.from(
      ses.commandCalls(SendRawEmailCommand)[0]?.args[0].input.RawMessage?.Data ?? [],
    ).toString();
    expect(raw).toContain('Content-Type: text/calendar; charset=utf-8; method=REQUEST');
    expect(ses.commandCalls(SendRawEmailCommand)[0]?.args[0].input.Destinations).toEqual([
      'minister@de-by.example.org',
    ]);
  });

  it('marks a rejected message as failed and never retries it', async () => {
    const id = await queueOne('DE-BE');
    ses
      .on(SendRawEmailCommand)
      .rejects(new MessageRejected({ message: 'Address blacklisted.', $metadata: {} }));
    expect(await deliverOutboxEntry(deps, id)).toBe('rejected');
    expect(await repo.getOutboxEntry(id)).toMatchObject({
      state: 'failed',
      failure: 'Address blacklisted.',
    });
    expect(await repo.listQueuedOutbox(25)).toEqual([]);
    expect(await deliverOutboxEntry(deps, id)).toBe('skipped');
    expect(ses.commandCalls(SendRawEmailCommand)).toHaveLength(1);
  });

  it('never sends again after a crash between sending and bookkeeping', async () => {
    const id = await queueOne('DE-BB');
    ses.on(SendRawEmailCommand).resolves({ MessageId: 'ses-3' });
    const crashing: MailerDeps = {
      ...deps,
      repo: Object.assign(Object.create(repo), {
        settleOutboxEntry: () => Promise.reject(new Error('process killed')),
      }),
    };
    await expect(deliverOutboxEntry(crashing, id)).rejects.toThrow('process killed');
    expect((await repo.getOutboxEntry(id))?.state).toBe('sending');
    expect(await deliverOutboxEntry(deps, id)).toBe('skipped');
    expect(ses.commandCalls(SendRawEmailCommand)).toHaveLength(1);
  });

  it('marks a permanently bounced or complained-about address, and shows it on the board', async () => {
    const id = await queueOne('DE-MV');
    ses.on(SendRawEmailCommand).resolves({ MessageId: 'ses-bounce-1' });
    expect(await deliverOutboxEntry(deps, id)).toBe('sent');

    expect(
      await recordDeliveryEvent(deps, {
        sesMessageId: 'ses-bounce-1',
        kind: 'bounce',
        permanent: false,
      }),
    ).toBe('unchanged');
    expect(
      await recordDeliveryEvent(deps, {
        sesMessageId: 'ses-bounce-1',
        kind: 'bounce',
        permanent: true,
        detail: '550 5.1.1 user unknown',
      }),
    ).toBe('marked');
    expect(
      await recordDeliveryEvent(deps, {
        sesMessageId: 'ses-bounce-1',
        kind: 'bounce',
        permanent: true,
      }),
    ).toBe('unchanged');
    expect(
      await recordDeliveryEvent(deps, {
        sesMessageId: 'not-ours',
        kind: 'complaint',
        permanent: true,
      }),
    ).toBe('unknown');
    const body = await repo.getBodyWithMembers('imk');
    const board = attendanceBoard(
      sessionId,
      body?.members ?? [],
      await repo.listInvitations(sessionId),
    );
    expect(board.lines.find((line) => line.memberId === 'DE-MV')?.deliveryProblem).toEqual({
      email: 'minister@de-mv.example.org',
      problem: 'bounced',
    });
    expect(board.lines.find((line) => line.memberId === 'DE-BY')?.deliveryProblem).toBeUndefined();
  });
});
