import { createHash } from 'node:crypto';
import ICAL from 'ical.js';
import PostalMime, { addressParser, decodeWords, type Email } from 'postal-mime';
import type { InboundMail } from '../../domain/inbound-mail.js';
import { htmlMailText } from './html-text.js';

type Header = { key: string; value: string };

const recipientHeaders = new Set(['to', 'cc', 'delivered-to', 'x-original-to']);

const rawRecipients = (headers: Header[]): string[] =>
  headers
    .filter((header) => recipientHeaders.has(header.key.toLowerCase()))
    .flatMap((header) => header.value.match(/[^\s<>,;:"()[\]]+@[^\s<>,;:"()[\]]+/g) ?? []);

const lowerDomain = (address: string) => {
  const at = address.lastIndexOf('@');
  return at < 0 ? address : `${address.slice(0, at)}@${address.slice(at + 1).toLowerCase()}`;
};

/** The mailboxes of each header named `key`, lower-cased, group members included. */
const mailboxesOf = (headers: Header[], key: string): string[][] =>
  headers
    .filter((header) => header.key === key)
    .map((header) =>
      addressParser(header.value)
        .flatMap((address) => ('group' in address ? (address.group ?? []) : [address]))
        .map((mailbox) => mailbox.address.toLowerCase())
        .filter((address) => address !== ''),
    );

/** The signing domain (the d= tag) of each DKIM-Signature header. */
const dkimDomains = (headers: Header[]): string[] =>
  headers
    .filter((header) => header.key === 'dkim-signature')
    .map(
      (header) =>
        header.value
          .split(';')
          .map((tag) => tag.replace(/\s+/g, ''))
          .find((tag) => tag.toLowerCase().startsWith('d='))
          ?.slice(2)
          .toLowerCase() ?? '',
    );

const decode = (content: ArrayBuffer | Uint8Array | string): string =>
  typeof content === 'string' ? content : new TextDecoder().decode(content);

const readCalendar = (text: string): InboundMail['calendar'] => {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const event = calendar.getFirstSubcomponent('vevent');
  if (event === null) return undefined;
  return {
    method: String(calendar.getFirstPropertyValue('method') ?? ''),
    uid: String(event.getFirstPropertyValue('uid') ?? ''),
    sequence: Number(event.getFirstPropertyValue('sequence') ?? 0),
    attendees: event.getAllProperties('attendee').map((attendee) => ({
      email: String(attendee.getFirstValue() ?? '')
        .replace(/^mailto:/i, '')
        .toLowerCase(),
      partstat: String(attendee.getParameter('partstat') ?? ''),
    })),
  };
};

/**
 * Limits past which a message is not read but goes to review: deeper MIME
 * trees and larger headers than mail clients write, so that one hostile
 * message costs little time and memory.
 */
const parserLimits = { maxNestingDepth: 32, maxHeadersSize: 128 * 1024 };
/** How much of an unreadable message is searched for its header lines. */
const roughHeadBytes = 64 * 1024;
/** RFC 5322's line limit; a longer Message-ID is replaced by a hash of itself. */
const maxMessageIdLength = 998;

type Envelope = Pick<Partial<InboundMail>, 'verdicts' | 'delivery'> & { recipients?: string[] };

const hashId = (content: string | Uint8Array) =>
  `<sha256-${createHash('sha256').update(content).digest('hex')}>`;

/**
 * The header lines at the top of a message the parser refused, unfolded, as
 * far as they reach within its first 64 KiB.
 */
const roughHeaders = (raw: string | Uint8Array): Header[] => {
  const start =
    typeof raw === 'string'
      ? raw.slice(0, roughHeadBytes)
      : new TextDecoder().decode(raw.subarray(0, roughHeadBytes));
  const [head = ''] = start.split(/\r?\n\r?\n/, 1);
  return head
    .replace(/\r?\n[ \t]+/g, ' ')
    .split(/\r?\n/)
    .flatMap((line) => {
      const colon = line.indexOf(':');
      return colon > 0
        ? [{ key: line.slice(0, colon).trim().toLowerCase(), value: line.slice(colon + 1).trim() }]
        : [];
    });
};

