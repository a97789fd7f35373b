import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  type QueryCommandInput,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import type { AuditEntry } from '../../domain/audit.js';
import {
  ConflictError,
  NotFoundError,
  PreconditionFailedError,
  TransactionConflictError,
} from '../../domain/errors.js';
import { msg, type ObjectKind } from '../../domain/messages.js';
import {
  CommitTooLarge,
  IdempotentReplay,
  maxItemsPerCommit,
  type StoredResponse,
} from '../../ports/conference-repository.js';
import type { Page } from '../../ports/pagination.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { keys } from './table-design.js';

type Item = Record<string, unknown>;
export type Key = { PK: string; SK: string };

/** What an operation writes, for error messages: `Session '01J…'`. */
export interface ObjectName {
  kind: ObjectKind;
  id: string;
}

/** One write inside a transaction. */
export type WriteOp =
  /** Put a new item; fails with 409 when it exists. */
  | { kind: 'create'; item: Item & Key; what: ObjectName }
  /** Replace an item whose stored version is `expectedVersion`; 412 when it moved on, 404 when gone. */
  | { kind: 'replace'; item: Item & Key; expectedVersion: number; what: ObjectName }
  /** Delete an item whose stored version is `expectedVersion`. */
  | { kind: 'delete'; key: Key; expectedVersion: number; what: ObjectName }
  /** Replace an item whose stored `state` is `expectedState` (objects without versions). */
  | { kind: 'replace-in-state'; item: Item & Key; expectedState: string; what: ObjectName }
  /** Put without condition (index items that follow their owner). */
  | { kind: 'put'; item: Item & Key }
  /** Delete without condition. */
  | { kind: 'remove'; key: Key }
  /** Require that an item exists; 404 otherwise. */
  | { kind: 'exists'; key: Key; what: ObjectName }
  /** Add one to a counter attribute, making the item when it is absent. */
  | { kind: 'increment'; key: Key; attribute: string }
  /** Require a condition of an item (present or not), writing nothing; 412 when it fails. */
  | { kind: 'check'; key: Key; condition: string; values: Record<string, unknown> };

/** A stored idempotent response, replayed for a repeated `Idempotency-Key`. */
export type IdempotencyRecord = StoredResponse;

const bookkeeping = new Set([
  'PK',
  'SK',
  'GSI1PK',
  'GSI1SK',
  'GSI2PK',
  'GSI2SK',
  'type',
  'expiresAt',
]);

/** An item without its keys and type marker: the domain object. */
export const toObject = <T>(item: Item): T =>
  Object.fromEntries(Object.entries(item).filter(([name]) => !bookkeeping.has(name))) as T;

const auditItem = (entry: AuditEntry): Item & Key => ({
  PK: `AUDIT#${entry.objectType}#${entry.objectId}`,
  SK: `${entry.at}#${entry.id}`,
  GSI1PK: `AUDIT#BODY#${entry.bodyId}`,
  GSI1SK: `${entry.at}#${entry.id}`,
  type: 'Audit',
  ...entry,
});

/**
 * The one write path of the product: every change is a single DynamoDB
 * transaction that holds the change itself, its audit entries, and (for
 * creates with an `Idempotency-Key`) the idempotency record. Conditions on the
 * stored version guard every replace and delete, so a stale `If-Match` can
 * never overwrite a newer version.
 */
export class ItemStore {
  constructor(
    readonly client: DynamoDBDocumentClient,
    readonly tableName: string,
  ) {}

  async get<T>(key: Key): Promise<T | undefined> {
    const result = await this.client.send(new GetCommand({ TableName: this.tableName, Key: key }));
    return result.Item === undefined ? undefined : toObject<T>(result.Item);
  }

