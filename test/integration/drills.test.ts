import { afterAll, describe, expect, it } from 'vitest';
import { DynamoConferenceRepository } from '../../shared/adapters/dynamodb/conference-repository.js';
import { SesMailSender } from '../../shared/adapters/ses/ses-mail-sender.js';
import { demoImasBody, demoImasMembers } from '../../shared/use-cases/demo-seed.js';
import { httpClient } from '../fixtures/http.js';
import { createLocalTable } from '../fixtures/local-table.js';
import { formPost, linkIn, startOwnSes } from '../fixtures/mail-links.js';
import { deliverQueued, testMailer } from '../fixtures/mailer.js';
import { createTestApp } from '../fixtures/test-app.js';

const table = await createLocalTable('drills');
let now = new Date('2027-04-12T06:00:00Z');
const clock = { now: () => now };
const later = (minutes: number, seconds = 0) => {
  now = new Date(now.getTime() + minutes * 60_000 + seconds * 1000);
};
const repo = new DynamoConferenceRepository(table.documentClient, table.tableName);
const { app, issuer } = await createTestApp(table.documentClient, table.tableName, { clock });
const admin = httpClient(app, await issuer.sign({ role: 'admin', email: 'admin@example.org' }));
const secretariat = httpClient(
  app,
  await issuer.sign({
    role: 'secretariat',
    email: 'krisenmanagement@tmik.th.example.org',
    bodies: ['imas-th'],
  }),
);
const member = httpClient(
  app,
  await issuer.sign({
    role: 'member',
    email: 'referat@tfm.th.example.org',
    bodies: ['imas-th'],
  }),
);
const ses = await startOwnSes();
const mailer = testMailer(
  repo,
  clock,
  new SesMailSender({ region: 'eu-central-1', endpoint: ses.endpoint }),
);

expect(
  (await admin.post('/v1/bodies', { ...demoImasBody, members: demoImasMembers() })).status,
).toBe(201);

afterAll(async () => {
  await ses.stop();
  await table.drop();
});

/** An exercise video conference of the IMAS, invited at once and mailed. */
const drill = async (title: string) => {
  const created = await secretariat.post('/v1/bodies/imas-th/sessions', {
    kind: 'video',
    title,
    startsAt: new Date(now.getTime() + 3600_000).toISOString(),
    endsAt: new Date(now.getTime() + 7200_000).toISOString(),
    videoLink: 'https://video.example.org/imas',
    sendInvitations: true,
    exercise: true,
  });
  expect(created.status).toBe(201);
  later(0, 2);
  await deliverQueued(mailer);
  return created.json.id as string;
};

/** The secretariat records a ministry's answer it took by phone. */
const answerByPhone = async (sessionId: string, memberId: string) => {
  const invitation = (await repo.listInvitations(sessionId)).find(
    (candidate) => candidate.memberId === memberId && candidate.capacity === 'principal',
  );
  const answered = await secretariat.post(
    `/v1/sessions/${sessionId}/invitations/${invitation?.id}/answer`,
    { status: 'accepted' },
  );
  expect(answered.status).toBe(200);
};

/** A state secretary answers by the link in their mail. */
const answerByLink = async (sessionId: string, abbreviation: string) => {
  const title = (await repo.getSession(sessionId))?.title ?? 'the title of the session';
  const mail = (await ses.inbox()).find(
    (candidate) =>
      candidate.destination.to[0]?.includes(`staatssekretaer@${abbreviation}.th.example.org`) &&
      candidate.body.text?.includes(`/links/invitations/`) &&
      candidate.subject.includes(title),
  );
  const answered = await app.request(
    linkIn(mail, '/links/invitations/'),
    formPost({ status: 'accepted' }),
  );
  expect(answered.status).toBe(200);
};

describe('A reachability drill of the IMAS', () => {
  let earlier = '';
  let current = '';

  it('measures who was reached when, per member and person, against the earlier drill', async () => {
    // Prepare: an earlier drill where every ministry answered by phone within 20 minutes
    earlier = await drill('Alarmierungsübung März');
    for (const [index, memberId] of demoImasMembers()
      .map((m) => m.memberId)
      .entries()) {
      later(index === 0 ? 1 : 2);
      await answerByPhone(earlier, memberId);
    }
    later(60 * 24 * 30);
    current = await drill('Alarmierungsübung April');

    // Act: the Staatskanzlei answers by link after two minutes, the interior ministry by phone
    // after six, the finance ministry by link after twelve; the others stay silent
    later(2);
    await answerByLink(current, 'tsk');
    later(4);
    await answerByPhone(current, 'th-tmik');
    later(6);
    await answerByLink(current, 'tfm');
    const report = await secretariat.get(`/v1/sessions/${current}/reachability?within=10`);

    // Assess
    expect(report.status).toBe(200);
    const { summary, members } = report.json;
    expect(summary).toMatchObject({
      invited: 9,
      answered: 3,
      medianSeconds: 360,
      slowest: { memberId: 'th-tfm', name: 'Finanzministerium', seconds: 720 },
      byChannel: {
        link: { count: 2, medianSeconds: 420 },
        secretariat: { count: 1, medianSeconds: 360 },
      },
    });
    expect(summary.notReached.map((m: { memberId: string }) => m.memberId).sort()).toEqual(
      ['th-tfm', 'th-tmbwk', 'th-tmdi', 'th-tmjmv', 'th-tmsgaf', 'th-tmuenf', 'th-tmwllr'].sort(),
    );
    expect(members.find((m: { memberId: string }) => m.memberId === 'th-tsk')).toMatchObject({
      seconds: 120,
      channel: 'link',
      reached: true,
      answeredBy: { name: 'Dr. Katrin Adler', capacity: 'principal' },
    });
    expect(report.json.earlier).toEqual([
      expect.objectContaining({
        sessionId: earlier,
        title: 'Alarmierungsübung März',
        summary: expect.objectContaining({ invited: 9, answered: 9, medianSeconds: 540 }),
      }),
    ]);
  });

  it('reads as a German page and as CSV, and only for the secretariat, the chair and admins', async () => {
    // Act
    const page = await secretariat.get(`/v1/sessions/${current}/reachability?within=10`, {
      accept: 'text/html',
    });
    const csv = await secretariat.get(`/v1/sessions/${current}/reachability.csv?within=10`);
    const negotiated = await secretariat.get(`/v1/sessions/${current}/reachability?within=10`, {
      accept: 'text/csv',
    });
    const refused = await member.get(`/v1/sessions/${current}/reachability`);

    // Assess
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.text).toContain('<title>ÜBUNG – Erreichbarkeit: Alarmierungsübung April');
    expect(page.text).toContain('Geantwortet haben 3 von 9 Mitgliedern.');
    expect(page.text).toContain('Median bis zur Antwort: 6 min 00 s');
    expect(page.text).toContain('Am längsten brauchte: Finanzministerium (12 min 00 s)');
    expect(page.text).toContain('Alarmierungsübung März');
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const rows = csv.text.trimEnd().split('\r\n');
    expect(rows[0]).toBe(
      '"Mitglied";"Person";"Als";"E-Mail versandt";"Antwort";"Weg";"Sekunden bis zur Antwort";"Innerhalb von 10 Minuten";"Übung"',
    );
    expect(rows).toHaveLength(10);
    expect(rows.find((row) => row.startsWith('"Thüringer Staatskanzlei"'))).toMatch(
      /;"Link in der E-Mail";"120";"ja";"ja"$/,
    );
    expect(negotiated.text.split('\r\n')[0]).toBe(rows[0]);
    expect(refused.status).toBe(403);
  });
});
