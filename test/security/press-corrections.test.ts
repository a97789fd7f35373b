import { afterAll, describe, expect, it } from 'vitest';
import { DynamoConferenceRepository } from '../../shared/adapters/dynamodb/conference-repository.js';
import { systemActor } from '../../shared/use-cases/context.js';
import { seedDemo } from '../../shared/use-cases/demo-seed.js';
import { approvePressRelease } from '../../shared/use-cases/press-approval.js';
import {
  createPressRelease,
  publishPressRelease,
  submitPressRelease,
} from '../../shared/use-cases/press-releases.js';
import { httpClient } from '../fixtures/http.js';
import { createLocalTable } from '../fixtures/local-table.js';
import { createTestApp } from '../fixtures/test-app.js';

/**
 * An approved press release changes only with the chair's approval: the
 * press office's correction waits, the public keeps the approved wording,
 * and the audit shows who submitted and who approved.
 */
const table = await createLocalTable('press-corrections');
const clock = { now: () => new Date('2027-02-10T10:00:00Z') };
const repo = new DynamoConferenceRepository(table.documentClient, table.tableName);
const deps = { repo, clock };
await seedDemo(deps);
const { app, issuer } = await createTestApp(table.documentClient, table.tableName, { clock });
const press = httpClient(
  app,
  await issuer.sign({ role: 'press', email: 'presse@de-hh.example.org' }),
);
const chair = httpClient(
  app,
  await issuer.sign({ role: 'chair', email: 'vorsitz@de-hh.example.org', bodies: ['imk'] }),
);

afterAll(async () => {
  await table.drop();
});

const published = async (title: string) => {
  const { value } = await createPressRelease(deps, systemActor, {
    bodyId: 'imk',
    title,
    dateline: 'HAMBURG',
    body: 'Die Konferenz hat getagt.',
  });
  await submitPressRelease(deps, systemActor, value.id);
  await approvePressRelease(deps, systemActor, value.id, {});
  return publishPressRelease(deps, systemActor, value.id, {});
};

describe('A correction of an approved press release', () => {
  it('by the press office is only submitted: the public page keeps the approved wording until the chair approves', async () => {
    const release = await published('Konferenz tagt in Hamburg');
    const submitted = await press.post(
      `/v1/press-releases/${release.id}/corrections`,
      {
        title: 'Die Länder fordern den Rücktritt',
        body: 'Ganz anderer Text.',
        note: 'Tippfehler.',
      },
      { 'if-match': `"${release.version}"` },
    );
    expect(submitted.status).toBe(200);
    expect(submitted.json.title).toBe('Konferenz tagt in Hamburg');
    expect(submitted.json.pendingCorrection).toMatchObject({
      title: 'Die Länder fordern den Rücktritt',
      by: 'presse@de-hh.example.org',
    });
    const page = await (await app.request(`/public/press-releases/${release.id}`)).text();
    expect(page).toContain('Konferenz tagt in Hamburg');
    expect(page).not.toContain('Rücktritt');
    expect(page).not.toContain('korrigiert');
    const corrections = (await repo.listDuePressJobs(clock.now())).filter(
      (job) => job.mailing === 'correction',
    );
    expect(corrections).toEqual([]);

    const byPress = await press.post(
      `/v1/press-releases/${release.id}/correction-approval`,
      undefined,
      { 'if-match': submitted.headers.get('etag') ?? '' },
    );
    expect(byPress.status).toBe(403);

    const approved = await chair.post(
      `/v1/press-releases/${release.id}/correction-approval`,
      undefined,
      { 'if-match': submitted.headers.get('etag') ?? '' },
    );
    expect(approved.status).toBe(200);
    expect(approved.json.title).toBe('Die Länder fordern den Rücktritt');
    expect(approved.json.pendingCorrection).toBeUndefined();
    expect(approved.json.revisions.at(-1)).toMatchObject({ by: 'presse@de-hh.example.org' });
    const after = await (await app.request(`/public/press-releases/${release.id}`)).text();
    expect(after).toContain('Rücktritt');
    expect(after).toMatch(/korrigiert am .*: Tippfehler\./);

    const audit = await chair.get(`/v1/audit?object=press-release:${release.id}&limit=100`);
    expect(
      audit.json.items
        .map((entry: { action: string; actor: string }) => [entry.action, entry.actor])
        .slice(-2),
    ).toEqual([
      ['press-release.correction-submitted', 'presse@de-hh.example.org'],
      ['press-release.correction-approved', 'vorsitz@de-hh.example.org'],
    ]);
  });

  it('by the chair takes effect at once', async () => {
    const release = await published('Zweite Meldung');
    const corrected = await chair.post(
      `/v1/press-releases/${release.id}/corrections`,
      { title: 'Zweite Meldung, berichtigt', note: 'Titel berichtigt.' },
      { 'if-match': `"${release.version}"` },
    );
    expect(corrected.status).toBe(200);
    expect(corrected.json.title).toBe('Zweite Meldung, berichtigt');
    expect(corrected.json.pendingCorrection).toBeUndefined();
  });

  it('withdrawn, leaves a tombstone that shows no text of the press office', async () => {
    const release = await published('Dritte Meldung');
    const withdrawn = await press.post(`/v1/press-releases/${release.id}/withdrawal`, {
      reason: 'Die Länder fordern den Rücktritt des Ministers.',
    });
    expect(withdrawn.status).toBe(200);
    const page = await app.request(`/public/press-releases/${release.id}`);
    expect(page.status).toBe(410);
    const text = await page.text();
    expect(text).toContain('zurückgezogen');
    expect(text).not.toContain('Rücktritt');
  });
});
