import { describe, expect, it } from 'vitest';
import type { AppDeps } from '../../functions/http/app.js';
import { consoleRoutes } from '../../functions/http/console/console-routes.js';
import { DynamoConferenceRepository } from '../../shared/adapters/dynamodb/conference-repository.js';
import { seedDemo } from '../../shared/use-cases/demo-seed.js';
import { createLocalTable } from '../fixtures/local-table.js';
import { createTestApp } from '../fixtures/test-app.js';

const table = await createLocalTable('console-matrix');
const clock = { now: () => new Date('2027-01-10T08:00:00Z') };
const deps = { repo: new DynamoConferenceRepository(table.documentClient, table.tableName), clock };
const { sessionId = '' } = await seedDemo(deps);
const { app, issuer } = await createTestApp(table.documentClient, table.tableName, { clock });

const callers = {
  admin: { role: 'admin', bodies: [] },
  secretariat: { role: 'secretariat', bodies: ['imk'] },
  chair: { role: 'chair', bodies: ['imk'] },
  member: { role: 'member', bodies: ['imk'] },
  press: { role: 'press', bodies: [] },
  otherSecretariat: { role: 'secretariat', bodies: ['ak-ii'] },
} as const;
type Caller = keyof typeof callers;
const everyone: Caller[] = Object.keys(callers) as Caller[];

interface ConsoleCase {
  method: 'GET' | 'POST';
  path: () => string;
  /** The form fields of a post (sent with the bearer token, which needs no CSRF token). */
  form?: () => Record<string, string>;
  allowed: Caller[];
  /** The status for an allowed caller: 200 for a page, 303 for a form that redirects. */
  ok: number;
}

/** Every console route: who may open or post it, and what they get. */
const matrix: Record<string, ConsoleCase> = {
  consoleOverview: { method: 'GET', path: () => '/console', allowed: everyone, ok: 200 },
};

const request = async (entry: ConsoleCase, token?: string) =>
  app.request(entry.path(), {
    method: entry.method,
    headers: {
      ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
      ...(entry.form === undefined ? {} : { 'content-type': 'application/x-www-form-urlencoded' }),
    },
    ...(entry.form === undefined ? {} : { body: new URLSearchParams(entry.form()).toString() }),
  });

describe('Role matrix: every console route × every role', () => {
  const definitions = consoleRoutes({} as AppDeps).map((r) => r.definition);

  it('has an entry for every console route, and no other', () => {
    expect(definitions.map((d) => d.operationId).sort()).toEqual(Object.keys(matrix).sort());
  });

  it('knows the session the cases work on', () => {
    expect(sessionId).not.toBe('');
  });

  for (const definition of definitions) {
    const entry = matrix[definition.operationId];
    it(`${definition.operationId}: answers each role as the policy says`, async () => {
      if (entry === undefined) throw new Error(`${definition.operationId} is missing`);
      expect(entry.method).toBe(definition.method.toUpperCase());
      const anonymous = await request(entry);
      if (entry.method === 'GET') {
        expect(anonymous.status, 'signed out').toBe(303);
        expect(anonymous.headers.get('location')).toMatch(/^\/auth\/login\?returnTo=/);
      } else {
        expect(anonymous.status, 'signed out').toBe(401);
      }
      for (const [name, claims] of Object.entries(callers) as [
        Caller,
        (typeof callers)[Caller],
      ][]) {
        const response = await request(
          entry,
          await issuer.sign({ role: claims.role, bodies: [...claims.bodies] }),
        );
        const expected = entry.allowed.includes(name) ? entry.ok : 403;
        expect(response.status, `${name} → ${entry.method} ${entry.path()}`).toBe(expected);
        expect(response.headers.get('cache-control')).toBe('no-store');
      }
    });
  }
});
