import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { localBuckets } from '../../infra/local/local-s3.js';
import { DynamoConferenceRepository } from '../../shared/adapters/dynamodb/conference-repository.js';
import { parseInboundMail } from '../../shared/adapters/mail/parse-inbound.js';
import { createS3Client } from '../../shared/adapters/s3/client.js';
import type { Invitation } from '../../shared/domain/invitation.js';
import type { MailVerdicts } from '../../shared/domain/mail-authentication.js';
import { replyAddress, sessionUid } from '../../shared/mail/invitation-mail.js';
import { systemActor } from '../../shared/use-cases/context.js';
import { seedDemo } from '../../shared/use-cases/demo-seed.js';
import { processInboundMail } from '../../shared/use-cases/inbound-mail.js';
import { sendInvitations } from '../../shared/use-cases/invitations.js';
import { startWrittenProcedure } from '../../shared/use-cases/written-procedures.js';
import { httpClient } from '../fixtures/http.js';
import { createLocalTable } from '../fixtures/local-table.js';
import { dkimSignature, passingVerdicts, rawReply } from '../fixtures/raw-mail.js';
import { createTestApp, testLinkSecret } from '../fixtures/test-app.js';

/**
 * Replies by mail change data only when they are authenticated: DMARC passed,
 * or a passing DKIM signature aligned with the From domain. Everything else
 * goes to the secretariat's review list and changes nothing.
 */
const table = await createLocalTable('mail-auth');
const clock = { now: () => new Date() };
const repo = new DynamoConferenceRepository(table.documentClient, table.tableName);
const deps = { repo, clock, linkSecret: testLinkSecret, senderDomain: 'imk.example.org' };
const { sessionId = '' } = await seedDemo({ repo, clock });
const { invited } = await sendInvitations(deps, systemActor, sessionId, {});
const { app, issuer } = await createTestApp(table.documentClient, table.tableName, { clock });
const secretariat = httpClient(app, await issuer.sign({ role: 'secretariat', bodies: ['imk'] }));

const of = (memberId: string) =>
  invited.find((i) => i.memberId === memberId && i.capacity === 'principal') as Invitation;
const addressOf = (invitation: Invitation) =>
  replyAddress(invitation.id, testLinkSecret, 'imk.example.org');
/** Receives a raw reply with SES's verdicts (`null`: none came with it). */
const receive = async (raw: string, verdicts: MailVerdicts | null = passingVerdicts) =>
  processInboundMail(deps, await parseInboundMail(raw, verdicts === null ? {} : { verdicts }));
const statusOf = async (invitation: Invitation) =>
  (await repo.getInvitation(sessionId, invitation.id))?.answer?.status ?? 'pending';
const reviewList = async () =>
  (await secretariat.get(`/v1/sessions/${sessionId}/inbound-mail`)).json.items as {
    messageId: string;
    state: string;
    reason?: string;
  }[];
let sent = 0;
/** A plain "Zusage" from the invitee to their own reply address, with a fresh Message-ID. */
const zusage = (invitation: Invitation, changes: Partial<Parameters<typeof rawReply>[0]> = {}) =>
  rawReply({
    from: invitation.email,
    to: addressOf(invitation),
    messageId: `<auth-${++sent}@${invitation.email.split('@')[1]}>`,
    text: 'Zusage',
    ...changes,
  });

afterAll(async () => {
  await table.drop();
});

