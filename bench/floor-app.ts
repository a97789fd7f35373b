/**
 * The floor of the product's fixed choices: the least an HTTP function
 * built on them does for `GET /v1/bodies/{bodyId}`, with nothing of the
 * product. Powertools (logger, metrics), Hono behind its Lambda adapter
 * (which makes a Fetch API `Request` of every event), middy, the JWT checked
 * with jose against the JWKS, the path checked with zod, one Query. The
 * API function's cold start is measured against it, to tell what the
 * product adds from what its libraries cost. Two entries use it: with the
 * Powertools tracer (as every function of the stack) and without.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import middy from '@middy/core';
import { Hono } from 'hono';
import { handle } from 'hono/aws-lambda';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import * as z from 'zod/mini';

/** The handler, over the document client as the entry wraps it (traced or not). */
export const floorHandler = (
  wrap: (client: DynamoDBDocumentClient) => DynamoDBDocumentClient = (client) => client,
) => {
  const logger = new Logger({ serviceName: 'floor', logLevel: 'WARN' });
  const metrics = new Metrics({ namespace: 'floor', serviceName: 'floor' });
  const client = wrap(
    DynamoDBDocumentClient.from(
      new DynamoDBClient(
        process.env.DYNAMODB_ENDPOINT ? { endpoint: process.env.DYNAMODB_ENDPOINT } : {},
      ),
    ),
  );
  const keys = createRemoteJWKSet(new URL(process.env.JWKS_URL ?? 'http://127.0.0.1/'));
  const Params = z.object({ bodyId: z.string().check(z.regex(/^[a-z0-9-]{1,64}$/)) });

  const app = new Hono();
  app.get('/v1/bodies/:bodyId', async (c) => {
    await jwtVerify((c.req.header('authorization') ?? '').replace(/^Bearer /, ''), keys, {
      issuer: process.env.JWT_ISSUER,
    });
    const { bodyId } = Params.parse(c.req.param());
    const result = await client.send(
      new QueryCommand({
        TableName: process.env.TABLE_NAME,
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': `BODY#${bodyId}` },
      }),
    );
    logger.debug('read', { items: result.Count });
    return c.json(result.Items ?? []);
  });

  return middy(handle(app)).after(() => {
    metrics.publishStoredMetrics();
  });
};
