import { afterAll, describe, expect, it } from 'vitest';
import { DynamoConferenceRepository } from '../../shared/adapters/dynamodb/conference-repository.js';
import { lands } from '../../shared/domain/lands.js';
import { seedDemo } from '../../shared/use-cases/demo-seed.js';
import { httpClient } from '../fixtures/http.js';
import { createLocalTable } from '../fixtures/local-table.js';
import { pdfText } from '../fixtures/pdf-text.js';
import { createTestApp } from '../fixtures/test-app.js';

/**
 * Confidential stays confidential everywhere, votes of a written procedure
 * have one source, and release means that no Land objected in time.
 */
const table = await createLocalTable('confidential-votes');
const clock = { now: () => new Date('2027-02-10T10:00:00Z') };
const repo = new DynamoConferenceRepository(table.documentClient, table.tableName);
const { sessionId = '' } = await seedDemo({ repo, clock });
const { app, issuer } = await createTestApp(table.documentClient, table.tableName, { clock });
const as = async (role: string, email: string, bodies: string[] = ['imk']) =>
  httpClient(app, await issuer.sign({ role, email, bodies }));
const secretariat = await as('secretariat', 'gs@imk.example.org');
const chair = await as('chair', 'vorsitz@imk.example.org');
const member = await as('member', 'referent@de-by.example.org');
const press = await as('press', 'presse@de-hh.example.org', []);
const admin = await as('admin', 'admin@example.org', []);
const allLands = lands.map((land) => land.code);

afterAll(async () => {
  await table.drop();
});

const releasedOn = async (itemId: string, title: string) => {
  const created = await secretariat.post(
    `/v1/sessions/${sessionId}/agenda-items/${itemId}/resolutions`,
    { title, text: 'Die Länder handeln gemeinsam.' },
  );
  const id: string = created.json.id;
  await secretariat.raw('PUT', `/v1/resolutions/${id}/votes`, {
    votes: allLands.map((memberId) => ({ memberId, vote: 'yes' })),
  });
  await secretariat.post(`/v1/resolutions/${id}/decision`, undefined);
  const proposed = await chair.post(`/v1/resolutions/${id}/release-proposal`, {
    objectionHours: 0,
    consentedBy: allLands,
  });
  expect(proposed.json.state).toBe('released');
  return id;
};

describe('A resolution on a confidential agenda item', () => {
  let secret = '';
  let open = '';

  it('is published with its TOP number and its own title only, never the item’s title', async () => {
    const item = await secretariat.post(`/v1/sessions/${sessionId}/agenda-items`, {
      number: '9',
      title: 'Verdeckte Ermittlungen im Fall Nordlicht',
    });
    expect(item.json.public).toBe(false);
    secret = await releasedOn(item.json.id, 'Beschluss zur Zusammenarbeit');
    const publicItem = await secretariat.post(`/v1/sessions/${sessionId}/agenda-items`, {
      number: '10',
      title: 'Öffentlicher Bericht',
      public: true,
    });
    open = await releasedOn(publicItem.json.id, 'Beschluss zum Bericht');

    const json = await (await app.request(`/public/sessions/${sessionId}/resolutions`)).text();
    const html = await (
      await app.request(`/public/sessions/${sessionId}/resolutions`, {
        headers: { accept: 'text/html' },
      })
    ).text();
    const pdf = pdfText(
      Buffer.from(
        await (await app.request(`/public/sessions/${sessionId}/resolutions.pdf`)).arrayBuffer(),
      ),
    ).join('\n');
    expect(json).toContain('"number":"9"');
    for (const surface of [json, html, pdf]) {
      expect(surface).toContain('Beschluss zur Zusammenarbeit');
      if (surface !== json) expect(surface).toContain('TOP 9');
      expect(surface).not.toContain('Nordlicht');
      expect(surface).toContain('Öffentlicher Bericht');
    }
    const oparl = await (await app.request(`/oparl/v1/papers/${secret}`)).text();
    expect(oparl).not.toContain('Nordlicht');
  });

  it('is, to a member who may not read confidential items, as if it did not exist', async () => {
    const list = await member.get(`/v1/sessions/${sessionId}/resolutions`);
    expect(list.status).toBe(200);
    const ids = list.json.items.map((r: { id: string }) => r.id);
    expect(ids).toContain(open);
    expect(ids).not.toContain(secret);
    expect(Object.keys(list.json)).toEqual(['items']);
    expect((await member.get(`/v1/resolutions/${secret}`)).status).toBe(404);
    expect((await member.get(`/v1/resolutions/${open}`)).status).toBe(200);
    expect((await secretariat.get(`/v1/resolutions/${secret}`)).status).toBe(200);
  });
});

