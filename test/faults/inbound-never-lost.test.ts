import { InternalServerError } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { DynamoConferenceRepository } from '../../shared/adapters/dynamodb/conference-repository.js';
import { keys } from '../../shared/adapters/dynamodb/table-design.js';
import { parseInboundMail } from '../../shared/adapters/mail/parse-inbound.js';
import type { InboundRecord } from '../../shared/domain/inbound-record.js';
import type { Invitation } from '../../shared/domain/invitation.js';
import { replyAddress } from '../../shared/mail/invitation-mail.js';
import { systemActor } from '../../shared/use-cases/context.js';
import { seedDemo } from '../../shared/use-cases/demo-seed.js';
import { processInboundMail } from '../../shared/use-cases/inbound-mail.js';
import { sendInvitations } from '../../shared/use-cases/invitations.js';
import { startWrittenProcedure } from '../../shared/use-cases/written-procedures.js';
import { createLocalTable } from '../fixtures/local-table.js';
import { passingVerdicts, rawReply } from '../fixtures/raw-mail.js';
import { testLinkSecret } from '../fixtures/test-app.js';

/**
 * A mail that cannot be handled still ends in the review list, with its
 * reason: unreadable MIME, a guest's vote, a fault after the Message-ID was
 * claimed. Nothing is left in `processing`, nothing is changed, and each
 * Message-ID still counts once.
 */
const table = await createLocalTable('never-lost');
const client: DynamoDBDocumentClient = table.documentClient;
const realSend = client.send.bind(client) as (command: unknown) => Promise<unknown>;
let now = new Date('2026-11-23T08:00:00Z');
const clock = { now: () => now };
const repo = new DynamoConferenceRepository(client, table.tableName);
const deps = { repo, clock, linkSecret: testLinkSecret, senderDomain: 'imk.example.org' };
const { sessionId = '' } = await seedDemo(deps);
const { invited } = await sendInvitations(deps, systemActor, sessionId, {});

const of = (memberId: string) =>
  invited.find((i) => i.memberId === memberId && i.capacity === 'principal') as Invitation;
const addressOf = (invitation: Invitation) =>
  replyAddress(invitation.id, testLinkSecret, 'imk.example.org');
const receive = async (raw: string | Uint8Array, recipients?: string[]) =>
  processInboundMail(
    deps,
    await parseInboundMail(raw, {
      verdicts: passingVerdicts,
      delivery: 'ses',
      ...(recipients === undefined ? {} : { recipients }),
    }),
  );
const stored = async (messageId: string) =>
  (await realSend(
    new GetCommand({ TableName: table.tableName, Key: keys.inbound(messageId) }),
  )) as {
    Item?: InboundRecord;
  };
const statusOf = async (invitation: Invitation) =>
  (await repo.getInvitation(sessionId, invitation.id))?.answer?.status ?? 'pending';
const inReview = async (messageId: string) =>
  (await repo.listInboundMessages(sessionId)).find((record) => record.messageId === messageId);

/** A reply whose text part sits `depth` multiparts deep. */
const nested = (invitation: Invitation, messageId: string, depth: number) => {
  let part = 'Content-Type: text/plain; charset=utf-8\r\n\r\nZusage\r\n';
  for (let level = 0; level < depth; level++) {
    part = `Content-Type: multipart/mixed; boundary="n${level}"\r\n\r\n--n${level}\r\n${part}--n${level}--\r\n`;
  }
  return [
    `From: ${invitation.email}`,
    `To: ${addressOf(invitation)}`,
    'Subject: AW: Einladung',
    `Message-ID: ${messageId}`,
    'MIME-Version: 1.0',
    part,
  ].join('\r\n');
};

let faults: ReturnType<typeof mockClient> | undefined;
afterEach(() => {
  faults?.restore();
  faults = undefined;
});
afterAll(async () => {
  await table.drop();
});

