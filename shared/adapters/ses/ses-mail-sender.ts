import { MessageRejected, SESClient, SendRawEmailCommand } from '@aws-sdk/client-ses';
import MailComposer from 'nodemailer/lib/mail-composer';
import type { OutgoingMail } from '../../mail/invitation-mail.js';
import { MailRejectedError, type MailSender } from '../../ports/mail-sender.js';

/**
 * Builds the MIME message of a mail with nodemailer's MailComposer: text and
 * HTML alternatives, and the calendar part as `text/calendar; method=…`.
 */
export const composeMime = (mail: OutgoingMail): Promise<Buffer> =>
  new MailComposer({
    from: mail.from,
    to: mail.to,
    replyTo: mail.replyTo,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    messageId: mail.messageId,
    headers: mail.headers,
    ...(mail.calendar === undefined
      ? {}
      : {
          icalEvent: {
            method: mail.calendar.method,
            filename: 'einladung.ics',
            content: mail.calendar.content,
          },
        }),
  })
    .compile()
    .build();

export interface SesMailSenderOptions {
  region: string;
  /** The local SES's URL; omitted in AWS. */
  endpoint?: string | undefined;
  /** The SES configuration set that reports bounces and complaints. */
  configurationSet?: string | undefined;
}

/**
 * Sends mail through SES `SendRawEmail`, one recipient per message.
 *
 * @example
 * ```ts
 * const sender = new SesMailSender({ region: 'eu-central-1' });
 * const messageId = await sender.send(mail);
 * ```
 */
export class SesMailSender implements MailSender {
  private readonly client: SESClient;

  constructor(
    private readonly options: SesMailSenderOptions,
    client?: SESClient,
  ) {
    this.client =
      client ??
      new SESClient({
        region: options.region,
        ...(options.endpoint === undefined
          ? {}
          : {
              endpoint: options.endpoint,
              credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
            }),
      });
  }

  async send(mail: OutgoingMail): Promise<string> {
    const raw = await composeMime(mail);
    try {
      const result = await this.client.send(
        new SendRawEmailCommand({
          RawMessage: { Data: raw },
          Destinations: [mail.to.address],
          ...(this.options.configurationSet === undefined
            ? {}
            : { ConfigurationSetName: this.options.configurationSet }),
        }),
      );
      return result.MessageId ?? mail.messageId;
    } catch (error) {
      if (error instanceof MessageRejected)
        throw new MailRejectedError(error.message, { cause: error });
      throw error;
    }
  }
}
