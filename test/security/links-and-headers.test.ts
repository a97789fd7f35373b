import { Logger } from '@aws-lambda-powertools/logger';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { DynamoConferenceRepository } from '../../shared/adapters/dynamodb/conference-repository.js';
import { signLink } from '../../shared/domain/link-token.js';
import type { Session } from '../../shared/domain/session.js';
import { systemActor } from '../../shared/use-cases/context.js';
import { seedDemo } from '../../shared/use-cases/demo-seed.js';
import { answerToken, sendInvitations } from '../../shared/use-cases/invitations.js';
import { ballotToken, startWrittenProcedure } from '../../shared/use-cases/written-procedures.js';
import { httpClient } from '../fixtures/http.js';
import { createLocalTable } from '../fixtures/local-table.js';
import { formPost } from '../fixtures/mail-links.js';
import { createTestApp, testLinkSecret } from '../fixtures/test-app.js';

const table = await createLocalTable('links');
const clock = { now: () => new Date('2026-11-23T08:00:00Z') };
const repo = new DynamoConferenceRepository(table.documentClient, table.tableName);
const deps = { repo, clock, linkSecret: testLinkSecret };
const { sessionId = '' } = await seedDemo(deps);
const session = (await repo.getSession(sessionId)) as Session;
const { invited } = await sendInvitations(deps, systemActor, sessionId, {});
const bayern = invited.find((i) => i.memberId === 'DE-BY' && i.capacity === 'principal');
if (bayern === undefined) throw new Error('Bayern was not invited');
const { value: procedure } = await startWrittenProcedure(deps, systemActor, 'imk', {
  title: 'Umlauf',
  resolutions: [{ title: 'Vorschlag', text: 'Absatz.' }],
  deadline: '2026-12-01T12:00:00+01:00',
});
const [ballot] = await repo.listBallots(procedure.id);

// Every line the app's logger writes (it writes JSON to stdout, as in Lambda).
const logs: string[] = [];
const write = process.stdout.write.bind(process.stdout);
const stdout = vi
  .spyOn(process.stdout, 'write')
  .mockImplementation((chunk: string | Uint8Array, ...rest) => {
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    logs.push(text);
    // The app's own lines are kept for the test, not printed.
    return text.includes('"service":"security-test"') ? true : write(chunk, ...(rest as []));
  });
const logger = new Logger({ serviceName: 'security-test', logLevel: 'DEBUG' });
const { app, issuer } = await createTestApp(table.documentClient, table.tableName, {
  clock,
  logger,
});
const adminToken = await issuer.sign({ role: 'admin', email: 'admin@example.org', bodies: [] });
const admin = httpClient(app, adminToken);
const press = httpClient(
  app,
  await issuer.sign({ role: 'press', email: 'p@example.org', bodies: [] }),
);

const invitationLink = `/links/invitations/${answerToken(deps, session, bayern)}`;
const form = formPost;
const itemCount = async () =>
  (
    await table.documentClient.send(
      new ScanCommand({ TableName: table.tableName, Select: 'COUNT' }),
    )
  ).Count ?? 0;

afterAll(async () => {
  stdout.mockRestore();
  await table.drop();
});

describe('Signed links', () => {
  it('refuses a tampered token, and records nothing', async () => {
    const [payload, signature] = invitationLink.split('/').at(-1)?.split('.') ?? [];
    const flipped = `${signature?.[0] === 'A' ? 'B' : 'A'}${signature?.slice(1)}`;
    const response = await app.request(
      `/links/invitations/${payload}.${flipped}`,
      form({ status: 'accepted' }),
    );
    expect(response.status).toBe(403);
    expect(await response.text()).toContain('Dieser Link ist ungültig');
    expect((await repo.getInvitation(sessionId, bayern.id))?.answer).toBeUndefined();
  });

  it('refuses an expired token with 410', async () => {
    const expired = signLink(testLinkSecret, {
      subject: `${sessionId}:${bayern.id}`,
      purpose: 'invitation-answer',
      expiresAt: Math.floor(clock.now().getTime() / 1000) - 1,
    });
    expect((await app.request(`/links/invitations/${expired}`)).status).toBe(410);
  });

  it('refuses a token made for another purpose', async () => {
    const ballotLink = ballotToken(testLinkSecret, procedure, ballot ?? ({} as never));
    const asInvitation = await app.request(
      `/links/invitations/${ballotLink}`,
      form({ status: 'accepted' }),
    );
    expect(asInvitation.status).toBe(403);
    expect(await asInvitation.text()).toContain('gehört nicht zu einer Einladung');
    const confirm = signLink(testLinkSecret, {
      subject: 'someone',
      purpose: 'press-confirm',
      expiresAt: Math.floor(clock.now().getTime() / 1000) + 60,
    });
    expect((await app.request(`/links/press-list/unsubscribe/${confirm}`, form({}))).status).toBe(
      403,
    );
  });

  it('changes nothing when a link is opened again after the answer changed', async () => {
    expect((await app.request(invitationLink, form({ status: 'accepted' }))).status).toBe(200);
    expect((await app.request(invitationLink, form({ status: 'declined' }))).status).toBe(200);
    // The mail's "Zusagen" link, opened again (or by a link scanner): shown, not recorded.
    const reopened = await app.request(`${invitationLink}?antwort=zusage`);
    expect(reopened.status).toBe(200);
    expect(await reopened.text()).toMatch(/<meta name="robots" content="noindex"\/?>/);
    expect((await repo.getInvitation(sessionId, bayern.id))?.answer?.status).toBe('declined');
  });
});

