import type * as z from 'zod/mini';
import { ConfigurationError } from '../domain/errors.js';

/**
 * Parses environment variables with a schema, or fails naming every missing
 * or malformed variable: `<what>: NAME: problem; NAME: problem`.
 *
 * @example
 * ```ts
 * const env = parseEnvironment(ConfigSchema, process.env, 'Invalid configuration');
 * ```
 */
export const parseEnvironment = <S extends z.ZodMiniType>(
  schema: S,
  env: Record<string, string | undefined>,
  what: string,
): z.output<S> => {
  const parsed = schema.safeParse(env);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  throw new ConfigurationError(`${what}: ${problems.join('; ')}`);
};
