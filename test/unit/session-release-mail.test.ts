import { describe, expect, it } from 'vitest';
import type { BodyWithMembers, Person } from '../../shared/domain/body.js';
import type { Resolution } from '../../shared/domain/resolution.js';
import type { Session } from '../../shared/domain/session.js';
import { sessionReleaseMail } from '../../shared/mail/session-release-mail.js';

const stamp = '2027-03-06T10:00:00.000Z';
const body: BodyWithMembers = {
  id: 'imk',
  name: 'Ständige Konferenz der Innenminister und -senatoren der Länder',
  shortName: 'IMK',
  kind: 'plenary',
  decisionRule: { kind: 'unanimity' },
  version: 1,
  createdAt: stamp,
  updatedAt: stamp,
  members: [],
};
const session: Session = {
  id: '01JSESSION0000000000000000',
  bodyId: 'imk',
  number: 1,
  numbering: 'running',
  kind: 'constitutive',
  format: 'in_person',
  title: 'Konstituierende Sitzung',
  startsAt: '2027-03-03T09:00:00.000Z',
  endsAt: '2027-03-06T13:00:00.000Z',
  timeZone: 'Europe/Berlin',
  state: 'in_session',
  version: 1,
  createdAt: stamp,
  updatedAt: stamp,
};
const minister: Person = {
  id: 'p',
  capacity: 'principal',
  name: 'Miriam Carstens',
  salutation: 'Frau Senatorin',
  function: 'Senatorin für Inneres',
  email: 'minister@de-be.example.org',
  language: 'de',
};
const resolution = (n: number, title: string, reports: string[] = []): Resolution => ({
  id: `01JRESOLUTION00000000000000${n}`.slice(0, 26),
  bodyId: 'imk',
  sessionId: session.id,
  title,
  text: 'Die Länder arbeiten zusammen.\n\nSie berichten der nächsten Sitzung.',
  state: 'decided',
  outcome: 'passed',
  votes: {},
  statements: [],
  reports: reports.map((report, r) => ({ id: `report-${n}-${r}`, title: report })),
  revisions: [],
  release: {
    proposedAt: stamp,
    proposedBy: 'vorsitz@de-hh.example.org',
    objectionDeadline: '2027-03-08T10:00:00.000Z',
    consents: [],
    objections: [],
    batchId: '01JBATCH000000000000000000',
  },
  version: 2,
  createdAt: stamp,
  updatedAt: stamp,
});
const compose = (resolutions: Resolution[]) =>
  sessionReleaseMail({
    session,
    resolutions,
    body,
    minister,
    answerUrl: 'https://imk.example.org/links/session-releases/t',
    secretariat: { name: 'Geschäftsstelle der IMK', email: 'geschaeftsstelle@imk.example.org' },
    senderDomain: 'imk.example.org',
    entryId: '01JENTRY000000000000000000',
  });

describe('Function: sessionReleaseMail', () => {
  it('asks in one German mail about every resolution, numbered, with one personal page', async () => {
    // Prepare
    const four = [
      resolution(1, 'Umgang mit dem Krieg in der Ukraine', ['Bericht des AK II']),
      resolution(2, 'Bekämpfung der Internetkriminalität'),
      resolution(3, 'Extremismusbekämpfung'),
      resolution(4, 'Weiteres Vorgehen der IMK'),
    ];

    // Act
    const mail = await compose(four);
    const lines = mail.text.split('\n');

    // Assess
    expect(mail.subject).toBe(
      'Freigabe zur Veröffentlichung: Beschlüsse der 1. (konstituierenden) Sitzung der IMK (Widerspruch bis 8. März 2027, 11:00 Uhr)',
    );
    expect(lines[0]).toBe('Sehr geehrte Frau Senatorin,');
    expect(lines[2]).toBe(
      'der Vorsitz der IMK schlägt vor, vier Beschlüsse der 1. (konstituierenden) Sitzung der IMK zur Veröffentlichung freizugeben. Auf Ihrer persönlichen Seite können Sie jedem Beschluss einzeln zustimmen oder widersprechen. Widerspricht kein Land einem Beschluss bis zum 8. März 2027, 11:00 Uhr, ist er zur Veröffentlichung freigegeben; widerspricht ein Land, wird er nicht veröffentlicht. Sind Sie mit allen einverstanden, ist keine Rückmeldung erforderlich.',
    );
    expect(lines).toContain('  1. Umgang mit dem Krieg in der Ukraine');
    expect(lines).toContain('     Bericht: Bericht des AK II');
    expect(lines).toContain('  4. Weiteres Vorgehen der IMK');
    expect(mail.text).toContain(
      'Ihre Antwortseite:           https://imk.example.org/links/session-releases/t\n',
    );
    expect(mail.text).toContain(
      'Allen Beschlüssen zustimmen: https://imk.example.org/links/session-releases/t?antwort=einverstanden',
    );
    expect(mail.to.address).toBe('minister@de-be.example.org');
    expect(mail.headers['Auto-Submitted']).toBe('auto-generated');
  });

  it('speaks of one resolution in the singular', async () => {
    // Act
    const mail = await compose([resolution(1, 'Extremismusbekämpfung')]);

    // Assess
    expect(mail.subject).toMatch(
      /^Freigabe zur Veröffentlichung: Beschluss der 1\. \(konstituierenden\)/,
    );
    expect(mail.text).toContain('schlägt vor, einen Beschluss der 1. (konstituierenden) Sitzung');
  });

  it('escapes titles in the HTML part', async () => {
    // Act
    const mail = await compose([resolution(1, '<script>alert(1)</script> & Co.')]);

    // Assess
    expect(mail.html).not.toContain('<script>alert(1)</script>');
    expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co.');
  });
});
