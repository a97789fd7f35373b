import { describe, expect, it } from 'vitest';
import { DynamoConferenceRepository } from '../../shared/adapters/dynamodb/conference-repository.js';
import { DynamoStaffDirectory } from '../../shared/adapters/dynamodb/staff-directory.js';
import type { ConferenceRepository } from '../../shared/ports/conference-repository.js';
import { systemActor } from '../../shared/use-cases/context.js';
import { seedDemo, seedDemoStaff } from '../../shared/use-cases/demo-seed.js';
import { recordAnswerForInvitee, sendInvitations } from '../../shared/use-cases/invitations.js';
import { sessionOverview } from '../../shared/use-cases/session-overview.js';
import { createLocalTable } from '../fixtures/local-table.js';
import { createTestApp, testLinkSecret } from '../fixtures/test-app.js';

const table = await createLocalTable('console-overview');
let now = new Date('2027-01-10T08:00:00Z');
const clock = { now: () => now };
const repo = new DynamoConferenceRepository(table.documentClient, table.tableName);
const deps = { repo, clock };
const { sessionId = '' } = await seedDemo(deps);
await seedDemoStaff({
  ...deps,
  staff: new DynamoStaffDirectory(table.documentClient, table.tableName),
});
const { app, issuer } = await createTestApp(table.documentClient, table.tableName, { clock });
now = new Date('2027-02-15T09:00:00Z');

const secretariat = {
  principal: {
    subject: 'gs',
    email: 'gs@imk.example.org',
    roles: ['secretariat' as const],
    bodies: ['imk'],
  },
};
const { invited } = await sendInvitations(
  { ...deps, linkSecret: testLinkSecret },
  systemActor,
  sessionId,
  {},
);
const invitationOf = (memberId: string) =>
  invited.find((invitation) => invitation.memberId === memberId)?.id ?? '';
for (const [memberId, status] of [
  ['DE-BY', 'accepted'],
  ['DE-HH', 'accepted'],
  ['DE-SN', 'declined'],
] as const) {
  await recordAnswerForInvitee(
    { ...deps, linkSecret: testLinkSecret },
    secretariat,
    sessionId,
    invitationOf(memberId),
    { status },
  );
}

const page = async (path: string, claims: { role: string; bodies: string[]; email?: string }) => {
  const response = await app.request(path, {
    headers: { authorization: `Bearer ${await issuer.sign(claims)}` },
  });
  return { status: response.status, text: await response.text() };
};

