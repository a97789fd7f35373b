/**
 * Errors of the product. Every error the API can answer with is one of these
 * classes; `functions/http/problem.ts` is the one place that turns them into
 * RFC 9457 problem details.
 */

/** One problem with one input field, as reported to the client. */
export interface FieldIssue {
  /** JSON pointer-like path of the field, for example `body.members.0.email`. */
  path: string;
  message: string;
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
  abstract readonly type: string;
  abstract readonly title: string;
  /** Extra members for the problem document (never secrets). */
  readonly extensions: Record<string, unknown>;

  protected constructor(
    message: string,
    options?: { cause?: unknown; extensions?: Record<string, unknown> },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.extensions = options?.extensions ?? {};
  }
}

/** The request does not match its schema (400). */
export class ValidationError extends AppError {
  readonly status = 400;
  readonly type = 'validation-error';
  readonly title = 'Invalid request';
  readonly issues: FieldIssue[];

  constructor(message: string, issues: FieldIssue[] = []) {
    super(message, { extensions: { errors: issues } });
    this.issues = issues;
  }
}

/** No valid credentials were presented (401). */
export class UnauthorizedError extends AppError {
  readonly status = 401;
  readonly type = 'unauthorized';
  readonly title = 'Authentication required';

  constructor(message = 'A valid bearer token is required.', cause?: unknown) {
    super(message, { cause });
  }
}

/** The caller is known but may not do this (403). */
export class ForbiddenError extends AppError {
  readonly status = 403;
  readonly type = 'forbidden';
  readonly title = 'Forbidden';

  constructor(message = 'Your role does not allow this action.') {
    super(message);
  }
}

/** The addressed object does not exist, or is not visible to the caller (404). */
export class NotFoundError extends AppError {
  readonly status = 404;
  readonly type = 'not-found';
  readonly title = 'Not found';

  constructor(kind: string, id: string) {
    super(`${kind} '${id}' does not exist.`, { extensions: { kind, id } });
  }
}

/** The request conflicts with the current state of the object (409). */
export class ConflictError extends AppError {
  readonly status = 409;
  readonly type = 'conflict';
  readonly title = 'Conflict';

  constructor(message: string, extensions: Record<string, unknown> = {}, cause?: unknown) {
    super(message, { cause, extensions });
  }
}

/** Another transaction touched the same item at the same moment (409); a retry may succeed. */
export class TransactionConflictError extends ConflictError {
  constructor(cause?: unknown) {
    super('Another change to the same object was in progress; retry.', {}, cause);
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

  constructor(
    message = 'The object was changed by someone else; fetch it again and retry.',
    cause?: unknown,
  ) {
    super(message, { cause });
  }
}

/** A conditional request header was required but missing (428). */
export class PreconditionRequiredError extends AppError {
  readonly status = 428;
  readonly type = 'precondition-required';
  readonly title = 'Precondition required';

  constructor(message = 'Send the ETag you last read in an If-Match header.') {
    super(message);
  }
}

/** The request body is larger than the API reads (413). */
export class PayloadTooLargeError extends AppError {
  readonly status = 413;
  readonly type = 'payload-too-large';
  readonly title = 'Payload too large';

  constructor(maxBytes: number) {
    super(`The request body may be at most ${maxBytes} bytes.`, { extensions: { maxBytes } });
  }
}

/** The input is well-formed but breaks a domain rule (422). */
export class UnprocessableError extends AppError {
  readonly status = 422;
  readonly type = 'unprocessable';
  readonly title = 'Unprocessable request';

  constructor(message: string, extensions: Record<string, unknown> = {}) {
    super(message, { extensions });
  }
}

/** A client asked more often than its quota allows (429); `retryAfterSeconds` says when it may again. */
export class TooManyRequestsError extends AppError {
  readonly status = 429;
  readonly type = 'too-many-requests';
  readonly title = 'Too many requests';

  constructor(
    message: string,
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
