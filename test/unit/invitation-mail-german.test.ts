import { describe, expect, it } from 'vitest';
import type { Body } from '../../shared/domain/body.js';
import type { Invitation } from '../../shared/domain/invitation.js';
import type { Session } from '../../shared/domain/session.js';
import { snapshotOf } from '../../shared/domain/session-change.js';
import { germanDatePhrase } from '../../shared/mail/dates.js';
import { invitationMail } from '../../shared/mail/invitation-mail.js';

const stamp = '2027-01-10T09:00:00.000Z';
const body: Body = {
  id: 'imk',
  name: 'Ständige Konferenz der Innenminister und -senatoren der Länder',
  shortName: 'IMK',
  kind: 'plenary',
  decisionRule: { kind: 'unanimity' },
  version: 1,
  createdAt: stamp,
  updatedAt: stamp,
};
type Named = Pick<Session, 'kind' | 'number' | 'numbering' | 'numberYear'>;
const hamburg = { city: 'Hamburg', building: 'Hamburger Rathaus', room: 'Ratsstube' };
const session = (named: Named, format: Session['format'] = 'in_person'): Session => ({
  id: '01JSESSION0000000000000000',
  bodyId: 'imk',
  ...named,
  format,
  title: 'Sitzung',
  startsAt: '2027-03-03T09:00:00.000Z',
  endsAt: '2027-03-04T13:00:00.000Z',
  timeZone: 'Europe/Berlin',
  ...(format === 'video' ? {} : { place: hamburg }),
  ...(format === 'in_person' ? {} : { videoLink: 'https://video.example.org/imk' }),
  state: 'invited',
  version: 1,
  createdAt: stamp,
  updatedAt: stamp,
});
const invitation: Invitation = {
  id: '01JINVITATION0000000000000',
  sessionId: '01JSESSION0000000000000000',
  bodyId: 'imk',
  memberId: 'DE-BE',
  personId: 'p',
  name: 'Miriam Carstens',
  salutation: 'Frau Senatorin',
  email: 'minister@de-be.example.org',
  capacity: 'principal',
  version: 1,
  createdAt: stamp,
  updatedAt: stamp,
};
type MailInput = Parameters<typeof invitationMail>[0];
const compose = (of: Session, extra: Partial<MailInput> = {}) =>
  invitationMail({
    kind: 'invitation',
    session: of,
    body,
    invitation,
    agenda: [],
    registeredRecipient: true,
    answerUrl: 'https://imk.example.org/links/invitations/t',
    replyTo: 'antwort+x.y@imk.example.org',
    secretariat: { name: 'Geschäftsstelle der IMK', email: 'geschaeftsstelle@imk.example.org' },
    senderDomain: 'imk.example.org',
    ...extra,
  });
const lead = async (of: Session, mail: MailInput['kind']) =>
  (await compose(of, { kind: mail })).text.split('\n')[2] ?? '';

/** Every kind, in each numbering it can have, with its dative and nominative name. */
const kinds: [string, Named, string, string][] = [
  [
    'regular',
    { kind: 'regular', number: 221, numbering: 'running' },
    'zur 221. Sitzung der IMK',
    'die 221. Sitzung der IMK',
  ],
  [
    'constitutive',
    { kind: 'constitutive', number: 221, numbering: 'running' },
    'zur 221. (konstituierenden) Sitzung der IMK',
    'die 221. (konstituierende) Sitzung der IMK',
  ],
  [
    'extraordinary in its own series',
    { kind: 'extraordinary', number: 2, numbering: 'yearly', numberYear: 2027 },
    'zur 2. Sonderkonferenz 2027 der IMK',
    'die 2. Sonderkonferenz 2027 der IMK',
  ],
  [
    'extraordinary with the running number',
    { kind: 'extraordinary', number: 35, numbering: 'running' },
    'zur 35. Sitzung (Sonderkonferenz) der IMK',
    'die 35. Sitzung (Sonderkonferenz) der IMK',
  ],
  [
    'extraordinary stored before the series',
    { kind: 'extraordinary', number: 2, numbering: 'none' },
    'zur Sonderkonferenz der IMK',
    'die Sonderkonferenz der IMK',
  ],
];
const formats: [Session['format'], string][] = [
  ['in_person', ''],
  ['video', ' als Videokonferenz'],
  ['hybrid', ' in hybrider Form (vor Ort und per Video)'],
];
const suffixOf = (format: Session['format']) =>
  formats.find(([candidate]) => candidate === format)?.[1] ?? '';
