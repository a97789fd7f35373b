import { afterAll, describe, expect, it } from 'vitest';
import { DynamoConferenceRepository } from '../../shared/adapters/dynamodb/conference-repository.js';
import { seedDemo } from '../../shared/use-cases/demo-seed.js';
import { httpClient } from '../fixtures/http.js';
import { createLocalTable } from '../fixtures/local-table.js';
import { createTestApp } from '../fixtures/test-app.js';

const table = await createLocalTable('holes');
const clock = { now: () => new Date('2026-11-23T08:00:00Z') };
const repo = new DynamoConferenceRepository(table.documentClient, table.tableName);
const { sessionId = '' } = await seedDemo({ repo, clock });
const { app, issuer } = await createTestApp(table.documentClient, table.tableName, { clock });
const secretariatToken = await issuer.sign({ role: 'secretariat', bodies: ['imk'] });
const secretariat = httpClient(app, secretariatToken);

afterAll(async () => {
  await table.drop();
});

describe('The Authorization header', () => {
  it.each(['Bearer', 'bearer', 'BEARER', 'bEaReR'])(
    'accepts the scheme spelled "%s", as RFC 9110 says schemes are case-insensitive',
    async (scheme) => {
      const response = await app.request('/v1/bodies/imk', {
        headers: { authorization: `${scheme} ${secretariatToken}` },
      });
      expect(response.status).toBe(200);
      expect(((await response.json()) as { id: string }).id).toBe('imk');
    },
  );

  it('still refuses another scheme, a missing token and a token with spaces in it', async () => {
    for (const header of [
      `Basic ${secretariatToken}`,
      'bearer',
      'bearer ',
      `bearer ${secretariatToken} x`,
    ]) {
      const response = await app.request('/v1/bodies/imk', { headers: { authorization: header } });
      expect(response.status).toBe(401);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
    }
  });
});

void sessionId;
void secretariat;
