import { createHash } from 'node:crypto';

/**
 * The single-table design: every key, index and access pattern of the
 * product's one DynamoDB table, in one place.
 *
 * The CDK stack (`infra/constructs/data-table.ts`) and the local stack
 * (`infra/local/dynamodb.ts`) both build the table from `tableDesign`, so
 * keys, indexes and TTL cannot drift apart.
 *
 * | entity  | PK               | SK                                 | GSI1PK                 | GSI1SK            | GSI2PK        | GSI2SK                       |
 * |---------|------------------|------------------------------------|------------------------|-------------------|---------------|------------------------------|
 * | Body    | BODY#<bodyId>    | #BODY                              | BODIES                 | <bodyId>          |               |                              |
 * | Member  | BODY#<bodyId>    | MEMBER#<memberId>                  |                        |                   |               |                              |
 * | Person  | BODY#<bodyId>    | MEMBER#<memberId>#PERSON#<personId>|                        |                   | EMAIL#<email> | BODY#<bodyId>#<memberId>     |
 * | Counter | BODY#<bodyId>    | #COUNTER#SESSION[#<series>]        |                        |                   |               |                              |
 * | Session | SESSION#<id>     | #SESSION                           | BODY#<bodyId>#SESSIONS | <startsAt>#<id>   | SESSIONS      | <startsAt>#<id>              |
 * | ChairPeriod | BODY#<bodyId>  | CHAIR#<from>                       |                        |                   |               |                              |
 * | AgendaItem | SESSION#<id>    | ITEM#<itemId>                      | SESSION#<id>#AGENDA    | <position>#<itemId>|              |                              |
 * | AgendaRevision | SESSION#<id> | #AGENDA                          |                        |                   |               |                              |
 * | Invitation | SESSION#<id>    | INVITATION#<invitationId>          | INVITATION#<invitationId> | #              |               |                              |
 * | Protocol | SESSION#<id>      | #PROTOCOL, and #PROTOCOL#PART#<n> per part of its content |  |                   |               |                              |
 * | NoticeJob | SESSION#<id>     | #NOTICE                            | NOTICES#PENDING        | <createdAt>#<sessionId> |         |                              |
 * | Inbound | INBOUND#<sha256(Message-ID)> | #INBOUND              | INBOUND#SESSION#<session or procedure id, or UNROUTED> | <receivedAt> | |                       |
 * | Outbox  | OUTBOX#<id>      | #OUTBOX                            | OUTBOX#SENDING, OUTBOX#FAILED or OUTBOX#UNKNOWN (in those states) | <updatedAt>#<id> | OUTBOX#QUEUED (while queued) | <createdAt>#<id> |
 * | Audit   | AUDIT#<type>#<objectId> | <at>#<auditId>              | AUDIT#BODY#<bodyId>    | <at>#<auditId>    |               |                              |
 * | Idempotency | IDEMPOTENCY#<scope>#<key> | #IDEMPOTENCY          |                        |                   |               |                              |
 * | Resolution | RESOLUTION#<id> | #RESOLUTION                     | SESSION#<id>#RESOLUTIONS or PROCEDURE#<id>#RESOLUTIONS | <createdAt>#<id> | RELEASES#PENDING (while a release is pending) | <objectionDeadline>#<id> |
 * | Procedure | PROCEDURE#<id>  | #PROCEDURE                         | BODY#<bodyId>#PROCEDURES | <createdAt>#<id> | PROCEDURES#OPEN (while open) | <deadline>#<id>      |
 * | Ballot  | PROCEDURE#<id>   | BALLOT#<ballotId>                  | BALLOT#<ballotId>      | #                 |               |                              |
 * | PressRelease | PRESS#<id>  | #PRESS                             | PRESS#ALL              | <createdAt>#<id>  | PRESS#PUBLIC (once approved for publication, until withdrawn) | <publishAt>#<id> |
 * | PressJob | PRESS#<id>      | #JOB#<kind>                        | PRESS#JOBS             | <dueAt>#<id>#<kind> |             |                              |
 * | Subscriber | SUBSCRIBER#<id> | #SUBSCRIBER                      | PRESSLIST#CONFIRMED (while confirmed) | <email> | PRESSLIST#<state> | <id>               |
 * | Paper   | SESSION#<id>     | PAPER#<paperId>                    |                        |                   | PAPERS#RETENTION (until deleted, unless kept) | <deleteAfter>#<paperId> |
 * | PaperUpload | UPLOAD#<id>  | #UPLOAD                            |                        |                   |               |                              |
 * | PaperNoticeJob | SESSION#<id> | #PAPERNOTICE                   | PAPERNOTICES#PENDING   | <dueAt>#<sessionId> |             |                              |
 * | ClientQuota | QUOTA#<name>#<sha256(client)> | #WINDOW#<start>        |                        |                   |               |                              |
 * | Staff   | STAFF#<id>       | #STAFF                             | STAFF                  | <email>           | STAFF#EMAIL#<email> | #                      |
 * | StaffEmail | STAFFEMAIL#<email> | #STAFFEMAIL                   |                        |                   |               |                              |
 *
 * Access patterns, each a named function in the repositories:
 * - `listBodies`: Query GSI1 where GSI1PK = BODIES (by id).
 * - `getBodyWithMembers`: Query PK = BODY#<bodyId> (body, members and people in one request).
 * - `findPeopleByEmail` (inbound mail): Query GSI2 where GSI2PK = EMAIL#<address>.
 * - `listSessionsOfBody` by date: Query GSI1 where GSI1PK = BODY#<bodyId>#SESSIONS, GSI1SK between dates.
 * - `listSessions` across bodies by date: Query GSI2 where GSI2PK = SESSIONS, GSI2SK between dates.
 * - `getSession`: GetItem PK = SESSION#<id>, SK = #SESSION.
 * - `getMember`: Query PK = BODY#<bodyId>, SK begins_with MEMBER#<memberId> (member and people).
 * - `listChairPeriods`: Query PK = BODY#<bodyId>, SK begins_with CHAIR#.
 * - `listAgenda` in order: Query GSI1 where GSI1PK = SESSION#<id>#AGENDA (sorted by position).
 * - `getAgendaItem`: GetItem PK = SESSION#<id>, SK = ITEM#<itemId>.
 * - `getAgendaRevision`: GetItem PK = SESSION#<id>, SK = #AGENDA (a counter that every change of
 *   the agenda raises in its transaction, so the chair's approval can require an unchanged agenda).
 * - `listAudit` of an object: Query PK = AUDIT#<type>#<objectId> (by time).
 * - audit of a body: Query GSI1 where GSI1PK = AUDIT#BODY#<bodyId>.
 * - `listInvitations` (the attendance board): Query PK = SESSION#<id>, SK begins_with INVITATION#.
 * - `getInvitation`: GetItem PK = SESSION#<id>, SK = INVITATION#<invitationId>.
 * - `getInvitationById` (inbound mail): Query GSI1 where GSI1PK = INVITATION#<invitationId>.
 * - `getProtocol`: Query PK = SESSION#<id>, SK begins_with #PROTOCOL (the chair's approved protocol,
 *   created once with attribute_not_exists, so a second approval is a conflict; its frozen content is
 *   split into parts, as a session's resolutions together may exceed one item's 400 KB).
 * - `getNoticeJob`: GetItem PK = SESSION#<id>, SK = #NOTICE (a session change still being announced).
 * - `listNoticeJobs` (the notice sweep): Query GSI1 where GSI1PK = NOTICES#PENDING.
 * - `claimInboundMessage`: PutItem INBOUND#<hash> conditioned on attribute_not_exists, or on a
 *   `processing` claim that has lapsed (each Message-ID once; a dead attempt is taken over).
 * - `listInboundMessages` of a session: Query GSI1 where GSI1PK = INBOUND#SESSION#<id>.
 * - `findOutboxBySesMessage` (bounce and complaint events): Query GSI2 where GSI2PK = SESMESSAGE#<id>.
 * - `listQueuedOutbox`: Query GSI2 where GSI2PK = OUTBOX#QUEUED (sparse: only queued entries carry it).
 * - `claimOutboxEntry`: UpdateItem on OUTBOX#<id> conditioned on state = queued.
 * - `listOutboxInState` (the outbox sweep and the admin's review): Query GSI1 where
 *   GSI1PK = OUTBOX#SENDING / OUTBOX#FAILED / OUTBOX#UNKNOWN (sparse), or GSI2 for queued.
 * - `readStoredResponse` (idempotent creates): GetItem PK = IDEMPOTENCY#<scope>#<key>.
 * - `getResolution`: GetItem PK = RESOLUTION#<id>.
 * - `listResolutionsOfSession` / `…OfProcedure`: Query GSI1 where GSI1PK = SESSION#<id>#RESOLUTIONS / PROCEDURE#<id>#RESOLUTIONS.
 * - `listPendingReleases` (the release sweep): Query GSI2 where GSI2PK = RELEASES#PENDING (sparse).
 * - `getProcedure`: GetItem PK = PROCEDURE#<id>, SK = #PROCEDURE.
 * - `listProceduresOfBody`: Query GSI1 where GSI1PK = BODY#<bodyId>#PROCEDURES.
 * - `listOpenProcedures` (the deadline sweep): Query GSI2 where GSI2PK = PROCEDURES#OPEN (sparse).
 * - `listBallots`: Query PK = PROCEDURE#<id>, SK begins_with BALLOT#.
 * - `getBallotById` (reply mail): Query GSI1 where GSI1PK = BALLOT#<ballotId>.
 * - `listPressReleases` (staff): Query GSI1 where GSI1PK = PRESS#ALL, newest first.
 * - `listPublicPressReleases`: Query GSI2 where GSI2PK = PRESS#PUBLIC and GSI2SK <= now: the embargo is in the key condition.
 * - `listDuePressJobs`: Query GSI1 where GSI1PK = PRESS#JOBS and GSI1SK <= now.
 * - `listConfirmedSubscribers`: Query GSI1 where GSI1PK = PRESSLIST#CONFIRMED (sparse), in pages.
 * - `countSubscribers` (the press list's figures, never its addresses): Query GSI2 where
 *   GSI2PK = PRESSLIST#<state>, Select COUNT, per state.
 * - `getStaff`: GetItem PK = STAFF#<id>, SK = #STAFF.
 * - `listStaff` by address: Query GSI1 where GSI1PK = STAFF.
 * - `findStaffByEmail` (the pre-token-generation trigger and `npm run token`): Query GSI2 where
 *   GSI2PK = STAFF#EMAIL#<email>.
 * - one staff member per address: the StaffEmail item is created with the staff member
 *   (conditioned on attribute_not_exists) and deleted with them.
 * - `listPapers` of a session: Query PK = SESSION#<id>, SK begins_with PAPER#.
 * - `getPaper`: GetItem PK = SESSION#<id>, SK = PAPER#<paperId>.
 * - `listPapersDueForDeletion` (the retention sweep): Query GSI2 where GSI2PK = PAPERS#RETENTION
 *   and GSI2SK <= now (sparse: deleted and kept papers leave the index).
 * - `getPaperUpload` (attach and the scan result): GetItem PK = UPLOAD#<id>; it expires unattached.
 * - `getPaperNoticeJob`, `listDuePaperNoticeJobs` ("Unterlagen nachgereicht"): GetItem
 *   PK = SESSION#<id>, SK = #PAPERNOTICE; Query GSI1 where GSI1PK = PAPERNOTICES#PENDING and
 *   GSI1SK <= now.
 * - `takeQuota` (requests per client on public forms): UpdateItem QUOTA#<name>#<client>, #WINDOW#<start>,
 *   ADD count conditioned on count < limit; the item expires with its window.
 *
 * Writes that span several objects are one TransactWriteItems, which holds at
 * most 100 items (`maxItemsPerCommit`; a larger commit is refused before
 * anything is sent):
 * - `createBody` with members (or `copyMembersFrom`, read by `getBodyWithMembers`): the
 *   Body, each Member and Person, an audit entry per body and member, the idempotency record.
 * - `recordVoteGrid`: per row a guarded Put of the Resolution (read by `getResolution`)
 *   and up to two audit entries, at most 30 rows.
 *
 * There is no Scan anywhere. Items that expire (idempotency records, link
 * nonces, quota windows) carry `expiresAt` in epoch seconds, the table's TTL attribute.
 */

