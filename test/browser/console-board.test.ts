import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseInboundMail } from '../../shared/adapters/mail/parse-inbound.js';
import type { Invitation } from '../../shared/domain/invitation.js';
import type { Session } from '../../shared/domain/session.js';
import { replyAddress } from '../../shared/mail/invitation-mail.js';
import { systemActor } from '../../shared/use-cases/context.js';
import { processInboundMail } from '../../shared/use-cases/inbound-mail.js';
import { answerToken, sendInvitations } from '../../shared/use-cases/invitations.js';
import {
  expectAccessible,
  haveChromium,
  screenshot,
  startConsoleStage,
} from '../fixtures/console-browser.js';
import { passingVerdicts, rawReply } from '../fixtures/raw-mail.js';
import { outlookTop } from '../fixtures/reply-texts.js';
import { testLinkSecret } from '../fixtures/test-app.js';

/** The text of a Land's row on the board. */
const row = (page: Page, land: string) =>
  page.locator('#board-live tbody tr', { has: page.locator(`th:text-is("${land}")`) });

describe.skipIf(!haveChromium)('Browser: the live attendance board', () => {
  let stage: Awaited<ReturnType<typeof startConsoleStage>>;
  let secretariat: Page;
  let invited: Invitation[];
  let boardPath = '';

  const deps = () => ({
    ...stage.deps,
    linkSecret: testLinkSecret,
    senderDomain: 'imk.example.org',
  });
  const principal = (memberId: string) =>
    invited.find((i) => i.memberId === memberId && i.capacity === 'principal') as Invitation;

  beforeAll(async () => {
    stage = await startConsoleStage();
    ({ invited } = await sendInvitations(deps(), systemActor, stage.sessionId, {
      includeOfficeContacts: true,
    }));
    boardPath = `/console/sessions/${stage.sessionId}/board`;
    secretariat = await stage.signIn('gs@imk.example.org');
  }, 90_000);

  afterAll(async () => {
    await stage?.close();
  });

  it('shows every Land with its answer, totals and the press sentence', async () => {
    // Act
    await secretariat.goto(`${stage.base}${boardPath}`);

    // Assess
    expect(await secretariat.locator('#board-live tbody tr').count()).toBe(17);
    expect(await row(secretariat, 'Bayern').textContent()).toContain('offen');
    expect(await secretariat.textContent('.board-totals')).toContain('17 offen');
    expect(await secretariat.getAttribute('#board-status', 'aria-live')).toBe('polite');
    expect(await secretariat.textContent('#pressesatz')).not.toBe('');
    expect(Buffer.byteLength(await secretariat.content())).toBeLessThan(60 * 1024);
    await expectAccessible(secretariat, 'board, nobody answered');
    await screenshot(secretariat, 'board-empty');
  });

  it('shows a minister’s answer by mail link within 5 seconds, without a reload', async () => {
    // Prepare
    await secretariat.goto(`${stage.base}${boardPath}`);
    await secretariat.evaluate('window.boardNotReloaded = true');
    await secretariat.locator('#pressesatz-kopieren').focus();
    const session = (await stage.deps.repo.getSession(stage.sessionId)) as Session;
    const link = `/links/invitations/${answerToken(deps(), session, principal('DE-BY'))}`;
    const minister = await stage.browser.newPage();

    // Act
    await minister.goto(`${stage.base}${link}?antwort=zusage`);
    await minister.click('button[type="submit"]');
    await minister.waitForSelector('.notice[role="status"]');
    const answered = Date.now();

    // Assess
    await row(secretariat, 'Bayern').locator('text=Zusage').first().waitFor({ timeout: 5_000 });
    expect(Date.now() - answered).toBeLessThan(5_000);
    expect(await secretariat.evaluate('window.boardNotReloaded')).toBe(true);
    expect(await row(secretariat, 'Bayern').textContent()).toContain('Antwortlink');
    expect(await secretariat.textContent('#board-status')).toContain(
      'Neue Antworten: Bayern (Zusage)',
    );
    expect(await secretariat.evaluate('document.activeElement?.id')).toBe('pressesatz-kopieren');
    expect(await secretariat.textContent('.board-totals')).toContain('1 Zusage');
    await expectAccessible(secretariat, 'board after a link answer');
    await screenshot(secretariat, 'board-live');
    await minister.close();
  });

  it('records an answer taken by phone', async () => {
    // Prepare
    await secretariat.goto(`${stage.base}${boardPath}`);
    const hessen = principal('DE-HE');

    // Act
    await secretariat.selectOption('#telefon-person', hessen.id);
    await secretariat.check('#telefon-represented');
    await secretariat.fill('#telefon-vertretung', 'Staatssekretärin Dr. Petra Lang');
    await secretariat.fill('#telefon-notiz', 'Anruf des Ministerbüros');
    await secretariat.click('button:has-text("Antwort eintragen")');

    // Assess
    await secretariat.waitForURL(/hinweis=eingetragen/);
    const line = await row(secretariat, 'Hessen').textContent();
    expect(line).toContain('vertreten');
    expect(line).toContain('Staatssekretärin Dr. Petra Lang');
    expect(line).toContain('Geschäftsstelle (Telefon o. Ä.)');
    await expectAccessible(secretariat, 'board after a phone answer');
  });

  it('applies a mail reply that waited for review', async () => {
    // Prepare: a contradictory reply from Nordrhein-Westfalen
    const nrw = principal('DE-NW');
    const raw = rawReply({
      from: nrw.email,
      to: replyAddress(nrw.id, testLinkSecret, 'imk.example.org'),
      subject: 'AW: Einladung: Konstituierende Sitzung der IMK',
      messageId: '<board-review@de-nw.example.org>',
      text: outlookTop(['Zusage.', '', 'Leider kann ich doch nicht teilnehmen.']),
    });
    const record = await processInboundMail(
      deps(),
      await parseInboundMail(raw, { verdicts: passingVerdicts }),
    );
    expect(record.state).toBe('review');
    await secretariat.goto(`${stage.base}${boardPath}`);
    expect(await secretariat.textContent('#pruefung + .review-list')).toContain(nrw.email);
    await expectAccessible(secretariat, 'board with a reply in review');
    await screenshot(secretariat, 'board-review');

    // Act
    await secretariat.selectOption('.review-list select[name="status"]', 'declined');
    await secretariat.fill(
      '.review-list input[name="note"] >> nth=0',
      'Absage telefonisch bestätigt',
    );
    await secretariat.click('.review-list button:has-text("Übernehmen")');

    // Assess
    await secretariat.waitForURL(/hinweis=uebernommen/);
    expect(await row(secretariat, 'Nordrhein-Westfalen').textContent()).toContain('Absage');
    expect(await secretariat.textContent('section[aria-labelledby="pruefung"]')).toContain(
      'Keine Mail wartet auf Prüfung.',
    );
    await expectAccessible(secretariat, 'board after applying a reply');

    // The board prints as an attendance list
    await secretariat.emulateMedia({ media: 'print' });
    await screenshot(secretariat, 'board-print');
    await secretariat.emulateMedia({ media: 'screen' });
    expect(stage.policyViolations).toEqual([]);
  });
});