describe('Reply mails: what is believed', () => {
  it('applies a reply that passed DMARC, whatever DKIM says, and keeps the SPF verdict', async () => {
    const bayern = of('DE-BY');
    const record = await receive(zusage(bayern), {
      ...passingVerdicts,
      dkim: 'GRAY',
      spf: 'FAIL',
    });
    expect(record).toMatchObject({ state: 'applied', invitationId: bayern.id });
    expect(record.verdicts).toEqual({ ...passingVerdicts, dkim: 'GRAY', spf: 'FAIL' });
    expect(await statusOf(bayern)).toBe('accepted');
    const listed = (await reviewList()).find((r) => r.messageId === record.messageId);
    expect(listed).toMatchObject({ state: 'applied', verdicts: { spf: 'FAIL' } });
  });

  it('applies a reply without a DMARC pass when a passing DKIM signature is aligned with the From domain', async () => {
    const berlin = of('DE-BE');
    const sameDomain = await receive(
      zusage(berlin, { headers: [['DKIM-Signature', dkimSignature('de-be.example.org')]] }),
      { ...passingVerdicts, dmarc: 'GRAY' },
    );
    expect(sameDomain).toMatchObject({ state: 'applied' });
    expect(await statusOf(berlin)).toBe('accepted');

    // A parent domain of the From domain is aligned too (relaxed alignment).
    const brandenburg = of('DE-BB');
    const parent = await receive(
      zusage(brandenburg, {
        text: 'Absage',
        headers: [['DKIM-Signature', dkimSignature('example.org')]],
      }),
      { ...passingVerdicts, dmarc: 'PROCESSING_FAILED' },
    );
    expect(parent).toMatchObject({ state: 'applied' });
    expect(await statusOf(brandenburg)).toBe('declined');
  });
});

