import type { Context } from 'hono';
import { ValidationError } from '../../shared/domain/errors.js';
import { msg } from '../../shared/domain/messages.js';
import type { Actor } from '../../shared/use-cases/context.js';
import type { AppEnv } from './app-env.js';

/** The strong ETag of a version: `"3"`. */
export const etag = (version: number) => `"${version}"`;

/**
 * The version named by `If-Match`, or `undefined` when the header is
 * missing (the use case answers 428). A tag that is not one of ours can match
 * no version, so it becomes -1 and the write fails with 412.
 */
export const ifMatchVersion = (c: Context<AppEnv>): number | undefined => {
  const header = c.req.header('if-match');
  if (header === undefined) return undefined;
  const match = /^\s*(?:W\/)?"(\d{1,9})"\s*$/.exec(header);
  return match?.[1] === undefined ? -1 : Number(match[1]);
};

/** The `Idempotency-Key` of a create, checked for shape. */
export const idempotencyKey = (c: Context<AppEnv>): string | undefined => {
  const key = c.req.header('idempotency-key');
  if (key === undefined) return undefined;
  if (!/^[A-Za-z0-9_.:-]{8,128}$/.test(key)) {
    throw new ValidationError(msg('request.idempotency-key-malformed'), [
      { path: 'headers.idempotency-key', message: msg('field.idempotency-key') },
    ]);
  }
  return key;
};

/** The caller of a staff route. */
export const actorOf = (c: Context<AppEnv>): Actor => ({ principal: c.get('principal') });

/** Answers a versioned object with its ETag. */
export const withEtag = <T extends { version: number }>(
  c: Context<AppEnv>,
  value: T,
  status: 200 | 201 = 200,
) => {
  c.header('ETag', etag(value.version));
  return c.json(value, status);
};

/** Answers a create: 201, Location, ETag, and whether it was a replay of an earlier request. */
export const created = <T extends { version: number }>(
  c: Context<AppEnv>,
  result: { value: T; replayed: boolean },
  location: string,
) => {
  c.header('Location', location);
  if (result.replayed) c.header('Idempotent-Replayed', 'true');
  return withEtag(c, result.value, 201);
};
