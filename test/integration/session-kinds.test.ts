import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { DynamoConferenceRepository } from '../../shared/adapters/dynamodb/conference-repository.js';
import { keys } from '../../shared/adapters/dynamodb/table-design.js';
import { SesMailSender } from '../../shared/adapters/ses/ses-mail-sender.js';
import type { OutgoingMail } from '../../shared/mail/invitation-mail.js';
import { seedDemo } from '../../shared/use-cases/demo-seed.js';
import { httpClient } from '../fixtures/http.js';
import { createLocalTable } from '../fixtures/local-table.js';
import { deliverQueued, testMailer } from '../fixtures/mailer.js';
import { type StoredMail, sesInbox } from '../fixtures/ses-inbox.js';
import { createTestApp } from '../fixtures/test-app.js';

const table = await createLocalTable('session-kinds');
const clock = { now: () => new Date() };
const repo = new DynamoConferenceRepository(table.documentClient, table.tableName);
const { sessionId = '' } = await seedDemo({ repo, clock });
const { app, issuer } = await createTestApp(table.documentClient, table.tableName, { clock });
const secretariat = httpClient(
  app,
  await issuer.sign({ role: 'secretariat', email: 'gs@imk.example.org', bodies: ['imk'] }),
);
const admin = httpClient(
  app,
  await issuer.sign({ role: 'admin', email: 'admin@example.org', bodies: [] }),
);

// Other test files share the local SES: this file reads only the mails it sent.
const sentIds: string[] = [];
const ses = new SesMailSender({ region: 'eu-central-1', endpoint: inject('sesEndpoint') });
const mailer = testMailer(repo, clock, {
  send: async (mail: OutgoingMail) => {
    const id = await ses.send(mail);
    sentIds.push(id);
    return id;
  },
});
/** Delivers the queued mails through the local SES and reads them back from its inbox. */
const deliver = async (): Promise<StoredMail[]> => {
  const from = sentIds.length;
  await deliverQueued(mailer);
  const ids = new Set(sentIds.slice(from));
  return (await sesInbox.all()).filter((mail) => ids.has(mail.messageId));
};
const to = (mails: StoredMail[], address: string) =>
  mails.find((mail) => mail.destination.to[0]?.includes(address)) as StoredMail;

const plan = (body: string, request: Record<string, unknown>) =>
  secretariat.post(`/v1/bodies/${body}/sessions`, {
    title: 'Sitzung',
    startsAt: '2027-06-02T10:00:00+02:00',
    endsAt: '2027-06-02T16:00:00+02:00',
    ...request,
  });
const video = { videoLink: 'https://video.example.org/imk' };
const hamburg = { city: 'Hamburg', building: 'Hamburger Rathaus', room: 'Ratsstube' };

afterAll(async () => {
  await table.drop();
});

