import { parseFeed } from '@rowanmanning/feed-parser';
import { afterAll, describe, expect, it } from 'vitest';
import { DynamoConferenceRepository } from '../../shared/adapters/dynamodb/conference-repository.js';
import { SesMailSender } from '../../shared/adapters/ses/ses-mail-sender.js';
import { subscriberId } from '../../shared/domain/press-list.js';
import type { PressRelease } from '../../shared/domain/press-release.js';
import { systemActor } from '../../shared/use-cases/context.js';
import { recordDeliveryEvent } from '../../shared/use-cases/delivery-events.js';
import { seedDemo } from '../../shared/use-cases/demo-seed.js';
import { recordAnswer, sendInvitations } from '../../shared/use-cases/invitations.js';
import { approvePressRelease } from '../../shared/use-cases/press-approval.js';
import { subscribe } from '../../shared/use-cases/press-list.js';
import {
  createPressRelease,
  publishPressRelease,
  submitPressRelease,
} from '../../shared/use-cases/press-releases.js';
import { runScheduledJobs } from '../../shared/use-cases/scheduled-jobs.js';
import { httpClient } from '../fixtures/http.js';
import { createLocalTable } from '../fixtures/local-table.js';
import { linkIn, startOwnSes } from '../fixtures/mail-links.js';
import { deliverQueued, testMailer } from '../fixtures/mailer.js';
import type { StoredMail } from '../fixtures/ses-inbox.js';
import { createTestApp, testLinkSecret } from '../fixtures/test-app.js';

const ses = await startOwnSes();

const table = await createLocalTable('press');
let now = new Date('2027-02-10T09:00:00Z');
const clock = { now: () => now };
const repo = new DynamoConferenceRepository(table.documentClient, table.tableName);
const { sessionId = '' } = await seedDemo({ repo, clock });
const deps = { repo, clock, linkSecret: testLinkSecret };
const { invited } = await sendInvitations(deps, systemActor, sessionId, {});
const answer = (memberId: string) => {
  const invitation = invited.find((i) => i.memberId === memberId && i.capacity === 'principal');
  return recordAnswer(
    deps,
    { sessionId, invitationId: invitation?.id ?? '' },
    { status: 'accepted' },
    'link',
    'test',
  );
};
const { app, issuer } = await createTestApp(table.documentClient, table.tableName, { clock });
const press = httpClient(
  app,
  await issuer.sign({ role: 'press', email: 'presse@de-hh.example.org', bodies: [] }),
);
const chair = httpClient(
  app,
  await issuer.sign({ role: 'chair', email: 'vorsitz@de-hh.example.org', bodies: ['imk'] }),
);
const mailer = testMailer(
  repo,
  clock,
  new SesMailSender({ region: 'eu-central-1', endpoint: ses.endpoint }),
);
const inbox = ses.inbox;
const pressLink = (mail: StoredMail | undefined, kind: 'confirm' | 'unsubscribe') =>
  linkIn(mail, `/links/press-list/${kind}/`);
const form = { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' } };
const publicSurfaces = async () => ({
  list: (await (await app.request('/public/press-releases')).json()) as { items: { id: string }[] },
  atom: await (await app.request('/public/feeds/press-releases.atom')).text(),
  rss: await (await app.request('/public/feeds/press-releases.rss')).text(),
  json: await (await app.request('/public/feeds/press-releases.json')).text(),
});

afterAll(async () => {
  await ses.stop();
  await table.drop();
});

describe('The press list: double opt-in and one-click unsubscribe', () => {
  it('confirms a journalist only through the link in the confirmation mail', async () => {
    for (const email of ['redaktion@zeitung.example.org', 'wartet@zeitung.example.org']) {
      const response = await app.request('/public/press-list', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email }),
      });
      expect(response.status).toBe(202);
    }
    // Asking again at once sends no second mail, and says the same.
    const again = await app.request('/public/press-list', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'redaktion@zeitung.example.org' }),
    });
    expect(again.status).toBe(202);
    await deliverQueued(mailer);
    const mails = (await inbox()).filter((mail) => mail.subject.includes('Presseliste'));
    expect(mails.map((mail) => mail.subject)).toEqual([
      'Bitte bestätigen Sie Ihre Anmeldung zur Presseliste',
      'Bitte bestätigen Sie Ihre Anmeldung zur Presseliste',
    ]);
    const link = pressLink(
      mails.find((mail) => mail.destination.to[0]?.includes('redaktion@')),
      'confirm',
    );
    expect((await app.request(link)).status).toBe(200);
    const confirmed = await app.request(link, form);
    expect(confirmed.status).toBe(200);
    expect(await confirmed.text()).toContain('erhält ab jetzt unsere Pressemitteilungen');
    const page = await repo.listConfirmedSubscribers({ limit: 10 });
    expect(page.items.map((subscriber) => subscriber.email)).toEqual([
      'redaktion@zeitung.example.org',
    ]);
    expect((await app.request(`${link.slice(0, -3)}abc`, form)).status).toBe(403);
  });
});

