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