describe('Reply mails: what goes to review and changes nothing', () => {
  it('sends a reply whose passing DKIM signature belongs to another domain to review', async () => {
    const bremen = of('DE-HB');
    const record = await receive(
      zusage(bremen, { headers: [['DKIM-Signature', dkimSignature('mailer.example.net')]] }),
      { ...passingVerdicts, dmarc: 'GRAY' },
    );
    expect(record).toMatchObject({ state: 'review', invitationId: bremen.id });
    expect(record.reason).toContain('not authenticated');
    expect(record.reason).toContain('mailer.example.net');
    expect(await statusOf(bremen)).toBe('pending');
  });

  it('does not take an aligned signature beside an unaligned one as proof', async () => {
    // SES says only that some signature passed; it may be the unaligned one.
    const hamburg = of('DE-HH');
    const record = await receive(
      zusage(hamburg, {
        headers: [
          ['DKIM-Signature', dkimSignature('de-hh.example.org')],
          ['DKIM-Signature', dkimSignature('attacker.example.net')],
        ],
      }),
      { ...passingVerdicts, dmarc: 'GRAY' },
    );
    expect(record).toMatchObject({ state: 'review' });
    expect(await statusOf(hamburg)).toBe('pending');
  });

  it.each([
    ['GRAY', 'GRAY'],
    ['PROCESSING_FAILED', 'PASS'],
    ['GRAY', 'PROCESSING_FAILED'],
    ['FAIL', undefined],
    [undefined, undefined],
  ] as const)(
    'sends a reply with DMARC %s and DKIM %s (no aligned signature) to review',
    async (dmarc, dkim) => {
      const hessen = of('DE-HE');
      const verdicts: MailVerdicts = { spf: 'PASS', spam: 'PASS', virus: 'PASS' };
      if (dmarc !== undefined) verdicts.dmarc = dmarc;
      if (dkim !== undefined) verdicts.dkim = dkim;
      const record = await receive(zusage(hessen), verdicts);
      expect(record).toMatchObject({ state: 'review', invitationId: hessen.id });
      expect(record.reason).toMatch(/^(not authenticated|failed dmarc checks)/);
      expect(await statusOf(hessen)).toBe('pending');
    },
  );

  it('sends a reply without any verdicts to review', async () => {
    const niedersachsen = of('DE-NI');
    const record = await receive(zusage(niedersachsen), null);
    expect(record).toMatchObject({
      state: 'review',
      reason: 'no authentication verdicts came with the message',
    });
    expect(await statusOf(niedersachsen)).toBe('pending');
  });

  it('sends a reply with a spam or virus verdict other than PASS to review', async () => {
    const saarland = of('DE-SL');
    const gray = await receive(zusage(saarland), { ...passingVerdicts, spam: 'GRAY' });
    expect(gray).toMatchObject({ state: 'review' });
    expect(gray.reason).toContain('spam GRAY');
    const failed = await receive(zusage(saarland), { ...passingVerdicts, virus: 'FAIL' });
    expect(failed).toMatchObject({ state: 'review', reason: 'failed virus checks' });
    expect(await statusOf(saarland)).toBe('pending');
  });

  it('sends a reply with two From headers or two From mailboxes to review', async () => {
    const mv = of('DE-MV');
    const twoHeaders = await receive(zusage(mv, { headers: [['From', 'attacker@example.net']] }));
    expect(twoHeaders).toMatchObject({ state: 'review', reason: 'more than one From header' });
    const twoMailboxes = await receive(zusage(mv, { from: `${mv.email}, attacker@example.net` }));
    expect(twoMailboxes).toMatchObject({ state: 'review', reason: 'more than one From mailbox' });
    expect(await statusOf(mv)).toBe('pending');
  });

  it('takes a Sender other than From only when it is a registered person of the same member', async () => {
    const nrw = of('DE-NW');
    const stranger = await receive(
      zusage(nrw, { headers: { Sender: 'assistenz@agentur.example.net' } }),
    );
    expect(stranger).toMatchObject({ state: 'review', invitationId: nrw.id });
    expect(stranger.reason).toContain('assistenz@agentur.example.net');
    const otherLand = await receive(
      zusage(nrw, { headers: { Sender: 'ministerbuero@de-rp.example.org' } }),
    );
    expect(otherLand).toMatchObject({ state: 'review' });
    expect(await statusOf(nrw)).toBe('pending');

    // The minister's own office sends on the minister's behalf.
    const office = await receive(
      zusage(nrw, { headers: { Sender: 'Ministerbüro <ministerbuero@de-nw.example.org>' } }),
    );
    expect(office).toMatchObject({ state: 'applied' });
    expect(await statusOf(nrw)).toBe('accepted');
  });

  it('sends a calendar REPLY for another ATTENDEE, or to a SEQUENCE never sent, to review', async () => {
    const sachsen = of('DE-SN');
    const calendar = {
      uid: sessionUid(sessionId),
      sequence: 0,
      partstat: 'ACCEPTED',
      attendee: sachsen.email,
    };
    const otherAttendee = await receive(
      zusage(sachsen, { calendar: { ...calendar, attendee: 'ministerbuero@de-sn.example.org' } }),
    );
    expect(otherAttendee).toMatchObject({ state: 'review', channel: 'calendar' });
    expect(otherAttendee.reason).toContain('ministerbuero@de-sn.example.org');
    const session = await repo.getSession(sessionId);
    const future = await receive(
      zusage(sachsen, { calendar: { ...calendar, sequence: (session?.sequence ?? 0) + 1 } }),
    );
    expect(future).toMatchObject({
      state: 'review',
      reason: `answers a SEQUENCE that was never sent (SEQUENCE ${(session?.sequence ?? 0) + 1}, sent ${session?.sequence ?? 0})`,
    });
    expect(await statusOf(sachsen)).toBe('pending');

    const right = await receive(zusage(sachsen, { calendar }));
    expect(right).toMatchObject({ state: 'applied', channel: 'calendar' });
  });

  it('shows the reasons in the review list', async () => {
    const reasons = (await reviewList())
      .filter((record) => record.state === 'review')
      .map((record) => record.reason);
    expect(reasons).toEqual(
      expect.arrayContaining([
        'no authentication verdicts came with the message',
        'more than one From header',
        'more than one From mailbox',
      ]),
    );
    expect(reasons.every((reason) => typeof reason === 'string' && reason.length > 0)).toBe(true);
  });

  it('applies the same rules to a reply to a written procedure', async () => {
    const { value: procedure } = await startWrittenProcedure(deps, systemActor, 'imk', {
      title: 'Umlauf zur Authentisierung',
      resolutions: [{ title: 'Vorschlag', text: 'Absatz.' }],
      deadline: new Date(Date.now() + 7 * 86_400_000).toISOString(),
    });
    const ballot = (await repo.listBallots(procedure.id)).find((b) => b.memberId === 'DE-ST');
    const raw = (messageId: string) =>
      rawReply({
        from: ballot?.email ?? '',
        to: replyAddress(ballot?.id ?? '', testLinkSecret, 'imk.example.org', 'umlauf'),
        messageId,
        text: 'Ablehnung',
        headers: [['DKIM-Signature', dkimSignature('bulk.example.net')]],
      });
    const record = await receive(raw('<umlauf-gray@de-st>'), { ...passingVerdicts, dmarc: 'GRAY' });
    expect(record).toMatchObject({ state: 'review', procedureId: procedure.id });
    expect(record.reason).toContain('not authenticated');
    expect((await repo.getProcedure(procedure.id))?.answered).toEqual([]);

    const believed = await receive(raw('<umlauf-pass@de-st>'));
    expect(believed).toMatchObject({ state: 'applied', procedureId: procedure.id });
    expect((await repo.getProcedure(procedure.id))?.answered).toEqual(['DE-ST']);
  });
});

