import { afterAll, describe, expect, it } from 'vitest';
import { DynamoConferenceRepository } from '../../shared/adapters/dynamodb/conference-repository.js';
import { SesMailSender } from '../../shared/adapters/ses/ses-mail-sender.js';
import type { Invitation } from '../../shared/domain/invitation.js';
import { seedDemo } from '../../shared/use-cases/demo-seed.js';
import { answerToken } from '../../shared/use-cases/invitations.js';
import { runScheduledJobs } from '../../shared/use-cases/scheduled-jobs.js';
import { httpClient } from '../fixtures/http.js';
import { createLocalTable } from '../fixtures/local-table.js';
import { formPost, startOwnSes } from '../fixtures/mail-links.js';
import { deliverQueued, testMailer } from '../fixtures/mailer.js';
import type { StoredMail } from '../fixtures/ses-inbox.js';
import { createTestApp, testLinkSecret } from '../fixtures/test-app.js';

/**
 * One invitation link cannot invite the world: a minister's link names at
 * most one deputy at a time, addresses outside the member wait for the
 * secretariat, confidential items reach only registered people, and a
 * change reaches every invitee however many there are.
 */
const ses = await startOwnSes();
const table = await createLocalTable('invitation-links');
const clock = { now: () => new Date() };
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
const deliverAll = () => deliverQueued(mailer);
const mailsTo = async (address: string): Promise<StoredMail[]> =>
  (await ses.inbox()).filter((mail) => mail.destination.to[0]?.includes(address));

afterAll(async () => {
  await ses.stop();
  await table.drop();
});

/** A session of the IMK with one public and one confidential item, its ministers invited. */
const invitedSession = async (title: string) => {
  const startsAt = new Date(Date.now() + 20 * 86_400_000);
  const created = await secretariat.post('/v1/bodies/imk/sessions', {
    kind: 'regular',
    title,
    startsAt: startsAt.toISOString(),
    endsAt: new Date(startsAt.getTime() + 86_400_000).toISOString(),
    place: { city: 'Hamburg' },
  });
  expect(created.status).toBe(201);
  const id: string = created.json.id;
  await secretariat.post(`/v1/sessions/${id}/agenda-items`, {
    number: '1',
    title: 'Öffentlicher Bericht zur Lage',
    public: true,
  });
  await secretariat.post(`/v1/sessions/${id}/agenda-items`, {
    number: '2',
    title: 'Vertraulich: Erkenntnisse des Verfassungsschutzes',
  });
  expect((await secretariat.post(`/v1/sessions/${id}/invitations`, {})).status).toBe(202);
  await deliverAll();
  const session = await repo.getSession(id);
  if (session === undefined) throw new Error('session missing');
  const invitations = await repo.listInvitations(id);
  const linkOf = (invitation: Invitation) =>
    `/links/invitations/${answerToken({ repo, clock, linkSecret: testLinkSecret }, session, invitation)}`;
  const principalOf = (memberId: string) => {
    const found = invitations.find((i) => i.memberId === memberId && i.capacity === 'principal');
    if (found === undefined) throw new Error(`no invitation for ${memberId}`);
    return found;
  };
  return { id, linkOf, principalOf };
};

const represent = (deputyName: string, deputyEmail: string) =>
  formPost({ status: 'represented', deputyName, deputyEmail });

