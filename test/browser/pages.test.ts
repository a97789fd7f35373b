import { existsSync, mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoConferenceRepository } from '../../shared/adapters/dynamodb/conference-repository.js';
import { lands } from '../../shared/domain/lands.js';
import type { Resolution } from '../../shared/domain/resolution.js';
import type { Session } from '../../shared/domain/session.js';
import { systemActor } from '../../shared/use-cases/context.js';
import { seedDemo } from '../../shared/use-cases/demo-seed.js';
import { answerToken, sendInvitations } from '../../shared/use-cases/invitations.js';
import { approvePressRelease } from '../../shared/use-cases/press-approval.js';
import {
  createPressRelease,
  publishPressRelease,
  submitPressRelease,
} from '../../shared/use-cases/press-releases.js';
import {
  createResolution,
  decideResolution,
  recordVotes,
} from '../../shared/use-cases/resolutions.js';
import {
  proposeSessionRelease,
  sessionReleaseToken,
} from '../../shared/use-cases/session-release.js';
import { httpClient } from '../fixtures/http.js';
import { createLocalTable } from '../fixtures/local-table.js';
import { createTestApp, testLinkSecret } from '../fixtures/test-app.js';

/** Debian's package, or where CHROMIUM_PATH says; `.ci/run` installs it. */
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const haveChromium = existsSync(executablePath);
/** Screenshots are kept here as test artifacts (ignored by git). */
const artifacts = join('test-results', 'browser');

if (!haveChromium) {
  console.warn(
    `Browser tests skipped: no Chromium at ${executablePath}. Install Debian's chromium package (apt-get install chromium) or set CHROMIUM_PATH.`,
  );
}