const cases = kinds.flatMap(([name, named, dative, nominative]) =>
  formats.map(([format, suffix]) => [
    name,
    format,
    named,
    `${dative}${suffix}`,
    `${nominative}${suffix}`,
  ]),
) as [string, Session['format'], Named, string, string][];

describe('Function: invitationMail in German', () => {
  it.each(cases)(
    'names a %s session (%s) in the right case in every kind of mail',
    async (_name, format, named, dative, nominative) => {
      // Prepare
      const of = session(named, format);

      // Act
      const leads = {
        invitation: await lead(of, 'invitation'),
        update: await lead(of, 'update'),
        cancel: await lead(of, 'cancel'),
        reminder: await lead(of, 'reminder'),
        revoked: await lead(of, 'revoked'),
      };

      // Assess
      expect(leads).toEqual({
        invitation: `im Namen des Vorsitzes lädt Sie die Geschäftsstelle der IMK herzlich ${dative} ein:`,
        update: `${nominative.replace(suffixOf(format), '')} hat sich geändert. Es gilt nun:`,
        cancel: `${nominative} ist abgesagt:`,
        reminder: `wir erinnern an die Einladung ${dative}; Ihre Antwort steht noch aus:`,
        revoked: expect.stringMatching(
          new RegExp(
            `^Ihre Einladung als Vertretung ${dative.replace(/[()]/g, '\\$&')} ist zurückgezogen worden`,
          ),
        ),
      });
    },
  );

  it.each([
    ['in_person', 'Hamburg'],
    ['video', 'Videokonferenz'],
    ['hybrid', 'Hamburg und per Video'],
  ] as const)('says in the subject where a %s session meets: %s', async (format, where) => {
    const mail = await compose(
      session({ kind: 'regular', number: 221, numbering: 'running' }, format),
    );
    expect(mail.subject).toBe(`Einladung: Sitzung vom 3. bis 4. März 2027, ${where}`);
  });

  it('never builds a phrase from the nominative title', async () => {
    for (const [, named] of kinds) {
      for (const [format] of formats) {
        for (const mail of ['invitation', 'update', 'cancel', 'reminder', 'revoked'] as const) {
          const text = await lead(session(named, format), mail);
          expect(text).not.toMatch(/\d+\. (Konstituierende|Sondersitzung|Videokonferenz)/);
          expect(text).not.toMatch(/zur \d+\. Konstituierende|zur Konstituierende/);
        }
      }
    }
  });
});

