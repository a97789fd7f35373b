import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { ConflictError } from '../../domain/errors.js';
import type { Session } from '../../domain/session.js';
import type { SessionRepository } from '../../ports/session-repository.js';
import { isConditionFailure } from './errors.js';
import { keys } from './table-design.js';

const toSession = (item: Record<string, unknown>): Session => {
  const { PK, SK, GSI1PK, GSI1SK, GSI2PK, GSI2SK, type, ...session } = item;
  return session as Session;
};

/** The DynamoDB implementation of `SessionRepository`. */
export class DynamoSessionRepository implements SessionRepository {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async nextSessionNumber(bodyId: string): Promise<number> {
    const result = await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.sessionCounter(bodyId),
        UpdateExpression: 'ADD #value :one SET #type = :type',
        ExpressionAttributeNames: { '#value': 'value', '#type': 'type' },
        ExpressionAttributeValues: { ':one': 1, ':type': 'Counter' },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    return result.Attributes?.value as number;
  }

  async createSession(session: Session): Promise<void> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...keys.session(session.id),
            ...keys.sessionOfBody(session.bodyId, session.startsAt, session.id),
            ...keys.sessionByDate(session.startsAt, session.id),
            type: 'Session',
            ...session,
          },
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      );
    } catch (error) {
      if (isConditionFailure(error)) {
        throw new ConflictError(
          `Session '${session.id}' exists already.`,
          { id: session.id },
          error,
        );
      }
      throw error;
    }
  }

  async getSession(sessionId: string): Promise<Session | undefined> {
    const result = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: keys.session(sessionId) }),
    );
    return result.Item === undefined ? undefined : toSession(result.Item);
  }

  async listSessionsOfBody(
    bodyId: string,
    range: { from: string; to: string },
  ): Promise<Session[]> {
    const result = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :pk AND GSI1SK BETWEEN :from AND :to',
        ExpressionAttributeValues: {
          ':pk': keys.sessionOfBody(bodyId, '', '').GSI1PK,
          ':from': range.from,
          ':to': `${range.to}\uffff`,
        },
      }),
    );
    return (result.Items ?? []).map(toSession);
  }
}
