import {
  MessageRejected,
  SESClient,
  SendRawEmailCommand,
  type ServiceInputTypes,
  type ServiceOutputTypes,
} from '@aws-sdk/client-ses';
import type { FinalizeRequestMiddleware } from '@smithy/types';
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
  /**
   * Attempts per mail, the first included (4 by default). SES throttling is
   * retried by the SDK with exponential backoff and jitter, 1 s base in the
   * SDK's standard strategy; 4 attempts wait at most 7 s, well inside the
   * mailer's timeout.
   */
  maxAttempts?: number | undefined;
  /** Called for every request SES throttled, retried or not; for the `MailThrottled` metric. */
  onThrottled?: (() => void) | undefined;
}

/** The error codes with which SES says that the sending rate was exceeded. */
const throttlingCodes = new Set(['Throttling', 'ThrottlingException']);

/** Sees every attempt the SDK makes and calls `onThrottled` for each one SES throttled. */
const throttlingCounter =
  (onThrottled: () => void): FinalizeRequestMiddleware<ServiceInputTypes, ServiceOutputTypes> =>
  (next) =>
  async (args) => {
    try {
      return await next(args);
    } catch (error) {
      if (error instanceof Error && throttlingCodes.has(error.name)) onThrottled();
      throw error;
    }
  };

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
  /** The SDK client, exposed so that a function can trace it. */
  readonly client: SESClient;

  constructor(
    private readonly options: SesMailSenderOptions,
    client?: SESClient,
  ) {
    this.client =
      client ??
      new SESClient({
        region: options.region,
        // Adaptive: after a throttled request, the client also slows its
        // own sending, so a batch of concurrent sends backs off together.
        retryMode: 'adaptive',
        maxAttempts: options.maxAttempts ?? 4,
        ...(options.endpoint === undefined
          ? {}
          : {
              endpoint: options.endpoint,
              credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
            }),
      });
    const { onThrottled } = options;
    if (onThrottled !== undefined) {
      // Inside the retry loop, so that every throttled attempt is seen.
      this.client.middlewareStack.addRelativeTo(throttlingCounter(onThrottled), {
        relation: 'after',
        toMiddleware: 'retryMiddleware',
        name: 'countThrottling',
      });
    }
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
