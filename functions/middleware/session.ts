import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { ForbiddenError, UnauthorizedError } from '../../shared/domain/errors.js';
import { msg } from '../../shared/domain/messages.js';
import type { Principal } from '../../shared/domain/roles.js';
import type { TokenVerifier } from '../../shared/ports/token-verifier.js';
import type { AppEnv } from '../http/app-env.js';
import { changesState, csrfTokenMatches, csrfTokenOf, sameOrigin } from '../http/auth/csrf.js';
import { isSignInFailure } from '../http/auth/oidc-client.js';
import { cookieNames, type SignInSession } from '../http/auth/session-cookie.js';
import { clearCookies, readCookie, type SignIn, startSession } from '../http/auth/sign-in.js';

/** The browser's session on one request, as the session middleware offers it. */
export interface SessionAccess {
  /** The session, renewed with the refresh token when it has run out; `undefined` when signed out. */
  current(): Promise<SignInSession | undefined>;
  /**
   * The session's principal for a staff route, verified like a bearer
   * token; a state-changing request must come from our own origin and
   * carry the session's CSRF token.
   */
  principal(): Promise<Principal>;
}

/**
 * Turns the session cookie into the principal, for requests without an
 * `Authorization` header (a bearer token always wins, and needs no CSRF
 * token). Nothing is read until a route asks: `authorize` for staff routes,
 * the sign-in pages for themselves. A session that has run out is renewed
 * with the refresh token, and both cookies are written again; a refresh
 * the provider refuses signs the browser out.
 *
 * @example
 * ```ts
 * app.use(sessionCookie(signIn, deps.tokenVerifier));
 * ```
 */
export const sessionCookie =
  (signIn: SignIn, verifier: TokenVerifier): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    const hasCookie =
      getCookie(c, cookieNames.session) !== undefined ||
      getCookie(c, cookieNames.refresh) !== undefined;
    if (c.req.header('authorization') !== undefined || !hasCookie) return next();

    let current: Promise<SignInSession | undefined> | undefined;
    const renew = async (): Promise<SignInSession | undefined> => {
      const session = await readCookie(c, signIn, 'session');
      if (session !== undefined) return session;
      const refresh = await readCookie(c, signIn, 'refresh');
      if (refresh === undefined) return undefined;
      try {
        const tokens = await signIn.oidc.refresh(refresh.refreshToken);
        return await startSession(c, signIn, tokens, refresh);
      } catch (error) {
        if (!(await isSignInFailure(error))) throw error;
        clearCookies(c, ['session', 'refresh']);
        return undefined;
      }
    };
    const access: SessionAccess = {
      current: () => {
        current ??= renew();
        return current;
      },
      principal: async () => {
        const session = await access.current();
        if (session === undefined) throw new UnauthorizedError(msg('auth.session-expired'));
        if (changesState(c.req.method)) {
          if (!sameOrigin(c, signIn.publicBaseUrl)) {
            throw new ForbiddenError(msg('forbidden.cross-site'));
          }
          if (!csrfTokenMatches(session.csrf, await csrfTokenOf(c))) {
            throw new ForbiddenError(msg('forbidden.csrf-token'));
          }
        }
        return verifier.verify(session.accessToken);
      },
    };
    c.set('signInSession', access);
    await next();
  };
