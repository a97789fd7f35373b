import { afterAll, describe, expect, it } from 'vitest';
import { DynamoConferenceRepository } from '../../shared/adapters/dynamodb/conference-repository.js';
import { SesMailSender } from '../../shared/adapters/ses/ses-mail-sender.js';
import type { Resolution } from '../../shared/domain/resolution.js';
import { demoImasBody, demoImasMembers } from '../../shared/use-cases/demo-seed.js';
import { httpClient } from '../fixtures/http.js';
import { createLocalTable } from '../fixtures/local-table.js';
import { formPost, linkIn, startOwnSes } from '../fixtures/mail-links.js';
import { deliverQueued, testMailer } from '../fixtures/mailer.js';
import type { StoredMail } from '../fixtures/ses-inbox.js';
import { createTestApp } from '../fixtures/test-app.js';

const table = await createLocalTable('exercises');
let now = new Date('2027-05-10T06:00:00Z');
const clock = { now: () => now };
const repo = new DynamoConferenceRepository(table.documentClient, table.tableName);
const { app, issuer } = await createTestApp(table.documentClient, table.tableName, { clock });
const admin = httpClient(app, await issuer.sign({ role: 'admin', email: 'admin@example.org' }));
const sign = (role: string, email: string) =>
  issuer.sign({ role, email, bodies: ['imas-th'] }).then((token) => httpClient(app, token));
const secretariat = await sign('secretariat', 'krisenmanagement@tmik.th.example.org');
const chair = await sign('chair', 'staatssekretaer@tmik.th.example.org');
const press = await sign('press', 'presse@tsk.th.example.org');
const ses = await startOwnSes();
const mailer = testMailer(
  repo,
  clock,
  new SesMailSender({ region: 'eu-central-1', endpoint: ses.endpoint }),
);
const icsOf = (mail: StoredMail) =>
  Buffer.from(
    mail.attachments.find((part) => part.contentType.startsWith('text/calendar'))?.content ?? '',
    'base64',
  ).toString('utf8');

expect(
  (await admin.post('/v1/bodies', { ...demoImasBody, members: demoImasMembers() })).status,
).toBe(201);

afterAll(async () => {
  await ses.stop();
  await table.drop();
});

/** Status, type and text of an answer with the id replaced, to compare with one for an unknown id. */
const shape = async (path: string, id: string) => {
  const response = await app.request(path);
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    text: (await response.text())
      .replaceAll(id, '{id}')
      .replace(/"requestId":"[^"]+"/, '"requestId":"…"'),
  };
};
const unknownId = '01JZZZZZZZZZZZZZZZZZZZZZZZ';

