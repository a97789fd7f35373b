import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Context, PreTokenGenerationV2TriggerEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';

const ddb = mockClient(DynamoDBDocumentClient);

/** A pre-token-generation V2 event as Cognito sends it on sign-in through the hosted UI. */
const cognitoEvent = (email: string | undefined): PreTokenGenerationV2TriggerEvent => ({
  version: '2',
  triggerSource: 'TokenGeneration_HostedAuth',
  region: 'eu-central-1',
  userPoolId: 'eu-central-1_AbCdEf123',
  userName: '3c5d9a2e-7071-4f3b-9d2e-8b1f0c6a4e11',
  callerContext: {
    awsSdkVersion: 'aws-sdk-unknown-unknown',
    clientId: '1example23456789',
  },
  request: {
    userAttributes: {
      sub: '3c5d9a2e-7071-4f3b-9d2e-8b1f0c6a4e11',
      'cognito:user_status': 'CONFIRMED',
      email_verified: 'true',
      name: 'Geschäftsstelle der IMK',
      ...(email === undefined ? {} : { email }),
    },
    groupConfiguration: {
      groupsToOverride: ['admin'],
      iamRolesToOverride: [],
      preferredRole: undefined,
    },
    scopes: ['openid', 'email', 'profile'],
  },
  response: { claimsAndScopeOverrideDetails: {} },
});
const context = { functionName: 'pre-token', awsRequestId: 'req-1' } as Context;

const staffItem = {
  PK: 'STAFF#01JDEMOSTAFF00000000000000',
  SK: '#STAFF',
  GSI2PK: 'STAFF#EMAIL#gs@imk.example.org',
  GSI2SK: '#',
  type: 'Staff',
  id: '01JDEMOSTAFF00000000000000',
  email: 'gs@imk.example.org',
  name: 'Geschäftsstelle der IMK',
  admin: false,
  grants: [
    { bodyId: 'imk', role: 'secretariat' },
    { bodyId: 'imk', role: 'member', memberId: 'DE-HH' },
    { bodyId: 'ak-ii', role: 'chair' },
  ],
  version: 3,
  createdAt: '2026-11-23T08:00:00.000Z',
  updatedAt: '2026-11-23T08:00:00.000Z',
};

let handler: (
  event: PreTokenGenerationV2TriggerEvent,
  context: Context,
) => Promise<PreTokenGenerationV2TriggerEvent>;

describe('Function: pre-token-generation trigger', () => {
  beforeAll(async () => {
    Object.assign(process.env, {
      TABLE_NAME: 'conference-table',
      AWS_REGION: 'eu-central-1',
      LOG_LEVEL: 'ERROR',
    });
    ({ handler } = await import('../../functions/events/pre-token.js'));
  });

  beforeEach(() => {
    ddb.reset();
  });

  it("puts the staff member's roles, bodies and grants into the access token", async () => {
    // Prepare
    ddb.on(QueryCommand).resolves({ Items: [staffItem] });

    // Act: the address comes in mixed case, as a user may have typed it.
    const result = await handler(cognitoEvent('GS@imk.example.org'), context);

    // Assess
    expect(ddb.commandCalls(QueryCommand).map((call) => call.args[0].input)).toEqual([
      {
        TableName: 'conference-table',
        IndexName: 'GSI2',
        KeyConditionExpression: 'GSI2PK = :pk',
        ExpressionAttributeValues: { ':pk': 'STAFF#EMAIL#gs@imk.example.org' },
      },
    ]);
    expect(result.response).toEqual({
      claimsAndScopeOverrideDetails: {
        accessTokenGeneration: {
          claimsToAddOrOverride: {
            email: 'gs@imk.example.org',
            bodies: 'ak-ii imk',
            grants: 'chair:ak-ii member:imk secretariat:imk',
          },
        },
        groupOverrideDetails: { groupsToOverride: ['secretariat', 'member', 'chair'] },
      },
    });
  });

  it('gives someone not in the directory (a removed staff member) no group, no body and no grant', async () => {
    // Prepare: the pool still has them in the admin group.
    ddb.on(QueryCommand).resolves({ Items: [] });

    // Act
    const result = await handler(cognitoEvent('removed@imk.example.org'), context);

    // Assess
    expect(result.response.claimsAndScopeOverrideDetails).toEqual({
      accessTokenGeneration: {
        claimsToAddOrOverride: { email: 'removed@imk.example.org', bodies: '', grants: '' },
      },
      groupOverrideDetails: { groupsToOverride: [] },
    });
  });

  it('reads nothing for a user without an address, and grants nothing', async () => {
    const result = await handler(cognitoEvent(undefined), context);
    expect(ddb.commandCalls(QueryCommand)).toHaveLength(0);
    expect(result.response.claimsAndScopeOverrideDetails.groupOverrideDetails).toEqual({
      groupsToOverride: [],
    });
  });

  it('fails the sign-in rather than issue a token when the directory cannot be read', async () => {
    ddb.on(QueryCommand).rejects(new Error('throttled'));
    await expect(handler(cognitoEvent('gs@imk.example.org'), context)).rejects.toThrow('throttled');
  });
});
