import { createHmac } from 'node:crypto';
import { html } from 'hono/html';
import type { AgendaItem } from '../domain/agenda.js';
import type { Body } from '../domain/body.js';
import type { Answer, Invitation } from '../domain/invitation.js';
import type { Session } from '../domain/session.js';
import { type SessionSnapshot, snapshotOf } from '../domain/session-change.js';
import { calendarParameter } from './calendar-parameter.js';
import { germanDatePhrase, germanDateTime, germanSessionDates } from './dates.js';
import { exerciseTitle } from './exercise.js';
import { greeting } from './greeting.js';
import { type ListedPaper, paperHtml, paperTextLines } from './papers-mail.js';
import { changeLines, placeText } from './session-changes.js';
import { sessionPhrase } from './session-phrase.js';

/** A mail ready to be put into MIME: one recipient, personal links, a calendar part. */
export interface OutgoingMail {
  from: { name: string; address: string };
  to: { name: string; address: string };
  replyTo: string;
  subject: string;
  text: string;
  html: string;
  calendar?: { method: 'REQUEST' | 'CANCEL'; content: string };
  messageId: string;
  headers: Record<string, string>;
}

/** What a personal reply address answers: an invitation (`antwort+`) or a ballot (`umlauf+`). */
export type ReplyKind = 'antwort' | 'umlauf';

/** Lower-case base32 (RFC 4648 letters and digits 2–7): an alphabet without case. */
const base32 = (bytes: Uint8Array): string => {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out;
};

/** The MAC of a reply address: 80 bits of HMAC-SHA-256, in lower-case base32. */
export const replyMac = (id: string, secret: string, kind: ReplyKind = 'antwort'): string =>
  base32(
    createHmac('sha256', secret)
      .update(kind === 'antwort' ? `reply:${id.toUpperCase()}` : `${kind}:${id.toUpperCase()}`)
      .digest()
      .subarray(0, 10),
  );

/**
 * The personal reply address of an invitation, `antwort+<id>.<mac>@domain`,
 * or of a written procedure's ballot, `umlauf+<id>.<mac>@domain`: answers
 * are routed by this address, never by trusting the From line. Id and MAC
 * are written in lower case from alphabets without case, so the address
 * works whatever case a mail relay gives it.
 */
export const replyAddress = (
  id: string,
  secret: string,
  domain: string,
  kind: ReplyKind = 'antwort',
): string => `${kind}+${id.toLowerCase()}.${replyMac(id, secret, kind)}@${domain}`;

/** The stable calendar UID of a session, shared by the `.ics` download and every invitation. */
export const sessionUid = (sessionId: string) => `session-${sessionId}@conference-coordination`;

export interface InvitationMailInput {
  /** A first invitation, an update after a change of time or place, or the cancellation. */
  kind: 'invitation' | 'update' | 'cancel' | 'reminder' | 'revoked';
  session: Session;
  body: Body;
  invitation: Invitation;
  /** The agenda items the recipient may see (see `agendaFor`). */
  agenda: readonly AgendaItem[];
  /** False when confidential items were left out: the mail then says where they are shared. */
  registeredRecipient: boolean;
  /** The personal answer page; `?antwort=` preselects the choice. */
  answerUrl: string;
  replyTo: string;
  secretariat: { name: string; email: string };
  senderDomain: string;
  /** An update: the session as the invitee knew it; the mail lists what changed. */
  previous?: SessionSnapshot | undefined;
  /** An update: the invitee's earlier answer no longer stands and was cleared. */
  answerCleared?: boolean | undefined;
  /** The session's papers the recipient may see, with their personal links. */
  papers?: readonly ListedPaper[] | undefined;
}

/**
 * The agenda items a mail may name: all of them for the body's registered
 * people, only the public ones for anyone else (a deputy named by link, a
 * forwarded address).
 */
export const agendaFor = (agenda: readonly AgendaItem[], registeredRecipient: boolean) =>
  registeredRecipient ? agenda : agenda.filter((item) => item.public);