describe('An exercise of the IMAS', () => {
  let sessionId = '';
  let resolution: Resolution;

  it('says "ÜBUNG" in every mail subject, text and calendar entry', async () => {
    // Act
    const created = await secretariat.post('/v1/bodies/imas-th/sessions', {
      kind: 'video',
      title: 'Stabsrahmenübung Stromausfall',
      startsAt: '2027-05-10T09:00:00+02:00',
      endsAt: '2027-05-10T10:00:00+02:00',
      videoLink: 'https://video.example.org/imas-uebung',
      sendInvitations: true,
      exercise: true,
    });
    sessionId = created.json.id;
    await deliverQueued(mailer);

    // Assess
    expect(created.status).toBe(201);
    expect(created.json.exercise).toBe(true);
    const mails = await ses.inbox();
    expect(mails).toHaveLength(9);
    for (const mail of mails) {
      expect(mail.subject).toMatch(/^ÜBUNG – Einladung: Stabsrahmenübung Stromausfall/);
      expect(mail.body.text?.split('\n')[0]).toBe(
        'ÜBUNG – Diese Nachricht gehört zu einer Übung. Es liegt kein Ernstfall vor.',
      );
      expect(mail.body.html).toContain('ÜBUNG – Diese Nachricht gehört zu einer Übung.');
      expect(icsOf(mail)).toContain('SUMMARY:ÜBUNG – Stabsrahmenübung Stromausfall');
    }
    const calendar = await secretariat.get(`/v1/sessions/${sessionId}/calendar.ics`);
    expect(calendar.text).toMatch(/SUMMARY:ÜBUNG – \d+\. Sitzung: Stabsrahmenübung Stromausfall/);
  });

  it('says "ÜBUNG" on the answer page and marks every audit entry', async () => {
    // Prepare
    const mail = (await ses.inbox()).find((candidate) =>
      candidate.destination.to[0]?.includes('staatssekretaer@tfm.th.example.org'),
    );
    const link = linkIn(mail, '/links/invitations/');

    // Act
    const page = await app.request(link);
    const answered = await app.request(link, formPost({ status: 'accepted' }));

    // Assess
    const html = await page.text();
    expect(html).toContain('<title>ÜBUNG – Antwort: Stabsrahmenübung Stromausfall – ');
    expect(html).toContain('ÜBUNG – Diese Nachricht gehört zu einer Übung.');
    expect(answered.status).toBe(200);
    const audit = await secretariat.get(`/v1/audit?object=session:${sessionId}&limit=100`);
    expect(audit.json.items.length).toBeGreaterThanOrEqual(3);
    for (const entry of audit.json.items) expect(entry.exercise).toBe(true);
    expect(audit.json.items.map((entry: { action: string }) => entry.action)).toContain(
      'invitation.accepted',
    );
  });

  it('answers every public request for it as if it did not exist, even a released resolution', async () => {
    // Prepare: a public agenda item with a resolution released by all nine ministries
    const item = await secretariat.post(`/v1/sessions/${sessionId}/agenda-items`, {
      number: '1',
      title: 'Lage',
    });
    const drafted = await secretariat.post(
      `/v1/sessions/${sessionId}/agenda-items/${item.json.id}/resolutions`,
      { title: 'Notstromversorgung', text: 'Die Ressorts prüfen ihre Notstromversorgung.' },
    );
    resolution = drafted.json;
    const votes = demoImasMembers().map((member) => ({ memberId: member.memberId, vote: 'yes' }));
    await secretariat.raw('PUT', `/v1/resolutions/${resolution.id}/votes`, { votes });
    await secretariat.post(`/v1/resolutions/${resolution.id}/decision`, undefined);
    await chair.post(`/v1/resolutions/${resolution.id}/release-proposal`, { objectionHours: 1 });
    await deliverQueued(mailer);
    const releaseMails = (await ses.inbox()).filter((mail) =>
      mail.subject.includes('Freigabe zur Veröffentlichung'),
    );
    expect(releaseMails).toHaveLength(9);
    for (const mail of releaseMails) {
      expect(mail.subject).toMatch(/^ÜBUNG – Freigabe zur Veröffentlichung: Notstromversorgung/);
      // Ministries, not Länder: the text speaks of members.
      expect(mail.body.text).toContain('Widerspricht kein Mitglied bis zum');
      expect(mail.body.text).toContain('widerspricht ein Mitglied, wird er nicht veröffentlicht');
      const link = linkIn(mail, '/links/releases/');
      expect(await (await app.request(link)).text()).toContain('<title>ÜBUNG – Freigabe');
      await app.request(link, formPost({ answer: 'consent' }));
    }
    expect((await repo.getResolution(resolution.id))?.state).toBe('released');

    // Act and assess: the same answers as for ids that do not exist
    for (const [path, unknown] of [
      [`/public/sessions/${sessionId}/resolutions`, `/public/sessions/${unknownId}/resolutions`],
      [
        `/public/sessions/${sessionId}/resolutions.pdf`,
        `/public/sessions/${unknownId}/resolutions.pdf`,
      ],
      [`/oparl/v1/meetings/${sessionId}`, `/oparl/v1/meetings/${unknownId}`],
      [`/oparl/v1/meetings/${sessionId}/location`, `/oparl/v1/meetings/${unknownId}/location`],
    ] as const) {
      const real = await shape(path, sessionId);
      expect(real.status).toBe(404);
      expect(real).toEqual(await shape(unknown, unknownId));
    }
    const paper = await shape(`/oparl/v1/papers/${resolution.id}`, resolution.id);
    expect(paper.status).toBe(404);
    expect(paper).toEqual(await shape(`/oparl/v1/papers/${unknownId}`, unknownId));
    const agendaItem = await shape(
      `/oparl/v1/meetings/${sessionId}/agenda-items/${item.json.id}`,
      sessionId,
    );
    expect(agendaItem.status).toBe(404);
    const meetings = await (await app.request('/oparl/v1/bodies/imas-th/meetings')).text();
    const papers = await (await app.request('/oparl/v1/bodies/imas-th/papers')).text();
    expect(meetings).not.toContain(sessionId);
    expect(papers).not.toContain(resolution.id);
    const sessionPage = await app.request(`/public/sessions/${sessionId}`);
    expect(sessionPage.status).toBe(404);
    const list = await app.request('/public/bodies/imas-th/sessions');
    const calendar = await app.request('/public/bodies/imas-th/sessions.ics');
    expect(list.status).toBe(200);
    expect(calendar.status).toBe(200);
    expect(await list.text()).not.toContain(sessionId);
    expect(await calendar.text()).not.toMatch(/ÜBUNG|Stabsrahmenübung/);
  });

  it('keeps it from the press: no press release names the exercise', async () => {
    // Act
    const refused = await press.post('/v1/press-releases', {
      bodyId: 'imas-th',
      sessionId,
      title: 'Übung des IMAS',
      dateline: 'ERFURT',
      body: 'Der IMAS hat geübt.',
    });

    // Assess
    expect(refused.status).toBe(422);
    expect(refused.json.detail).toContain('ist eine Übung');
    const feed = await (await app.request('/public/feeds/press-releases.atom')).text();
    expect(feed).not.toContain('Stabsrahmenübung');
  });

  it('marks a written procedure of the exercise in its mails, ballot page and audit', async () => {
    // Prepare
    now = new Date('2027-05-10T08:00:00Z');
    const before = (await ses.inbox()).length;

    // Act
    const started = await secretariat.post('/v1/bodies/imas-th/written-procedures', {
      title: 'Übungslage: Einsatz der Notstromaggregate',
      resolutions: [{ title: 'Aggregate', text: 'Die Aggregate werden verteilt.' }],
      deadline: '2027-05-10T14:00:00+02:00',
      exercise: true,
    });
    await deliverQueued(mailer);

    // Assess
    expect(started.status).toBe(201);
    const ballots = (await ses.inbox()).slice(before);
    expect(ballots).toHaveLength(9);
    for (const mail of ballots) expect(mail.subject).toMatch(/^ÜBUNG – /);
    expect(ballots[0]?.body.text).toContain('den Mitgliedern folgenden Beschlussvorschlag');
    expect(ballots[0]?.body.text).toContain('gilt Ihre Stimme als');
    const page = await app.request(linkIn(ballots[0], '/links/ballots/'));
    expect(await page.text()).toContain('<title>ÜBUNG – Umlaufverfahren');
    const audit = await secretariat.get(`/v1/audit?object=written-procedure:${started.json.id}`);
    expect(audit.json.items.length).toBeGreaterThan(0);
    for (const entry of audit.json.items) expect(entry.exercise).toBe(true);
    const papers = await (await app.request('/oparl/v1/bodies/imas-th/papers')).text();
    for (const id of started.json.resolutionIds) expect(papers).not.toContain(id);
  });
});
