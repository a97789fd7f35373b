import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { createDocumentClient } from '../../shared/adapters/dynamodb/client.js';
import { DynamoConferenceRepository } from '../../shared/adapters/dynamodb/conference-repository.js';
import { encodeCursor } from '../../shared/adapters/dynamodb/cursor.js';
import type { AuditEntry } from '../../shared/domain/audit.js';
import {
  ConflictError,
  NotFoundError,
  PreconditionFailedError,
} from '../../shared/domain/errors.js';
import type { Session } from '../../shared/domain/session.js';
import { IdempotentReplay } from '../../shared/ports/conference-repository.js';

const ddb = mockClient(DynamoDBDocumentClient);
const repository = new DynamoConferenceRepository(
  createDocumentClient({ region: 'eu-central-1' }),
  'table',
);

const session: Session = {
  id: '01JDEMOSESSION000000000000',
  bodyId: 'imk',
  number: 221,
  numbering: 'running',
  kind: 'regular',
  format: 'video',
  title: 'Frühjahrskonferenz',
  startsAt: '2027-06-16T10:00:00+02:00',
  endsAt: '2027-06-18T13:00:00+02:00',
  timeZone: 'Europe/Berlin',
  videoLink: 'https://video.example.org',
  state: 'planned',
  version: 2,
  createdAt: '2026-11-23T08:00:00.000Z',
  updatedAt: '2026-11-23T08:00:00.000Z',
};
const audit: AuditEntry = {
  id: '01JAUDIT',
  at: '2026-11-23T08:00:00.000Z',
  actor: 'gs@imk.example.org',
  action: 'session.update',
  objectType: 'session',
  objectId: session.id,
  bodyId: 'imk',
  versionBefore: 1,
  versionAfter: 2,
  changedFields: ['title'],
};
const cancelled = (...codes: string[]) =>
  new TransactionCanceledException({
    message: 'cancelled',
    $metadata: {},
    CancellationReasons: codes.map((Code) => ({
      Code,
      ...(Code === 'ConditionalCheckFailed' ? { Item: { version: { N: '3' } } } : {}),
    })),
  });

