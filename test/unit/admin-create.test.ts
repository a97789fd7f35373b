import {
  AdminCreateUserCommand,
  AdminEnableUserCommand,
  CognitoIdentityProviderClient,
  UsernameExistsException,
} from '@aws-sdk/client-cognito-identity-provider';
import {
  DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { adminCreate, UsageError } from '../../infra/local/admin-create.js';
import { createDocumentClient } from '../../shared/adapters/dynamodb/client.js';

const ddb = mockClient(DynamoDBDocumentClient);
const cognito = mockClient(CognitoIdentityProviderClient);
const clients = {
  documentClient: (region: string) => createDocumentClient({ region }),
  cognito: () => new CognitoIdentityProviderClient({ region: 'eu-central-1' }),
};
const args = [
  '--email',
  'IT@imk.example.org',
  '--name',
  'IT-Betrieb',
  '--table',
  'Conference-prod-DataTable',
  '--user-pool',
  'eu-central-1_AbCdEf123',
];

describe('Command: admin:create', () => {
  beforeEach(() => {
    ddb.reset();
    cognito.reset();
  });

  it('adds a new admin to the staff directory, audited, and creates the Cognito user with the invitation', async () => {
    // Prepare
    ddb.on(QueryCommand).resolves({ Items: [] });
    ddb.on(TransactWriteCommand).resolves({});
    cognito.on(AdminCreateUserCommand).resolves({});

    // Act
    const line = await adminCreate(args, {}, clients);

    // Assess
    expect(line).toBe(
      'it@imk.example.org is now staff and an admin; the invitation mail with a temporary password goes to this address.',
    );
    const [write] = ddb.commandCalls(TransactWriteCommand).map((call) => call.args[0].input);
    const items = write?.TransactItems?.map((item) => item.Put?.Item);
    expect(items?.map((item) => [item?.PK, item?.SK])).toEqual([
      ['STAFFEMAIL#it@imk.example.org', '#STAFFEMAIL'],
      [expect.stringMatching(/^STAFF#[0-9A-Z]{26}$/), '#STAFF'],
      [expect.stringMatching(/^AUDIT#staff#/), expect.any(String)],
    ]);
    expect(items?.[1]).toMatchObject({
      email: 'it@imk.example.org',
      name: 'IT-Betrieb',
      admin: true,
      grants: [],
      version: 1,
    });
    expect(items?.[2]).toMatchObject({ actor: 'admin:create', action: 'staff.create' });
    expect(
      write?.TransactItems?.every((item) => item.Put?.TableName === 'Conference-prod-DataTable'),
    ).toBe(true);
    expect(cognito.commandCalls(AdminCreateUserCommand).map((call) => call.args[0].input)).toEqual([
      {
        UserPoolId: 'eu-central-1_AbCdEf123',
        Username: 'it@imk.example.org',
        UserAttributes: [
          { Name: 'email', Value: 'it@imk.example.org' },
          { Name: 'email_verified', Value: 'true' },
          { Name: 'name', Value: 'IT-Betrieb' },
        ],
        DesiredDeliveryMediums: ['EMAIL'],
      },
    ]);
  });

  it('makes a staff member already there an admin, and enables the account that exists', async () => {
    // Prepare
    const existing = {
      PK: 'STAFF#01JDEMOSTAFF00000000000000',
      SK: '#STAFF',
      id: '01JDEMOSTAFF00000000000000',
      email: 'it@imk.example.org',
      name: 'IT-Betrieb',
      admin: false,
      grants: [{ bodyId: 'imk', role: 'press' }],
      version: 4,
      createdAt: '2026-11-23T08:00:00.000Z',
      updatedAt: '2026-11-23T08:00:00.000Z',
    };
    ddb.on(QueryCommand).resolves({ Items: [existing] });
    ddb.on(GetCommand).resolves({ Item: existing });
    ddb.on(TransactWriteCommand).resolves({});
    cognito
      .on(AdminCreateUserCommand)
      .rejects(new UsernameExistsException({ message: 'exists', $metadata: {} }));
    cognito.on(AdminEnableUserCommand).resolves({});

    // Act
    const line = await adminCreate(args, {}, clients);

    // Assess
    expect(line).toMatch(/^it@imk\.example\.org is now an admin/);
    const [write] = ddb.commandCalls(TransactWriteCommand).map((call) => call.args[0].input);
    expect(write?.TransactItems?.[0]?.Put).toMatchObject({
      Item: { id: existing.id, admin: true, version: 5, grants: existing.grants },
      ConditionExpression: 'version = :version',
      ExpressionAttributeValues: { ':version': 4 },
    });
    expect(cognito.commandCalls(AdminEnableUserCommand).map((call) => call.args[0].input)).toEqual([
      { UserPoolId: 'eu-central-1_AbCdEf123', Username: 'it@imk.example.org' },
    ]);
  });

  it('says what is missing: the address, or in AWS the table and the user pool', async () => {
    await expect(adminCreate(['--name', 'x'], {}, clients)).rejects.toThrow(
      new UsageError('--email must be an email address.'),
    );
    await expect(adminCreate(['--email', 'a@example.org'], {}, clients)).rejects.toThrow(
      /--table and --user-pool are needed/,
    );
    expect(ddb.calls()).toHaveLength(0);
    expect(cognito.calls()).toHaveLength(0);
  });
});
