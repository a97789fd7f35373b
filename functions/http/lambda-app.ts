import { Tracer } from '@aws-lambda-powertools/tracer';
import type { Context } from 'aws-lambda';
import { handle, type LambdaEvent } from 'hono/aws-lambda';
import { config } from '../../shared/config/config.js';
import { countAnswer, createMetrics } from '../../shared/observability/business-metrics.js';
import { observedHandler } from '../middleware/observed-handler.js';
import { type AppDeps, createApp, type Mount } from './app.js';
import { appDepsFromConfig } from './app-deps.js';
import type { Registrable } from './route.js';

/**
 * Wires the Hono app to AWS for one function: configuration, clients and
 * the token verifier are made once per execution environment. Hono's
 * middlewares are the request's chain (request id, errors, the request
 * log); around it, the function's trace segment, with the DynamoDB client
 * traced, and the Lambda context in every log line.
 *
 * @example
 * ```ts
 * export const handler = lambdaHandler('conference-api', (deps) => ({ routes: apiRoutes(deps) }));
 * ```
 */
export const lambdaHandler = (
  serviceName: string,
  compose: (deps: AppDeps) => { routes: readonly Registrable[]; mounts?: Mount[] },
) => {
  const tracer = new Tracer({ serviceName });
  const deps = appDepsFromConfig(config(), serviceName, (client) =>
    tracer.captureAWSv3Client(client),
  );
  const metrics = createMetrics(serviceName.replace(/^conference-/, ''));
  deps.countAnswer = (channel) => {
    countAnswer(metrics, channel);
    // Published at once: most requests count nothing, and an empty flush only warns.
    metrics.publishStoredMetrics();
  };
  const { routes, mounts = [] } = compose(deps);
  const app = handle(createApp(deps, routes, ...mounts));
  const serve = (event: LambdaEvent, context: Context) => app(event, context);
  return observedHandler(serve, {
    logger: deps.logger,
    tracer,
  });
};
