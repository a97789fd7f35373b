import { afterAll, describe, expect, it } from 'vitest';
import { DynamoConferenceRepository } from '../../shared/adapters/dynamodb/conference-repository.js';
import { lands } from '../../shared/domain/lands.js';
import type { Resolution } from '../../shared/domain/resolution.js';
import { seedDemo } from '../../shared/use-cases/demo-seed.js';
import { httpClient } from '../fixtures/http.js';
import { createLocalTable } from '../fixtures/local-table.js';
import { createTestApp } from '../fixtures/test-app.js';

const table = await createLocalTable('few-steps');
const clock = { now: () => new Date() };
const repo = new DynamoConferenceRepository(table.documentClient, table.tableName);
const { sessionId = '' } = await seedDemo({ repo, clock });
const agenda = await repo.listAgenda(sessionId);
const { app, issuer } = await createTestApp(table.documentClient, table.tableName, { clock });
const admin = httpClient(app, await issuer.sign({ role: 'admin', email: 'admin@example.org' }));
const secretariat = httpClient(
  app,
  await issuer.sign({ role: 'secretariat', email: 'gs@imk.example.org', bodies: ['imk'] }),
);

afterAll(async () => {
  await table.drop();
});

const workingGroup = (id: string) => ({
  id,
  name: `Arbeitskreis ${id}`,
  shortName: id.toUpperCase(),
  kind: 'working_group',
  decisionRule: { kind: 'majority' },
});
const bavaria = {
  memberId: 'DE-BY',
  name: 'Bayern',
  voting: true,
  people: [
    {
      capacity: 'principal',
      name: 'A. Leitung',
      function: 'Abteilungsleitung',
      email: 'al@by.example.org',
    },
    {
      capacity: 'office_contact',
      name: 'B. Büro',
      function: 'Büroleitung',
      email: 'buero@by.example.org',
    },
  ],
};
const federation = {
  memberId: 'BUND',
  name: 'Bund',
  voting: false,
  people: [
    { capacity: 'principal', name: 'C. Bund', function: 'Referat', email: 'c@bmi.example.org' },
  ],
};