describe('Deputies named by link', () => {
  it('keeps one deputy per invitation and mails no address outside the member before the secretariat confirms', async () => {
    const session = await invitedSession('Herbstkonferenz A');
    const link = session.linkOf(session.principalOf('DE-BY'));
    for (let round = 1; round <= 3; round += 1) {
      const posted = await app.request(
        link,
        represent(`Sehr geehrter Herr ${round}`, `ziel${round}@angreifer.example.net`),
      );
      expect(posted.status).toBe(200);
    }
    // A fourth deputy, and any after it, goes through the secretariat.
    for (let round = 4; round <= 6; round += 1) {
      const refused = await app.request(
        link,
        represent(`Herr ${round}`, `ziel${round}@angreifer.example.net`),
      );
      expect(refused.status).toBe(422);
      expect(await refused.text()).toContain(
        'wenden Sie sich für weitere Änderungen an die Geschäftsstelle',
      );
    }
    expect(await deliverAll()).toEqual([]);
    expect((await ses.inbox()).filter((m) => m.destination.to[0]?.includes('angreifer'))).toEqual(
      [],
    );
    const deputies = (await repo.listInvitations(session.id)).filter(
      (i) => i.capacity === 'deputy',
    );
    expect(deputies.filter((i) => i.state !== 'revoked')).toHaveLength(1);
    expect(deputies).toHaveLength(3);
    expect(deputies.find((i) => i.state === 'pending')?.email).toBe('ziel3@angreifer.example.net');
    const board = await secretariat.get(`/v1/sessions/${session.id}/attendance`);
    const bayern = board.json.lines.find((l: { memberId: string }) => l.memberId === 'DE-BY');
    // Nobody attends for Bayern while the deputy waits for the secretariat.
    expect(bayern).toMatchObject({
      status: 'pending',
      pendingDeputy: { email: 'ziel3@angreifer.example.net' },
    });
    expect(board.json.pressSentence).not.toContain('Bayern');

    // Confirmed by the secretariat, the deputy is mailed once, without the confidential item.
    const pending = deputies.find((i) => i.state === 'pending') as Invitation;
    const confirmed = await secretariat.post(
      `/v1/sessions/${session.id}/invitations/${pending.id}/confirmation`,
      undefined,
    );
    expect(confirmed.status).toBe(200);
    expect(await deliverAll()).toEqual(['sent']);
    const [mail] = await mailsTo('ziel3@angreifer.example.net');
    expect(mail?.body.text).toContain('Öffentlicher Bericht zur Lage');
    expect(mail?.body.text).not.toContain('Verfassungsschutz');
    expect(mail?.body.html).not.toContain('Verfassungsschutz');
    expect(mail?.body.text).toContain('Weitere, nicht öffentliche Tagesordnungspunkte');
    // The minister's own mail names every item.
    const [ministers] = await mailsTo('minister@de-by.example.org');
    expect(ministers?.body.text).toContain('Vertraulich: Erkenntnisse des Verfassungsschutzes');
  });

  it('invites a deputy from the member’s own domain at once, and replaces them with a notice when another is named', async () => {
    const session = await invitedSession('Herbstkonferenz B');
    const link = session.linkOf(session.principalOf('DE-HE'));
    await app.request(link, represent('StS Dr. Erste', 'erste@de-he.example.org'));
    expect(await deliverAll()).toEqual(['sent']);
    const first = (await repo.listInvitations(session.id)).find(
      (i) => i.email === 'erste@de-he.example.org',
    ) as Invitation;
    const firstLink = session.linkOf(first);
    expect((await app.request(firstLink)).status).toBe(200);

    await app.request(link, represent('StS Zweite', 'zweite@de-he.example.org'));
    expect((await deliverAll()).sort()).toEqual(['sent', 'sent']);
    const notices = await mailsTo('erste@de-he.example.org');
    expect(notices.map((m) => m.subject.split(':')[0])).toEqual([
      'Einladung',
      'Einladung zurückgezogen',
    ]);
    expect(notices[1]?.body.text).toContain('die Links darin gelten nicht mehr');
    // A deputy is offered no "Vertretung melden": only the minister names one.
    expect(notices[0]?.body.text).not.toContain('Vertretung melden');
    expect(notices[0]?.body.html).not.toContain('Vertretung melden');
    const gone = await app.request(firstLink);
    expect(gone.status).toBe(410);
    expect((await app.request(firstLink, formPost({ status: 'accepted' }))).status).toBe(410);

    // The same deputy again changes nothing and mails nobody.
    await app.request(link, represent('StS Zweite', 'zweite@de-he.example.org'));
    expect(await deliverAll()).toEqual([]);

    // The deputy's own link cannot name a deputy in turn.
    const second = (await repo.listInvitations(session.id)).find(
      (i) => i.email === 'zweite@de-he.example.org',
    ) as Invitation;
    const chained = await app.request(
      session.linkOf(second),
      represent('Dritte', 'dritte@de-he.example.org'),
    );
    expect(chained.status).toBe(422);
    expect(await chained.text()).toContain('Eine Vertretung kann nur');

    // The minister declines after all: the deputy is revoked and told once.
    await app.request(link, formPost({ status: 'declined' }));
    expect(await deliverAll()).toEqual(['sent']);
    expect((await mailsTo('zweite@de-he.example.org')).at(-1)?.subject).toMatch(
      /^Einladung zurückgezogen: /,
    );
    expect(await deliverAll()).toEqual([]);
  });

  it('lets the secretariat revoke an invitation, which kills its links and is audited', async () => {
    const session = await invitedSession('Herbstkonferenz C');
    const invitation = session.principalOf('DE-SL');
    const revoked = await secretariat.delete(
      `/v1/sessions/${session.id}/invitations/${invitation.id}`,
    );
    expect(revoked.status).toBe(200);
    expect(revoked.json.state).toBe('revoked');
    expect((await app.request(session.linkOf(invitation))).status).toBe(410);
    const audit = await secretariat.get(`/v1/audit?object=session:${session.id}&limit=100`);
    expect(audit.json.items.at(-1)).toMatchObject({
      action: 'invitation.revoked',
      actor: 'gs@imk.example.org',
    });
    expect(await deliverAll()).toEqual(['sent']);
  });
});

