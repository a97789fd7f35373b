import { describe, expect, it } from 'vitest';
import { composeMime } from '../../shared/adapters/ses/ses-mail-sender.js';
import type { PressRelease } from '../../shared/domain/press-release.js';
import { fillFacts, isPublicAt } from '../../shared/domain/press-release.js';
import { pressReleaseMail } from '../../shared/mail/press-mail.js';
import { renderMarkdown } from '../../shared/press/markdown.js';

const release: PressRelease = {
  id: '01JDE5PRE55000000000000000',
  bodyId: 'imk',
  title: 'Innenministerkonferenz hat begonnen\r\nBcc: opfer@example.org',
  dateline: 'HAMBURG',
  body: 'Am heutigen Donnerstag begann die Sitzung.',
  contacts: [{ name: 'Pressestelle', phone: '+49 40 123' }],
  images: [],
  state: 'scheduled',
  comments: [],
  html: '<p>Am heutigen Donnerstag begann die Sitzung.</p>',
  embargoUntil: '2027-03-03T09:00:00.000Z',
  publishAt: '2027-03-03T09:00:00.000Z',
  revisions: [],
  createdBy: 'presse@de-hh.example.org',
  version: 3,
  createdAt: '2027-03-01T09:00:00.000Z',
  updatedAt: '2027-03-02T09:00:00.000Z',
};
const subscriber = {
  id: 'abc',
  email: 'redaktion@zeitung.example.org',
  state: 'confirmed' as const,
  version: 2,
  createdAt: '2027-01-01T00:00:00.000Z',
  updatedAt: '2027-01-01T00:00:00.000Z',
};
const mail = (mailing: 'embargo' | 'publication') =>
  pressReleaseMail({
    release,
    subscriber,
    mailing,
    releaseUrl: 'https://api.imk.example.org/public/press-releases/x',
    unsubscribeUrl: 'https://api.imk.example.org/links/press-list/unsubscribe/t0ken',
    senderDomain: 'imk.example.org',
    secretariat: { name: 'Geschäftsstelle der IMK', email: 'gs@imk.example.org' },
    entryId: 'e1',
  });

describe('press list mail', () => {
  it('carries the RFC 8058 one-click unsubscribe headers in the MIME it sends', async () => {
    // Long header lines are folded; unfold them as a mail client does.
    const mime = (await composeMime(await mail('publication')))
      .toString('utf8')
      .replace(/\r\n[ \t]+/g, ' ');
    expect(mime).toContain(
      'List-Unsubscribe: <https://api.imk.example.org/links/press-list/unsubscribe/t0ken>',
    );
    expect(mime).toContain('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    expect(mime).toMatch(/^List-Id: /im);
  });

  it('keeps a line break in the title out of the headers', async () => {
    const mime = (await composeMime(await mail('publication'))).toString('utf8');
    expect(mime).not.toMatch(/^Bcc:/m);
  });

  it('marks a release sent in advance with its embargo', async () => {
    const sent = await mail('embargo');
    expect(sent.subject).toMatch(/^Sperrfrist: 3\. März 2027, 10:00 Uhr – Innenministerkonferenz/);
    expect(sent.text.split('\n')[0]).toBe('SPERRFRIST: 3. MÄRZ 2027, 10:00 UHR');
    expect((await mail('publication')).subject).not.toContain('Sperrfrist');
  });
});

describe('press release rules', () => {
  it('is public from its embargo to the millisecond', () => {
    expect(isPublicAt(release, new Date('2027-03-03T08:59:59.999Z'))).toBe(false);
    expect(isPublicAt(release, new Date('2027-03-03T09:00:00.000Z'))).toBe(true);
    expect(isPublicAt({ ...release, state: 'approved' }, new Date('2028-01-01'))).toBe(false);
  });

  it('fills the fact placeholders and leaves unknown ones', () => {
    expect(
      fillFacts('{{termin}} in {{ ort }}: {{beschluesse}} {{unbekannt}}', {
        dates: '3.–6. März 2027',
        place: 'Hamburg',
        resolutions: ['Eins', 'Zwei'],
      }),
    ).toBe('3.–6. März 2027 in Hamburg: - Eins\n- Zwei {{unbekannt}}');
  });

  it('renders Markdown without anything active', () => {
    const html = renderMarkdown(
      '**fett** <script>alert(1)</script> <a href="javascript:alert(1)" onclick="x()">a</a> [b](https://example.org)',
    );
    expect(html).toContain('<strong>fett</strong>');
    expect(html).not.toMatch(/<script|onclick|javascript:/);
    expect(html).toContain('href="https://example.org"');
  });
});
