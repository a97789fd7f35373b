import { describe, expect, it } from 'vitest';
import { decideInbound, type InboundMail } from '../../shared/domain/inbound-mail.js';
import { ballotQuote, thunderbirdBottom } from '../fixtures/reply-texts.js';

const ballotId = '01JDE5BA77000000000000000A';
const mail = (changes: Partial<InboundMail>): InboundMail => ({
  messageId: '<m@example.org>',
  from: 'minister@de-th.example.org',
  fromHeaders: [['minister@de-th.example.org']],
  senders: [],
  dkimDomains: [],
  recipients: [`umlauf+${ballotId.toLowerCase()}.abcdefghijklmnop@imk.example.org`],
  subject: 'AW: Umlaufverfahren',
  text: 'Zustimmung',
  headers: {},
  verdicts: { dkim: 'PASS', dmarc: 'PASS', spf: 'PASS', spam: 'PASS', virus: 'PASS' },
  ...changes,
});

describe('Unit: decideInbound reading plain replies', () => {
  const invitationId = '01JDE5ANSWER00000000000000';
  const invitationReply = (text: string) =>
    mail({
      recipients: [`antwort+${invitationId.toLowerCase()}.abcdefghijklmnop@imk.example.org`],
      text,
    });

  it('reads an answer written below the quote, after the attribution line', () => {
    // Prepare
    const text = thunderbirdBottom(['Sehr geehrte Damen und Herren,', 'hiermit sage ich zu.']);

    // Act
    const decision = decideInbound(invitationReply(text), 'imk.example.org');

    // Assess
    expect(decision).toEqual({
      kind: 'answer',
      invitationId,
      mac: 'abcdefghijklmnop',
      status: 'accepted',
      channel: 'mail',
    });
  });

  it('sends a contradictory answer to review with the reason', () => {
    expect(
      decideInbound(
        invitationReply('Zusage. Ich kann leider nicht teilnehmen.'),
        'imk.example.org',
      ),
    ).toEqual({
      kind: 'review',
      reason: 'contradictory answer: "Zusage" and "Ich kann leider nicht teilnehmen"',
      route: { invitationId, mac: 'abcdefghijklmnop' },
    });
  });

  it('keeps invitation answers and votes apart', () => {
    expect(decideInbound(mail({ text: 'Zusage' }), 'imk.example.org')).toMatchObject({
      kind: 'ballot-review',
      reason: 'no vote recognised',
    });
    expect(decideInbound(invitationReply('Zustimmung'), 'imk.example.org')).toMatchObject({
      kind: 'review',
      reason: 'no answer recognised',
    });
  });

  it('reads votes per proposal below a quoted ballot', () => {
    expect(
      decideInbound(
        mail({
          text: thunderbirdBottom(
            ['Zustimmung zu Vorschlag 1, Ablehnung zu Vorschlag 2'],
            ballotQuote,
          ),
        }),
        'imk.example.org',
      ),
    ).toEqual({
      kind: 'vote',
      route: { ballotId, mac: 'abcdefghijklmnop' },
      votes: { byProposal: { 1: 'yes', 2: 'no' } },
    });
  });
});

describe('decideInbound for written procedures', () => {
  it('routes a reply to an umlauf+ address as a vote on that ballot', () => {
    expect(decideInbound(mail({}), 'imk.example.org')).toEqual({
      kind: 'vote',
      route: { ballotId, mac: 'abcdefghijklmnop' },
      votes: { all: 'yes' },
    });
  });

  it('sends an unreadable answer or failed checks to review, with the ballot named', () => {
    expect(decideInbound(mail({ text: 'Bitte Rückruf' }), 'imk.example.org')).toMatchObject({
      kind: 'ballot-review',
      reason: 'no vote recognised',
    });
    expect(
      decideInbound(
        mail({
          verdicts: { dkim: 'FAIL', dmarc: 'PASS', spf: 'PASS', spam: 'PASS', virus: 'PASS' },
        }),
        'imk.example.org',
      ),
    ).toMatchObject({ kind: 'ballot-review', reason: 'failed dkim checks' });
  });

  it('ignores an auto-reply to a ballot', () => {
    expect(
      decideInbound(mail({ headers: { 'auto-submitted': 'auto-replied' } }), 'imk.example.org'),
    ).toEqual({ kind: 'ignore', reason: 'auto-reply' });
  });
});

describe('decideInbound for unreadable messages', () => {
  it('never ignores a message the parser refused, and routes it for review', () => {
    const unreadable = mail({
      from: 'mailer-daemon@mx.example.org',
      subject: 'Automatische Antwort',
      text: '',
      unreadable: 'Maximum MIME nesting depth of 32 levels exceeded',
    });
    expect(decideInbound(unreadable, 'imk.example.org')).toEqual({
      kind: 'ballot-review',
      reason: 'the message cannot be read: Maximum MIME nesting depth of 32 levels exceeded',
      route: { ballotId, mac: 'abcdefghijklmnop' },
    });
    expect(
      decideInbound({ ...unreadable, recipients: ['gs@imk.example.org'] }, 'imk.example.org'),
    ).toEqual({
      kind: 'review',
      reason: 'the message cannot be read: Maximum MIME nesting depth of 32 levels exceeded',
    });
  });
});

describe('decideInbound and automatic replies', () => {
  it.each([
    'Abwesenheitsnotiz: Umlaufverfahren',
    'Automatische Antwort: Einladung',
    'Autom. Antwort: Einladung',
    'Out of Office: Umlaufverfahren',
    'Automatic reply: Invitation',
    'Réponse automatique : Invitation',
    'Absence du bureau',
    'Automatisch antwoord: Uitnodiging',
    'Risposta automatica: Invito',
    'Fuori sede',
    'Respuesta automática: Invitación',
    'Fuera de la oficina',
    'Odpowiedź automatyczna: Zaproszenie',
    'Automatyczna odpowiedź',
    '[EXTERN] Abwesenheitsnotiz',
  ])(
    'ignores an automatic reply with the subject %j, even when it starts with a vote',
    (subject) => {
      expect(decideInbound(mail({ subject }), 'imk.example.org')).toEqual({
        kind: 'ignore',
        reason: 'auto-reply',
      });
    },
  );

  it.each([
    ['auto-submitted', 'auto-replied'],
    ['auto-submitted', 'auto-generated'],
    ['x-auto-response-suppress', 'All'],
    ['x-auto-response-suppress', 'OOF, AutoReply'],
    ['precedence', 'auto_reply'],
    ['precedence', 'bulk'],
    ['precedence', 'junk'],
    ['x-autoreply', 'yes'],
    ['x-autorespond', 'vacation'],
  ])('ignores a mail with %s: %s', (header, value) => {
    expect(decideInbound(mail({ headers: { [header]: value } }), 'imk.example.org')).toEqual({
      kind: 'ignore',
      reason: 'auto-reply',
    });
  });

  it('still reads an answer whose subject only mentions an absence, or Auto-Submitted: no', () => {
    for (const changes of [
      { subject: 'AW: Abwesenheit des Ministers – Umlaufverfahren' },
      { headers: { 'auto-submitted': 'no' } },
    ]) {
      expect(decideInbound(mail(changes), 'imk.example.org').kind).toBe('vote');
    }
  });
});
