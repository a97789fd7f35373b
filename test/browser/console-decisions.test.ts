import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { federationId, lands } from '../../shared/domain/lands.js';
import type { Resolution } from '../../shared/domain/resolution.js';
import { systemActor } from '../../shared/use-cases/context.js';
import { addStatement } from '../../shared/use-cases/resolutions.js';
import { sessionReleaseToken } from '../../shared/use-cases/session-release.js';
import { changeSessionState } from '../../shared/use-cases/sessions.js';
import {
  expectAccessible,
  haveChromium,
  screenshot,
  startConsoleStage,
} from '../fixtures/console-browser.js';
import { testLinkSecret } from '../fixtures/test-app.js';

/** Each Land's vote on the two resolutions: all agree, Bayern abstains on the second. */
const intended = (resolutionIndex: number, memberId: string) =>
  resolutionIndex === 1 && memberId === 'DE-BY' ? 'Enthaltung' : 'Ja';
/** How far down the list each vote is from "– offen –", by arrow key. */
const arrowsTo: Record<string, number> = { Ja: 1, Nein: 2, Enthaltung: 3 };

describe.skipIf(!haveChromium)('Browser: resolutions, vote grid and release in the console', () => {
  let stage: Awaited<ReturnType<typeof startConsoleStage>>;
  let secretariat: Page;
  let sessionId: string;
  const resolutionIds: string[] = [];
  const stored = async (): Promise<Resolution[]> =>
    Promise.all(
      resolutionIds.map(async (id) => {
        const resolution = await stage.deps.repo.getResolution(id);
        if (resolution === undefined) throw new Error(`no resolution ${id}`);
        return resolution;
      }),
    );

  beforeAll(async () => {
    stage = await startConsoleStage();
    sessionId = stage.sessionId;
    // The session is opened before the console records its resolutions.
    const planned = await stage.deps.repo.getSession(sessionId);
    const invited = await changeSessionState(
      stage.deps,
      systemActor,
      sessionId,
      'invited',
      planned?.version,
    );
    await changeSessionState(stage.deps, systemActor, sessionId, 'in_session', invited.version);
    secretariat = await stage.signIn('gs@imk.example.org');
  }, 90_000);

  afterAll(async () => {
    await stage?.close();
  });

  it('records a resolution on each of two agenda items', async () => {
    // Prepare
    await secretariat.goto(`${stage.base}/console/sessions/${sessionId}/resolutions`);
    expect(await secretariat.textContent('h1')).toBe('Beschlüsse');
    await expectAccessible(secretariat, 'resolutions, none yet');
    await screenshot(secretariat, 'resolutions-empty');
    const forms = secretariat.locator('details.new-resolution');

    // Act
    for (const [index, title] of [
      'Koordinierung der Unterbringung',
      'Lagebild Cybercrime',
    ].entries()) {
      await forms.nth(index).locator('summary').click();
      await forms.nth(index).getByLabel('Titel des Beschlusses').fill(title);
      await forms
        .nth(index)
        .getByLabel('Beschlusstext')
        .fill('Die Länder stimmen sich ab.\n\nDer Vorsitz berichtet zur nächsten Sitzung.');
      await forms.nth(index).getByRole('button', { name: 'Beschluss anlegen' }).click();
      await secretariat.waitForSelector('.notice[role="status"]');
    }

    // Assess
    const saved = await stage.deps.repo.listResolutionsOfSession(sessionId);
    const agenda = await stage.deps.repo.listAgenda(sessionId);
    const byTitle = (title: string) => saved.find((r) => r.title === title);
    expect(byTitle('Koordinierung der Unterbringung')?.itemId).toBe(agenda[0]?.id);
    expect(byTitle('Lagebild Cybercrime')?.itemId).toBe(agenda[1]?.id);
    resolutionIds.push(
      byTitle('Koordinierung der Unterbringung')?.id ?? '',
      byTitle('Lagebild Cybercrime')?.id ?? '',
    );
    expect(await secretariat.textContent('.notice[role="status"]')).toBe(
      'Der Beschlussentwurf ist angelegt.',
    );
    expect(await secretariat.locator('article.resolution .badge').allTextContents()).toEqual([
      'Entwurf',
      'Entwurf',
    ]);
    await expectAccessible(secretariat, 'resolutions, two drafts');
    await screenshot(secretariat, 'resolutions-drafts');
  });

  it('enters the whole vote grid with the keyboard alone, row by row, and saves it with one submit', async () => {
    // Prepare
    await secretariat.goto(`${stage.base}/console/sessions/${sessionId}/votes`);
    await expectAccessible(secretariat, 'vote grid, empty');
    await screenshot(secretariat, 'votes-empty');
    const focused = () => secretariat.evaluate<string>("document.activeElement?.id ?? ''");
    const cells: string[] = [];

    // Act: from the skip link, Tab to the first cell, then through every cell.
    await secretariat.keyboard.press('Tab');
    for (let n = 0; n < 40 && !(await focused()).startsWith('stimme-'); n += 1) {
      await secretariat.keyboard.press('Tab');
    }
    for (let id = await focused(); id.startsWith('stimme-'); id = await focused()) {
      cells.push(id);
      const resolutionIndex = resolutionIds.findIndex((r) => id.startsWith(`stimme-${r}-`));
      const memberId = id.slice(`stimme-${resolutionIds[resolutionIndex]}-`.length);
      for (let k = 0; k < (arrowsTo[intended(resolutionIndex, memberId)] ?? 0); k += 1) {
        await secretariat.keyboard.press('ArrowDown');
      }
      await secretariat.keyboard.press('Tab');
    }
    await expectAccessible(secretariat, 'vote grid, filled');
    await screenshot(secretariat, 'votes-filled');
    while (
      (await secretariat.evaluate<string>('document.activeElement?.textContent')) !==
      'Stimmen speichern'
    ) {
      await secretariat.keyboard.press('Tab');
    }
    await secretariat.keyboard.press('Enter');
    await secretariat.waitForSelector('.notice[role="status"]');

    // Assess: row by row, a Land's two cells one after the other; the Bund has none.
    const codes = lands.map((land) => land.code);
    expect(cells).toHaveLength(2 * codes.length);
    expect(cells.slice(0, 2)).toEqual([
      `stimme-${resolutionIds[0]}-${cells[0]?.split('-').slice(-2).join('-')}`,
      `stimme-${resolutionIds[1]}-${cells[0]?.split('-').slice(-2).join('-')}`,
    ]);
    const [first, second] = await stored();
    for (const code of codes) {
      expect(first?.votes[code]).toMatchObject({ vote: 'yes', channel: 'secretariat' });
      expect(second?.votes[code]?.vote).toBe(code === 'DE-BY' ? 'abstain' : 'yes');
    }
    expect(first?.votes[federationId]).toBeUndefined();
    expect(first?.state).toBe('draft');
    expect(await secretariat.textContent('.notice[role="status"]')).toBe(
      'Die Stimmen sind gespeichert.',
    );
    expect(await secretariat.locator('tfoot td').first().textContent()).toContain(
      'Einstimmigkeit erreicht',
    );
    await expectAccessible(secretariat, 'vote grid, saved');
    await screenshot(secretariat, 'votes-saved');
    await secretariat.emulateMedia({ media: 'print' });
    expect(await secretariat.getByRole('button', { name: 'Stimmen speichern' }).isVisible()).toBe(
      false,
    );
    expect(await secretariat.locator('.decision-nav').isVisible()).toBe(false);
    await screenshot(secretariat, 'votes-print');
    await secretariat.emulateMedia({ media: 'screen' });
  });

  it('refuses a grid saved from a stale page with the German 412 page, keeping the votes as they were', async () => {
    // Prepare
    const response = await secretariat.goto(`${stage.base}/console/sessions/${sessionId}/votes`);
    const html = (await response?.text()) ?? '';
    await addStatement(stage.deps, systemActor, resolutionIds[0] ?? '', {
      memberIds: ['DE-SN'],
      text: 'Sachsen verweist auf seinen Kabinettsbeschluss.',
    });
    await secretariat.locator(`#stimme-${resolutionIds[0]}-DE-HH`).selectOption('no');

    // Act
    const [answer] = await Promise.all([
      secretariat.waitForResponse((r) => r.request().method() === 'POST'),
      secretariat.getByRole('button', { name: 'Stimmen speichern' }).click(),
    ]);
    await secretariat.waitForLoadState();

    // Assess
    expect(new TextEncoder().encode(html).length).toBeLessThan(60_000);
    expect(answer.status()).toBe(412);
    expect(await secretariat.textContent('#problem')).toMatch(/geändert/);
    expect((await stored())[0]?.votes['DE-HH']?.vote).toBe('yes');
    await expectAccessible(secretariat, 'vote grid, stale');
    await screenshot(secretariat, 'votes-stale');
  });

  it('adds a protocol statement and decides both resolutions by the body’s rule', async () => {
    // Prepare
    await secretariat.goto(`${stage.base}/console/sessions/${sessionId}/resolutions`);
    const second = secretariat.locator(`#beschluss-${resolutionIds[1]}`);

    // Act
    await second.getByText('Protokollerklärung hinzufügen').click();
    await second.getByLabel('Mitglied', { exact: true }).selectOption('DE-BY');
    await second.getByLabel('Text der Erklärung').fill('Bayern hält weitere Prüfungen für nötig.');
    await second.getByRole('button', { name: 'Erklärung aufnehmen' }).click();
    await secretariat.waitForSelector('.notice[role="status"]');
    await expectAccessible(secretariat, 'resolutions, statement added');
    for (const id of resolutionIds) {
      await secretariat
        .locator(`#beschluss-${id}`)
        .getByRole('button', { name: 'Abstimmung schließen und beschließen' })
        .click();
      await secretariat.waitForSelector('.notice[role="status"]');
    }

    // Assess
    const [first, decided] = await stored();
    expect(decided?.statements).toMatchObject([
      { memberIds: ['DE-BY'], text: 'Bayern hält weitere Prüfungen für nötig.' },
    ]);
    expect(first).toMatchObject({ state: 'decided', outcome: 'passed' });
    expect(decided).toMatchObject({
      state: 'decided',
      outcome: 'passed',
      tally: { yes: 15, no: 0, abstain: 1, absent: 0 },
    });
    expect(await secretariat.locator('.result').allTextContents()).toEqual([
      'Ergebnis: Einstimmig angenommen (16 Ja, 0 Nein, 0 Enthaltungen, 0 nicht teilgenommen)',
      'Ergebnis: Einstimmig angenommen (15 Ja, 0 Nein, 1 Enthaltung, 0 nicht teilgenommen)',
    ]);
    expect(await second.textContent()).toContain(
      'Bayern: Bayern hält weitere Prüfungen für nötig.',
    );
    await expectAccessible(secretariat, 'resolutions, decided');
    await screenshot(secretariat, 'resolutions-decided');
  });

  it('lets the chair propose the release and shows each Land’s consent without a reload', async () => {
    // Prepare
    const chair = await stage.signIn('vorsitz@de-hh.example.org');
    await chair.goto(`${stage.base}/console/sessions/${sessionId}/release`);
    await expectAccessible(chair, 'release, nothing proposed');
    await screenshot(chair, 'release-empty');

    // Act
    await chair.getByRole('button', { name: 'Freigabe vorschlagen' }).click();
    await chair.waitForSelector('.notice[role="status"]');
    await expectAccessible(chair, 'release, proposed');
    await chair.evaluate("document.body.dataset.unchanged = 'ja'");
    const batch = await stored();
    const link = `/links/session-releases/${sessionReleaseToken(testLinkSecret, sessionId, batch, 'DE-BY')}`;
    const land = await stage.browser.newPage();
    await land.goto(`${stage.base}${link}?antwort=einverstanden`);
    await land.click('button[type="submit"]');
    await land.waitForSelector('.notice[role="status"]');
    await land.close();
    const bavaria = chair.locator('#freigabe-stand tr', { hasText: 'Bayern' });
    await bavaria.locator('td', { hasText: 'Zustimmung' }).first().waitFor({ timeout: 12_000 });

    // Assess
    expect(batch.every((r) => r.release?.objectionDeadline !== undefined)).toBe(true);
    expect((await stored()).map((r) => r.release?.consents)).toEqual([['DE-BY'], ['DE-BY']]);
    expect(await bavaria.locator('td').allTextContents()).toEqual(['Zustimmung', 'Zustimmung']);
    expect(
      await chair
        .locator('#freigabe-stand tr', { hasText: 'Berlin' })
        .locator('td')
        .allTextContents(),
    ).toEqual(['offen', 'offen']);
    expect(await chair.textContent('#freigabe-stand')).toContain(
      '1 von 16 Ländern hat geantwortet',
    );
    expect(await chair.evaluate<string>('document.body.dataset.unchanged')).toBe('ja');
    expect(await chair.getAttribute('#freigabe-stand', 'aria-live')).toBe('polite');
    await expectAccessible(chair, 'release, a consent arrived');
    await screenshot(chair, 'release-consent');
    expect(stage.policyViolations).toEqual([]);
    await chair.context().close();
  }, 60_000);
});
