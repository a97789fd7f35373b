import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FlowStack, startFlowStack } from '../fixtures/local-stack.js';

/** Debian's package, or where CHROMIUM_PATH says; `.ci/run` installs it. */
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const haveChromium = existsSync(executablePath);

/**
 * The sign-in issue's "done when", in the local stack a new user starts:
 * an admin adds a secretariat member, who signs in through the browser at
 * the local provider and works on their own body only.
 */
describe.skipIf(!haveChromium)('Browser sign-in in the local stack (npm start)', () => {
  let local: FlowStack;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    local = await startFlowStack('conference-signin-');
    base = `http://localhost:${local.ports.api}`;
    browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] });
  });
  afterAll(async () => {
    await browser?.close();
    await local?.stop();
  });

  it('lists the sign-in, and a secretariat member added by an admin signs in and works on their own body only', async () => {
    // Prepare: the first admin, as the README says, signs in with the browser and adds the member.
    expect(local.stack.output()).toContain(`Sign-in        ${base}/auth/login`);
    await local.command('admin-create', ['--local', '--email', 'it@imk.example.org']);
    const adminContext = await browser.newContext();
    const adminPage = await adminContext.newPage();
    await adminPage.goto(`${base}/auth/login`);
    await adminPage.fill('#email', 'it@imk.example.org');
    await adminPage.click('button[type="submit"]');
    await adminPage.waitForURL(`${base}/auth/me`);
    const { csrfToken } = (await (
      await adminPage.request.get(`${base}/auth/me`, { headers: { accept: 'application/json' } })
    ).json()) as { csrfToken: string };
    const newcomer = {
      email: 'neu@ak-ii.example.org',
      name: 'Nora Neumann',
      grants: [{ bodyId: 'ak-ii', role: 'secretariat' }],
    };
    const withoutToken = await adminPage.request.post(`${base}/v1/staff`, { data: newcomer });
    const added = await adminPage.request.post(`${base}/v1/staff`, {
      data: newcomer,
      headers: { 'x-csrf-token': csrfToken },
    });
    expect(withoutToken.status()).toBe(403);
    expect(added.status()).toBe(201);
    await adminContext.close();
    const context = await browser.newContext();
    const page = await context.newPage();

    // Act
    await page.goto(`${base}/auth/login`);
    await page.fill('#email', 'neu@ak-ii.example.org');
    await page.click('button[type="submit"]');
    await page.waitForURL(`${base}/auth/me`);
    const own = await page.request.get(`${base}/v1/bodies/ak-ii`);
    const other = await page.request.get(`${base}/v1/bodies/imk`);

    // Assess
    expect(await page.textContent('#name')).toBe('Nora Neumann');
    expect(await page.locator('#grants li').allTextContents()).toEqual([
      'Geschäftsstelle im Gremium ak-ii',
    ]);
    expect(own.status()).toBe(200);
    expect(other.status()).toBe(403);
    await context.close();
  });
});
