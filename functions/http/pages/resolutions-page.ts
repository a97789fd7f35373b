import { html } from 'hono/html';
import { germanDateTime } from '../../../shared/mail/dates.js';
import type { ResolutionCollection } from '../../../shared/use-cases/published-resolutions.js';
import { page } from './answer-page.js';

/** The heading of a session's collection, as the Geschäftsstelle titles it. */
export const collectionTitle = (collection: ResolutionCollection) =>
  `Sammlung der zur Veröffentlichung freigegebenen Beschlüsse ${collection.sessionOf} ${collection.datePhrase} ${collection.place === 'Videokonferenz' ? 'per Videokonferenz' : `in ${collection.place}`}`;

/**
 * The public German page of a session's released resolutions: each with
 * its TOP, "Beschluss:", the numbered paragraphs, reports with their
 * release tag, protocol statements, and any correction.
 */
export const resolutionsPage = (collection: ResolutionCollection, pdfUrl: string) =>
  page(
    collectionTitle(collection),
    html`<h1>${collectionTitle(collection)}</h1>
<p>${collection.venue}</p>
<p><a href="${pdfUrl}">Als PDF herunterladen</a></p>
${
  collection.resolutions.length === 0
    ? html`<p>Zu dieser Sitzung sind noch keine Beschlüsse zur Veröffentlichung freigegeben.</p>`
    : collection.resolutions.map(
        (resolution) => html`<section>
<h2>TOP ${resolution.item.number}: ${resolution.item.title}</h2>
${resolution.title !== resolution.item.title ? html`<h3>${resolution.title}</h3>` : ''}
<p><strong>Beschluss:</strong></p>
<ol>${resolution.paragraphs.map((paragraph) => html`<li>${paragraph}</li>`)}</ol>
${
  resolution.reports.length > 0
    ? html`<ul>${resolution.reports.map((report) => html`<li>${report.title} (${report.released ? 'freigegeben' : 'nicht freigegeben'})</li>`)}</ul>`
    : ''
}
${resolution.statements.map((statement) => html`<p><em>Protokollerklärung ${statement.members.join(', ')}:</em> ${statement.text}</p>`)}
${resolution.corrections.map((correction) => html`<p class="notice">Berichtigt am ${germanDateTime(correction.at, collection.session.timeZone)}: ${correction.note}</p>`)}
</section>`,
      )
}`,
    { indexable: true },
  );
