import {
  ConditionalCheckFailedException,
  TransactionCanceledException,
} from '@aws-sdk/client-dynamodb';
import {
  DynamoDBDocumentClient,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { DynamoBodyRepository } from '../../shared/adapters/dynamodb/body-repository.js';
import { createDocumentClient } from '../../shared/adapters/dynamodb/client.js';
import { encodeCursor } from '../../shared/adapters/dynamodb/cursor.js';
import { ConflictError } from '../../shared/domain/errors.js';

const documentClient = createDocumentClient({ region: 'eu-central-1' });
const ddb = mockClient(DynamoDBDocumentClient);
const repository = new DynamoBodyRepository(documentClient, 'table');

const body = {
  id: 'imk',
  name: 'IMK',
  shortName: 'IMK',
  kind: 'plenary' as const,
  decisionRule: { kind: 'unanimity' as const },
  version: 1,
  createdAt: '2026-11-23T08:00:00.000Z',
  updatedAt: '2026-11-23T08:00:00.000Z',
};

describe('Class: DynamoBodyRepository', () => {
  beforeEach(() => {
    ddb.reset();
  });

  it('lists bodies with one Query on GSI1 and returns an opaque cursor', async () => {
    // Prepare
    const last = { PK: 'BODY#imk', SK: '#BODY', GSI1PK: 'BODIES', GSI1SK: 'imk' };
    ddb.on(QueryCommand).resolves({ Items: [{ type: 'Body', ...body }], LastEvaluatedKey: last });

    // Act
    const page = await repository.listBodies({ limit: 1 });

    // Assess
    expect(ddb.commandCalls(QueryCommand)).toHaveLength(1);
    expect(ddb.commandCalls(QueryCommand)[0]?.args[0].input).toEqual({
      TableName: 'table',
      IndexName: 'GSI1',
      KeyConditionExpression: 'GSI1PK = :pk',
      ExpressionAttributeValues: { ':pk': 'BODIES' },
      Limit: 1,
      ExclusiveStartKey: undefined,
    });
    expect(page).toEqual({ items: [body], next: encodeCursor(last) });
  });

  it('continues from a cursor', async () => {
    const last = { PK: 'BODY#ak-ii', SK: '#BODY', GSI1PK: 'BODIES', GSI1SK: 'ak-ii' };
    ddb.on(QueryCommand).resolves({ Items: [] });
    await repository.listBodies({ limit: 10, next: encodeCursor(last) });
    expect(ddb.commandCalls(QueryCommand)[0]?.args[0].input.ExclusiveStartKey).toEqual(last);
  });

  it('reads a body with members and people in one Query on its partition', async () => {
    ddb.on(QueryCommand).resolves({
      Items: [
        { type: 'Body', ...body },
        { type: 'Member', memberId: 'DE-HH', name: 'Hamburg', voting: true },
        {
          type: 'Person',
          memberId: 'DE-HH',
          id: 'p1',
          capacity: 'principal',
          name: 'Ernesto B. Dutschke',
          function: 'Senator',
          email: 'minister@de-hh.example.org',
          language: 'de',
        },
      ],
    });

    const result = await repository.getBodyWithMembers('imk');

    expect(ddb.commandCalls(QueryCommand)[0]?.args[0].input).toEqual({
      TableName: 'table',
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': 'BODY#imk' },
      ExclusiveStartKey: undefined,
    });
    expect(result?.members).toEqual([
      {
        bodyId: 'imk',
        memberId: 'DE-HH',
        name: 'Hamburg',
        voting: true,
        people: [
          {
            id: 'p1',
            capacity: 'principal',
            name: 'Ernesto B. Dutschke',
            function: 'Senator',
            email: 'minister@de-hh.example.org',
            language: 'de',
          },
        ],
      },
    ]);
  });

  it('creates a body only where none exists', async () => {
    ddb.on(PutCommand).resolves({});
    await repository.createBody(body);
    expect(ddb.commandCalls(PutCommand)[0]?.args[0].input).toMatchObject({
      TableName: 'table',
      Item: {
        PK: 'BODY#imk',
        SK: '#BODY',
        GSI1PK: 'BODIES',
        GSI1SK: 'imk',
        type: 'Body',
        id: 'imk',
      },
      ConditionExpression: 'attribute_not_exists(PK)',
    });
  });

  it('reports a taken body id as a conflict', async () => {
    ddb
      .on(PutCommand)
      .rejects(new ConditionalCheckFailedException({ message: 'taken', $metadata: {} }));
    await expect(repository.createBody(body)).rejects.toBeInstanceOf(ConflictError);
  });

  it('adds a member and its people in one transaction that checks the body exists', async () => {
    ddb.on(TransactWriteCommand).resolves({});
    await repository.addMember({
      bodyId: 'imk',
      memberId: 'BUND',
      name: 'Bund',
      voting: false,
      people: [
        {
          id: 'p9',
          capacity: 'principal',
          name: 'Dr. Matthias Linner',
          function: 'Bundesminister des Innern',
          email: 'minister@bund.example.org',
          language: 'de',
        },
      ],
    });
    const items = ddb.commandCalls(TransactWriteCommand)[0]?.args[0].input.TransactItems ?? [];
    expect(items).toHaveLength(3);
    expect(items[0]?.ConditionCheck?.Key).toEqual({ PK: 'BODY#imk', SK: '#BODY' });
    expect(items[1]?.Put?.Item).toMatchObject({ PK: 'BODY#imk', SK: 'MEMBER#BUND', voting: false });
    expect(items[2]?.Put?.Item).toMatchObject({
      SK: 'MEMBER#BUND#PERSON#p9',
      GSI2PK: 'EMAIL#minister@bund.example.org',
    });
  });

  it('reports a cancelled member transaction as a conflict', async () => {
    ddb.on(TransactWriteCommand).rejects(
      new TransactionCanceledException({
        message: 'cancelled',
        $metadata: {},
        CancellationReasons: [{ Code: 'ConditionalCheckFailed' }, { Code: 'None' }],
      }),
    );
    await expect(
      repository.addMember({
        bodyId: 'nope',
        memberId: 'DE-BY',
        name: 'Bayern',
        voting: true,
        people: [],
      }),
    ).rejects.toBeInstanceOf(ConflictError);
  });
});
