import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { AppEnv } from '../../functions/http/app-env.js';
import {
  changesState,
  csrfTokenMatches,
  csrfTokenOf,
  newCsrfToken,
  sameOrigin,
} from '../../functions/http/auth/csrf.js';
import type { OidcClient } from '../../functions/http/auth/oidc-client.js';
import {
  cookieAttributes,
  cookieNames,
  cookieSealer,
  type SignInSession,
} from '../../functions/http/auth/session-cookie.js';
import type { SignIn } from '../../functions/http/auth/sign-in.js';
import { returnPath } from '../../functions/http/routes/auth.js';
import { authorize } from '../../functions/middleware/authorize.js';
import { sessionCookie } from '../../functions/middleware/session.js';
import { AppError } from '../../shared/domain/errors.js';
import type { Principal } from '../../shared/domain/roles.js';
import type { TokenVerifier } from '../../shared/ports/token-verifier.js';

const secret = async () => 's'.repeat(40);
const base = 'https://konferenz.example.org';
const at = (iso: string) => ({ now: () => new Date(iso) });
const session: SignInSession = {
  accessToken: 'header.payload.signature',
  email: 'gs@imk.example.org',
  csrf: 'c'.repeat(43),
};

describe('Unit: cookieSealer', () => {
  it('opens what it sealed until it expires', async () => {
    // Prepare
    const sealer = cookieSealer(secret, at('2026-12-01T10:00:00Z'));
    const later = cookieSealer(secret, at('2026-12-01T11:00:01Z'));

    // Act
    const sealed = await sealer.seal('session', session, new Date('2026-12-01T11:00:00Z'));

    // Assess
    expect(sealed.split('.')).toHaveLength(5);
    expect(sealed).not.toContain(session.accessToken);
    expect(await sealer.open('session', sealed)).toEqual(session);
    expect(await later.open('session', sealed)).toBeUndefined();
  });

  it('refuses a cookie of another kind, another key, or one tampered with', async () => {
    // Prepare
    const clock = at('2026-12-01T10:00:00Z');
    const sealer = cookieSealer(secret, clock);
    const other = cookieSealer(async () => 'o'.repeat(40), clock);
    const sealed = await sealer.seal('session', session, new Date('2026-12-01T11:00:00Z'));
    const parts = sealed.split('.');
    const cipher = parts[3] ?? '';
    parts[3] = `${cipher.slice(0, -2)}${cipher.endsWith('AA') ? 'BB' : 'AA'}`;

    // Act
    const asRefresh = await sealer.open('refresh', sealed);
    const withOtherKey = await other.open('session', sealed);
    const tampered = await sealer.open('session', parts.join('.'));
    const garbage = await sealer.open('session', 'not-a-cookie');
    const missing = await sealer.open('session', undefined);

    // Assess
    expect(asRefresh).toBeUndefined();
    expect(withOtherKey).toBeUndefined();
    expect(tampered).toBeUndefined();
    expect(garbage).toBeUndefined();
    expect(missing).toBeUndefined();
  });

  it('refuses content of the wrong shape even under a good key', async () => {
    // Prepare
    const sealer = cookieSealer(secret, at('2026-12-01T10:00:00Z'));
    const sealed = await sealer.seal(
      'pending',
      {
        state: 's'.repeat(43),
        nonce: 'n'.repeat(43),
        codeVerifier: 'v'.repeat(43),
        returnTo: '/x',
      },
      new Date('2026-12-01T10:10:00Z'),
    );

    // Act
    const asSession = await sealer.open('session', sealed);
    const asPending = await sealer.open('pending', sealed);

    // Assess
    expect(asSession).toBeUndefined();
    expect(asPending?.returnTo).toBe('/x');
  });

  it('sets HttpOnly, Secure, SameSite=Lax and Path=/ on every cookie, under the __Host- prefix', () => {
    // Act
    const attributes = cookieAttributes(3600.7);

    // Assess
    expect(attributes).toEqual({
      httpOnly: true,
      secure: true,
      sameSite: 'Lax',
      path: '/',
      maxAge: 3600,
    });
    expect(Object.values(cookieNames).every((name) => name.startsWith('__Host-'))).toBe(true);
  });
});

