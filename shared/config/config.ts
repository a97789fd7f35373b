import * as z from 'zod/mini';
import { parseEnvironment } from './parse-environment.js';

const ConfigSchema = z.object({
  TABLE_NAME: z.string().check(z.minLength(1)),
  AWS_REGION: z._default(z.string(), 'eu-central-1'),
  /** Set only locally and in tests: the DynamoDB Local endpoint. */
  DYNAMODB_ENDPOINT: z.optional(z.url()),
  /** Issuer of staff tokens: the Cognito user pool URL in AWS, the local server locally. */
  JWT_ISSUER: z.url(),
  /** Where the issuer publishes its keys; defaults to `<issuer>/.well-known/jwks.json` (Cognito's layout). */
  JWKS_URL: z.optional(z.url()),
  /** Comma-separated app client ids whose access tokens are accepted. */
  JWT_CLIENT_IDS: z.string().check(z.minLength(1)),
  LOG_LEVEL: z._default(z.enum(['DEBUG', 'INFO', 'WARN', 'ERROR']), 'INFO'),
  /** The Cognito user pool of staff accounts; absent locally, where there is none. */
  USER_POOL_ID: z.optional(z.string().check(z.regex(/^[\w-]+_[0-9a-zA-Z]+$/, 'a user pool id'))),
});

/** The validated configuration of a function or the local server. */
export interface Config {
  tableName: string;
  region: string;
  dynamodbEndpoint: string | undefined;
  jwt: { issuer: string; jwksUrl: string; clientIds: readonly string[] };
  logLevel: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
  userPoolId?: string | undefined;
}

/**
 * Reads the configuration from an environment once and fails fast, naming
 * every missing or malformed variable.
 *
 * @example
 * ```ts
 * const config = loadConfig(process.env);
 * ```
 */
export const loadConfig = (env: Record<string, string | undefined>): Config => {
  const env_ = parseEnvironment(ConfigSchema, env, 'Invalid configuration');
  const issuer = env_.JWT_ISSUER.replace(/\/$/, '');
  return {
    tableName: env_.TABLE_NAME,
    region: env_.AWS_REGION,
    dynamodbEndpoint: env_.DYNAMODB_ENDPOINT,
    jwt: {
      issuer,
      jwksUrl: env_.JWKS_URL ?? `${issuer}/.well-known/jwks.json`,
      clientIds: env_.JWT_CLIENT_IDS.split(',')
        .map((id) => id.trim())
        .filter((id) => id.length > 0),
    },
    logLevel: env_.LOG_LEVEL,
    ...(env_.USER_POOL_ID === undefined ? {} : { userPoolId: env_.USER_POOL_ID }),
  };
};

let cached: Config | undefined;

/** The process-wide configuration, read from `process.env` on first use. */
export const config = (): Config => {
  cached ??= loadConfig(process.env);
  return cached;
};

const TableConfigSchema = z.object({
  TABLE_NAME: z.string().check(z.minLength(1)),
  AWS_REGION: z._default(z.string(), 'eu-central-1'),
  DYNAMODB_ENDPOINT: z.optional(z.url()),
  LOG_LEVEL: z._default(z.enum(['DEBUG', 'INFO', 'WARN', 'ERROR']), 'INFO'),
});

/** What functions that only touch the table need (the mailer, scheduled jobs). */
export type TableConfig = Pick<Config, 'tableName' | 'region' | 'dynamodbEndpoint' | 'logLevel'>;

/** Reads the table settings once, failing with every wrong variable named. */
export const loadTableConfig = (env: Record<string, string | undefined>): TableConfig => {
  const parsed = parseEnvironment(TableConfigSchema, env, 'Invalid configuration');
  return {
    tableName: parsed.TABLE_NAME,
    region: parsed.AWS_REGION,
    dynamodbEndpoint: parsed.DYNAMODB_ENDPOINT,
    logLevel: parsed.LOG_LEVEL,
  };
};
