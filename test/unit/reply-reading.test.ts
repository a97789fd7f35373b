import { describe, expect, it } from 'vitest';
import {
  readBallotReply,
  readInvitationReply,
  votesForProposals,
} from '../../shared/domain/reply-answer.js';
import { ownWords } from '../../shared/domain/reply-text.js';
import {
  appleMail,
  ballotQuote,
  gmail,
  gmailEnglish,
  invitationQuote,
  ministrySignature,
  outlookTop,
  outlookTopEnglish,
  thunderbirdBottom,
  thunderbirdTop,
} from '../fixtures/reply-texts.js';

const greeted = (answer: string) => [
  'Sehr geehrte Damen und Herren,',
  '',
  answer,
  '',
  'Mit freundlichen Grüßen',
  'Thomas Minister',
];

describe('Unit: ownWords', () => {
  it.each([
    ['Outlook, above the Von/Gesendet/An/Betreff block', outlookTop(['Zusage'])],
    ['Outlook (English), above -----Original Message-----', outlookTopEnglish(['Zusage'])],
    ['Thunderbird, below the attribution line and the quote', thunderbirdBottom(['Zusage'])],
    ['Thunderbird, above the attribution line', thunderbirdTop(['Zusage'])],
    ['Apple Mail, above "Von meinem iPad gesendet"', appleMail(['Zusage'])],
    ['Gmail, above an attribution broken over two lines', gmail(['Zusage'])],
    ['Gmail (English), above "On … wrote:"', gmailEnglish(['Zusage'])],
    ['Thunderbird, above a signature', thunderbirdTop(['Zusage', ...ministrySignature])],
    [
      'Thunderbird, below the quote, with a signature',
      thunderbirdBottom(['Zusage', ...ministrySignature]),
    ],
  ])('keeps only the own words: %s', (_client, text) => {
    // Act
    const own = ownWords(text);

    // Assess
    expect(own).toBe('Zusage');
  });

  it('cuts at an Outlook header block that names the sender without an address', () => {
    // Prepare
    const text = [
      'Absage.',
      '',
      'Von: Geschäftsstelle der IMK',
      'Gesendet: Montag, 1. Februar 2027 09:00',
      'An: Minister, Thomas',
      'Betreff: Einladung',
      '',
      ...invitationQuote,
    ].join('\n');

    // Act & Assess
    expect(ownWords(text)).toBe('Absage.');
  });

  it('cuts at a forwarded message and at Outlook for iOS', () => {
    expect(
      ownWords(
        [
          'Zusage',
          '',
          '---------- Weitergeleitete Nachricht ---------',
          'Von: Geschäftsstelle der IMK <gs@imk.example.org>',
          'Datum: Mo., 1. Feb. 2027 um 09:00 Uhr',
          ...invitationQuote,
        ].join('\n'),
      ),
    ).toBe('Zusage');
    expect(
      ownWords(
        [
          'Absage',
          '',
          'Outlook für iOS<https://aka.ms/o0ukef> herunterladen',
          '________________________________',
          'Von: Geschäftsstelle der IMK <gs@imk.example.org>',
          'Gesendet: Monday, February 1, 2027 9:00:00 AM',
          'An: Thomas',
          'Betreff: Einladung',
          '',
          ...invitationQuote,
        ].join('\n'),
      ),
    ).toBe('Absage');
  });

  it('keeps answers written between quoted lines, and an old Thunderbird attribution', () => {
    expect(
      ownWords(
        [
          'Geschäftsstelle der IMK schrieb:',
          '> Bitte antworten Sie bis 15. Februar 2027:',
          'Ich komme gern.',
          '> Mit freundlichen Grüßen',
        ].join('\n'),
      ),
    ).toBe('Ich komme gern.');
  });

  it('takes unquoted text under an attribution line for the original', () => {
    expect(
      ownWords(
        [
          'Zusage',
          '',
          'Am 01.02.2027 um 09:00 schrieb Geschäftsstelle der IMK:',
          ...invitationQuote,
        ].join('\n'),
      ),
    ).toBe('Zusage');
  });

  it('keeps a sentence that merely begins with "Am"', () => {
    expect(ownWords('Am 3. März komme ich gern.\n\nMit freundlichen Grüßen')).toBe(
      'Am 3. März komme ich gern.\n\nMit freundlichen Grüßen',
    );
  });

  it('reads a long hostile line in linear time', () => {
    // Prepare
    const hostile = `Am ${' x'.repeat(30_000)}\nschrieb${' <'.repeat(30_000)}`;
    const started = performance.now();

    // Act
    ownWords(hostile);
    readInvitationReply(hostile);
    readBallotReply(hostile);

    // Assess: the reply parsers tried took seconds on this
    expect(performance.now() - started).toBeLessThan(500);
  });
});

