import { handle } from 'hono/aws-lambda';
import { createDocumentClient } from '../../shared/adapters/dynamodb/client.js';
import { DynamoConferenceRepository } from '../../shared/adapters/dynamodb/conference-repository.js';
import { createJwtVerifier, remoteKeySet } from '../../shared/adapters/jwt/token-verifier.js';
import { config } from '../../shared/config/config.js';
import { createLogger } from '../../shared/observability/logger.js';
import { systemClock } from '../../shared/ports/clock.js';
import { createApp } from './app.js';

// Made once per execution environment, reused by every invocation.
const settings = config();
const logger = createLogger('conference-api', settings.logLevel);
const documentClient = createDocumentClient({
  region: settings.region,
  endpoint: settings.dynamodbEndpoint,
});

const app = createApp({
  repo: new DynamoConferenceRepository(documentClient, settings.tableName),
  clock: systemClock,
  tokenVerifier: createJwtVerifier({
    issuer: settings.jwt.issuer,
    clientIds: settings.jwt.clientIds,
    keys: remoteKeySet(settings.jwt.jwksUrl),
  }),
  logger,
});

/**
 * The API function: API Gateway HTTP API events, served by the Hono app.
 * Hono's middlewares are this function's middleware chain (request id,
 * Lambda context in the logs, errors); it needs no second one.
 */
export const handler = handle(app);
