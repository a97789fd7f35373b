import type { MailVerdicts } from './mail-authentication.js';

/** What became of one inbound mail; kept so that the secretariat can review it. */
export interface InboundRecord {
  messageId: string;
  receivedAt: string;
  from: string;
  subject: string;
  state: 'processing' | 'applied' | 'unchanged' | 'ignored' | 'review';
  reason?: string;
  sessionId?: string;
  invitationId?: string;
  procedureId?: string;
  ballotId?: string;
  channel?: 'calendar' | 'mail';
  /** SES's verdicts on the message (or those given to `npm run inbound`), SPF included. */
  verdicts?: MailVerdicts;
  /** How the message came in: by SES's receipt rule, or by hand with `npm run inbound`. */
  delivery?: 'ses' | 'local';
}