describe('Unit: CSRF tokens', () => {
  it('compares tokens exactly', () => {
    // Prepare
    const token = newCsrfToken();

    // Act & Assess
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(newCsrfToken()).not.toBe(token);
    expect(csrfTokenMatches(token, token)).toBe(true);
    expect(csrfTokenMatches(token, `${token.slice(0, -1)}x`)).toBe(token.endsWith('x'));
    expect(csrfTokenMatches(token, token.slice(1))).toBe(false);
    expect(csrfTokenMatches(token, undefined)).toBe(false);
  });

  it('knows which methods change state', () => {
    expect(['GET', 'HEAD', 'OPTIONS'].map(changesState)).toEqual([false, false, false]);
    expect(['POST', 'PUT', 'PATCH', 'DELETE', 'post'].map(changesState)).toEqual([
      true,
      true,
      true,
      true,
      true,
    ]);
  });

  it('reads the token from the header, or from the field of a form post only', async () => {
    // Prepare
    const app = new Hono();
    app.post('/', async (c) => c.json({ token: (await csrfTokenOf(c)) ?? null }));
    const post = async (headers: Record<string, string>, body: string) =>
      (await app.request('/', { method: 'POST', headers, body })).json();

    // Act
    const header = await post({ 'x-csrf-token': 'h' }, '');
    const form = await post({ 'content-type': 'application/x-www-form-urlencoded' }, '_csrf=f&x=1');
    const json = await post({ 'content-type': 'application/json' }, '{"_csrf":"j"}');

    // Assess
    expect(header).toEqual({ token: 'h' });
    expect(form).toEqual({ token: 'f' });
    expect(json).toEqual({ token: null });
  });

  it('tells our own origin from another, by Origin or else by Sec-Fetch-Site', async () => {
    // Prepare
    const app = new Hono();
    app.post('/', (c) => c.json(sameOrigin(c, base)));
    const check = async (headers: Record<string, string>) =>
      (await app.request('/', { method: 'POST', headers })).json();

    // Act & Assess
    expect(await check({ origin: base })).toBe(true);
    expect(await check({ origin: 'https://evil.example' })).toBe(false);
    expect(await check({ origin: 'null', 'sec-fetch-site': 'same-origin' })).toBe(true);
    expect(await check({ origin: 'null', 'sec-fetch-site': 'cross-site' })).toBe(false);
    expect(await check({ origin: 'https://evil.example', 'sec-fetch-site': 'same-origin' })).toBe(
      false,
    );
    expect(await check({ 'sec-fetch-site': 'cross-site' })).toBe(false);
    expect(await check({ 'sec-fetch-site': 'same-origin' })).toBe(true);
    expect(await check({})).toBe(true);
  });
});

describe('Unit: returnPath', () => {
  it('keeps a path of this product and nothing else', () => {
    expect(returnPath('/v1/bodies?x=1')).toBe('/v1/bodies?x=1');
    expect(returnPath(undefined)).toBe('/auth/me');
    expect(returnPath('https://evil.example/')).toBe('/auth/me');
    expect(returnPath('//evil.example/')).toBe('/auth/me');
    expect(returnPath('/\\evil.example/')).toBe('/auth/me');
    expect(returnPath('/a b')).toBe('/auth/me');
  });
});

