import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { SesMailSender } from '../../shared/adapters/ses/ses-mail-sender.js';
import { lands } from '../../shared/domain/lands.js';
import type { Session } from '../../shared/domain/session.js';
import { addAgendaItem } from '../../shared/use-cases/agenda.js';
import { systemActor } from '../../shared/use-cases/context.js';
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
  proposeRelease,
  recordVotes,
  releaseToken,
} from '../../shared/use-cases/resolutions.js';
import {
  proposeSessionRelease,
  sessionReleaseToken,
} from '../../shared/use-cases/session-release.js';
import { ballotToken, startWrittenProcedure } from '../../shared/use-cases/written-procedures.js';
import {
  expectAccessible,
  haveChromium,
  screenshot,
  startConsoleStage,
} from '../fixtures/console-browser.js';
import { linkIn } from '../fixtures/mail-links.js';
import { deliverQueued, testMailer } from '../fixtures/mailer.js';
import { sesInbox } from '../fixtures/ses-inbox.js';
import { testLinkSecret } from '../fixtures/test-app.js';

const journalist = 'redaktion-browser@zeitung.example.org';
const phone = { width: 375, height: 740 };

describe.skipIf(!haveChromium)('Browser: the public pages and the pages behind mail links', () => {
  let stage: Awaited<ReturnType<typeof startConsoleStage>>;
  const links: Record<string, string> = {};
  const titles = [
    'Konstituierende Sitzung der IMK findet in Hamburg statt',
    'IMK berät über die Bekämpfung der Internetkriminalität',
    'IMK beschließt Maßnahmen gegen Extremismus',
  ];
  const confidential = 'Vertrauliche Lagebewertung der Sicherheitsbehörden';
  const unreleased = 'Beschluss zur Ausstattung der Bereitschaftspolizeien';
  const released = 'Beschluss zur engeren Zusammenarbeit gegen Internetkriminalität';

  beforeAll(async () => {
    stage = await startConsoleStage();
    const deps = { ...stage.deps, linkSecret: testLinkSecret };
    const { repo } = deps;
    const sessionId = stage.sessionId;
    for (const title of titles) {
      const { value } = await createPressRelease(deps, systemActor, {
        bodyId: 'imk',
        sessionId,
        title,
        dateline: 'HAMBURG',
        body: 'Vom {{termin}} beraten die Ministerinnen und Minister in der {{ort}}.',
        contacts: [{ name: 'Pressestelle der Behörde für Inneres', phone: '+49 40 42839-0' }],
      });
      await submitPressRelease(deps, systemActor, value.id);
      await approvePressRelease(deps, systemActor, value.id, {});
      await publishPressRelease(deps, systemActor, value.id, {});
    }
    // The agenda: one public item besides the demo's, one confidential.
    await addAgendaItem(deps, systemActor, sessionId, {
      number: '5',
      title: 'Lagebild Cybersicherheit',
      public: true,
    });
    const { value: secret } = await addAgendaItem(deps, systemActor, sessionId, {
      number: '6',
      title: confidential,
      public: false,
    });
    const agenda = await repo.listAgenda(sessionId);
    const decided = async (title: string, itemId: string) => {
      const { value } = await createResolution(deps, systemActor, sessionId, itemId, {
        title,
        text: 'Die Länder arbeiten zusammen.\n\nSie berichten der Konferenz zur nächsten Sitzung.',
      });
      await recordVotes(deps, systemActor, value.id, {
        votes: lands.map((land) => ({ memberId: land.code, vote: 'yes' })),
      });
      return decideResolution(deps, systemActor, value.id);
    };
    const publicResolution = await decided(released, agenda[1]?.id ?? '');
    await proposeRelease(deps, systemActor, publicResolution.id, {
      objectionHours: 0,
      consentedBy: lands.map((land) => land.code),
    });
    await decided(unreleased, secret.id);
    // The link pages: an invitation, a single release, a session-wide release, a ballot.
    const { invited } = await sendInvitations(deps, systemActor, sessionId, {});
    const session = (await repo.getSession(sessionId)) as Session;
    const bayern = invited.find((i) => i.memberId === 'DE-BY' && i.capacity === 'principal');
    links.answer = `/links/invitations/${answerToken(deps, session, bayern ?? ({} as never))}`;
    const single = await decided(
      'Beschluss zur Freigabe mit Widerspruchsfrist',
      agenda[2]?.id ?? '',
    );
    const proposed = await proposeRelease(deps, systemActor, single.id, { objectionHours: 72 });
    links.release = `/links/releases/${releaseToken(testLinkSecret, proposed, 'DE-BY')}`;
    const batch = [
      await decided('Erster Beschluss der Sammelfreigabe', agenda[3]?.id ?? ''),
      await decided('Zweiter Beschluss der Sammelfreigabe', agenda[3]?.id ?? ''),
    ];
    const proposal = await proposeSessionRelease(deps, systemActor, sessionId, {
      resolutionIds: batch.map((resolution) => resolution.id),
      objectionHours: 72,
    });
    links.sessionRelease = `/links/session-releases/${sessionReleaseToken(testLinkSecret, sessionId, proposal.resolutions, 'DE-BY')}`;
    const { value: procedure } = await startWrittenProcedure(deps, systemActor, 'imk', {
      title: 'Umlaufverfahren zur Beschaffung von Digitalfunkgeräten',
      resolutions: [{ title: 'Gemeinsame Beschaffung', text: 'Die Länder beschaffen gemeinsam.' }],
      deadline: new Date(Date.now() + 7 * 24 * 3600_000).toISOString(),
    });
    const ballot = (await repo.listBallots(procedure.id)).find((b) => b.memberId === 'DE-BY');
    links.ballot = `/links/ballots/${ballotToken(testLinkSecret, procedure, ballot ?? ({} as never))}`;
  }, 180_000);

  afterAll(async () => {
    await stage?.close();
  });

  const newContext = (options: { javaScriptEnabled?: boolean; phone?: boolean } = {}) =>
    stage.browser.newContext({
      locale: 'de-DE',
      timezoneId: 'Europe/Berlin',
      javaScriptEnabled: options.javaScriptEnabled ?? true,
      ...(options.phone ? { viewport: phone } : {}),
    });

  const watchPolicy = (page: Page) => {
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    return violations;
  };

  /** True when the page fits the phone's width without sideways scrolling. */
  const fitsPhone = (page: Page) =>
    page.evaluate('document.documentElement.scrollWidth <= window.innerWidth');

  it('shows a journalist the press area as a page with its feeds, pages on, and opens a release', async () => {
    // Prepare
    const context = await newContext();
    const page = await context.newPage();
    const violations = watchPolicy(page);

    // Act
    const response = await page.goto(`${stage.base}/public/press-releases`);

    // Assess
    expect(response?.headers()['content-type']).toMatch(/^text\/html/);
    expect(await page.textContent('h1')).toBe('Pressemitteilungen');
    expect(
      await page
        .locator('link[rel="alternate"]')
        .evaluateAll((all) => all.map((link) => link.getAttribute('type'))),
    ).toEqual(['application/atom+xml', 'application/rss+xml', 'application/feed+json']);
    expect(await page.locator('.release-entry h3').allTextContents()).toEqual(
      [...titles].reverse(),
    );
    await expectAccessible(page, 'press area');
    await screenshot(page, 'public-press-releases');

    // Act: a smaller page, and on to the older releases
    await page.goto(`${stage.base}/public/press-releases?limit=2`);
    await page.click('text=Ältere Pressemitteilungen');

    // Assess
    expect(await page.locator('.release-entry h3').allTextContents()).toEqual([titles[0]]);
    await expectAccessible(page, 'press area, older page');
    await screenshot(page, 'public-press-releases-older');

    // Act: open the release
    await page.click(`text=${titles[0]}`);

    // Assess
    expect(await page.textContent('h1')).toBe(titles[0]);
    expect(await page.textContent('article')).toContain('Ratsstube, Hamburger Rathaus, Hamburg');
    await expectAccessible(page, 'press release');
    await screenshot(page, 'public-press-release');
    expect(violations).toEqual([]);
    await context.close();
  });

  let confirmLink = '';

  it('subscribes to the press list without JavaScript and confirms through the mail link', {
    timeout: 90_000,
  }, async () => {
    // Prepare
    const context = await newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${stage.base}/public/press-releases`);

    // Act: a wrong address first
    await page.fill('#feld-email', 'redaktion-at-zeitung');
    await page.click('form.subscribe button[type="submit"]');

    // Assess
    expect(await page.textContent('.field-error')).toContain(
      'Bitte geben Sie eine gültige E-Mail-Adresse an',
    );
    expect(await page.getAttribute('#feld-email', 'aria-invalid')).toBe('true');
    await screenshot(page, 'public-press-list-error');

    // Act: the right one
    await page.fill('#feld-email', journalist);
    await page.fill('#feld-name', 'Redaktion Innenpolitik');
    await page.click('form.subscribe button[type="submit"]');

    // Assess
    expect(await page.textContent('h1')).toBe('Bitte bestätigen Sie Ihre Anmeldung');
    expect(await page.textContent('[role="status"]')).toContain(
      `Wir haben Ihnen eine E-Mail an ${journalist} geschickt.`,
    );
    await screenshot(page, 'public-press-list-requested');

    // Act: the mail arrives; its link opens the confirmation page
    const mailer = testMailer(
      stage.deps.repo,
      stage.deps.clock,
      new SesMailSender({ region: 'eu-central-1', endpoint: inject('sesEndpoint') }),
    );
    await deliverQueued(mailer);
    const mail = (await sesInbox.all()).find((m) => m.destination.to.join().includes(journalist));
    confirmLink = linkIn(mail, '/links/press-list/confirm/');
    await page.goto(`${stage.base}${confirmLink}`);

    // Assess
    expect(await page.textContent('main')).toContain(`Anmeldung für ${journalist} bestätigen?`);
    await screenshot(page, 'public-press-list-confirm');

    // Act
    await page.click('button[type="submit"]');

    // Assess
    expect(await page.textContent('[role="status"]')).toContain(
      `Danke, ${journalist} erhält ab jetzt unsere Pressemitteilungen.`,
    );
    await screenshot(page, 'public-press-list-confirmed');
    await context.close();
  });

  // axe-core needs script in the page it checks: the same states again, in a window with script.
  it('passes axe-core in every state of the subscription and its confirmation', {
    timeout: 90_000,
  }, async () => {
    // Prepare
    const context = await newContext({ phone: true });
    const page = await context.newPage();
    const violations = watchPolicy(page);
    await page.goto(`${stage.base}/public/press-list/subscription`);
    await expectAccessible(page, 'subscription form');
    await screenshot(page, 'public-press-list-form-phone');

    // Act and assess: each state
    await page.fill('#feld-email', 'keine-adresse');
    await page.click('form.subscribe button[type="submit"]');
    expect(await page.getAttribute('#feld-email', 'aria-invalid')).toBe('true');
    await expectAccessible(page, 'subscription, wrong address');
    await page.fill('#feld-email', 'zweite-redaktion@zeitung.example.org');
    await page.click('form.subscribe button[type="submit"]');
    expect(await page.textContent('h1')).toBe('Bitte bestätigen Sie Ihre Anmeldung');
    expect(await fitsPhone(page)).toBe(true);
    await expectAccessible(page, 'subscription requested');
    await page.goto(`${stage.base}${confirmLink}`);
    await expectAccessible(page, 'press list confirmation');
    await page.click('button[type="submit"]');
    expect(await page.textContent('main')).toContain(journalist);
    expect(await fitsPhone(page)).toBe(true);
    await expectAccessible(page, 'press list confirmed');
    await screenshot(page, 'public-press-list-confirmed-phone');
    expect(violations).toEqual([]);
    await context.close();
  });

  it('shows the public sessions and a session with only its public items and released resolutions', async () => {
    // Prepare
    const context = await newContext();
    const page = await context.newPage();

    // Act
    await page.goto(`${stage.base}/public/bodies/imk/sessions`);

    // Assess
    expect(await page.textContent('h1')).toBe('Sitzungen der IMK');
    expect(await page.getAttribute('link[rel="alternate"]', 'href')).toBe(
      '/public/bodies/imk/sessions.ics',
    );
    await expectAccessible(page, 'public sessions');
    await screenshot(page, 'public-sessions');

    // Act
    await page.click('text=Konstituierende Sitzung der IMK');

    // Assess
    const main = (await page.textContent('main')) ?? '';
    expect(main).toContain('TOP 5 Lagebild Cybersicherheit');
    expect(main).not.toContain(confidential);
    expect(main).toContain(released);
    expect(main).not.toContain(unreleased);
    expect(main).not.toContain('Sammelfreigabe');
    expect(await page.getAttribute('a[type="application/pdf"]', 'href')).toBe(
      `/public/sessions/${stage.sessionId}/resolutions.pdf`,
    );
    await expectAccessible(page, 'public session');
    await screenshot(page, 'public-session');
    await context.close();
  });

  for (const [name, title] of [
    ['answer', /^Antwort: Konstituierende Sitzung der IMK/],
    ['release', /^Freigabe: Beschluss zur Freigabe mit Widerspruchsfrist/],
    ['sessionRelease', /^Freigabe: Beschlüsse der 1\. \(konstituierenden\) Sitzung der IMK/],
    ['ballot', /^Umlaufverfahren: Umlaufverfahren zur Beschaffung von Digitalfunkgeräten/],
  ] as const) {
    it(`shows the ${name} link page on a phone, readable and accessible before and after answering`, async () => {
      // Prepare
      const context: BrowserContext = await newContext({ phone: true });
      const page = await context.newPage();
      const violations = watchPolicy(page);

      // Act
      await page.goto(`${stage.base}${links[name]}`);

      // Assess
      expect(await page.title()).toMatch(title);
      expect(await page.textContent('.site-header')).toContain('Konferenzkoordination');
      expect(await fitsPhone(page)).toBe(true);
      await expectAccessible(page, `${name} page`);
      await screenshot(page, `link-${name}-phone`);

      // Act: the first choice of every group, then send
      for (const group of await page
        .locator('input[type="radio"]')
        .evaluateAll((all) => [...new Set(all.map((input) => input.getAttribute('name')))])) {
        await page.locator(`input[type="radio"][name="${group}"]`).first().check();
      }
      await page.click('button[type="submit"]');

      // Assess
      expect(await page.textContent('.notice[role="status"]')).toMatch(/Vielen Dank|gespeichert/);
      expect(await fitsPhone(page)).toBe(true);
      await expectAccessible(page, `${name} page answered`);
      await screenshot(page, `link-${name}-phone-answered`);
      expect(violations).toEqual([]);
      await context.close();
    });
  }
});
