import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../shared/use-cases/context.js';
import { recordAnswerForInvitee, sendInvitations } from '../../shared/use-cases/invitations.js';
import { makeAdmin } from '../../shared/use-cases/staff.js';
import {
  expectAccessible,
  haveChromium,
  screenshot,
  startConsoleStage,
} from '../fixtures/console-browser.js';

describe.skipIf(!haveChromium)('Browser: overview, calendar, bodies, staff and audit', () => {
  let stage: Awaited<ReturnType<typeof startConsoleStage>>;

  beforeAll(async () => {
    stage = await startConsoleStage();
    // The invitations are out and Bayern has answered, so the overview has answers to show.
    const deps = { ...stage.deps, linkSecret: await stage.deps.linkSecret() };
    const { invited } = await sendInvitations(deps, systemActor, stage.sessionId, {});
    const bayern = invited.find((invitation) => invitation.memberId === 'DE-BY');
    await recordAnswerForInvitee(deps, systemActor, stage.sessionId, bayern?.id ?? '', {
      status: 'accepted',
    });
    await makeAdmin(stage.deps, { email: 'it@imk.example.org', name: 'IT-Betrieb' });
  }, 120_000);

  afterAll(async () => {
    await stage?.close();
  });

  it('shows the secretariat its sessions with answers and tasks, and March 2027 with the constitutive session', async () => {
    // Act
    const page = await stage.signIn('gs@imk.example.org');

    // Assess
    const row = page.locator('tbody tr', { hasText: 'Konstituierende Sitzung' });
    expect(await row.textContent()).toContain('1 Zusage, 0 Absagen, 16 offen');
    expect(await row.textContent()).toContain('Tagesordnung noch nicht vom Vorsitz freigegeben');
    expect(await page.locator('a', { hasText: 'Neue Sitzung' }).count()).toBe(2);
    await expectAccessible(page, 'overview with tasks');
    await screenshot(page, 'overview-tasks');

    // Act
    await page.click('text=Monatskalender öffnen');
    await page.goto(`${stage.base}/console/calendar?monat=2027-03`);

    // Assess
    expect(await page.textContent('h1')).toBe('Kalender März 2027');
    const third = page.locator('td', { hasText: '3. März 2027' });
    expect(await third.locator('a').getAttribute('href')).toBe(
      `/console/sessions/${stage.sessionId}`,
    );
    expect(await page.locator('thead th[scope="col"]').count()).toBe(7);
    await expectAccessible(page, 'calendar March 2027');
    await screenshot(page, 'calendar-2027-03');
    await page.context().close();
  });

  it('adds an office contact to a member with the keyboard alone, and reads the body’s audit', async () => {
    // Prepare
    const page = await stage.signIn('gs@imk.example.org');
    await page.click('nav[aria-label="Hauptnavigation"] >> text=Gremien');
    await page.click('table >> text=IMK');
    expect(await page.textContent('h1')).toContain('Innenminister');
    await expectAccessible(page, 'body page');
    await screenshot(page, 'body-imk');

    // Act: from the member's link to the new person's fields, by keyboard only.
    await page.focus('a[href="/console/bodies/imk/members/DE-BY"]');
    await page.keyboard.press('Enter');
    await page.waitForURL(/members\/DE-BY$/);
    await expectAccessible(page, 'member page');
    await page.focus('#neu-capacity');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Eva Berger');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Referentin im Ministerbüro');
    await page.keyboard.press('Tab');
    await page.keyboard.type('eva.berger@de-by.example.org');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.waitForURL(/hinweis=person/);

    // Assess
    expect(await page.textContent('[role="status"]')).toBe('Die Person ist eingetragen.');
    expect(await page.textContent('main')).toContain('Eva Berger – Ansprechperson im Büro');
    await expectAccessible(page, 'member page after adding a person');
    await screenshot(page, 'member-bayern');

    // Act: a salutation that is not one is refused with a readable page.
    await page.fill('#neu-name', 'Max Muster');
    await page.fill('#neu-salutation', 'Dr. Muster');
    await page.fill('#neu-function', 'Referent');
    await page.fill('#neu-email', 'max.muster@de-by.example.org');
    await page.click('text=Person hinzufügen');

    // Assess
    expect(await page.textContent('#problem')).toContain('Beginnt mit „Herr “ oder „Frau “');
    await expectAccessible(page, 'refused person');
    await screenshot(page, 'member-refused');

    // Act
    await page.goto(`${stage.base}/console/bodies/imk`);
    await page.click('text=Änderungsverlauf des Gremiums');

    // Assess
    const trail = await page.locator('ol.audit-trail li').allTextContents();
    expect(trail[0]).toMatch(
      /^Geschäftsstelle der IMK hat am .* die Angaben oder Personen des Mitglieds Bayern geändert\.Geändert: Personen$/,
    );
    expect(trail.at(-1)).toMatch(/^Das System hat am .* (angelegt|aufgenommen)\.$/);
    await expectAccessible(page, 'audit of the body');
    await screenshot(page, 'audit-imk');
    await page.context().close();
  });

  it('lets an admin create a working group like the IMK', async () => {
    // Prepare
    const page = await stage.signIn('it@imk.example.org');
    await page.goto(`${stage.base}/console/bodies`);
    await expectAccessible(page, 'bodies with the form');
    await screenshot(page, 'bodies');

    // Act
    await page.fill('#feld-id', 'ak-vi');
    await page.fill('#feld-name', 'Arbeitskreis VI – Organisation, Öffentliches Dienstrecht');
    await page.fill('#feld-shortName', 'AK VI');
    await page.selectOption('#feld-parent', 'imk');
    await page.selectOption('#feld-copy', 'imk');
    await page.click('text=Gremium anlegen');

    // Assess
    await page.waitForURL(/\/console\/bodies\/ak-vi\?hinweis=angelegt$/);
    expect(await page.textContent('[role="status"]')).toBe('Das Gremium ist angelegt.');
    expect(await page.locator('tbody th[scope="row"]').count()).toBe(17);
    await expectAccessible(page, 'new working group');
    await screenshot(page, 'body-ak-vi');
    await page.context().close();
  });

  it('lets the secretariat create a staff member with a press grant', async () => {
    // Prepare
    const page = await stage.signIn('gs@imk.example.org');
    await page.click('nav[aria-label="Hauptnavigation"] >> text=Personal');
    await expectAccessible(page, 'staff list');

    // Act
    await page.fill('#feld-name', 'Lena Vogt');
    await page.fill('#feld-email', 'presse@de-be.example.org');
    await page.fill('#feld-salutation', 'Frau Pressesprecherin');
    await page.fill('#feld-phone', '+49 30 9027-0');
    await page.check('input[name="grant"][value="press:imk"]');
    await page.click('text=Person anlegen und einladen');

    // Assess
    await page.waitForURL(/hinweis=angelegt/);
    expect(await page.textContent('h1')).toBe('Frau Pressesprecherin Lena Vogt');
    expect(await page.textContent('dl.facts')).toContain('IMK: Presse');
    await expectAccessible(page, 'staff member created');
    await screenshot(page, 'staff-member');
    await page.goto(`${stage.base}/console/staff`);
    expect(await page.textContent('tbody')).toContain('Lena Vogt');
    await screenshot(page, 'staff');
    expect(stage.policyViolations).toEqual([]);
    await page.context().close();
  });
});