describe('Bodies in one call', () => {
  it('creates a body with its members and people in one call, and audits each', async () => {
    const response = await admin.post('/v1/bodies', {
      ...workingGroup('ak-iv'),
      members: [bavaria, federation],
    });

    expect(response.status).toBe(201);
    expect(response.headers.get('etag')).toBe('"1"');
    expect(response.json.members.map((m: { memberId: string }) => m.memberId)).toEqual([
      'DE-BY',
      'BUND',
    ]);
    expect(response.json.members[0]).toMatchObject({ bodyId: 'ak-iv', version: 1 });
    expect(response.json.members[0].people[0]).toMatchObject({
      name: 'A. Leitung',
      language: 'de',
      id: expect.any(String),
    });
    const stored = await admin.get('/v1/bodies/ak-iv');
    const byKey = (members: { memberId: string; people: { id: string }[] }[]) =>
      members
        .map((member) => ({
          ...member,
          people: [...member.people].sort((a, b) => a.id.localeCompare(b.id)),
        }))
        .sort((a, b) => a.memberId.localeCompare(b.memberId));
    expect(byKey(stored.json.members)).toEqual(byKey(response.json.members));
    const audit = await admin.get('/v1/audit?object=member:ak-iv/DE-BY');
    expect(audit.json.items.map((entry: { action: string }) => entry.action)).toEqual([
      'member.create',
    ]);
    const people = await repo.findPeopleByEmail('buero@by.example.org');
    expect(people.map((person) => person.bodyId)).toEqual(['ak-iv']);
  });

  it('copies the members and people of another body ("like the IMK"), with new person ids', async () => {
    const imk = (await admin.get('/v1/bodies/imk')).json;

    const response = await admin.post('/v1/bodies', {
      ...workingGroup('ak-v'),
      copyMembersFrom: 'imk',
    });

    expect(response.status).toBe(201);
    const copied = (await admin.get('/v1/bodies/ak-v')).json;
    expect(copied.members).toHaveLength(17);
    const shape = (member: {
      memberId: string;
      voting: boolean;
      people: { id: string; email: string; capacity: string }[];
    }) => ({
      memberId: member.memberId,
      voting: member.voting,
      people: member.people
        .map(({ email, capacity }) => ({ email, capacity }))
        .sort((a, b) => a.email.localeCompare(b.email)),
    });
    expect(copied.members.map(shape)).toEqual(imk.members.map(shape));
    const imkIds = new Set(
      imk.members.flatMap((m: { people: { id: string }[] }) => m.people.map((p) => p.id)),
    );
    for (const member of copied.members) {
      for (const person of member.people) expect(imkIds.has(person.id)).toBe(false);
    }
    expect((await admin.get('/v1/bodies/imk')).json).toEqual(imk);
  });

  it('refuses a body to copy that does not exist, and creates nothing', async () => {
    const response = await admin.post('/v1/bodies', {
      ...workingGroup('ak-vi'),
      copyMembersFrom: 'nirgends',
    });

    expect(response.status).toBe(422);
    expect(response.json.detail).toBe(
      'Das Gremium „nirgends“, dessen Mitglieder übernommen werden sollen, gibt es nicht.',
    );
    expect((await admin.get('/v1/bodies/ak-vi')).status).toBe(404);
  });

  it('refuses members and copyMembersFrom together, and a member named twice', async () => {
    const both = await admin.post('/v1/bodies', {
      ...workingGroup('ak-vii'),
      members: [bavaria],
      copyMembersFrom: 'imk',
    });
    const twice = await admin.post('/v1/bodies', {
      ...workingGroup('ak-vii'),
      members: [bavaria, bavaria],
    });

    expect(both.status).toBe(400);
    expect(twice.status).toBe(400);
    expect((await admin.get('/v1/bodies/ak-vii')).status).toBe(404);
  });

  it('refuses a body that needs more than one transaction with a 422 naming the count, and writes nothing', async () => {
    const crowded = lands.map((land) => ({
      memberId: land.code,
      name: land.name,
      voting: true,
      people: Array.from({ length: 5 }, (_, index) => ({
        capacity: 'office_contact',
        name: `Kontakt ${index}`,
        function: 'Referat',
        email: `k${index}@${land.code.toLowerCase()}.example.org`,
      })),
    }));

    const response = await admin.post('/v1/bodies', {
      ...workingGroup('ak-viii'),
      members: crowded,
    });

    // The body and its audit entry, and per member: member, five people, audit entry.
    expect(response.status).toBe(422);
    expect(response.json).toMatchObject({ writes: 2 + 16 * 7, limit: 100 });
    expect((await admin.get('/v1/bodies/ak-viii')).status).toBe(404);
    expect(await repo.findPeopleByEmail('k0@de-by.example.org')).toEqual([]);
  });

  it('replays a create with members for the same Idempotency-Key, creating nothing twice', async () => {
    const input = { ...workingGroup('ak-ix'), members: [bavaria] };
    const key = { 'idempotency-key': 'ak-ix-create-1' };

    const first = await admin.raw('POST', '/v1/bodies', input, key);
    const again = await admin.raw('POST', '/v1/bodies', input, key);

    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.json).toEqual(first.json);
    expect(await repo.findPeopleByEmail('al@by.example.org')).toHaveLength(2); // ak-iv and ak-ix
  });
});

