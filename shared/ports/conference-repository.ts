import type { AgendaItem } from '../domain/agenda.js';
import type { AuditEntry } from '../domain/audit.js';
import type { Body, BodyWithMembers, ChairPeriodRecord, Member, Person } from '../domain/body.js';
import type { QuotaWindow } from '../domain/client-quota.js';
import type { InboundRecord } from '../domain/inbound-record.js';
import type { Invitation, NoticeJob } from '../domain/invitation.js';
import type { OutboxEntry, OutboxState } from '../domain/outbox.js';
import type { Paper, PaperNoticeJob, PaperUpload } from '../domain/paper.js';
import type { Subscriber } from '../domain/press-list.js';
import type { PressJob, PressRelease } from '../domain/press-release.js';
import type { ProtocolRecord } from '../domain/protocol.js';
import type { Resolution } from '../domain/resolution.js';
import type { Session } from '../domain/session.js';
import type { Ballot, WrittenProcedure } from '../domain/written-procedure.js';
import type { Page, PageRequest } from './pagination.js';

/** A change to store, in domain terms; `expectedVersion` guards replaces and deletes. */
export type Change =
  | { type: 'body'; op: 'create'; body: Body }
  | { type: 'body'; op: 'replace'; body: Body; expectedVersion: number }
  | { type: 'member'; op: 'create'; member: Member }
  | { type: 'member'; op: 'replace'; member: Member; previous: Member; expectedVersion: number }
  | { type: 'member'; op: 'delete'; member: Member; expectedVersion: number }
  | { type: 'chair-period'; op: 'create'; period: ChairPeriodRecord }
  | { type: 'session'; op: 'create'; session: Session }
  | { type: 'session'; op: 'replace'; session: Session; expectedVersion: number }
  /**
   * Writes nothing, but fails the transaction (as a lost race, 412) when the
   * chair's approval of the session's agenda stands: given and not outdated.
   */
  | { type: 'session'; op: 'no-standing-approval'; sessionId: string }
  | { type: 'agenda-item'; op: 'create'; item: AgendaItem }
  | { type: 'agenda-item'; op: 'replace'; item: AgendaItem; expectedVersion: number }
  | { type: 'agenda-item'; op: 'delete'; item: AgendaItem; expectedVersion: number }
  /** Raises the agenda's revision: part of every change of a session's agenda. */
  | { type: 'agenda-revision'; op: 'next'; sessionId: string }
  /** Writes nothing, but fails the transaction (412) when the agenda's revision moved on. */
  | { type: 'agenda-revision'; op: 'check'; sessionId: string; revision: number }
  | { type: 'body-exists'; bodyId: string }
  | { type: 'invitation'; op: 'create'; invitation: Invitation }
  | { type: 'invitation'; op: 'replace'; invitation: Invitation; expectedVersion: number }
  | { type: 'outbox'; op: 'create'; entry: OutboxEntry }
  /** Moves an entry on, provided it is still in `expectedState` (a lost race otherwise). */
  | { type: 'outbox'; op: 'replace'; entry: OutboxEntry; expectedState: OutboxState }
  | { type: 'resolution'; op: 'create'; resolution: Resolution }
  | { type: 'resolution'; op: 'replace'; resolution: Resolution; expectedVersion: number }
  | { type: 'procedure'; op: 'create'; procedure: WrittenProcedure }
  | { type: 'procedure'; op: 'replace'; procedure: WrittenProcedure; expectedVersion: number }
  | { type: 'ballot'; op: 'create'; ballot: Ballot }
  | { type: 'ballot'; op: 'replace'; ballot: Ballot; expectedVersion: number }
  | { type: 'press-release'; op: 'create'; release: PressRelease }
  | { type: 'press-release'; op: 'replace'; release: PressRelease; expectedVersion: number }
  | { type: 'notice-job'; op: 'create'; job: NoticeJob }
  | { type: 'notice-job'; op: 'replace'; job: NoticeJob; expectedVersion: number }
  | { type: 'notice-job'; op: 'delete'; job: NoticeJob; expectedVersion: number }
  | { type: 'press-job'; op: 'create'; job: PressJob }
  | { type: 'press-job'; op: 'replace'; job: PressJob; expectedVersion: number }
  | { type: 'press-job'; op: 'delete'; job: PressJob; expectedVersion: number }
  | { type: 'subscriber'; op: 'create'; subscriber: Subscriber }
  | { type: 'subscriber'; op: 'replace'; subscriber: Subscriber; expectedVersion: number }
  | { type: 'paper'; op: 'create'; paper: Paper }
  | { type: 'paper'; op: 'replace'; paper: Paper; expectedVersion: number }
  | { type: 'paper-upload'; op: 'create'; upload: PaperUpload }
  | { type: 'paper-upload'; op: 'replace'; upload: PaperUpload; expectedVersion: number }
  | { type: 'paper-notice-job'; op: 'create'; job: PaperNoticeJob }
  | { type: 'paper-notice-job'; op: 'replace'; job: PaperNoticeJob; expectedVersion: number }
  | { type: 'paper-notice-job'; op: 'delete'; job: PaperNoticeJob; expectedVersion: number }
  /** The chair's approval of a session's protocol: created once, never replaced (a conflict otherwise). */
  | { type: 'protocol'; op: 'create'; protocol: ProtocolRecord };

