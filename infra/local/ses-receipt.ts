import type { SESEvent, SESMailHeader, SESReceiptStatus } from 'aws-lambda';
import { addressParser } from 'postal-mime';
import type { MailVerdicts, VerdictStatus } from '../../shared/domain/mail-authentication.js';

/** The header block of a raw message, unfolded, in order. */
const headerLines = (raw: Uint8Array): SESMailHeader[] => {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(raw);
  const end = text.search(/\r?\n\r?\n/);
  const block = (end === -1 ? text : text.slice(0, end)).replace(/\r?\n[ \t]+/g, ' ');
  return block.split(/\r?\n/).flatMap((line) => {
    const colon = line.indexOf(':');
    return colon <= 0 ? [] : [{ name: line.slice(0, colon), value: line.slice(colon + 1).trim() }];
  });
};

const addresses = (value: string | undefined) =>
  value === undefined
    ? []
    : addressParser(value).flatMap((entry) =>
        'group' in entry && entry.group !== undefined
          ? entry.group.map((member) => member.address)
          : [entry.address],
      );

/**
 * The event SES's receipt rule hands the inbound-mail function for one
 * message it stored under `messageId`: its envelope (sender and recipients,
 * here read from the message's own From, To and Cc) and the verdicts of its
 * checks, as `npm run inbound` gives them.
 *
 * @example
 * ```ts
 * const event = sesReceiptEvent(raw, { messageId: 'local-01J…', verdicts: localVerdicts(undefined) });
 * ```
 */
export const sesReceiptEvent = (
  raw: Uint8Array,
  {
    messageId,
    verdicts,
    now = new Date(),
  }: { messageId: string; verdicts: MailVerdicts; now?: Date },
): SESEvent => {
  const headers = headerLines(raw);
  const first = (name: string) =>
    headers.find((header) => header.name.toLowerCase() === name)?.value;
  const from = addresses(first('from'));
  const to = addresses(first('to'));
  const recipients = [...to, ...addresses(first('cc'))].filter((address) => address !== '');
  const verdict = (status: VerdictStatus | undefined): SESReceiptStatus => ({
    status: status ?? 'PROCESSING_FAILED',
  });
  const timestamp = now.toISOString();
  return {
    Records: [
      {
        eventSource: 'aws:ses',
        eventVersion: '1.0',
        ses: {
          mail: {
            timestamp,
            source: from[0] ?? '',
            messageId,
            destination: recipients,
            headersTruncated: false,
            headers,
            commonHeaders: {
              returnPath: from[0] ?? '',
              from: first('from') === undefined ? [] : [first('from') as string],
              date: first('date') ?? '',
              to: first('to') === undefined ? [] : [first('to') as string],
              messageId: first('message-id') ?? '',
              subject: first('subject') ?? '',
            },
          },
          receipt: {
            timestamp,
            processingTimeMillis: 0,
            recipients,
            spamVerdict: verdict(verdicts.spam),
            virusVerdict: verdict(verdicts.virus),
            spfVerdict: verdict(verdicts.spf),
            dkimVerdict: verdict(verdicts.dkim),
            dmarcVerdict: verdict(verdicts.dmarc),
            action: {
              type: 'Lambda',
              functionArn: 'arn:aws:lambda:eu-central-1:000000000000:function:local-inbound-mail',
              invocationType: 'Event',
            },
          },
        },
      },
    ],
  };
};
