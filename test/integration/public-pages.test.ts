import { afterAll, describe, expect, it } from 'vitest';
import { DynamoConferenceRepository } from '../../shared/adapters/dynamodb/conference-repository.js';
import { SesMailSender } from '../../shared/adapters/ses/ses-mail-sender.js';
import { lands } from '../../shared/domain/lands.js';
import { addAgendaItem } from '../../shared/use-cases/agenda.js';
import { systemActor } from '../../shared/use-cases/context.js';
import { seedDemo } from '../../shared/use-cases/demo-seed.js';
import { approvePressRelease } from '../../shared/use-cases/press-approval.js';
import {
  createPressRelease,
  publishPressRelease,
  submitPressRelease,
} from '../../shared/use-cases/press-releases.js';
import {
  createResolution,
  decideResolution,
  proposeRelease,
  recordVotes,
} from '../../shared/use-cases/resolutions.js';
import { planSession } from '../../shared/use-cases/sessions.js';
import { createLocalTable } from '../fixtures/local-table.js';
import { linkIn, startOwnSes } from '../fixtures/mail-links.js';
import { deliverQueued, testMailer } from '../fixtures/mailer.js';
import { createTestApp } from '../fixtures/test-app.js';

const ses = await startOwnSes();
const table = await createLocalTable('public-pages');
let now = new Date('2027-02-10T09:00:00Z');
const clock = { now: () => now };
const repo = new DynamoConferenceRepository(table.documentClient, table.tableName);
const deps = { repo, clock };
const { sessionId = '' } = await seedDemo(deps);
const { app } = await createTestApp(table.documentClient, table.tableName, { clock });
const mailer = testMailer(
  repo,
  clock,
  new SesMailSender({ region: 'eu-central-1', endpoint: ses.endpoint }),
);

const titles = ['Erste Mitteilung', 'Zweite Mitteilung', 'Dritte Mitteilung'];
for (const [n, title] of titles.entries()) {
  now = new Date(Date.UTC(2027, 1, 10, 9, n));
  const { value } = await createPressRelease(deps, systemActor, {
    bodyId: 'imk',
    title,
    dateline: 'HAMBURG',
    body: 'Text.',
  });
  await submitPressRelease(deps, systemActor, value.id);
  await approvePressRelease(deps, systemActor, value.id, {});
  await publishPressRelease(deps, systemActor, value.id, {});
}
now = new Date('2027-02-10T10:00:00Z');

const browser = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };
const form = (fields: Record<string, string>) => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields).toString(),
});

afterAll(async () => {
  await ses.stop();
  await table.drop();
});

describe('Integration: the press area by content negotiation', () => {
  it('answers JSON as before without Accept and for application/json, and varies by Accept', async () => {
    // Act
    const bare = await app.request('/public/press-releases');
    const json = await app.request('/public/press-releases', {
      headers: { accept: 'application/json' },
    });

    // Assess
    for (const response of [bare, json]) {
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      expect(response.headers.get('vary')).toMatch(/Accept/);
      const body = (await response.json()) as { items: { title: string; publishedAt: string }[] };
      expect(body.items.map((item) => item.title)).toEqual([...titles].reverse());
      expect(Object.keys(body)).toEqual(['items']);
    }
  });

  it('answers a browser the German page: newest first, each linked, the feeds as alternates', async () => {
    // Act
    const response = await app.request('/public/press-releases', { headers: browser });
    const page = await response.text();

    // Assess
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.headers.get('vary')).toMatch(/Accept/);
    expect(page).toContain('<html lang="de">');
    for (const [type, format] of [
      ['application/atom+xml', 'atom'],
      ['application/rss+xml', 'rss'],
      ['application/feed+json', 'json'],
    ] as const) {
      expect(page).toMatch(
        new RegExp(
          `<link rel="alternate" type="${type.replace('+', '\\+')}" href="/public/feeds/press-releases\\.${format}"`,
        ),
      );
    }
    const order = titles.map((title) => page.indexOf(title));
    expect(order.every((at) => at > 0)).toBe(true);
    expect(order[2]).toBeLessThan(order[1] ?? 0);
    expect(order[1]).toBeLessThan(order[0] ?? 0);
    expect(page.match(/href="\/public\/press-releases\/[0-9A-Z]{26}"/g)).toHaveLength(3);
    expect(page).toContain('action="/public/press-list/subscription"');
    expect(page).not.toContain('Ältere Pressemitteilungen');
  });

  it('pages through the releases with the cursor the JSON list uses', async () => {
    // Act
    const first = await (
      await app.request('/public/press-releases?limit=2', { headers: browser })
    ).text();
    const older = /href="(\/public\/press-releases\?[^"]+)">\s*Ältere Pressemitteilungen/.exec(
      first,
    )?.[1];
    const second = await (
      await app.request((older ?? '').replaceAll('&amp;', '&'), { headers: browser })
    ).text();

    // Assess
    expect(first).toContain('Dritte Mitteilung');
    expect(first).not.toContain('Erste Mitteilung');
    expect(older).toMatch(/limit=2&amp;next=/);
    expect(second).toContain('Erste Mitteilung');
    expect(second).not.toContain('Dritte Mitteilung');
    expect(second).toContain('href="/public/press-releases">Neueste Pressemitteilungen');
  });
});

