import { afterAll, describe, expect, it } from 'vitest';
import { DynamoConferenceRepository } from '../../shared/adapters/dynamodb/conference-repository.js';
import { parseInboundMail } from '../../shared/adapters/mail/parse-inbound.js';
import { SesMailSender } from '../../shared/adapters/ses/ses-mail-sender.js';
import { ConflictError, PreconditionFailedError } from '../../shared/domain/errors.js';
import { lands } from '../../shared/domain/lands.js';
import type { WrittenProcedure } from '../../shared/domain/written-procedure.js';
import { seedDemo } from '../../shared/use-cases/demo-seed.js';
import { processInboundMail } from '../../shared/use-cases/inbound-mail.js';
import { runScheduledJobs } from '../../shared/use-cases/scheduled-jobs.js';
import {
  closeWrittenProcedure,
  remindWrittenProcedure,
} from '../../shared/use-cases/written-procedures.js';
import { httpClient } from '../fixtures/http.js';
import { createLocalTable } from '../fixtures/local-table.js';
import { formPost, linkIn, startOwnSes } from '../fixtures/mail-links.js';
import { deliverQueued, testMailer } from '../fixtures/mailer.js';
import { passingVerdicts, rawReply } from '../fixtures/raw-mail.js';
import type { StoredMail } from '../fixtures/ses-inbox.js';
import { createTestApp, testLinkSecret } from '../fixtures/test-app.js';

const ses = await startOwnSes();

const table = await createLocalTable('procedure');
let now = new Date('2027-03-10T09:00:00Z');
const clock = { now: () => now };
const repo = new DynamoConferenceRepository(table.documentClient, table.tableName);
await seedDemo({ repo, clock });
const { app, issuer } = await createTestApp(table.documentClient, table.tableName, { clock });
const secretariat = httpClient(
  app,
  await issuer.sign({ role: 'secretariat', email: 'gs@imk.example.org', bodies: ['imk'] }),
);
const mailer = testMailer(
  repo,
  clock,
  new SesMailSender({ region: 'eu-central-1', endpoint: ses.endpoint }),
);
const inboundDeps = { repo, clock, linkSecret: testLinkSecret, senderDomain: 'imk.example.org' };

const deliverAll = async () =>
  (await deliverQueued(mailer)).filter((outcome) => outcome === 'sent').length;
const inbox = async (subject: string): Promise<StoredMail[]> =>
  (await ses.inbox()).filter((mail) => mail.subject.includes(subject));
const to = (mails: StoredMail[], address: string) => {
  const mail = mails.find((candidate) => candidate.destination.to[0]?.includes(address));
  if (mail === undefined) throw new Error(`No mail to ${address}`);
  return mail;
};
const ministerOf = (code: string) => `minister@${code.toLowerCase()}.example.org`;
const ballotLink = (mail: StoredMail) => linkIn(mail, '/links/ballots/');
const form = formPost;

const start = async (title: string, deadline: string) => {
  const response = await secretariat.post('/v1/bodies/imk/written-procedures', {
    title,
    resolutions: [
      {
        title: 'Koordinierung der Unterbringung',
        text: 'Die Länder stimmen die Unterbringung über eine gemeinsame Stelle ab.\n\nDer Bund wird gebeten, die Kosten anteilig zu tragen.',
      },
      { title: 'Berichtspflicht', text: 'Das Vorsitzland berichtet monatlich.' },
    ],
    deadline,
    reminderOffsetsHours: [48],
  });
  expect(response.status).toBe(201);
  return response.json as WrittenProcedure;
};

afterAll(async () => {
  await ses.stop();
  await table.drop();
});

