import { describe, expect, it } from 'vitest';
import {
  decideInbound,
  firstWordAnswer,
  firstWordVote,
  type InboundMail,
} from '../../shared/domain/inbound-mail.js';

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

describe('first words of a reply', () => {
  it.each([
    ['Zustimmung\n\n> zitiert', 'yes'],
    ['  einverstanden, mit Dank', 'yes'],
    ['Ablehnung.', 'no'],
    ['Enthaltung', 'abstain'],
    ['> Ablehnung\nZustimmung', 'yes'],
    ['Ich stimme zu', undefined],
    ['', undefined],
  ])('reads %j as a vote %s', (text, vote) => {
    expect(firstWordVote(text)).toBe(vote);
  });

  it('keeps invitation answers and votes apart', () => {
    expect(firstWordAnswer('Zustimmung')).toBeUndefined();
    expect(firstWordVote('Zusage')).toBeUndefined();
  });
});

describe('decideInbound for written procedures', () => {
  it('routes a reply to an umlauf+ address as a vote on that ballot', () => {
    expect(decideInbound(mail({}), 'imk.example.org')).toEqual({
      kind: 'vote',
      route: { ballotId, mac: 'abcdefghijklmnop' },
      vote: 'yes',
    });
  });

  it('sends an unreadable answer or failed checks to review, with the ballot named', () => {
    expect(decideInbound(mail({ text: 'Bitte Rückruf' }), 'imk.example.org')).toMatchObject({
      kind: 'ballot-review',
      reason: 'no answer recognised',
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