describe('Session kind, format and numbering through the API', () => {
  it('gives regular and constitutive sessions the running number and counts extraordinary ones per year', async () => {
    // The seed planned the constitutive session: number 1 of the running series.
    const seeded = await secretariat.get(`/v1/sessions/${sessionId}`);
    expect(seeded.json).toMatchObject({
      kind: 'constitutive',
      format: 'in_person',
      number: 1,
      numbering: 'running',
    });

    const firstVideo = await plan('imk', { kind: 'extraordinary', format: 'video', ...video });
    const regular = await plan('imk', { kind: 'regular', place: hamburg, ...video });
    const secondVideo = await plan('imk', { kind: 'video', ...video });
    const nextYear = await plan('imk', {
      kind: 'extraordinary',
      place: hamburg,
      startsAt: '2028-01-10T10:00:00+01:00',
      endsAt: '2028-01-10T12:00:00+01:00',
    });

    expect([firstVideo, regular, secondVideo, nextYear].map((r) => r.status)).toEqual([
      201, 201, 201, 201,
    ]);
    // The first video conference is the first Sonderkonferenz of its year, not "the second session".
    expect(firstVideo.json).toMatchObject({
      kind: 'extraordinary',
      format: 'video',
      number: 1,
      numbering: 'yearly',
      numberYear: 2027,
    });
    expect(regular.json).toMatchObject({
      kind: 'regular',
      format: 'hybrid',
      number: 2,
      numbering: 'running',
    });
    // The first API version's kind `video` still plans an extraordinary video conference.
    expect(secondVideo.json).toMatchObject({
      kind: 'extraordinary',
      format: 'video',
      number: 2,
      numberYear: 2027,
    });
    expect(nextYear.json).toMatchObject({ format: 'in_person', number: 1, numberYear: 2028 });

    const meeting = (await (
      await app.request(`/oparl/v1/meetings/${firstVideo.json.id}`)
    ).json()) as {
      name: string;
    };
    expect(meeting.name).toBe('1. Sonderkonferenz 2027: Sitzung');
  });

  it('numbers every session in the running series when the body says so', async () => {
    const created = await admin.post('/v1/bodies', {
      id: 'ak-ii-fortlaufend',
      name: 'Arbeitskreis II (fortlaufend nummeriert)',
      shortName: 'AK II',
      kind: 'working_group',
      decisionRule: { kind: 'majority' },
      sessionNumbering: 'running',
    });
    expect(created.status).toBe(201);
    const gs = httpClient(
      app,
      await issuer.sign({
        role: 'secretariat',
        email: 'gs@imk.example.org',
        bodies: ['ak-ii-fortlaufend'],
      }),
    );
    const numbers = [];
    for (const kind of ['regular', 'extraordinary', 'regular']) {
      const planned = await gs.post('/v1/bodies/ak-ii-fortlaufend/sessions', {
        kind,
        title: 'Sitzung',
        startsAt: '2027-06-02T10:00:00+02:00',
        endsAt: '2027-06-02T16:00:00+02:00',
        ...video,
      });
      numbers.push([planned.json.number, planned.json.numbering]);
    }
    expect(numbers).toEqual([
      [1, 'running'],
      [2, 'running'],
      [3, 'running'],
    ]);
  });

  it('refuses a format without what it needs, and a kind that would change the number', async () => {
    const noLink = await plan('imk', { kind: 'regular', format: 'hybrid', place: hamburg });
    expect(noLink.status).toBe(400);

    const regular = await plan('imk', { kind: 'regular', place: hamburg });
    const path = `/v1/sessions/${regular.json.id}`;
    const ifMatch = { 'if-match': regular.headers.get('etag') as string };
    const toExtraordinary = await secretariat.patch(path, { kind: 'extraordinary' }, ifMatch);
    expect(toExtraordinary.status).toBe(422);
    const toConstitutive = await secretariat.patch(path, { kind: 'constitutive' }, ifMatch);
    expect(toConstitutive.status).toBe(200);
    expect(toConstitutive.json).toMatchObject({
      kind: 'constitutive',
      number: regular.json.number,
    });
  });

  it('reads a session stored with the old kind `video` and shows it without the running number it drew', async () => {
    // Prepare: an item as the first version wrote it, with the kind `video` and no format.
    const id = '01JBEFQRE0V1DE0SESS10N0000';
    const old = {
      id,
      bodyId: 'imk',
      number: 2,
      kind: 'video',
      title: 'Schaltkonferenz',
      startsAt: '2026-05-10T18:00:00+02:00',
      endsAt: '2026-05-10T19:00:00+02:00',
      timeZone: 'Europe/Berlin',
      videoLink: 'https://video.example.org/alt',
      state: 'concluded',
      version: 4,
      createdAt: '2026-04-01T08:00:00.000Z',
      updatedAt: '2026-05-10T19:00:00.000Z',
    };
    await table.documentClient.send(
      new PutCommand({
        TableName: table.tableName,
        Item: {
          ...keys.session(id),
          ...keys.sessionOfBody('imk', old.startsAt, id),
          ...keys.sessionByDate(old.startsAt, id),
          type: 'Session',
          ...old,
        },
      }),
    );

    // Act
    const read = await secretariat.get(`/v1/sessions/${id}`);
    const listed = await secretariat.get('/v1/sessions?from=2026-05-01&to=2026-05-31&body=imk');
    const meeting = (await (await app.request(`/oparl/v1/meetings/${id}`)).json()) as {
      name: string;
    };

    // Assess
    expect(read.status).toBe(200);
    expect(read.json).toMatchObject({ kind: 'extraordinary', format: 'video', numbering: 'none' });
    expect(listed.json.items).toHaveLength(1);
    expect(listed.json.items[0]).toMatchObject({ id, kind: 'extraordinary', format: 'video' });
    expect(meeting.name).toBe('Sonderkonferenz: Schaltkonferenz');
  });
});

