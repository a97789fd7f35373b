import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo, seedDemoStaff } from '../../shared/use-cases/demo-seed.js';
import { startSignInServer } from '../fixtures/sign-in-server.js';

/** Debian's package, or where CHROMIUM_PATH says; `.ci/run` installs it. */
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const haveChromium = existsSync(executablePath);
/** Screenshots are kept here as test artifacts (ignored by git). */
const artifacts = join('test-results', 'browser');

if (!haveChromium) {
  console.warn(
    `Browser sign-in test skipped: no Chromium at ${executablePath}. Install Debian's chromium package (apt-get install chromium) or set CHROMIUM_PATH.`,
  );
}

describe.skipIf(!haveChromium)('Browser: sign-in through the local provider in Chromium', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof startSignInServer>>;

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    server = await startSignInServer();
    await seedDemo(server.deps);
    await seedDemoStaff(server.deps);
    browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('signs in on the login page, lands signed in, and signs out here and at the provider', async () => {
    // Prepare
    const context = await browser.newContext();
    const page = await context.newPage();
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });

    // Act: the login page of the provider, by the product's own entrance.
    await page.goto(`${server.base}/auth/login`);
    expect(await page.textContent('h1')).toBe('Anmeldung');
    await page.fill('#email', 'referat@de-nw.example.org');
    await page.screenshot({ path: join(artifacts, 'sign-in.png'), fullPage: true });
    await page.click('button[type="submit"]');
    await page.waitForURL(`${server.base}/auth/me`);

    // Assess: signed in, with name and grants, and only HttpOnly cookies of the session.
    expect(await page.textContent('#name')).toBe('Jan Wolters');
    const grants = await page.locator('#grants li').allTextContents();
    expect(grants).toEqual(['Mitglied im Gremium ak-ii', 'Mitglied im Gremium imk']);
    await page.screenshot({ path: join(artifacts, 'signed-in.png'), fullPage: true });
    const cookies = await context.cookies(server.base);
    const session = cookies.find((cookie) => cookie.name === '__Host-session');
    expect(session).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Lax', path: '/' });
    expect(await page.evaluate('document.cookie')).not.toContain('__Host-session');
    const api = await page.request.get(`${server.base}/v1/bodies/ak-ii`);
    expect(api.status()).toBe(200);

    // Act: sign out with the page's form.
    await page.click('button[type="submit"]');
    await page.waitForURL(`${server.base}/auth/signed-out`);

    // Assess: signed out here, and the provider asks for the address again.
    expect(await page.textContent('main')).toContain('Sie sind abgemeldet.');
    const left = await context.cookies(server.base);
    expect(left.map((cookie) => cookie.name)).not.toContain('__Host-session');
    expect(left.map((cookie) => cookie.name)).not.toContain('__Host-refresh');
    expect((await page.request.get(`${server.base}/v1/bodies/ak-ii`)).status()).toBe(401);
    await page.goto(`${server.base}/auth/me`);
    expect(await page.textContent('h1')).toBe('Anmeldung');
    expect(await page.locator('#email').count()).toBe(1);
    expect(violations).toEqual([]);
    await context.close();
  });

  it('keeps someone not in the staff directory out, in German', async () => {
    // Prepare
    const page = await browser.newPage();

    // Act
    await page.goto(`${server.base}/auth/login`);
    await page.fill('#email', 'unbekannt@example.org');
    await page.click('button[type="submit"]');

    // Assess
    expect(await page.textContent('#problem')).toContain(
      'Diese Adresse steht nicht im Personalverzeichnis.',
    );
    expect((await page.context().cookies(server.base)).map((cookie) => cookie.name)).not.toContain(
      '__Host-session',
    );
    await page.close();
  });
});
