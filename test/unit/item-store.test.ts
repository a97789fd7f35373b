import { BatchGetCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { isThrottling } from '../../functions/http/problem.js';
import { createDocumentClient } from '../../shared/adapters/dynamodb/client.js';
import { ItemStore } from '../../shared/adapters/dynamodb/item-store.js';

const ddb = mockClient(DynamoDBDocumentClient);
const store = new ItemStore(createDocumentClient({ region: 'eu-central-1' }), 'table');
const session = { PK: 'SESSION#s1', SK: 'SESSION' };
const invitation = { PK: 'SESSION#s1', SK: 'INVITATION#i1' };

describe('ItemStore.getMany', () => {
  beforeEach(() => ddb.reset());

  it('asks again for the keys DynamoDB left unprocessed, and answers in the order asked', async () => {
    ddb
      .on(BatchGetCommand)
      .resolvesOnce({
        Responses: { table: [{ ...invitation, type: 'Invitation' }] },
        UnprocessedKeys: { table: { Keys: [session] } },
      })
      .resolvesOnce({ Responses: { table: [{ ...session, type: 'Session' }] } });
    const items = await store.getMany([session, invitation, { PK: 'BODY#imk', SK: 'BODY' }]);
    expect(items.map((item) => item?.type)).toEqual(['Session', 'Invitation', undefined]);
    const retry = ddb.commandCalls(BatchGetCommand)[1]?.args[0].input;
    expect(retry?.RequestItems?.table).toEqual({ Keys: [session], ConsistentRead: true });
  });

  it('gives up as a throttled request (503, retry) when DynamoDB keeps leaving keys unprocessed', async () => {
    ddb.on(BatchGetCommand).resolves({ UnprocessedKeys: { table: { Keys: [session] } } });
    const failure = await store.getMany([session]).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(isThrottling(failure)).toBe(true);
    expect(ddb.commandCalls(BatchGetCommand)).toHaveLength(5);
  });
});
