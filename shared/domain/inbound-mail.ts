import type { AnswerStatus } from './invitation.js';
import { type Authorship, authenticationProblem } from './mail-authentication.js';
import { type MailVotes, readBallotReply, readInvitationReply } from './reply-answer.js';

/** The parts of an inbound mail the product looks at. */
export interface InboundMail extends Authorship {
  messageId: string;
  /** The author's address (the first From mailbox), lower-cased. */
  from: string;
  /** The mailboxes of the Sender headers, lower-cased. */
  senders: string[];
  /** Every recipient address (To, Cc, and the envelope's); domains lower-cased, local parts as sent. */
  recipients: string[];
  subject: string;
  text: string;
  /** Header names lower-cased. */
  headers: Record<string, string>;
  /** An iMIP part, if the mail carries one. */
  calendar?: {
    method: string;
    uid: string;
    sequence: number;
    attendees: { email: string; partstat: string }[];
  };
  /** How the message came in: by SES's receipt rule, or fed in by hand with `npm run inbound`. */
  delivery?: 'ses' | 'local';
  /** Why the parser refused the message; then only its raw header lines were read. */
  unreadable?: string;
}

/** A reply to a written procedure's ballot, by its `umlauf+` address. */
export interface BallotRoute {
  ballotId: string;
  mac: string;
}

export type InboundDecision =
  /** `returned-invitation`: our own calendar invitation came back (forwarded or bounced by a client). */
  | { kind: 'ignore'; reason: 'auto-reply' | 'bounce' | 'returned-invitation' }
  | { kind: 'review'; reason: string; route?: { invitationId: string; mac: string } }
  | { kind: 'ballot-review'; reason: string; route: BallotRoute }
  /** Votes read from the reply's own words, for every proposal or per proposal. */
  | { kind: 'vote'; route: BallotRoute; votes: MailVotes }
  | {
      kind: 'answer';
      invitationId: string;
      mac: string;
      status: AnswerStatus;
      channel: 'calendar' | 'mail';
      /** The calendar reply's UID, SEQUENCE and ATTENDEE, checked against the session and invitee. */
      calendar?: { uid: string; sequence: number; attendee: string };
    };

const partstats: Record<string, AnswerStatus> = {
  ACCEPTED: 'accepted',
  DECLINED: 'declined',
  TENTATIVE: 'tentative',
};

/**
 * Subject beginnings of out-of-office and other automatic replies, in the
 * languages a conference of the Länder meets: German, English, French,
 * Dutch, Italian, Spanish and Polish.
 */
const autoReplySubject = new RegExp(
  `^(\\[[^\\]]*\\]\\s*)?(${[
    'abwesenheitsnotiz',
    'automatische antwort',
    'autom\\. antwort',
    'auto(matic)?[ -]?reply',
    'auto(matic)?[ -]?response',
    'out of (the )?office',
    'ooo\\b',
    'réponse automatique',
    'reponse automatique',
    'absence du bureau',
    'absent(e)? du bureau',
    'automatisch antwoord',
    'niet aanwezig',
    'risposta automatica',
    'fuori sede',
    "fuori dall'ufficio",
    'respuesta automática',
    'respuesta automatica',
    'fuera de la oficina',
    'odpowiedź automatyczna',
    'automatyczna odpowiedź',
    'nieobecność',
    'poza biurem',
  ].join('|')})`,
  'iu',
);

/** Whether a mail is an auto-reply or a bounce, which no one needs to see. */
const ignoredAs = (mail: InboundMail): 'auto-reply' | 'bounce' | undefined => {
  const autoSubmitted = mail.headers['auto-submitted'];
  if (
    (autoSubmitted !== undefined && autoSubmitted.toLowerCase() !== 'no') ||
    mail.headers['x-autoreply'] !== undefined ||
    mail.headers['x-autorespond'] !== undefined ||
    // Exchange marks its automatic replies so that they draw none in turn.
    /\b(all|oof|autoreply)\b/i.test(mail.headers['x-auto-response-suppress'] ?? '') ||
    /^(auto_reply|bulk|junk)$/i.test(mail.headers.precedence ?? '') ||
    autoReplySubject.test(mail.subject)
  ) {
    return 'auto-reply';
  }
  if (
    /^(mailer-daemon|postmaster)@/i.test(mail.from) ||
    /multipart\/report/i.test(mail.headers['content-type'] ?? '')
  ) {
    return 'bounce';
  }
  return undefined;
};

