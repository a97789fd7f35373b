import { html } from 'hono/html';
import type { BodyWithMembers, Member } from '../../../shared/domain/body.js';
import {
  paragraphs,
  type Resolution,
  resolutionLimits,
} from '../../../shared/domain/resolution.js';
import type { Session } from '../../../shared/domain/session.js';
import { germanDateTime } from '../../../shared/mail/dates.js';
import { sessionPhrase } from '../../../shared/mail/session-phrase.js';
import { pageOf } from './answer-page.js';

export interface SessionReleasePageInput {
  session: Session;
  resolutions: Resolution[];
  body: BodyWithMembers;
  member: Member;
  /** From the mail's link: `einverstanden` preselects consent to every open resolution. */
  choice: string | undefined;
  action: string;
  message?: string;
}

const settledText: Record<string, string> = {
  released: 'Dieser Beschluss ist zur Veröffentlichung freigegeben.',
  internal: 'Dieser Beschluss bleibt für die Öffentlichkeit gesperrt.',
};

/** The form fields of one resolution on the page, named by its id. */
export const batchFields = (resolutionId: string) => ({
  answer: `antwort-${resolutionId}`,
  reports: `berichte-${resolutionId}`,
  reason: `begruendung-${resolutionId}`,
});

/** One resolution: its text, this Land's answer so far, and, while open, its choices. */
const resolutionPart = (input: SessionReleasePageInput, resolution: Resolution, n: number) => {
  const { member } = input;
  const release = resolution.release;
  const objection = release?.objections.find((o) => o.memberId === member.memberId);
  const consented = release?.consents.includes(member.memberId) ?? false;
  const previous = objection ? 'object' : consented ? 'consent' : undefined;
  const open = release !== undefined && release.settledAt === undefined;
  const fields = batchFields(resolution.id);
  const checked = (value: string) =>
    input.choice === 'einverstanden' ? value === 'consent' : previous === value;
  return html`<section>
<h2>${n + 1}. ${resolution.title}</h2>
<ol>${paragraphs(resolution.text).map((paragraph) => html`<li>${paragraph}</li>`)}</ol>
${previous ? html`<p>Ihre bisherige Antwort: <strong>${previous === 'consent' ? 'Einverstanden' : 'Widerspruch'}</strong></p>` : ''}
${
  open
    ? html`<fieldset>
<legend>Ihre Antwort zu „${resolution.title}“</legend>
<label><input type="radio" name="${fields.answer}" value="consent" ${checked('consent') ? 'checked' : ''}> Einverstanden mit der Veröffentlichung</label>
<label><input type="radio" name="${fields.answer}" value="object" ${checked('object') ? 'checked' : ''}> Widerspruch</label>
${
  resolution.reports.length > 0
    ? html`<p>Nur einzelnen Berichten widersprechen (bei Widerspruch; ohne Auswahl gilt er dem ganzen Beschluss):</p>
${resolution.reports.map((report) => html`<label><input type="checkbox" name="${fields.reports}" value="${report.id}"> ${report.title}</label>`)}`
    : ''
}
<label for="${fields.reason}">Begründung (freiwillig)</label>
<textarea id="${fields.reason}" name="${fields.reason}" maxlength="${resolutionLimits.objectionReasonLength}" rows="2"></textarea>
</fieldset>`
    : html`<p class="notice" role="status">${settledText[resolution.state] ?? 'Über die Freigabe ist bereits entschieden.'}</p>`
}
</section>`;
};

/**
 * The page behind a session-wide release mail: every resolution proposed
 * together, with this Land's answer so far and, while the period runs, a
 * choice per resolution (consent, or objection to the whole or only to
 * single reports, with a reason). One form sends all answers; a resolution
 * left without a choice keeps its answer. Opening it changes nothing.
 *
 * @example
 * ```ts
 * sessionReleasePage({ ...opened, choice: 'einverstanden', action: '/links/session-releases/…' });
 * ```
 */
export const sessionReleasePage = (input: SessionReleasePageInput) => {
  const open = input.resolutions.filter((r) => r.release?.settledAt === undefined);
  const deadline = open[0]?.release?.objectionDeadline;
  const parts = input.resolutions.map((resolution, n) => resolutionPart(input, resolution, n));
  return pageOf(input.session.exercise)(
    `Freigabe: Beschlüsse ${sessionPhrase(input.session, input.body, 'genitive')}`,
    html`<h1>Freigabe zur Veröffentlichung</h1>
<p>Beschlüsse ${sessionPhrase(input.session, input.body, 'genitive')}<br>für ${input.member.name}</p>
${input.message ? html`<p class="notice" role="status">${input.message}</p>` : ''}
${
  open.length > 0
    ? html`<form method="post" action="${input.action}">
${deadline ? html`<p>Ihre Antworten bis ${germanDateTime(deadline, 'Europe/Berlin')}. Ein Beschluss ohne Auswahl behält Ihre bisherige Antwort; ohne Widerspruch wird er nach Ablauf der Frist freigegeben.</p>` : ''}
${parts}
<button type="submit">Antworten senden</button>
</form>`
    : html`${parts}`
}`,
  );
};
