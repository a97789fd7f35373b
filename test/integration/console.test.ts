import { describe, expect, it } from 'vitest';
import { DynamoConferenceRepository } from '../../shared/adapters/dynamodb/conference-repository.js';
import { systemActor } from '../../shared/use-cases/context.js';
import { seedDemo } from '../../shared/use-cases/demo-seed.js';
import { createResolution } from '../../shared/use-cases/resolutions.js';
import { createLocalTable } from '../fixtures/local-table.js';
import { createTestApp } from '../fixtures/test-app.js';

const table = await createLocalTable('console');
const clock = { now: () => new Date('2027-01-10T08:00:00Z') };
const deps = { repo: new DynamoConferenceRepository(table.documentClient, table.tableName), clock };
const { app, issuer } = await createTestApp(table.documentClient, table.tableName, { clock });
const { sessionId = '' } = await seedDemo(deps);

describe('Integration: the console frame', () => {
  it('sends someone signed out to the sign-in, and back to the page afterwards', async () => {
    // Act
    const response = await app.request('/console?x=1');

    // Assess
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(
      `/auth/login?returnTo=${encodeURIComponent('/console?x=1')}`,
    );
  });

  it('shows the secretariat the coming sessions of its bodies, in German, never cached, under a strict policy', async () => {
    // Prepare
    const token = await issuer.sign({ role: 'secretariat', bodies: ['imk'] });

    // Act
    const response = await app.request('/console', {
      headers: { authorization: `Bearer ${token}` },
    });
    const text = await response.text();

    // Assess
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const policy = response.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("script-src 'self'");
    expect(policy).not.toContain('unsafe-inline');
    expect(text).toMatch(/^<!doctype html><html lang="de">/);
    expect(text).toContain('Konstituierende Sitzung');
    expect(text).toContain('href="#inhalt"');
    expect(text).not.toMatch(/<script(?![^>]*\bsrc=)/);
  });

  it('serves htmx and the stylesheet from the product, cacheable for a year under their hash', async () => {
    // Prepare
    const token = await issuer.sign({ role: 'secretariat', bodies: ['imk'] });
    const page = await (
      await app.request('/console', { headers: { authorization: `Bearer ${token}` } })
    ).text();
    const htmx = /src="(\/assets\/htmx\.min\.js\?v=[\w-]+)"/.exec(page)?.[1] ?? '';

    // Act
    const response = await app.request(htmx);
    const unknown = await app.request('/assets/other.js');

    // Assess
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/javascript');
    expect(response.headers.get('cache-control')).toContain('immutable');
    expect((await response.text()).length).toBeGreaterThan(10_000);
    expect(unknown.status).toBe(404);
  });

  it('answers a press officer a German page when the page is not for them', async () => {
    // Prepare
    const token = await issuer.sign({ role: 'press', bodies: ['imk'] });

    // Act
    const response = await app.request('/console', {
      headers: { authorization: `Bearer ${token}` },
    });

    // Assess: the overview is for every staff member, the press office included.
    expect(response.status).toBe(200);
  });

  it('lists the Länder on the board in alphabetical order, the Bund after them', async () => {
    // Prepare
    const token = await issuer.sign({ role: 'secretariat', bodies: ['imk'] });

    // Act
    const page = await (
      await app.request(`/console/sessions/${sessionId}/board`, {
        headers: { authorization: `Bearer ${token}` },
      })
    ).text();

    // Assess
    const names = ['Baden-Württemberg', 'Bayern', 'Berlin', 'Brandenburg', 'Thüringen', 'Bund'];
    const positions = names.map((name) => page.indexOf(`>${name}<`));
    expect(positions.every((position) => position > 0)).toBe(true);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });

  it('shows a long vote grid in parts of six resolutions, each page under 60 KB, and returns to the part after saving', async () => {
    // Prepare: fourteen draft resolutions on the demo session's first item.
    const other = sessionId;
    const [item] = await deps.repo.listAgenda(other);
    for (let n = 1; n <= 14; n += 1) {
      await createResolution(deps, systemActor, other, item?.id ?? '', {
        title: `Beschlussvorschlag ${n}`,
        text: 'Absatz.',
      });
    }
    const token = await issuer.sign({ role: 'secretariat', bodies: ['imk'] });
    const headers = { authorization: `Bearer ${token}` };

    // Act
    const first = await (await app.request(`/console/sessions/${other}/votes`, { headers })).text();
    const third = await (
      await app.request(`/console/sessions/${other}/votes?teil=3`, { headers })
    ).text();
    const saved = await app.request(`/console/sessions/${other}/votes`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'teil=3',
    });

    // Assess
    expect(Buffer.byteLength(first)).toBeLessThan(60 * 1024);
    expect(first).toContain('Beschlüsse 1–6');
    expect(first).toContain('Beschlüsse 13–14');
    expect(first).toContain('Beschlussvorschlag 6');
    expect(first).not.toContain('Beschlussvorschlag 7<');
    expect(third).toContain('Beschlussvorschlag 14');
    expect(third).not.toContain('Beschlussvorschlag 12<');
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toBe(
      `/console/sessions/${other}/votes?teil=3&hinweis=gespeichert`,
    );
  });
});
