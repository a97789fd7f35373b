import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { germanDateTimeShort } from '../../functions/http/console/components.js';
import type { WrittenProcedure } from '../../shared/domain/written-procedure.js';
import { ballotToken } from '../../shared/use-cases/written-procedures.js';
import {
  expectAccessible,
  haveChromium,
  screenshot,
  startConsoleStage,
} from '../fixtures/console-browser.js';
import { testLinkSecret } from '../fixtures/test-app.js';

/** Three days from now, as a `datetime-local` value (read as Berlin time by the console). */
const inThreeDays = () => {
  const day = new Date(Date.now() + 3 * 86_400_000);
  const date = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(day);
  return `${date}T12:00`;
};

describe.skipIf(!haveChromium)('Browser: written procedures in the console', () => {
  let stage: Awaited<ReturnType<typeof startConsoleStage>>;
  let page: Page;
  let procedure: WrittenProcedure;
  const current = async () => {
    const stored = await stage.deps.repo.getProcedure(procedure.id);
    if (stored === undefined) throw new Error('no procedure');
    return stored;
  };

  beforeAll(async () => {
    stage = await startConsoleStage();
    page = await stage.signIn('gs@imk.example.org');
  }, 90_000);

  afterAll(async () => {
    await stage?.close();
  });

  it('starts a written procedure with two proposals and a deadline in Berlin time', async () => {
    // Prepare
    await page.goto(`${stage.base}/console/procedures`);
    await expectAccessible(page, 'procedures, none yet');
    await screenshot(page, 'procedures-empty');
    await page.getByRole('link', { name: 'Neues Umlaufverfahren' }).click();
    await expectAccessible(page, 'new procedure form');
    const deadline = inThreeDays();

    // Act
    await page.getByLabel('Gremium').selectOption('imk');
    await page.getByLabel('Betreff').fill('Unterbringung Geflüchteter');
    await page.locator('#vorschlag-0-titel').fill('Koordinierung der Unterbringung');
    await page.locator('#vorschlag-0-text').fill('Die Länder stimmen die Unterbringung ab.');
    await page.locator('#vorschlag-1-titel').fill('Berichtspflicht');
    await page.locator('#vorschlag-1-text').fill('Das Vorsitzland berichtet monatlich.');
    await page.getByLabel('Antwortfrist (deutsche Zeit)').fill(deadline);
    await screenshot(page, 'procedure-new');
    await page.getByRole('button', { name: 'Umlaufverfahren starten' }).click();
    await page.waitForSelector('.notice[role="status"]');

    // Assess
    const [started] = (await stage.deps.repo.listProceduresOfBody('imk', { limit: 5 })).items;
    if (started === undefined) throw new Error('no procedure started');
    procedure = started;
    expect(page.url()).toContain(`/console/procedures/${procedure.id}`);
    expect(procedure).toMatchObject({ title: 'Unterbringung Geflüchteter', state: 'open' });
    expect(procedure.resolutionIds).toHaveLength(2);
    expect(germanDateTimeShort(procedure.deadline)).toMatch(/, 12:00 Uhr$/);
    expect(
      new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(
        new Date(procedure.deadline),
      ),
    ).toBe(deadline.slice(0, 10));
    expect(await page.textContent('h1')).toBe('Unterbringung Geflüchteter');
    expect(await page.textContent('main')).toContain(
      '0 von 16 stimmberechtigten Mitgliedern haben geantwortet',
    );
    await expectAccessible(page, 'procedure started');
    await screenshot(page, 'procedure-started');
  });

  it('shows a Land’s answer given through its ballot link', async () => {
    // Prepare
    const ballot = (await stage.deps.repo.listBallots(procedure.id)).find(
      (b) => b.memberId === 'DE-BY',
    );
    if (ballot === undefined) throw new Error('no ballot for Bayern');
    const land = await stage.browser.newPage();

    // Act
    await land.goto(
      `${stage.base}/links/ballots/${ballotToken(testLinkSecret, procedure, ballot)}`,
    );
    for (const id of procedure.resolutionIds) {
      await land.check(`input[name="vote-${id}"][value="yes"]`);
    }
    await land.click('button[type="submit"]');
    await land.waitForSelector('.notice[role="status"]');
    await land.close();
    await page.reload();

    // Assess
    const row = page.locator('tr', { hasText: 'Bayern' });
    expect(await row.locator('td').allTextContents()).toEqual([
      'Ja',
      'Ja',
      expect.stringMatching(/^über den Link, .+ Uhr$/),
    ]);
    expect(
      await page.locator('tr', { hasText: 'Berlin' }).locator('td').first().textContent(),
    ).toBe('noch keine Antwort');
    expect(await page.textContent('main')).toContain(
      '1 von 16 stimmberechtigten Mitgliedern hat geantwortet',
    );
    await expectAccessible(page, 'procedure with an answer');
    await screenshot(page, 'procedure-answer');
  });

  it('reminds those without an answer, closes the procedure and shows the result', async () => {
    // Prepare
    const before = await current();

    // Act
    await page.getByRole('button', { name: '15 Mitglieder ohne Antwort erinnern' }).click();
    await page.waitForSelector('.notice[role="status"]');
    const reminded = await current();
    const queued = await stage.deps.repo.listQueuedOutbox(200);
    await expectAccessible(page, 'procedure reminded');
    await page.getByRole('button', { name: 'Verfahren jetzt abschließen' }).click();
    await page.waitForSelector('.notice[role="status"]');

    // Assess
    expect(reminded.version).toBe(before.version + 1);
    expect(
      queued.filter(
        (entry) => entry.kind === 'ballot-reminder' && entry.procedureId === procedure.id,
      ),
    ).toHaveLength(15);
    expect(await current()).toMatchObject({ state: 'closed', closedBecause: 'secretariat' });
    expect(await page.textContent('.notice[role="status"]')).toBe(
      'Das Umlaufverfahren ist abgeschlossen; alle Mitglieder erhalten das Ergebnis.',
    );
    expect(await page.locator('.result').allTextContents()).toEqual([
      'Ergebnis: Abgelehnt (1 Ja, 15 Nein, 0 Enthaltungen, 0 nicht teilgenommen)',
      'Ergebnis: Abgelehnt (1 Ja, 15 Nein, 0 Enthaltungen, 0 nicht teilgenommen)',
    ]);
    expect(
      await page.locator('tr', { hasText: 'Berlin' }).locator('td').first().textContent(),
    ).toBe('keine Antwort (gilt als Nein)');
    expect(await page.getByRole('button', { name: 'Verfahren jetzt abschließen' }).count()).toBe(0);
    await expectAccessible(page, 'procedure closed');
    await screenshot(page, 'procedure-closed');
    await page.goto(`${stage.base}/console/procedures`);
    expect(await page.locator('tbody tr').first().textContent()).toContain('abgeschlossen');
    await expectAccessible(page, 'procedures, one closed');
    await screenshot(page, 'procedures-list');
    expect(stage.policyViolations).toEqual([]);
  });
});
