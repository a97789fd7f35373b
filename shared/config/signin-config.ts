import * as z from 'zod/mini';
import { ConfigurationError } from '../domain/errors.js';
import { parseEnvironment } from './parse-environment.js';

const SignInConfigSchema = z.object({
  /** The address the browser uses: `<PUBLIC_BASE_URL>/auth/callback` is the redirect URI. */
  PUBLIC_BASE_URL: z.url(),
  /** The key that encrypts the sign-in cookies, given directly (locally)… */
  SESSION_KEY: z.optional(z.string().check(z.minLength(32))),
  /** …or the ARN of the Secrets Manager secret that holds it (in AWS). */
  SESSION_KEY_SECRET_ARN: z.optional(z.string().check(z.regex(/^arn:aws[a-z-]*:secretsmanager:/))),
  /** Cognito's logout endpoint (`https://<domain>/logout`); the local provider announces its own. */
  SIGNIN_LOGOUT_URL: z.optional(z.url()),
});

/** What the browser sign-in needs besides the issuer and client id of the token settings. */
export interface SignInConfig {
  publicBaseUrl: string;
  sessionKey: { value: string } | { arn: string };
  logoutUrl: string | undefined;
}

/**
 * Reads the sign-in settings; `undefined` when no session key is configured,
 * so functions without the browser sign-in need none of it.
 *
 * @example
 * ```ts
 * const signIn = loadSignInConfig(process.env); // undefined without SESSION_KEY(_SECRET_ARN)
 * ```
 */
export const loadSignInConfig = (
  env: Record<string, string | undefined>,
): SignInConfig | undefined => {
  if (env.SESSION_KEY === undefined && env.SESSION_KEY_SECRET_ARN === undefined) return undefined;
  const e = parseEnvironment(SignInConfigSchema, env, 'Invalid sign-in configuration');
  const sessionKey =
    e.SESSION_KEY !== undefined
      ? { value: e.SESSION_KEY }
      : e.SESSION_KEY_SECRET_ARN !== undefined
        ? { arn: e.SESSION_KEY_SECRET_ARN }
        : undefined;
  if (sessionKey === undefined) {
    throw new ConfigurationError(
      'Invalid sign-in configuration: set SESSION_KEY or SESSION_KEY_SECRET_ARN.',
    );
  }
  return {
    publicBaseUrl: e.PUBLIC_BASE_URL.replace(/\/$/, ''),
    sessionKey,
    logoutUrl: e.SIGNIN_LOGOUT_URL,
  };
};
