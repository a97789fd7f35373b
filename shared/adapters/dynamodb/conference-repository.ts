import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { AgendaItem } from '../../domain/agenda.js';
import type { AuditEntry } from '../../domain/audit.js';
import type {
  Body,
  BodyWithMembers,
  ChairPeriodRecord,
  Member,
  Person,
} from '../../domain/body.js';
import type { QuotaWindow } from '../../domain/client-quota.js';
import type { InboundRecord } from '../../domain/inbound-record.js';
import type { Invitation, NoticeJob } from '../../domain/invitation.js';
import type { OutboxEntry } from '../../domain/outbox.js';
import type { Paper, PaperNoticeJob, PaperUpload } from '../../domain/paper.js';
import type { Subscriber } from '../../domain/press-list.js';
import type { PressJob, PressRelease } from '../../domain/press-release.js';
import type { ProtocolRecord } from '../../domain/protocol.js';
import type { Resolution } from '../../domain/resolution.js';
import { fromStoredSession, type Session, type StoredSession } from '../../domain/session.js';
import type { Ballot, WrittenProcedure } from '../../domain/written-procedure.js';
import type {
  Change,
  ConferenceRepository,
  PersonOfMember,
  StoredResponse,
} from '../../ports/conference-repository.js';
import type { Page, PageRequest } from '../../ports/pagination.js';
import { ItemStore, type Key, type ObjectName, toObject, type WriteOp } from './item-store.js';
import { keys } from './table-design.js';

type Item = Record<string, unknown>;

const keysOf = (gsi: { GSI2PK: string; GSI2SK: string }) => ({
  ':gsi2pk': gsi.GSI2PK,
  ':gsi2sk': gsi.GSI2SK,
});

const position = (n: number) => n.toString().padStart(6, '0');

const memberItems = (member: Member) => {
  const { people, ...fields } = member;
  return {
    member: { ...keys.member(member.bodyId, member.memberId), type: 'Member', ...fields },
    people: people.map((person) => ({
      ...keys.person(member.bodyId, member.memberId, person.id),
      ...keys.personByEmail(person.email, member.bodyId, member.memberId),
      type: 'Person',
      bodyId: member.bodyId,
      memberId: member.memberId,
      ...person,
    })),
  };
};

const sessionItem = (session: Session) => ({
  ...keys.session(session.id),
  ...keys.sessionOfBody(session.bodyId, session.startsAt, session.id),
  ...keys.sessionByDate(session.startsAt, session.id),
  type: 'Session',
  ...session,
});

const agendaItem = (item: AgendaItem) => ({
  ...keys.agendaItem(item.sessionId, item.id),
  GSI1PK: `SESSION#${item.sessionId}#AGENDA`,
  GSI1SK: `${position(item.position)}#${item.id}`,
  type: 'AgendaItem',
  ...item,
});

const resolutionItem = (resolution: Resolution) => ({
  ...keys.resolution(resolution.id),
  ...keys.resolutionsOf(resolution, resolution.createdAt, resolution.id),
  ...(resolution.release !== undefined && resolution.release.settledAt === undefined
    ? keys.pendingRelease(resolution.release.objectionDeadline, resolution.id)
    : {}),
  type: 'Resolution',
  ...resolution,
});

const procedureItem = (procedure: WrittenProcedure) => ({
  ...keys.procedure(procedure.id),
  ...keys.procedureOfBody(procedure.bodyId, procedure.createdAt, procedure.id),
  ...(procedure.state === 'open' ? keys.openProcedure(procedure.deadline, procedure.id) : {}),
  type: 'Procedure',
  ...procedure,
});

const ballotItem = (ballot: Ballot) => ({
  ...keys.ballot(ballot.procedureId, ballot.id),
  ...keys.ballotById(ballot.id),
  type: 'Ballot',
  ...ballot,
});

const pressReleaseItem = (release: PressRelease) => ({
  ...keys.pressRelease(release.id),
  ...keys.pressReleaseList(release.createdAt, release.id),
  ...((release.state === 'scheduled' || release.state === 'published') &&
  release.publishAt !== undefined
    ? keys.publicPressRelease(release.publishAt, release.id)
    : {}),
  type: 'PressRelease',
  ...release,
});

/** Characters of a protocol's content per item part: at most 4 bytes each, far below 400 KB. */
const protocolPartLength = 80_000;

/** An approved protocol: its record, and its frozen content as JSON in parts. */
const protocolItems = (protocol: ProtocolRecord) => {
  const { content, ...fields } = protocol;
  const json = JSON.stringify(content);
  const count = Math.max(1, Math.ceil(json.length / protocolPartLength));
  return {
    record: { ...keys.protocol(protocol.sessionId), type: 'Protocol', ...fields, parts: count },
    parts: Array.from({ length: count }, (_, part) => ({
      ...keys.protocolPart(protocol.sessionId, part),
      type: 'ProtocolPart',
      text: json.slice(part * protocolPartLength, (part + 1) * protocolPartLength),
    })),
  };
};

