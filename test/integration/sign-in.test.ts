import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localStaffAccounts } from '../../shared/adapters/cognito/local-accounts.js';
import { seedDemo, seedDemoStaff } from '../../shared/use-cases/demo-seed.js';
import { makeAdmin } from '../../shared/use-cases/staff.js';
import { startSignInServer } from '../fixtures/sign-in-server.js';

/**
 * A browser stand-in over fetch: follows redirects itself and keeps the
 * cookies it is given (by name; `Max-Age=0` removes one).
 */
const browserAgent = (base: string) => {
  const jar = new Map<string, string>();
  const setCookies: string[] = [];
  const send = async (url: string, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    if (jar.size > 0) {
      headers.set('cookie', [...jar].map(([name, value]) => `${name}=${value}`).join('; '));
    }
    const response = await fetch(new URL(url, base), { ...init, headers, redirect: 'manual' });
    for (const line of response.headers.getSetCookie()) {
      setCookies.push(line);
      const [pair = ''] = line.split(';');
      const name = pair.slice(0, pair.indexOf('='));
      if (/max-age=0\b/i.test(line) || /expires=thu, 01 jan 1970/i.test(line)) jar.delete(name);
      else jar.set(name, pair.slice(pair.indexOf('=') + 1));
    }
    return response;
  };
  /** Follows redirects like a browser (a 303 turns into a GET). */
  const go = async (url: string, init: RequestInit = {}) => {
    let response = await send(url, init);
    let current = new URL(url, base).href;
    for (let hops = 0; hops < 10 && [301, 302, 303].includes(response.status); hops++) {
      current = new URL(response.headers.get('location') ?? '', current).href;
      response = await send(current);
    }
    return { response, url: current, text: await response.text() };
  };
  const form = (fields: Record<string, string>) => ({
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: base },
    body: new URLSearchParams(fields).toString(),
  });
  return { jar, setCookies, send, go, form };
};

/** Signs in through the login page of the local provider: the whole code flow. */
const signIn = async (agent: ReturnType<typeof browserAgent>, email: string) => {
  const loginPage = await agent.go('/auth/login');
  expect(loginPage.response.status).toBe(200);
  const action = /<form method="post" action="([^"]+)"/.exec(loginPage.text)?.[1];
  if (action === undefined) throw new Error(`no login form:\n${loginPage.text}`);
  return agent.go(action, agent.form({ email }));
};

const csrfOf = (page: string) => /name="_csrf" value="([^"]+)"/.exec(page)?.[1] ?? '';

