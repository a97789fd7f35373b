import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import type { Body } from '../../../shared/domain/body.js';
import type { Invitation } from '../../../shared/domain/invitation.js';
import type { Session } from '../../../shared/domain/session.js';
import { germanDateTime, germanSessionDates } from '../../../shared/mail/dates.js';
import { type PublicPageOptions, publicPage } from '../public/public-page.js';

const statusText: Record<string, string> = {
  accepted: 'Sie haben zugesagt.',
  declined: 'Sie haben abgesagt.',
  tentative: 'Sie haben unter Vorbehalt zugesagt.',
  represented: 'Sie haben eine Vertretung gemeldet.',
};

/** `page` for a page of an exercise, or of anything else when `exercise` is not true. */
export const pageOf =
  (exercise: boolean | undefined) =>
  (
    title: string,
    content: HtmlEscapedString | Promise<HtmlEscapedString>,
    options: { indexable?: boolean } = {},
  ) =>
    page(title, content, { ...options, exercise });

/**
 * The frame of every page behind a mail link and of the public pages: the
 * public frame shared with the console (German, the conference's name, the
 * console's stylesheet served by the product, no script and no style
 * attribute). Personal link pages stay out of search engines; public pages
 * may be indexed.
 */
export const page = (
  title: string,
  content: HtmlEscapedString | Promise<HtmlEscapedString>,
  options: PublicPageOptions = {},
) => publicPage(title, content, options);

export interface AnswerPageInput {
  session: Session;
  body: Body;
  invitation: Invitation;
  deadline: string;
  open: boolean;
  /** Preselected choice from the mail's link: zusage, absage, vertretung. */
  choice: string | undefined;
  action: string;
  message?: string;
}

/**
 * The answer page behind an invitation link: the session, the current answer
 * and a form. Opening it changes nothing; only submitting the form does.
 */
export const answerPage = (input: AnswerPageInput) => {
  const { session, body, invitation } = input;
  const checked = (value: string) =>
    (input.choice === 'zusage' && value === 'accepted') ||
    (input.choice === 'absage' && value === 'declined') ||
    (input.choice === 'vertretung' && value === 'represented') ||
    (input.choice === undefined && invitation.answer?.status === value);
  const option = (value: string, label: string) =>
    html`<label><input type="radio" name="status" value="${value}" ${checked(value) ? 'checked' : ''} required> ${label}</label>`;
  return pageOf(session.exercise)(
    `Antwort: ${session.title}`,
    html`<h1>${session.title}</h1>
<p>${session.number}. Sitzung der ${body.shortName} – ${body.name}<br>
${germanSessionDates(session.startsAt, session.endsAt, session.timeZone)}<br>
${[session.place?.room, session.place?.building, session.place?.city].filter(Boolean).join(', ') || 'Videokonferenz'}</p>
<p>Einladung für ${invitation.name}</p>
${input.message ? html`<p class="notice" role="status">${input.message}</p>` : ''}
${invitation.answer ? html`<p>Ihre bisherige Antwort: <strong>${statusText[invitation.answer.status] ?? ''}</strong>${invitation.answer.deputy ? html` Vertretung: ${invitation.answer.deputy.name}` : ''}</p>` : ''}
${
  input.open
    ? html`<form method="post" action="${input.action}">
<fieldset>
<legend>Ihre Antwort bis ${germanDateTime(input.deadline, session.timeZone)}</legend>
${option('accepted', 'Ich nehme teil (Zusage)')}
${option('declined', 'Ich nehme nicht teil (Absage)')}
${option('tentative', 'Ich nehme unter Vorbehalt teil')}
${option('represented', 'Ich lasse mich vertreten')}
<label for="deputyName">Name der Vertretung</label>
<input type="text" id="deputyName" name="deputyName" maxlength="160" autocomplete="name">
<label for="deputyEmail">E-Mail der Vertretung (für eine eigene Einladung)</label>
<input type="email" id="deputyEmail" name="deputyEmail" maxlength="254" autocomplete="email">
<label for="comment">Bemerkung</label>
<textarea id="comment" name="comment" maxlength="1000" rows="3"></textarea>
</fieldset>
<button type="submit">Antwort senden</button>
</form>`
    : session.state === 'cancelled'
      ? html`<p class="notice" role="status">Die Sitzung ist abgesagt. Eine Antwort ist nicht mehr nötig.</p>`
      : html`<p class="notice" role="status">Die Antwortfrist ist am ${germanDateTime(input.deadline, session.timeZone)} abgelaufen. Bitte wenden Sie sich an die Geschäftsstelle, wenn sich Ihre Teilnahme ändert.</p>`
}`,
  );
};

const refusals: Record<string, string> = {
  malformed: 'Dieser Link ist unvollständig. Bitte öffnen Sie den Link aus Ihrer Einladung erneut.',
  tampered:
    'Dieser Link ist ungültig. Bitte verwenden Sie den Link aus Ihrer Einladung unverändert.',
  expired: 'Dieser Link ist abgelaufen, weil die Sitzung vorüber ist.',
  'wrong-purpose': 'Dieser Link gehört nicht zu einer Einladung.',
  'not-found': 'Zu diesem Link gibt es keine Einladung mehr.',
  superseded:
    'Dieser Link gilt nicht mehr, weil die Anmeldung, die er bestätigen sollte, inzwischen beendet wurde.',
  revoked:
    'Diese Einladung ist zurückgezogen worden; der Link gilt nicht mehr. Bei Fragen wenden Sie sich bitte an die Geschäftsstelle.',
};

/** The page for a link that cannot be used, with the reason in plain German. */
export const refusedPage = (reason: string) =>
  page(
    'Link nicht gültig',
    html`<h1>Link nicht gültig</h1><p>${refusals[reason] ?? refusals.tampered}</p>`,
  );
