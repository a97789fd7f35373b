import { createDocumentClient } from '../../shared/adapters/dynamodb/client.js';
import { DynamoStaffDirectory } from '../../shared/adapters/dynamodb/staff-directory.js';

/**
 * The staff directory of the local table, where `npm start` keeps it:
 * `DYNAMODB_ENDPOINT`, else DynamoDB Local on `DYNAMODB_PORT` (8000), and
 * `TABLE_NAME` (`conference-local`).
 *
 * @example
 * ```ts
 * const { directory, where } = localStaffDirectory(process.env);
 * ```
 */
export const localStaffDirectory = (env: Record<string, string | undefined>) => {
  const endpoint = env.DYNAMODB_ENDPOINT ?? `http://127.0.0.1:${env.DYNAMODB_PORT ?? 8000}`;
  const tableName = env.TABLE_NAME ?? 'conference-local';
  const documentClient = createDocumentClient({
    region: env.AWS_REGION ?? 'eu-central-1',
    endpoint,
  });
  return {
    documentClient,
    tableName,
    directory: new DynamoStaffDirectory(documentClient, tableName),
    where: `table ${tableName} at ${endpoint}`,
  };
};
