import { afterAll, describe, expect, it } from 'vitest';
import { DynamoConferenceRepository } from '../../shared/adapters/dynamodb/conference-repository.js';
import { addAgendaItem } from '../../shared/use-cases/agenda.js';
import { createBody } from '../../shared/use-cases/bodies.js';
import { systemActor } from '../../shared/use-cases/context.js';
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

describe('An idempotent replay', async () => {
  const deps = { repo, clock };
  const { value: item } = await addAgendaItem(deps, systemActor, sessionId, {
    number: '1',
    title: 'Lagebild',
  });
  await createBody(deps, systemActor, {
    id: 'ag-replay',
    name: 'Arbeitsgruppe',
    shortName: 'AG',
    kind: 'working_group',
    decisionRule: { kind: 'majority' },
  });
  type Grant = { role: string; bodies: string[] };
  /**
   * Every create that takes an Idempotency-Key: who creates it first, and who
   * replays it later: the same user (tokens here all have the subject
   * `user-1`), whose token no longer grants the create.
   */
  const creates: Record<string, { path: string; body: unknown; first: Grant; later: Grant }> = {
    createBody: {
      path: '/v1/bodies',
      body: {
        id: 'ag-neu',
        name: 'Neue AG',
        shortName: 'AG',
        kind: 'working_group',
        decisionRule: { kind: 'majority' },
      },
      first: { role: 'admin', bodies: [] },
      later: { role: 'secretariat', bodies: ['imk'] },
    },
    addMember: {
      path: '/v1/bodies/ag-replay/members',
      body: { memberId: 'BUND', name: 'Bund', voting: false, people: [] },
      first: { role: 'secretariat', bodies: ['ag-replay'] },
      later: { role: 'secretariat', bodies: ['imk'] },
    },
    planSession: {
      path: '/v1/bodies/imk/sessions',
      body: {
        kind: 'video',
        title: 'Schalte',
        startsAt: '2027-01-10T18:00:00+01:00',
        endsAt: '2027-01-10T19:00:00+01:00',
        videoLink: 'https://video.example.org/x',
      },
      first: { role: 'secretariat', bodies: ['imk'] },
      later: { role: 'secretariat', bodies: ['ak-ii'] },
    },
    addAgendaItem: {
      path: `/v1/sessions/${sessionId}/agenda-items`,
      body: { number: '2', title: 'Vertraulicher Punkt' },
      first: { role: 'secretariat', bodies: ['imk'] },
      later: { role: 'secretariat', bodies: ['ak-ii'] },
    },
    createResolution: {
      path: `/v1/sessions/${sessionId}/agenda-items/${item.id}/resolutions`,
      body: { title: 'Beschluss', text: 'Absatz.' },
      first: { role: 'secretariat', bodies: ['imk'] },
      later: { role: 'member', bodies: ['imk'] },
    },
    createPressRelease: {
      path: '/v1/press-releases',
      body: { bodyId: 'imk', title: 'Mitteilung', dateline: 'HAMBURG', body: 'Text.' },
      first: { role: 'press', bodies: [] },
      later: { role: 'member', bodies: ['imk'] },
    },
    startWrittenProcedure: {
      path: '/v1/bodies/imk/written-procedures',
      body: {
        title: 'Umlauf',
        resolutions: [{ title: 'Vorschlag', text: 'Absatz.' }],
        deadline: '2026-12-01T12:00:00+01:00',
      },
      first: { role: 'secretariat', bodies: ['imk'] },
      later: { role: 'secretariat', bodies: ['ak-ii'] },
    },
  };

  it('is checked against every create that takes an Idempotency-Key', async () => {
    const document = (await (await app.request('/openapi.json')).json()) as {
      paths: Record<
        string,
        Record<string, { operationId: string; parameters?: { name: string }[] }>
      >;
    };
    const idempotent = Object.values(document.paths)
      .flatMap((methods) => Object.values(methods))
      .filter((operation) => operation.parameters?.some((p) => p.name === 'Idempotency-Key'))
      .map((operation) => operation.operationId);
    expect(Object.keys(creates).sort()).toEqual(idempotent.sort());
  });

  it.each(Object.entries(creates))(
    '%s: checks the permission before it returns the stored response',
    async (operationId, create) => {
      const key = `replay-${operationId}`;
      const first = await httpClient(app, await issuer.sign(create.first)).post(
        create.path,
        create.body,
        { 'idempotency-key': key },
      );
      expect(first.status).toBe(201);
      const again = await httpClient(app, await issuer.sign(create.first)).post(
        create.path,
        create.body,
        { 'idempotency-key': key },
      );
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      expect(again.json).toEqual(first.json);

      const replay = await httpClient(app, await issuer.sign(create.later)).post(
        create.path,
        create.body,
        { 'idempotency-key': key },
      );
      expect(replay.status).toBe(403);
      expect(replay.headers.get('content-type')).toBe('application/problem+json');
      expect(replay.headers.get('idempotent-replayed')).toBeNull();
      expect(replay.text).not.toContain(first.json.id ?? first.json.memberId);
    },
  );
});