describe('A deputy after the session moved to other days', () => {
  it('is revoked when the minister then declines', async () => {
    const session = await invitedSession('Herbstkonferenz E');
    const link = session.linkOf(session.principalOf('DE-RP'));
    await app.request(link, represent('StS Vertreter', 'sts@de-rp.example.org'));
    await deliverAll();
    const current = await secretariat.get(`/v1/sessions/${session.id}`);
    const shift = (at: string) => new Date(Date.parse(at) + 2 * 86_400_000).toISOString();
    const moved = await secretariat.patch(
      `/v1/sessions/${session.id}`,
      { startsAt: shift(current.json.startsAt), endsAt: shift(current.json.endsAt) },
      { 'if-match': current.headers.get('etag') as string },
    );
    expect(moved.status).toBe(200);
    await deliverAll();
    await app.request(link, formPost({ status: 'declined' }));
    const deputy = (await repo.listInvitations(session.id)).find(
      (i) => i.email === 'sts@de-rp.example.org',
    ) as Invitation;
    expect(deputy.state).toBe('revoked');
    expect((await app.request(session.linkOf(deputy))).status).toBe(410);
  });
});

describe('A change of a session with many invitees', () => {
  it('reaches all 120 invitees with the update and the cancellation', async () => {
    const session = await invitedSession('Großer Verteiler');
    // Eighteen office contacts more for each of six Länder, invited by name.
    const ids: string[] = [];
    for (const code of ['DE-HB', 'DE-HH', 'DE-BE', 'DE-BB', 'DE-MV', 'DE-SH']) {
      const member = (await secretariat.get(`/v1/bodies/imk/members/${code}`)).json;
      const people = [
        ...member.people.map(({ id: _id, ...person }: { id: string }) => person),
        ...Array.from({ length: 18 }, (_, index) => ({
          capacity: 'office_contact',
          name: `Referat ${index}`,
          function: 'Referat',
          email: `referat${index}@${code.toLowerCase()}.example.org`,
        })),
      ];
      const patched = await secretariat.patch(
        `/v1/bodies/imk/members/${code}`,
        { people },
        { 'if-match': `"${member.version}"` },
      );
      expect(patched.status).toBe(200);
      ids.push(
        ...patched.json.people
          .filter((p: { email: string }) => p.email.startsWith('referat'))
          .map((p: { id: string }) => p.id),
      );
    }
    const invited = await secretariat.post(`/v1/sessions/${session.id}/invitations`, {
      personIds: ids,
    });
    expect(invited.status).toBe(202);
    await deliverAll();
    const invitees = (await repo.listInvitations(session.id)).length;
    expect(invitees).toBeGreaterThanOrEqual(120);

    const current = await secretariat.get(`/v1/sessions/${session.id}`);
    const moved = await secretariat.patch(
      `/v1/sessions/${session.id}`,
      { endsAt: new Date(Date.parse(current.json.endsAt) + 3_600_000).toISOString() },
      { 'if-match': current.headers.get('etag') as string },
    );
    expect(moved.status).toBe(200);
    expect((await deliverAll()).filter((o) => o === 'sent')).toHaveLength(invitees);

    const cancelled = await secretariat.delete(`/v1/sessions/${session.id}`, {
      'if-match': moved.headers.get('etag') as string,
    });
    expect(cancelled.status).toBe(200);
    // Whatever the request did not send, the notice sweep sends; nobody twice.
    await runScheduledJobs({ repo, clock });
    expect((await deliverAll()).filter((o) => o === 'sent')).toHaveLength(invitees);
    expect(await repo.getNoticeJob(session.id)).toBeUndefined();
  }, 180_000);
});

describe('The attendance board', () => {
  it('takes the minister’s own answer over a deputy’s, and names who actually attends', async () => {
    const session = await invitedSession('Herbstkonferenz D');
    const link = session.linkOf(session.principalOf('DE-SN'));
    await app.request(
      link,
      represent('Staatssekretärin Dr. Jana Richter', 'richter@de-sn.example.org'),
    );
    await deliverAll();
    const deputy = (await repo.listInvitations(session.id)).find(
      (i) => i.email === 'richter@de-sn.example.org',
    ) as Invitation;
    await app.request(session.linkOf(deputy), formPost({ status: 'accepted' }));
    const line = async () =>
      (await secretariat.get(`/v1/sessions/${session.id}/attendance`)).json.lines.find(
        (l: { memberId: string }) => l.memberId === 'DE-SN',
      );
    expect(await line()).toMatchObject({
      status: 'represented',
      attendee: 'vertreten durch Staatssekretärin Dr. Jana Richter',
    });
    const board = (await secretariat.get(`/v1/sessions/${session.id}/attendance`)).json;
    expect(board.counts.represented).toBe(1);
    expect(board.counts.accepted).toBe(0);

    // The deputy cannot come after all: nobody attends for Sachsen.
    await app.request(session.linkOf(deputy), formPost({ status: 'declined' }));
    expect(await line()).toMatchObject({ status: 'declined' });
    expect((await line()).attendee).toBeUndefined();

    // The minister's own acceptance stands over anything the deputy said.
    await app.request(link, formPost({ status: 'accepted' }));
    expect(await line()).toMatchObject({ status: 'accepted', attendee: expect.any(String) });
    expect((await line()).attendee).not.toContain('vertreten');
  });
});