/** The protocol from its record and parts (in key order), or undefined before its approval. */
const protocolOf = (items: Record<string, unknown>[]): ProtocolRecord | undefined => {
  const [record, ...parts] = items;
  if (record === undefined || record.type !== 'Protocol') return undefined;
  const { parts: _count, ...fields } = toObject<ProtocolRecord & { parts: number }>(record);
  const json = parts.map((part) => String(part.text)).join('');
  return { ...fields, content: JSON.parse(json) as ProtocolRecord['content'] };
};

/** A job's key: one publication and one mailing of each kind, and one mailing per correction. */
const pressJobKind = (job: PressJob) =>
  job.mailing === 'correction'
    ? `${job.kind}#correction#${job.dueAt}`
    : job.mailing
      ? `${job.kind}#${job.mailing}`
      : job.kind;

/** An outbox entry with the index of its state: queued, sent, or one of those that need a look. */
const outboxItem = (entry: OutboxEntry) => ({
  ...keys.outbox(entry.id),
  ...(entry.state === 'queued' ? keys.queuedOutbox(entry.createdAt, entry.id) : {}),
  ...(entry.state === 'sent' && entry.messageId ? keys.sentOutbox(entry.messageId) : {}),
  ...(entry.state === 'sending' || entry.state === 'failed' || entry.state === 'unknown'
    ? keys.outboxInState(entry.state, entry.updatedAt, entry.id)
    : {}),
  type: 'Outbox',
  ...entry,
});

const noticeJobItem = (job: NoticeJob) => ({
  ...keys.noticeJob(job.sessionId),
  ...keys.pendingNoticeJob(job.createdAt, job.sessionId),
  type: 'NoticeJob',
  ...job,
});

const paperItem = (paper: Paper) => ({
  ...keys.paper(paper.sessionId, paper.id),
  // Only papers the retention sweep still has to delete are in its index.
  ...(paper.deletedAt === undefined && paper.keep !== true
    ? keys.paperRetention(paper.deleteAfter, paper.id)
    : {}),
  type: 'Paper',
  ...paper,
});

const paperNoticeJobItem = (job: PaperNoticeJob) => ({
  ...keys.paperNoticeJob(job.sessionId),
  ...keys.duePaperNoticeJob(job.dueAt, job.sessionId),
  type: 'PaperNoticeJob',
  ...job,
});

const pressJobItem = (job: PressJob) => ({
  ...keys.pressJob(job.releaseId, pressJobKind(job)),
  ...keys.duePressJob(job.dueAt, job.releaseId, pressJobKind(job)),
  type: 'PressJob',
  ...job,
});

const subscriberItem = (subscriber: Subscriber) => ({
  ...keys.subscriber(subscriber.id),
  ...(subscriber.state === 'confirmed' ? keys.confirmedSubscriber(subscriber.email) : {}),
  ...keys.subscriberByState(subscriber.state, subscriber.id),
  type: 'Subscriber',
  ...subscriber,
});

/** A create or a version-guarded replace of one item. */
const createOrReplace = (
  change: { op: 'create' } | { op: 'replace'; expectedVersion: number },
  item: Item & Key,
  what: ObjectName,
): WriteOp[] =>
  change.op === 'create'
    ? [{ kind: 'create', item, what }]
    : [{ kind: 'replace', item, expectedVersion: change.expectedVersion, what }];

const assemble = (bodyId: string, items: Item[]): Member[] =>
  items
    .filter((item) => item.type === 'Member')
    .map((item) => ({
      ...toObject<Omit<Member, 'people'>>(item),
      bodyId,
      people: items
        .filter((person) => person.type === 'Person' && person.memberId === item.memberId)
        .map((person) => {
          const {
            bodyId: _b,
            memberId: _m,
            ...rest
          } = toObject<Person & { bodyId: string; memberId: string }>(person);
          return rest;
        }),
    }));

/** An inbound message as stored: by its Message-ID, listed under its session or procedure. */
const inboundItem = (record: InboundRecord) => ({
  ...keys.inbound(record.messageId),
  ...keys.inboundOfSession(record.sessionId ?? record.procedureId, record.receivedAt),
  type: 'Inbound',
  ...record,
});

/**
 * The DynamoDB implementation of `ConferenceRepository`: every access
 * pattern of `table-design.ts`, and one transactional write path.
 */
export class DynamoConferenceRepository implements ConferenceRepository {
  private readonly store: ItemStore;

  constructor(client: DynamoDBDocumentClient, tableName: string) {
    this.store = new ItemStore(client, tableName);
  }

  listBodies({ limit, next }: PageRequest): Promise<Page<Body>> {
    return this.store.page<Body>(
      {
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :pk',
        ExpressionAttributeValues: { ':pk': 'BODIES' },
      },
      { limit, next, partitionAttribute: 'GSI1PK', partitionValue: 'BODIES' },
    );
  }

  getBody(bodyId: string): Promise<Body | undefined> {
    return this.store.get<Body>(keys.body(bodyId));
  }

