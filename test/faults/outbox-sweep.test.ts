import { afterAll, describe, expect, it } from 'vitest';
import { DynamoConferenceRepository } from '../../shared/adapters/dynamodb/conference-repository.js';
import { SesMailSender } from '../../shared/adapters/ses/ses-mail-sender.js';
import type { OutboxEntry } from '../../shared/domain/outbox.js';
import { systemActor } from '../../shared/use-cases/context.js';
import { deliverOutboxEntry } from '../../shared/use-cases/deliver-mail.js';
import { seedDemo } from '../../shared/use-cases/demo-seed.js';
import { sendInvitations } from '../../shared/use-cases/invitations.js';
import { maxRedrives } from '../../shared/use-cases/outbox.js';
import { runScheduledJobs } from '../../shared/use-cases/scheduled-jobs.js';
import { httpClient } from '../fixtures/http.js';
import { createLocalTable } from '../fixtures/local-table.js';
import { startOwnSes } from '../fixtures/mail-links.js';
import { testMailer } from '../fixtures/mailer.js';
import { createTestApp, testLinkSecret } from '../fixtures/test-app.js';

/**
 * No mail is stuck without anyone knowing: an entry whose queue message died
 * is sent again as a fresh copy (at most a few times, then `failed`), an
 * entry claimed and never settled becomes `unknown` and is never sent again
 * by itself, and an admin sees both and can send them again.
 */
const ses = await startOwnSes();
const table = await createLocalTable('outbox-sweep');
let now = new Date('2027-02-01T10:00:00Z');
const clock = { now: () => now };
const repo = new DynamoConferenceRepository(table.documentClient, table.tableName);
const { sessionId = '' } = await seedDemo({ repo, clock });
const mailer = testMailer(
  repo,
  clock,
  new SesMailSender({ region: 'eu-central-1', endpoint: ses.endpoint }),
);
const { app, issuer } = await createTestApp(table.documentClient, table.tableName, { clock });
const admin = httpClient(app, await issuer.sign({ role: 'admin', email: 'admin@example.org' }));
const secretariat = httpClient(
  app,
  await issuer.sign({ role: 'secretariat', email: 'gs@imk.example.org', bodies: ['imk'] }),
);
const minutes = (n: number) => new Date(now.getTime() + n * 60_000);

afterAll(async () => {
  await ses.stop();
  await table.drop();
});

describe('The outbox sweep', () => {
  let lost: OutboxEntry;
  let stuck: OutboxEntry;

  it('sends a queued entry whose queue message died again, once, as a fresh copy', async () => {
    await sendInvitations({ repo, clock, linkSecret: testLinkSecret }, systemActor, sessionId, {});
    const queued = (await repo.listOutboxInState('queued', { limit: 100 })).items;
    expect(queued).toHaveLength(17);
    [lost, stuck] = queued as [OutboxEntry, OutboxEntry];
    // Every other mail goes out; `stuck` is claimed and its worker dies before settling it.
    for (const entry of queued.slice(2)) await deliverOutboxEntry(mailer, entry.id);
    expect(await repo.claimOutboxEntry(stuck.id, now.toISOString())).toMatchObject({
      id: stuck.id,
      state: 'sending',
    });

    now = minutes(10);
    expect((await runScheduledJobs({ repo, clock })).outbox).toEqual({
      redriven: 0,
      failed: 0,
      unknown: 0,
    });
    now = minutes(15);
    const run = await runScheduledJobs({ repo, clock });
    expect(run.outbox).toEqual({ redriven: 1, failed: 0, unknown: 1 });

    expect((await repo.getOutboxEntry(lost.id))?.state).toBe('superseded');
    const [copy] = (await repo.listOutboxInState('queued', { limit: 10 })).items;
    expect(copy).toMatchObject({ redriveOf: lost.id, redrives: 1, kind: lost.kind });
    // The dead message, should it come back after all, sends nothing.
    expect(await deliverOutboxEntry(mailer, lost.id)).toBe('skipped');
    expect(await deliverOutboxEntry(mailer, copy?.id ?? '')).toBe('sent');
    const to = (
      await repo.getInvitation(sessionId, (lost as { invitationId: string }).invitationId)
    )?.email;
    expect(
      (await ses.inbox()).filter((m) => m.destination.to[0]?.includes(to ?? '?')),
    ).toHaveLength(1);
  });

  it('marks an entry claimed and never settled as unknown, and never sends it by itself', async () => {
    expect((await repo.getOutboxEntry(stuck.id))?.state).toBe('unknown');
    expect(await deliverOutboxEntry(mailer, stuck.id)).toBe('skipped');
    now = minutes(60);
    expect((await runScheduledJobs({ repo, clock })).outbox.unknown).toBe(0);
  });

  it('shows failed and unknown mail to an admin, who can send it again (audited)', async () => {
    const unknown = await admin.get('/v1/outbox?state=unknown');
    expect(unknown.status).toBe(200);
    expect(unknown.json.items.map((e: { id: string }) => e.id)).toEqual([stuck.id]);
    expect((await secretariat.get('/v1/outbox?state=unknown')).status).toBe(403);
    expect((await admin.get('/v1/outbox?state=sent')).status).toBe(400);

    const retried = await admin.post(`/v1/outbox/${stuck.id}/retry`, undefined);
    expect(retried.status).toBe(200);
    expect(retried.json).toMatchObject({ state: 'queued', redriveOf: stuck.id });
    expect((await admin.post(`/v1/outbox/${stuck.id}/retry`, undefined)).status).toBe(409);
    expect(await deliverOutboxEntry(mailer, retried.json.id)).toBe('sent');
    expect((await admin.get('/v1/outbox?state=unknown')).json.items).toEqual([]);
    const audit = await admin.get(`/v1/audit?object=outbox:${stuck.id}`);
    expect(audit.json.items).toMatchObject([
      { action: 'outbox.retry', actor: 'admin@example.org' },
    ]);
  });

  it(`gives an entry up as failed after ${maxRedrives} re-drives`, async () => {
    const [item] = await repo.listAgenda(sessionId);
    expect(item).toBeDefined();
    const state = await repo.listOutboxInState('queued', { limit: 10 });
    expect(state.items).toEqual([]);
    // A mail whose queue message dies every time.
    const invitation = (await repo.listInvitations(sessionId))[0];
    await repo.commit(
      [
        {
          type: 'outbox',
          op: 'create',
          entry: {
            id: '01JLOSTEVERYTIME0000000000',
            state: 'queued',
            attempts: 0,
            kind: 'reminder',
            sessionId,
            invitationId: invitation?.id ?? '',
            createdAt: now.toISOString(),
            updatedAt: now.toISOString(),
          },
        },
      ],
      [],
    );
    for (let round = 1; round <= maxRedrives + 1; round += 1) {
      now = minutes(30);
      await runScheduledJobs({ repo, clock });
    }
    const failed = await admin.get('/v1/outbox?state=failed');
    expect(failed.json.items).toHaveLength(1);
    expect(failed.json.items[0]).toMatchObject({
      redrives: maxRedrives,
      failure: `still queued after ${maxRedrives} re-drives`,
    });
    expect((await repo.listOutboxInState('queued', { limit: 10 })).items).toEqual([]);
  });
});
