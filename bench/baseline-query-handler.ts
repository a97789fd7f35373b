/**
 * A second, informative baseline: the bare SDK work of the API's typical
 * request (one Query of a body's partition), with no framework, validation
 * or authentication. The API's ratio against it is what the app layer costs.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';

const client = DynamoDBDocumentClient.from(
  new DynamoDBClient(
    process.env.DYNAMODB_ENDPOINT ? { endpoint: process.env.DYNAMODB_ENDPOINT } : {},
  ),
);

export const handler = async () => {
  const result = await client.send(
    new QueryCommand({
      TableName: process.env.TABLE_NAME,
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': 'BODY#imk' },
    }),
  );
  return { statusCode: 200, body: JSON.stringify(result.Items ?? []) };
};
