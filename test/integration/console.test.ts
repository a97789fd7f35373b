import { describe, expect, it } from 'vitest';
import { DynamoConferenceRepository } from '../../shared/adapters/dynamodb/conference-repository.js';
import { seedDemo } from '../../shared/use-cases/demo-seed.js';
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
});
