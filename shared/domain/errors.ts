/**
 * Errors of the product. Every error the API can answer with is one of these
 * classes; `functions/http/problem.ts` is the one place that turns them into
 * RFC 9457 problem details. Each carries a catalogue message (`messages.ts`):
 * the English text is its `message` for the logs, the reader gets it in their
 * language.
 */

import { type Message, msg, type ObjectKind, type ProblemType, renderMessage } from './messages.js';

/** One problem with one input field, as reported to the client. */
export interface FieldIssue {
  /** JSON pointer-like path of the field, for example `body.members.0.email`; stays English. */
  path: string;
  message: Message;
}

/**
 * Base class of every expected error. `status` is the HTTP status it maps to,
 * `type` a stable slug used to build the problem type URI.
 *
 * @example
 * ```ts
 * throw new NotFoundError('Body', 'imk');
 * ```
 */
export abstract class AppError extends Error {
  abstract readonly status: number;
  abstract readonly type: ProblemType;
  /** The English title, for logs; the problem document takes it from the catalogue. */
  abstract readonly title: string;
  /** What went wrong, by catalogue id; `message` is its English text. */
  readonly detail: Message;
  /**
   * Extra members for the problem document (never secrets). A member
   * `errors` holds `FieldIssue`s, rendered in the reader's language.
   */
  readonly extensions: Record<string, unknown>;

  protected constructor(
    detail: Message,
    options?: { cause?: unknown; extensions?: Record<string, unknown> },
  ) {
    super(
      renderMessage(detail, 'en'),
      options?.cause === undefined ? undefined : { cause: options.cause },
    );
    this.name = new.target.name;
    this.detail = detail;
    this.extensions = options?.extensions ?? {};
  }
}

/** Field issues to pass as the `errors` extension. */
export type WithFieldIssues = Record<string, unknown> & { errors?: FieldIssue[] };

/** The request does not match its schema (400). */
export class ValidationError extends AppError {
  readonly status = 400;
  readonly type = 'validation-error';
  readonly title = 'Invalid request';
  readonly issues: FieldIssue[];

  constructor(message: Message, issues: FieldIssue[] = []) {
    super(message, { extensions: { errors: issues } });
    this.issues = issues;
  }
}

/** No valid credentials were presented (401). */
export class UnauthorizedError extends AppError {
  readonly status = 401;
  readonly type = 'unauthorized';
  readonly title = 'Authentication required';

  constructor(message: Message = msg('auth.token-required'), cause?: unknown) {
    super(message, { cause });
  }
}

/** The caller is known but may not do this (403). */
export class ForbiddenError extends AppError {
  readonly status = 403;
  readonly type = 'forbidden';
  readonly title = 'Forbidden';

  constructor(message: Message = msg('forbidden.role')) {
    super(message);
  }
}

/** The addressed object does not exist, or is not visible to the caller (404). */
export class NotFoundError extends AppError {
  readonly status = 404;
  readonly type = 'not-found';
  readonly title = 'Not found';

  constructor(kind: ObjectKind, id: string) {
    super(msg('not-found', { kind, id }), { extensions: { kind, id } });
  }
}

/** The request conflicts with the current state of the object (409). */
export class ConflictError extends AppError {
  readonly status = 409;
  readonly type = 'conflict';
  readonly title = 'Conflict';

  constructor(message: Message, extensions: WithFieldIssues = {}, cause?: unknown) {
    super(message, { cause, extensions });
  }
}

/** Another transaction touched the same item at the same moment (409); a retry may succeed. */
export class TransactionConflictError extends ConflictError {
  constructor(cause?: unknown) {
    super(msg('conflict.transaction'), {}, cause);
  }
}

/** True when a write lost a race (stale version or concurrent transaction) and may be retried. */
export const isLostRace = (error: unknown): boolean =>
  error instanceof PreconditionFailedError || error instanceof TransactionConflictError;

/** `If-Match` did not match the stored version (412). */
export class PreconditionFailedError extends AppError {
  readonly status = 412;
  readonly type = 'precondition-failed';
  readonly title = 'Precondition failed';

  constructor(message: Message = msg('precondition.failed'), cause?: unknown) {
    super(message, { cause });
  }
}

/** A conditional request header was required but missing (428). */
export class PreconditionRequiredError extends AppError {
  readonly status = 428;
  readonly type = 'precondition-required';
  readonly title = 'Precondition required';

  constructor(message: Message = msg('precondition.required')) {
    super(message);
  }
}

/** The request body is larger than the API reads (413). */
export class PayloadTooLargeError extends AppError {
  readonly status = 413;
  readonly type = 'payload-too-large';
  readonly title = 'Payload too large';

  constructor(maxBytes: number) {
    super(msg('payload.too-large', { maxBytes }), { extensions: { maxBytes } });
  }
}

/** The input is well-formed but breaks a domain rule (422). */
/** An uploaded file is larger than its limit (413); nothing of it was kept. */
export class FileTooLargeError extends AppError {
  readonly status = 413;
  readonly type = 'payload-too-large';
  readonly title = 'Payload too large';

  constructor(message: Message, extensions: Record<string, unknown> = {}) {
    super(message, { extensions });
  }
}

export class UnprocessableError extends AppError {
  readonly status = 422;
  readonly type = 'unprocessable';
  readonly title = 'Unprocessable request';

  constructor(message: Message, extensions: WithFieldIssues = {}) {
    super(message, { extensions });
  }
}

/** A client asked more often than its quota allows (429); `retryAfterSeconds` says when it may again. */
export class TooManyRequestsError extends AppError {
  readonly status = 429;
  readonly type = 'too-many-requests';
  readonly title = 'Too many requests';

  constructor(
    message: Message,
    readonly retryAfterSeconds: number,
  ) {
    super(message, { extensions: { retryAfter: retryAfterSeconds } });
  }
}

/** The configuration is missing or wrong; raised at start-up, never sent to a client. */
export class ConfigurationError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ConfigurationError';
  }
}
