import { afterAll, describe, expect, it } from 'vitest';
import { startSchedulerLoop } from '../../functions/events/scheduler-loop.js';
import { DynamoConferenceRepository } from '../../shared/adapters/dynamodb/conference-repository.js';
import { SesMailSender } from '../../shared/adapters/ses/ses-mail-sender.js';
import { demoImasBody, demoImasMembers } from '../../shared/use-cases/demo-seed.js';
import { runScheduledJobs } from '../../shared/use-cases/scheduled-jobs.js';
import { httpClient } from '../fixtures/http.js';
import { createLocalTable } from '../fixtures/local-table.js';
import { formPost, linkIn, startOwnSes } from '../fixtures/mail-links.js';
import { deliverQueued, testMailer } from '../fixtures/mailer.js';
import { createTestApp, quietLogger } from '../fixtures/test-app.js';

const table = await createLocalTable('escalation');
let now = new Date('2027-06-01T18:00:00Z');
const clock = { now: () => now };
const start = now.getTime();
/** Sets the injected clock to so many minutes after the invitations went out. */
const minutesIn = (minutes: number) => {
  now = new Date(start + minutes * 60_000);
};
const repo = new DynamoConferenceRepository(table.documentClient, table.tableName);
const deps = { repo, clock };
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
const ses = await startOwnSes();
const mailer = testMailer(
  repo,
  clock,
  new SesMailSender({ region: 'eu-central-1', endpoint: ses.endpoint }),
);

/** One round of the local scheduler loop (it runs at once when started, and stop waits for it). */
const schedulerRound = async () => {
  const stop = startSchedulerLoop(deps, quietLogger(), 3_600_000);
  await stop();
};

const created = await admin.post('/v1/bodies', {
  ...demoImasBody,
  escalation: { afterMinutes: 10, steps: ['deputies', 'officeContacts'] },
  members: demoImasMembers(),
});
expect(created.status).toBe(201);

afterAll(async () => {
  await ses.stop();
  await table.drop();
});

const mailsTo = async (local: string) =>
  (await ses.inbox()).filter((mail) => mail.destination.to[0]?.includes(`${local}@`));

describe('The escalation chain of the IMAS', () => {
  let sessionId = '';

  it('invites the deputies of the ministries still silent after ten minutes, exactly once', async () => {
    // Prepare: an exercise video conference, invited at once; two ministries answer in time
    const session = await secretariat.post('/v1/bodies/imas-th/sessions', {
      kind: 'video',
      title: 'Übung Trinkwasser',
      startsAt: '2027-06-01T19:00:00Z',
      endsAt: '2027-06-01T20:00:00Z',
      videoLink: 'https://video.example.org/imas',
      sendInvitations: true,
      exercise: true,
    });
    sessionId = session.json.id;
    await deliverQueued(mailer);
    minutesIn(3);
    for (const abbreviation of ['tsk', 'tfm']) {
      const [mail] = (await mailsTo('staatssekretaer')).filter((candidate) =>
        candidate.destination.to[0]?.includes(`@${abbreviation}.th.example.org`),
      );
      const link = linkIn(mail, '/links/invitations/');
      expect((await app.request(link, formPost({ status: 'accepted' }))).status).toBe(200);
    }

    // Act: the scheduler runs before, at and after ten minutes, twice at once among them
    minutesIn(9);
    await schedulerRound();
    const early = await repo.listInvitations(sessionId);
    minutesIn(10);
    await Promise.all([schedulerRound(), schedulerRound()]);
    minutesIn(11);
    const again = await runScheduledJobs(deps);
    await deliverQueued(mailer);

    // Assess
    expect(early).toHaveLength(9);
    expect(again.escalations).toEqual({ steps: 0, invited: 0 });
    const deputies = (await repo.listInvitations(sessionId)).filter(
      (invitation) => invitation.capacity === 'deputy',
    );
    expect(deputies.map((invitation) => invitation.memberId).sort()).toEqual(
      ['th-tmik', 'th-tmwllr', 'th-tmbwk', 'th-tmjmv', 'th-tmsgaf', 'th-tmuenf', 'th-tmdi'].sort(),
    );
    const mails = await mailsTo('krisenstab');
    expect(mails).toHaveLength(7);
    for (const mail of mails) expect(mail.subject).toMatch(/^ÜBUNG – Einladung: Übung Trinkwasser/);
    const audit = await secretariat.get(`/v1/audit?object=session:${sessionId}&limit=100`);
    const escalated = audit.json.items.filter(
      (entry: { action: string }) => entry.action === 'session.escalated',
    );
    expect(escalated).toHaveLength(1);
    expect(escalated[0]).toMatchObject({ actor: 'system', exercise: true });
    expect(escalated[0].changedFields).toContain('th-tmik:deputies:krisenstab@tmik.th.example.org');
  });

  it('shows the steps on the board, and goes to the offices of those still silent ten minutes later', async () => {
    // Prepare: the interior ministry's crisis unit answers for it
    minutesIn(12);
    const [mail] = await mailsTo('krisenstab').then((mails) =>
      mails.filter((candidate) => candidate.destination.to[0]?.includes('@tmik.th.example.org')),
    );
    expect(
      (await app.request(linkIn(mail, '/links/invitations/'), formPost({ status: 'accepted' })))
        .status,
    ).toBe(200);

    // Act
    minutesIn(20);
    const run = await runScheduledJobs(deps);
    const rerun = await runScheduledJobs(deps);
    await deliverQueued(mailer);

    // Assess
    expect(run.escalations).toEqual({ steps: 6, invited: 6 });
    expect(rerun.escalations).toEqual({ steps: 0, invited: 0 });
    const offices = await mailsTo('leitungsbuero');
    expect(
      offices.map((office) => /@(\w+)\.th\./.exec(office.destination.to[0] ?? '')?.[1]).sort(),
    ).toEqual(['tmwllr', 'tmbwk', 'tmjmv', 'tmsgaf', 'tmuenf', 'tmdi'].sort());
    const board = await secretariat.get(`/v1/sessions/${sessionId}/attendance`);
    const line = (memberId: string) =>
      board.json.lines.find((candidate: { memberId: string }) => candidate.memberId === memberId);
    expect(line('th-tmik')).toMatchObject({
      status: 'represented',
      attendee: 'vertreten durch Krisenstab TMIK',
      escalations: [{ step: 'deputies', at: new Date(start + 10 * 60_000).toISOString() }],
    });
    expect(line('th-tmdi').escalations.map((step: { step: string }) => step.step)).toEqual([
      'deputies',
      'officeContacts',
    ]);
    expect(line('th-tsk').escalations).toBeUndefined();
  });

  it('leaves a session that is neither short-notice nor an exercise alone', async () => {
    // Prepare: a regular session a month ahead
    minutesIn(30);
    const regular = await secretariat.post('/v1/bodies/imas-th/sessions', {
      kind: 'regular',
      title: 'Jahresbesprechung',
      startsAt: '2027-07-01T08:00:00Z',
      endsAt: '2027-07-01T12:00:00Z',
      place: { city: 'Erfurt' },
      sendInvitations: true,
    });
    expect(regular.status).toBe(201);

    // Act
    minutesIn(90);
    const run = await runScheduledJobs(deps);

    // Assess
    expect(run.escalations).toEqual({ steps: 0, invited: 0 });
    expect(await repo.listInvitations(regular.json.id)).toHaveLength(9);
  });
});