describe('Values that reach mail headers', () => {
  const crlf = 'Innenministerkonferenz\r\nBcc: opfer@example.org';
  const cases: [string, () => Promise<{ status: number; text: string }>][] = [
    [
      'a body name',
      () =>
        admin.post('/v1/bodies', {
          id: 'ag-x',
          name: crlf,
          shortName: 'AG',
          kind: 'crisis_staff',
          decisionRule: { kind: 'majority' },
        }),
    ],
    [
      'a person name',
      () =>
        admin.post('/v1/bodies/imk/members', {
          memberId: 'DE-HH',
          name: 'Hamburg',
          voting: true,
          people: [
            { capacity: 'principal', name: crlf, function: 'Senator', email: 'a@example.org' },
          ],
        }),
    ],
    [
      'a session title',
      () =>
        admin.post('/v1/bodies/imk/sessions', {
          kind: 'video',
          title: crlf,
          startsAt: '2027-01-10T18:00:00+01:00',
          endsAt: '2027-01-10T19:00:00+01:00',
          videoLink: 'https://video.example.org/x',
        }),
    ],
    [
      'a place in a subject',
      () =>
        admin.post('/v1/bodies/imk/sessions', {
          kind: 'regular',
          title: 'Sitzung',
          startsAt: '2027-01-10T18:00:00+01:00',
          endsAt: '2027-01-10T19:00:00+01:00',
          place: { city: 'Hamburg\nBcc: x@example.org' },
        }),
    ],
    [
      'a written procedure title',
      () =>
        admin.post('/v1/bodies/imk/written-procedures', {
          title: crlf,
          resolutions: [{ title: 'Vorschlag', text: 'Absatz.' }],
          deadline: '2026-12-01T12:00:00+01:00',
        }),
    ],
    [
      'a press release title',
      () =>
        press.post('/v1/press-releases', {
          bodyId: 'imk',
          title: crlf,
          dateline: 'HAMBURG',
          body: 'Text.',
        }),
    ],
    [
      'a journalist name',
      () => admin.post('/public/press-list', { email: 'j@example.org', name: crlf }),
    ],
  ];

  for (const [name, send] of cases) {
    it(`refuses a line break in ${name}, and stores nothing`, async () => {
      const before = await itemCount();
      const response = await send();
      expect(response.status).toBe(400);
      expect(response.text).toContain('Eine einzelne Zeile (ohne Zeilenumbruch).');
      expect(await itemCount()).toBe(before);
    });
  }

  it('refuses a line break in a deputy named on the answer page', async () => {
    const response = await app.request(
      invitationLink,
      form({
        status: 'represented',
        deputyName: 'StS\r\nBcc: x@example.org',
        deputyEmail: 'sts@example.org',
      }),
    );
    expect(response.status).toBe(422);
    expect((await repo.listInvitations(sessionId)).some((i) => i.email === 'sts@example.org')).toBe(
      false,
    );
  });
});

describe('Logs', () => {
  it('never contain a bearer token, a link token or the link key', async () => {
    await admin.get('/v1/bodies');
    await app.request(invitationLink);
    await app.request(
      `/links/ballots/${ballotToken(testLinkSecret, procedure, ballot ?? ({} as never))}`,
    );
    await app.request('/v1/bodies', { headers: { authorization: 'Bearer not-a-token' } });
    const text = logs.join('\n');
    expect(text).toContain('"path":"/links/invitations/[token]"');
    expect(text).toContain('"path":"/v1/bodies"');
    for (const secret of [
      adminToken,
      adminToken.split('.')[2] ?? '',
      invitationLink.split('/').at(-1) ?? '',
      testLinkSecret,
      'not-a-token',
    ]) {
      expect(text).not.toContain(secret);
    }
  });
});
