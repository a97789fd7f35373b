import type { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { Metrics } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { parser } from '@aws-lambda-powertools/parser/middleware';
import type { Tracer } from '@aws-lambda-powertools/tracer';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy, { type MiddlewareObj } from '@middy/core';
import type { Context } from 'aws-lambda';

/** What every function observes itself with, made once per execution environment. */
export interface Observability {
  logger: Logger;
  tracer: Tracer;
  /** Published after every invocation, with the cold start counted; none for the HTTP functions. */
  metrics?: Metrics;
  /**
   * The shape of the event (any Standard Schema, zod/mini included), checked
   * by the Powertools parser before the handler runs; an event of another
   * shape fails the invocation with a `ParseError`.
   */
  schema?: Parameters<typeof parser>[0]['schema'];
}

/**
 * Wraps a plain handler in the middlewares every function shares, in this
 * order: a trace segment around the invocation (its response is not
 * recorded: it may hold personal data), the Lambda context in every log
 * line with the keys of the previous invocation reset, the metrics
 * published at the end, failures included, and last the event's shape
 * checked, so that a refused event is traced, logged and counted too.
 *
 * @example
 * ```ts
 * export const handler = observedHandler(deliverBatch, {
 *   logger, tracer, metrics, schema: SqsBatchSchema,
 * });
 * ```
 */
export const observedHandler = <TEvent, TResult>(
  handler: (event: TEvent, context: Context) => Promise<TResult>,
  { logger, tracer, metrics, schema }: Observability,
) => {
  const wrapped = middy(handler)
    .use(captureLambdaHandler(tracer, { captureResponse: false }))
    .use(injectLambdaContext(logger, { resetKeys: true }));
  if (metrics !== undefined) wrapped.use(logMetrics(metrics, { captureColdStartMetric: true }));
  // The schema checks the event; the handler keeps AWS's own event type
  // (the parsed objects are loose: every field AWS sent is still there).
  if (schema !== undefined) wrapped.use(parser({ schema }) as MiddlewareObj<TEvent, TResult>);
  return wrapped;
};