describe('A written procedure among the sixteen Länder', () => {
  let procedure: WrittenProcedure;
  let ballots: StoredMail[];

  it('mails every minister a ballot with signed links, and the Bund the texts for information', async () => {
    procedure = await start('Unterbringung Geflüchteter', '2027-03-17T12:00:00+01:00');
    expect(await deliverAll()).toBe(17);
    ballots = await inbox('Umlaufverfahren: Unterbringung Geflüchteter');
    expect(ballots).toHaveLength(17);
    const bayern = to(ballots, ministerOf('DE-BY'));
    expect(bayern.subject).toBe(
      'Umlaufverfahren: Unterbringung Geflüchteter (Frist 17. März 2027, 12:00 Uhr)',
    );
    expect(bayern.replyTo[0]).toMatch(/^umlauf\+[0-9a-z]{26}\.[a-z2-7]{16}@imk\.example\.org$/);
    expect(bayern.body.text).toContain('  1. Die Länder stimmen die Unterbringung');
    // After the salutation's comma the sentence goes on in lower case.
    expect(bayern.body.text).toMatch(/,\n\nim Auftrag des Vorsitzes legt die /);
    expect(bayern.body.text).toContain(
      'Geht bis zum Fristablauf keine Antwort ein, gilt die Stimme Ihres Landes als Ablehnung.',
    );
    const bund = to(ballots, 'minister@bund.example.org');
    expect(bund.body.text).toContain('als Gast nehmen Sie an der Abstimmung nicht teil');
    expect(bund.body.text).not.toContain('/links/ballots/');
  });

  it('shows the ballot page without recording anything, and records the answer posted from it', async () => {
    const link = ballotLink(to(ballots, ministerOf('DE-BY')));
    const opened = await app.request(`${link}?antwort=zustimmung`);
    expect(opened.status).toBe(200);
    const page = await opened.text();
    expect(page).toContain('Beschlussvorschlag 2: Berichtspflicht');
    expect((await repo.getProcedure(procedure.id))?.answered).toEqual([]);

    const [first, second] = procedure.resolutionIds;
    const fields = {
      [`vote-${first}`]: 'yes',
      [`vote-${second}`]: 'abstain',
      [`statement-${first}`]: 'Bayern erwartet eine Kostenbeteiligung des Bundes.',
    };
    const answered = await app.request(link, form(fields));
    expect(answered.status).toBe(200);
    expect(await answered.text()).toContain('Ihre Antwort ist gespeichert');
    const again = await app.request(link, form(fields));
    expect(again.status).toBe(200);
    const stored = await repo.listResolutionsOfProcedure(procedure.id);
    const one = stored.find((r) => r.id === first);
    expect(one?.votes['DE-BY']).toMatchObject({ vote: 'yes', channel: 'link' });
    expect(one?.statements).toHaveLength(1);
    expect(stored.find((r) => r.id === second)?.votes['DE-BY']?.vote).toBe('abstain');
    expect((await repo.getProcedure(procedure.id))?.answered).toEqual(['DE-BY']);
  });

  it('refuses a tampered link and an incomplete answer', async () => {
    const link = ballotLink(to(ballots, ministerOf('DE-HE')));
    expect((await app.request(`${link.slice(0, -2)}xx`)).status).toBe(403);
    const incomplete = await app.request(
      link,
      form({ [`vote-${procedure.resolutionIds[0]}`]: 'yes' }),
    );
    expect(incomplete.status).toBe(422);
    expect((await repo.getProcedure(procedure.id))?.answered).toEqual(['DE-BY']);
  });

  it('takes fourteen more answers by link and reminds only the one still silent', async () => {
    const others = lands.filter((l) => l.code !== 'DE-BY' && l.code !== 'DE-TH');
    await Promise.all(
      others.map(async (land) => {
        const response = await app.request(
          ballotLink(to(ballots, ministerOf(land.code))),
          form(Object.fromEntries(procedure.resolutionIds.map((id) => [`vote-${id}`, 'yes']))),
        );
        expect(response.status).toBe(200);
      }),
    );
    expect((await repo.getProcedure(procedure.id))?.answered).toHaveLength(15);

    now = new Date('2027-03-15T12:00:00Z'); // less than 48 hours before the deadline
    const swept = await runScheduledJobs({ repo, clock });
    expect(swept.procedures).toEqual({ closed: 0, reminders: 1 });
    expect((await runScheduledJobs({ repo, clock })).procedures.reminders).toBe(0);
    await deliverAll();
    const reminders = await inbox('Erinnerung – Umlaufverfahren: Unterbringung');
    expect(reminders.map((mail) => mail.destination.to[0])).toEqual([
      expect.stringContaining(ministerOf('DE-TH')),
    ]);
  });

  it('records a reply mail from the minister and closes the procedure, mailing everyone the result', async () => {
    const thueringen = to(ballots, ministerOf('DE-TH'));
    const forged = await processInboundMail(
      inboundDeps,
      await parseInboundMail(
        rawReply({
          from: 'someone@example.org',
          to: thueringen.replyTo[0] ?? '',
          messageId: '<forged@example.org>',
          text: 'Ablehnung',
        }),
        { verdicts: passingVerdicts },
      ),
    );
    expect(forged).toMatchObject({
      state: 'review',
      procedureId: procedure.id,
      reason: 'the sender someone@example.org is not the minister',
    });

    const reply = rawReply({
      from: ministerOf('DE-TH'),
      to: thueringen.replyTo[0] ?? '',
      subject: 'AW: Umlaufverfahren',
      messageId: '<reply@de-th.example.org>',
      text: 'Zustimmung\r\n\r\nMit freundlichen Grüßen\r\n\r\n> Sehr geehrter Herr Minister, …',
    });
    const record = await processInboundMail(
      inboundDeps,
      await parseInboundMail(reply, { verdicts: passingVerdicts }),
    );
    expect(record).toMatchObject({ state: 'applied', channel: 'mail' });
    const replayed = await processInboundMail(
      inboundDeps,
      await parseInboundMail(reply, { verdicts: passingVerdicts }),
    );
    expect(replayed.state).toBe('unchanged');

    const closed = await repo.getProcedure(procedure.id);
    expect(closed).toMatchObject({ state: 'closed', closedBecause: 'all-answered' });
    const decided = await repo.listResolutionsOfProcedure(procedure.id);
    const first = decided.find((r) => r.id === procedure.resolutionIds[0]);
    expect(first).toMatchObject({
      state: 'decided',
      outcome: 'passed',
      tally: { yes: 16, no: 0, abstain: 0, absent: 0 },
    });
    expect(first?.votes['DE-TH']).toMatchObject({ vote: 'yes', channel: 'mail' });

    await deliverAll();
    const results = await inbox('Ergebnis des Umlaufverfahrens: Unterbringung');
    expect(results).toHaveLength(17);
    const text = to(results, 'minister@bund.example.org').body.text ?? '';
    expect(text).toContain(
      'Ergebnis: einstimmig angenommen (16 Zustimmungen, keine Ablehnung, keine Enthaltung)',
    );
    // The Länder as Germans list them, by name; and replies go to the secretariat.
    const order = ['Baden-Württemberg:', 'Bayern:', 'Berlin:', 'Brandenburg:', 'Bremen:'].map(
      (land) => text.indexOf(land),
    );
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(order[0]).toBeGreaterThan(0);
    expect(to(results, 'minister@bund.example.org').replyTo).toEqual([
      'geschaeftsstelle@imk.example.org',
    ]);
    expect(text).toContain('Bayern: Enthaltung');
    expect(text).toContain('Thüringen: Zustimmung');
    expect(text).toContain(
      'Protokollerklärung (Bayern): Bayern erwartet eine Kostenbeteiligung des Bundes.',
    );
  });
});