  /**
   * Several items in one request (BatchGetItem), read consistently: the
   * items as stored, by their keys, in the order of `wanted` (undefined
   * where there is none). Keys DynamoDB leaves unprocessed under load are
   * asked for again, a few times, before it gives up.
   */
  async getMany(wanted: readonly Key[]): Promise<(Item | undefined)[]> {
    const found = new Map<string, Item>();
    const id = (key: Key) => `${key.PK}\u0000${key.SK}`;
    let pending: Key[] = [...wanted];
    for (let attempt = 0; pending.length > 0; attempt += 1) {
      if (attempt === 5) {
        // DynamoDB leaves keys unprocessed when the table is over its throughput: answered
        // like any throttled request (503, try again), nothing having been written.
        throw Object.assign(new Error('DynamoDB left keys of a batch read unprocessed.'), {
          name: 'ProvisionedThroughputExceededException',
        });
      }
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 20 * 2 ** attempt));
      const result = await this.client.send(
        new BatchGetCommand({
          RequestItems: { [this.tableName]: { Keys: pending, ConsistentRead: true } },
        }),
      );
      for (const item of result.Responses?.[this.tableName] ?? []) {
        found.set(id(item as Key), item);
      }
      pending = (result.UnprocessedKeys?.[this.tableName]?.Keys ?? []) as Key[];
    }
    return wanted.map((key) => found.get(id(key)));
  }

  /**
   * One page of a Query. The cursor must decode to a key of this very query:
   * its partition attribute must equal `partitionValue`.
   */
  async page<T>(
    input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey' | 'Limit'>,
    options: {
      limit: number;
      next?: string | undefined;
      partitionAttribute: string;
      partitionValue: string;
    },
  ): Promise<Page<T>> {
    const names =
      input.IndexName === undefined
        ? ['PK', 'SK']
        : ['PK', 'SK', `${input.IndexName}PK`, `${input.IndexName}SK`];
    const start = decodeCursor(options.next, names, (name, value) =>
      name === options.partitionAttribute ? value === options.partitionValue : value.length > 0,
    );
    const result = await this.client.send(
      new QueryCommand({
        ...input,
        TableName: this.tableName,
        Limit: options.limit,
        ExclusiveStartKey: start,
      }),
    );
    return {
      items: (result.Items ?? []).map((item) => toObject<T>(item)),
      next: encodeCursor(result.LastEvaluatedKey),
    };
  }

  /** Every item of a Query (bounded lists such as a body's partition). */
  async all(input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>): Promise<Item[]> {
    const items: Item[] = [];
    let start: Item | undefined;
    do {
      const result = await this.client.send(
        new QueryCommand({ ...input, TableName: this.tableName, ExclusiveStartKey: start }),
      );
      items.push(...(result.Items ?? []));
      start = result.LastEvaluatedKey;
    } while (start !== undefined);
    return items;
  }

  async readIdempotency(scope: string, key: string): Promise<IdempotencyRecord | undefined> {
    return this.get<IdempotencyRecord>(keys.idempotency(scope, key));
  }

  /** Writes the operations, their audit entries and the idempotency record atomically. */
  async write(ops: WriteOp[], audit: AuditEntry[], idempotency?: IdempotencyRecord): Promise<void> {
    const transactItems = [
      ...ops.map((op) => this.transactItem(op)),
      ...audit.map((entry) => ({ Put: { TableName: this.tableName, Item: auditItem(entry) } })),
      ...(idempotency === undefined
        ? []
        : [
            {
              Put: {
                TableName: this.tableName,
                Item: {
                  ...keys.idempotency(idempotency.scope, idempotency.key),
                  type: 'Idempotency',
                  ...idempotency,
                },
                ConditionExpression: 'attribute_not_exists(PK)',
              },
            },
          ]),
    ];
    if (transactItems.length > maxItemsPerCommit) throw new CommitTooLarge(transactItems.length);
    try {
      await this.client.send(new TransactWriteCommand({ TransactItems: transactItems }));
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      throw await this.explain(error, ops, idempotency);
    }
  }

  private transactItem(op: WriteOp) {
    const TableName = this.tableName;
    const version = { ':version': 0 };
    switch (op.kind) {
      case 'create':
        return {
          Put: { TableName, Item: op.item, ConditionExpression: 'attribute_not_exists(PK)' },
        };
      case 'replace':
        return {
          Put: {
            TableName,
            Item: op.item,
            ConditionExpression: 'version = :version',
            ExpressionAttributeValues: { ...version, ':version': op.expectedVersion },
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const,
          },
        };
      case 'delete':
        return {
          Delete: {
            TableName,
            Key: op.key,
            ConditionExpression: 'version = :version',
            ExpressionAttributeValues: { ':version': op.expectedVersion },
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const,
          },
        };
      case 'replace-in-state':
        return {
          Put: {
            TableName,
            Item: op.item,
            ConditionExpression: '#state = :state',
            ExpressionAttributeNames: { '#state': 'state' },
            ExpressionAttributeValues: { ':state': op.expectedState },
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const,
          },
        };
      case 'put':
        return { Put: { TableName, Item: op.item } };
      case 'remove':
        return { Delete: { TableName, Key: op.key } };
      case 'exists':
        return {
          ConditionCheck: { TableName, Key: op.key, ConditionExpression: 'attribute_exists(PK)' },
        };
      case 'increment':
        return {
          Update: {
            TableName,
            Key: op.key,
            UpdateExpression: 'ADD #counter :one',
            ExpressionAttributeNames: { '#counter': op.attribute },
            ExpressionAttributeValues: { ':one': 1 },
          },
        };
      case 'check':
        return {
          ConditionCheck: {
            TableName,
            Key: op.key,
            ConditionExpression: op.condition,
            // DynamoDB refuses an empty map of values.
            ...(Object.keys(op.values).length > 0 ? { ExpressionAttributeValues: op.values } : {}),
          },
        };
    }
  }

  private async explain(
    error: TransactionCanceledException,
    ops: WriteOp[],
    idempotency: IdempotencyRecord | undefined,
  ): Promise<Error> {
    const reasons = error.CancellationReasons ?? [];
    const idempotencyIndex = reasons.length - 1;
    if (idempotency !== undefined && reasons[idempotencyIndex]?.Code === 'ConditionalCheckFailed') {
      const stored = await this.readIdempotency(idempotency.scope, idempotency.key);
      if (stored !== undefined) return new IdempotentReplay(stored);
    }
    for (const [index, op] of ops.entries()) {
      const reason = reasons[index];
      if (reason?.Code !== 'ConditionalCheckFailed') continue;
      switch (op.kind) {
        case 'create':
          return new ConflictError(
            msg('exists-already', { kind: op.what.kind, id: op.what.id }),
            { id: op.what.id },
            error,
          );
        case 'check':
          return new PreconditionFailedError(undefined, error);
        case 'replace':
        case 'replace-in-state':
        case 'delete':
          return reason.Item === undefined
            ? new NotFoundError(op.what.kind, op.what.id)
            : new PreconditionFailedError(undefined, error);
        case 'exists':
          return new NotFoundError(op.what.kind, op.what.id);
        default:
          break;
      }
    }
    if (reasons.some((reason) => reason.Code === 'TransactionConflict')) {
      return new TransactionConflictError(error);
    }
    return error;
  }
}
