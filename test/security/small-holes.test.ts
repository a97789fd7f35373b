import { afterAll, describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import type { AppDeps } from '../../functions/http/app.js';
import { allRoutes } from '../../functions/http/routes/all-routes.js';
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
const secretariat = httpClient(app, secretariatToken);
const ifMatch = (value: { version: number }) => ({ 'if-match': `"${value.version}"` });

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

describe('A PATCH', () => {
  it('has a body schema that adds no field the caller did not send, on every PATCH route', () => {
    const patches = allRoutes({} as AppDeps).filter((r) => r.definition.method === 'patch');
    expect(patches.map((r) => r.definition.operationId).sort()).toEqual([
      'updateAgendaItem',
      'updateBody',
      'updateMember',
      'updatePressRelease',
      'updateResolution',
      'updateSession',
      'updateStaff',
    ]);
    for (const { definition } of patches) {
      expect(definition.body, definition.operationId).toBeDefined();
      expect(z.parse(definition.body as z.ZodMiniType, {}), definition.operationId).toEqual({});
    }
  });

  it('keeps a public agenda item public when only its title changes', async () => {
    const created = await secretariat.post(`/v1/sessions/${sessionId}/agenda-items`, {
      number: '9',
      title: 'Öffentlicher Punkt',
      public: true,
    });
    expect(created.json.public).toBe(true);
    const changed = await secretariat.patch(
      `/v1/sessions/${sessionId}/agenda-items/${created.json.id}`,
      { title: 'Öffentlicher Punkt, neu gefasst' },
      ifMatch(created.json),
    );
    expect(changed.status).toBe(200);
    expect(changed.json).toMatchObject({ title: 'Öffentlicher Punkt, neu gefasst', public: true });
    expect((await repo.getAgendaItem(sessionId, created.json.id))?.public, 'stored as public').toBe(
      true,
    );
  });

  it("keeps a session's time zone when only its title changes", async () => {
    const created = await secretariat.post('/v1/bodies/imk/sessions', {
      kind: 'video',
      title: 'Schalte aus London',
      startsAt: '2027-01-10T18:00:00+00:00',
      endsAt: '2027-01-10T19:00:00+00:00',
      timeZone: 'Europe/London',
      videoLink: 'https://video.example.org/london',
    });
    expect(created.json.timeZone).toBe('Europe/London');
    const changed = await secretariat.patch(
      `/v1/sessions/${created.json.id}`,
      { title: 'Schalte aus London, verlegt' },
      ifMatch(created.json),
    );
    expect(changed.status).toBe(200);
    expect(changed.json).toMatchObject({ timeZone: 'Europe/London' });
    expect((await repo.getSession(created.json.id))?.timeZone).toBe('Europe/London');
  });

  it("keeps a person's language when the member's people are sent again without it", async () => {
    const member = await secretariat.get('/v1/bodies/imk/members/DE-HB');
    const people = member.json.people.map(
      (person: { capacity: string; name: string; function: string; email: string }) => ({
        capacity: person.capacity,
        name: person.name,
        function: person.function,
        email: person.email,
      }),
    );
    const english = await secretariat.patch(
      '/v1/bodies/imk/members/DE-HB',
      {
        people: people.map((person: object, i: number) =>
          i === 0 ? { ...person, language: 'en' } : person,
        ),
      },
      ifMatch(member.json),
    );
    expect(english.json.people[0].language).toBe('en');
    const renamed = await secretariat.patch(
      '/v1/bodies/imk/members/DE-HB',
      {
        people: people.map((person: object, i: number) =>
          i === 0 ? { ...person, name: 'Neuer Name' } : person,
        ),
      },
      ifMatch(english.json),
    );
    expect(renamed.status).toBe(200);
    expect(renamed.json.people[0]).toMatchObject({ name: 'Neuer Name', language: 'en' });
    // A person not there before still gets German.
    const added = await secretariat.patch(
      '/v1/bodies/imk/members/DE-HB',
      {
        people: [
          ...people,
          {
            capacity: 'office_contact',
            name: 'Neu',
            function: 'Büro',
            email: 'neu@hb.example.org',
          },
        ],
      },
      ifMatch(renamed.json),
    );
    expect(added.json.people.at(-1)).toMatchObject({ email: 'neu@hb.example.org', language: 'de' });
  });
});

describe('Who votes in a body', async () => {
  const deps = { repo, clock };
  await createBody(deps, systemActor, {
    id: 'ag-stimmen',
    name: 'Arbeitsgruppe Stimmrecht',
    shortName: 'AG S',
    kind: 'working_group',
    decisionRule: { kind: 'majority' },
  });
  const as = async (role: string) =>
    httpClient(app, await issuer.sign({ role, bodies: ['ag-stimmen'] }));
  const [admin, gs, chair] = [await as('admin'), await as('secretariat'), await as('chair')];
  const member = (memberId: string, voting: boolean) => ({
    memberId,
    name: memberId,
    voting,
    people: [],
  });
  const path = (memberId: string) => `/v1/bodies/ag-stimmen/members/${memberId}`;

  it('is set by an admin alone when a member is added with a vote', async () => {
    for (const caller of [gs, chair]) {
      const refused = await caller.post('/v1/bodies/ag-stimmen/members', member('DE-BY', true));
      expect(refused.status).toBe(403);
      expect(refused.headers.get('content-type')).toBe('application/problem+json');
    }
    expect(await repo.getMember('ag-stimmen', 'DE-BY')).toBeUndefined();
    expect((await admin.post('/v1/bodies/ag-stimmen/members', member('DE-BY', true))).status).toBe(
      201,
    );
    // A guest is still added by the secretariat.
    expect((await gs.post('/v1/bodies/ag-stimmen/members', member('BUND', false))).status).toBe(
      201,
    );
  });

  it('is changed by an admin alone: a guest made a voting member, or a vote taken away', async () => {
    const guest = (await gs.get(path('BUND'))).json;
    for (const caller of [gs, chair]) {
      const refused = await caller.patch(path('BUND'), { voting: true }, ifMatch(guest));
      expect(refused.status).toBe(403);
    }
    expect((await repo.getMember('ag-stimmen', 'BUND'))?.voting).toBe(false);
    const voter = (await gs.get(path('DE-BY'))).json;
    expect((await gs.patch(path('DE-BY'), { voting: false }, ifMatch(voter))).status).toBe(403);
    expect((await repo.getMember('ag-stimmen', 'DE-BY'))?.voting).toBe(true);

    // The secretariat still renames, and may send the vote unchanged.
    const renamed = await gs.patch(path('BUND'), { name: 'Bund', voting: false }, ifMatch(guest));
    expect(renamed.status).toBe(200);
    const promoted = await admin.patch(path('BUND'), { voting: true }, ifMatch(renamed.json));
    expect(promoted.status).toBe(200);
    expect(promoted.json.voting).toBe(true);
  });

  it('loses a voting member only by an admin', async () => {
    const voter = (await gs.get(path('DE-BY'))).json;
    expect((await gs.delete(path('DE-BY'), ifMatch(voter))).status).toBe(403);
    expect(await repo.getMember('ag-stimmen', 'DE-BY')).toBeDefined();
    expect((await admin.delete(path('DE-BY'), ifMatch(voter))).status).toBe(204);
  });
});
