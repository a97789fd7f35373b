import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { createDocumentClient } from '../../shared/adapters/dynamodb/client.js';
import { DynamoConferenceRepository } from '../../shared/adapters/dynamodb/conference-repository.js';
import { recordAnswer } from '../../shared/use-cases/invitations.js';

const ddb = mockClient(DynamoDBDocumentClient);
const repo = new DynamoConferenceRepository(
  createDocumentClient({ region: 'eu-central-1' }),
  'table',
);
const deps = {
  repo,
  clock: { now: () => new Date('2027-02-01T10:00:00Z') },
  linkSecret: 'x'.repeat(40),
};

const session = {
  PK: 'SESSION#S1',
  SK: '#SESSION',
  id: 'S1',
  bodyId: 'imk',
  number: 1,
  kind: 'regular',
  title: 'Sitzung',
  startsAt: '2027-03-03T09:00:00Z',
  endsAt: '2027-03-06T13:00:00Z',
  timeZone: 'Europe/Berlin',
  state: 'invited',
  version: 2,
  createdAt: '2026-11-23T08:00:00Z',
  updatedAt: '2026-11-23T08:00:00Z',
};
const invitation = (version: number, answered: boolean) => ({
  PK: 'SESSION#S1',
  SK: 'INVITATION#I1',
  id: 'I1',
  sessionId: 'S1',
  bodyId: 'imk',
  memberId: 'DE-BY',
  personId: 'P1',
  name: 'Josef Brandl',
  email: 'minister@de-by.example.org',
  capacity: 'principal',
  ...(answered
    ? { answer: { status: 'accepted', channel: 'link', at: '2027-02-01T09:59:59.000Z' } }
    : {}),
  version,
  createdAt: '2026-11-23T08:00:00Z',
  updatedAt: '2026-11-23T08:00:00Z',
});

describe('Function: recordAnswer under DynamoDB conflicts', () => {
  beforeEach(() => {
    ddb.reset();
  });

  it('reads again after a lost conditional write and records the answer once', async () => {
    // Prepare: the first write loses to a concurrent change; the second goes through.
    ddb.on(GetCommand, { Key: { PK: 'SESSION#S1', SK: '#SESSION' } }).resolves({ Item: session });
    ddb
      .on(GetCommand, { Key: { PK: 'SESSION#S1', SK: 'INVITATION#I1' } })
      .resolvesOnce({ Item: invitation(1, false) })
      .resolves({ Item: invitation(2, false) });
    ddb
      .on(TransactWriteCommand)
      .rejectsOnce(
        new TransactionCanceledException({
          message: 'cancelled',
          $metadata: {},
          CancellationReasons: [
            { Code: 'ConditionalCheckFailed', Item: { version: { N: '2' } } },
            { Code: 'None' },
          ],
        }),
      )
      .resolves({});

    // Act
    const result = await recordAnswer(
      deps,
      { sessionId: 'S1', invitationId: 'I1' },
      { status: 'declined' },
      'mail',
      'x',
    );

    // Assess
    expect(result.changed).toBe(true);
    const writes = ddb.commandCalls(TransactWriteCommand);
    expect(writes).toHaveLength(2);
    expect(writes[1]?.args[0].input.TransactItems?.[0]?.Put?.ExpressionAttributeValues).toEqual({
      ':version': 2,
    });
    expect(writes[1]?.args[0].input.TransactItems?.[0]?.Put?.Item).toMatchObject({
      version: 3,
      answer: { status: 'declined' },
    });
  });

  it('writes nothing when the concurrent change already recorded the same answer', async () => {
    ddb.on(GetCommand, { Key: { PK: 'SESSION#S1', SK: '#SESSION' } }).resolves({ Item: session });
    ddb
      .on(GetCommand, { Key: { PK: 'SESSION#S1', SK: 'INVITATION#I1' } })
      .resolves({ Item: invitation(2, true) });
    const result = await recordAnswer(
      deps,
      { sessionId: 'S1', invitationId: 'I1' },
      { status: 'accepted' },
      'link',
      'x',
    );
    expect(result.changed).toBe(false);
    expect(ddb.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });
});