describe('Vote grid: the votes and decisions of a session in one call', () => {
  const item = (number: string) => {
    const found = agenda.find((candidate) => candidate.number === number);
    if (found === undefined) throw new Error(`No TOP ${number}`);
    return found.id;
  };
  const draft = async (number: string, title: string): Promise<Resolution> => {
    const response = await secretariat.post(
      `/v1/sessions/${sessionId}/agenda-items/${item(number)}/resolutions`,
      { title, text: 'Absatz.' },
    );
    expect(response.status).toBe(201);
    return response.json;
  };
  const everyLand = (vote: string) => lands.map((land) => ({ memberId: land.code, vote }));
  const grid = (rows: object[]) =>
    secretariat.raw('PUT', `/v1/sessions/${sessionId}/votes`, { rows });
  const current = async (id: string) => (await repo.getResolution(id)) as Resolution;

  it('records votes for several resolutions and decides them, in one transaction', async () => {
    const passed = await draft('1', 'Einstimmig');
    const failed = await draft('2', 'Abgelehnt');
    const open = await draft('3', 'Offen');
    const onlyBerlinAgainst = everyLand('yes').map((vote) =>
      vote.memberId === 'DE-BE' ? { ...vote, vote: 'no' } : vote,
    );

    const response = await grid([
      { resolutionId: passed.id, votes: everyLand('yes'), decide: true },
      { resolutionId: failed.id, votes: onlyBerlinAgainst, decide: true },
      {
        resolutionId: open.id,
        votes: [{ memberId: 'DE-SN', vote: 'yes', deputy: 'Staatssekretärin Dr. Jana Richter' }],
      },
    ]);

    expect(response.status).toBe(200);
    const [first, second, third] = response.json.items as Resolution[];
    expect(first).toMatchObject({ id: passed.id, state: 'decided', outcome: 'passed', version: 3 });
    expect(second).toMatchObject({ id: failed.id, state: 'decided', outcome: 'rejected' });
    expect(third).toMatchObject({ id: open.id, state: 'draft', version: 2 });
    expect(third?.votes['DE-SN']).toMatchObject({
      vote: 'yes',
      deputy: 'Staatssekretärin Dr. Jana Richter',
      channel: 'secretariat',
    });
    expect(await current(passed.id)).toEqual(first);
    const audit = await secretariat.get(`/v1/audit?object=resolution:${passed.id}`);
    expect(
      audit.json.items.map((entry: { action: string; versionAfter: number }) => [
        entry.action,
        entry.versionAfter,
      ]),
    ).toEqual([
      ['resolution.create', 1],
      ['resolution.votes', 2],
      ['resolution.decide', 3],
    ]);

    const again = await grid([
      { resolutionId: passed.id, votes: everyLand('yes'), decide: true },
      {
        resolutionId: open.id,
        votes: [{ memberId: 'DE-SN', vote: 'yes', deputy: 'Staatssekretärin Dr. Jana Richter' }],
      },
    ]);

    expect(again.status).toBe(200);
    expect(again.json.items.map((r: Resolution) => r.version)).toEqual([3, 2]);
    expect((await current(open.id)).version).toBe(2);
  });

  it("refuses the whole grid for one row's guest vote, naming the row; no other row changes", async () => {
    const untouched = await draft('1', 'Unberührt');
    const withGuest = await draft('2', 'Mit Gast');

    const response = await grid([
      { resolutionId: untouched.id, votes: everyLand('yes'), decide: true },
      { resolutionId: withGuest.id, votes: [{ memberId: 'BUND', vote: 'yes' }] },
    ]);

    expect(response.status).toBe(422);
    expect(response.json.detail).toContain('hat kein Stimmrecht');
    expect(response.json.errors).toEqual([
      { path: 'body.rows.1.votes', message: '„BUND“ ist Gast ohne Stimmrecht.' },
    ]);
    expect(await current(untouched.id)).toEqual(untouched);
    expect(await current(withGuest.id)).toEqual(withGuest);
  });

  it('refuses a changed vote on a decided resolution (409), and a resolution of another session', async () => {
    const decided = await draft('1', 'Entschieden');
    const fresh = await draft('2', 'Frisch');
    expect(
      (await grid([{ resolutionId: decided.id, votes: everyLand('yes'), decide: true }])).status,
    ).toBe(200);

    const changed = await grid([
      { resolutionId: fresh.id, votes: everyLand('yes') },
      { resolutionId: decided.id, votes: [{ memberId: 'DE-HH', vote: 'no' }], decide: true },
    ]);
    const elsewhere = await grid([{ resolutionId: '01JDEMRES0000000000000000A', decide: true }]);

    expect(changed.status).toBe(409);
    expect(await current(fresh.id)).toEqual(fresh);
    expect(elsewhere.status).toBe(422);
    expect(elsewhere.json.errors).toEqual([
      { path: 'body.rows.0.resolutionId', message: 'Gehört nicht zu dieser Sitzung.' },
    ]);
  });

  it('serialises concurrent grids on the same resolution: every vote counts once', async () => {
    const contested = await draft('3', 'Gleichzeitig');
    const halves = [everyLand('yes').slice(0, 8), everyLand('abstain').slice(8)];

    const answers = await Promise.all(
      halves.map((votes) => grid([{ resolutionId: contested.id, votes }])),
    );

    expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
    const after = await current(contested.id);
    expect(Object.keys(after.votes)).toHaveLength(16);
    expect(after.version).toBe(3);
  });
});