/**
 * Decides what an inbound mail is: an auto-reply or bounce (ignored), an
 * answer routed by its personal reply address, or something for the
 * secretariat to review, which a message the parser refused always is. Only
 * an authenticated message (see `authenticationProblem`) can become an answer
 * or a vote. A plain reply is read from the person's own words, wherever
 * they stand beside the quote (see `readInvitationReply` and
 * `readBallotReply`); what they leave unclear goes to review with the
 * reason. It changes nothing; the sender, the calendar ATTENDEE and
 * SEQUENCE are checked against the invitation by the use case.
 *
 * @example
 * ```ts
 * decideInbound(mail, 'imk.example.org');
 * ```
 */
export const decideInbound = (mail: InboundMail, senderDomain: string): InboundDecision => {
  // An unreadable message is never ignored: what it is cannot be known.
  const unreadable =
    mail.unreadable === undefined ? undefined : `the message cannot be read: ${mail.unreadable}`;
  const ignored = unreadable === undefined ? ignoredAs(mail) : undefined;
  if (ignored !== undefined) return { kind: 'ignore', reason: ignored };
  const pattern = new RegExp(
    `^(antwort|umlauf)\\+([0-9a-hjkmnp-tv-z]{26})\\.([a-z2-7]{16})@${senderDomain.replace(/\./g, '\\.')}$`,
    'i',
  );
  const routed = mail.recipients
    .map((address) => pattern.exec(address))
    .find((match) => match !== null);
  if (routed?.[1] === undefined || routed[2] === undefined || routed[3] === undefined) {
    return { kind: 'review', reason: unreadable ?? 'not sent to a personal reply address' };
  }
  const id = routed[2].toUpperCase();
  const mac = routed[3].toLowerCase();
  const unproven = unreadable ?? authenticationProblem(mail);
  if (routed[1].toLowerCase() === 'umlauf') {
    const route = { ballotId: id, mac };
    if (unproven !== undefined) return { kind: 'ballot-review', reason: unproven, route };
    const reading = readBallotReply(mail.text);
    if (reading.kind === 'unclear') return { kind: 'ballot-review', reason: reading.reason, route };
    return { kind: 'vote', route, votes: reading.answer };
  }
  const invitationId = id;
  const route = { invitationId, mac };
  if (unproven !== undefined) return { kind: 'review', reason: unproven, route };
  if (mail.calendar !== undefined && mail.calendar.method.toUpperCase() === 'REPLY') {
    const [attendee] = mail.calendar.attendees;
    const status = partstats[attendee?.partstat.toUpperCase() ?? ''];
    if (attendee === undefined || status === undefined || mail.calendar.attendees.length !== 1) {
      return { kind: 'review', reason: 'calendar reply without one clear answer', route };
    }
    return {
      kind: 'answer',
      invitationId,
      mac,
      status,
      channel: 'calendar',
      calendar: {
        uid: mail.calendar.uid,
        sequence: mail.calendar.sequence,
        attendee: attendee.email,
      },
    };
  }
  const reading = readInvitationReply(mail.text);
  if (reading.kind === 'unclear') {
    // An invitation (REQUEST, PUBLISH, CANCEL) that comes back with no answer
    // of its own is our mail returning, not a reply: nothing to review.
    if (mail.calendar !== undefined && reading.reason === 'no answer recognised') {
      return { kind: 'ignore', reason: 'returned-invitation' };
    }
    return { kind: 'review', reason: reading.reason, route };
  }
  return { kind: 'answer', invitationId, mac, status: reading.answer, channel: 'mail' };
};
