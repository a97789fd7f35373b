import { createHash } from 'node:crypto';
import ICAL from 'ical.js';
import PostalMime, { addressParser } from 'postal-mime';
import type { InboundMail } from '../../domain/inbound-mail.js';

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
 * Parses a raw inbound message with postal-mime (and its iMIP part with
 * ical.js) into what the product looks at. A calendar part that cannot be
 * parsed is left out, so the mail goes to review rather than failing. The
 * envelope brings what the receiving side knows: recipients, SES's verdicts
 * and how the message came in; without verdicts nothing in it is believed.
 */
export const parseInboundMail = async (
  raw: string | Uint8Array,
  envelope: Pick<Partial<InboundMail>, 'verdicts' | 'delivery'> & { recipients?: string[] } = {},
): Promise<InboundMail> => {
  const email = await PostalMime.parse(raw);
  const calendarPart = email.attachments.find(
    (part) => part.mimeType.toLowerCase() === 'text/calendar',
  );
  let calendar: InboundMail['calendar'];
  if (calendarPart !== undefined) {
    try {
      calendar = readCalendar(decode(calendarPart.content));
    } catch {
      calendar = undefined;
    }
  }
  const fromHeaders = mailboxesOf(email.headers, 'from');
  return {
    messageId:
      email.messageId ??
      `<sha256-${createHash('sha256')
        .update(typeof raw === 'string' ? raw : Buffer.from(raw))
        .digest('hex')}>`,
    from: fromHeaders[0]?.[0] ?? '',
    fromHeaders,
    senders: mailboxesOf(email.headers, 'sender').flat(),
    dkimDomains: dkimDomains(email.headers),
    // Read from the raw headers: postal-mime lower-cases parsed addresses, and the
    // reply address carries a case-sensitive MAC in its local part.
    recipients: [...rawRecipients(email.headers), ...(envelope.recipients ?? [])].map(lowerDomain),
    subject: email.subject ?? '',
    text: email.text ?? '',
    headers: Object.fromEntries(
      email.headers.map((header) => [header.key.toLowerCase(), header.value]),
    ),
    ...(calendar === undefined ? {} : { calendar }),
    ...(envelope.verdicts === undefined ? {} : { verdicts: envelope.verdicts }),
    ...(envelope.delivery === undefined ? {} : { delivery: envelope.delivery }),
  };
};