describe('Middleware: sessionCookie', () => {
  const principal: Principal = {
    subject: 'gs',
    email: 'gs@imk.example.org',
    roles: ['secretariat'],
    bodies: ['imk'],
  };
  const verifier: TokenVerifier = {
    verify: async (token) => {
      if (token !== session.accessToken) throw new Error(`unexpected token ${token}`);
      return principal;
    },
  };
  const refused: OidcClient = {
    start: async () => {
      throw new Error('not here');
    },
    finish: async () => {
      throw new Error('not here');
    },
    refresh: async () => {
      throw new Error('not here');
    },
    revoke: async () => {
      throw new Error('not here');
    },
    logoutUrl: async () => new URL(`${base}/logout`),
  };
  const clock = at('2026-12-01T10:00:00Z');
  const signIn: SignIn = {
    oidc: refused,
    cookies: cookieSealer(secret, clock),
    clock,
    publicBaseUrl: base,
  };
  const appWith = () => {
    const app = new Hono<AppEnv>();
    app.use(sessionCookie(signIn, verifier));
    app.on(['GET', 'POST'], '/v1/thing', authorize('staff', verifier), (c) =>
      c.json({ email: c.get('principal').email }),
    );
    app.onError((error, c) =>
      c.json(
        { error: error.message },
        error instanceof AppError ? (error.status as 401 | 403) : 500,
      ),
    );
    return app;
  };
  const cookie = async () =>
    `${cookieNames.session}=${await signIn.cookies.seal('session', session, new Date('2026-12-01T11:00:00Z'))}`;

  it('authorises a read with the session cookie like one with a bearer token', async () => {
    // Act
    const response = await appWith().request('/v1/thing', { headers: { cookie: await cookie() } });

    // Assess
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ email: 'gs@imk.example.org' });
  });

  it('refuses a post with the session cookie but without the CSRF token, or from another origin', async () => {
    // Prepare
    const app = appWith();
    const post = (headers: Record<string, string>) =>
      app.request('/v1/thing', {
        method: 'POST',
        headers: { cookie: headers.cookie ?? '', ...headers },
      });
    const sessionCookieHeader = await cookie();

    // Act
    const without = await post({ cookie: sessionCookieHeader, origin: base });
    const wrong = await post({
      cookie: sessionCookieHeader,
      origin: base,
      'x-csrf-token': 'w'.repeat(43),
    });
    const crossSite = await post({
      cookie: sessionCookieHeader,
      origin: 'https://evil.example',
      'x-csrf-token': session.csrf,
    });
    const good = await post({
      cookie: sessionCookieHeader,
      origin: base,
      'x-csrf-token': session.csrf,
    });

    // Assess
    expect(without.status).toBe(403);
    expect(wrong.status).toBe(403);
    expect(crossSite.status).toBe(403);
    expect(good.status).toBe(200);
  });

  it('leaves a request with a bearer token to the token, CSRF token or not', async () => {
    // Prepare
    const app = appWith();

    // Act
    const response = await app.request('/v1/thing', {
      method: 'POST',
      headers: { cookie: await cookie(), authorization: `Bearer ${session.accessToken}` },
    });

    // Assess
    expect(response.status).toBe(200);
  });

  it('signs out the browser when the provider refuses to renew an expired session', async () => {
    // Prepare
    const refresh = await signIn.cookies.seal(
      'refresh',
      { refreshToken: 'spent', email: session.email, csrf: session.csrf },
      new Date('2026-12-01T20:00:00Z'),
    );
    const { ResponseBodyError } = await import('openid-client');
    signIn.oidc = {
      ...refused,
      refresh: async () => {
        throw new ResponseBodyError('invalid_grant', {
          cause: { error: 'invalid_grant' },
          response: new Response('{}', { status: 400 }),
        });
      },
    };

    try {
      // Act
      const response = await appWith().request('/v1/thing', {
        headers: { cookie: `${cookieNames.refresh}=${refresh}` },
      });

      // Assess
      expect(response.status).toBe(401);
      const cleared = response.headers.getSetCookie();
      expect(cleared.some((line) => line.startsWith(`${cookieNames.session}=;`))).toBe(true);
      expect(cleared.some((line) => line.startsWith(`${cookieNames.refresh}=;`))).toBe(true);
    } finally {
      signIn.oidc = refused;
    }
  });
});
