import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export interface DocumentClientOptions {
  region: string;
  /** DynamoDB Local's URL; omitted in AWS. */
  endpoint?: string | undefined;
}

/**
 * Makes the DynamoDB document client. Call it once per process and pass the
 * client on; tests inject their own.
 *
 * @example
 * ```ts
 * const documentClient = createDocumentClient({ region: 'eu-central-1' });
 * ```
 */
export const createDocumentClient = ({
  region,
  endpoint,
}: DocumentClientOptions): DynamoDBDocumentClient => {
  const client = new DynamoDBClient({
    region,
    ...(endpoint === undefined
      ? {}
      : { endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }),
  });
  return DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true },
  });
};
