import { afterAll, describe, expect, it } from 'vitest';
import { DynamoConferenceRepository } from '../../shared/adapters/dynamodb/conference-repository.js';
import { SesMailSender } from '../../shared/adapters/ses/ses-mail-sender.js';
import type { Resolution } from '../../shared/domain/resolution.js';
import { demoImasBody, demoImasMembers, seedDemo } from '../../shared/use-cases/demo-seed.js';
import { httpClient } from '../fixtures/http.js';
import { createLocalTable } from '../fixtures/local-table.js';
import { formPost, linkIn, startOwnSes } from '../fixtures/mail-links.js';
import { deliverQueued, testMailer } from '../fixtures/mailer.js';
import { createTestApp } from '../fixtures/test-app.js';

const table = await createLocalTable('organisation-bodies');
let now = new Date('2027-05-10T08:00:00Z');
const clock = { now: () => now };
const repo = new DynamoConferenceRepository(table.documentClient, table.tableName);
const { app, issuer } = await createTestApp(table.documentClient, table.tableName, { clock });
const admin = httpClient(app, await issuer.sign({ role: 'admin', email: 'admin@example.org' }));
const secretariat = httpClient(
  app,
  await issuer.sign({
    role: 'secretariat',
    email: 'stabsstelle@tmik.th.example.org',
    bodies: ['imas-th'],
  }),
);
const chair = httpClient(
  app,
  await issuer.sign({ role: 'chair', email: 'sts@tmik.th.example.org', bodies: ['imas-th'] }),
);
const ses = await startOwnSes();
const mailer = testMailer(
  repo,
  clock,
  new SesMailSender({ region: 'eu-central-1', endpoint: ses.endpoint }),
);

afterAll(async () => {
  await ses.stop();
  await table.drop();
});

const ministries = demoImasMembers().map((member) => member.memberId);
let sessionId = '';
let agendaItemId = '';