describe.skipIf(!haveChromium)('Pages in headless Chromium', () => {
  let browser: Browser;
  let base: string;
  let close: () => void;
  let answerLink: string;
  let releaseId: string;
  let sessionReleaseLink: string;
  let consentsOf: () => Promise<string[][]>;
  let board: () => Promise<{ memberId: string; status: string; channel?: string }[]>;

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    const table = await createLocalTable('browser');
    const clock = { now: () => new Date() };
    const repo = new DynamoConferenceRepository(table.documentClient, table.tableName);
    const deps = { repo, clock, linkSecret: testLinkSecret };
    const { sessionId = '' } = await seedDemo(deps);
    const { invited } = await sendInvitations(deps, systemActor, sessionId, {});
    const session = (await repo.getSession(sessionId)) as Session;
    const bayern = invited.find((i) => i.memberId === 'DE-BY' && i.capacity === 'principal');
    answerLink = `/links/invitations/${answerToken(deps, session, bayern ?? ({} as never))}`;
    const { value: release } = await createPressRelease(deps, systemActor, {
      bodyId: 'imk',
      sessionId,
      title: 'Konstituierende Sitzung der IMK findet in Hamburg statt',
      dateline: 'HAMBURG',
      body: 'Vom {{termin}} beraten die Ministerinnen und Minister in der {{ort}}.',
    });
    await submitPressRelease(deps, systemActor, release.id);
    await approvePressRelease(deps, systemActor, release.id, {});
    await publishPressRelease(deps, systemActor, release.id, {});
    releaseId = release.id;
    const agenda = await repo.listAgenda(sessionId);
    const passed: Resolution[] = [];
    for (const [n, title] of ['Internetkriminalität', 'Extremismusbekämpfung'].entries()) {
      const { value } = await createResolution(deps, systemActor, sessionId, agenda[n]?.id ?? '', {
        title,
        text: 'Die Länder arbeiten zusammen.',
      });
      await recordVotes(deps, systemActor, value.id, {
        votes: lands.map((land) => ({ memberId: land.code, vote: 'yes' })),
      });
      passed.push(await decideResolution(deps, systemActor, value.id));
    }
    const batch = await proposeSessionRelease(deps, systemActor, sessionId, {
      resolutionIds: passed.map((resolution) => resolution.id),
      objectionHours: 72,
    });
    sessionReleaseLink = `/links/session-releases/${sessionReleaseToken(testLinkSecret, sessionId, batch.resolutions, 'DE-BY')}`;
    consentsOf = async () =>
      Promise.all(
        passed.map(
          async (resolution) => (await repo.getResolution(resolution.id))?.release?.consents ?? [],
        ),
      );

    const { app, issuer } = await createTestApp(table.documentClient, table.tableName, { clock });
    const secretariat = httpClient(
      app,
      await issuer.sign({ role: 'secretariat', bodies: ['imk'] }),
    );
    board = async () => (await secretariat.get(`/v1/sessions/${sessionId}/attendance`)).json.lines;
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => server.close();
    browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] });
  }, 60_000);

  /**
   * What a page does that it should not: Content-Security-Policy violations
   * (Chromium reports each on the console) and requests that leave this server.
   */
  const watch = (page: Page) => {
    const violations: string[] = [];
    const elsewhere: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    page.on('request', (request) => {
      const url = request.url();
      if (!url.startsWith(`${base}/`) && !url.startsWith('data:')) elsewhere.push(url);
    });
    return { violations, elsewhere };
  };

  afterAll(async () => {
    await browser?.close();
    close?.();
  });

  it('opens the answer page from the mail link, confirms with a click, and the board shows it', async () => {
    const page = await browser.newPage();
    const seen = watch(page);
    await page.goto(`${base}${answerLink}?antwort=zusage`);
    expect(await page.title()).toMatch(/^Antwort: Konstituierende Sitzung der IMK/);
    // The mail's link preselects the answer; opening it records nothing.
    expect(await page.isChecked('input[value="accepted"]')).toBe(true);
    expect((await board()).find((line) => line.memberId === 'DE-BY')?.status).toBe('pending');
    await page.screenshot({ path: join(artifacts, 'answer-page.png'), fullPage: true });

    await page.click('button[type="submit"]');
    await page.waitForSelector('.notice[role="status"]');
    expect(await page.textContent('.notice[role="status"]')).toContain(
      'Vielen Dank, Ihre Antwort ist gespeichert.',
    );
    await page.screenshot({ path: join(artifacts, 'answer-confirmed.png'), fullPage: true });
    expect((await board()).find((line) => line.memberId === 'DE-BY')).toMatchObject({
      status: 'accepted',
      channel: 'link',
    });
    expect(seen.violations).toEqual([]);
    expect(seen.elsewhere).toEqual([]);
    await page.close();
  });

  it('answers a session-wide release on one page: all preselected from the mail, one click records each', async () => {
    const page = await browser.newPage();
    const seen = watch(page);
    await page.goto(`${base}${sessionReleaseLink}?antwort=einverstanden`);
    // The frame adds the conference's name after the page's own title.
    expect(await page.title()).toMatch(
      /^Freigabe: Beschlüsse der 1\. \(konstituierenden\) Sitzung der IMK – /,
    );
    expect(await page.locator('input[value="consent"]:checked').count()).toBe(2);
    expect(await consentsOf()).toEqual([[], []]);
    await page.screenshot({ path: join(artifacts, 'session-release-page.png'), fullPage: true });

    await page.click('button[type="submit"]');
    await page.waitForSelector('.notice[role="status"]');
    expect(await page.textContent('.notice[role="status"]')).toContain(
      'Vielen Dank, Ihre Antworten sind gespeichert.',
    );
    expect(await consentsOf()).toEqual([['DE-BY'], ['DE-BY']]);
    expect(seen.violations).toEqual([]);
    expect(seen.elsewhere).toEqual([]);
    await page.close();
  });

  it('shows the public press release page', async () => {
    const page = await browser.newPage();
    const seen = watch(page);
    const response = await page.goto(`${base}/public/press-releases/${releaseId}`);
    expect(response?.status()).toBe(200);
    expect(await page.textContent('h1')).toBe(
      'Konstituierende Sitzung der IMK findet in Hamburg statt',
    );
    expect(await page.textContent('article')).toContain('Ratsstube, Hamburger Rathaus, Hamburg');
    await page.screenshot({ path: join(artifacts, 'press-release.png'), fullPage: true });
    expect(seen.violations).toEqual([]);
    expect(seen.elsewhere).toEqual([]);
    await page.close();
  });

  it('shows the API docs with the Swagger UI files the product serves itself, within their Content-Security-Policy', async () => {
    const page = await browser.newPage();
    const seen = watch(page);
    const response = await page.goto(`${base}/docs`);
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    await page.waitForSelector('.opblock-tag', { timeout: 20_000 });
    expect(await page.textContent('.info .title')).toContain('Conference coordination API');
    // An operation opens, as a reader would click it.
    await page.click('.opblock-summary');
    await page.waitForSelector('.opblock-body');
    await page.screenshot({ path: join(artifacts, 'docs.png') });
    expect(seen.violations).toEqual([]);
    expect(seen.elsewhere).toEqual([]);
    await page.close();
  });
});
