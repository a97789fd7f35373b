import { createHash } from 'node:crypto';
import * as z from 'zod/mini';
import { EmailSchema } from './body.js';
import { singleLine } from './single-line.js';

export const SubscribeInputSchema = z.strictObject({
  email: EmailSchema,
  name: z.optional(singleLine(120)),
});
export type SubscribeInput = z.input<typeof SubscribeInputSchema>;

/** A journalist on the press list. Confirmed by double opt-in before any release is sent. */
export interface Subscriber {
  /** Derived from the address, so an address has one entry and ids reveal nothing. */
  id: string;
  email: string;
  name?: string;
  state: 'pending' | 'confirmed' | 'unsubscribed';
  /** When the last confirmation mail was admitted (at most one every 10 minutes). */
  confirmationSentAt?: string;
  /** The outbox entry of that mail, so that a retried send of it still goes. */
  confirmationEntryId?: string;
  confirmedAt?: string;
  unsubscribedAt?: string;
  /** Set when the list removed the address itself: its mail bounced for good, or drew a complaint. */
  removedFor?: 'bounced' | 'complained';
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** The subscriber id of an address. */
export const subscriberId = (email: string): string =>
  createHash('sha256').update(email.trim().toLowerCase()).digest('base64url').slice(0, 32);

/** How long before another confirmation mail may go to an address. */
export const confirmationResendMs = 10 * 60_000;

/**
 * Whether a subscription request calls for a confirmation mail now: not to
 * a confirmed or suppressed address, and at most one every ten minutes.
 */
export const confirmationDue = (subscriber: Subscriber | undefined, now: Date): boolean =>
  subscriber === undefined ||
  (subscriber.state !== 'confirmed' &&
    !isSuppressed(subscriber) &&
    (subscriber.confirmationSentAt === undefined ||
      now.getTime() - Date.parse(subscriber.confirmationSentAt) >= confirmationResendMs));

/**
 * True for an address the list removed itself, for a permanent bounce or a
 * complaint: it is never mailed again, not even a confirmation when it
 * subscribes anew (a complaint is the clearest no a recipient can give, and
 * SES counts every further bounce or complaint against the account).
 */
export const isSuppressed = (subscriber: Subscriber): boolean =>
  subscriber.removedFor !== undefined;

/**
 * Whether a confirmation link issued at `issuedAt` (epoch seconds) still
 * confirms the subscriber: only a pending subscription (or one it confirmed
 * already), never a suppressed address, and never with a link from before
 * the address last left the list, so an old mail cannot sign someone up again.
 */
export const confirmationLinkHolds = (subscriber: Subscriber, issuedAt: number): boolean =>
  !isSuppressed(subscriber) &&
  subscriber.state !== 'unsubscribed' &&
  (subscriber.unsubscribedAt === undefined ||
    issuedAt > Date.parse(subscriber.unsubscribedAt) / 1000);
