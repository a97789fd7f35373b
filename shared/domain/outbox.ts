interface OutboxBase {
  id: string;
  state: 'queued' | 'sending' | 'sent' | 'failed';
  attempts: number;
  createdAt: string;
  updatedAt: string;
  messageId?: string;
  failure?: string;
}

/** A first invitation, an update after a change of time or place, the cancellation, or a reminder. */
export interface InvitationOutboxEntry extends OutboxBase {
  kind: 'invitation' | 'update' | 'cancel' | 'reminder';
  sessionId: string;
  invitationId: string;
}

/** A written procedure's ballot, its reminder, or its result, to one member. */
export interface BallotOutboxEntry extends OutboxBase {
  kind: 'ballot' | 'ballot-reminder' | 'procedure-result';
  procedureId: string;
  ballotId: string;
}

/**
 * A mail to send, written in the same transaction as the change that calls
 * for it. The mailer claims it (queued → sending) with a condition, so that
 * however often it is delivered, at most one attempt sends it.
 */
export type OutboxEntry = InvitationOutboxEntry | BallotOutboxEntry;

/** True for the mails of a written procedure. */
export const isBallotEntry = (entry: OutboxEntry): entry is BallotOutboxEntry =>
  entry.kind === 'ballot' || entry.kind === 'ballot-reminder' || entry.kind === 'procedure-result';
