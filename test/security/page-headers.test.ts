import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLocalTable } from '../fixtures/local-table.js';
import { createTestApp } from '../fixtures/test-app.js';

const table = await createLocalTable('page-headers');
const { app } = await createTestApp(table.documentClient, table.tableName);

afterAll(async () => {
  await table.drop();
});

describe('The API docs at /docs', () => {
  /** The npm package's folder, where the pinned Swagger UI files lie. */
  const dist = () =>
    dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));

  it('load the Swagger UI from the product itself, the files of the pinned npm package', async () => {
    const response = await app.request('/docs');
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).toContain('<html lang="de">');
    const references = [...text.matchAll(/\s(?:src|href)="([^"]*)"/g)].map(([, url]) => url ?? '');
    expect(references.length).toBeGreaterThanOrEqual(3);
    for (const url of references) expect(url).toMatch(/^\/(?!\/)/);
    expect(text).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/i);
    for (const [file, type] of [
      ['swagger-ui.css', /^text\/css/],
      ['swagger-ui-bundle.js', /^text\/javascript/],
    ] as const) {
      expect(references).toContain(`/docs/${file}`);
      const asset = await app.request(`/docs/${file}`);
      expect(asset.status, file).toBe(200);
      expect(asset.headers.get('content-type')).toMatch(type);
      expect(Buffer.from(await asset.arrayBuffer()).equals(readFileSync(join(dist(), file)))).toBe(
        true,
      );
    }
    const pinned = JSON.parse(readFileSync('package.json', 'utf8')).dependencies['swagger-ui-dist'];
    expect(pinned).toBe(JSON.parse(readFileSync(join(dist(), 'package.json'), 'utf8')).version);
    expect((await app.request('/docs/..%2Fpackage.json')).status).toBe(404);
  });
});