describe("People's addresses", () => {
  it('are shown to the secretariat, the chair and admins, never to members or press', async () => {
    for (const reader of [secretariat, chair, admin]) {
      const body = await reader.get('/v1/bodies/imk');
      expect(JSON.stringify(body.json)).toContain('minister@de-by.example.org');
    }
    for (const reader of [member, press]) {
      const body = await reader.get('/v1/bodies/imk');
      expect(body.status).toBe(200);
      expect(JSON.stringify(body.json)).not.toMatch(/@[a-z-]+\.example\.org/);
      const bayern = await reader.get('/v1/bodies/imk/members/DE-BY');
      expect(bayern.json.people.length).toBeGreaterThan(0);
      expect(JSON.stringify(bayern.json)).not.toContain('@');
    }
    const board = await member.get(`/v1/sessions/${sessionId}/attendance`);
    expect(board.status).toBe(200);
    expect(JSON.stringify(board.json)).not.toContain('@');
  });

  it('never reach a member through a written procedure or a resolution’s votes', async () => {
    const started = await secretariat.post('/v1/bodies/imk/written-procedures', {
      title: 'Umlauf mit Adressen',
      resolutions: [{ title: 'Lage', text: 'Text.' }],
      deadline: '2027-02-20T12:00:00+01:00',
    });
    const ballot = (await repo.listBallots(started.json.id)).find((b) => b.memberId === 'DE-HH');
    await secretariat.post(
      `/v1/written-procedures/${started.json.id}/ballots/${ballot?.id}/answer`,
      { votes: { [started.json.resolutionIds[0]]: 'yes' } },
    );
    const seen = await member.get(`/v1/written-procedures/${started.json.id}`);
    expect(seen.status).toBe(200);
    expect(seen.json.ballots.length).toBeGreaterThan(0);
    expect(JSON.stringify(seen.json)).not.toContain('@');
    const full = await secretariat.get(`/v1/written-procedures/${started.json.id}`);
    expect(JSON.stringify(full.json)).toContain('minister@de-hh.example.org');
    const list = await member.get(`/v1/sessions/${sessionId}/resolutions`);
    expect(list.json.items.length).toBeGreaterThan(0);
    expect(JSON.stringify(list.json)).not.toContain('@');
  });
});

describe('Votes of a written procedure', () => {
  it('come only through ballots; the secretariat enters a Land’s answer on its ballot, audited as such', async () => {
    const started = await secretariat.post('/v1/bodies/imk/written-procedures', {
      title: 'Umlauf zur Lage',
      resolutions: [{ title: 'Lagebild', text: 'Die Länder tauschen ihr Lagebild aus.' }],
      deadline: '2027-02-20T12:00:00+01:00',
    });
    const procedure = started.json;
    const [resolutionId] = procedure.resolutionIds;
    const direct = await secretariat.raw('PUT', `/v1/resolutions/${resolutionId}/votes`, {
      votes: [{ memberId: 'DE-BY', vote: 'no' }],
    });
    expect(direct.status).toBe(409);
    expect(direct.json.detail).toMatch(/nur über seine Stimmzettel/);
    expect((await repo.getResolution(resolutionId))?.votes).toEqual({});

    const ballot = (await repo.listBallots(procedure.id)).find((b) => b.memberId === 'DE-BY');
    const entered = await secretariat.post(
      `/v1/written-procedures/${procedure.id}/ballots/${ballot?.id}/answer`,
      { votes: { [resolutionId]: 'yes' } },
    );
    expect(entered.status).toBe(200);
    expect(entered.json).toMatchObject({
      channel: 'secretariat',
      votes: { [resolutionId]: 'yes' },
    });
    expect((await repo.getResolution(resolutionId))?.votes['DE-BY']).toMatchObject({
      vote: 'yes',
      channel: 'secretariat',
      by: 'gs@imk.example.org',
    });
    const audit = await secretariat.get(`/v1/audit?object=written-procedure:${procedure.id}`);
    expect(audit.json.items.at(-1)).toMatchObject({
      action: 'written-procedure.answer',
      actor: 'gs@imk.example.org',
      changedFields: [`DE-BY:secretariat:yes`],
    });
    const byMember = await member.post(
      `/v1/written-procedures/${procedure.id}/ballots/${ballot?.id}/answer`,
      { votes: { [resolutionId]: 'no' } },
    );
    expect(byMember.status).toBe(403);
  });
});

