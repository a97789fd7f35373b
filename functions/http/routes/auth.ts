import type { Context } from 'hono';
import { ForbiddenError } from '../../../shared/domain/errors.js';
import { msg } from '../../../shared/domain/messages.js';
import type { AppDeps, Mount } from '../app.js';
import type { AppEnv } from '../app-env.js';
import { csrfTokenMatches, csrfTokenOf, sameOrigin } from '../auth/csrf.js';
import { authPaths, isSignInFailure } from '../auth/oidc-client.js';
import {
  clearCookies,
  pendingSeconds,
  readCookie,
  type SignIn,
  startSession,
  writeCookie,
} from '../auth/sign-in.js';
import {
  signedInPage,
  signedOutPage,
  signInFailedPage,
  signingOutPage,
} from '../pages/sign-in-pages.js';

/**
 * Where to go after signing in: a path of this product only (`/…`, not
 * `//host` or `/\host`, which browsers read as another host).
 *
 * @example
 * ```ts
 * returnPath('/auth/me'); // '/auth/me'
 * returnPath('https://evil.example'); // '/auth/me'
 * ```
 */
export const returnPath = (wanted: string | undefined): string =>
  wanted !== undefined && /^\/(?![/\\])[\x21-\x7e]*$/.test(wanted) ? wanted : authPaths.me;

const noStore = (c: Context) => c.header('Cache-Control', 'no-store');

const login = (signIn: SignIn) => async (c: Context<AppEnv>) => {
  const start = await signIn.oidc.start();
  await writeCookie(
    c,
    signIn,
    'pending',
    {
      state: start.state,
      nonce: start.nonce,
      codeVerifier: start.codeVerifier,
      returnTo: returnPath(c.req.query('returnTo')),
    },
    pendingSeconds,
  );
  noStore(c);
  return c.redirect(start.url.href, 302);
};

const callback = (signIn: SignIn) => async (c: Context<AppEnv>) => {
  noStore(c);
  const pending = await readCookie(c, signIn, 'pending');
  clearCookies(c, ['pending']);
  if (pending === undefined) return c.html(signInFailedPage('expired'), 400);
  // The redirect URI as registered: behind CloudFront the request's own host is API Gateway's.
  const callbackUrl = new URL(`${signIn.publicBaseUrl}${authPaths.callback}`);
  callbackUrl.search = new URL(c.req.url).search;
  let tokens: Awaited<ReturnType<SignIn['oidc']['finish']>>;
  try {
    tokens = await signIn.oidc.finish(callbackUrl, pending);
  } catch (error) {
    if (!(await isSignInFailure(error))) throw error;
    return c.html(signInFailedPage('refused'), 400);
  }
  if (tokens.email === undefined) return c.html(signInFailedPage('unknown-person'), 400);
  await startSession(c, signIn, tokens, { email: tokens.email });
  return c.redirect(pending.returnTo, 303);
};

const me = (deps: AppDeps) => async (c: Context<AppEnv>) => {
  noStore(c);
  const access = c.get('signInSession');
  const session = await access?.current();
  if (access === undefined || session === undefined) {
    return c.redirect(`${authPaths.login}?returnTo=${encodeURIComponent(authPaths.me)}`, 302);
  }
  const principal = await access.principal();
  const email = principal.email ?? session.email;
  const staff = await deps.staff.findStaffByEmail(email);
  if (/\bapplication\/json\b/.test(c.req.header('accept') ?? '')) {
    return c.json({
      email,
      name: staff?.name,
      roles: principal.roles,
      bodies: principal.bodies,
      grants: principal.grants ?? [],
      csrfToken: session.csrf,
    });
  }
  return c.html(signedInPage({ name: staff?.name, email, principal, csrf: session.csrf }));
};

const logout = (deps: AppDeps, signIn: SignIn) => async (c: Context<AppEnv>) => {
  noStore(c);
  const session = await c.get('signInSession')?.current();
  if (session !== undefined) {
    // Signing someone out is a state change too: our own form, with its token.
    if (
      !sameOrigin(c, signIn.publicBaseUrl) ||
      !csrfTokenMatches(session.csrf, await csrfTokenOf(c))
    ) {
      throw new ForbiddenError(msg('forbidden.csrf-token'));
    }
  }
  const refresh = await readCookie(c, signIn, 'refresh');
  if (refresh !== undefined) {
    try {
      await signIn.oidc.revoke(refresh.refreshToken);
    } catch (error) {
      // The cookies go either way; a token the provider would not revoke lapses within a day.
      if (!(await isSignInFailure(error))) throw error;
      deps.logger.warn('refresh token not revoked', { requestId: c.get('requestId'), error });
    }
  }
  clearCookies(c);
  return c.html(signingOutPage(await signIn.oidc.logoutUrl()));
};

/**
 * The browser sign-in: `/auth/login` sends the browser to the provider
 * (Cognito's managed login in AWS, the local provider under `npm start`),
 * `/auth/callback` redeems the code and sets the session cookie, `/auth/me`
 * shows who is signed in, `/auth/logout` (a form post with the CSRF token)
 * ends the session here and at the provider. Without a configured sign-in
 * (a function that serves no browser), nothing is mounted.
 *
 * @example
 * ```ts
 * createApp(deps, apiRoutes(deps), signInRoutes(deps));
 * ```
 */
export const signInRoutes =
  (deps: AppDeps): Mount =>
  (app) => {
    const { signIn } = deps;
    if (signIn === undefined) return;
    app.get(authPaths.login, login(signIn));
    app.get(authPaths.callback, callback(signIn));
    app.get(authPaths.me, me(deps));
    app.post(authPaths.logout, logout(deps, signIn));
    app.get(authPaths.signedOut, (c) => {
      noStore(c);
      return c.html(signedOutPage());
    });
  };
