import { describe, expect, it } from 'vitest';
import { DynamoConferenceRepository } from '../../shared/adapters/dynamodb/conference-repository.js';
import { systemActor } from '../../shared/use-cases/context.js';
import { seedDemo } from '../../shared/use-cases/demo-seed.js';
import { approvePressRelease } from '../../shared/use-cases/press-approval.js';
import {
  createPressRelease,
  listPressReleases,
  liveFacts,
  publishPressRelease,
  submitPressRelease,
} from '../../shared/use-cases/press-releases.js';
import { createLocalTable } from '../fixtures/local-table.js';
import { createTestApp } from '../fixtures/test-app.js';

const table = await createLocalTable('console-press');
const clock = { now: () => new Date('2027-01-10T08:00:00Z') };
const deps = { repo: new DynamoConferenceRepository(table.documentClient, table.tableName), clock };
const { sessionId = '' } = await seedDemo(deps);
const { app, issuer } = await createTestApp(table.documentClient, table.tableName, { clock });
const pressToken = await issuer.sign({ role: 'press', bodies: [] });
const chairToken = await issuer.sign({ role: 'chair', bodies: ['imk'] });

const post = (path: string, token: string, form: Record<string, string>) =>
  app.request(path, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams(form).toString(),
  });
const get = (path: string, token: string) =>
  app.request(path, { headers: { authorization: `Bearer ${token}` } });

const publishedRelease = async (body: string) => {
  const { value } = await createPressRelease(deps, systemActor, {
    bodyId: 'imk',
    sessionId,
    title: 'Mitteilung zur Sitzung',
    dateline: 'HAMBURG',
    body,
  });
  await submitPressRelease(deps, systemActor, value.id);
  await approvePressRelease(deps, systemActor, value.id, {});
  return publishPressRelease(deps, systemActor, value.id, {});
};

/** The inner HTML of the element with this id (no nesting of the same tag inside). */
const inner = (page: string, id: string) =>
  new RegExp(`id="${id}"[^>]*>([\\s\\S]*?)</div>`).exec(page)?.[1]?.trim() ?? '';

describe('Integration: the press office in the console', () => {
  it('shows the preview without script when "Vorschau" is pressed, keeps the entries, and saves nothing', async () => {
    // Prepare
    const facts = await liveFacts(deps, sessionId);

    // Act
    const response = await post('/console/press/new', pressToken, {
      bodyId: 'imk',
      sessionId,
      title: 'Sitzung in Hamburg',
      dateline: 'HAMBURG',
      body: 'Die Konferenz tagt **{{termin}}**.',
      aktion: 'vorschau',
    });
    const page = await response.text();

    // Assess
    expect(response.status).toBe(200);
    expect(inner(page, 'vorschau')).toContain(`<strong>${facts.dates}</strong>`);
    expect(page).toContain('value="Sitzung in Hamburg"');
    expect(page).toContain('Die Konferenz tagt **{{termin}}**.</textarea>');
    expect((await listPressReleases(deps, systemActor, { limit: 10 })).items).toEqual([]);
    expect(new TextEncoder().encode(page).length).toBeLessThan(60_000);
  });

  it('previews a published release in the console exactly as its public page shows it', async () => {
    // Prepare
    const release = await publishedRelease('Erster Absatz.\n\n- eins\n- zwei\n\n{{ort}}');

    // Act
    const consolePage = await (await get(`/console/press/${release.id}`, pressToken)).text();
    const publicPage = await (await app.request(`/public/press-releases/${release.id}`)).text();

    // Assess
    const article = inner(consolePage, 'vorschau');
    expect(article).toMatch(/^<article>[\s\S]*<\/article>$/);
    expect(article).toContain('<li>zwei</li>');
    expect(publicPage).toContain(article);
  });

  it('reads the embargo as Berlin wall time and refuses a time the clocks skip, in German', async () => {
    // Prepare
    const { value } = await createPressRelease(deps, systemActor, {
      bodyId: 'imk',
      title: 'Sperrfrist',
      dateline: 'HAMBURG',
      body: 'Text.',
    });
    await submitPressRelease(deps, systemActor, value.id);

    // Act
    const skipped = await post(`/console/press/${value.id}/approval`, chairToken, {
      sperrfrist: '2027-03-28T02:30',
    });
    const approved = await post(`/console/press/${value.id}/approval`, chairToken, {
      sperrfrist: '2027-03-03T14:00',
    });

    // Assess
    expect(skipped.status).toBe(422);
    expect(await skipped.text()).toContain(
      'Den Zeitpunkt „2027-03-28T02:30“ gibt es in Berlin wegen der Umstellung auf die Sommerzeit nicht.',
    );
    expect(approved.status).toBe(303);
    expect((await deps.repo.getPressRelease(value.id))?.embargoUntil).toBe(
      '2027-03-03T13:00:00.000Z',
    );
    const page = await (await get(`/console/press/${value.id}`, chairToken)).text();
    expect(page).toContain('Sperrfrist bis Mi., 3. März 2027, 14:00 Uhr');
  });

  it('answers a stale draft form with the German 412 page and keeps the newer wording', async () => {
    // Prepare
    const { value } = await createPressRelease(deps, systemActor, {
      bodyId: 'imk',
      title: 'Erste Fassung',
      dateline: 'HAMBURG',
      body: 'Text.',
    });
    const form = { title: 'Zweite Fassung', dateline: 'HAMBURG', body: 'Text.' };
    await post(`/console/press/${value.id}/draft`, pressToken, { ...form, version: '1' });

    // Act
    const stale = await post(`/console/press/${value.id}/draft`, pressToken, {
      ...form,
      title: 'Veraltete Fassung',
      version: '1',
    });

    // Assess
    expect(stale.status).toBe(412);
    expect(await stale.text()).toContain('lang="de"');
    expect((await deps.repo.getPressRelease(value.id))?.title).toBe('Zweite Fassung');
  });

  it('withdraws a published release and shows the trace the public sees', async () => {
    // Prepare
    const release = await publishedRelease('Text.');

    // Act
    const response = await post(`/console/press/${release.id}/withdrawal`, pressToken, {
      grund: 'Auf Wunsch des Vorsitzes.',
    });
    const page = await (await get(response.headers.get('location') ?? '', pressToken)).text();
    const tombstone = await app.request(`/public/press-releases/${release.id}`);
    const publicText = /<p>(Die Pressemitteilung „[^<]+)<\/p>/.exec(await tombstone.text())?.[1];

    // Assess
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(
      `/console/press/${release.id}?hinweis=zurueckgezogen`,
    );
    expect(page).toContain('Die Pressemitteilung ist zurückgezogen.');
    expect(tombstone.status).toBe(410);
    expect(publicText).toContain('zurückgezogen');
    expect(page).toContain(`<blockquote><p>${publicText}</p></blockquote>`);
  });
});
