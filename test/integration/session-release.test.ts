import { afterAll, describe, expect, it } from 'vitest';
import { DynamoConferenceRepository } from '../../shared/adapters/dynamodb/conference-repository.js';
import { SesMailSender } from '../../shared/adapters/ses/ses-mail-sender.js';
import { lands } from '../../shared/domain/lands.js';
import type { Resolution } from '../../shared/domain/resolution.js';
import { seedDemo } from '../../shared/use-cases/demo-seed.js';
import { settleDueReleases } from '../../shared/use-cases/resolutions.js';
import { httpClient } from '../fixtures/http.js';
import { createLocalTable } from '../fixtures/local-table.js';
import { formPost, linkIn, startOwnSes } from '../fixtures/mail-links.js';
import { deliverQueued, testMailer } from '../fixtures/mailer.js';
import type { StoredMail } from '../fixtures/ses-inbox.js';
import { createTestApp } from '../fixtures/test-app.js';

const table = await createLocalTable('session-release');
let now = new Date('2027-03-06T10:00:00Z');
const clock = { now: () => now };
const repo = new DynamoConferenceRepository(table.documentClient, table.tableName);
const { sessionId = '' } = await seedDemo({ repo, clock });
const agenda = await repo.listAgenda(sessionId);
const { app, issuer } = await createTestApp(table.documentClient, table.tableName, { clock });
const secretariat = httpClient(
  app,
  await issuer.sign({ role: 'secretariat', email: 'gs@imk.example.org', bodies: ['imk'] }),
);
const chair = httpClient(
  app,
  await issuer.sign({ role: 'chair', email: 'vorsitz@de-hh.example.org', bodies: ['imk'] }),
);
const ses = await startOwnSes();
const mailer = testMailer(
  repo,
  clock,
  new SesMailSender({ region: 'eu-central-1', endpoint: ses.endpoint }),
);

afterAll(async () => {
  await ses.stop();
});

const allYes = { votes: lands.map((land) => ({ memberId: land.code, vote: 'yes' })) };
const titles = [
  'Umgang mit dem Krieg in der Ukraine',
  'Bekämpfung der Internetkriminalität',
  'Extremismusbekämpfung',
  'Weiteres Vorgehen der IMK',
];
/** Drafts a resolution on the n-th agenda item, passed unless `draft`. */
const resolutionOn = async (n: number, title: string, draft = false) => {
  const created = await secretariat.post(
    `/v1/sessions/${sessionId}/agenda-items/${agenda[n]?.id}/resolutions`,
    {
      title,
      text: 'Die Länder arbeiten zusammen.\n\nSie berichten der nächsten Sitzung.',
      ...(n === 0 ? { reports: [{ title: 'Bericht des AK II zur Unterbringung' }] } : {}),
    },
  );
  expect(created.status).toBe(201);
  const resolution = created.json as Resolution;
  if (!draft) {
    await secretariat.raw('PUT', `/v1/resolutions/${resolution.id}/votes`, allYes);
    await secretariat.post(`/v1/resolutions/${resolution.id}/decision`, undefined);
  }
  return resolution;
};
const resolutions = await Promise.all(titles.map((title, n) => resolutionOn(n, title)));
const ids = resolutions.map((resolution) => resolution.id);
const stored = async (n: number) => (await repo.getResolution(ids[n] ?? '')) as Resolution;
const propose = (body: object) => chair.post(`/v1/sessions/${sessionId}/release-proposal`, body);
/** A form with a choice per resolution, as the page sends it (checkboxes repeat a name). */
const answers = (fields: [string, string][]) => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields).toString(),
});
const consentTo = (...which: number[]): [string, string][] =>
  which.map((n) => [`antwort-${ids[n]}`, 'consent']);