  async getBodyWithMembers(bodyId: string): Promise<BodyWithMembers | undefined> {
    const items = await this.store.all({
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': keys.body(bodyId).PK },
    });
    const body = items.find((item) => item.type === 'Body');
    if (body === undefined) return undefined;
    return { ...toObject<Body>(body), members: assemble(bodyId, items) };
  }

  async getMember(bodyId: string, memberId: string): Promise<Member | undefined> {
    const items = await this.store.all({
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :sk)',
      ExpressionAttributeValues: {
        ':pk': keys.body(bodyId).PK,
        ':sk': keys.member(bodyId, memberId).SK,
      },
    });
    return assemble(bodyId, items).find((member) => member.memberId === memberId);
  }

  async findPeopleByEmail(email: string): Promise<PersonOfMember[]> {
    const items = await this.store.all({
      IndexName: 'GSI2',
      KeyConditionExpression: 'GSI2PK = :pk',
      ExpressionAttributeValues: { ':pk': keys.personByEmail(email, '', '').GSI2PK },
    });
    return items.map((item) => {
      const { bodyId, memberId, ...person } = toObject<
        Person & { bodyId: string; memberId: string }
      >(item);
      return { bodyId, memberId, person };
    });
  }

  async listChairPeriods(bodyId: string): Promise<ChairPeriodRecord[]> {
    const items = await this.store.all({
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :sk)',
      ExpressionAttributeValues: { ':pk': keys.body(bodyId).PK, ':sk': 'CHAIR#' },
    });
    return items.map((item) => toObject<ChairPeriodRecord>(item));
  }

  async nextSessionNumber(bodyId: string, counter?: string): Promise<number> {
    const result = await this.store.client.send(
      new UpdateCommand({
        TableName: this.store.tableName,
        Key: keys.sessionCounter(bodyId, counter),
        UpdateExpression: 'ADD #value :one SET #type = :type',
        ExpressionAttributeNames: { '#value': 'value', '#type': 'type' },
        ExpressionAttributeValues: { ':one': 1, ':type': 'Counter' },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    return result.Attributes?.value as number;
  }

  async getSession(sessionId: string): Promise<Session | undefined> {
    const stored = await this.store.get<StoredSession>(keys.session(sessionId));
    return stored === undefined ? undefined : fromStoredSession(stored);
  }

  async listSessions(
    query: { from: string; to: string; bodyId?: string | undefined } & PageRequest,
  ): Promise<Page<Session>> {
    const page = await this.listStoredSessions(query);
    return { ...page, items: page.items.map(fromStoredSession) };
  }

  private listStoredSessions(
    query: { from: string; to: string; bodyId?: string | undefined } & PageRequest,
  ): Promise<Page<StoredSession>> {
    const range = { ':from': query.from, ':to': `${query.to}\uffff` };
    if (query.bodyId !== undefined) {
      const pk = keys.sessionOfBody(query.bodyId, '', '').GSI1PK;
      return this.store.page<StoredSession>(
        {
          IndexName: 'GSI1',
          KeyConditionExpression: 'GSI1PK = :pk AND GSI1SK BETWEEN :from AND :to',
          ExpressionAttributeValues: { ':pk': pk, ...range },
        },
        { limit: query.limit, next: query.next, partitionAttribute: 'GSI1PK', partitionValue: pk },
      );
    }
    return this.store.page<StoredSession>(
      {
        IndexName: 'GSI2',
        KeyConditionExpression: 'GSI2PK = :pk AND GSI2SK BETWEEN :from AND :to',
        ExpressionAttributeValues: { ':pk': 'SESSIONS', ...range },
      },
      {
        limit: query.limit,
        next: query.next,
        partitionAttribute: 'GSI2PK',
        partitionValue: 'SESSIONS',
      },
    );
  }

  async listPapers(sessionId: string): Promise<Paper[]> {
    const items = await this.store.all({
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :sk)',
      ExpressionAttributeValues: { ':pk': `SESSION#${sessionId}`, ':sk': 'PAPER#' },
    });
    return items.map((item) => toObject<Paper>(item));
  }

  getPaper(sessionId: string, paperId: string): Promise<Paper | undefined> {
    return this.store.get<Paper>(keys.paper(sessionId, paperId));
  }

  async listPapersDueForDeletion(now: string, limit: number): Promise<Paper[]> {
    const page = await this.store.page<Paper>(
      {
        IndexName: 'GSI2',
        KeyConditionExpression: 'GSI2PK = :pk AND GSI2SK <= :now',
        ExpressionAttributeValues: { ':pk': 'PAPERS#RETENTION', ':now': `${now}#~` },
      },
      { limit, partitionAttribute: 'GSI2PK', partitionValue: 'PAPERS#RETENTION' },
    );
    return page.items;
  }

  getPaperUpload(uploadId: string): Promise<PaperUpload | undefined> {
    return this.store.get<PaperUpload>(keys.paperUpload(uploadId));
  }

  getPaperNoticeJob(sessionId: string): Promise<PaperNoticeJob | undefined> {
    return this.store.get<PaperNoticeJob>(keys.paperNoticeJob(sessionId));
  }

  async listDuePaperNoticeJobs(now: string): Promise<PaperNoticeJob[]> {
    const items = await this.store.all({
      IndexName: 'GSI1',
      KeyConditionExpression: 'GSI1PK = :pk AND GSI1SK <= :now',
      ExpressionAttributeValues: { ':pk': 'PAPERNOTICES#PENDING', ':now': `${now}#~` },
    });
    return items.map((item) => toObject<PaperNoticeJob>(item));
  }

  async listAgenda(sessionId: string): Promise<AgendaItem[]> {
    const items = await this.store.all({
      IndexName: 'GSI1',
      KeyConditionExpression: 'GSI1PK = :pk',
      ExpressionAttributeValues: { ':pk': `SESSION#${sessionId}#AGENDA` },
    });
    return items.map((item) => toObject<AgendaItem>(item));
  }

  getAgendaItem(sessionId: string, itemId: string): Promise<AgendaItem | undefined> {
    return this.store.get<AgendaItem>(keys.agendaItem(sessionId, itemId));
  }

  async getAgendaRevision(sessionId: string): Promise<number> {
    const counter = await this.store.get<{ revision: number }>(keys.agendaRevision(sessionId));
    return counter?.revision ?? 0;
  }

  async listInvitations(sessionId: string): Promise<Invitation[]> {
    const items = await this.store.all({
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :sk)',
      ExpressionAttributeValues: { ':pk': keys.session(sessionId).PK, ':sk': 'INVITATION#' },
    });
    return items.map((item) => toObject<Invitation>(item));
  }

  async listInvitationsAfter(
    sessionId: string,
    after: string | undefined,
    limit: number,
  ): Promise<Invitation[]> {
    // Ids are ULIDs of [0-9A-Z]: '~' sorts after every one of them.
    const result = await this.store.client.send(
      new QueryCommand({
        TableName: this.store.tableName,
        KeyConditionExpression: 'PK = :pk AND SK BETWEEN :from AND :to',
        ExpressionAttributeValues: {
          ':pk': keys.session(sessionId).PK,
          ':from': `INVITATION#${after === undefined ? '' : `${after}~`}`,
          ':to': 'INVITATION#~',
        },
        Limit: limit,
      }),
    );
    return (result.Items ?? []).map((item) => toObject<Invitation>(item));
  }

  getInvitation(sessionId: string, invitationId: string): Promise<Invitation | undefined> {
    return this.store.get<Invitation>(keys.invitation(sessionId, invitationId));
  }

  async getInvitationContext(
    sessionId: string,
    invitationId: string,
    bodyId: string,
  ): Promise<{ session?: Session; invitation?: Invitation; body?: Body }> {
    const [session, invitation, body] = await this.store.getMany([
      keys.session(sessionId),
      keys.invitation(sessionId, invitationId),
      keys.body(bodyId),
    ]);
    return {
      ...(session === undefined
        ? {}
        : { session: fromStoredSession(toObject<StoredSession>(session)) }),
      ...(invitation === undefined ? {} : { invitation: toObject<Invitation>(invitation) }),
      ...(body === undefined ? {} : { body: toObject<Body>(body) }),
    };
  }

  async getInvitationById(invitationId: string): Promise<Invitation | undefined> {
    const items = await this.store.all({
      IndexName: 'GSI1',
      KeyConditionExpression: 'GSI1PK = :pk',
      ExpressionAttributeValues: { ':pk': keys.invitationById(invitationId).GSI1PK },
    });
    return items[0] === undefined ? undefined : toObject<Invitation>(items[0]);
  }

  async claimInboundMessage(record: InboundRecord, lapsedBefore: string): Promise<boolean> {
    try {
      await this.store.client.send(
        new PutCommand({
          TableName: this.store.tableName,
          Item: { ...keys.inbound(record.messageId), type: 'Inbound', ...record },
          ConditionExpression:
            'attribute_not_exists(PK) OR (#state = :processing AND receivedAt < :lapsedBefore)',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':processing': 'processing', ':lapsedBefore': lapsedBefore },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async settleInboundMessage(record: InboundRecord): Promise<void> {
    await this.store.client.send(
      new PutCommand({
        TableName: this.store.tableName,
        Item: inboundItem(record),
      }),
    );
  }

  async resolveInboundMessage(record: InboundRecord): Promise<boolean> {
    try {
      await this.store.client.send(
        new PutCommand({
          TableName: this.store.tableName,
          Item: inboundItem(record),
          ConditionExpression: '#state = :review',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':review': 'review' },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async listInboundMessages(sessionId: string): Promise<InboundRecord[]> {
    const items = await this.store.all({
      IndexName: 'GSI1',
      KeyConditionExpression: 'GSI1PK = :pk',
      ExpressionAttributeValues: { ':pk': keys.inboundOfSession(sessionId, '').GSI1PK },
    });
    return items.map((item) => toObject<InboundRecord>(item));
  }

  getOutboxEntry(id: string): Promise<OutboxEntry | undefined> {
    return this.store.get<OutboxEntry>(keys.outbox(id));
  }

  async listQueuedOutbox(limit: number): Promise<OutboxEntry[]> {
    return (await this.listOutboxInState('queued', { limit })).items;
  }

  listOutboxInState(
    state: 'queued' | 'sending' | 'failed' | 'unknown',
    page: PageRequest & { before?: string },
  ): Promise<Page<OutboxEntry>> {
    const index = state === 'queued' ? 'GSI2' : 'GSI1';
    const partition =
      state === 'queued'
        ? keys.queuedOutbox('', '').GSI2PK
        : keys.outboxInState(state, '', '').GSI1PK;
    return this.store.page<OutboxEntry>(
      {
        IndexName: index,
        KeyConditionExpression:
          page.before === undefined
            ? `${index}PK = :pk`
            : `${index}PK = :pk AND ${index}SK < :before`,
        ExpressionAttributeValues: {
          ':pk': partition,
          ...(page.before === undefined ? {} : { ':before': page.before }),
        },
      },
      {
        limit: page.limit,
        next: page.next,
        partitionAttribute: `${index}PK`,
        partitionValue: partition,
      },
    );
  }

  async claimOutboxEntry(id: string, at: string): Promise<OutboxEntry | undefined> {
    try {
      const claimed = await this.store.client.send(
        new UpdateCommand({
          TableName: this.store.tableName,
          Key: keys.outbox(id),
          UpdateExpression:
            'SET #state = :sending, updatedAt = :at, GSI1PK = :gsi1pk, GSI1SK = :gsi1sk ADD attempts :one REMOVE GSI2PK, GSI2SK',
          ConditionExpression: '#state = :queued',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: {
            ':sending': 'sending',
            ':queued': 'queued',
            ':at': at,
            ':one': 1,
            ':gsi1pk': keys.outboxInState('sending', at, id).GSI1PK,
            ':gsi1sk': keys.outboxInState('sending', at, id).GSI1SK,
          },
          // The entry as claimed, so the mailer needs no second read.
          ReturnValues: 'ALL_NEW',
        }),
      );
      return claimed.Attributes === undefined
        ? undefined
        : toObject<OutboxEntry>(claimed.Attributes);
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return undefined;
      throw error;
    }
  }

  async settleOutboxEntry(
    id: string,
    outcome: { state: 'sent'; messageId: string } | { state: 'failed' | 'queued'; failure: string },
    at: string,
  ): Promise<void> {
    const requeue = outcome.state === 'queued';
    const entry = requeue ? await this.getOutboxEntry(id) : undefined;
    const detail = outcome.state === 'sent' ? 'messageId = :detail' : 'failure = :detail';
    // Queued entries are indexed for the local poller and the outbox sweep; sent ones by SES
    // message id for bounce events; failed ones for the admin's review.
    const index = requeue
      ? keysOf(keys.queuedOutbox(entry?.createdAt ?? at, id))
      : outcome.state === 'sent'
        ? keysOf(keys.sentOutbox(outcome.messageId))
        : undefined;
    const review =
      outcome.state === 'failed'
        ? {
            ':gsi1pk': keys.outboxInState('failed', at, id).GSI1PK,
            ':gsi1sk': keys.outboxInState('failed', at, id).GSI1SK,
          }
        : undefined;
    await this.store.client.send(
      new UpdateCommand({
        TableName: this.store.tableName,
        Key: keys.outbox(id),
        UpdateExpression: `SET #state = :state, updatedAt = :at, ${detail}${index ? ', GSI2PK = :gsi2pk, GSI2SK = :gsi2sk' : ''}${review ? ', GSI1PK = :gsi1pk, GSI1SK = :gsi1sk' : ' REMOVE GSI1PK, GSI1SK'}`,
        ConditionExpression: '#state = :sending',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: {
          ':state': outcome.state,
          ':sending': 'sending',
          ':at': at,
          ':detail': outcome.state === 'sent' ? outcome.messageId : outcome.failure,
          ...index,
          ...review,
        },
      }),
    );
  }

  async findOutboxBySesMessage(sesMessageId: string): Promise<OutboxEntry | undefined> {
    const items = await this.store.all({
      IndexName: 'GSI2',
      KeyConditionExpression: 'GSI2PK = :pk',
      ExpressionAttributeValues: { ':pk': keys.sentOutbox(sesMessageId).GSI2PK },
    });
    return items[0] === undefined ? undefined : toObject<OutboxEntry>(items[0]);
  }

  getResolution(resolutionId: string): Promise<Resolution | undefined> {
    return this.store.get<Resolution>(keys.resolution(resolutionId));
  }

  listResolutionsOfSession(sessionId: string): Promise<Resolution[]> {
    return this.byGsi1<Resolution>(keys.resolutionsOf({ sessionId }, '', '').GSI1PK);
  }

  listResolutionsOfProcedure(procedureId: string): Promise<Resolution[]> {
    return this.byGsi1<Resolution>(keys.resolutionsOf({ procedureId }, '', '').GSI1PK);
  }

  listPendingReleases(): Promise<Resolution[]> {
    return this.byGsi2<Resolution>(keys.pendingRelease('', '').GSI2PK);
  }

  getProcedure(procedureId: string): Promise<WrittenProcedure | undefined> {
    return this.store.get<WrittenProcedure>(keys.procedure(procedureId));
  }

  listProceduresOfBody(bodyId: string, page: PageRequest): Promise<Page<WrittenProcedure>> {
    const partition = keys.procedureOfBody(bodyId, '', '').GSI1PK;
    return this.indexPage<WrittenProcedure>('GSI1', partition, page, { newestFirst: true });
  }

  listOpenProcedures(): Promise<WrittenProcedure[]> {
    return this.byGsi2<WrittenProcedure>(keys.openProcedure('', '').GSI2PK);
  }

  async listBallots(procedureId: string): Promise<Ballot[]> {
    const items = await this.store.all({
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :sk)',
      ExpressionAttributeValues: { ':pk': keys.procedure(procedureId).PK, ':sk': 'BALLOT#' },
    });
    return items.map((item) => toObject<Ballot>(item));
  }

  getBallot(procedureId: string, ballotId: string): Promise<Ballot | undefined> {
    return this.store.get<Ballot>(keys.ballot(procedureId, ballotId));
  }

  async getBallotById(ballotId: string): Promise<Ballot | undefined> {
    const [first] = await this.byGsi1<Ballot>(keys.ballotById(ballotId).GSI1PK);
    return first;
  }

  getPressRelease(releaseId: string): Promise<PressRelease | undefined> {
    return this.store.get<PressRelease>(keys.pressRelease(releaseId));
  }

  listPressReleases(page: PageRequest): Promise<Page<PressRelease>> {
    return this.indexPage<PressRelease>('GSI1', 'PRESS#ALL', page, { newestFirst: true });
  }

  listPublicPressReleases(now: Date, page: PageRequest): Promise<Page<PressRelease>> {
    // The embargo is in the key condition: nothing whose time has not come is read.
    return this.indexPage<PressRelease>('GSI2', 'PRESS#PUBLIC', page, {
      newestFirst: true,
      upTo: `${now.toISOString()}#\uffff`,
    });
  }

  getNoticeJob(sessionId: string): Promise<NoticeJob | undefined> {
    return this.store.get<NoticeJob>(keys.noticeJob(sessionId));
  }

  async listNoticeJobs(): Promise<NoticeJob[]> {
    const items = await this.store.all({
      IndexName: 'GSI1',
      KeyConditionExpression: 'GSI1PK = :pk',
      ExpressionAttributeValues: { ':pk': keys.pendingNoticeJob('', '').GSI1PK },
    });
    return items.map((item) => toObject<NoticeJob>(item));
  }

  async listDuePressJobs(now: Date): Promise<PressJob[]> {
    const items = await this.store.all({
      IndexName: 'GSI1',
      KeyConditionExpression: 'GSI1PK = :pk AND GSI1SK <= :now',
      ExpressionAttributeValues: { ':pk': 'PRESS#JOBS', ':now': `${now.toISOString()}#\uffff` },
    });
    return items.map((item) => toObject<PressJob>(item));
  }

  getSubscriber(subscriberId: string): Promise<Subscriber | undefined> {
    return this.store.get<Subscriber>(keys.subscriber(subscriberId));
  }

  listConfirmedSubscribers(page: PageRequest): Promise<Page<Subscriber>> {
    return this.indexPage<Subscriber>('GSI1', 'PRESSLIST#CONFIRMED', page);
  }

  async countSubscribers(): Promise<Record<Subscriber['state'], number>> {
    const count = async (state: Subscriber['state']) => {
      const { GSI2PK } = keys.subscriberByState(state, '');
      let total = 0;
      let start: Record<string, unknown> | undefined;
      do {
        const result = await this.store.client.send(
          new QueryCommand({
            TableName: this.store.tableName,
            IndexName: 'GSI2',
            KeyConditionExpression: 'GSI2PK = :pk',
            ExpressionAttributeValues: { ':pk': GSI2PK },
            Select: 'COUNT',
            ExclusiveStartKey: start,
          }),
        );
        total += result.Count ?? 0;
        start = result.LastEvaluatedKey;
      } while (start !== undefined);
      return total;
    };
    const [pending, confirmed, unsubscribed] = await Promise.all([
      count('pending'),
      count('confirmed'),
      count('unsubscribed'),
    ]);
    return { pending, confirmed, unsubscribed };
  }

  async takeQuota(window: QuotaWindow): Promise<boolean> {
    try {
      await this.store.client.send(
        new UpdateCommand({
          TableName: this.store.tableName,
          Key: keys.clientQuota(window.name, window.client, window.start),
          UpdateExpression: 'SET #type = :type, expiresAt = :expiresAt ADD #count :one',
          ConditionExpression: 'attribute_not_exists(#count) OR #count < :limit',
          ExpressionAttributeNames: { '#type': 'type', '#count': 'count' },
          ExpressionAttributeValues: {
            ':type': 'ClientQuota',
            ':expiresAt': window.expiresAt,
            ':one': 1,
            ':limit': window.limit,
          },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  /** One page of an index partition, optionally newest first or up to a sort key. */
  private indexPage<T>(
    index: 'GSI1' | 'GSI2',
    partition: string,
    { limit, next }: PageRequest,
    options: { newestFirst?: boolean; upTo?: string } = {},
  ): Promise<Page<T>> {
    return this.store.page<T>(
      {
        IndexName: index,
        KeyConditionExpression: `${index}PK = :pk${options.upTo === undefined ? '' : ` AND ${index}SK <= :upTo`}`,
        ExpressionAttributeValues: {
          ':pk': partition,
          ...(options.upTo === undefined ? {} : { ':upTo': options.upTo }),
        },
        ...(options.newestFirst ? { ScanIndexForward: false } : {}),
      },
      { limit, next, partitionAttribute: `${index}PK`, partitionValue: partition },
    );
  }

  private async byGsi1<T>(pk: string): Promise<T[]> {
    const items = await this.store.all({
      IndexName: 'GSI1',
      KeyConditionExpression: 'GSI1PK = :pk',
      ExpressionAttributeValues: { ':pk': pk },
    });
    return items.map((item) => toObject<T>(item));
  }

  private async byGsi2<T>(pk: string): Promise<T[]> {
    const items = await this.store.all({
      IndexName: 'GSI2',
      KeyConditionExpression: 'GSI2PK = :pk',
      ExpressionAttributeValues: { ':pk': pk },
    });
    return items.map((item) => toObject<T>(item));
  }

  async getProtocol(sessionId: string): Promise<ProtocolRecord | undefined> {
    const { PK, SK } = keys.protocol(sessionId);
    const items = await this.store.all({
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :sk)',
      ExpressionAttributeValues: { ':pk': PK, ':sk': SK },
    });
    return protocolOf(items);
  }

  listAudit(
    objectType: string,
    objectId: string,
    { limit, next }: PageRequest,
  ): Promise<Page<AuditEntry>> {
    const pk = `AUDIT#${objectType}#${objectId}`;
    return this.store.page<AuditEntry>(
      { KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': pk } },
      { limit, next, partitionAttribute: 'PK', partitionValue: pk },
    );
  }

  readStoredResponse(scope: string, key: string): Promise<StoredResponse | undefined> {
    return this.store.readIdempotency(scope, key);
  }

  async commit(changes: Change[], audit: AuditEntry[], response?: StoredResponse): Promise<void> {
    await this.store.write(
      changes.flatMap((change) => this.ops(change)),
      audit,
      response,
    );
  }

  private ops(change: Change): WriteOp[] {
    switch (change.type) {
      case 'body-exists':
        return [
          {
            kind: 'exists',
            key: keys.body(change.bodyId),
            what: { kind: 'Body', id: change.bodyId },
          },
        ];
      case 'body': {
        const item = {
          ...keys.body(change.body.id),
          ...keys.bodyList(change.body.id),
          type: 'Body',
          ...change.body,
        };
        const what: ObjectName = { kind: 'Body', id: change.body.id };
        return change.op === 'create'
          ? [{ kind: 'create', item, what }]
          : [{ kind: 'replace', item, expectedVersion: change.expectedVersion, what }];
      }
      case 'member': {
        const what: ObjectName = {
          kind: 'Member',
          id: `${change.member.bodyId}/${change.member.memberId}`,
        };
        const { member, people } = memberItems(change.member);
        if (change.op === 'create') {
          return [
            { kind: 'create', item: member, what },
            ...people.map((item): WriteOp => ({ kind: 'put', item })),
          ];
        }
        if (change.op === 'delete') {
          return [
            {
              kind: 'delete',
              key: keys.member(change.member.bodyId, change.member.memberId),
              expectedVersion: change.expectedVersion,
              what,
            },
            ...people.map(
              (item): WriteOp => ({ kind: 'remove', key: { PK: item.PK, SK: item.SK } }),
            ),
          ];
        }
        const kept = new Set(change.member.people.map((person) => person.id));
        const removed = memberItems(change.previous).people.filter(
          (person) => !kept.has(person.id as string),
        );
        return [
          { kind: 'replace', item: member, expectedVersion: change.expectedVersion, what },
          ...people.map((item): WriteOp => ({ kind: 'put', item })),
          ...removed.map(
            (item): WriteOp => ({ kind: 'remove', key: { PK: item.PK, SK: item.SK } as Key }),
          ),
        ];
      }
      case 'chair-period': {
        const item = {
          ...keys.chairPeriod(change.period.bodyId, change.period.from),
          type: 'ChairPeriod',
          ...change.period,
        };
        return [
          {
            kind: 'create',
            item,
            what: { kind: 'Chair period', id: `${change.period.bodyId}/${change.period.from}` },
          },
        ];
      }
      case 'session': {
        if (change.op === 'no-standing-approval') {
          return [
            {
              kind: 'check',
              key: keys.session(change.sessionId),
              condition:
                'attribute_not_exists(agendaApproval) OR agendaApproval.outdated = :outdated',
              values: { ':outdated': true },
            },
          ];
        }
        const what: ObjectName = { kind: 'Session', id: change.session.id };
        return change.op === 'create'
          ? [{ kind: 'create', item: sessionItem(change.session), what }]
          : [
              {
                kind: 'replace',
                item: sessionItem(change.session),
                expectedVersion: change.expectedVersion,
                what,
              },
            ];
      }
      case 'agenda-revision':
        return change.op === 'next'
          ? [
              {
                kind: 'increment',
                key: keys.agendaRevision(change.sessionId),
                attribute: 'revision',
              },
            ]
          : [
              {
                kind: 'check',
                key: keys.agendaRevision(change.sessionId),
                condition:
                  change.revision === 0 ? 'attribute_not_exists(revision)' : 'revision = :revision',
                values: change.revision === 0 ? {} : { ':revision': change.revision },
              },
            ];
      case 'invitation': {
        const item = {
          ...keys.invitation(change.invitation.sessionId, change.invitation.id),
          ...keys.invitationById(change.invitation.id),
          type: 'Invitation',
          ...change.invitation,
        };
        const what: ObjectName = { kind: 'Invitation', id: change.invitation.id };
        return change.op === 'create'
          ? [{ kind: 'create', item, what }]
          : [{ kind: 'replace', item, expectedVersion: change.expectedVersion, what }];
      }
      case 'outbox': {
        const item = outboxItem(change.entry);
        const what: ObjectName = { kind: 'Outbox entry', id: change.entry.id };
        return change.op === 'create'
          ? [{ kind: 'create', item, what }]
          : [{ kind: 'replace-in-state', item, expectedState: change.expectedState, what }];
      }
      case 'resolution':
        return createOrReplace(change, resolutionItem(change.resolution), {
          kind: 'Resolution',
          id: change.resolution.id,
        });
      case 'procedure':
        return createOrReplace(change, procedureItem(change.procedure), {
          kind: 'Written procedure',
          id: change.procedure.id,
        });
      case 'ballot':
        return createOrReplace(change, ballotItem(change.ballot), {
          kind: 'Ballot',
          id: change.ballot.id,
        });
      case 'press-release':
        return createOrReplace(change, pressReleaseItem(change.release), {
          kind: 'Press release',
          id: change.release.id,
        });
      case 'subscriber':
        return createOrReplace(change, subscriberItem(change.subscriber), {
          kind: 'Subscriber',
          id: change.subscriber.id,
        });
      case 'notice-job': {
        const what: ObjectName = { kind: 'Notice job', id: change.job.sessionId };
        if (change.op === 'delete') {
          return [
            {
              kind: 'delete',
              key: keys.noticeJob(change.job.sessionId),
              expectedVersion: change.expectedVersion,
              what,
            },
          ];
        }
        return createOrReplace(change, noticeJobItem(change.job), what);
      }
      case 'press-job': {
        const what: ObjectName = {
          kind: 'Press job',
          id: `${change.job.releaseId}/${pressJobKind(change.job)}`,
        };
        if (change.op === 'delete') {
          return [
            {
              kind: 'delete',
              key: keys.pressJob(change.job.releaseId, pressJobKind(change.job)),
              expectedVersion: change.expectedVersion,
              what,
            },
          ];
        }
        return createOrReplace(change, pressJobItem(change.job), what);
      }
      case 'protocol': {
        const { record, parts } = protocolItems(change.protocol);
        const what: ObjectName = { kind: 'Protocol', id: change.protocol.sessionId };
        return [
          { kind: 'create', item: record, what },
          ...parts.map((item): WriteOp => ({ kind: 'put', item })),
        ];
      }
      case 'paper':
        return createOrReplace(change, paperItem(change.paper), {
          kind: 'Session paper',
          id: change.paper.id,
        });
      case 'paper-upload':
        return createOrReplace(
          change,
          { ...keys.paperUpload(change.upload.id), type: 'PaperUpload', ...change.upload },
          { kind: 'Paper upload', id: change.upload.id },
        );
      case 'paper-notice-job': {
        const what: ObjectName = { kind: 'Paper notice job', id: change.job.sessionId };
        if (change.op === 'delete') {
          return [
            {
              kind: 'delete',
              key: keys.paperNoticeJob(change.job.sessionId),
              expectedVersion: change.expectedVersion,
              what,
            },
          ];
        }
        return createOrReplace(change, paperNoticeJobItem(change.job), what);
      }
      case 'agenda-item': {
        const what: ObjectName = { kind: 'Agenda item', id: change.item.id };
        if (change.op === 'create')
          return [{ kind: 'create', item: agendaItem(change.item), what }];
        if (change.op === 'delete') {
          return [
            {
              kind: 'delete',
              key: keys.agendaItem(change.item.sessionId, change.item.id),
              expectedVersion: change.expectedVersion,
              what,
            },
          ];
        }
        return [
          {
            kind: 'replace',
            item: agendaItem(change.item),
            expectedVersion: change.expectedVersion,
            what,
          },
        ];
      }
    }
  }
}