const withheldNote =
  'Weitere, nicht öffentliche Tagesordnungspunkte erhalten nur die bei der Geschäftsstelle registrierten Ansprechpartnerinnen und Ansprechpartner der Mitglieder.';

const place = (session: Session) => placeText(session.place);

/** Where the subject says the session is: "Hamburg", "Videokonferenz", "Hamburg und per Video". */
const subjectPlace = (session: Session) => {
  const city = session.place?.city;
  if (city === undefined || session.format === 'video') return 'Videokonferenz';
  return session.format === 'hybrid' ? `${city} und per Video` : city;
};

/** A kept answer as the update names it: "Ihre Zusage bleibt bestehen". */
const keptAnswer: Record<Answer['status'], string> = {
  accepted: 'Ihre Zusage bleibt bestehen',
  declined: 'Ihre Absage bleibt bestehen',
  tentative: 'Ihre vorläufige Zusage bleibt bestehen',
  represented: 'Ihre Meldung der Vertretung bleibt bestehen',
};

/**
 * What an update asks of the invitee: to answer again when their answer no
 * longer stands, nothing when it stands (it says so), and the usual answer
 * when none was given yet.
 */
const updateAnswerNote = (input: InvitationMailInput): string | undefined => {
  if (input.kind !== 'update') return undefined;
  if (input.answerCleared) {
    return 'Ihre bisherige Antwort gilt für die geänderte Sitzung nicht mehr.';
  }
  const answer = input.invitation.answer;
  if (answer === undefined) return undefined;
  return `${keptAnswer[answer.status]}; Sie brauchen nicht erneut zu antworten.`;
};

/**
 * The German invitation mail of one invitee: subject, plain text and HTML
 * with the answer links (Outlook shows the body, not the calendar
 * description), and an iTIP REQUEST whose ORGANIZER is the reply address.
 */
