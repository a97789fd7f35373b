/**
 * A mail to send, written in the same transaction as the change that calls
 * for it. The mailer claims it (queued → sending) with a condition, so that
 * however often it is delivered, at most one attempt sends it.
 */
export interface OutboxEntry {
  id: string;
  /** A first invitation, an update after a change of time or place, the cancellation, or a reminder. */
  kind: 'invitation' | 'update' | 'cancel' | 'reminder';
  sessionId: string;
  invitationId: string;
  state: 'queued' | 'sending' | 'sent' | 'failed';
  attempts: number;
  createdAt: string;
  updatedAt: string;
  messageId?: string;
  failure?: string;
}
