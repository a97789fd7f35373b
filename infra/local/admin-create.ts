/**
 * Creates the first admin, in AWS or in the local table:
 *   npm run admin:create -- --email it@imk.example.org [--name "IT-Betrieb"] \
 *     [--profile <aws profile>] [--region eu-central-1] [--table <TableName>] [--user-pool <UserPoolId>]
 *   npm run admin:create -- --local --email admin@imk.example.org
 * In AWS, `--table` and `--user-pool` are the stack outputs TableName and
 * UserPoolId (or TABLE_NAME and USER_POOL_ID); the person gets Cognito's
 * invitation mail with a temporary password.
 */
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { localStaffAccounts } from '../../shared/adapters/cognito/local-accounts.js';
import {
  CognitoStaffAccounts,
  createCognitoClient,
} from '../../shared/adapters/cognito/staff-accounts.js';
import { createDocumentClient } from '../../shared/adapters/dynamodb/client.js';
import { DynamoConferenceRepository } from '../../shared/adapters/dynamodb/conference-repository.js';
import { DynamoStaffDirectory } from '../../shared/adapters/dynamodb/staff-directory.js';
import { EmailSchema } from '../../shared/domain/body.js';
import { systemClock } from '../../shared/ports/clock.js';
import { makeAdmin } from '../../shared/use-cases/staff.js';
import { localStaffDirectory } from './local-directory.js';

export const usage = `usage: npm run admin:create -- --email <address> [--name <name>] [--profile <aws profile>] [--region <region>] [--table <TableName>] [--user-pool <UserPoolId>]
       npm run admin:create -- --local --email <address> [--name <name>]`;

/** A mistake on the command line, said in one line with the usage. */
export class UsageError extends Error {}

/** The clients the command talks to; tests pass mocked ones. */
export interface AdminCreateClients {
  documentClient: (region: string) => DynamoDBDocumentClient;
  cognito: (region: string) => CognitoIdentityProviderClient;
}

const awsClients: AdminCreateClients = {
  documentClient: (region) => createDocumentClient({ region }),
  cognito: (region) => createCognitoClient(region),
};

/**
 * Runs the command: parses the arguments, makes the admin, and returns the
 * line to print.
 *
 * @example
 * ```ts
 * const line = await adminCreate(['--email', 'it@imk.example.org', '--table', 't', '--user-pool', 'eu-central-1_abc'], process.env);
 * ```
 */
export const adminCreate = async (
  args: string[],
  env: Record<string, string | undefined>,
  clients: AdminCreateClients = awsClients,
): Promise<string> => {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        email: { type: 'string' },
        name: { type: 'string' },
        local: { type: 'boolean' },
        profile: { type: 'string' },
        region: { type: 'string' },
        table: { type: 'string' },
        'user-pool': { type: 'string' },
      },
      strict: true,
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const email = EmailSchema.safeParse(values.email);
  if (!email.success) throw new UsageError('--email must be an email address.');
  const name = typeof values.name === 'string' ? values.name : 'Administration';

  if (values.local === true) {
    const local = localStaffDirectory(env);
    const deps = {
      repo: new DynamoConferenceRepository(local.documentClient, local.tableName),
      clock: systemClock,
      staff: local.directory,
      accounts: localStaffAccounts,
    };
    const { staff, created } = await makeAdmin(deps, { email: email.data, name });
    return `${staff.email} is ${created ? 'now staff and' : 'now'} an admin in the ${local.where}.`;
  }

  if (typeof values.profile === 'string') env.AWS_PROFILE = values.profile;
  const region =
    (typeof values.region === 'string' ? values.region : undefined) ??
    env.AWS_REGION ??
    'eu-central-1';
  const tableName = (typeof values.table === 'string' ? values.table : undefined) ?? env.TABLE_NAME;
  const userPoolId =
    (typeof values['user-pool'] === 'string' ? values['user-pool'] : undefined) ?? env.USER_POOL_ID;
  if (tableName === undefined || userPoolId === undefined) {
    throw new UsageError(
      'In AWS, --table and --user-pool are needed: the stack outputs TableName and UserPoolId (or --local for the local table).',
    );
  }
  const documentClient = clients.documentClient(region);
  const deps = {
    repo: new DynamoConferenceRepository(documentClient, tableName),
    clock: systemClock,
    staff: new DynamoStaffDirectory(documentClient, tableName),
    accounts: new CognitoStaffAccounts(clients.cognito(region), userPoolId),
  };
  const { staff, created } = await makeAdmin(deps, { email: email.data, name });
  return `${staff.email} is ${created ? 'now staff and' : 'now'} an admin; the invitation mail with a temporary password goes to this address.`;
};

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  adminCreate(process.argv.slice(2), process.env).then(
    (line) => process.stdout.write(`${line}\n`),
    (error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      process.stderr.write(`${message}\n${error instanceof UsageError ? `${usage}\n` : ''}`);
      process.exit(error instanceof UsageError ? 2 : 1);
    },
  );
}