describe('An update that says what changed', () => {
  const path = `/v1/sessions/${sessionId}`;
  const change = async (body: Record<string, unknown>) => {
    const current = await secretariat.get(path);
    const response = await secretariat.patch(path, body, {
      'if-match': current.headers.get('etag') as string,
    });
    expect(response.status).toBe(200);
    return { session: response.json, mails: await deliver() };
  };
  const answerOf = async (memberId: string) =>
    (await secretariat.get(`${path}/attendance`)).json.lines.find(
      (line: { memberId: string }) => line.memberId === memberId,
    ).status;

  it('invites everyone, and Bayern accepts while Berlin does not answer', async () => {
    const sent = await secretariat.post(`${path}/invitations`, {});
    expect(sent.status).toBe(202);
    const invitations = await deliver();
    expect(invitations).toHaveLength(17);
    expect(to(invitations, 'minister@de-by.example.org').body.text).toContain(
      'herzlich zur 1. (konstituierenden) Sitzung der IMK ein:',
    );
    const bayern = (await repo.listInvitations(sessionId)).find((i) => i.memberId === 'DE-BY');
    const answered = await secretariat.post(`${path}/invitations/${bayern?.id}/answer`, {
      status: 'accepted',
    });
    expect(answered.status).toBe(200);
  });

  it('lists a new room and a new start, keeps the answers and says so', async () => {
    const before = await secretariat.get(path);
    const start = new Date(Date.parse(before.json.startsAt) + 30 * 60_000).toISOString();

    const { session, mails } = await change({
      startsAt: start,
      place: { ...before.json.place, room: 'Kaisersaal' },
    });

    expect(session.sequence).toBe(1);
    expect(mails).toHaveLength(17);
    const bayern = to(mails, 'minister@de-by.example.org').body.text ?? '';
    expect(bayern).toContain(
      [
        'die 1. (konstituierende) Sitzung der IMK hat sich geändert:',
        '',
        '  Neuer Beginn: 10:30 Uhr statt 10:00 Uhr',
        '  Neuer Raum: Kaisersaal statt Ratsstube',
        '',
        'Es gilt nun:',
      ].join('\n'),
    );
    expect(bayern).toContain(
      'Ihre Zusage bleibt bestehen; Sie brauchen nicht erneut zu antworten.',
    );
    expect(bayern).not.toMatch(/Bitte antworten Sie/);
    const berlin = to(mails, 'minister@de-be.example.org').body.text ?? '';
    expect(berlin).toContain('  Neuer Raum: Kaisersaal statt Ratsstube');
    expect(berlin).toMatch(/Bitte antworten Sie bis .+:/);
    expect(await answerOf('DE-BY')).toBe('accepted');
  });

  it('asks again, and only those who had answered are told their answer no longer stands, when the city changes', async () => {
    const { session, mails } = await change({
      place: { city: 'Berlin', building: 'Bundesrat', room: 'Plenarsaal' },
    });

    expect(session.sequence).toBe(2);
    expect(mails).toHaveLength(17);
    const bayern = to(mails, 'minister@de-by.example.org').body.text ?? '';
    expect(bayern).toContain(
      '  Neuer Ort: Plenarsaal, Bundesrat, Berlin statt Kaisersaal, Hamburger Rathaus, Rathausmarkt 1, 20095 Hamburg',
    );
    expect(bayern).toContain('Ihre bisherige Antwort gilt für die geänderte Sitzung nicht mehr.');
    expect(bayern).toMatch(/Bitte antworten Sie erneut bis .+:/);
    const berlin = to(mails, 'minister@de-be.example.org').body.text ?? '';
    expect(berlin).not.toContain('nicht mehr');
    expect(berlin).toMatch(/Bitte antworten Sie bis .+:/);
    expect(await answerOf('DE-BY')).toBe('pending');
  });

  it('names the session in the cancellation', async () => {
    const current = await secretariat.get(path);
    const cancelled = await secretariat.delete(path, {
      'if-match': current.headers.get('etag') as string,
    });
    expect(cancelled.status).toBe(200);
    const mails = await deliver();
    expect(mails).toHaveLength(17);
    expect(to(mails, 'minister@de-be.example.org').body.text).toContain(
      'die 1. (konstituierende) Sitzung der IMK ist abgesagt:',
    );
  });
});