describe('A crisis staff whose members are ministries', () => {
  it('is created with its nine ministries and their people in one call', async () => {
    // Act
    const created = await admin.post('/v1/bodies', { ...demoImasBody, members: demoImasMembers() });

    // Assess
    expect(created.status).toBe(201);
    expect(created.json.members).toHaveLength(9);
    const body = await admin.get('/v1/bodies/imas-th');
    const interior = body.json.members.find(
      (member: { memberId: string }) => member.memberId === 'th-tmik',
    );
    expect(interior).toMatchObject({
      name: 'Ministerium für Inneres und Kommunales',
      kind: 'ministry',
      gender: 'neuter',
      abbreviation: 'TMIK',
      voting: true,
    });
    expect(interior.people.map((person: { capacity: string }) => person.capacity).sort()).toEqual([
      'deputy',
      'office_contact',
      'principal',
    ]);
    expect(body.json.chairMemberId).toBe('th-tmik');
  });

  it('refuses an organisation without its kind, in German', async () => {
    const refused = await admin.post('/v1/bodies/imas-th/members', {
      memberId: 'jena-leitstelle',
      name: 'Zentrale Leitstelle Jena',
      voting: false,
      gender: 'feminine',
      people: [],
    });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.json)).toContain('Eine Organisation braucht ihre Art');
  });

  it('names the ministries that confirmed in the press sentence, with their articles', async () => {
    // Prepare: a video session, invited at once
    const session = await secretariat.post('/v1/bodies/imas-th/sessions', {
      kind: 'video',
      title: 'Lage Hochwasser Saale',
      startsAt: '2027-05-10T10:00:00+02:00',
      endsAt: '2027-05-10T11:00:00+02:00',
      videoLink: 'https://video.example.org/imas',
      sendInvitations: true,
    });
    expect(session.status).toBe(201);
    sessionId = session.json.id;
    expect(await deliverQueued(mailer)).toEqual(Array(9).fill('sent'));
    const invitations = await repo.listInvitations(sessionId);

    // Act: three ministries answer by phone
    for (const memberId of ['th-tfm', 'th-tsk', 'th-tmik']) {
      const invitation = invitations.find((i) => i.memberId === memberId);
      const answered = await secretariat.post(
        `/v1/sessions/${sessionId}/invitations/${invitation?.id}/answer`,
        { status: 'accepted' },
      );
      expect(answered.status).toBe(200);
    }

    // Assess
    const board = await secretariat.get(`/v1/sessions/${sessionId}/attendance`);
    expect(board.json.pressSentence).toBe(
      'Bisher bestätigten die Thüringer Staatskanzlei, das Ministerium für Inneres und Kommunales und das Finanzministerium ihre Teilnahme.',
    );
    expect(board.json.counts).toMatchObject({ accepted: 3, pending: 6 });
  });

  it('decides by its majority rule and its quorum of five', async () => {
    // Prepare
    const item = await secretariat.post(`/v1/sessions/${sessionId}/agenda-items`, {
      number: '1',
      title: 'Lagebild und Maßnahmen',
    });
    agendaItemId = item.json.id;
    const draft = async (title: string) => {
      const created = await secretariat.post(
        `/v1/sessions/${sessionId}/agenda-items/${agendaItemId}/resolutions`,
        { title, text: 'Der IMAS beschließt die Einrichtung eines Bürgertelefons.' },
      );
      expect(created.status).toBe(201);
      return created.json as Resolution;
    };
    const passing = await draft('Bürgertelefon');
    const thin = await draft('Zu wenige Stimmen');

    // Act: six yes, two no, one abstention; and only four taking part
    const votes = ministries.map((memberId, index) => ({
      memberId,
      vote: index < 6 ? 'yes' : index < 8 ? 'no' : 'abstain',
    }));
    expect(
      (await secretariat.raw('PUT', `/v1/resolutions/${passing.id}/votes`, { votes })).status,
    ).toBe(200);
    expect(
      (
        await secretariat.raw('PUT', `/v1/resolutions/${thin.id}/votes`, {
          votes: votes.slice(0, 4),
        })
      ).status,
    ).toBe(200);
    const decided = await secretariat.post(`/v1/resolutions/${passing.id}/decision`, undefined);
    const failed = await secretariat.post(`/v1/resolutions/${thin.id}/decision`, undefined);

    // Assess
    expect(decided.json).toMatchObject({
      outcome: 'passed',
      tally: { yes: 6, no: 2, abstain: 1, absent: 0 },
    });
    expect(failed.json).toMatchObject({ outcome: 'rejected' });
  });

  it('releases a resolution once every ministry consented by its link', async () => {
    // Prepare
    const resolution = (await repo.listResolutionsOfSession(sessionId)).find(
      (candidate) => candidate.title === 'Bürgertelefon',
    ) as Resolution;
    const proposed = await chair.post(`/v1/resolutions/${resolution.id}/release-proposal`, {
      objectionHours: 2,
    });
    expect(proposed.status).toBe(200);
    await deliverQueued(mailer);
    const mails = (await ses.inbox()).filter((mail) =>
      mail.subject.startsWith('Freigabe zur Veröffentlichung: Bürgertelefon'),
    );
    expect(mails).toHaveLength(9);

    // Act: every ministry consents, one after the other
    now = new Date(now.getTime() + 60_000);
    for (const mail of mails) {
      const link = linkIn(mail, '/links/releases/');
      expect((await app.request(link, formPost({ answer: 'consent' }))).status).toBe(200);
    }

    // Assess
    const stored = await repo.getResolution(resolution.id);
    expect([...(stored?.release?.consents ?? [])].sort()).toEqual([...ministries].sort());
    expect(stored?.state).toBe('released');
  });
});

describe('The demo seed', () => {
  it('seeds the IMAS Thüringen beside the IMK: nine ressorts, each with state secretary and office', async () => {
    // Prepare
    const demo = await createLocalTable('demo-imas');
    try {
      const demoRepo = new DynamoConferenceRepository(demo.documentClient, demo.tableName);

      // Act
      await seedDemo({ repo: demoRepo, clock });
      await seedDemo({ repo: demoRepo, clock });

      // Assess
      const imas = await demoRepo.getBodyWithMembers('imas-th');
      expect(imas).toMatchObject({
        shortName: 'IMAS',
        kind: 'crisis_staff',
        chairMemberId: 'th-tmik',
        decisionRule: { kind: 'majority', quorum: 5 },
      });
      expect(imas?.members.map((member) => member.name).sort()).toEqual([
        'Finanzministerium',
        'Ministerium für Bildung, Wissenschaft und Kultur',
        'Ministerium für Digitales und Infrastruktur',
        'Ministerium für Inneres und Kommunales',
        'Ministerium für Justiz, Migration und Verbraucherschutz',
        'Ministerium für Soziales, Gesundheit, Arbeit und Familie',
        'Ministerium für Umwelt, Energie, Naturschutz und Forsten',
        'Ministerium für Wirtschaft, Landwirtschaft und Ländlichen Raum',
        'Thüringer Staatskanzlei',
      ]);
      for (const member of imas?.members ?? []) {
        const principal = member.people.find((person) => person.capacity === 'principal');
        expect(principal?.salutation).toMatch(/^(Herr Staatssekretär|Frau Staatssekretärin)$/);
        expect(member.people.some((person) => person.capacity === 'office_contact')).toBe(true);
      }
      expect(await demoRepo.getBody('imk')).toBeDefined();
    } finally {
      await demo.drop();
    }
  });
});