describe('A written procedure that reaches its deadline', () => {
  it('counts silence as not agreed, closes at the deadline and refuses later answers', async () => {
    now = new Date('2027-03-20T09:00:00Z');
    const procedure = await start('Fristablauf', '2027-03-21T12:00:00+01:00');
    await deliverAll();
    const ballots = await inbox('Umlaufverfahren: Fristablauf');
    const yes = Object.fromEntries(procedure.resolutionIds.map((id) => [`vote-${id}`, 'yes']));
    for (const code of ['DE-HH', 'DE-HB']) {
      expect((await app.request(ballotLink(to(ballots, ministerOf(code))), form(yes))).status).toBe(
        200,
      );
    }

    now = new Date('2027-03-21T10:59:59Z');
    expect((await runScheduledJobs({ repo, clock })).procedures.closed).toBe(0);
    now = new Date('2027-03-21T11:00:00Z');
    expect((await runScheduledJobs({ repo, clock })).procedures.closed).toBe(1);
    expect((await runScheduledJobs({ repo, clock })).procedures.closed).toBe(0);

    const closed = await repo.getProcedure(procedure.id);
    expect(closed).toMatchObject({ state: 'closed', closedBecause: 'deadline' });
    const [first] = await repo.listResolutionsOfProcedure(procedure.id);
    expect(first).toMatchObject({
      outcome: 'rejected',
      tally: { yes: 2, no: 14, abstain: 0, absent: 0 },
    });
    expect(first?.votes['DE-BY']).toMatchObject({ vote: 'no', channel: 'silence' });

    const late = await app.request(ballotLink(to(ballots, ministerOf('DE-BY'))), form(yes));
    expect(late.status).toBe(409);
    await deliverAll();
    expect(await inbox('Ergebnis des Umlaufverfahrens: Fristablauf')).toHaveLength(17);
  });
});