describe('Integration: one release for a session', () => {
  let mails: StoredMail[] = [];
  const pageOf = (code: string) =>
    linkIn(
      mails.find((mail) => mail.destination.to[0]?.includes(`minister@${code.toLowerCase()}.`)),
      '/links/session-releases/',
    );

  it('refuses the whole proposal when one resolution is not passed, and changes none', async () => {
    // Prepare
    const draft = await resolutionOn(3, 'Noch nicht beschlossen', true);

    // Act
    const response = await propose({ resolutionIds: [...ids, draft.id], objectionHours: 48 });

    // Assess
    expect(response.status).toBe(409);
    for (const n of [0, 1, 2, 3]) expect((await stored(n)).release).toBeUndefined();
  });

  it('lets only the chair propose, and mails each voting Land once with all four resolutions', async () => {
    // Act
    const refused = await secretariat.post(`/v1/sessions/${sessionId}/release-proposal`, {
      resolutionIds: ids,
      objectionHours: 48,
    });
    const proposed = await propose({ resolutionIds: ids, objectionHours: 48 });
    const repeated = await propose({ resolutionIds: ids, objectionHours: 48 });
    await deliverQueued(mailer);
    mails = (await ses.inbox()).filter((mail) =>
      mail.subject.startsWith('Freigabe zur Veröffentlichung: Beschlüsse der'),
    );

    // Assess
    expect(refused.status).toBe(403);
    expect(proposed.status).toBe(200);
    expect(proposed.json.batchId).toMatch(/^[0-9A-Z]{26}$/);
    expect(proposed.json.items).toHaveLength(4);
    expect(repeated.status).toBe(200);
    expect(repeated.json.batchId).toBeUndefined();
    for (const n of [0, 1, 2, 3]) {
      expect((await stored(n)).release).toMatchObject({
        batchId: proposed.json.batchId,
        consents: [],
        objections: [],
      });
    }
    expect(mails).toHaveLength(16);
    expect(new Set(mails.map((mail) => mail.destination.to[0])).size).toBe(16);
    expect(mails.some((mail) => mail.destination.to[0]?.includes('bund'))).toBe(false);
    const [first] = mails;
    expect(first?.subject).toBe(
      'Freigabe zur Veröffentlichung: Beschlüsse der 1. (konstituierenden) Sitzung der IMK (Widerspruch bis 8. März 2027, 11:00 Uhr)',
    );
    for (const title of titles) expect(first?.body.text).toContain(title);
    expect(first?.body.text).toContain('vier Beschlüsse der 1. (konstituierenden) Sitzung der IMK');
  });

  it('shows one page with every resolution; opening it changes nothing', async () => {
    // Act
    const response = await app.request(`${pageOf('DE-HH')}?antwort=einverstanden`);
    const html = await response.text();

    // Assess
    expect(response.status).toBe(200);
    for (const title of titles) expect(html).toContain(title);
    expect(html.match(/value="consent" checked/g)).toHaveLength(4);
    expect(html).toContain('Bericht des AK II zur Unterbringung');
    for (const n of [0, 1, 2, 3]) expect((await stored(n)).release?.consents).toEqual([]);
  });

  it('records consent to all from one form, once however often it is sent', async () => {
    // Act
    const first = await app.request(pageOf('DE-HH'), answers(consentTo(0, 1, 2, 3)));
    const again = await app.request(pageOf('DE-HH'), answers(consentTo(0, 1, 2, 3)));

    // Assess
    expect(first.status).toBe(200);
    expect(await first.text()).toContain('Vielen Dank, Ihre Antworten sind gespeichert.');
    expect(again.status).toBe(200);
    for (const n of [0, 1, 2, 3]) expect((await stored(n)).release?.consents).toEqual(['DE-HH']);
  });

  it('takes consent and objection per resolution: an objection keeps only its resolution internal', async () => {
    // Act
    const saxony = await app.request(
      pageOf('DE-SN'),
      answers([
        ...consentTo(0, 1, 3),
        [`antwort-${ids[2]}`, 'object'],
        [`begruendung-${ids[2]}`, 'Noch vertraulich.'],
      ]),
    );
    const reportId = (await stored(0)).reports[0]?.id ?? '';
    const bavaria = await app.request(
      pageOf('DE-BY'),
      answers([
        [`antwort-${ids[0]}`, 'object'],
        [`berichte-${ids[0]}`, reportId],
        // Settled meanwhile: passed over.
        [`antwort-${ids[2]}`, 'consent'],
      ]),
    );

    // Assess
    expect(saxony.status).toBe(200);
    expect(bavaria.status).toBe(200);
    expect(await stored(2)).toMatchObject({
      state: 'internal',
      release: {
        consents: ['DE-HH'],
        objections: [{ memberId: 'DE-SN', reason: 'Noch vertraulich.' }],
      },
    });
    expect((await stored(2)).release?.settledAt).toBeDefined();
    expect(await stored(0)).toMatchObject({
      state: 'decided',
      release: {
        consents: ['DE-HH', 'DE-SN'],
        objections: [{ memberId: 'DE-BY', reportIds: [reportId] }],
      },
    });
    expect((await stored(1)).release?.consents).toEqual(['DE-HH', 'DE-SN']);
    expect((await stored(1)).state).toBe('decided');
  });

  it('proposes and mails once when the same call races itself', async () => {
    // Prepare
    const more = await Promise.all([
      resolutionOn(1, 'Nachtrag zur Internetkriminalität'),
      resolutionOn(2, 'Nachtrag zur Extremismusbekämpfung'),
    ]);
    const body = { resolutionIds: more.map((r) => r.id), objectionHours: 48 };

    // Act
    const responses = await Promise.all([propose(body), propose(body), propose(body)]);

    // Assess
    expect(responses.map((response) => response.status)).toEqual([200, 200, 200]);
    const batches = responses.flatMap((response) => response.json.batchId ?? []);
    expect(batches).toHaveLength(1);
    const queued = (await repo.listQueuedOutbox(100)).filter(
      (entry) => entry.kind === 'session-release-proposal' && entry.batchId === batches[0],
    );
    expect(queued).toHaveLength(16);
    for (const resolution of more) {
      expect((await repo.getResolution(resolution.id))?.release?.batchId).toBe(batches[0]);
    }
  });

  it('asks for a choice when none is made', async () => {
    // Act
    const response = await app.request(pageOf('DE-BE'), formPost({}));

    // Assess
    expect(response.status).toBe(422);
    expect(await response.text()).toContain('Bitte wählen Sie mindestens bei einem Beschluss');
  });

  it('settles each resolution on its own when the period ends, and then takes no answer', async () => {
    // Prepare
    now = new Date('2027-03-08T10:00:01Z');

    // Act
    const settled = await settleDueReleases({ repo, clock });
    const late = await app.request(pageOf('DE-BE'), answers(consentTo(0)));

    // Assess
    // Three of the first proposal (the objection settled the fourth), and the two raced ones.
    expect(settled).toBe(5);
    expect((await stored(0)).state).toBe('released');
    expect((await stored(0)).reports[0]?.released).toBe(false);
    expect((await stored(1)).state).toBe('released');
    expect((await stored(2)).state).toBe('internal');
    expect((await stored(3)).state).toBe('released');
    expect(late.status).toBe(409);
    expect((await stored(0)).release?.consents).toEqual(['DE-HH', 'DE-SN']);
    const published = await app.request(`/public/sessions/${sessionId}/resolutions`);
    const shown = ((await published.json()) as { resolutions: { id: string }[] }).resolutions.map(
      (item) => item.id,
    );
    expect(shown).not.toContain(titles[2]);
  });
});
