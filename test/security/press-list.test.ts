import { afterAll, describe, expect, it } from 'vitest';
import type { AppEnv } from '../../functions/http/app-env.js';
import { DynamoConferenceRepository } from '../../shared/adapters/dynamodb/conference-repository.js';
import { SesMailSender } from '../../shared/adapters/ses/ses-mail-sender.js';
import { subscriberId } from '../../shared/domain/press-list.js';
import { systemActor } from '../../shared/use-cases/context.js';
import { recordDeliveryEvent } from '../../shared/use-cases/delivery-events.js';
import { seedDemo } from '../../shared/use-cases/demo-seed.js';
import { approvePressRelease } from '../../shared/use-cases/press-approval.js';
import {
  removeSubscriber,
  unsubscribe,
  unsubscribeToken,
} from '../../shared/use-cases/press-list.js';
import {
  createPressRelease,
  publishPressRelease,
  submitPressRelease,
} from '../../shared/use-cases/press-releases.js';
import { runScheduledJobs } from '../../shared/use-cases/scheduled-jobs.js';
import { createLocalTable } from '../fixtures/local-table.js';
import { formPost, linkIn, startOwnSes } from '../fixtures/mail-links.js';
import { deliverQueued, testMailer } from '../fixtures/mailer.js';
import { createTestApp, testLinkSecret } from '../fixtures/test-app.js';

const ses = await startOwnSes();
const table = await createLocalTable('presslist');
let now = new Date('2027-03-01T09:00:00Z');
const clock = { now: () => now };
const later = (minutes: number) => {
  now = new Date(now.getTime() + minutes * 60_000);
};
const repo = new DynamoConferenceRepository(table.documentClient, table.tableName);
const deps = { repo, clock };
await seedDemo(deps);
const { app } = await createTestApp(table.documentClient, table.tableName, { clock });
const mailer = testMailer(
  repo,
  clock,
  new SesMailSender({ region: 'eu-central-1', endpoint: ses.endpoint }),
);

/**
 * What the app asks of DynamoDB while `recording`: per request, each item it
 * reads or writes, by the kind of its key (`OUTBOX/OUTBOX`, never the
 * address's own), with the conditions, the updated or written attributes and
 * the capacity consumed.
 */
const work: unknown[] = [];
let recording = false;
table.documentClient.middlewareStack.add(
  (next, context) => async (args) => {
    if (!recording) return next(args);
    const input = args.input as Record<string, unknown>;
    input.ReturnConsumedCapacity = 'TOTAL';
    const result = await next(args);
    const consumed = (result.output as { ConsumedCapacity?: unknown }).ConsumedCapacity;
    const parts = Array.isArray(input.TransactItems)
      ? (input.TransactItems as Record<string, Record<string, unknown>>[]).map(
          (item) => Object.entries(item)[0] as [string, Record<string, unknown>],
        )
      : [[context.commandName, input] as [string, Record<string, unknown>]];
    work.push({
      command: context.commandName,
      items: parts.map(([operation, part]) => {
        const key = (part.Key ?? part.Item) as { PK?: string; SK?: string } | undefined;
        return {
          operation,
          key: `${key?.PK?.split('#')[0]}/${key?.SK?.startsWith('#') ? key.SK.split('#')[1] : '…'}`,
          condition: part.ConditionExpression,
          update: part.UpdateExpression,
          attributes: part.Item === undefined ? undefined : Object.keys(part.Item as object).sort(),
        };
      }),
      capacity: (Array.isArray(consumed) ? consumed : [consumed]).map(
        (entry) => (entry as { CapacityUnits?: number } | undefined)?.CapacityUnits,
      ),
    });
    return result;
  },
  { step: 'initialize', name: 'recordWork' },
);

afterAll(async () => {
  await ses.stop();
  await table.drop();
});

/** The press list form, sent from a client address as API Gateway reports it to Lambda. */
const subscribeFrom = (sourceIp: string, email: string) =>
  app.request(
    '/public/press-list',
    {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email }),
    },
    { event: { requestContext: { http: { sourceIp } } } } as unknown as AppEnv['Bindings'],
  );

/** The mails the local SES received for one address. */
const mailsTo = async (email: string) =>
  (await ses.inbox()).filter((mail) => mail.destination.to.some((to) => to.includes(email)));

const confirmationsTo = async (email: string) =>
  (await mailsTo(email)).filter((mail) => mail.subject.includes('Anmeldung zur Presseliste'));

/** Subscribes and confirms through the link in the newest confirmation mail. */
const confirmedJournalist = async (email: string) => {
  expect((await subscribeFrom('198.51.100.7', email)).status).toBe(202);
  await deliverQueued(mailer);
  const link = linkIn((await confirmationsTo(email)).at(-1), '/links/press-list/confirm/');
  expect((await app.request(link, formPost({}))).status).toBe(200);
  expect((await repo.getSubscriber(subscriberId(email)))?.state).toBe('confirmed');
  return link;
};

