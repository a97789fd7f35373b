import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Clock } from '../../../shared/ports/clock.js';
import { newCsrfToken } from './csrf.js';
import type { OidcClient, SignInTokens } from './oidc-client.js';
import {
  type CookieSealer,
  type CookieValue,
  cookieAttributes,
  cookieNames,
  type SignInSession,
} from './session-cookie.js';

/** What the browser sign-in needs: the OIDC client, the cookie sealer and the public address. */
export interface SignIn {
  oidc: OidcClient;
  cookies: CookieSealer;
  clock: Clock;
  publicBaseUrl: string;
}

/** How long a sign-in may take at the provider. */
export const pendingSeconds = 10 * 60;

/** How long a refresh token is kept: a working day, at most (Cognito's own limit is a day). */
export const refreshSeconds = 12 * 60 * 60;

/** The session ends this much before its access token, so a request never carries a lapsing one. */
const marginSeconds = 30;

/**
 * Writes a pending sign-in into its cookie.
 *
 * @example
 * ```ts
 * await writeCookie(c, signIn, 'pending', pending, pendingSeconds);
 * ```
 */
export const writeCookie = async <K extends keyof typeof cookieNames>(
  c: Context,
  signIn: SignIn,
  kind: K,
  value: CookieValue<K>,
  seconds: number,
) => {
  const expiresAt = new Date(signIn.clock.now().getTime() + seconds * 1000);
  setCookie(
    c,
    cookieNames[kind],
    await signIn.cookies.seal(kind, value, expiresAt),
    cookieAttributes(seconds),
  );
};

/**
 * Reads one sign-in cookie of the request; `undefined` when absent or invalid.
 *
 * @example
 * ```ts
 * const pending = await readCookie(c, signIn, 'pending');
 * ```
 */
export const readCookie = <K extends keyof typeof cookieNames>(
  c: Context,
  signIn: SignIn,
  kind: K,
): Promise<CookieValue<K> | undefined> =>
  signIn.cookies.open(kind, getCookie(c, cookieNames[kind]));

/**
 * Expires the cookies of a sign-in (all three, or the ones named).
 *
 * @example
 * ```ts
 * clearCookies(c); // signed out
 * ```
 */
export const clearCookies = (
  c: Context,
  kinds: readonly (keyof typeof cookieNames)[] = ['session', 'refresh', 'pending'],
) => {
  for (const kind of kinds) deleteCookie(c, cookieNames[kind], cookieAttributes(0));
};

/**
 * Stores fresh tokens as the session (and the refresh token beside it),
 * keeping the CSRF token of an ongoing session so open forms stay good.
 *
 * @example
 * ```ts
 * const session = await startSession(c, signIn, tokens, { email });
 * ```
 */
export const startSession = async (
  c: Context,
  signIn: SignIn,
  tokens: SignInTokens,
  known: { email: string; csrf?: string | undefined },
): Promise<SignInSession> => {
  const session: SignInSession = {
    accessToken: tokens.accessToken,
    email: tokens.email ?? known.email,
    csrf: known.csrf ?? newCsrfToken(),
  };
  const seconds =
    (tokens.expiresAt.getTime() - signIn.clock.now().getTime()) / 1000 - marginSeconds;
  await writeCookie(c, signIn, 'session', session, Math.max(seconds, 1));
  if (tokens.refreshToken !== undefined) {
    await writeCookie(
      c,
      signIn,
      'refresh',
      { refreshToken: tokens.refreshToken, email: session.email, csrf: session.csrf },
      refreshSeconds,
    );
  }
  return session;
};