describe('Unit: readInvitationReply', () => {
  it.each([
    ['Outlook', outlookTop(['Zusage'])],
    ['Outlook, with a greeting first', outlookTop(greeted('hiermit sage ich zu.'))],
    [
      'Outlook, greeting and answer on one line',
      outlookTop(['Sehr geehrte Damen und Herren, hiermit sage ich zu.']),
    ],
    ['Thunderbird, below the quote', thunderbirdBottom(greeted('Ich nehme teil.'))],
    [
      'Thunderbird, with a signature naming "Zusage"',
      thunderbirdTop(['Zugesagt.', ...ministrySignature]),
    ],
    ['Apple Mail', appleMail(['Ich komme.'])],
    ['Gmail', gmail(greeted('Gerne bestätige ich meine Teilnahme.'))],
    ['Gmail (English)', gmailEnglish(['I will attend.', '', 'Best regards'])],
    ['Outlook (English)', outlookTopEnglish(['I accept, thank you.'])],
    ['plural "Zusagen"', 'Zusagen'],
    ['"ich bin dabei"', thunderbirdTop(['Ich bin dabei!'])],
    [
      'a relative clause',
      outlookTop(['Vielen Dank für die Einladung, an der ich gerne teilnehme.']),
    ],
  ])('reads an acceptance: %s', (_case, text) => {
    expect(readInvitationReply(text)).toEqual({ kind: 'answer', answer: 'accepted' });
  });

  it.each([
    ['Outlook', outlookTop(['Absage'])],
    ['Outlook, with a greeting first', outlookTop(greeted('leider muss ich absagen.'))],
    [
      'Thunderbird, below the quote',
      thunderbirdBottom(greeted('ich kann leider nicht teilnehmen.')),
    ],
    [
      'Thunderbird, Absage and reason',
      thunderbirdTop(['Absage, ich kann leider nicht teilnehmen.']),
    ],
    ['Apple Mail', appleMail(['Ich bin an dem Tag verhindert.'])],
    ['Gmail', gmail(['Hiermit sage ich ab.'])],
    ['Gmail (English)', gmailEnglish(['Unfortunately I cannot attend.'])],
    ['Outlook (English)', outlookTopEnglish(['I have to decline, with regret.'])],
    ['"ich komme leider nicht"', 'Ich komme leider nicht.'],
    ['"muss mich entschuldigen"', 'Ich muss mich für die Sitzung entschuldigen.'],
  ])('reads a refusal: %s', (_case, text) => {
    expect(readInvitationReply(text)).toEqual({ kind: 'answer', answer: 'declined' });
  });

  it.each([
    ['a question', outlookTop(['Gibt es einen Parkplatz?']), 'no answer recognised'],
    ['only the quote', thunderbirdBottom([]), 'no answer recognised'],
    ['an empty mail', '', 'no answer recognised'],
    [
      'yes and no',
      outlookTop(['Zusage. Leider kann ich doch nicht teilnehmen.']),
      'contradictory answer: "Zusage" and "Leider kann ich doch nicht teilnehmen"',
    ],
    [
      'a condition',
      thunderbirdTop(['Zusage unter Vorbehalt.']),
      'a conditional answer: "Zusage unter Vorbehalt"',
    ],
    [
      'a deputy',
      gmail(['Ich werde durch Staatssekretär Dr. Weber vertreten.']),
      'names a deputy: "Ich werde durch Staatssekretär Dr. Weber vertreten"',
    ],
    [
      'a negated acceptance',
      outlookTop(['Eine Zusage kann ich noch nicht geben.']),
      'unclear answer: "Eine Zusage kann ich noch nicht geben"',
    ],
    [
      '"I will be there, maybe"',
      'I will be there, maybe.',
      'a conditional answer: "I will be there, maybe"',
    ],
  ])('sends %s to review with the reason', (_case, text, reason) => {
    expect(readInvitationReply(text)).toEqual({ kind: 'unclear', reason });
  });

  it('is not misled by the quoted invitation, which names both answers', () => {
    expect(readInvitationReply(outlookTop(['Vielen Dank für die Einladung.']))).toEqual({
      kind: 'unclear',
      reason: 'no answer recognised',
    });
  });

  it('does not read "ich komme … zurück" as an acceptance', () => {
    expect(readInvitationReply('Ich komme morgen auf Sie zurück.')).toEqual({
      kind: 'unclear',
      reason: 'no answer recognised',
    });
  });
});