/** A release published now, and its mailing run and delivered. */
const publishAndMail = async (title: string) => {
  const { value } = await createPressRelease(deps, systemActor, {
    bodyId: 'imk',
    title,
    dateline: 'HAMBURG',
    body: 'Text.',
  });
  await submitPressRelease(deps, systemActor, value.id);
  await approvePressRelease(deps, systemActor, value.id, {});
  await publishPressRelease(deps, systemActor, value.id, {});
  await runScheduledJobs(deps);
  await deliverQueued(mailer);
};

/** Reports a complaint or a permanent bounce of the last mail an address received. */
const report = async (email: string, kind: 'complaint' | 'bounce') => {
  const last = (await mailsTo(email)).at(-1);
  expect(
    await recordDeliveryEvent(deps, {
      sesMessageId: last?.messageId ?? '',
      kind,
      permanent: true,
    }),
  ).toBe('marked');
};

describe('An address that complained or bounced for good', () => {
  it('is never mailed again, even when it subscribes again', async () => {
    const journalists = {
      'beschwerde@zeitung.example.org': 'complaint',
      'unzustellbar@zeitung.example.org': 'bounce',
    } as const;
    for (const email of Object.keys(journalists)) await confirmedJournalist(email);
    await publishAndMail('Erste Mitteilung');
    for (const [email, kind] of Object.entries(journalists)) {
      expect((await mailsTo(email)).map((mail) => mail.subject)).toContain('Erste Mitteilung');
      await report(email, kind);
    }

    later(60);
    for (const email of Object.keys(journalists)) {
      const before = (await mailsTo(email)).length;
      // The answer says nothing about the address.
      const again = await subscribeFrom('198.51.100.8', email);
      expect(again.status).toBe(202);
      await deliverQueued(mailer);
      // Not even a confirmation mail goes there.
      expect(await mailsTo(email)).toHaveLength(before);
      expect(await repo.getSubscriber(subscriberId(email))).toMatchObject({
        state: 'unsubscribed',
        removedFor: { complaint: 'complained', bounce: 'bounced' }[
          journalists[email as keyof typeof journalists]
        ],
      });
    }
    await publishAndMail('Zweite Mitteilung');
    for (const email of Object.keys(journalists)) {
      expect((await mailsTo(email)).map((mail) => mail.subject)).not.toContain('Zweite Mitteilung');
    }
  });

  it('is not mailed even where an older version let it confirm again', async () => {
    const email = 'frueher@zeitung.example.org';
    await confirmedJournalist(email);
    await publishAndMail('Dritte Mitteilung');
    await report(email, 'complaint');
    // What the code before this rule left behind: confirmed again, still marked.
    const removed = await repo.getSubscriber(subscriberId(email));
    if (removed === undefined) throw new Error('no subscriber');
    await repo.commit(
      [
        {
          type: 'subscriber',
          op: 'replace',
          subscriber: { ...removed, state: 'confirmed', version: removed.version + 1 },
          expectedVersion: removed.version,
        },
      ],
      [],
    );
    await publishAndMail('Vierte Mitteilung');
    expect((await mailsTo(email)).map((mail) => mail.subject)).not.toContain('Vierte Mitteilung');
  });
});

describe('A confirmation link', () => {
  it('confirms only a pending subscription, never again after the journalist left', async () => {
    const email = 'verlassen@zeitung.example.org';
    const oldLink = await confirmedJournalist(email);
    await publishAndMail('Mitteilung vor dem Abschied');
    const release = (await mailsTo(email)).at(-1);
    const unsubscribed = await app.request(
      linkIn(release, '/links/press-list/unsubscribe/'),
      formPost({ 'List-Unsubscribe': 'One-Click' }),
    );
    expect(unsubscribed.status).toBe(200);

    later(1);
    for (const method of ['GET', 'POST']) {
      const stale = await app.request(oldLink, method === 'GET' ? {} : formPost({}));
      expect(stale.status, method).toBe(410);
      const page = await stale.text();
      expect(page).toContain('Dieser Link gilt nicht mehr');
      expect(page).not.toContain('<form');
    }
    expect((await repo.getSubscriber(subscriberId(email)))?.state).toBe('unsubscribed');

    // Subscribed again: the old link still does not confirm; the new mail's link does.
    later(15);
    expect((await subscribeFrom('198.51.100.9', email)).status).toBe(202);
    await deliverQueued(mailer);
    const newLink = linkIn((await confirmationsTo(email)).at(-1), '/links/press-list/confirm/');
    expect(newLink).not.toBe(oldLink);
    expect((await app.request(oldLink, formPost({}))).status).toBe(410);
    expect((await repo.getSubscriber(subscriberId(email)))?.state).toBe('pending');
    expect((await app.request(newLink, formPost({}))).status).toBe(200);
    expect((await repo.getSubscriber(subscriberId(email)))?.state).toBe('confirmed');
    // A second click on the same link changes nothing and says so again.
    expect((await app.request(newLink, formPost({}))).status).toBe(200);
  });
});

