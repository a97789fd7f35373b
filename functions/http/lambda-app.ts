import { handle } from 'hono/aws-lambda';
import { config } from '../../shared/config/config.js';
import { type AppDeps, createApp, type Mount } from './app.js';
import { appDepsFromConfig } from './app-deps.js';
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
  const deps = appDepsFromConfig(config(), serviceName);
  const { routes, mounts = [] } = compose(deps);
  return handle(createApp(deps, routes, ...mounts));
};