describe('Integration: the press list form without script', () => {
  it('asks for the double opt-in and says the same for a new and a known address', async () => {
    // Act
    const fresh = await app.request(
      '/public/press-list/subscription',
      form({ email: 'neu@zeitung.example.org', name: 'Redaktion Politik' }),
    );
    const freshPage = await fresh.text();
    await deliverQueued(mailer);
    const mail = (await ses.inbox()).find((m) =>
      m.destination.to[0]?.includes('neu@zeitung.example.org'),
    );
    const confirm = await app.request(linkIn(mail, '/links/press-list/confirm/'), {
      method: 'POST',
    });
    const known = await app.request(
      '/public/press-list/subscription',
      form({ email: 'neu@zeitung.example.org', name: 'Redaktion Politik' }),
    );
    const knownPage = await known.text();

    // Assess
    expect(fresh.status).toBe(200);
    expect(freshPage).toContain('Wir haben Ihnen eine E-Mail an');
    expect(freshPage).toContain('neu@zeitung.example.org');
    expect(mail?.subject).toBe('Bitte bestätigen Sie Ihre Anmeldung zur Presseliste');
    expect(confirm.status).toBe(200);
    expect(await confirm.text()).toContain('erhält ab jetzt unsere Pressemitteilungen');
    expect(known.status).toBe(200);
    expect(knownPage).toBe(freshPage);
    expect(known.headers.get('cache-control')).toBe('no-store');
  });

  it('shows the form again with a German error for an address that is none', async () => {
    // Act
    const response = await app.request(
      '/public/press-list/subscription',
      form({ email: 'keine-adresse' }),
    );
    const page = await response.text();

    // Assess
    expect(response.status).toBe(422);
    expect(page).toContain('Bitte geben Sie eine gültige E-Mail-Adresse an');
    expect(page).toContain('aria-invalid="true"');
    expect(page).toContain('value="keine-adresse"');
  });

  it('refuses a JSON body on the form’s address (the JSON POST is /public/press-list)', async () => {
    // Act
    const response = await app.request('/public/press-list/subscription', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'json@zeitung.example.org' }),
    });

    // Assess
    expect(response.status).toBe(400);
  });
});

