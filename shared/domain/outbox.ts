import { ulid } from 'ulid';
import type { SessionSnapshot } from './session-change.js';

/**
 * Where an outbox entry stands. `unknown`: it was claimed for sending long
 * ago and never settled, so it may or may not have gone out; it is shown for
 * review and never sent again by itself. `superseded`: its queue message was
 * lost, and a copy (`redriveOf`) took its place.
 */
export type OutboxState = 'queued' | 'sending' | 'sent' | 'failed' | 'unknown' | 'superseded';

interface OutboxBase {
  id: string;
  state: OutboxState;
  attempts: number;
  /** The entry this one replaces, when a lost or failed entry was sent again. */
  redriveOf?: string;
  /** How often the entry (through its earlier copies) was sent again. */
  redrives?: number;
  createdAt: string;
  updatedAt: string;
  messageId?: string;
  failure?: string;
}

/** A first invitation, an update after a change of time or place, the cancellation, or a reminder. */
export interface InvitationOutboxEntry extends OutboxBase {
  /** `revoked`: the short notice to a deputy whose invitation was withdrawn. */
  kind: 'invitation' | 'update' | 'cancel' | 'reminder' | 'revoked';
  sessionId: string;
  invitationId: string;
  /** An update: the session as the invitee knew it, so that the mail says what changed. */
  previous?: SessionSnapshot;
  /** An update: the invitee's answer no longer stood and was cleared, so the mail asks again. */
  answerCleared?: boolean;
}

/** A written procedure's ballot, its reminder, or its result, to one member. */
export interface BallotOutboxEntry extends OutboxBase {
  kind: 'ballot' | 'ballot-reminder' | 'procedure-result';
  procedureId: string;
  ballotId: string;
}

/** A proposal to release a resolution, to one voting member's minister, with consent and objection links. */
export interface ReleaseOutboxEntry extends OutboxBase {
  kind: 'release-proposal';
  resolutionId: string;
  memberId: string;
}

/**
 * A proposal to release several resolutions of a session at once, to one
 * voting member's minister: one mail with one page for all of them.
 */
export interface SessionReleaseOutboxEntry extends OutboxBase {
  kind: 'session-release-proposal';
  sessionId: string;
  /** The `batchId` of the releases proposed together. */
  batchId: string;
  memberId: string;
}

/** A press release to a journalist of the press list, or the confirmation of their subscription. */
export interface PressOutboxEntry extends OutboxBase {
  kind: 'press-release' | 'press-confirm';
  subscriberId: string;
  releaseId?: string;
  /** For a release: sent in advance under embargo, or at publication. */
  mailing?: 'embargo' | 'publication' | 'correction';
  /**
   * For a confirmation: the subscription request as it came from the form.
   * The mailer decides whether it calls for a mail, so that the request's
   * answer never depends on what is known of the address.
   */
  request?: { email: string; name?: string };
}

/** "Unterlagen nachgereicht": the papers shared since `since`, to one invitee. */
export interface PapersOutboxEntry extends OutboxBase {
  kind: 'papers-added';
  sessionId: string;
  invitationId: string;
  /** Papers shared after this time and up to `upTo` are named. */
  since: string;
  upTo: string;
}

/** A paper's scan found malware: told to its uploader, or (`to: 'secretariat'`) the secretariat. */
export interface QuarantineOutboxEntry extends OutboxBase {
  kind: 'paper-quarantined';
  sessionId: string;
  paperId: string;
  version: number;
  to: string;
}

/**
 * A mail to send, written in the same transaction as the change that calls
 * for it. The mailer claims it (queued → sending) with a condition, so that
 * however often it is delivered, at most one attempt sends it.
 */
export type OutboxEntry =
  | InvitationOutboxEntry
  | BallotOutboxEntry
  | PressOutboxEntry
  | ReleaseOutboxEntry
  | SessionReleaseOutboxEntry
  | PapersOutboxEntry
  | QuarantineOutboxEntry;

/** True for the mails that ask a Land to consent to a release, of one resolution or of several. */
export const isReleaseEntry = (
  entry: OutboxEntry,
): entry is ReleaseOutboxEntry | SessionReleaseOutboxEntry =>
  entry.kind === 'release-proposal' || entry.kind === 'session-release-proposal';

/** True for the press list's mails. */
export const isPressEntry = (entry: OutboxEntry): entry is PressOutboxEntry =>
  entry.kind === 'press-release' || entry.kind === 'press-confirm';

/** True for the mails about session papers. */
export const isPaperEntry = (
  entry: OutboxEntry,
): entry is PapersOutboxEntry | QuarantineOutboxEntry =>
  entry.kind === 'papers-added' || entry.kind === 'paper-quarantined';

/** True for the mails of a written procedure. */
export const isBallotEntry = (entry: OutboxEntry): entry is BallotOutboxEntry =>
  entry.kind === 'ballot' || entry.kind === 'ballot-reminder' || entry.kind === 'procedure-result';

/** The common part of every new outbox entry: a fresh id, queued, not yet tried. */
export const queuedMail = (now: string) => ({
  id: ulid(),
  state: 'queued' as const,
  attempts: 0,
  createdAt: now,
  updatedAt: now,
});