describe('A press release from draft to the public, under embargo', () => {
  let release: PressRelease;
  const embargo = new Date('2027-02-10T10:02:00Z');

  it('is drafted by press, returned and approved by the chair alone', async () => {
    await answer('DE-HH');
    const created = await press.post('/v1/press-releases', {
      bodyId: 'imk',
      sessionId,
      title: 'Konstituierende Sitzung der IMK findet in Hamburg statt <script>alert(1)</script>',
      dateline: 'HAMBURG',
      body: 'Vom {{termin}} beraten die Ministerinnen und Minister in der {{ort}}.\n\n{{teilnahme}}\n\n<img src=x onerror=alert(1)> [Link](javascript:alert(1))',
    });
    expect(created.status).toBe(201);
    release = created.json;
    expect(
      (
        await chair.post('/v1/press-releases', {
          bodyId: 'imk',
          title: 'x',
          dateline: 'x',
          body: 'x',
        })
      ).status,
    ).toBe(403);
    expect(
      (await press.post(`/v1/press-releases/${release.id}/submission`, undefined)).status,
    ).toBe(200);
    expect(
      (await press.post(`/v1/press-releases/${release.id}/approval`, {})).status,
      'press may not approve',
    ).toBe(403);
    const returned = await chair.post(`/v1/press-releases/${release.id}/return`, {
      comment: 'Bitte die Sperrfrist beachten.',
    });
    expect(returned.json).toMatchObject({
      state: 'draft',
      comments: [{ text: 'Bitte die Sperrfrist beachten.' }],
    });
    await press.post(`/v1/press-releases/${release.id}/submission`, undefined);
    const approved = await chair.post(`/v1/press-releases/${release.id}/approval`, {
      embargoUntil: embargo.toISOString(),
    });
    expect(approved.status).toBe(200);
    release = approved.json;
    expect(release).toMatchObject({ state: 'scheduled', publishAt: embargo.toISOString() });
    expect(release.facts?.attendance).toMatch(/^Bisher bestätigte .* aus Hamburg .*Teilnahme\.$/);
  });

  it('keeps the facts frozen at approval', async () => {
    await answer('DE-BY');
    const stored = await repo.getPressRelease(release.id);
    expect(stored?.html).toContain('aus Hamburg');
    expect(stored?.html).not.toContain('Bayern');
  });

  it('is nowhere public one second before the embargo, and everywhere at it', async () => {
    now = new Date(embargo.getTime() - 1000);
    const before = await publicSurfaces();
    expect(before.list.items.map((item) => item.id)).not.toContain(release.id);
    for (const feed of [before.atom, before.rss, before.json])
      expect(feed).not.toContain(release.id);
    expect((await app.request(`/public/press-releases/${release.id}`)).status).toBe(404);
    expect((await runScheduledJobs({ repo, clock })).press).toEqual({ published: 0, mailed: 0 });

    now = embargo;
    const at = await publicSurfaces();
    expect(at.list.items.map((item) => item.id)).toEqual([release.id]);
    for (const feed of [at.atom, at.rss, at.json]) expect(feed).toContain(release.id);
    const page = await app.request(`/public/press-releases/${release.id}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<script>alert(1)');
    expect(html).not.toContain('onerror');
    expect(html).not.toContain('javascript:');
    expect(html).toContain('Ratsstube, Hamburger Rathaus, Hamburg');
    // A public page may be indexed; personal link pages may not.
    expect(html).not.toContain('noindex');
  });

  it('reaches the confirmed journalists at the embargo, once, with a one-click unsubscribe', async () => {
    expect((await runScheduledJobs({ repo, clock })).press).toEqual({ published: 1, mailed: 1 });
    expect((await runScheduledJobs({ repo, clock })).press).toEqual({ published: 0, mailed: 0 });
    expect((await repo.getPressRelease(release.id))?.state).toBe('published');
    await deliverQueued(mailer);
    const sent = (await inbox()).filter((mail) => mail.subject.startsWith('Konstituierende'));
    expect(sent.map((mail) => mail.destination.to[0])).toEqual([
      expect.stringContaining('redaktion@zeitung.example.org'),
    ]);
    expect(sent[0]?.body.text).toContain('HAMBURG – Vom');
    const unsubscribe = pressLink(sent[0], 'unsubscribe');
    const oneClick = await app.request(unsubscribe, {
      ...form,
      body: 'List-Unsubscribe=One-Click',
    });
    expect(oneClick.status).toBe(200);
    expect((await repo.listConfirmedSubscribers({ limit: 10 })).items).toEqual([]);
  });

  it('shows a correction as an update of the same feed entry', async () => {
    now = new Date(embargo.getTime() + 3_600_000);
    const current = await press.get(`/v1/press-releases/${release.id}`);
    const corrected = await chair.post(
      `/v1/press-releases/${release.id}/corrections`,
      {
        title: 'Konstituierende Sitzung der IMK findet im Hamburger Rathaus statt',
        note: 'Ort präzisiert.',
      },
      { 'if-match': current.headers.get('etag') ?? '' },
    );
    expect(corrected.status).toBe(200);
    const feeds = await publicSurfaces();
    const atom = parseFeed(feeds.atom);
    const entry = atom.items.find((item) => item.id?.endsWith(release.id));
    expect(entry?.title).toBe('Konstituierende Sitzung der IMK findet im Hamburger Rathaus statt');
    expect(entry?.published?.toISOString()).toBe(embargo.toISOString());
    expect(entry?.updated?.toISOString()).toBe(now.toISOString());
    const rss = parseFeed(feeds.rss);
    expect(rss.items).toHaveLength(1);
    expect(rss.items[0]?.url).toContain(release.id);
    const json = JSON.parse(feeds.json) as { items: { id: string; date_modified: string }[] };
    expect(json.items[0]).toMatchObject({ date_modified: now.toISOString() });
    const page = await (await app.request(`/public/press-releases/${release.id}`)).text();
    expect(page).toMatch(/korrigiert am .*: Ort präzisiert\./);
  });

  it('leaves a tombstone when withdrawn, and leaves the feeds', async () => {
    const withdrawn = await chair.post(`/v1/press-releases/${release.id}/withdrawal`, {
      reason: 'Zurückgezogen.',
    });
    expect(withdrawn.json.state).toBe('withdrawn');
    const page = await app.request(`/public/press-releases/${release.id}`);
    expect(page.status).toBe(410);
    expect(await page.text()).toContain('zurückgezogen');
    expect((await publicSurfaces()).atom).not.toContain(release.id);
  });
});

/** A journalist who subscribed and confirmed through the mail's link. */
const confirmedJournalist = async (email: string) => {
  await subscribe({ repo, clock }, { email }, '203.0.113.1');
  await deliverQueued(mailer);
  const confirmation = (await inbox()).find((mail) => mail.destination.to[0]?.includes(email));
  expect((await app.request(pressLink(confirmation, 'confirm'), form)).status).toBe(200);
};

/** A release written, submitted, approved and published at once. */
const publishedRelease = async (title: string, body: string) => {
  const { value } = await createPressRelease(deps, systemActor, {
    bodyId: 'imk',
    title,
    dateline: 'HAMBURG',
    body,
  });
  await submitPressRelease(deps, systemActor, value.id);
  await approvePressRelease(deps, systemActor, value.id, {});
  return publishPressRelease(deps, systemActor, value.id, {});
};

describe('A correction of a release that went out', () => {
  it('is mailed to the confirmed press list as "Korrektur", once', async () => {
    await confirmedJournalist('korrektur@zeitung.example.org');
    const published = await publishedRelease(
      'Tagung beginnt am Donnerstag',
      'Die Tagung beginnt am Donnerstag.',
    );
    await runScheduledJobs({ repo, clock });
    await deliverQueued(mailer);
    const corrected = await press.post(
      `/v1/press-releases/${published.id}/corrections`,
      { body: 'Die Tagung beginnt am Mittwoch.', note: 'Wochentag berichtigt.' },
      { 'if-match': `"${published.version}"` },
    );
    expect(corrected.status).toBe(200);
    // The press office's correction waits for the chair; nothing is mailed before.
    await runScheduledJobs({ repo, clock });
    await deliverQueued(mailer);
    const approved = await chair.post(
      `/v1/press-releases/${published.id}/correction-approval`,
      undefined,
      { 'if-match': corrected.headers.get('etag') ?? '' },
    );
    expect(approved.status).toBe(200);
    await runScheduledJobs({ repo, clock });
    await runScheduledJobs({ repo, clock });
    await deliverQueued(mailer);
    const mails = (await inbox()).filter((mail) => mail.destination.to[0]?.includes('korrektur@'));
    expect(mails.map((mail) => mail.subject)).toEqual([
      'Bitte bestätigen Sie Ihre Anmeldung zur Presseliste',
      'Tagung beginnt am Donnerstag',
      'Korrektur: Tagung beginnt am Donnerstag',
    ]);
    expect(mails[2]?.body.text).toMatch(/^Korrigierte Fassung vom .*: Wochentag berichtigt\./);
    expect(mails[2]?.body.text).toContain('Die Tagung beginnt am Mittwoch.');
  });
});

describe('A complaint about a press mail', () => {
  it('takes the journalist off the list, so that nothing more is sent there', async () => {
    await confirmedJournalist('beschwerde@zeitung.example.org');
    await publishedRelease('Zweite Mitteilung', 'Text.');
    await runScheduledJobs({ repo, clock });
    await deliverQueued(mailer);
    const sent = (await inbox()).find(
      (mail) =>
        mail.subject === 'Zweite Mitteilung' && mail.destination.to[0]?.includes('beschwerde@'),
    );
    expect(
      await recordDeliveryEvent(
        { repo, clock },
        {
          sesMessageId: sent?.messageId ?? '',
          kind: 'complaint',
          permanent: true,
        },
      ),
    ).toBe('marked');
    expect(await repo.getSubscriber(subscriberId('beschwerde@zeitung.example.org'))).toMatchObject({
      state: 'unsubscribed',
      removedFor: 'complained',
    });
    expect(
      (await repo.listConfirmedSubscribers({ limit: 10 })).items.map((s) => s.email),
    ).not.toContain('beschwerde@zeitung.example.org');
  });
});
