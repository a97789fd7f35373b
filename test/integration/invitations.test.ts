import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoConferenceRepository } from '../../shared/adapters/dynamodb/conference-repository.js';
import { SesMailSender } from '../../shared/adapters/ses/ses-mail-sender.js';
import { federationId } from '../../shared/domain/lands.js';
import { seedDemo } from '../../shared/use-cases/demo-seed.js';
import { httpClient } from '../fixtures/http.js';
import { createLocalTable } from '../fixtures/local-table.js';
import { formPost, linkIn, startOwnSes } from '../fixtures/mail-links.js';
import { deliverQueued, testMailer } from '../fixtures/mailer.js';
import type { StoredMail } from '../fixtures/ses-inbox.js';
import { createTestApp } from '../fixtures/test-app.js';

const table = await createLocalTable('invitations');
/** Its own local SES: the counts below hold while other files send mail at the same time. */
const ses = await startOwnSes();
const sesInbox = { all: ses.inbox, clear: ses.clear };
const clock = { now: () => new Date() };
const repo = new DynamoConferenceRepository(table.documentClient, table.tableName);
const { sessionId = '' } = await seedDemo({ repo, clock });
/** The answers the app counted (EMF AnswerRecorded in AWS), by channel. */
const counted: string[] = [];
const { app, issuer } = await createTestApp(table.documentClient, table.tableName, {
  clock,
  countAnswer: (channel) => counted.push(channel),
});
const secretariat = httpClient(
  app,
  await issuer.sign({ role: 'secretariat', email: 'gs@imk.example.org', bodies: ['imk'] }),
);
const mailer = testMailer(
  repo,
  clock,
  new SesMailSender({ region: 'eu-central-1', endpoint: ses.endpoint }),
);
const deliverAll = () => deliverQueued(mailer);

const linkOf = (mail: StoredMail) => linkIn(mail, '/links/invitations/');
const form = formPost;

