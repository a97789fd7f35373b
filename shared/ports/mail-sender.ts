import type { OutgoingMail } from '../mail/invitation-mail.js';

/** Sends one composed mail; resolves with the provider's message id. */
export interface MailSender {
  send(mail: OutgoingMail): Promise<string>;
}

/** The provider refused the message for good (bad address, content); retrying will not help. */
export class MailRejectedError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'MailRejectedError';
  }
}