describe('Unit: readBallotReply', () => {
  it.each([
    ['Zustimmung', { all: 'yes' }],
    ['Einverstanden.', { all: 'yes' }],
    ['Ich stimme zu.', { all: 'yes' }],
    ['Keine Einwände.', { all: 'yes' }],
    ['Ablehnung', { all: 'no' }],
    ['Das Land Thüringen lehnt ab.', { all: 'no' }],
    ['Enthaltung', { all: 'abstain' }],
    ['Ich enthalte mich.', { all: 'abstain' }],
    ['Zustimmung zu allen Vorschlägen.', { all: 'yes' }],
    ['We approve.', { all: 'yes' }],
    ['Thuringia abstains.', { all: 'abstain' }],
    ['Thüringen enthält sich.', { all: 'abstain' }],
    ['Thüringen stimmt zu.', { all: 'yes' }],
  ])('reads %j as one vote for every proposal', (own, votes) => {
    expect(readBallotReply(outlookTop(greeted(own), ballotQuote))).toEqual({
      kind: 'answer',
      answer: votes,
    });
  });

  it.each([
    ['Zustimmung zu Vorschlag 1, Ablehnung zu Vorschlag 2', { 1: 'yes', 2: 'no' }],
    ['Zustimmung zu Vorschlag 1 und Ablehnung zu Vorschlag 2.', { 1: 'yes', 2: 'no' }],
    ['Vorschlag 1: Zustimmung\nVorschlag 2: Enthaltung', { 1: 'yes', 2: 'abstain' }],
    ['1. Zustimmung\n2. Ablehnung\n3. Enthaltung', { 1: 'yes', 2: 'no', 3: 'abstain' }],
    ['Zu Nr. 1 stimme ich zu, zu Nr. 2 enthalte ich mich.', { 1: 'yes', 2: 'abstain' }],
    [
      'Beschlussvorschläge 1 und 3: Zustimmung. Beschlussvorschlag 2: Ablehnung.',
      { 1: 'yes', 2: 'no', 3: 'yes' },
    ],
    [
      'Zustimmung zu den Vorschlägen 1 bis 3, Ablehnung zu Vorschlag 4',
      { 1: 'yes', 2: 'yes', 3: 'yes', 4: 'no' },
    ],
    ['Approve proposal 1, reject proposal 2.', { 1: 'yes', 2: 'no' }],
  ])('reads %j per proposal', (own, byProposal) => {
    expect(readBallotReply(thunderbirdBottom(greeted(own), ballotQuote))).toEqual({
      kind: 'answer',
      answer: { byProposal },
    });
  });

  it.each([
    ['Bitte rufen Sie mich an.', 'no vote recognised'],
    ['Zustimmung. Ablehnung.', 'contradictory votes: "Zustimmung" and "Ablehnung"'],
    ['Vorschlag 1: Zustimmung. Vorschlag 1: Ablehnung.', 'contradictory votes on proposal 1'],
    ['Ich stimme nicht zu.', 'a negated vote: "Ich stimme nicht zu"'],
    [
      'Zustimmung. Zu Vorschlag 2 Ablehnung.',
      'a vote for every proposal beside votes per proposal: "Zustimmung"',
    ],
    [
      'Vorschlag 1: Zustimmung, Vorschlag 2',
      'a proposal without a vote: "Vorschlag 1: Zustimmung, Vorschlag 2"',
    ],
  ])('sends %j to review with the reason', (own, reason) => {
    expect(readBallotReply(gmail([own], ballotQuote))).toEqual({ kind: 'unclear', reason });
  });

  it('reads an Outlook reply whose quote names every vote word as no vote', () => {
    expect(readBallotReply(outlookTop(['Danke, ich melde mich.'], ballotQuote))).toEqual({
      kind: 'unclear',
      reason: 'no vote recognised',
    });
  });
});

describe('Unit: votesForProposals', () => {
  it('gives one vote for every proposal, or each its own', () => {
    expect(votesForProposals({ all: 'no' }, 3)).toEqual({ votes: ['no', 'no', 'no'] });
    expect(votesForProposals({ byProposal: { 2: 'no', 1: 'yes' } }, 2)).toEqual({
      votes: ['yes', 'no'],
    });
  });

  it('refuses votes that leave a proposal out or name one the procedure does not have', () => {
    expect(votesForProposals({ byProposal: { 1: 'yes' } }, 2)).toEqual({
      unclear: 'no vote on proposal 2',
    });
    expect(votesForProposals({ byProposal: { 1: 'yes', 3: 'no' } }, 2)).toEqual({
      unclear: 'names proposal 3, but the procedure has 2 proposals',
    });
    expect(votesForProposals({ byProposal: { 2: 'yes' } }, 1)).toEqual({
      unclear: 'names proposal 2, but the procedure has one proposal',
    });
  });
});
