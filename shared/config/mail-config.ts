import * as z from 'zod/mini';
import { ConfigurationError } from '../domain/errors.js';
import { parseEnvironment } from './parse-environment.js';

const MailConfigSchema = z.object({
  /** The domain mail is sent from and replies come back to. */
  SENDER_DOMAIN: z.string().check(z.regex(/^[a-z0-9.-]+\.[a-z]{2,}$/i)),
  SECRETARIAT_NAME: z._default(z.string().check(z.minLength(1)), 'Geschäftsstelle der IMK'),
  SECRETARIAT_EMAIL: z.email(),
  /** Where people open their links, e.g. https://api.imk.example.org */
  PUBLIC_BASE_URL: z.url(),
  /** The key that signs links, given directly (locally, from `.local/`)… */
  LINK_SECRET: z.optional(z.string().check(z.minLength(32))),
  /** …or the ARN of the Secrets Manager secret that holds it (in AWS). */
  LINK_SECRET_ARN: z.optional(z.string().check(z.regex(/^arn:aws[a-z-]*:secretsmanager:/))),
  /** Set only locally: the local SES endpoint. */
  SES_ENDPOINT: z.optional(z.url()),
  AWS_REGION: z._default(z.string(), 'eu-central-1'),
});

/** What sending mail and signing links need. */
export interface MailConfig {
  senderDomain: string;
  secretariat: { name: string; email: string };
  publicBaseUrl: string;
  /** The key itself, or where to fetch it: exactly one is set. */
  linkSecret: { value: string } | { arn: string };
  sesEndpoint: string | undefined;
  region: string;
}

/**
 * Reads the mail settings once, failing with every missing variable named.
 *
 * @example
 * ```ts
 * const mail = loadMailConfig(process.env);
 * ```
 */
export const loadMailConfig = (env: Record<string, string | undefined>): MailConfig => {
  const e = parseEnvironment(MailConfigSchema, env, 'Invalid mail configuration');
  const linkSecret =
    e.LINK_SECRET !== undefined
      ? { value: e.LINK_SECRET }
      : e.LINK_SECRET_ARN !== undefined
        ? { arn: e.LINK_SECRET_ARN }
        : undefined;
  if (linkSecret === undefined) {
    throw new ConfigurationError('Invalid mail configuration: set LINK_SECRET or LINK_SECRET_ARN.');
  }
  return {
    senderDomain: e.SENDER_DOMAIN.toLowerCase(),
    secretariat: { name: e.SECRETARIAT_NAME, email: e.SECRETARIAT_EMAIL },
    publicBaseUrl: e.PUBLIC_BASE_URL.replace(/\/$/, ''),
    linkSecret,
    sesEndpoint: e.SES_ENDPOINT,
    region: e.AWS_REGION,
  };
};