describe('Function: invitationMail for an update', () => {
  const regular = session({ kind: 'regular', number: 221, numbering: 'running' });
  const before = snapshotOf(regular);
  const accepted = {
    ...invitation,
    answer: { status: 'accepted' as const, channel: 'link' as const, at: stamp },
  };

  it('lists each change and keeps a standing answer without asking again', async () => {
    // Prepare
    const later = {
      ...regular,
      startsAt: '2027-03-03T09:30:00.000Z',
      place: { ...hamburg, room: 'Kaisersaal' },
    };

    // Act
    const mail = await compose(later, { kind: 'update', previous: before, invitation: accepted });

    // Assess
    expect(mail.text).toContain(
      [
        'die 221. Sitzung der IMK hat sich geändert:',
        '',
        '  Neuer Beginn: 10:30 Uhr statt 10:00 Uhr',
        '  Neuer Raum: Kaisersaal statt Ratsstube',
        '',
        'Es gilt nun:',
      ].join('\n'),
    );
    expect(mail.text).toContain(
      'Ihre Zusage bleibt bestehen; Sie brauchen nicht erneut zu antworten.',
    );
    expect(mail.text).toContain('Nur wenn sich für Sie etwas ändert, antworten Sie bitte neu:');
    expect(mail.text).not.toContain('Bitte antworten Sie');
    expect(mail.html).toContain('<li>Neuer Beginn: 10:30 Uhr statt 10:00 Uhr</li>');
    expect(mail.calendar?.content).toMatch(/PARTSTAT=ACCEPTED/);
    expect(mail.calendar?.content).toMatch(/RSVP=FALSE/);
  });

  it('asks again when the answer no longer stands, and says why', async () => {
    // Prepare
    const moved = {
      ...regular,
      startsAt: '2027-03-10T09:00:00.000Z',
      endsAt: '2027-03-11T13:00:00.000Z',
    };
    const { answer: _cleared, ...unanswered } = accepted;

    // Act
    const mail = await compose(moved, {
      kind: 'update',
      previous: before,
      invitation: unanswered,
      answerCleared: true,
    });

    // Assess
    expect(mail.text).toContain('  Neuer Termin: 10.–11. März 2027 statt 3.–4. März 2027');
    expect(mail.text).toContain(
      'Ihre bisherige Antwort gilt für die geänderte Sitzung nicht mehr.',
    );
    expect(mail.text).toContain('Bitte antworten Sie erneut:');
    expect(mail.text).not.toContain('bleibt bestehen');
    expect(mail.calendar?.content).toMatch(/PARTSTAT=NEEDS-ACTION/);
  });

  it('asks those who had not answered as before', async () => {
    const mail = await compose(
      { ...regular, format: 'hybrid', videoLink: 'https://video.example.org/neu' },
      { kind: 'update', previous: before },
    );
    expect(mail.text).toContain(
      '  Neues Format: hybride Sitzung (vor Ort und per Video) statt Sitzung vor Ort\n  Neuer Videolink: https://video.example.org/neu',
    );
    expect(mail.text).toContain('Bitte antworten Sie:');
    expect(mail.text).not.toContain('erneut');
  });
});

describe('Function: germanDatePhrase', () => {
  it.each([
    ['2027-01-28T08:00:00Z', '2027-01-31T12:00:00Z', 'vom 28. bis 31. Januar 2027'],
    ['2027-01-30T08:00:00Z', '2027-02-02T12:00:00Z', 'vom 30. Januar bis 2. Februar 2027'],
    ['2027-12-30T08:00:00Z', '2028-01-02T12:00:00Z', 'vom 30. Dezember 2027 bis 2. Januar 2028'],
    ['2027-03-03T08:00:00Z', '2027-03-03T12:00:00Z', 'am 3. März 2027'],
    // 22:30 to 23:30 in Berlin is one day there, though 23:30 UTC would not be.
    ['2027-03-03T21:30:00Z', '2027-03-03T22:30:00Z', 'am 3. März 2027'],
    // 23:30 Berlin to 00:30 the next day there: two days.
    ['2027-03-03T22:30:00Z', '2027-03-03T23:30:00Z', 'vom 3. bis 4. März 2027'],
  ])('writes %s to %s as %j', (from, to, expected) => {
    expect(germanDatePhrase(from, to, 'Europe/Berlin')).toBe(expected);
  });

  it('adds the hours of a one-day session when asked, with "Uhr"', () => {
    expect(
      germanDatePhrase('2027-05-10T16:00:00Z', '2027-05-10T17:00:00Z', 'Europe/Berlin', {
        hoursOfOneDay: true,
      }),
    ).toBe('am 10. Mai 2027, 18:00–19:00 Uhr');
  });
});