/** A person together with the member and body they act for. */
export interface PersonOfMember {
  bodyId: string;
  memberId: string;
  person: Person;
}

/** A response stored for an `Idempotency-Key`, replayed when the key comes again. */
export interface StoredResponse {
  scope: string;
  key: string;
  requestHash: string;
  status: number;
  body: unknown;
  expiresAt: number;
}

/** Storage of the conference's data: bodies, members, chair periods, sessions, agenda and audit. */
export interface ConferenceRepository {
  listBodies(page: PageRequest): Promise<Page<Body>>;
  getBody(bodyId: string): Promise<Body | undefined>;
  getBodyWithMembers(bodyId: string): Promise<BodyWithMembers | undefined>;
  getMember(bodyId: string, memberId: string): Promise<Member | undefined>;
  /** Everyone with this address, in every body (inbound mail is routed by sender). */
  findPeopleByEmail(email: string): Promise<PersonOfMember[]>;
  listChairPeriods(bodyId: string): Promise<ChairPeriodRecord[]>;
  /** The next number of the body's running number, or of the named series ("EXTRAORDINARY#2027"). */
  nextSessionNumber(bodyId: string, series?: string): Promise<number>;
  getSession(sessionId: string): Promise<Session | undefined>;
  listSessions(
    query: { from: string; to: string; bodyId?: string | undefined } & PageRequest,
  ): Promise<Page<Session>>;
  listAgenda(sessionId: string): Promise<AgendaItem[]>;
  /** The papers of a session, in the order they were attached. */
  listPapers(sessionId: string): Promise<Paper[]>;
  getPaper(sessionId: string, paperId: string): Promise<Paper | undefined>;
  /** Papers whose retention ended by `now` and that are neither kept nor deleted yet. */
  listPapersDueForDeletion(now: string, limit: number): Promise<Paper[]>;
  getPaperUpload(uploadId: string): Promise<PaperUpload | undefined>;
  getPaperNoticeJob(sessionId: string): Promise<PaperNoticeJob | undefined>;
  /** "Unterlagen nachgereicht" notices due by `now`. */
  listDuePaperNoticeJobs(now: string): Promise<PaperNoticeJob[]>;
  getAgendaItem(sessionId: string, itemId: string): Promise<AgendaItem | undefined>;
  /** How often the session's agenda changed (0 before its first item). */
  getAgendaRevision(sessionId: string): Promise<number>;
  listInvitations(sessionId: string): Promise<Invitation[]>;
  getInvitation(sessionId: string, invitationId: string): Promise<Invitation | undefined>;
  /**
   * A session, one of its invitations and the session's body in one
   * consistent read: what an answer link needs before it writes.
   */
  getInvitationContext(
    sessionId: string,
    invitationId: string,
    bodyId: string,
  ): Promise<{ session?: Session; invitation?: Invitation; body?: Body }>;
  /** An invitation by its id alone (inbound mail is routed by the id in the reply address). */
  getInvitationById(invitationId: string): Promise<Invitation | undefined>;
  /**
   * Claims an inbound message for processing; false when it was processed
   * before or another attempt holds it. A claim still `processing` that was
   * taken before `lapsedBefore` (an attempt that died) is taken over.
   */
  claimInboundMessage(record: InboundRecord, lapsedBefore: string): Promise<boolean>;
  /** Stores what became of an inbound message. */
  settleInboundMessage(record: InboundRecord): Promise<void>;
  /** The inbound mail about a session (or a written procedure, by its id), for the secretariat's review. */
  listInboundMessages(sessionId: string): Promise<InboundRecord[]>;
  /**
   * Stores the secretariat's verdict on a message in review (`applied` or
   * `dismissed`); false when it is no longer in review.
   */
  resolveInboundMessage(record: InboundRecord): Promise<boolean>;
  getOutboxEntry(id: string): Promise<OutboxEntry | undefined>;
  /** The outbox entry of a sent mail, by the id SES gave it (bounce and complaint events). */
  findOutboxBySesMessage(sesMessageId: string): Promise<OutboxEntry | undefined>;
  /** Queued outbox entries, oldest first (the local worker's view of the queue). */
  listQueuedOutbox(limit: number): Promise<OutboxEntry[]>;
  /**
   * Outbox entries in one state, oldest first: queued by creation, the
   * others by their last change; `before` keeps only those older than it.
   */
  listOutboxInState(
    state: 'queued' | 'sending' | 'failed' | 'unknown',
    page: PageRequest & { before?: string },
  ): Promise<Page<OutboxEntry>>;
  /** Moves a queued entry to `sending` and answers it; undefined when someone else claimed it or it is done. */
  claimOutboxEntry(id: string, at: string): Promise<OutboxEntry | undefined>;
  /** Records the end of a send attempt: sent, failed for good, or queued again for a retry. */
  settleOutboxEntry(
    id: string,
    outcome: { state: 'sent'; messageId: string } | { state: 'failed' | 'queued'; failure: string },
    at: string,
  ): Promise<void>;
  getResolution(resolutionId: string): Promise<Resolution | undefined>;
  /** The resolutions taken in a session, oldest first. */
  listResolutionsOfSession(sessionId: string): Promise<Resolution[]>;
  /** The resolutions put to the members by one written procedure. */
  listResolutionsOfProcedure(procedureId: string): Promise<Resolution[]>;
  /** Resolutions whose release was proposed and is not yet settled, by objection deadline. */
  listPendingReleases(): Promise<Resolution[]>;
  getProcedure(procedureId: string): Promise<WrittenProcedure | undefined>;
  listProceduresOfBody(bodyId: string, page: PageRequest): Promise<Page<WrittenProcedure>>;
  /** Open written procedures, by deadline (the scheduled sweep's view). */
  listOpenProcedures(): Promise<WrittenProcedure[]>;
  listBallots(procedureId: string): Promise<Ballot[]>;
  getBallot(procedureId: string, ballotId: string): Promise<Ballot | undefined>;
  /** A ballot by its id alone (reply mail is routed by the id in the reply address). */
  getBallotById(ballotId: string): Promise<Ballot | undefined>;
  getPressRelease(releaseId: string): Promise<PressRelease | undefined>;
  /** Every press release, newest first (staff). */
  listPressReleases(page: PageRequest): Promise<Page<PressRelease>>;
  /** Releases public at `now` (published, or embargo reached), newest first. */
  listPublicPressReleases(now: Date, page: PageRequest): Promise<Page<PressRelease>>;
  /** Press jobs due at `now`, oldest first. */
  listDuePressJobs(now: Date): Promise<PressJob[]>;
  /** The next invitations of a session after `after` (by id), at most `limit`. */
  listInvitationsAfter(
    sessionId: string,
    after: string | undefined,
    limit: number,
  ): Promise<Invitation[]>;
  /** A session change still being announced to its invitees, if any. */
  getNoticeJob(sessionId: string): Promise<NoticeJob | undefined>;
  /** Every session change still being announced (the notice sweep). */
  listNoticeJobs(): Promise<NoticeJob[]>;
  getSubscriber(subscriberId: string): Promise<Subscriber | undefined>;
  /** Confirmed subscribers in address order, one batch after the cursor. */
  listConfirmedSubscribers(page: PageRequest): Promise<Page<Subscriber>>;
  /** How many addresses the press list holds in each state (figures only, no addresses). */
  countSubscribers(): Promise<Record<Subscriber['state'], number>>;
  /** Counts one request in a client's quota window; false, counting nothing, once it is full. */
  takeQuota(window: QuotaWindow): Promise<boolean>;
  /** The approved (frozen) protocol of a session, if the chair approved one. */
  getProtocol(sessionId: string): Promise<ProtocolRecord | undefined>;
  listAudit(objectType: string, objectId: string, page: PageRequest): Promise<Page<AuditEntry>>;
  readStoredResponse(scope: string, key: string): Promise<StoredResponse | undefined>;
  /**
   * Stores the changes, their audit entries and the stored response in one
   * transaction. Throws `ConflictError` (exists), `PreconditionFailedError`
   * (stale version), `NotFoundError` (gone), `IdempotentReplay` when the
   * idempotency key was used first by a concurrent request, or `CommitTooLarge`
   * (before writing anything) when it needs more than `maxItemsPerCommit` items.
   */
  commit(changes: Change[], audit: AuditEntry[], response?: StoredResponse): Promise<void>;
}

/** The most items one DynamoDB transaction may write, check or delete. */
export const maxItemsPerCommit = 100;

/**
 * A commit needs more items than one transaction holds; nothing was written.
 * Use cases that write many items at once translate it into a 422.
 */
export class CommitTooLarge extends Error {
  constructor(readonly items: number) {
    super(`A commit of ${items} items exceeds the ${maxItemsPerCommit} of one transaction.`);
    this.name = 'CommitTooLarge';
  }
}

/** The idempotency key was used first by a concurrent request; its stored response is attached. */
export class IdempotentReplay extends Error {
  constructor(readonly response: StoredResponse) {
    super('An earlier request with this Idempotency-Key was processed first.');
    this.name = 'IdempotentReplay';
  }
}
