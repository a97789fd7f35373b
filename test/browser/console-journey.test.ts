import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SesMailSender } from '../../shared/adapters/ses/ses-mail-sender.js';
import { lands } from '../../shared/domain/lands.js';
import { subscriberId } from '../../shared/domain/press-list.js';
import { liveFacts } from '../../shared/use-cases/press-releases.js';
import { runScheduledJobs } from '../../shared/use-cases/scheduled-jobs.js';
import {
  berlinField,
  expectAccessible,
  haveChromium,
  screenshot,
  startConsoleStage,
} from '../fixtures/console-browser.js';
import { linkIn, startOwnSes } from '../fixtures/mail-links.js';
import { deliverQueued, testMailer } from '../fixtures/mailer.js';
import type { StoredMail } from '../fixtures/ses-inbox.js';

/** The product's clock, which the story moves on past the embargo. */
let offsetMs = 0;
const clock = { now: () => new Date(Date.now() + offsetMs) };

/** A minister's address in the demo conference. */
const minister = (code: string) => `minister@${code.toLowerCase()}.example.org`;

/** The row of a Land on the attendance board. */
const boardRow = (page: Page, land: string) =>
  page.locator('#board-live tbody tr', { has: page.locator(`th:text-is("${land}")`) });

/** A window of someone who is not signed in: a minister or a journalist. */
const anonymousPage = async (browser: Browser) => {
  const context = await browser.newContext({ locale: 'de-DE', timezoneId: 'Europe/Berlin' });
  return context.newPage();
};

