import { ValidationError } from '../../domain/errors.js';
import { msg } from '../../domain/messages.js';

type Key = Record<string, unknown>;

/**
 * Turns DynamoDB's `LastEvaluatedKey` into an opaque cursor and back.
 *
 * A cursor is only accepted when it decodes to exactly the key attributes of
 * the query that produced it, each a string that passes `check`; anything else
 * (a forged or truncated cursor, one from another list) is a 400.
 *
 * @example
 * ```ts
 * const next = encodeCursor(result.LastEvaluatedKey);
 * const start = decodeCursor(next, ['PK', 'SK', 'GSI1PK', 'GSI1SK'], (name, v) => ...);
 * ```
 */
export const encodeCursor = (key: Key | undefined): string | undefined =>
  key === undefined ? undefined : Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');

export const decodeCursor = (
  cursor: string | undefined,
  attributeNames: readonly string[],
  check: (attribute: string, value: string) => boolean,
): Key | undefined => {
  if (cursor === undefined) return undefined;
  const invalid = () =>
    new ValidationError(msg('request.cursor-invalid'), [
      { path: 'query.next', message: msg('field.cursor') },
    ]);
  if (!/^[A-Za-z0-9_-]{1,1024}$/.test(cursor)) throw invalid();
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch (error) {
    throw Object.assign(invalid(), { cause: error });
  }
  if (typeof decoded !== 'object' || decoded === null || Array.isArray(decoded)) throw invalid();
  const entries = Object.entries(decoded);
  if (entries.length !== attributeNames.length) throw invalid();
  for (const [name, value] of entries) {
    if (!attributeNames.includes(name) || typeof value !== 'string' || !check(name, value)) {
      throw invalid();
    }
  }
  return decoded as Key;
};
