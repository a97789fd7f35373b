import { html, raw } from 'hono/html';
import type { PressRelease } from '../../../shared/domain/press-release.js';
import { germanDateTime } from '../../../shared/mail/dates.js';
import { page } from './answer-page.js';

const timeZone = 'Europe/Berlin';

/**
 * The article of a press release as the public reads it: title, dateline,
 * the sanitised HTML rendered at approval, images, contacts, and a
 * "korrigiert" line when it was corrected. The console's preview renders
 * the same article, so that what the press office sees is what is published.
 *
 * @example
 * ```ts
 * pressReleaseArticle(release, release.html ?? '');
 * ```
 */
export const pressReleaseArticle = (release: PressRelease, body: string) =>
  html`<article>
<p>Pressemitteilung${release.publishAt ? html` vom ${germanDateTime(release.publishAt, timeZone)}` : ''}</p>
<h1>${release.title}</h1>
${release.correctedAt ? html`<p class="notice">korrigiert am ${germanDateTime(release.correctedAt, timeZone)}${release.revisions.at(-1)?.note ? html`: ${release.revisions.at(-1)?.note}` : ''}</p>` : ''}
<p><strong>${release.dateline}</strong></p>
${raw(body)}
${release.images.map((image) => html`<figure><img src="${image.url}" alt="${image.alt}">${image.caption ? html`<figcaption>${image.caption}</figcaption>` : ''}</figure>`)}
${
  release.contacts.length > 0
    ? html`<h2>Pressekontakt</h2><ul>${release.contacts.map((contact) => html`<li>${[contact.name, contact.role, contact.phone, contact.email].filter(Boolean).join(', ')}</li>`)}</ul>`
    : ''
}
</article>`;

/**
 * A press release as the public reads it (`pressReleaseArticle` in the
 * page). `preview` marks a staff preview with live facts.
 */
export const pressReleasePage = (
  release: PressRelease,
  body: string,
  options: { preview?: boolean } = {},
) =>
  page(
    release.title,
    html`${options.preview ? html`<p class="notice" role="status">Vorschau (${release.state}) – noch nicht veröffentlicht.</p>` : ''}
${pressReleaseArticle(release, body)}
${options.preview ? '' : html`<p><a href="/public/press-releases">Alle Pressemitteilungen</a></p>`}`,
    { indexable: !options.preview },
  );

/** An unknown release, or one whose embargo has not come: the same page for both. */
export const pressNotFoundPage = () =>
  page(
    'Pressemitteilung nicht gefunden',
    html`<h1>Pressemitteilung nicht gefunden</h1><p>Unter dieser Adresse ist keine Pressemitteilung veröffentlicht.</p>`,
  );

/** What stays at the address of a withdrawn release. */
export const tombstonePage = (release: PressRelease) =>
  page(
    'Pressemitteilung zurückgezogen',
    html`<h1>Pressemitteilung zurückgezogen</h1>
<p>Die Pressemitteilung „${release.title}“ wurde am ${germanDateTime(release.withdrawnAt ?? release.updatedAt, timeZone)} zurückgezogen.</p>`,
  );

/** The pages behind the press list's links. */
export const pressListPage = (
  kind: 'confirm' | 'confirmed' | 'unsubscribe' | 'unsubscribed',
  email: string,
  action: string,
) =>
  page(
    'Presseliste',
    {
      confirm: html`<h1>Presseliste</h1><p>Anmeldung für ${email} bestätigen?</p><form method="post" action="${action}"><button type="submit">Anmeldung bestätigen</button></form>`,
      confirmed: html`<h1>Presseliste</h1><p class="notice" role="status">Danke, ${email} erhält ab jetzt unsere Pressemitteilungen.</p>`,
      unsubscribe: html`<h1>Presseliste</h1><p>${email} von der Presseliste abmelden?</p><form method="post" action="${action}"><button type="submit">Abmelden</button></form>`,
      unsubscribed: html`<h1>Presseliste</h1><p class="notice" role="status">${email} ist abgemeldet und erhält keine Pressemitteilungen mehr.</p>`,
    }[kind],
  );
