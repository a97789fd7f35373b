/**
 * The bare SDK calls of one request: the DynamoDB requests the product's
 * function made for it (recorded on the wire by the bench), replayed with
 * the plain DynamoDB client, in the same order and with the same
 * concurrency, and nothing else: no framework, validation, authentication
 * or rendering. A cold start of the function is measured against a cold
 * start of this.
 *
 * A replayed write whose condition no longer holds (the first run already
 * wrote) still makes its round trip; its refusal is counted, not thrown.
 */
import {
  BatchGetItemCommand,
  BatchWriteItemCommand,
  DeleteItemCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  TransactGetItemsCommand,
  TransactWriteItemsCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';

/** One DynamoDB request as it went over the wire: its operation and its JSON body. */
export interface RecordedCall {
  operation: string;
  input: Record<string, unknown>;
}

/** Requests that were in flight together form one step; steps run one after the other. */
export interface ReplayEvent {
  steps: RecordedCall[][];
}

const commands: Record<string, new (input: never) => unknown> = {
  BatchGetItem: BatchGetItemCommand,
  BatchWriteItem: BatchWriteItemCommand,
  DeleteItem: DeleteItemCommand,
  GetItem: GetItemCommand,
  PutItem: PutItemCommand,
  Query: QueryCommand,
  TransactGetItems: TransactGetItemsCommand,
  TransactWriteItems: TransactWriteItemsCommand,
  UpdateItem: UpdateItemCommand,
};

const client = new DynamoDBClient(
  process.env.DYNAMODB_ENDPOINT ? { endpoint: process.env.DYNAMODB_ENDPOINT } : {},
);

const refusals = new Set(['ConditionalCheckFailedException', 'TransactionCanceledException']);

export const handler = async (event: ReplayEvent) => {
  let refused = 0;
  for (const step of event.steps) {
    await Promise.all(
      step.map(async ({ operation, input }) => {
        const Command = commands[operation];
        if (Command === undefined) throw new Error(`No command for ${operation}.`);
        try {
          await client.send(new Command(input as never) as never);
        } catch (error) {
          if (!refusals.has((error as Error).name)) throw error;
          refused += 1;
        }
      }),
    );
  }
  return { statusCode: 200, body: JSON.stringify({ refused }) };
};