describe('A written procedure the secretariat reminds and closes by hand', () => {
  it('reminds only the silent, refuses a stale form, closes before the deadline and counts silence', async () => {
    // Prepare
    now = new Date('2027-04-01T09:00:00Z');
    const actor = {
      principal: {
        subject: 'gs',
        email: 'gs@imk.example.org',
        roles: ['secretariat' as const],
        bodies: ['imk'],
      },
    };
    const procedure = await start('Von Hand', '2027-04-10T12:00:00+02:00');
    await deliverAll();
    const ballots = await inbox('Umlaufverfahren: Von Hand');
    const yes = Object.fromEntries(procedure.resolutionIds.map((id) => [`vote-${id}`, 'yes']));
    for (const code of lands.map((land) => land.code).filter((code) => code !== 'DE-BY')) {
      await app.request(ballotLink(to(ballots, ministerOf(code))), form(yes));
    }
    const answered = (await repo.getProcedure(procedure.id))?.version ?? 0;

    // Act
    const stale = await remindWrittenProcedure(
      { repo, clock },
      actor,
      procedure.id,
      procedure.version,
    ).catch((error: unknown) => error);
    const reminder = await remindWrittenProcedure({ repo, clock }, actor, procedure.id, answered);
    const sentReminders = await deliverAll();
    const closed = await closeWrittenProcedure(
      { repo, clock },
      actor,
      procedure.id,
      reminder.procedure.version,
    );
    const again = await closeWrittenProcedure({ repo, clock }, actor, procedure.id, 1);

    // Assess
    expect(stale).toBeInstanceOf(PreconditionFailedError);
    expect(reminder.reminded).toBe(1);
    expect(sentReminders).toBe(1);
    const reminders = (await inbox('Von Hand')).filter((mail) => /Erinnerung/.test(mail.subject));
    expect(reminders.map((mail) => mail.destination.to[0])).toEqual([
      expect.stringContaining(ministerOf('DE-BY')),
    ]);
    expect(closed).toMatchObject({ state: 'closed', closedBecause: 'secretariat' });
    expect(again.version).toBe(closed.version);
    const [first] = await repo.listResolutionsOfProcedure(procedure.id);
    expect(first).toMatchObject({
      state: 'decided',
      outcome: 'rejected',
      tally: { yes: 15, no: 1, abstain: 0, absent: 0 },
    });
    expect(first?.votes['DE-BY']).toMatchObject({ vote: 'no', channel: 'silence' });
    await expect(
      remindWrittenProcedure({ repo, clock }, actor, procedure.id, closed.version),
    ).rejects.toBeInstanceOf(ConflictError);
    await deliverAll();
    expect(await inbox('Ergebnis des Umlaufverfahrens: Von Hand')).toHaveLength(17);
  });
});