describe('The subscribe answer', () => {
  it('does the same work and says the same, whether or not the address is known', async () => {
    // Addresses of one length in every state an address can be in.
    const addresses = {
      unknown: 'zustand-0@zeitung.example.org',
      pending: 'zustand-1@zeitung.example.org',
      confirmed: 'zustand-2@zeitung.example.org',
      unsubscribed: 'zustand-3@zeitung.example.org',
      removed: 'zustand-4@zeitung.example.org',
    };
    later(60);
    for (const email of [addresses.confirmed, addresses.unsubscribed, addresses.removed]) {
      await confirmedJournalist(email);
    }
    const leaving = await repo.getSubscriber(subscriberId(addresses.unsubscribed));
    if (leaving === undefined) throw new Error('no subscriber');
    await unsubscribe(
      { ...deps, linkSecret: testLinkSecret },
      unsubscribeToken(testLinkSecret, leaving, now),
    );
    await removeSubscriber(deps, subscriberId(addresses.removed), 'complained');
    expect((await subscribeFrom('198.51.100.10', addresses.pending)).status).toBe(202);
    await deliverQueued(mailer);
    expect((await repo.getSubscriber(subscriberId(addresses.pending)))?.state).toBe('pending');

    const answers: Record<string, { status: number; text: string; work: unknown[] }> = {};
    for (const [state, email] of Object.entries(addresses)) {
      work.length = 0;
      recording = true;
      const response = await subscribeFrom('203.0.113.20', email);
      recording = false;
      answers[state] = { status: response.status, text: await response.text(), work: [...work] };
    }
    const { unknown, ...known } = answers;
    expect(unknown?.status).toBe(202);
    expect(JSON.stringify(unknown?.work)).not.toContain('SUBSCRIBER');
    for (const [state, answer] of Object.entries(known)) {
      expect(answer, state).toEqual(unknown);
    }
  });
});

describe('A subscription request the mailer could not send at once', () => {
  it('is sent when it is retried, once', async () => {
    const email = 'drossel@zeitung.example.org';
    await deliverQueued(mailer);
    later(60);
    expect((await subscribeFrom('198.51.100.11', email)).status).toBe(202);
    let refusals = 1;
    const throttled = {
      ...mailer,
      sender: {
        send: async (mail: Parameters<typeof mailer.sender.send>[0]) => {
          if (refusals-- > 0) throw new Error('Maximum sending rate exceeded.');
          return mailer.sender.send(mail);
        },
      },
    };
    expect(await deliverQueued(throttled)).toEqual(['retry', 'sent']);
    expect(await confirmationsTo(email)).toHaveLength(1);
  });
});

describe('Subscription requests', () => {
  it('are limited per client, whatever addresses it asks for', async () => {
    await deliverQueued(mailer);
    later(60);
    const busy = '192.0.2.50';
    for (let n = 0; n < 10; n += 1) {
      expect((await subscribeFrom(busy, `viele-${n}@zeitung.example.org`)).status).toBe(202);
    }
    const refused = await subscribeFrom(busy, 'viele-10@zeitung.example.org');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('content-type')).toBe('application/problem+json');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await refused.json()).toMatchObject({
      status: 429,
      detail: expect.stringMatching(/Presseliste/),
    });
    // Another client is not held up by it.
    expect((await subscribeFrom('192.0.2.51', 'andere@zeitung.example.org')).status).toBe(202);
    await deliverQueued(mailer);
    expect(await confirmationsTo('viele-9@')).toHaveLength(1);
    expect(await confirmationsTo('viele-10@')).toHaveLength(0);
    // The next hour the client may ask again.
    later(60);
    expect((await subscribeFrom(busy, 'viele-10@zeitung.example.org')).status).toBe(202);
  });

  it('count an IPv6 client by its /64, which one host usually holds whole', async () => {
    later(60);
    for (let n = 0; n < 10; n += 1) {
      const sourceIp = `2001:db8:7:8::${(n + 1).toString(16)}`;
      expect((await subscribeFrom(sourceIp, `v6-${n}@zeitung.example.org`)).status).toBe(202);
    }
    expect((await subscribeFrom('2001:db8:7:8:ffff::1', 'v6-x@zeitung.example.org')).status).toBe(
      429,
    );
    expect((await subscribeFrom('2001:db8:7:9::1', 'v6-y@zeitung.example.org')).status).toBe(202);
  });

  it('are limited per address too: one confirmation mail every ten minutes', async () => {
    await deliverQueued(mailer);
    later(60);
    const email = 'eine-adresse@zeitung.example.org';
    for (const sourceIp of ['192.0.2.60', '192.0.2.61', '192.0.2.62']) {
      expect((await subscribeFrom(sourceIp, email)).status).toBe(202);
    }
    await deliverQueued(mailer);
    expect(await confirmationsTo(email)).toHaveLength(1);
    later(11);
    expect((await subscribeFrom('192.0.2.63', email)).status).toBe(202);
    await deliverQueued(mailer);
    expect(await confirmationsTo(email)).toHaveLength(2);
  });
});