describe('Class: DynamoConferenceRepository', () => {
  beforeEach(() => {
    ddb.reset();
  });

  it('replaces a session and appends its audit entry in one transaction, guarded by the version', async () => {
    // Prepare
    ddb.on(TransactWriteCommand).resolves({});

    // Act
    await repository.commit(
      [{ type: 'session', op: 'replace', session, expectedVersion: 1 }],
      [audit],
    );

    // Assess
    const items = ddb.commandCalls(TransactWriteCommand)[0]?.args[0].input.TransactItems ?? [];
    expect(items).toHaveLength(2);
    expect(items[0]?.Put).toMatchObject({
      TableName: 'table',
      Item: {
        PK: `SESSION#${session.id}`,
        SK: '#SESSION',
        GSI1PK: 'BODY#imk#SESSIONS',
        GSI1SK: `${session.startsAt}#${session.id}`,
        GSI2PK: 'SESSIONS',
        version: 2,
      },
      ConditionExpression: 'version = :version',
      ExpressionAttributeValues: { ':version': 1 },
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    });
    expect(items[1]?.Put?.Item).toMatchObject({
      PK: `AUDIT#session#${session.id}`,
      SK: `${audit.at}#${audit.id}`,
      GSI1PK: 'AUDIT#BODY#imk',
      action: 'session.update',
    });
    expect(items[1]?.Put?.ConditionExpression).toBeUndefined();
  });

  it('turns a failed version condition into 412, a missing item into 404, an existing create into 409', async () => {
    ddb.on(TransactWriteCommand).rejects(cancelled('ConditionalCheckFailed', 'None'));
    await expect(
      repository.commit([{ type: 'session', op: 'replace', session, expectedVersion: 1 }], [audit]),
    ).rejects.toBeInstanceOf(PreconditionFailedError);

    ddb.reset();
    ddb.on(TransactWriteCommand).rejects(
      new TransactionCanceledException({
        message: 'x',
        $metadata: {},
        CancellationReasons: [{ Code: 'ConditionalCheckFailed' }, { Code: 'None' }],
      }),
    );
    await expect(
      repository.commit([{ type: 'session', op: 'replace', session, expectedVersion: 1 }], [audit]),
    ).rejects.toBeInstanceOf(NotFoundError);

    ddb.reset();
    ddb.on(TransactWriteCommand).rejects(cancelled('ConditionalCheckFailed', 'None'));
    await expect(
      repository.commit([{ type: 'session', op: 'create', session }], [audit]),
    ).rejects.toBeInstanceOf(ConflictError);
  });

  it('raises the agenda revision and checks the approval in the transaction of an agenda change; a failed check is 412', async () => {
    // Prepare
    ddb.on(TransactWriteCommand).resolves({});

    // Act
    await repository.commit(
      [
        { type: 'agenda-revision', op: 'next', sessionId: session.id },
        { type: 'session', op: 'no-standing-approval', sessionId: session.id },
        { type: 'agenda-revision', op: 'check', sessionId: session.id, revision: 0 },
        { type: 'agenda-revision', op: 'check', sessionId: session.id, revision: 3 },
      ],
      [],
    );

    // Assess
    const items = ddb.commandCalls(TransactWriteCommand)[0]?.args[0].input.TransactItems ?? [];
    expect(items).toEqual([
      {
        Update: {
          TableName: 'table',
          Key: { PK: `SESSION#${session.id}`, SK: '#AGENDA' },
          UpdateExpression: 'ADD #counter :one',
          ExpressionAttributeNames: { '#counter': 'revision' },
          ExpressionAttributeValues: { ':one': 1 },
        },
      },
      {
        ConditionCheck: {
          TableName: 'table',
          Key: { PK: `SESSION#${session.id}`, SK: '#SESSION' },
          ConditionExpression:
            'attribute_not_exists(agendaApproval) OR agendaApproval.outdated = :outdated',
          ExpressionAttributeValues: { ':outdated': true },
        },
      },
      {
        ConditionCheck: {
          TableName: 'table',
          Key: { PK: `SESSION#${session.id}`, SK: '#AGENDA' },
          ConditionExpression: 'attribute_not_exists(revision)',
        },
      },
      {
        ConditionCheck: {
          TableName: 'table',
          Key: { PK: `SESSION#${session.id}`, SK: '#AGENDA' },
          ConditionExpression: 'revision = :revision',
          ExpressionAttributeValues: { ':revision': 3 },
        },
      },
    ]);

    ddb.reset();
    ddb.on(TransactWriteCommand).rejects(cancelled('None', 'ConditionalCheckFailed'));
    await expect(
      repository.commit(
        [
          { type: 'agenda-revision', op: 'next', sessionId: session.id },
          { type: 'session', op: 'no-standing-approval', sessionId: session.id },
        ],
        [],
      ),
    ).rejects.toBeInstanceOf(PreconditionFailedError);
  });

  it('writes the stored response with the create and replays it when a concurrent request won', async () => {
    const stored = {
      scope: 'user-1',
      key: 'k-12345678',
      requestHash: 'h',
      status: 201,
      body: { id: 'x' },
      expiresAt: 1,
    };
    ddb.on(TransactWriteCommand).rejects(cancelled('None', 'None', 'ConditionalCheckFailed'));
    ddb
      .on(GetCommand)
      .resolves({ Item: { PK: 'IDEMPOTENCY#user-1#k-12345678', SK: '#IDEMPOTENCY', ...stored } });

    const attempt = repository.commit(
      [{ type: 'session', op: 'create', session }],
      [audit],
      stored,
    );

    await expect(attempt).rejects.toBeInstanceOf(IdempotentReplay);
    const { expiresAt: _ttl, ...replayed } = stored;
    await attempt.catch((error: IdempotentReplay) => expect(error.response).toEqual(replayed));
    const items = ddb.commandCalls(TransactWriteCommand)[0]?.args[0].input.TransactItems ?? [];
    expect(items[2]?.Put).toMatchObject({
      Item: { PK: 'IDEMPOTENCY#user-1#k-12345678', SK: '#IDEMPOTENCY', expiresAt: 1 },
      ConditionExpression: 'attribute_not_exists(PK)',
    });
  });

  it('reports a transaction conflict as a retryable 409', async () => {
    ddb.on(TransactWriteCommand).rejects(cancelled('TransactionConflict', 'None'));
    await expect(
      repository.commit([{ type: 'session', op: 'replace', session, expectedVersion: 1 }], [audit]),
    ).rejects.toThrow(/retry/);
  });

  it('lists the calendar of one body with one Query on GSI1 between the dates', async () => {
    ddb.on(QueryCommand).resolves({ Items: [] });
    await repository.listSessions({
      bodyId: 'imk',
      from: '2027-01-01',
      to: '2027-12-31',
      limit: 20,
    });
    expect(ddb.commandCalls(QueryCommand)[0]?.args[0].input).toEqual({
      TableName: 'table',
      IndexName: 'GSI1',
      KeyConditionExpression: 'GSI1PK = :pk AND GSI1SK BETWEEN :from AND :to',
      ExpressionAttributeValues: {
        ':pk': 'BODY#imk#SESSIONS',
        ':from': '2027-01-01',
        ':to': '2027-12-31\uffff',
      },
      Limit: 20,
      ExclusiveStartKey: undefined,
    });
  });

  it('draws the running number and a year series of extraordinary sessions from counters of their own', async () => {
    // Prepare
    ddb.on(UpdateCommand).resolves({ Attributes: { value: 2 } });

    // Act
    const running = await repository.nextSessionNumber('imk');
    const yearly = await repository.nextSessionNumber('imk', 'EXTRAORDINARY#2027');

    // Assess
    expect([running, yearly]).toEqual([2, 2]);
    expect(ddb.commandCalls(UpdateCommand).map((call) => call.args[0].input.Key)).toEqual([
      { PK: 'BODY#imk', SK: '#COUNTER#SESSION' },
      { PK: 'BODY#imk', SK: '#COUNTER#SESSION#EXTRAORDINARY#2027' },
    ]);
  });

  it('reads a session stored with the old kind `video` as an extraordinary video conference without a shown number', async () => {
    // Prepare
    const { format: _f, numbering: _n, ...old } = session;
    ddb.on(GetCommand).resolves({
      Item: { PK: `SESSION#${session.id}`, SK: '#SESSION', ...old, kind: 'video', number: 2 },
    });
    ddb
      .on(QueryCommand)
      .resolves({ Items: [{ ...old, kind: 'constitutive', place: { city: 'Hamburg' } }] });

    // Act
    const read = await repository.getSession(session.id);
    const listed = await repository.listSessions({
      from: '2027-01-01',
      to: '2027-12-31',
      limit: 20,
    });

    // Assess
    expect(read).toMatchObject({
      kind: 'extraordinary',
      format: 'video',
      numbering: 'none',
      number: 2,
    });
    expect(listed.items[0]).toMatchObject({
      kind: 'constitutive',
      format: 'hybrid',
      numbering: 'running',
    });
  });

  it('refuses a cursor of another list before asking DynamoDB', async () => {
    const foreign = encodeCursor({ PK: 'x', SK: 'y', GSI1PK: 'BODY#ak-ii#SESSIONS', GSI1SK: 'z' });
    await expect(
      repository.listSessions({
        bodyId: 'imk',
        from: '2027',
        to: '2028',
        limit: 20,
        next: foreign,
      }),
    ).rejects.toThrow(/cursor/);
    expect(ddb.calls()).toHaveLength(0);
  });
});