describe('npm run inbound', () => {
  const run = promisify(execFile);
  const localDir = mkdtempSync(join(tmpdir(), 'inbound-cli-'));
  writeFileSync(join(localDir, 'link-secret'), `${testLinkSecret}\n`);
  const inbound = (args: string[]) =>
    run(process.execPath, ['--import', 'tsx', 'infra/local/inbound.ts', ...args], {
      env: {
        ...process.env,
        LOCAL_DIR: localDir,
        DYNAMODB_PORT: new URL(inject('dynamodbEndpoint')).port,
        // The message goes through the local S3 to the inbound-mail function, as in AWS.
        S3_ENDPOINT: inject('s3Endpoint'),
        TABLE_NAME: table.tableName,
        SENDER_DOMAIN: 'imk.example.org',
      },
    });
  const file = (name: string, raw: string) => {
    const path = join(localDir, name);
    writeFileSync(path, raw);
    return path;
  };

  /** The messages stored in the local inbound bucket, as SES's receipt rule stores them. */
  const storedMessages = async () => {
    const s3 = createS3Client({ region: 'eu-central-1', endpoint: inject('s3Endpoint') });
    const { Contents = [] } = await s3.send(
      new ListObjectsV2Command({ Bucket: localBuckets.inbound, Prefix: 'inbound/' }),
    );
    return Promise.all(
      Contents.map(async ({ Key }) => {
        const object = await s3.send(
          new GetObjectCommand({ Bucket: localBuckets.inbound, Key: Key ?? '' }),
        );
        return { key: Key ?? '', text: (await object.Body?.transformToString()) ?? '' };
      }),
    );
  };

  it('delivers with pass verdicts by default, marked as a local delivery', async () => {
    const thueringen = of('DE-TH');
    const raw = zusage(thueringen);
    const path = file('zusage.eml', raw);
    const { stdout } = await inbound([path]);
    expect(stdout).toContain('zusage.eml: applied');
    // The message went the AWS way: stored under inbound/ by an SES message id, read back by the function.
    const stored = (await storedMessages()).filter((message) => message.text === raw);
    expect(stored).toEqual([
      { key: expect.stringMatching(/^inbound\/local-[0-9a-z]{26}$/), text: raw },
    ]);
    const records = await repo.listInboundMessages(sessionId);
    expect(records.find((r) => r.invitationId === thueringen.id)).toMatchObject({
      delivery: 'local',
      verdicts: passingVerdicts,
    });
    expect(await statusOf(thueringen)).toBe('accepted');
  });

  it('takes --verdicts to try the other cases', async () => {
    const sh = of('DE-SH');
    const path = file('grau.eml', zusage(sh));
    const { stdout } = await inbound(['--verdicts', 'dkim=FAIL,dmarc=GRAY', path]);
    expect(stdout).toContain('grau.eml: review (failed dkim checks)');
    expect(await statusOf(sh)).toBe('pending');
  });

  it('refuses an unknown verdict name or status with a usage line', async () => {
    const path = file('egal.eml', zusage(of('DE-SH')));
    await expect(inbound(['--verdicts', 'dmarc=MAYBE', path])).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--verdicts'),
    });
    await expect(inbound(['--verdicts', 'arc=PASS', path])).rejects.toMatchObject({ code: 2 });
  });
});