describe('Inbound mail that cannot be handled', () => {
  it('puts a message nested too deep for the parser in the review list, routed by its address', async () => {
    const bayern = of('DE-BY');
    const record = await receive(nested(bayern, '<deep@de-by.example.org>', 300));
    expect(record).toMatchObject({
      state: 'review',
      sessionId,
      invitationId: bayern.id,
      from: bayern.email,
    });
    expect(record.reason).toMatch(/^the message cannot be read: .*nesting/);
    expect(await inReview('<deep@de-by.example.org>')).toMatchObject({ state: 'review' });
    expect(await statusOf(bayern)).toBe('pending');
  });

  it('puts a message with giant headers in the review list', async () => {
    const berlin = of('DE-BE');
    const raw = rawReply({
      from: berlin.email,
      to: addressOf(berlin),
      messageId: '<giant@de-be.example.org>',
      text: 'Zusage',
      headers: { 'X-Filler': 'a'.repeat(3 * 1024 * 1024) },
    });
    const record = await receive(raw);
    expect(record).toMatchObject({ state: 'review', invitationId: berlin.id });
    expect(record.reason).toMatch(/^the message cannot be read: .*header size/);
    expect(await inReview('<giant@de-be.example.org>')).toBeDefined();
    expect(await statusOf(berlin)).toBe('pending');
  });

  it('keeps a Message-ID too large to store from losing the message', async () => {
    // Half a megabyte fits postal-mime's default limits but not a DynamoDB item.
    const hamburg = of('DE-HH');
    const raw = rawReply({
      from: hamburg.email,
      to: addressOf(hamburg),
      messageId: `<${'x'.repeat(500_000)}@de-hh.example.org>`,
      text: 'Zusage',
    });
    const record = await receive(raw);
    expect(record).toMatchObject({ state: 'review', invitationId: hamburg.id });
    expect(record.messageId.length).toBeLessThan(1000);
    expect((await stored(record.messageId)).Item).toMatchObject({ state: 'review' });
    expect(await statusOf(hamburg)).toBe('pending');
    expect((await receive(raw)).state).toBe('unchanged');
  });

  it('routes an unreadable message by the envelope recipients SES gives', async () => {
    const bremen = of('DE-HB');
    const raw = nested(bremen, '<deep@de-hb.example.org>', 300).replace(
      `To: ${addressOf(bremen)}`,
      'To: undisclosed-recipients:;',
    );
    const record = await receive(raw, [addressOf(bremen)]);
    expect(record).toMatchObject({ state: 'review', invitationId: bremen.id });
  });

  it("puts a guest's reply to a ballot in the procedure's review list", async () => {
    const { value: procedure } = await startWrittenProcedure(deps, systemActor, 'imk', {
      title: 'Umlauf mit Gast',
      resolutions: [{ title: 'Vorschlag', text: 'Absatz.' }],
      deadline: '2026-12-01T12:00:00+01:00',
    });
    const bund = (await repo.listBallots(procedure.id)).find((b) => b.memberId === 'BUND');
    expect(bund?.voting).toBe(false);
    const messageId = '<umlauf@bund.example.org>';
    const record = await receive(
      rawReply({
        from: bund?.email ?? '',
        to: replyAddress(bund?.id ?? '', testLinkSecret, 'imk.example.org', 'umlauf'),
        messageId,
        text: 'Zustimmung',
      }),
    );
    expect(record).toMatchObject({
      state: 'review',
      procedureId: procedure.id,
      ballotId: bund?.id,
      reason: 'BUND is a guest and has no vote',
    });
    expect((await stored(messageId)).Item?.state).toBe('review');
    expect(
      (await repo.listInboundMessages(procedure.id)).map((r) => [r.messageId, r.reason]),
    ).toContainEqual([messageId, 'BUND is a guest and has no vote']);
    expect((await repo.getProcedure(procedure.id))?.answered).toEqual([]);
  });

  it('puts a reply that meets a storage fault after its claim in the review list, once', async () => {
    const hessen = of('DE-HE');
    const raw = rawReply({
      from: hessen.email,
      to: addressOf(hessen),
      messageId: '<fault@de-he.example.org>',
      text: 'Zusage',
    });
    faults = mockClient(client);
    faults.send.callThrough();
    faults
      .on(TransactWriteCommand)
      .rejectsOnce(new InternalServerError({ message: 'Internal server error', $metadata: {} }));
    const record = await receive(raw);
    expect(record).toMatchObject({ state: 'review', sessionId, invitationId: hessen.id });
    expect(record.reason).toBe('processing failed (InternalServerError: Internal server error)');
    expect((await stored('<fault@de-he.example.org>')).Item?.state).toBe('review');
    expect(await inReview('<fault@de-he.example.org>')).toMatchObject({ state: 'review' });
    expect(await statusOf(hessen)).toBe('pending');
    faults.restore();
    expect((await receive(raw)).state).toBe('unchanged');
  });

  /** Lets the claim through and fails every later write: an outage right after the claim. */
  const failAfterClaim = (alsoTheAnswer: boolean) => {
    const unavailable = () => new InternalServerError({ message: 'unavailable', $metadata: {} });
    faults = mockClient(client);
    faults.send.callThrough();
    faults
      .on(PutCommand)
      .callsFake((input: { Item: InboundRecord }) =>
        input.Item.state === 'processing'
          ? realSend(new PutCommand(input as never))
          : Promise.reject(unavailable()),
      );
    if (alsoTheAnswer) faults.on(TransactWriteCommand).rejects(unavailable());
  };
  const healed = () => {
    faults?.restore();
    faults = undefined;
  };

  it('lets a redelivery take over a claim whose attempt died before it was settled', async () => {
    const sachsen = of('DE-SN');
    const messageId = '<outage@de-sn.example.org>';
    const raw = rawReply({
      from: sachsen.email,
      to: addressOf(sachsen),
      messageId,
      text: 'Zusage',
    });
    failAfterClaim(true);
    await expect(receive(raw)).rejects.toThrow('unavailable');
    healed();
    expect((await stored(messageId)).Item?.state).toBe('processing');
    expect(await statusOf(sachsen)).toBe('pending');

    // A duplicate delivery racing the first attempt is still turned away.
    expect((await receive(raw)).state).toBe('unchanged');

    // SES's retry comes a minute later and does the work.
    now = new Date(now.getTime() + 60_000);
    expect(await receive(raw)).toMatchObject({ state: 'applied', invitationId: sachsen.id });
    expect((await stored(messageId)).Item?.state).toBe('applied');
    expect(await statusOf(sachsen)).toBe('accepted');
    expect((await receive(raw)).state).toBe('unchanged');
  });

  it('counts an answer once when the attempt died after recording it', async () => {
    const thueringen = of('DE-TH');
    const messageId = '<late-crash@de-th.example.org>';
    const raw = rawReply({
      from: thueringen.email,
      to: addressOf(thueringen),
      messageId,
      text: 'Absage',
    });
    failAfterClaim(false);
    await expect(receive(raw)).rejects.toThrow('unavailable');
    healed();
    const answered = await repo.getInvitation(sessionId, thueringen.id);
    expect(answered?.answer?.status).toBe('declined');

    now = new Date(now.getTime() + 60_000);
    expect(await receive(raw)).toMatchObject({ state: 'unchanged', invitationId: thueringen.id });
    expect((await stored(messageId)).Item?.state).toBe('unchanged');
    expect((await repo.getInvitation(sessionId, thueringen.id))?.version).toBe(answered?.version);
  });
});