/** What the product looks at, from a message's headers and what was read of its body. */
const inboundMail = (
  raw: string | Uint8Array,
  envelope: Envelope,
  headers: Header[],
  read: Pick<InboundMail, 'text' | 'calendar' | 'unreadable'> & {
    messageId: string | undefined;
    subject: string | undefined;
  },
): InboundMail => {
  const fromHeaders = mailboxesOf(headers, 'from');
  const declaredId = read.messageId?.trim() ?? '';
  return {
    messageId:
      declaredId === ''
        ? hashId(raw)
        : declaredId.length > maxMessageIdLength
          ? hashId(declaredId)
          : declaredId,
    from: fromHeaders[0]?.[0] ?? '',
    fromHeaders,
    senders: mailboxesOf(headers, 'sender').flat(),
    dkimDomains: dkimDomains(headers),
    // Read from the raw headers: postal-mime lower-cases parsed addresses, and the
    // reply address carries a case-sensitive MAC in its local part.
    recipients: [...rawRecipients(headers), ...(envelope.recipients ?? [])].map(lowerDomain),
    subject: read.subject ?? '',
    text: read.text,
    headers: Object.fromEntries(headers.map((header) => [header.key.toLowerCase(), header.value])),
    ...(read.calendar === undefined ? {} : { calendar: read.calendar }),
    ...(read.unreadable === undefined ? {} : { unreadable: read.unreadable }),
    ...(envelope.verdicts === undefined ? {} : { verdicts: envelope.verdicts }),
    ...(envelope.delivery === undefined ? {} : { delivery: envelope.delivery }),
  };
};

/**
 * Parses a raw inbound message with postal-mime (and its iMIP part with
 * ical.js) into what the product looks at; an HTML-only message's text is
 * read from its HTML, quotes kept as `>` lines (see `htmlMailText`). A calendar part that cannot be
 * parsed is left out, so the mail goes to review rather than failing. A
 * message postal-mime refuses (MIME nested too deep, headers too large) is
 * marked `unreadable` with postal-mime's reason, and what its raw header
 * lines say is kept, so it can still be routed to a review list. The
 * envelope brings what the receiving side knows: recipients, SES's verdicts
 * and how the message came in; without verdicts nothing in it is believed.
 */
export const parseInboundMail = async (
  raw: string | Uint8Array,
  envelope: Envelope = {},
): Promise<InboundMail> => {
  let email: Email;
  try {
    email = await PostalMime.parse(raw, parserLimits);
  } catch (error) {
    const headers = roughHeaders(raw);
    const first = (key: string) => headers.find((header) => header.key === key)?.value;
    return inboundMail(raw, envelope, headers, {
      messageId: first('message-id'),
      subject: decodeWords(first('subject') ?? ''),
      text: '',
      unreadable: error instanceof Error ? error.message : String(error),
    });
  }
  // Calendar replies come in every wrapping: text/calendar inline or
  // attached, application/ics, or an application/octet-stream named *.ics.
  const calendarPart = email.attachments.find((part) => {
    const type = part.mimeType.toLowerCase();
    return (
      type === 'text/calendar' || type === 'application/ics' || /\.ics$/i.test(part.filename ?? '')
    );
  });
  let calendar: InboundMail['calendar'];
  if (calendarPart !== undefined) {
    try {
      calendar = readCalendar(decode(calendarPart.content));
    } catch {
      calendar = undefined;
    }
  }
  return inboundMail(raw, envelope, email.headers, {
    messageId: email.messageId,
    subject: email.subject,
    // An HTML-only mail (as some clients and phones send them) is read as its text.
    text:
      email.text !== undefined && email.text.trim() !== ''
        ? email.text
        : email.html === undefined
          ? ''
          : htmlMailText(email.html),
    calendar,
  });
};
