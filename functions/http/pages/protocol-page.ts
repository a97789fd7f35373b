import { html } from 'hono/html';
import {
  approvalLine,
  attendanceText,
  draftMark,
  outcomeText,
  type ProtocolResolution,
  type ProtocolView,
  releaseText,
  voteLine,
} from '../../../shared/domain/protocol.js';
import { germanDateTime } from '../../../shared/mail/dates.js';
import { exerciseTitle } from '../../../shared/mail/exercise.js';
import { pageOf } from './answer-page.js';

const resolutionHtml = (
  resolution: ProtocolResolution,
  timeZone: string,
) => html`<section class="protocol-resolution">
<h4>${resolution.title}</h4>
<p><strong>Beschluss:</strong></p>
<ol>${resolution.paragraphs.map((paragraph) => html`<li>${paragraph}</li>`)}</ol>
${
  resolution.reports.length === 0
    ? ''
    : html`<ul>${resolution.reports.map(
        (report) =>
          html`<li>Bericht: ${report.title}${report.released === undefined ? '' : report.released ? ' (freigegeben)' : ' (nicht freigegeben)'}</li>`,
      )}</ul>`
}
<p><strong>Ergebnis: ${outcomeText(resolution)}</strong></p>
${
  resolution.votes.some((vote) => vote.vote !== undefined)
    ? html`<p>Stimmen der Länder:</p><ul class="protocol-votes">${resolution.votes.map((vote) => html`<li>${voteLine(vote)}</li>`)}</ul>`
    : ''
}
${resolution.statements.map((statement) => html`<p><strong>Protokollerklärung ${statement.members.join(', ')}:</strong> ${statement.text}</p>`)}
<p>Veröffentlichung: ${releaseText(resolution, (at) => germanDateTime(at, timeZone))}</p>
</section>`;

/**
 * The protocol's content as HTML, for its page and inline in the console:
 * the same sections and sentences as the PDF.
 *
 * @example
 * ```ts
 * html`<main>${protocolHtml(view)}</main>`;
 * ```
 */
export const protocolHtml = (view: ProtocolView) => {
  const { content } = view;
  const zone = content.session.timeZone;
  return html`<article class="protocol">
${view.approval === undefined ? html`<p class="notice" role="status"><strong>${draftMark}</strong></p>` : ''}
<p>${content.body.name}<br>– Geschäftsstelle –</p>
<h2>${content.session.exercise ? exerciseTitle(content.heading) : content.heading}</h2>
<h3>Sitzungsdaten</h3>
<dl>
<dt>Sitzung</dt><dd>${content.session.title}</dd>
<dt>Termin</dt><dd>${content.dates}</dd>
<dt>Ort</dt><dd>${content.venue}</dd>
${content.chair === undefined ? '' : html`<dt>Vorsitz</dt><dd>${content.chair}</dd>`}
</dl>
<h3>Teilnahme</h3>
<ul>${content.attendance.map((line) => html`<li>${line.member}${line.voting ? '' : ' (Gast)'}: ${attendanceText(line)}</li>`)}</ul>
<h3>Ergebnisse</h3>
${
  view.withheldItems === 0
    ? ''
    : html`<p>${view.withheldItems === 1 ? 'Ein vertraulicher Tagesordnungspunkt ist' : `${view.withheldItems} vertrauliche Tagesordnungspunkte sind`} in dieser Fassung nicht enthalten.</p>`
}
${content.items.map(
  (item) => html`<section class="protocol-item">
<h3>TOP ${item.number}: ${item.title}</h3>
${item.resolutions.length === 0 ? html`<p>Kein Beschluss.</p>` : item.resolutions.map((resolution) => resolutionHtml(resolution, zone))}
</section>`,
)}
<p>${approvalLine(view, (at) => germanDateTime(at, zone))}</p>
</article>`;
};

/**
 * The protocol as a page of its own (`protocol.html`): an exercise's says
 * ÜBUNG, a draft "Entwurf"; it links the PDF.
 *
 * @example
 * ```ts
 * return c.html(await protocolPage(view, `/v1/sessions/${sessionId}/protocol.pdf`));
 * ```
 */
export const protocolPage = (view: ProtocolView, pdfUrl: string) =>
  pageOf(view.content.session.exercise)(
    view.content.heading,
    html`<h1>Ergebnisniederschrift</h1>
<p><a href="${pdfUrl}">Als PDF herunterladen</a></p>
${protocolHtml(view)}`,
  );
