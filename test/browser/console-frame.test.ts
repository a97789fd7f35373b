import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expectAccessible,
  haveChromium,
  screenshot,
  startConsoleStage,
} from '../fixtures/console-browser.js';

describe.skipIf(!haveChromium)('Browser: the console frame in Chromium', () => {
  let stage: Awaited<ReturnType<typeof startConsoleStage>>;

  beforeAll(async () => {
    stage = await startConsoleStage();
  }, 90_000);

  afterAll(async () => {
    await stage?.close();
  });

  it('signs the secretariat in to the overview, which passes axe-core and keeps to the policy', async () => {
    // Act
    const page = await stage.signIn('gs@imk.example.org');

    // Assess
    expect(await page.textContent('h1')).toBe('Übersicht');
    expect(await page.locator('nav[aria-label="Hauptnavigation"] a').allTextContents()).toEqual([
      'Übersicht',
      'Gremien',
      'Umlaufverfahren',
      'Presse',
      'Personal',
    ]);
    expect(await page.textContent('main')).toContain('Konstituierende Sitzung');
    expect(await page.evaluate('typeof window.htmx')).toBe('object');
    await expectAccessible(page, 'overview');
    await screenshot(page, 'overview');
    expect(stage.policyViolations).toEqual([]);
    await page.context().close();
  });

  it('reaches the content by the skip link with the keyboard alone', async () => {
    // Prepare
    const page = await stage.signIn('presse@de-hh.example.org');

    // Act
    await page.keyboard.press('Tab');
    const first = await page.evaluate('document.activeElement.textContent');
    await page.keyboard.press('Enter');

    // Assess
    expect(first).toBe('Zum Inhalt springen');
    expect(await page.evaluate('document.activeElement.id')).toBe('inhalt');
    expect(await page.locator('nav[aria-label="Hauptnavigation"] a').allTextContents()).toEqual([
      'Übersicht',
      'Gremien',
      'Presse',
    ]);
    await page.context().close();
  });
});