export const invitationMail = async (input: InvitationMailInput): Promise<OutgoingMail> => {
  const { session, body, invitation, agenda } = input;
  const when = germanSessionDates(session.startsAt, session.endsAt, session.timeZone);
  const where = subjectPlace(session);
  const prefix = {
    invitation: 'Einladung',
    update: 'Geänderte Einladung',
    cancel: 'Abgesagt',
    reminder: 'Erinnerung',
    revoked: 'Einladung zurückgezogen',
  }[input.kind];
  const subject = `${prefix}: ${session.title} ${germanDatePhrase(session.startsAt, session.endsAt, session.timeZone, { hoursOfOneDay: true })}, ${where}`;
  const sequence = session.sequence ?? 0;
  const revoked = input.kind === 'revoked';
  const cancelled = input.kind === 'cancel' || revoked;
  const dative = sessionPhrase(session, body, 'dative', { withFormat: true });
  const nominative = sessionPhrase(session, body, 'nominative', { withFormat: true });
  // An update names the session without its format: a new format is one of the changes it lists.
  const changed = sessionPhrase(session, body, 'nominative');
  // Without what invitees knew before (an update queued before changes were kept) it says what holds now.
  const changes =
    input.kind === 'update' && input.previous
      ? changeLines(input.previous, snapshotOf(session))
      : [];
  const lead = {
    invitation: `im Namen des Vorsitzes lädt Sie die ${input.secretariat.name} herzlich ${dative} ein:`,
    update:
      changes.length > 0
        ? `${changed} hat sich geändert:`
        : `${changed} hat sich geändert. Es gilt nun:`,
    cancel: `${nominative} ist abgesagt:`,
    reminder: `wir erinnern an die Einladung ${dative}; Ihre Antwort steht noch aus:`,
    revoked: `Ihre Einladung als Vertretung ${dative} ist zurückgezogen worden; die Links darin gelten nicht mehr:`,
  }[input.kind];
  const cancelText = revoked
    ? 'Der Termin wird aus Ihrem Kalender entfernt. Bei Fragen wenden Sie sich bitte an die Geschäftsstelle.'
    : 'Die Sitzung findet nicht statt; der Termin wird aus Ihrem Kalender entfernt.';
  const shownAgenda = revoked ? [] : agenda;
  const papers = cancelled ? [] : (input.papers ?? []);
  const withheld = !revoked && !input.registeredRecipient;
  const answerAgain = updateAnswerNote(input);
  const answerStands = input.kind === 'update' && !input.answerCleared && invitation.answer;
  const again = input.answerCleared ? ' erneut' : '';
  const deadline = session.answerDeadline
    ? germanDateTime(session.answerDeadline, session.timeZone)
    : undefined;
  const canNameDeputy = invitation.capacity === 'principal';
  const links = {
    accept: `${input.answerUrl}?antwort=zusage`,
    decline: `${input.answerUrl}?antwort=absage`,
    represent: `${input.answerUrl}?antwort=vertretung`,
  };
  const salutation = greeting(invitation);
  const copyNote =
    invitation.capacity === 'office_contact'
      ? 'Sie erhalten diese Einladung in Kopie für Ihre Hausleitung.\n\n'
      : '';

  const text = [
    salutation,
    '',
    `${copyNote}${lead}`,
    '',
    ...(changes.length > 0 ? [...changes.map((line) => `  ${line}`), '', 'Es gilt nun:', ''] : []),
    `  ${session.title}`,
    `  Termin: ${when}`,
    ...(session.place ? [`  Ort: ${place(session)}`] : []),
    ...(session.videoLink ? [`  Videokonferenz: ${session.videoLink}`] : []),
    '',
    ...(shownAgenda.length > 0
      ? ['Tagesordnung:', ...shownAgenda.map((item) => `  TOP ${item.number}  ${item.title}`), '']
      : []),
    ...(withheld ? [withheldNote, ''] : []),
    ...paperTextLines(papers),
    ...(cancelled
      ? [cancelText, '']
      : [
          ...(answerAgain ? [answerAgain, ''] : []),
          answerStands
            ? 'Nur wenn sich für Sie etwas ändert, antworten Sie bitte neu:'
            : `Bitte antworten Sie${again}${deadline ? ` bis ${deadline}` : ''}:`,
          `  Zusagen:           ${links.accept}`,
          `  Absagen:           ${links.decline}`,
          // Only the invited minister names a deputy; a deputy's own link would refuse it.
          ...(canNameDeputy ? [`  Vertretung melden: ${links.represent}`] : []),
          '',
          'Sie können auch auf diese E-Mail mit „Zusage“ oder „Absage“ antworten oder die Kalendereinladung annehmen.',
          'Die Links sind persönlich; bitte leiten Sie diese E-Mail nicht an Dritte weiter.',
          '',
        ]),
    'Mit freundlichen Grüßen',
    input.secretariat.name,
    input.secretariat.email,
  ].join('\n');

  const htmlBody = html`<!doctype html>
<html lang="de"><head><meta charset="utf-8"><title>${subject}</title></head>
<body style="font-family: Arial, sans-serif; line-height: 1.5; color: #1a1a1a">
<p>${salutation}</p>
${invitation.capacity === 'office_contact' ? html`<p>Sie erhalten diese Einladung in Kopie für Ihre Hausleitung.</p>` : ''}
<p>${lead}</p>
${changes.length > 0 ? html`<ul>${changes.map((line) => html`<li>${line}</li>`)}</ul><p>Es gilt nun:</p>` : ''}
<table role="presentation" style="border-collapse: collapse">
<tr><th scope="row" style="text-align: left; padding-right: 1em">Sitzung</th><td>${session.title}</td></tr>
<tr><th scope="row" style="text-align: left; padding-right: 1em">Termin</th><td>${when}</td></tr>
${session.place ? html`<tr><th scope="row" style="text-align: left; padding-right: 1em">Ort</th><td>${place(session)}</td></tr>` : ''}
${session.videoLink ? html`<tr><th scope="row" style="text-align: left; padding-right: 1em">Video</th><td><a href="${session.videoLink}">${session.videoLink}</a></td></tr>` : ''}
</table>
${shownAgenda.length > 0 ? html`<h2 style="font-size: 1.1em">Tagesordnung</h2><ol style="list-style: none; padding-left: 0">${shownAgenda.map((item) => html`<li>TOP ${item.number} – ${item.title}</li>`)}</ol>` : ''}
${withheld ? html`<p>${withheldNote}</p>` : ''}
${paperHtml(papers)}
${
  cancelled
    ? html`<p>${cancelText}</p>`
    : html`${answerAgain ? html`<p><strong>${answerAgain}</strong></p>` : ''}
<p>${answerStands ? 'Nur wenn sich für Sie etwas ändert, antworten Sie bitte neu:' : deadline ? html`Bitte antworten Sie${again} bis <strong>${deadline}</strong>:` : `Bitte antworten Sie${again}:`}</p>
<p>
<a href="${links.accept}" style="display: inline-block; padding: 0.5em 1em; background: #0b5; color: #fff; text-decoration: none">Zusagen</a>
<a href="${links.decline}" style="display: inline-block; padding: 0.5em 1em; background: #b30; color: #fff; text-decoration: none">Absagen</a>
${canNameDeputy ? html`<a href="${links.represent}" style="display: inline-block; padding: 0.5em 1em; background: #357; color: #fff; text-decoration: none">Vertretung melden</a>` : ''}
</p>
<p>Sie können auch auf diese E-Mail mit „Zusage“ oder „Absage“ antworten oder die Kalendereinladung annehmen. Die Links sind persönlich; bitte leiten Sie diese E-Mail nicht an Dritte weiter.</p>`
}
<p>Mit freundlichen Grüßen<br>${input.secretariat.name}<br>${input.secretariat.email}</p>
</body></html>`;

  const {
    default: ical,
    ICalCalendarMethod,
    ICalAttendeeRole,
    ICalAttendeeStatus,
    ICalEventStatus,
  } = await import('ical-generator');
  const calendar = ical({
    method: cancelled ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST,
    prodId: { company: 'conference-coordination', product: 'invitations', language: 'DE' },
  });
  calendar.createEvent({
    id: sessionUid(session.id),
    sequence,
    start: new Date(session.startsAt),
    end: new Date(session.endsAt),
    summary: session.exercise === true ? exerciseTitle(session.title) : session.title,
    description: `Antworten: ${input.answerUrl}`,
    ...(session.place ? { location: place(session) } : {}),
    ...(session.videoLink ? { url: session.videoLink } : {}),
    organizer: { name: calendarParameter(input.secretariat.name), email: input.replyTo },
    attendees: [
      {
        name: calendarParameter(invitation.name),
        email: invitation.email,
        // An answer that stands is carried over, so the calendar does not ask again.
        rsvp: !answerStands,
        role: ICalAttendeeRole.REQ,
        status: answerStands
          ? {
              accepted: ICalAttendeeStatus.ACCEPTED,
              declined: ICalAttendeeStatus.DECLINED,
              tentative: ICalAttendeeStatus.TENTATIVE,
              represented: ICalAttendeeStatus.DELEGATED,
            }[answerStands.status]
          : ICalAttendeeStatus.NEEDSACTION,
      },
    ],
    stamp: new Date(session.updatedAt),
    ...(cancelled ? { status: ICalEventStatus.CANCELLED } : {}),
  });

  return {
    from: { name: input.secretariat.name, address: `einladung@${input.senderDomain}` },
    to: { name: invitation.name, address: invitation.email },
    replyTo: input.replyTo,
    subject,
    text,
    html: (await htmlBody).toString(),
    // A reminder carries no calendar part: the invitation already put the session in the calendar.
    ...(input.kind === 'reminder'
      ? {}
      : {
          calendar: {
            method: cancelled ? ('CANCEL' as const) : ('REQUEST' as const),
            content: calendar.toString(),
          },
        }),
    messageId: `<${input.kind}-${invitation.id}-${sequence}@${input.senderDomain}>`,
    headers: { 'Auto-Submitted': 'auto-generated', 'X-Auto-Response-Suppress': 'OOF, AutoReply' },
  };
};