export interface KeySchemaDesign {
  name: string;
  partitionKey: string;
  sortKey: string;
}

export const tableDesign = {
  partitionKey: 'PK',
  sortKey: 'SK',
  ttlAttribute: 'expiresAt',
  globalIndexes: [
    { name: 'GSI1', partitionKey: 'GSI1PK', sortKey: 'GSI1SK' },
    { name: 'GSI2', partitionKey: 'GSI2PK', sortKey: 'GSI2SK' },
  ] satisfies KeySchemaDesign[],
} as const;

/** Key builders: the only place where key strings are spelled. */
export const keys = {
  body: (bodyId: string) => ({ PK: `BODY#${bodyId}`, SK: '#BODY' }),
  bodyList: (bodyId: string) => ({ GSI1PK: 'BODIES', GSI1SK: bodyId }),
  member: (bodyId: string, memberId: string) => ({
    PK: `BODY#${bodyId}`,
    SK: `MEMBER#${memberId}`,
  }),
  person: (bodyId: string, memberId: string, personId: string) => ({
    PK: `BODY#${bodyId}`,
    SK: `MEMBER#${memberId}#PERSON#${personId}`,
  }),
  personByEmail: (email: string, bodyId: string, memberId: string) => ({
    GSI2PK: `EMAIL#${email.toLowerCase()}`,
    GSI2SK: `BODY#${bodyId}#${memberId}`,
  }),
  /** The running number, or with `series` another one ("EXTRAORDINARY#2027"). */
  sessionCounter: (bodyId: string, series?: string) => ({
    PK: `BODY#${bodyId}`,
    SK: series === undefined ? '#COUNTER#SESSION' : `#COUNTER#SESSION#${series}`,
  }),
  session: (sessionId: string) => ({ PK: `SESSION#${sessionId}`, SK: '#SESSION' }),
  sessionOfBody: (bodyId: string, startsAt: string, sessionId: string) => ({
    GSI1PK: `BODY#${bodyId}#SESSIONS`,
    GSI1SK: `${startsAt}#${sessionId}`,
  }),
  sessionByDate: (startsAt: string, sessionId: string) => ({
    GSI2PK: 'SESSIONS',
    GSI2SK: `${startsAt}#${sessionId}`,
  }),
  chairPeriod: (bodyId: string, from: string) => ({ PK: `BODY#${bodyId}`, SK: `CHAIR#${from}` }),
  agendaItem: (sessionId: string, itemId: string) => ({
    PK: `SESSION#${sessionId}`,
    SK: `ITEM#${itemId}`,
  }),
  agendaRevision: (sessionId: string) => ({ PK: `SESSION#${sessionId}`, SK: '#AGENDA' }),
  invitation: (sessionId: string, invitationId: string) => ({
    PK: `SESSION#${sessionId}`,
    SK: `INVITATION#${invitationId}`,
  }),
  protocol: (sessionId: string) => ({ PK: `SESSION#${sessionId}`, SK: '#PROTOCOL' }),
  protocolPart: (sessionId: string, part: number) => ({
    PK: `SESSION#${sessionId}`,
    SK: `#PROTOCOL#PART#${part.toString().padStart(4, '0')}`,
  }),
  noticeJob: (sessionId: string) => ({ PK: `SESSION#${sessionId}`, SK: '#NOTICE' }),
  pendingNoticeJob: (createdAt: string, sessionId: string) => ({
    GSI1PK: 'NOTICES#PENDING',
    GSI1SK: `${createdAt}#${sessionId}`,
  }),
  invitationById: (invitationId: string) => ({ GSI1PK: `INVITATION#${invitationId}`, GSI1SK: '#' }),
  inbound: (messageId: string) => ({
    PK: `INBOUND#${createHash('sha256').update(messageId).digest('base64url')}`,
    SK: '#INBOUND',
  }),
  inboundOfSession: (sessionId: string | undefined, receivedAt: string) => ({
    GSI1PK: `INBOUND#SESSION#${sessionId ?? 'UNROUTED'}`,
    GSI1SK: receivedAt,
  }),
  outbox: (id: string) => ({ PK: `OUTBOX#${id}`, SK: '#OUTBOX' }),
  sentOutbox: (sesMessageId: string) => ({ GSI2PK: `SESMESSAGE#${sesMessageId}`, GSI2SK: '#' }),
  outboxInState: (state: 'sending' | 'failed' | 'unknown', updatedAt: string, id: string) => ({
    GSI1PK: `OUTBOX#${state.toUpperCase()}`,
    GSI1SK: `${updatedAt}#${id}`,
  }),
  queuedOutbox: (createdAt: string, id: string) => ({
    GSI2PK: 'OUTBOX#QUEUED',
    GSI2SK: `${createdAt}#${id}`,
  }),
  resolution: (resolutionId: string) => ({ PK: `RESOLUTION#${resolutionId}`, SK: '#RESOLUTION' }),
  resolutionsOf: (
    parent: { sessionId?: string | undefined; procedureId?: string | undefined },
    createdAt: string,
    resolutionId: string,
  ) => ({
    GSI1PK:
      parent.sessionId !== undefined
        ? `SESSION#${parent.sessionId}#RESOLUTIONS`
        : `PROCEDURE#${parent.procedureId}#RESOLUTIONS`,
    GSI1SK: `${createdAt}#${resolutionId}`,
  }),
  pendingRelease: (objectionDeadline: string, resolutionId: string) => ({
    GSI2PK: 'RELEASES#PENDING',
    GSI2SK: `${objectionDeadline}#${resolutionId}`,
  }),
  procedure: (procedureId: string) => ({ PK: `PROCEDURE#${procedureId}`, SK: '#PROCEDURE' }),
  procedureOfBody: (bodyId: string, createdAt: string, procedureId: string) => ({
    GSI1PK: `BODY#${bodyId}#PROCEDURES`,
    GSI1SK: `${createdAt}#${procedureId}`,
  }),
  openProcedure: (deadline: string, procedureId: string) => ({
    GSI2PK: 'PROCEDURES#OPEN',
    GSI2SK: `${deadline}#${procedureId}`,
  }),
  ballot: (procedureId: string, ballotId: string) => ({
    PK: `PROCEDURE#${procedureId}`,
    SK: `BALLOT#${ballotId}`,
  }),
  ballotById: (ballotId: string) => ({ GSI1PK: `BALLOT#${ballotId}`, GSI1SK: '#' }),
  pressRelease: (releaseId: string) => ({ PK: `PRESS#${releaseId}`, SK: '#PRESS' }),
  pressReleaseList: (createdAt: string, releaseId: string) => ({
    GSI1PK: 'PRESS#ALL',
    GSI1SK: `${createdAt}#${releaseId}`,
  }),
  publicPressRelease: (publishAt: string, releaseId: string) => ({
    GSI2PK: 'PRESS#PUBLIC',
    GSI2SK: `${publishAt}#${releaseId}`,
  }),
  pressJob: (releaseId: string, kind: string) => ({ PK: `PRESS#${releaseId}`, SK: `#JOB#${kind}` }),
  duePressJob: (dueAt: string, releaseId: string, kind: string) => ({
    GSI1PK: 'PRESS#JOBS',
    GSI1SK: `${dueAt}#${releaseId}#${kind}`,
  }),
  subscriber: (subscriberId: string) => ({ PK: `SUBSCRIBER#${subscriberId}`, SK: '#SUBSCRIBER' }),
  confirmedSubscriber: (email: string) => ({ GSI1PK: 'PRESSLIST#CONFIRMED', GSI1SK: email }),
  subscriberByState: (state: string, subscriberId: string) => ({
    GSI2PK: `PRESSLIST#${state.toUpperCase()}`,
    GSI2SK: subscriberId,
  }),
  /** The client's address is stored only as a hash, and only for its window. */
  clientQuota: (name: string, client: string, windowStart: string) => ({
    PK: `QUOTA#${name}#${createHash('sha256').update(client).digest('base64url')}`,
    SK: `#WINDOW#${windowStart}`,
  }),
  staff: (staffId: string) => ({ PK: `STAFF#${staffId}`, SK: '#STAFF' }),
  staffList: (email: string) => ({ GSI1PK: 'STAFF', GSI1SK: email }),
  staffByEmail: (email: string) => ({ GSI2PK: `STAFF#EMAIL#${email.toLowerCase()}`, GSI2SK: '#' }),
  staffEmail: (email: string) => ({ PK: `STAFFEMAIL#${email.toLowerCase()}`, SK: '#STAFFEMAIL' }),
  paper: (sessionId: string, paperId: string) => ({
    PK: `SESSION#${sessionId}`,
    SK: `PAPER#${paperId}`,
  }),
  paperRetention: (deleteAfter: string, paperId: string) => ({
    GSI2PK: 'PAPERS#RETENTION',
    GSI2SK: `${deleteAfter}#${paperId}`,
  }),
  paperUpload: (uploadId: string) => ({ PK: `UPLOAD#${uploadId}`, SK: '#UPLOAD' }),
  paperNoticeJob: (sessionId: string) => ({ PK: `SESSION#${sessionId}`, SK: '#PAPERNOTICE' }),
  duePaperNoticeJob: (dueAt: string, sessionId: string) => ({
    GSI1PK: 'PAPERNOTICES#PENDING',
    GSI1SK: `${dueAt}#${sessionId}`,
  }),
  idempotency: (scope: string, key: string) => ({
    PK: `IDEMPOTENCY#${scope}#${key}`,
    SK: '#IDEMPOTENCY',
  }),
} as const;

/** The CreateTable input for this design; used by the local stack and tests. */
export const createTableInput = (tableName: string) => ({
  TableName: tableName,
  BillingMode: 'PAY_PER_REQUEST' as const,
  AttributeDefinitions: [
    tableDesign.partitionKey,
    tableDesign.sortKey,
    ...tableDesign.globalIndexes.flatMap((index) => [index.partitionKey, index.sortKey]),
  ].map((name) => ({ AttributeName: name, AttributeType: 'S' as const })),
  KeySchema: [
    { AttributeName: tableDesign.partitionKey, KeyType: 'HASH' as const },
    { AttributeName: tableDesign.sortKey, KeyType: 'RANGE' as const },
  ],
  GlobalSecondaryIndexes: tableDesign.globalIndexes.map((index) => ({
    IndexName: index.name,
    KeySchema: [
      { AttributeName: index.partitionKey, KeyType: 'HASH' as const },
      { AttributeName: index.sortKey, KeyType: 'RANGE' as const },
    ],
    Projection: { ProjectionType: 'ALL' as const },
  })),
  StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' as const },
});