describe('A written procedure at short notice', () => {
  it('needs the body’s minimum lead of 24 hours, or urgent: true, which the audit records', async () => {
    const input = {
      title: 'Eilumlauf',
      resolutions: [{ title: 'Eilbeschluss', text: 'Text.' }],
      deadline: '2027-02-10T20:00:00Z',
    };
    const refused = await secretariat.post('/v1/bodies/imk/written-procedures', input);
    expect(refused.status).toBe(422);
    expect(refused.json.detail).toMatch(
      /mindestens 24 Stunden in der Zukunft liegen, es sei denn, das Verfahren ist als eilig/,
    );
    const urgent = await secretariat.post('/v1/bodies/imk/written-procedures', {
      ...input,
      urgent: true,
    });
    expect(urgent.status).toBe(201);
    const audit = await secretariat.get(`/v1/audit?object=written-procedure:${urgent.json.id}`);
    expect(audit.json.items[0]).toMatchObject({ action: 'written-procedure.start' });
    expect(audit.json.items[0].changedFields[0]).toBe('urgent');
  });
});

describe('Release', () => {
  const passed = async (title: string) => {
    const [item] = await repo.listAgenda(sessionId);
    const created = await secretariat.post(
      `/v1/sessions/${sessionId}/agenda-items/${item?.id}/resolutions`,
      { title, text: 'Text.' },
    );
    await secretariat.raw('PUT', `/v1/resolutions/${created.json.id}/votes`, {
      votes: allLands.map((memberId) => ({ memberId, vote: 'yes' })),
    });
    await secretariat.post(`/v1/resolutions/${created.json.id}/decision`, undefined);
    return created.json.id as string;
  };

  it('needs an objection period of at least the body’s minimum, or every voting Land’s consent', async () => {
    const id = await passed('Kurze Frist');
    const short = await chair.post(`/v1/resolutions/${id}/release-proposal`, {
      objectionHours: 1,
    });
    expect(short.status).toBe(422);
    expect(short.json.detail).toMatch(/mindestens 24 Stunden betragen/);
    const some = await chair.post(`/v1/resolutions/${id}/release-proposal`, {
      objectionHours: 0,
      consentedBy: allLands.slice(0, 15),
    });
    expect(some.status).toBe(422);
    expect((await repo.getResolution(id))?.release).toBeUndefined();
    const day = await chair.post(`/v1/resolutions/${id}/release-proposal`, {
      objectionHours: 24,
    });
    expect(day.status).toBe(200);
    expect(day.json.state).toBe('decided');
  });

  it('follows the body’s own minimum, which only an admin sets', async () => {
    const body = await admin.get('/v1/bodies/imk');
    const patched = await admin.patch(
      '/v1/bodies/imk',
      { minObjectionHours: 48 },
      { 'if-match': `"${body.json.version}"` },
    );
    expect(patched.status).toBe(200);
    const id = await passed('Längere Frist');
    expect(
      (await chair.post(`/v1/resolutions/${id}/release-proposal`, { objectionHours: 24 })).status,
    ).toBe(422);
    expect(
      (await chair.post(`/v1/resolutions/${id}/release-proposal`, { objectionHours: 48 })).status,
    ).toBe(200);
  });

  it('is described truthfully in the PDF', async () => {
    const pdf = pdfText(
      Buffer.from(
        await (await app.request(`/public/sessions/${sessionId}/resolutions.pdf`)).arrayBuffer(),
      ),
    )
      .join('')
      // Justified lines are set without spaces between words.
      .replace(/\s/g, '');
    expect(pdf).toContain('allestimmberechtigtenLänderzugestimmt');
    expect(pdf).toMatch(/Freigegebenam.*:alleLänderhabenzugestimmt/);
  });
});
