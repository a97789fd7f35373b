import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { AppError, TooManyRequestsError } from '../../shared/domain/errors.js';
import {
  isMessage,
  type Language,
  msg,
  negotiateLanguage,
  type ProblemType,
  problemTitles,
  renderMessage,
} from '../../shared/domain/messages.js';
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

const typeUri = (slug: ProblemType) => `/problems/${slug}`;

/** Headers every problem answer carries: its language, and that it depends on the asked one. */
const languageHeaders = (language: Language) => ({
  'Content-Language': language,
  Vary: 'Accept-Language',
});

/** The extensions with any field issues (`errors[]`) rendered; paths stay as they are. */
const renderedExtensions = (extensions: Record<string, unknown>, language: Language) => {
  const { errors } = extensions;
  if (!Array.isArray(errors)) return extensions;
  return {
    ...extensions,
    errors: errors.map((issue: unknown) => {
      const message = (issue as { message?: unknown } | null)?.message;
      return isMessage(message)
        ? { ...(issue as object), message: renderMessage(message, language) }
        : issue;
    }),
  };
};

/**
 * The one place where errors become HTTP answers, in the language the
 * client asked for (`Accept-Language`; German by default). Expected errors
 * keep their message; anything else is a 500 whose body says nothing of the
 * internals.
 *
 * @example
 * ```ts
 * const { document, headers } = problemFor(new NotFoundError('Body', 'imk'), c);
 * // document.detail: 'Das Gremium „imk“ gibt es nicht.'
 * ```
 */
export const problemFor = (
  error: unknown,
  c: Context<AppEnv>,
): { document: ProblemDocument; headers: Record<string, string> } => {
  const language = negotiateLanguage(c.req.header('accept-language'));
  const base = { instance: new URL(c.req.url).pathname, requestId: c.get('requestId') ?? '' };
  if (error instanceof AppError) {
    return {
      document: {
        ...renderedExtensions(error.extensions, language),
        type: typeUri(error.type),
        title: problemTitles[error.type][language],
        status: error.status,
        detail: renderMessage(error.detail, language),
        ...base,
      },
      headers: {
        ...languageHeaders(language),
        ...(error.status === 401
          ? { 'WWW-Authenticate': 'Bearer error="invalid_token"' }
          : error instanceof TooManyRequestsError
            ? { 'Retry-After': String(error.retryAfterSeconds) }
            : {}),
      },
    };
  }
  if (isThrottling(error)) {
    // The table (or another AWS service) is over its rate: nothing was written; try again.
    return {
      document: {
        type: typeUri('service-busy'),
        title: problemTitles['service-busy'][language],
        status: 503,
        detail: renderMessage(msg('service.busy'), language),
        ...base,
      },
      headers: { ...languageHeaders(language), 'Retry-After': '1' },
    };
  }
  if (error instanceof HTTPException && error.status < 500) {
    return {
      document: {
        type: 'about:blank',
        title:
          language === 'en' && error.message
            ? error.message
            : problemTitles['request-rejected'][language],
        status: error.status,
        detail: renderMessage(msg('request.rejected', { reason: error.message }), language),
        ...base,
      },
      headers: languageHeaders(language),
    };
  }
  return {
    document: {
      type: typeUri('internal-error'),
      title: problemTitles['internal-error'][language],
      status: 500,
      detail: renderMessage(msg('service.internal-error'), language),
      ...base,
    },
    headers: languageHeaders(language),
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
