import {
  type DynamoDBDocumentClient,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import type { Body, BodyWithMembers, Member, Person } from '../../domain/body.js';
import { ConflictError } from '../../domain/errors.js';
import type { BodyRepository } from '../../ports/body-repository.js';
import type { Page, PageRequest } from '../../ports/pagination.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { isConditionFailure } from './errors.js';
import { keys } from './table-design.js';

const bodyAttributes = (item: Record<string, unknown>): Body => ({
  id: item.id as string,
  name: item.name as string,
  shortName: item.shortName as string,
  kind: item.kind as Body['kind'],
  decisionRule: item.decisionRule as Body['decisionRule'],
  ...(item.chairMemberId === undefined ? {} : { chairMemberId: item.chairMemberId as string }),
  ...(item.parentBodyId === undefined ? {} : { parentBodyId: item.parentBodyId as string }),
  version: item.version as number,
  createdAt: item.createdAt as string,
  updatedAt: item.updatedAt as string,
});

const personAttributes = (item: Record<string, unknown>): Person => ({
  id: item.id as string,
  capacity: item.capacity as Person['capacity'],
  name: item.name as string,
  function: item.function as string,
  email: item.email as string,
  language: item.language as Person['language'],
});

/**
 * The DynamoDB implementation of `BodyRepository`.
 *
 * @example
 * ```ts
 * const bodies = new DynamoBodyRepository(documentClient, 'conference');
 * const imk = await bodies.getBodyWithMembers('imk');
 * ```
 */
export class DynamoBodyRepository implements BodyRepository {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async listBodies({ limit, next }: PageRequest): Promise<Page<Body>> {
    const result = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :pk',
        ExpressionAttributeValues: { ':pk': 'BODIES' },
        Limit: limit,
        ExclusiveStartKey: decodeCursor(next, ['PK', 'SK', 'GSI1PK', 'GSI1SK'], (name, value) =>
          name === 'GSI1PK'
            ? value === 'BODIES'
            : name === 'SK'
              ? value === '#BODY'
              : name === 'PK'
                ? value.startsWith('BODY#')
                : value.length > 0,
        ),
      }),
    );
    return {
      items: (result.Items ?? []).map(bodyAttributes),
      next: encodeCursor(result.LastEvaluatedKey),
    };
  }

  async getBodyWithMembers(bodyId: string): Promise<BodyWithMembers | undefined> {
    const items: Record<string, unknown>[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const result = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'PK = :pk',
          ExpressionAttributeValues: { ':pk': keys.body(bodyId).PK },
          ExclusiveStartKey: start,
        }),
      );
      items.push(...(result.Items ?? []));
      start = result.LastEvaluatedKey;
    } while (start !== undefined);

    const bodyItem = items.find((item) => item.type === 'Body');
    if (bodyItem === undefined) return undefined;
    const members = items
      .filter((item) => item.type === 'Member')
      .map(
        (item): Member => ({
          bodyId,
          memberId: item.memberId as string,
          name: item.name as string,
          voting: item.voting as boolean,
          people: items
            .filter((person) => person.type === 'Person' && person.memberId === item.memberId)
            .map(personAttributes),
        }),
      );
    return { ...bodyAttributes(bodyItem), members };
  }

  async createBody(body: Body): Promise<void> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...keys.body(body.id), ...keys.bodyList(body.id), type: 'Body', ...body },
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      );
    } catch (error) {
      if (isConditionFailure(error)) {
        throw new ConflictError(
          `A body with id '${body.id}' exists already.`,
          { id: body.id },
          error,
        );
      }
      throw error;
    }
  }

  async addMember(member: Member): Promise<void> {
    const { people, ...memberFields } = member;
    try {
      await this.client.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              ConditionCheck: {
                TableName: this.tableName,
                Key: keys.body(member.bodyId),
                ConditionExpression: 'attribute_exists(PK)',
              },
            },
            {
              Put: {
                TableName: this.tableName,
                Item: {
                  ...keys.member(member.bodyId, member.memberId),
                  type: 'Member',
                  ...memberFields,
                },
                ConditionExpression: 'attribute_not_exists(PK)',
              },
            },
            ...people.map((person) => ({
              Put: {
                TableName: this.tableName,
                Item: {
                  ...keys.person(member.bodyId, member.memberId, person.id),
                  ...keys.personByEmail(person.email, member.bodyId, member.memberId),
                  type: 'Person',
                  bodyId: member.bodyId,
                  memberId: member.memberId,
                  ...person,
                },
              },
            })),
          ],
        }),
      );
    } catch (error) {
      if (isConditionFailure(error)) {
        throw new ConflictError(
          `Member '${member.memberId}' cannot be added to body '${member.bodyId}': the body is missing or the member exists.`,
          { bodyId: member.bodyId, memberId: member.memberId },
          error,
        );
      }
      throw error;
    }
  }
}