describe('Integration: browser sign-in against the local provider', () => {
  let server: Awaited<ReturnType<typeof startSignInServer>>;
  /** How far the app's clock runs ahead of the provider's: lets a session run out. */
  let ahead = 0;

  beforeAll(async () => {
    server = await startSignInServer({ clock: { now: () => new Date(Date.now() + ahead) } });
    const deps = { ...server.deps, accounts: localStaffAccounts };
    await seedDemo(deps);
    await seedDemoStaff(deps);
    await makeAdmin(deps, { email: 'it@imk.example.org', name: 'IT-Betrieb' });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('signs a staff member in by the code flow and shows who is signed in', async () => {
    // Prepare
    const agent = browserAgent(server.base);

    // Act
    const landed = await signIn(agent, 'gs@imk.example.org');

    // Assess
    expect(landed.url).toBe(`${server.base}/auth/me`);
    expect(landed.response.status).toBe(200);
    expect(landed.text).toContain('Geschäftsstelle der IMK');
    expect(landed.text).toContain('Geschäftsstelle im Gremium <strong>imk</strong>');
    const session = agent.setCookies.find((line) => line.startsWith('__Host-session='));
    expect(session).toMatch(/; Max-Age=\d+/);
    expect(session).toMatch(/; Path=\//);
    expect(session).toMatch(/; HttpOnly/);
    expect(session).toMatch(/; Secure/);
    expect(session).toMatch(/; SameSite=Lax/);
    expect(agent.jar.has('__Host-refresh')).toBe(true);
    // The pending sign-in is spent.
    expect(agent.jar.has('__Host-signin')).toBe(false);
    // The session cookie is encrypted: no token readable in it.
    expect(agent.jar.get('__Host-session')?.split('.')).toHaveLength(5);
  });

  it('lets an admin add a secretariat member, who signs in and works on their own body only', async () => {
    // Prepare
    const admin = browserAgent(server.base);
    const adminPage = await signIn(admin, 'it@imk.example.org');
    const adminCsrf = csrfOf(adminPage.text);
    const json = (csrf: string | undefined, body: unknown) => ({
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        origin: server.base,
        ...(csrf === undefined ? {} : { 'x-csrf-token': csrf }),
      },
      body: JSON.stringify(body),
    });
    const newcomer = {
      email: 'neu@imk.example.org',
      name: 'Nora Neumann',
      grants: [{ bodyId: 'ak-ii', role: 'secretariat' }],
    };

    // Act
    const withoutToken = await admin.send('/v1/staff', json(undefined, newcomer));
    const created = await admin.send('/v1/staff', json(adminCsrf, newcomer));
    const agent = browserAgent(server.base);
    const landed = await signIn(agent, 'neu@imk.example.org');
    const ownBody = await agent.send('/v1/bodies/ak-ii');
    const otherBody = await agent.send('/v1/bodies/imk');
    const me = await agent.send('/auth/me', { headers: { accept: 'application/json' } });

    // Assess
    expect(withoutToken.status).toBe(403);
    expect(created.status).toBe(201);
    expect(landed.text).toContain('Nora Neumann');
    expect(landed.text).toContain('Geschäftsstelle im Gremium <strong>ak-ii</strong>');
    expect(ownBody.status).toBe(200);
    expect(otherBody.status).toBe(403);
    expect(await me.json()).toMatchObject({
      email: 'neu@imk.example.org',
      name: 'Nora Neumann',
      roles: ['secretariat'],
      bodies: ['ak-ii'],
      grants: [{ role: 'secretariat', bodyId: 'ak-ii' }],
    });
  });

  it('refuses an address that is not in the staff directory on the login page', async () => {
    // Prepare
    const agent = browserAgent(server.base);

    // Act
    const answer = await signIn(agent, 'fremd@example.org');

    // Assess
    expect(answer.response.status).toBe(400);
    expect(answer.text).toContain('Diese Adresse steht nicht im Personalverzeichnis.');
    expect(agent.jar.has('__Host-session')).toBe(false);
  });

  it('refuses a callback whose state is not the one of the pending sign-in', async () => {
    // Prepare
    const agent = browserAgent(server.base);
    const started = await agent.send('/auth/login');
    const authorize = new URL(started.headers.get('location') ?? '');
    const pendingCookie = agent.jar.get('__Host-signin');

    // Act
    const forged = await agent.go(`/auth/callback?code=forged&state=${'x'.repeat(43)}`);
    const withoutPending = await browserAgent(server.base).go('/auth/callback?code=a&state=b');

    // Assess
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('nonce')).toHaveLength(43);
    expect(authorize.searchParams.get('redirect_uri')).toBe(`${server.base}/auth/callback`);
    expect(pendingCookie).toBeDefined();
    expect(forged.response.status).toBe(400);
    expect(forged.text).toContain('Der Anmeldedienst hat die Anmeldung nicht bestätigt.');
    expect(agent.jar.has('__Host-session')).toBe(false);
    expect(withoutPending.response.status).toBe(400);
    expect(withoutPending.text).toContain('Die Anmeldung hat zu lange gedauert');
  });

  it('renews a session that has run out with the refresh token, and ends it when the provider refuses', async () => {
    // Prepare
    const agent = browserAgent(server.base);
    await signIn(agent, 'referat@de-by.example.org');
    const firstSession = agent.jar.get('__Host-session');
    ahead = 2 * 3600 * 1000;

    try {
      // Act
      const renewed = await agent.send('/v1/bodies/imk');
      const renewedSession = agent.jar.get('__Host-session');
      // The provider ends the grant (as an admin's sign-out does in Cognito).
      const refresh = await server.deps.signIn?.cookies.open(
        'refresh',
        agent.jar.get('__Host-refresh'),
      );
      const revoked = await fetch(`${server.base}/oidc/token/revocation`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ token: refresh?.refreshToken ?? '', client_id: 'local-dev' }),
      });
      ahead = 4 * 3600 * 1000;
      const refused = await agent.send('/v1/bodies/imk');

      // Assess
      expect(renewed.status).toBe(200);
      expect(renewedSession).toBeDefined();
      expect(renewedSession).not.toBe(firstSession);
      expect(revoked.status).toBe(200);
      expect(refused.status).toBe(401);
      expect(agent.jar.has('__Host-session')).toBe(false);
      expect(agent.jar.has('__Host-refresh')).toBe(false);
    } finally {
      ahead = 0;
    }
  });

  it('sends a visitor without a session from /auth/me to the sign-in', async () => {
    // Act
    const answer = await fetch(`${server.base}/auth/me`, { redirect: 'manual' });

    // Assess
    expect(answer.status).toBe(302);
    expect(answer.headers.get('location')).toBe('/auth/login?returnTo=%2Fauth%2Fme');
  });

  it('signs out only with the CSRF token, and ends the session at the provider too', async () => {
    // Prepare
    const agent = browserAgent(server.base);
    const page = await signIn(agent, 'gs@imk.example.org');

    // Act
    const forged = await agent.send('/auth/logout', agent.form({ _csrf: 'y'.repeat(43) }));
    const stillIn = await agent.send('/v1/bodies/imk');
    const refreshCookie = agent.jar.get('__Host-refresh') ?? '';
    const out = await agent.go('/auth/logout', agent.form({ _csrf: csrfOf(page.text) }));
    const afterwards = await agent.send('/v1/bodies/imk');
    // The refresh token was revoked: even a kept copy of its cookie renews nothing.
    agent.jar.set('__Host-refresh', refreshCookie);
    const withKeptRefresh = await agent.send('/v1/bodies/imk');

    // Assess
    expect(forged.status).toBe(403);
    expect(stillIn.status).toBe(200);
    expect(out.response.status).toBe(200);
    expect(out.text).toContain('Sie werden auch beim Anmeldedienst abgemeldet.');
    const providerLogout =
      /http-equiv="refresh" content="0; url=([^"]+)"/.exec(out.text)?.[1] ?? '';
    expect(providerLogout.replaceAll('&amp;', '&')).toContain(
      `/oidc/session/end?client_id=local-dev&post_logout_redirect_uri=${encodeURIComponent(`${server.base}/auth/signed-out`)}`,
    );
    expect(agent.jar.has('__Host-session')).toBe(false);
    expect(agent.jar.has('__Host-refresh')).toBe(false);
    expect(afterwards.status).toBe(401);
    expect(withKeptRefresh.status).toBe(401);
  });
});
