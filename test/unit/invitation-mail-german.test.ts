import { describe, expect, it } from 'vitest';
import type { Body } from '../../shared/domain/body.js';
import type { Invitation } from '../../shared/domain/invitation.js';
import type { Session } from '../../shared/domain/session.js';
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
const session = (kind: Session['kind'], number: number): Session => ({
  id: '01JSESSION0000000000000000',
  bodyId: 'imk',
  number,
  kind,
  title: 'Sitzung',
  startsAt: '2027-03-03T09:00:00.000Z',
  endsAt: '2027-03-04T13:00:00.000Z',
  timeZone: 'Europe/Berlin',
  videoLink: 'https://video.example.org/imk',
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
const lead = async (kind: Session['kind'], mail: Parameters<typeof invitationMail>[0]['kind']) => {
  const composed = await invitationMail({
    kind: mail,
    session: session(kind, 221),
    body,
    invitation,
    agenda: [],
    registeredRecipient: true,
    answerUrl: 'https://imk.example.org/links/invitations/t',
    replyTo: 'antwort+x.y@imk.example.org',
    secretariat: { name: 'Geschäftsstelle der IMK', email: 'geschaeftsstelle@imk.example.org' },
    senderDomain: 'imk.example.org',
  });
  return composed.text.split('\n')[2] ?? '';
};

describe('Function: invitationMail in German', () => {
  const expected: Record<Session['kind'], [string, string]> = {
    regular: ['zur 221. Sitzung der IMK', 'die 221. Sitzung der IMK'],
    constitutive: ['zur konstituierenden Sitzung der IMK', 'die konstituierende Sitzung der IMK'],
    extraordinary: ['zur Sonderkonferenz der IMK', 'die Sonderkonferenz der IMK'],
    video: ['zur Videokonferenz der IMK', 'die Videokonferenz der IMK'],
  };

  it.each(Object.entries(expected))(
    'names a %s session in the right case in every kind of mail',
    async (kind, [dative, nominative]) => {
      const k = kind as Session['kind'];
      expect(await lead(k, 'invitation')).toBe(
        `im Namen des Vorsitzes lädt Sie die Geschäftsstelle der IMK herzlich ${dative} ein:`,
      );
      expect(await lead(k, 'update')).toBe(`${nominative} hat sich geändert. Es gilt nun:`);
      expect(await lead(k, 'cancel')).toBe(`${nominative} ist abgesagt:`);
      expect(await lead(k, 'reminder')).toBe(
        `wir erinnern an die Einladung ${dative}; Ihre Antwort steht noch aus:`,
      );
      expect(await lead(k, 'revoked')).toMatch(
        new RegExp(`^Ihre Einladung als Vertretung ${dative} ist zurückgezogen worden`),
      );
    },
  );

  it('never builds a phrase from the nominative title', async () => {
    for (const kind of Object.keys(expected) as Session['kind'][]) {
      for (const mail of ['invitation', 'update', 'cancel', 'reminder', 'revoked'] as const) {
        const text = await lead(kind, mail);
        expect(text).not.toMatch(/\d+\. (Konstituierende|Sondersitzung|Videokonferenz)/);
        expect(text).not.toContain('zur 221. Konstituierende');
      }
    }
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
