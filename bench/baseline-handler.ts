/**
 * The benchmark's baseline: a handler that only constructs a DynamoDB client
 * and answers a constant. Every function is measured as a ratio against it.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';

const client = new DynamoDBClient({});

export const handler = async () => ({
  statusCode: 200,
  body: JSON.stringify({ ok: true, region: typeof client.config.region }),
});
