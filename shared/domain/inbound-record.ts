import { createHash } from 'node:crypto';
import type { MailVerdicts } from './mail-authentication.js';

/** What became of one inbound mail; kept so that the secretariat can review it. */
export interface InboundRecord {
  messageId: string;
  receivedAt: string;
  from: string;
  subject: string;
  /** `dismissed`: the secretariat set a reviewed message aside; `applied` also when it applied one. */
  state: 'processing' | 'applied' | 'unchanged' | 'ignored' | 'review' | 'dismissed';
  reason?: string;
  sessionId?: string;
  invitationId?: string;
  procedureId?: string;
  ballotId?: string;
  channel?: 'calendar' | 'mail';
  /**
   * The answer a reply in review carries, when only its sender is in doubt
   * (an unknown address of the member's mail domain): applied with one click.
   */
  proposal?: { status: 'accepted' | 'declined' | 'tentative'; sender: string };
  /** SES's verdicts on the message (or those given to `npm run inbound`), SPF included. */
  verdicts?: MailVerdicts;
  /** How the message came in: by SES's receipt rule, or by hand with `npm run inbound`. */
  delivery?: 'ses' | 'local';
  /** Who applied or dismissed a reviewed message, and when. */
  resolvedBy?: string;
  resolvedAt?: string;
  /** The secretariat's note on applying or dismissing it. */
  note?: string;
}

/**
 * The id by which the API names an inbound message: a hash of its
 * Message-ID, which itself may hold any characters a path cannot.
 *
 * @example
 * ```ts
 * inboundRecordId('<reply-1@de-by.example.org>'); // 43 characters, base64url
 * ```
 */
export const inboundRecordId = (messageId: string): string =>
  createHash('sha256').update(messageId).digest('base64url');
