import { handle } from 'hono/aws-lambda';
import { createDocumentClient } from '../../shared/adapters/dynamodb/client.js';
import { DynamoConferenceRepository } from '../../shared/adapters/dynamodb/conference-repository.js';
import { createJwtVerifier, remoteKeySet } from '../../shared/adapters/jwt/token-verifier.js';
import { config } from '../../shared/config/config.js';
import { createLogger } from '../../shared/observability/logger.js';
import { systemClock } from '../../shared/ports/clock.js';
import { type AppDeps, createApp, type Mount } from './app.js';
import type { Route } from './route.js';

/**
 * Wires the Hono app to AWS for one function: configuration, clients and
 * the token verifier are made once per execution environment. Hono's
 * middlewares are the function's middleware chain (request id, Lambda
 * context in the logs, errors); it needs no second one.
 *
 * @example
 * ```ts
 * export const handler = lambdaHandler('conference-api', (deps) => ({ routes: apiRoutes(deps) }));
 * ```
 */
export const lambdaHandler = (
  serviceName: string,
  compose: (deps: AppDeps) => { routes: readonly Route[]; mounts?: Mount[] },
) => {
  const settings = config();
  const documentClient = createDocumentClient({
    region: settings.region,
    endpoint: settings.dynamodbEndpoint,
  });
  const deps: AppDeps = {
    repo: new DynamoConferenceRepository(documentClient, settings.tableName),
    clock: systemClock,
    tokenVerifier: createJwtVerifier({
      issuer: settings.jwt.issuer,
      clientIds: settings.jwt.clientIds,
      keys: remoteKeySet(settings.jwt.jwksUrl),
    }),
    logger: createLogger(serviceName, settings.logLevel),
  };
  const { routes, mounts = [] } = compose(deps);
  return handle(createApp(deps, routes, ...mounts));
};