describe('ETag without a read', () => {
  it('chains writes from the answers alone: body, member, session, agenda item, resolution', async () => {
    const body = await admin.post('/v1/bodies', {
      ...workingGroup('ak-x'),
      members: [bavaria],
    });
    const member = body.json.members[0];

    const renamed = await admin.patch(
      '/v1/bodies/ak-x',
      { name: 'Arbeitskreis X – neu' },
      { 'if-match': body.headers.get('etag') ?? '' },
    );
    const memberChanged = await admin.patch(
      '/v1/bodies/ak-x/members/DE-BY',
      { name: 'Freistaat Bayern' },
      { 'if-match': `"${member.version}"` },
    );

    expect(renamed.status).toBe(200);
    expect(renamed.headers.get('etag')).toBe('"2"');
    expect(memberChanged.status).toBe(200);
    expect(memberChanged.headers.get('etag')).toBe('"2"');

    const items = (await secretariat.get(`/v1/sessions/${sessionId}/agenda-items`)).json.items;
    const reordered = await secretariat.post(`/v1/sessions/${sessionId}/agenda-items/reorder`, {
      order: [...items].reverse().map((entry: { id: string }) => entry.id),
    });
    expect(reordered.status).toBe(200);
    const first = reordered.json.items[0];
    const patched = await secretariat.patch(
      `/v1/sessions/${sessionId}/agenda-items/${first.id}`,
      { title: 'Neu gefasst' },
      { 'if-match': `"${first.version}"` },
    );
    expect(patched.status).toBe(200);
    expect(patched.headers.get('etag')).toBe(`"${first.version + 1}"`);
  });

  it("walks the README's quick-start: body with members, session, item, invitation, no GET", async () => {
    const groupSecretariat = httpClient(
      app,
      await issuer.sign({ role: 'secretariat', email: 'gs@example.org', bodies: ['ak-xi'] }),
    );
    const body = await admin.post('/v1/bodies', {
      ...workingGroup('ak-xi'),
      copyMembersFrom: 'imk',
    });
    const session = await groupSecretariat.raw(
      'POST',
      '/v1/bodies/ak-xi/sessions',
      {
        kind: 'regular',
        title: 'Frühjahrssitzung',
        startsAt: '2027-04-20T10:00:00+02:00',
        endsAt: '2027-04-21T15:00:00+02:00',
        place: { city: 'München' },
      },
      { 'idempotency-key': 'ak-xi-2027-04' },
    );
    const item = await groupSecretariat.post(`/v1/sessions/${session.json.id}/agenda-items`, {
      number: '1',
      title: 'Lagebild',
    });

    const invited = await groupSecretariat.post(
      `/v1/sessions/${session.json.id}/transitions`,
      { to: 'invited' },
      { 'if-match': session.headers.get('etag') ?? '' },
    );

    expect([body.status, session.status, item.status, invited.status]).toEqual([
      201, 201, 201, 200,
    ]);
    expect(body.json.members).toHaveLength(17);
    expect(session.headers.get('etag')).toBe('"1"');
    expect(invited.json.state).toBe('invited');
    expect(invited.headers.get('etag')).toBe(`"${invited.json.version}"`);
  });

  it('gives the ETag on writes that answered without one: the answer taken by phone', async () => {
    const sent = await secretariat.post(`/v1/sessions/${sessionId}/invitations`, {});
    expect(sent.status).toBe(202);
    const invitation = sent.json.invited[0];

    const answered = await secretariat.post(
      `/v1/sessions/${sessionId}/invitations/${invitation.id}/answer`,
      { status: 'accepted' },
    );

    expect(answered.status).toBe(200);
    expect(answered.headers.get('etag')).toBe(`"${answered.json.version}"`);
  });
});
