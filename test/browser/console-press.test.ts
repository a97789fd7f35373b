import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { germanDateTimeShort } from '../../functions/http/console/components.js';
import { type Subscriber, subscriberId } from '../../shared/domain/press-list.js';
import { liveFacts } from '../../shared/use-cases/press-releases.js';
import { runScheduledJobs } from '../../shared/use-cases/scheduled-jobs.js';
import {
  berlinField,
  expectAccessible,
  haveChromium,
  screenshot,
  startConsoleStage,
} from '../fixtures/console-browser.js';

/** The product's clock, which the test moves on past the embargo. */
let offsetMs = 0;
const clock = { now: () => new Date(Date.now() + offsetMs) };

const subscriber = (email: string, state: Subscriber['state']): Subscriber => ({
  id: subscriberId(email),
  email,
  state,
  version: 1,
  createdAt: clock.now().toISOString(),
  updatedAt: clock.now().toISOString(),
});

describe.skipIf(!haveChromium)('Browser: the press office in the console', () => {
  let stage: Awaited<ReturnType<typeof startConsoleStage>>;
  let press: Page;
  let chair: Page;
  let releaseId = '';
  const title = 'Konstituierende Sitzung der IMK in Hamburg';

  beforeAll(async () => {
    stage = await startConsoleStage({ clock });
    await stage.deps.repo.commit(
      [
        subscriber('redaktion@zeitung.example.org', 'confirmed'),
        subscriber('politik@sender.example.org', 'confirmed'),
        subscriber('neu@blatt.example.org', 'pending'),
        subscriber('weg@blatt.example.org', 'unsubscribed'),
      ].map((s) => ({ type: 'subscriber' as const, op: 'create' as const, subscriber: s })),
      [],
    );
    press = await stage.signIn('presse@de-hh.example.org');
    chair = await stage.signIn('vorsitz@de-hh.example.org');
  }, 120_000);

  afterAll(async () => {
    await stage?.close();
  });

  it('shows the press office an empty list with the press list in figures, never an address', async () => {
    // Act
    await press.goto(`${stage.base}/console/press`);

    // Assess
    expect(await press.textContent('h1')).toBe('Pressemitteilungen');
    expect(await press.textContent('main')).toContain('Es gibt noch keine Pressemitteilungen.');
    expect(await press.textContent('#presseliste-bestaetigt')).toBe('2');
    expect(await press.textContent('#presseliste-offen')).toBe('1');
    expect(await press.textContent('#presseliste-abgemeldet')).toBe('1');
    expect(await press.textContent('#presseliste-versand')).toBe('bisher keiner');
    expect(await press.content()).not.toMatch(/zeitung\.example|sender\.example|blatt\.example/);
    await expectAccessible(press, 'press list, empty');
    await screenshot(press, 'press-list-empty');
  });

  it('drafts a communiqué with a live fact whose preview follows the typing without a reload', async () => {
    // Prepare
    const facts = await liveFacts(stage.deps, stage.sessionId);
    await press.click('text=Neue Pressemitteilung');
    await press.waitForURL(`${stage.base}/console/press/new`);
    await expectAccessible(press, 'new release, empty');
    await press.evaluate('window.sameDocument = true');

    // Act
    await press.selectOption('#feld-sessionId', stage.sessionId);
    await press.fill('#feld-title', title);
    await press.fill('#feld-dateline', 'HAMBURG');
    await press.locator('#feld-body').pressSequentially('Die Innenministerkonferenz tagt. ');
    await press.click('button[data-insert="{{teilnahme}}"]');
    await press.locator('#feld-body').pressSequentially(' Mehr folgt.');

    // Assess
    await press.locator('#vorschau', { hasText: facts.attendance ?? '' }).waitFor();
    expect(await press.inputValue('#feld-body')).toBe(
      'Die Innenministerkonferenz tagt. {{teilnahme}} Mehr folgt.',
    );
    expect(await press.textContent('#vorschau h1')).toBe(title);
    expect(await press.textContent('#vorschau')).toContain('HAMBURG');
    expect(await press.evaluate('window.sameDocument')).toBe(true);
    await expectAccessible(press, 'new release with preview');
    await screenshot(press, 'press-draft-preview');
  });

  it('saves the draft and submits it to the chair', async () => {
    // Act
    await press.click('button[value="speichern"]');
    await press.waitForURL(/\/console\/press\/[0-9A-Z]{26}\?hinweis=angelegt$/);
    releaseId = /press\/([0-9A-Z]{26})/.exec(press.url())?.[1] ?? '';
    await expectAccessible(press, 'draft saved');
    await press.click('button[value="einreichen"]');
    await press.waitForURL(/hinweis=eingereicht$/);

    // Assess
    expect(await press.textContent('[role="status"]')).toBe(
      'Die Pressemitteilung ist dem Vorsitz zur Freigabe vorgelegt.',
    );
    expect(await press.textContent('main')).toContain('eingereicht');
    await expectAccessible(press, 'submitted, as the press office');
  });

  it('lets the chair approve under an embargo two minutes ahead, picked in Berlin time', async () => {
    // Prepare
    const embargo = new Date(Math.ceil((clock.now().getTime() + 120_000) / 60_000) * 60_000);
    await chair.goto(`${stage.base}/console/press/${releaseId}`);
    await expectAccessible(chair, 'submitted, as the chair');

    // Act
    await chair.fill('#feld-sperrfrist', berlinField(embargo));
    const words = await chair.textContent('#feld-sperrfrist-worte');
    await screenshot(chair, 'press-approval');
    await chair.click('button:text-is("Freigeben")');
    await chair.waitForURL(/hinweis=geplant$/);

    // Assess
    expect(words).toBe(
      `Sperrfrist bis ${germanDateTimeShort(embargo.toISOString())} (Berliner Zeit)`,
    );
    expect(await chair.textContent('#sperrfrist')).toBe(
      `Sperrfrist bis ${germanDateTimeShort(embargo.toISOString())}`,
    );
    const release = await stage.deps.repo.getPressRelease(releaseId);
    expect(release?.publishAt).toBe(embargo.toISOString());
    await expectAccessible(chair, 'scheduled under embargo');
    await screenshot(chair, 'press-embargo');
  });

  it('keeps the release from the public until the embargo, and publishes it then', async () => {
    // Prepare
    const embargo = Date.parse((await stage.deps.repo.getPressRelease(releaseId))?.publishAt ?? '');
    const publicPage = () => fetch(`${stage.base}/public/press-releases/${releaseId}`);

    // Act
    const before = await publicPage();
    const sweptBefore = await runScheduledJobs({ repo: stage.deps.repo, clock });
    offsetMs += embargo - clock.now().getTime() + 1000;
    const sweptAfter = await runScheduledJobs({ repo: stage.deps.repo, clock });
    const after = await publicPage();

    // Assess
    expect(before.status).toBe(404);
    expect(sweptBefore.press.published).toBe(0);
    expect(sweptAfter.press.published).toBe(1);
    expect(after.status).toBe(200);
    expect(await after.text()).toContain(title);
    await press.goto(`${stage.base}/console/press`);
    expect(await press.textContent('main')).toContain('Veröffentlicht (1)');
    expect(await press.textContent('#presseliste-versand')).toBe(
      germanDateTimeShort(new Date(embargo).toISOString()),
    );
    expect(await press.content()).not.toMatch(/zeitung\.example|sender\.example|blatt\.example/);
    await expectAccessible(press, 'press list, published');
    await screenshot(press, 'press-list');
  });

  it('takes a correction by the press office to the public page once the chair approves it', async () => {
    // Prepare
    await press.goto(`${stage.base}/console/press/${releaseId}`);

    // Act
    await press.fill('#feld-korrektur-text', 'Die Innenministerkonferenz tagt im Rathaus.');
    await press.fill('#feld-grund', 'Tagungsort ergänzt');
    await press.click('text=Berichtigung zur Genehmigung vorlegen');
    await press.waitForURL(/hinweis=berichtigung-eingereicht$/);
    await expectAccessible(press, 'correction submitted');
    const stillOld = await (await fetch(`${stage.base}/public/press-releases/${releaseId}`)).text();
    await chair.goto(`${stage.base}/console/press/${releaseId}`);
    await chair.click('text=Berichtigung genehmigen und veröffentlichen');
    await chair.waitForURL(/hinweis=berichtigt$/);

    // Assess
    expect(stillOld).not.toContain('im Rathaus');
    const corrected = await (
      await fetch(`${stage.base}/public/press-releases/${releaseId}`)
    ).text();
    expect(corrected).toContain('Die Innenministerkonferenz tagt im Rathaus.');
    expect(corrected).toMatch(/korrigiert am [^<]+: Tagungsort ergänzt/);
    expect(await chair.textContent('#vorschau')).toContain('Tagungsort ergänzt');
    expect(await chair.textContent('main')).toContain(
      'presse@de-hh.example.org: Tagungsort ergänzt',
    );
    await expectAccessible(chair, 'corrected, with its trace');
    await screenshot(chair, 'press-corrected');
    expect(stage.policyViolations).toEqual([]);
  });
});
