import type * as z from 'zod/mini';
import { type FieldIssue, ValidationError } from '../domain/errors.js';
import { msg, type SchemaIssue } from '../domain/messages.js';

/**
 * Parses input with a schema and turns zod's issues into field-level
 * `ValidationError`s, with paths prefixed by where the input came from
 * (`body`, `query`, `params`).
 *
 * @example
 * ```ts
 * const valid = parseInput(BodyInputSchema, json, 'body');
 * ```
 */
export const parseInput = <S extends z.ZodMiniType>(
  schema: S,
  input: unknown,
  location: string,
): z.output<S> => {
  // The input is kept on an issue so that its message can tell a missing field from a wrong one.
  const result = schema.safeParse(input, { reportInput: true });
  if (result.success) return result.data;
  const issues: FieldIssue[] = result.error.issues.map((issue) => ({
    path: [location, ...issue.path.map(String)].join('.'),
    message: msg('field.schema', { issue: issue as SchemaIssue }),
  }));
  throw new ValidationError(msg('request.invalid-input', { location }), issues);
};