describe('Integration: the public sessions and a session’s public page', () => {
  const publicTitle = 'Bericht zur Lage der Feuerwehren';
  const confidentialTitle = 'Vertrauliche Lagebewertung';
  const unreleasedTitle = 'Noch nicht freigegebener Beschluss';
  const releasedTitle = 'Freigegebener Beschluss zur Internetkriminalität';
  const videoLink = 'https://video.example.org/geheim-123';

  it('lists a body’s sessions, upcoming and past, and serves them as a calendar without video links', async () => {
    // Prepare
    await planSession(deps, systemActor, 'imk', {
      kind: 'extraordinary',
      title: 'Sonderkonferenz per Video',
      startsAt: '2027-01-20T10:00:00+01:00',
      endsAt: '2027-01-20T12:00:00+01:00',
      videoLink,
    });

    // Act
    const page = await (await app.request('/public/bodies/imk/sessions')).text();
    const calendar = await app.request('/public/bodies/imk/sessions.ics');
    const ics = await calendar.text();
    const unknown = await app.request('/public/bodies/gibt-es-nicht/sessions');

    // Assess
    const upcoming = page.indexOf('Kommende Sitzungen');
    const past = page.indexOf('Vergangene Sitzungen');
    expect(page.indexOf('Konstituierende Sitzung der IMK')).toBeGreaterThan(upcoming);
    expect(page.indexOf('Konstituierende Sitzung der IMK')).toBeLessThan(past);
    expect(page.indexOf('Sonderkonferenz per Video')).toBeGreaterThan(past);
    expect(page).toContain(`href="/public/sessions/${sessionId}"`);
    expect(page).toContain(
      '<link rel="alternate" type="text/calendar" href="/public/bodies/imk/sessions.ics"',
    );
    expect(calendar.headers.get('content-type')).toMatch(/^text\/calendar/);
    expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(2);
    // Calendar lines fold at 75 octets: read them unfolded.
    const unfolded = ics.replaceAll('\r\n ', '');
    expect(unfolded).toContain(
      'SUMMARY:1. (konstituierende) Sitzung der IMK: Konstituierende Sitzung der IMK',
    );
    expect(unfolded).toContain(`URL;VALUE=URI:http://localhost/public/sessions/${sessionId}`);
    expect(ics).not.toContain('video.example.org');
    expect(page).not.toContain('video.example.org');
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain('Gremium nicht gefunden');
  });

  it('shows only public agenda items and released resolutions, and the PDF once one is released', async () => {
    // Prepare
    const agenda = await repo.listAgenda(sessionId);
    await addAgendaItem(deps, systemActor, sessionId, {
      number: '6',
      title: publicTitle,
      public: true,
    });
    const { value: secret } = await addAgendaItem(deps, systemActor, sessionId, {
      number: '5',
      title: confidentialTitle,
      public: false,
    });
    const before = await (await app.request(`/public/sessions/${sessionId}`)).text();
    const decided = async (title: string, itemId: string) => {
      const { value } = await createResolution(deps, systemActor, sessionId, itemId, {
        title,
        text: 'Die Länder arbeiten zusammen.',
      });
      await recordVotes(deps, systemActor, value.id, {
        votes: lands.map((land) => ({ memberId: land.code, vote: 'yes' })),
      });
      return decideResolution(deps, systemActor, value.id);
    };
    const released = await decided(releasedTitle, agenda[1]?.id ?? '');
    await proposeRelease(deps, systemActor, released.id, {
      objectionHours: 0,
      consentedBy: lands.map((land) => land.code),
    });
    await decided(unreleasedTitle, secret.id);

    // Act
    const response = await app.request(`/public/sessions/${sessionId}`);
    const page = await response.text();

    // Assess
    expect(before).toContain('Zu dieser Sitzung sind noch keine Beschlüsse');
    expect(before).not.toContain('resolutions.pdf');
    expect(response.status).toBe(200);
    expect(page).toContain(`<strong>TOP 6</strong> ${publicTitle}`);
    // The demo's items are not public, nor is the one marked confidential.
    expect(page).not.toContain('Extremismusbekämpfung');
    expect(page).not.toContain(confidentialTitle);
    expect(page).not.toContain(unreleasedTitle);
    expect(page).toContain(releasedTitle);
    expect(page).toContain(`href="/public/sessions/${sessionId}/resolutions.pdf"`);
    expect(page).toContain('3. März 2028, 10:00 Uhr');
    expect(page).toContain('Ratsstube, Hamburger Rathaus, Hamburg');
    expect((await app.request('/public/sessions/01ARZ3NDEKTSV4RRFFQ69G5FAV')).status).toBe(404);
  });
});
