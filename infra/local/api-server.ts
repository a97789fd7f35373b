/**
 * The local API process: the same Hono app as in Lambda, on Node, plus the
 * local issuer's JWKS. Started by `npm start`; reads its settings from the
 * environment that `start.ts` gives it.
 */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { createFullApp } from '../../functions/http/routes/all-routes.js';
import { createDocumentClient } from '../../shared/adapters/dynamodb/client.js';
import { DynamoConferenceRepository } from '../../shared/adapters/dynamodb/conference-repository.js';
import { createJwtVerifier, remoteKeySet } from '../../shared/adapters/jwt/token-verifier.js';
import { config } from '../../shared/config/config.js';
import { createLogger } from '../../shared/observability/logger.js';
import { systemClock } from '../../shared/ports/clock.js';
import { ensureSigningKey } from './local-auth.js';

const settings = config();
const port = Number(process.env.PORT ?? 3000);
const logger = createLogger('conference-api-local', settings.logLevel);
const documentClient = createDocumentClient({
  region: settings.region,
  endpoint: settings.dynamodbEndpoint,
});
const { publicJwk } = await ensureSigningKey();

const app = createFullApp({
  repo: new DynamoConferenceRepository(documentClient, settings.tableName),
  clock: systemClock,
  tokenVerifier: createJwtVerifier({
    issuer: settings.jwt.issuer,
    clientIds: settings.jwt.clientIds,
    keys: remoteKeySet(settings.jwt.jwksUrl),
  }),
  logger,
});

const root = new Hono();
root.get('/.well-known/jwks.json', (c) => c.json({ keys: [publicJwk] }));
root.route('/', app);

const server = serve({ fetch: root.fetch, port, hostname: '127.0.0.1' });
const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