describe.skipIf(!haveChromium)(
  'Browser: the constitutive session from invitation to communiqué',
  () => {
    let stage: Awaited<ReturnType<typeof startConsoleStage>>;
    let ses: Awaited<ReturnType<typeof startOwnSes>>;
    let secretariat: Page;
    let chair: Page;
    let press: Page;
    let sessionPath = '';
    let releaseId = '';
    /** The live fact the communiqué quotes: who attends, as the two answers left it. */
    let attendance = '';
    const communiqué = 'IMK tagt in Hamburg und fasst ihre ersten Beschlüsse';
    const resolutionTitles = ['Lage in der Ukraine', 'Gemeinsam gegen Internetkriminalität'];

    /** Sends every queued mail through the local SES; the mails the inbox holds then. */
    const deliverMail = async (): Promise<StoredMail[]> => {
      await deliverQueued(
        testMailer(
          stage.deps.repo,
          clock,
          new SesMailSender({ region: 'eu-central-1', endpoint: ses.endpoint }),
        ),
      );
      return ses.inbox();
    };

    /** The first mail to this address whose text has a link under `prefix`. */
    const mailWithLink = (mails: StoredMail[], to: string, prefix: string) => {
      const mail = mails.find(
        (m) => m.destination.to.join().includes(to) && (m.body.text ?? '').includes(prefix),
      );
      return linkIn(mail, prefix);
    };

    beforeAll(async () => {
      ses = await startOwnSes();
      stage = await startConsoleStage({ clock });
      secretariat = await stage.signIn('gs@imk.example.org');
      chair = await stage.signIn('vorsitz@de-hh.example.org');
      press = await stage.signIn('presse@de-hh.example.org');
    }, 120_000);

    afterAll(async () => {
      await stage?.close();
      await ses?.stop();
    });

    it('1. the secretariat checks the agenda, the chair approves it, and the invitations go out', async () => {
      // Prepare: from the overview to the session, by its link
      await secretariat.click('tbody a:has-text("Konstituierende Sitzung der IMK")');
      await secretariat.waitForURL(/\/console\/sessions\/[0-9A-Z]{26}$/);
      sessionPath = new URL(secretariat.url()).pathname;
      expect(sessionPath).toBe(`/console/sessions/${stage.sessionId}`);
      expect(await secretariat.textContent('dl.facts')).toContain(
        'noch nicht vom Vorsitz genehmigt',
      );
      await secretariat.click('a:text-is("Tagesordnung")');
      await secretariat.waitForURL(`${stage.base}${sessionPath}/agenda`);
      const items = await secretariat.locator('#agenda-items > li').allTextContents();
      expect(items.length).toBe(4);
      expect(items[1]).toContain('Bekämpfung der Internetkriminalität');

      // Act: the chair approves, the secretariat sends after the confirmation step
      await chair.goto(`${stage.base}${sessionPath}/agenda`);
      await chair.click('button:has-text("Tagesordnung genehmigen")');
      await chair.waitForURL(/hinweis=genehmigt/);
      await secretariat.goto(`${stage.base}${sessionPath}`);
      await secretariat.click('a:has-text("Einladungen versenden")');
      const recipients = await secretariat.textContent('#empfaenger');
      await secretariat.click('button:has-text("Einladungen versenden")');
      await secretariat.waitForURL(/\/mails\?hinweis=versandt-\d+$/);

      // Assess
      expect(await chair.textContent('section[aria-labelledby="genehmigung"]')).toContain(
        'Genehmigt von vorsitz@de-hh.example.org',
      );
      const count = Number(/versandt-(\d+)/.exec(secretariat.url())?.[1]);
      expect(recipients).toContain(`${count} Ministerinnen und Minister erhalten`);
      expect(count).toBe(17);
      const session = await stage.deps.repo.getSession(stage.sessionId);
      expect(session?.state).toBe('invited');
      expect(session?.agendaApproval?.by).toBe('vorsitz@de-hh.example.org');
      await screenshot(secretariat, 'journey-invitations-sent');
    });

    it('2. two ministers answer through their mail links, and the open board shows both without a reload', async () => {
      // Prepare
      const mails = await deliverMail();
      const links = {
        bayern: mailWithLink(mails, minister('DE-BY'), '/links/invitations/'),
        nrw: mailWithLink(mails, minister('DE-NW'), '/links/invitations/'),
      };
      await secretariat.goto(`${stage.base}${sessionPath}`);
      await secretariat.click('a:has-text("Teilnahme (Live-Übersicht)")');
      await secretariat.waitForURL(`${stage.base}${sessionPath}/board`);
      await secretariat.evaluate('window.boardNotReloaded = true');
      expect(await secretariat.textContent('.board-totals')).toContain('17 offen');

      // Act
      for (const [link, choice] of [
        [links.bayern, 'zusage'],
        [links.nrw, 'absage'],
      ] as const) {
        const page = await anonymousPage(stage.browser);
        await page.goto(`${stage.base}${link}?antwort=${choice}`);
        await page.click('button[type="submit"]');
        await page.waitForSelector('.notice[role="status"]');
        await page.context().close();
      }

      // Assess
      await boardRow(secretariat, 'Bayern')
        .locator('text=Zusage')
        .first()
        .waitFor({ timeout: 8_000 });
      await boardRow(secretariat, 'Nordrhein-Westfalen')
        .locator('text=Absage')
        .first()
        .waitFor({ timeout: 8_000 });
      expect(await secretariat.evaluate('window.boardNotReloaded')).toBe(true);
      expect(await boardRow(secretariat, 'Bayern').textContent()).toContain('Antwortlink');
      const totals = await secretariat.textContent('.board-totals');
      expect(totals).toContain('1 Zusage');
      expect(totals).toContain('1 Absage');
      expect(totals).toContain('15 offen');
      await expectAccessible(secretariat, 'board with two link answers');
      await screenshot(secretariat, 'journey-board-answers');
    });

    it('3. the session is opened, two resolutions are decided, and every Land consents to the release', async () => {
      // Act: open the session
      await secretariat.goto(`${stage.base}${sessionPath}`);
      await secretariat.click('button:text-is("Sitzung eröffnen")');
      await secretariat.waitForURL(/hinweis=in_session/);
      expect(await secretariat.textContent('.notice')).toContain('Die Sitzung ist eröffnet.');

      // Act: two resolutions on the first two agenda items
      await secretariat.click('a:text-is("Beschlüsse")');
      const forms = secretariat.locator('details.new-resolution');
      for (const [index, title] of resolutionTitles.entries()) {
        await forms.nth(index).locator('summary').click();
        await forms.nth(index).getByLabel('Titel des Beschlusses').fill(title);
        await forms
          .nth(index)
          .getByLabel('Beschlusstext')
          .fill('Die Länder stimmen sich ab.\n\nDer Vorsitz berichtet zur nächsten Sitzung.');
        await forms.nth(index).getByRole('button', { name: 'Beschluss anlegen' }).click();
        await secretariat.waitForSelector('.notice[role="status"]');
      }
      const resolutions = await stage.deps.repo.listResolutionsOfSession(stage.sessionId);
      const ids = resolutionTitles.map((t) => resolutions.find((r) => r.title === t)?.id ?? '');

      // Act: the vote grid by keyboard, every Land votes yes
      await secretariat.goto(`${stage.base}${sessionPath}/votes`);
      const focused = () => secretariat.evaluate<string>("document.activeElement?.id ?? ''");
      for (let n = 0; n < 40 && !(await focused()).startsWith('stimme-'); n += 1) {
        await secretariat.keyboard.press('Tab');
      }
      let cells = 0;
      for (let id = await focused(); id.startsWith('stimme-'); id = await focused()) {
        cells += 1;
        await secretariat.keyboard.press('ArrowDown');
        await secretariat.keyboard.press('Tab');
      }
      while (
        (await secretariat.evaluate<string>('document.activeElement?.textContent')) !==
        'Stimmen speichern'
      ) {
        await secretariat.keyboard.press('Tab');
      }
      await secretariat.keyboard.press('Enter');
      await secretariat.waitForSelector('.notice[role="status"]');
      expect(cells).toBe(2 * lands.length);
      expect(await secretariat.locator('tfoot td').first().textContent()).toContain(
        'Einstimmigkeit erreicht',
      );

      // Act: decide both
      await secretariat.goto(`${stage.base}${sessionPath}/resolutions`);
      for (const id of ids) {
        await secretariat
          .locator(`#beschluss-${id}`)
          .getByRole('button', { name: 'Abstimmung schließen und beschließen' })
          .click();
        await secretariat.waitForSelector('.notice[role="status"]');
      }
      expect(await secretariat.locator('.result').allTextContents()).toEqual([
        'Ergebnis: Einstimmig angenommen (16 Ja, 0 Nein, 0 Enthaltungen, 0 nicht teilgenommen)',
        'Ergebnis: Einstimmig angenommen (16 Ja, 0 Nein, 0 Enthaltungen, 0 nicht teilgenommen)',
      ]);

      // Act: the chair proposes the release; each Land consents through its mail link
      await chair.goto(`${stage.base}${sessionPath}/release`);
      await chair.getByRole('button', { name: 'Freigabe vorschlagen' }).click();
      await chair.waitForURL(/hinweis=vorgeschlagen/);
      await chair.evaluate("document.body.dataset.unchanged = 'ja'");
      const mails = await deliverMail();
      const land = await anonymousPage(stage.browser);
      for (const { code } of lands) {
        await land.goto(
          `${stage.base}${mailWithLink(mails, minister(code), '/links/session-releases/')}?antwort=einverstanden`,
        );
        await land.click('button[type="submit"]');
        await land.waitForSelector('.notice[role="status"]');
      }
      await land.context().close();

      // Assess: the chair's page shows the release done, without a reload
      await chair
        .locator('#freigabe-stand .release-summary li', { hasText: 'freigegeben' })
        .nth(1)
        .waitFor({ timeout: 12_000 });
      expect(await chair.evaluate<string>('document.body.dataset.unchanged')).toBe('ja');
      expect(await chair.textContent('#freigabe-stand')).toContain('entschieden am');
      const released = await stage.deps.repo.listResolutionsOfSession(stage.sessionId);
      expect(
        released
          .filter((r) => ids.includes(r.id))
          .map((r) => [r.state, r.release?.consents.length]),
      ).toEqual([
        ['released', 16],
        ['released', 16],
      ]);
      await expectAccessible(chair, 'release done');
      await screenshot(chair, 'journey-release-done');
    }, 60_000);

    it('4. the press office drafts a communiqué with a live fact, the chair approves it under embargo, and it is published then', async () => {
      // Prepare
      const facts = await liveFacts(stage.deps, stage.sessionId);
      attendance = facts.attendance ?? '';
      expect(attendance).toContain('Bayern');
      const reader = await anonymousPage(stage.browser);

      // Act: draft and submit
      await press.goto(`${stage.base}/console/press`);
      await press.click('text=Neue Pressemitteilung');
      await press.selectOption('#feld-sessionId', stage.sessionId);
      await press.fill('#feld-title', communiqué);
      await press.fill('#feld-dateline', 'HAMBURG');
      await press.locator('#feld-body').pressSequentially('Die Innenministerkonferenz tagt. ');
      await press.click('button[data-insert="{{teilnahme}}"]');
      await press.locator('#feld-body').pressSequentially(' Beschlossen: ');
      await press.click('button[data-insert="{{beschluesse}}"]');
      await press.locator('#vorschau', { hasText: attendance }).waitFor();
      await press.click('button[value="speichern"]');
      await press.waitForURL(/\/console\/press\/[0-9A-Z]{26}\?hinweis=angelegt$/);
      releaseId = /press\/([0-9A-Z]{26})/.exec(press.url())?.[1] ?? '';
      await press.click('button[value="einreichen"]');
      await press.waitForURL(/hinweis=eingereicht$/);

      // Act: the chair approves with an embargo two minutes ahead
      const embargo = new Date(Math.ceil((clock.now().getTime() + 120_000) / 60_000) * 60_000);
      await chair.goto(`${stage.base}/console/press/${releaseId}`);
      await chair.fill('#feld-sperrfrist', berlinField(embargo));
      await chair.click('button:text-is("Freigeben")');
      await chair.waitForURL(/hinweis=geplant$/);
      await reader.goto(`${stage.base}/public/press-releases`);
      const before = await reader.textContent('main');
      const sweptBefore = await runScheduledJobs({ repo: stage.deps.repo, clock });

      // Act: the embargo passes, the sweep publishes
      offsetMs += embargo.getTime() - clock.now().getTime() + 1000;
      const sweptAfter = await runScheduledJobs({ repo: stage.deps.repo, clock });
      await reader.reload();

      // Assess
      expect(before).not.toContain(communiqué);
      expect(sweptBefore.press.published).toBe(0);
      expect(sweptAfter.press.published).toBe(1);
      expect(await reader.locator('.release-entry h3').allTextContents()).toEqual([communiqué]);
      await expectAccessible(reader, 'public press list, published');
      await screenshot(reader, 'journey-public-published');
      await reader.context().close();
      await press.goto(`${stage.base}/console/press`);
      expect(await press.textContent('main')).toContain('Veröffentlicht (1)');
    }, 60_000);

    it('5. a journalist subscribes, confirms through the mail link, and reads the communiqué', async () => {
      // Prepare
      const journalist = 'innenpolitik@zeitung.example.org';
      const page = await anonymousPage(stage.browser);
      await page.goto(`${stage.base}/public/press-releases`);

      // Act: subscribe
      await page.fill('#feld-email', journalist);
      await page.fill('#feld-name', 'Redaktion Innenpolitik');
      await page.click('form.subscribe button[type="submit"]');
      expect(await page.textContent('h1')).toBe('Bitte bestätigen Sie Ihre Anmeldung');

      // Act: confirm through the mail
      const confirm = mailWithLink(await deliverMail(), journalist, '/links/press-list/confirm/');
      await page.goto(`${stage.base}${confirm}`);
      await page.click('button[type="submit"]');
      expect(await page.textContent('[role="status"]')).toContain(
        `Danke, ${journalist} erhält ab jetzt unsere Pressemitteilungen.`,
      );
      await expectAccessible(page, 'press list confirmed, by a journalist');

      // Act: read
      await page.goto(`${stage.base}/public/press-releases`);
      await page.click(`text=${communiqué}`);

      // Assess
      expect(new URL(page.url()).pathname).toBe(`/public/press-releases/${releaseId}`);
      expect(await page.textContent('h1')).toBe(communiqué);
      const article = (await page.textContent('article')) ?? '';
      expect(article).toContain('Die Innenministerkonferenz tagt.');
      expect(article).not.toContain('{{teilnahme}}');
      expect(article).toContain(attendance);
      for (const title of resolutionTitles) expect(article).toContain(title);
      expect((await stage.deps.repo.getSubscriber(subscriberId(journalist)))?.state).toBe(
        'confirmed',
      );
      await expectAccessible(page, 'communiqué, read by a journalist');
      await screenshot(page, 'journey-communique');
      expect(stage.policyViolations).toEqual([]);
      await page.context().close();
    });
  },
);