describe('Integration: the console overview, calendar and audit', () => {
  it('shows the secretariat the answers so far and the open tasks of the coming session', async () => {
    // Act
    const { status, text } = await page('/console', { role: 'secretariat', bodies: ['imk'] });

    // Assess
    expect(status).toBe(200);
    expect(text).toContain('2 Zusagen, 1 Absage, 14 offen');
    expect(text).toContain('Tagesordnung noch nicht vom Vorsitz freigegeben');
    expect(text).toContain('Rückmeldefrist endet Mi., 17. Februar 2027, 18:00 Uhr (14 offen)');
    expect(text).toContain('href="/console/bodies/imk/sessions/new"');
    expect(text).toContain('href="/console/calendar?monat=2027-02"');
    expect(new TextEncoder().encode(text).length).toBeLessThan(60 * 1024);
  });

  it('shows a member the answers but no tasks and no link to plan a session', async () => {
    // Act
    const { text } = await page('/console', { role: 'member', bodies: ['imk'] });

    // Assess
    expect(text).toContain('2 Zusagen, 1 Absage, 14 offen');
    expect(text).not.toContain('Tagesordnung noch nicht');
    expect(text).not.toContain('/sessions/new');
  });

  it('reads the table once for the sessions, once per body and twice per managed session', async () => {
    // Prepare
    const calls: string[] = [];
    const counted = new Proxy(repo, {
      get(target, name, receiver) {
        const value = Reflect.get(target, name, receiver);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          calls.push(String(name));
          return value.apply(target, args);
        };
      },
    }) as ConferenceRepository;

    // Act
    const rows = await sessionOverview({ repo: counted, clock }, secretariat, {
      from: '2027-01-01T00:00:00Z',
      to: '2028-01-01T00:00:00Z',
    });

    // Assess
    expect(rows).toHaveLength(1);
    expect(calls.sort()).toEqual([
      'getBodyWithMembers',
      'listInboundMessages',
      'listInvitations',
      'listSessions',
    ]);
  });

  it('shows March 2027 Monday first, with the constitutive session on the 3rd and today marked', async () => {
    // Prepare
    now = new Date('2027-03-03T07:00:00Z');

    // Act
    const { status, text } = await page('/console/calendar?monat=2027-03', {
      role: 'chair',
      bodies: ['imk'],
    });

    // Assess
    expect(status).toBe(200);
    expect(text).toContain('<h1 id="kalender">Kalender März 2027</h1>');
    const headers = [...text.matchAll(/<th scope="col"><abbr title="(\w+)">/g)].map((m) => m[1]);
    expect(headers).toEqual([
      'Montag',
      'Dienstag',
      'Mittwoch',
      'Donnerstag',
      'Freitag',
      'Samstag',
      'Sonntag',
    ]);
    const today = /<td class="today" aria-current="date">(.*?)<\/td>/s.exec(text)?.[1] ?? '';
    expect(today).toContain('3. März 2027');
    expect(today).toContain(`href="/console/sessions/${sessionId}"`);
    expect(today).toContain('10:00 Uhr: Konstituierende Sitzung');
    expect(text).toContain('href="/console/calendar?monat=2027-02"');
    expect(text).toContain('href="/console/calendar?monat=2027-04"');
  });

  it('tells the audit of a session as sentences, newest first, naming people by the directory', async () => {
    // Act
    const { status, text } = await page(`/console/audit/session/${sessionId}`, {
      role: 'secretariat',
      bodies: ['imk'],
    });

    // Assess
    expect(status).toBe(200);
    const trail = /<ol class="audit-trail"[^>]*>(.*?)<\/ol>/s.exec(text)?.[1] ?? '';
    const sentences = [...trail.matchAll(/<li>([^<]*)/g)].map((m) => m[1]);
    expect(sentences[0]).toBe(
      'Geschäftsstelle der IMK hat am 15. Februar 2027 um 10:00 Uhr die Teilnahme an der Sitzung abgesagt.',
    );
    expect(sentences).toContain(
      'Das System hat am 15. Februar 2027 um 10:00 Uhr die Einladungen zur Sitzung versandt.',
    );
    expect(sentences.some((s) => /^Das System hat am .* TOP 1 angelegt\.$/.test(s ?? ''))).toBe(
      true,
    );
  });

  it('tells the audit of a member, whose id holds a slash', async () => {
    // Act
    const { status, text } = await page('/console/audit/member/imk%2FDE-HH', {
      role: 'secretariat',
      bodies: ['imk'],
    });

    // Assess
    expect(status).toBe(200);
    expect(text).toMatch(/Das System hat am [^<]* das Mitglied Hamburg aufgenommen\./);
  });

  it('adds an office contact to a member by form, and the body’s audit tells who did it', async () => {
    // Prepare
    now = new Date('2027-02-15T09:00:00Z');
    const before = await repo.getMember('imk', 'DE-BY');
    const token = await issuer.sign({
      role: 'secretariat',
      bodies: ['imk'],
      email: 'gs@imk.example.org',
    });

    // Act
    const posted = await app.request('/console/bodies/imk/members/DE-BY/people', {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({
        version: String(before?.version),
        capacity: 'office_contact',
        name: 'Eva Berger',
        function: 'Referentin im Büro des Staatsministers',
        email: 'eva.berger@stmi.bayern.example.org',
      }).toString(),
    });
    const audit = await page('/console/audit/body/imk', { role: 'secretariat', bodies: ['imk'] });

    // Assess
    expect(posted.status).toBe(303);
    expect(posted.headers.get('location')).toBe('/console/bodies/imk/members/DE-BY?hinweis=person');
    const after = await repo.getMember('imk', 'DE-BY');
    expect(after?.people.map((p) => p.name)).toEqual([
      ...(before?.people.map((p) => p.name) ?? []),
      'Eva Berger',
    ]);
    expect(after?.people.at(-1)?.capacity).toBe('office_contact');
    expect(audit.text).toContain(
      'Geschäftsstelle der IMK hat am 15. Februar 2027 um 10:00 Uhr die Angaben oder Personen des Mitglieds Bayern geändert.',
    );
    expect(audit.text).toMatch(/Das System hat am [^<]* das Gremium angelegt\./);
  });
});
