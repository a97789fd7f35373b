import type * as z from 'zod/mini';
import { type FieldIssue, ValidationError } from '../domain/errors.js';

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
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues: FieldIssue[] = result.error.issues.map((issue) => ({
    path: [location, ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));
  throw new ValidationError(`The request ${location} is not valid.`, issues);
};
