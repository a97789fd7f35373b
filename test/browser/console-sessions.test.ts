import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expectAccessible,
  haveChromium,
  screenshot,
  startConsoleStage,
} from '../fixtures/console-browser.js';

/** The ids of the agenda's items, in the order the page shows them. */
const agendaOrder = (page: Page) =>
  page
    .locator('#agenda-items > li')
    .evaluateAll((items) => items.map((li) => li.textContent ?? ''));

/** Presses Tab until the element with this id has the focus (keyboard only). */
const tabTo = async (page: Page, id: string) => {
  for (let step = 0; step < 80; step += 1) {
    if ((await page.evaluate('document.activeElement?.id')) === id) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached #${id}`);
};

describe.skipIf(!haveChromium)('Browser: a session in the console', () => {
  let stage: Awaited<ReturnType<typeof startConsoleStage>>;
  let secretariat: Page;
  let sessionPath = '';

  beforeAll(async () => {
    stage = await startConsoleStage();
    secretariat = await stage.signIn('gs@imk.example.org');
  }, 90_000);

  afterAll(async () => {
    await stage?.close();
  });

  it('plans a session in Berlin time, after showing what is missing in German', async () => {
    // Prepare
    const page = secretariat;
    await page.goto(`${stage.base}/console/bodies/imk/sessions/new`);
    await expectAccessible(page, 'new session');
    await page.fill('#feld-title', 'Herbstkonferenz der IMK');
    await page.fill('#feld-startsAt', '2027-11-24T10:00');
    await page.fill('#feld-endsAt', '2027-11-24T09:00');

    // Act: the end lies before the start, and an in-person session needs a place
    await page.click('button:has-text("Sitzung anlegen")');

    // Assess
    expect(await page.textContent('#fehler')).toContain(
      'Das Ende der Sitzung muss nach ihrem Beginn liegen.',
    );
    expect(await page.textContent('#fehler')).toContain('nennen Sie bitte den Ort');
    expect(await page.inputValue('#feld-title')).toBe('Herbstkonferenz der IMK');
    await expectAccessible(page, 'new session with errors');
    await screenshot(page, 'session-new-errors');

    // Act: corrected
    await page.fill('#feld-endsAt', '2027-11-26T13:00');
    await page.fill('#feld-answerDeadline', '2027-11-10T18:00');
    await page.fill('#feld-city', 'Bremen');
    await page.fill('#feld-building', 'Rathaus');
    await page.click('button:has-text("Sitzung anlegen")');

    // Assess
    await page.waitForURL(/\/console\/sessions\/[0-9A-Z]{26}\?hinweis=angelegt$/);
    sessionPath = new URL(page.url()).pathname;
    const facts = await page.textContent('dl.facts');
    expect(facts).toContain('Mi., 24. November 2027, 10:00 Uhr');
    expect(facts).toContain('Fr., 26. November 2027, 13:00 Uhr');
    expect(facts).toContain('Bremen – Rathaus');
    expect(await page.textContent('.notice')).toContain('Die Sitzung ist angelegt.');
    await expectAccessible(page, 'session hub');
    await screenshot(page, 'session-hub');
  });

  it('edits the session, and a stale form gets the German 412 page', async () => {
    // Prepare: two forms of the same version
    const page = secretariat;
    await page.goto(`${stage.base}${sessionPath}/edit`);
    const other = await page.context().newPage();
    await other.goto(`${stage.base}${sessionPath}/edit`);
    expect(await page.inputValue('#feld-startsAt')).toBe('2027-11-24T10:00');

    // Act
    await page.fill('#feld-title', 'Herbstkonferenz 2027 der IMK');
    await page.click('button:has-text("Änderungen speichern")');
    await other.fill('#feld-room', 'Festsaal');
    await other.click('button:has-text("Änderungen speichern")');

    // Assess
    await page.waitForURL(/hinweis=gespeichert/);
    expect(await page.textContent('h1')).toBe('Herbstkonferenz 2027 der IMK');
    expect(await other.textContent('#problem')).toMatch(/geändert|Version/);
    await expectAccessible(other, 'stale session form');
    await screenshot(other, 'session-edit-stale');
    await other.close();
  });

  it('builds the agenda and reorders it with the keyboard alone', async () => {
    // Prepare
    const page = secretariat;
    await page.goto(`${stage.base}${sessionPath}/agenda`);
    await expectAccessible(page, 'empty agenda');
    for (const [number, title] of [
      ['1', 'Begrüßung und Feststellung der Tagesordnung'],
      ['2', 'Lagebild Cybersicherheit'],
      ['3', 'Verschiedenes'],
    ] as const) {
      await page.fill('#feld-number', number);
      await page.fill('#feld-title', title);
      if (number === '1') await page.check('#neu-oeffentlich');
      await page.click('button:has-text("Punkt hinzufügen")');
      await page.waitForURL(/hinweis=hinzugefuegt/);
    }
    const firstId = await page.locator('#agenda-items > li').first().getAttribute('data-item-id');

    // Act: Tab to "nach unten" of the first item, press Enter twice
    await page.locator('h1').focus();
    await tabTo(page, `top-${firstId}-down`);
    await page.keyboard.press('Enter');
    await page.waitForURL(/bewegt=/);
    const focused = await page.evaluate('document.activeElement?.id');
    await Promise.all([page.waitForEvent('framenavigated'), page.keyboard.press('Enter')]);
    await page.waitForLoadState('load');

    // Assess
    expect(focused).toBe(`top-${firstId}-down`);
    const order = await agendaOrder(page);
    expect(order.map((text) => text.match(/TOP (\d)/)?.[1])).toEqual(['2', '3', '1']);
    expect(await page.textContent('.notice')).toContain('steht jetzt an Stelle 3 von 3');
    expect(await page.evaluate('document.activeElement?.id')).toBe(`top-${firstId}-up`);
    expect(await page.textContent('#genehmigung')).toContain('Genehmigung');
    await expectAccessible(page, 'agenda with items');
    await screenshot(page, 'agenda');
  });

  it('reorders the agenda by dragging an item as well', async () => {
    // Prepare
    const page = secretariat;
    await page.goto(`${stage.base}${sessionPath}/agenda`);
    const items = page.locator('#agenda-items > li');

    // Act: the last item onto the first
    await Promise.all([page.waitForURL(/hinweis=sortiert/), items.nth(2).dragTo(items.nth(0))]);

    // Assess
    const order = await agendaOrder(page);
    expect(order.map((text) => text.match(/TOP (\d)/)?.[1])).toEqual(['1', '2', '3']);
    expect(await page.textContent('.notice')).toContain('Die neue Reihenfolge ist gespeichert.');
  });

  it('lets the chair approve the agenda', async () => {
    // Prepare
    const chair = await stage.signIn('vorsitz@de-hh.example.org');
    await chair.goto(`${stage.base}${sessionPath}/agenda`);

    // Act
    await chair.click('button:has-text("Tagesordnung genehmigen")');

    // Assess
    await chair.waitForURL(/hinweis=genehmigt/);
    expect(await chair.textContent('section[aria-labelledby="genehmigung"]')).toContain(
      'Genehmigt von vorsitz@de-hh.example.org',
    );
    await expectAccessible(chair, 'agenda approved');
    await screenshot(chair, 'agenda-approved');
    await chair.context().close();
  });

  it('sends the invitations after saying how many get a mail, and shows each mail’s state', async () => {
    // Prepare
    const page = secretariat;
    await page.goto(`${stage.base}${sessionPath}`);
    await page.click('a:has-text("Einladungen versenden")');
    const recipients = await page.textContent('#empfaenger');
    await expectAccessible(page, 'invitation confirmation');
    await screenshot(page, 'invitations-confirm');

    // Act
    await page.click('button:has-text("Einladungen versenden")');

    // Assess
    await page.waitForURL(/\/mails\?hinweis=versandt-\d+$/);
    const count = Number(/versandt-(\d+)/.exec(page.url())?.[1]);
    expect(recipients).toContain(`${count} Ministerinnen und Minister erhalten`);
    expect(count).toBeGreaterThan(10);
    expect(await page.textContent('.notice')).toContain(`an ${count} Personen sind auf dem Weg`);
    expect(await page.locator('tbody tr').count()).toBe(count);
    expect(Buffer.byteLength(await page.content())).toBeLessThan(60 * 1024);
    expect(await page.locator('tbody .badge:has-text("wartet auf Versand")').count()).toBe(count);
    await expectAccessible(page, 'mails queued');

    // Act: one mail fails, the secretariat sends it again
    const sessionId = sessionPath.split('/').at(-1) ?? '';
    const { items } = await stage.deps.repo.listOutboxInState('queued', { limit: 100 });
    const entry = items.find((e) => 'invitationId' in e && e.sessionId === sessionId);
    if (entry === undefined) throw new Error('no queued mail');
    await stage.deps.repo.commit(
      [
        {
          type: 'outbox',
          op: 'replace',
          entry: {
            ...entry,
            state: 'failed',
            failure: 'Address rejected',
            updatedAt: entry.createdAt,
          },
          expectedState: 'queued',
        },
      ],
      [],
    );
    await page.reload();
    expect(await page.locator('tbody .badge:has-text("fehlgeschlagen")').count()).toBe(1);
    await expectAccessible(page, 'mails with a failure');
    await screenshot(page, 'mails');
    await page.click('button:has-text("Erneut senden")');

    // Assess
    await page.waitForURL(/hinweis=erneut/);
    expect(await page.locator('tbody .badge:has-text("fehlgeschlagen")').count()).toBe(0);
    expect(await page.textContent('.notice')).toContain('Die Mail wird erneut versandt.');
    const hub = await page.goto(`${stage.base}${sessionPath}`);
    expect(hub?.status()).toBe(200);
    expect(await page.textContent('dl.facts')).toContain('eingeladen');
    expect(stage.policyViolations).toEqual([]);
  });
});
