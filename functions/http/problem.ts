import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { AppError, TooManyRequestsError } from '../../shared/domain/errors.js';
import type { AppEnv } from './app-env.js';

export const problemContentType = 'application/problem+json';

/** An RFC 9457 problem document as this API sends it. */
export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  requestId: string;
  [extension: string]: unknown;
}

const typeUri = (slug: string) => `/problems/${slug}`;

/**
 * The one place where errors become HTTP answers. Expected errors keep their
 * message; anything else is a 500 whose body says nothing of the internals.
 */
export const problemFor = (
  error: unknown,
  c: Context<AppEnv>,
): { document: ProblemDocument; headers: Record<string, string> } => {
  const base = { instance: new URL(c.req.url).pathname, requestId: c.get('requestId') ?? '' };
  if (error instanceof AppError) {
    return {
      document: {
        ...error.extensions,
        type: typeUri(error.type),
        title: error.title,
        status: error.status,
        detail: error.message,
        ...base,
      },
      headers:
        error.status === 401
          ? { 'WWW-Authenticate': 'Bearer error="invalid_token"' }
          : error instanceof TooManyRequestsError
            ? { 'Retry-After': String(error.retryAfterSeconds) }
            : {},
    };
  }
  if (isThrottling(error)) {
    // The table (or another AWS service) is over its rate: nothing was written; try again.
    return {
      document: {
        type: typeUri('service-busy'),
        title: 'Service busy',
        status: 503,
        detail: 'The service is busy right now; nothing was changed. Please retry in a moment.',
        ...base,
      },
      headers: { 'Retry-After': '1' },
    };
  }
  if (error instanceof HTTPException && error.status < 500) {
    return {
      document: {
        type: 'about:blank',
        title: error.message || 'Request rejected',
        status: error.status,
        detail: error.message || 'The request was rejected.',
        ...base,
      },
      headers: {},
    };
  }
  return {
    document: {
      type: typeUri('internal-error'),
      title: 'Internal error',
      status: 500,
      detail: 'Something went wrong on our side. Quote the request id when you report it.',
      ...base,
    },
    headers: {},
  };
};

/** Errors by which AWS services say "too many requests, slow down". */
const throttlingNames = new Set([
  'ThrottlingException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'TooManyRequestsException',
  'Throttling',
]);

/** True for an AWS throttling error, after the SDK's own retries gave up. */
export const isThrottling = (error: unknown): boolean =>
  error instanceof Error &&
  (throttlingNames.has(error.name) ||
    (error as { $retryable?: { throttling?: boolean } }).$retryable?.throttling === true);

/** Sends a problem document with its media type. */
export const problemResponse = (c: Context<AppEnv>, document: ProblemDocument, headers = {}) =>
  c.body(JSON.stringify(document), document.status as ContentfulStatusCode, {
    'Content-Type': problemContentType,
    ...headers,
  });
