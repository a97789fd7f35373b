import { html } from 'hono/html';
import type { BodyWithMembers, Member } from '../../../shared/domain/body.js';
import {
  paragraphs,
  type Resolution,
  resolutionLimits,
} from '../../../shared/domain/resolution.js';
import { germanDateTime } from '../../../shared/mail/dates.js';
import { pageOf } from './answer-page.js';

export interface ReleasePageInput {
  resolution: Resolution;
  body: BodyWithMembers;
  member: Member;
  open: boolean;
  /** Preselected from the mail's link: einverstanden or widerspruch. */
  choice: string | undefined;
  action: string;
  message?: string;
}

const stateText: Record<string, string> = {
  released: 'Der Beschluss ist zur Veröffentlichung freigegeben.',
  internal: 'Der Beschluss bleibt für die Öffentlichkeit gesperrt.',
};

/**
 * The page behind a release mail's links: the resolution, what this Land
 * answered so far, and a form to consent or object (to the whole, or only to
 * single reports, with a reason). Opening it changes nothing.
 */
export const releasePage = (input: ReleasePageInput) => {
  const { resolution, member } = input;
  const release = resolution.release;
  const objection = release?.objections.find((o) => o.memberId === member.memberId);
  const consented = release?.consents.includes(member.memberId) ?? false;
  const previous = objection ? 'object' : consented ? 'consent' : undefined;
  const checked = (value: string) =>
    (input.choice === 'einverstanden' && value === 'consent') ||
    (input.choice === 'widerspruch' && value === 'object') ||
    (input.choice === undefined && previous === value);
  return pageOf(resolution.exercise)(
    `Freigabe: ${resolution.title}`,
    html`<h1>Freigabe zur Veröffentlichung</h1>
<p>${input.body.name}<br>für ${member.name}</p>
${input.message ? html`<p class="notice" role="status">${input.message}</p>` : ''}
<h2>${resolution.title}</h2>
<ol>${paragraphs(resolution.text).map((paragraph) => html`<li>${paragraph}</li>`)}</ol>
${previous ? html`<p>Ihre bisherige Antwort: <strong>${previous === 'consent' ? 'Einverstanden' : 'Widerspruch'}</strong></p>` : ''}
${
  input.open
    ? html`<form method="post" action="${input.action}">
<fieldset>
<legend>Ihre Antwort bis ${germanDateTime(release?.objectionDeadline ?? resolution.updatedAt, 'Europe/Berlin')}</legend>
<label><input type="radio" name="answer" value="consent" ${checked('consent') ? 'checked' : ''} required> Einverstanden mit der Veröffentlichung</label>
<label><input type="radio" name="answer" value="object" ${checked('object') ? 'checked' : ''} required> Widerspruch</label>
${
  resolution.reports.length > 0
    ? html`<p>Nur einzelnen Berichten widersprechen (bei Widerspruch; ohne Auswahl gilt er dem ganzen Beschluss):</p>
${resolution.reports.map((report) => html`<label><input type="checkbox" name="reportIds" value="${report.id}"> ${report.title}</label>`)}`
    : ''
}
<label for="reason">Begründung (freiwillig)</label>
<textarea id="reason" name="reason" maxlength="${resolutionLimits.objectionReasonLength}" rows="3"></textarea>
</fieldset>
<button type="submit">Antwort senden</button>
</form>`
    : html`<p class="notice" role="status">${stateText[resolution.state] ?? 'Über die Freigabe ist bereits entschieden.'}</p>`
}`,
  );
};