describe('Invitations by mail, answered by link', () => {
  let mails: StoredMail[];

  beforeAll(async () => {
    await sesInbox.clear();
    const sent = await secretariat.post(`/v1/sessions/${sessionId}/invitations`, {});
    expect(sent.status).toBe(202);
    expect(sent.json.invited).toHaveLength(17);
    expect(await deliverAll()).toEqual(Array(17).fill('sent'));
    mails = await sesInbox.all();
  });

  afterAll(async () => {
    await table.drop();
    await ses.stop();
  });

  it('sends one personal German mail to each of the 17 ministers, with a calendar REQUEST', async () => {
    expect(mails).toHaveLength(17);
    const recipients = mails.flatMap((mail) => mail.destination.to);
    expect(new Set(recipients).size).toBe(17);
    for (const mail of mails) {
      expect(mail.destination.to).toHaveLength(1);
      expect(mail.destination.cc).toEqual([]);
      expect(mail.destination.bcc).toEqual([]);
      expect(mail.subject).toMatch(
        /^Einladung: Konstituierende Sitzung der IMK vom 3\. bis 6\. März \d{4}, Hamburg$/,
      );
      expect(mail.replyTo[0]).toMatch(/^antwort\+[0-9a-z]{26}\.[a-z2-7]{16}@imk\.example\.org$/);
      expect(mail.body.text).toContain(
        'Ratsstube, Hamburger Rathaus, Rathausmarkt 1, 20095 Hamburg',
      );
      expect(mail.body.text).toMatch(/Zusagen: +http/);
      expect(mail.body.html).toContain('Vertretung melden');
      const calendar = mail.attachments.find((part) =>
        part.contentType.startsWith('text/calendar'),
      );
      const ics = Buffer.from(calendar?.content ?? '', 'base64').toString('utf8');
      expect(ics).toContain('METHOD:REQUEST');
      expect(ics).toContain(`UID:session-${sessionId}@conference-coordination`);
      expect(ics).toMatch(/ORGANIZER;CN="?Geschäftsstelle der IMK"?:mailto:antwort\+/);
      expect(ics).toMatch(/ATTENDEE;[^\n]*RSVP=TRUE/);
    }
    const links = new Set(mails.map(linkOf));
    expect(links.size).toBe(17);
    // Each minister by their form of address, never "Sehr geehrte/r".
    const greetingOf = (address: string) =>
      mails.find((mail) => mail.destination.to[0]?.includes(address))?.body.text?.split('\n')[0];
    expect(greetingOf('minister@de-be.example.org')).toBe('Sehr geehrte Frau Senatorin,');
    expect(greetingOf('minister@de-by.example.org')).toBe('Sehr geehrter Herr Minister,');
    expect(greetingOf('minister@bund.example.org')).toBe('Sehr geehrter Herr Bundesminister,');
    for (const mail of mails) {
      expect(mail.body.text).not.toContain('geehrte/r');
      expect(mail.body.html).not.toContain('geehrte/r');
    }
  });

  it('shows the answer page on GET and HEAD without changing anything; only POST records', async () => {
    const mail = mails.find((m) =>
      m.destination.to[0]?.includes('minister@de-by.example.org'),
    ) as StoredMail;
    const link = linkOf(mail);
    const page = await app.request(`${link}?antwort=zusage`);
    expect(page.status).toBe(200);
    const text = await page.text();
    expect(text).toContain('Konstituierende Sitzung der IMK');
    expect(text).toMatch(/value="accepted" checked/);
    expect((await app.request(link, { method: 'HEAD' })).status).toBe(200);
    expect(counted).toEqual([]);
    const before = await secretariat.get(`/v1/sessions/${sessionId}/attendance`);
    expect(before.json.lines.find((l: { memberId: string }) => l.memberId === 'DE-BY').status).toBe(
      'pending',
    );

    const confirmed = await app.request(link, form({ status: 'accepted' }));
    expect(confirmed.status).toBe(200);
    expect(await confirmed.text()).toContain('Ihre Antwort ist gespeichert');
    const after = await secretariat.get(`/v1/sessions/${sessionId}/attendance`);
    expect(
      after.json.lines.find((l: { memberId: string }) => l.memberId === 'DE-BY'),
    ).toMatchObject({
      status: 'accepted',
      channel: 'link',
      attendee: 'Josef Brandl',
    });
    expect(counted).toEqual(['link']);
  });

  it('reports deputies and writes the press sentence', async () => {
    const linkFor = (address: string) =>
      linkOf(mails.find((m) => m.destination.to[0]?.includes(address)) as StoredMail);
    for (const address of [
      'minister@de-hh.example.org',
      'minister@de-th.example.org',
      'minister@bund.example.org',
    ]) {
      expect((await app.request(linkFor(address), form({ status: 'accepted' }))).status).toBe(200);
    }
    const nrw = await app.request(
      linkFor('minister@de-nw.example.org'),
      form({
        status: 'represented',
        deputyName: 'StS Dr. Weber',
        deputyEmail: 'sts@de-nw.example.org',
      }),
    );
    expect(nrw.status).toBe(200);
    expect(
      (await app.request(linkFor('minister@de-sn.example.org'), form({ status: 'declined' })))
        .status,
    ).toBe(200);
    const board = await secretariat.get(`/v1/sessions/${sessionId}/attendance`);
    expect(board.json.pressSentence).toBe(
      'Bisher bestätigten die Ministerinnen und Minister aus Bayern, Hamburg, Nordrhein-Westfalen und Thüringen sowie der Bundesinnenminister ihre Teilnahme.',
    );
    expect(
      board.json.lines.find((l: { memberId: string }) => l.memberId === 'DE-NW').attendee,
    ).toBe('vertreten durch StS Dr. Weber');
    expect(board.json.counts).toMatchObject({
      accepted: 4,
      represented: 1,
      declined: 1,
      pending: 11,
    });
    expect(
      board.json.lines.find((l: { memberId: string }) => l.memberId === federationId).voting,
    ).toBe(false);
  });

  it('invites a named deputy with their own mail and links', async () => {
    expect(await deliverAll()).toEqual(['sent']);
    const inbox = await sesInbox.all();
    expect(inbox).toHaveLength(18);
    const deputyMail = inbox.find((mail) =>
      mail.destination.to[0]?.includes('sts@de-nw.example.org'),
    );
    expect(deputyMail?.body.text).toContain('Guten Tag StS Dr. Weber,');
    expect(linkOf(deputyMail as StoredMail)).not.toBe(
      linkOf(
        mails.find((m) =>
          m.destination.to[0]?.includes('minister@de-nw.example.org'),
        ) as StoredMail,
      ),
    );
    const invitations = await repo.listInvitations(sessionId);
    expect(
      invitations
        .filter((i) => i.memberId === 'DE-NW')
        .map((i) => i.capacity)
        .sort(),
    ).toEqual(['deputy', 'principal']);
  });

  it('records an answer the secretariat took by phone, with its channel and under its name', async () => {
    const invitation = (await repo.listInvitations(sessionId)).find((i) => i.memberId === 'DE-SL');
    const recorded = await secretariat.post(
      `/v1/sessions/${sessionId}/invitations/${invitation?.id}/answer`,
      { status: 'tentative', comment: 'telefonisch' },
    );
    expect(recorded.status).toBe(200);
    expect(counted.at(-1)).toBe('secretariat');
    const board = await secretariat.get(`/v1/sessions/${sessionId}/attendance`);
    expect(
      board.json.lines.find((l: { memberId: string }) => l.memberId === 'DE-SL'),
    ).toMatchObject({
      status: 'tentative',
      channel: 'secretariat',
    });
    const audit = await secretariat.get(`/v1/audit?object=session:${sessionId}&limit=100`);
    expect(audit.json.items.at(-1)).toMatchObject({
      action: 'invitation.tentative',
      actor: 'gs@imk.example.org',
    });
  });

  it('never sends twice: redelivery finds nothing, and inviting again invites nobody', async () => {
    const entries = await repo.listQueuedOutbox(25);
    expect(entries).toEqual([]);
    const again = await secretariat.post(`/v1/sessions/${sessionId}/invitations`, {});
    expect(again.status).toBe(202);
    expect(again.json).toMatchObject({ invited: [], alreadyInvited: 18 });
    expect(await deliverAll()).toEqual([]);
    expect(await sesInbox.all()).toHaveLength(18);
  });

  it('refuses tampered and foreign links with a clear page', async () => {
    const link = linkOf(mails[0] as StoredMail);
    const tampered = await app.request(`${link.slice(0, -3)}AAA`);
    expect(tampered.status).toBe(403);
    expect(await tampered.text()).toContain('Link nicht gültig');
    const truncated = await app.request('/links/invitations/abc');
    expect(truncated.status).toBe(403);
    const post = await app.request(`${link.slice(0, -3)}AAA`, form({ status: 'declined' }));
    expect(post.status).toBe(403);
  });

  it('invites at once when a crisis session is created with sendInvitations', async () => {
    const created = await secretariat.post('/v1/bodies/imk/sessions', {
      kind: 'video',
      title: 'Videokonferenz zur Lage',
      startsAt: new Date(Date.now() + 2 * 3600_000).toISOString(),
      endsAt: new Date(Date.now() + 3 * 3600_000).toISOString(),
      videoLink: 'https://video.example.org/lage',
      sendInvitations: true,
    });
    expect(created.status).toBe(201);
    expect(created.json.state).toBe('invited');
    expect(created.headers.get('x-invitations-sent')).toBe('17');
    expect(await deliverAll()).toEqual(Array(17).fill('sent'));
    const crisis = (await sesInbox.all()).filter((mail) =>
      mail.subject.startsWith('Einladung: Videokonferenz zur Lage'),
    );
    expect(crisis).toHaveLength(17);
    expect(crisis[0]?.body.text).toContain('Videokonferenz: https://video.example.org/lage');
  });

  it('changes state exactly once when the same link is posted 100 times at once', async () => {
    const link = linkOf(
      mails.find((m) => m.destination.to[0]?.includes('minister@de-he.example.org')) as StoredMail,
    );
    const results = await Promise.all(
      Array.from({ length: 100 }, () => app.request(link, form({ status: 'accepted' }))),
    );
    expect(results.map((r) => r.status).every((status) => status === 200)).toBe(true);
    const audit = await secretariat.get(`/v1/audit?object=session:${sessionId}&limit=100`);
    const hessen = audit.json.items.filter(
      (entry: { action: string; changedFields: string[] }) =>
        entry.action === 'invitation.accepted' && entry.changedFields.includes('DE-HE:link'),
    );
    expect(hessen).toHaveLength(1);
  });

  it('changes each of 17 links exactly once when all are posted at once, and mails only the revoked deputy', async () => {
    const before = (await sesInbox.all()).length;
    const links = mails.map(linkOf);
    expect(links).toHaveLength(17);
    const results = await Promise.all(
      links.flatMap((link) =>
        [1, 2, 3].map(() => app.request(link, form({ status: 'tentative' }))),
      ),
    );
    expect(results.every((response) => response.status === 200)).toBe(true);
    const audit = await secretariat.get(`/v1/audit?object=session:${sessionId}&limit=100`);
    const tentative = audit.json.items.filter(
      (entry: { action: string; changedFields: string[] }) =>
        entry.action === 'invitation.tentative' &&
        entry.changedFields.some((field) => field.endsWith(':link')),
    );
    expect(tentative).toHaveLength(17);
    expect(
      new Set(tentative.map((entry: { changedFields: string[] }) => entry.changedFields[0])).size,
    ).toBe(17);
    // Nordrhein-Westfalen's minister answered anew, so the deputy named before is told once that
    // the invitation is withdrawn.
    expect(await deliverAll()).toEqual(['sent']);
    const after = await sesInbox.all();
    expect(after).toHaveLength(before + 1);
    expect(after.at(-1)?.destination.to[0]).toContain('sts@de-nw.example.org');
    expect(after.at(-1)?.subject).toMatch(/^Einladung zurückgezogen: /);
  });

  describe('when the session changes', () => {
    const icsOf = (mail: StoredMail) =>
      Buffer.from(
        mail.attachments.find((p) => p.contentType.startsWith('text/calendar'))?.content ?? '',
        'base64',
      ).toString('utf8');
    const change = async (method: 'PATCH' | 'DELETE', body?: unknown) => {
      const current = await secretariat.get(`/v1/sessions/${sessionId}`);
      const headers = { 'if-match': current.headers.get('etag') as string };
      const response =
        method === 'PATCH'
          ? await secretariat.patch(`/v1/sessions/${sessionId}`, body, headers)
          : await secretariat.delete(`/v1/sessions/${sessionId}`, headers);
      expect(response.status).toBe(200);
      await sesInbox.clear();
      const outcomes = await deliverAll();
      return { session: response.json, outcomes, mails: await sesInbox.all() };
    };

    it('sends everyone an update with SEQUENCE 1 and keeps the answers when the days stay', async () => {
      const before = await secretariat.get(`/v1/sessions/${sessionId}`);
      const later = new Date(Date.parse(before.json.endsAt) + 3600_000).toISOString();
      const { session, mails: updates } = await change('PATCH', { endsAt: later });
      expect(session.sequence).toBe(1);
      expect(updates).toHaveLength(17);
      for (const mail of updates) {
        expect(mail.subject).toMatch(/^Geänderte Einladung: Konstituierende Sitzung der IMK/);
        expect(icsOf(mail)).toContain('METHOD:REQUEST');
        expect(icsOf(mail)).toContain('SEQUENCE:1');
        expect(icsOf(mail)).toContain(`UID:session-${sessionId}@conference-coordination`);
      }
      const board = await secretariat.get(`/v1/sessions/${sessionId}/attendance`);
      expect(
        // The race above left every answer at "tentative"; a change on the same days keeps it.
        board.json.lines.find((l: { memberId: string }) => l.memberId === 'DE-BY').status,
      ).toBe('tentative');
    });

    it('asks everyone again when the session moves to other days', async () => {
      const before = await secretariat.get(`/v1/sessions/${sessionId}`);
      const shift = (at: string) => new Date(Date.parse(at) + 86_400_000).toISOString();
      const { session, mails: updates } = await change('PATCH', {
        startsAt: shift(before.json.startsAt),
        endsAt: shift(before.json.endsAt),
      });
      expect(session.sequence).toBe(2);
      expect(updates).toHaveLength(17);
      expect(updates.every((mail) => icsOf(mail).includes('SEQUENCE:2'))).toBe(true);
      expect(updates[0]?.body.text).toContain(
        'Ihre bisherige Antwort gilt für die geänderte Sitzung nicht mehr.',
      );
      expect(updates[0]?.body.text).toMatch(/Bitte antworten Sie erneut bis .+:/);
      const board = await secretariat.get(`/v1/sessions/${sessionId}/attendance`);
      expect(board.json.counts.pending).toBe(17);
      expect(board.json.pressSentence).toBe('Bisher hat noch niemand die Teilnahme bestätigt.');
    });

    it('sends METHOD:CANCEL when the session is cancelled, and takes no more answers', async () => {
      const link = linkOf(mails[0] as StoredMail);
      const { session, mails: notices } = await change('DELETE');
      expect(session).toMatchObject({ state: 'cancelled', sequence: 3 });
      expect(notices).toHaveLength(17);
      for (const mail of notices) {
        expect(mail.subject).toMatch(/^Abgesagt: /);
        expect(icsOf(mail)).toContain('METHOD:CANCEL');
        expect(icsOf(mail)).toContain('STATUS:CANCELLED');
        expect(icsOf(mail)).toContain('SEQUENCE:3');
        expect(mail.body.text).not.toContain('/links/invitations/');
      }
      const late = await app.request(link, form({ status: 'accepted' }));
      expect(late.status).toBe(409);
      expect(await late.text()).toContain('Die Sitzung ist abgesagt.');
    });
  });
});
