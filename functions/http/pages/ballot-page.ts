import { html } from 'hono/html';
import type { BodyWithMembers } from '../../../shared/domain/body.js';
import {
  paragraphs,
  type Resolution,
  resolutionLimits,
} from '../../../shared/domain/resolution.js';
import type { Ballot, WrittenProcedure } from '../../../shared/domain/written-procedure.js';
import { germanDateTime } from '../../../shared/mail/dates.js';
import { voteText } from '../../../shared/mail/procedure-mail.js';
import { pageOf } from './answer-page.js';

const timeZone = 'Europe/Berlin';

/** The choice a mail link preselects for every proposal. */
export const choiceVotes: Record<string, 'yes' | 'no' | 'abstain'> = {
  zustimmung: 'yes',
  ablehnung: 'no',
  enthaltung: 'abstain',
};

export interface BallotPageInput {
  procedure: WrittenProcedure;
  body: BodyWithMembers;
  ballot: Ballot;
  resolutions: readonly Resolution[];
  open: boolean;
  /** Preselected from the mail's link: zustimmung, ablehnung, enthaltung. */
  choice: string | undefined;
  action: string;
  message?: string;
}

const outcomeText = (resolution: Resolution) =>
  resolution.outcome === undefined
    ? ''
    : resolution.outcome === 'passed'
      ? 'angenommen'
      : 'abgelehnt';

/**
 * The page behind a written procedure's links: the proposals, the Land's
 * current answer, and a form with one choice per proposal and an optional
 * protocol statement. Opening it changes nothing; only submitting does.
 */
export const ballotPage = (input: BallotPageInput) => {
  const { procedure, body, ballot, resolutions } = input;
  const preselected = input.choice === undefined ? undefined : choiceVotes[input.choice];
  const checked = (resolution: Resolution, value: string) =>
    (preselected ?? ballot.votes?.[resolution.id]) === value;
  const option = (resolution: Resolution, value: 'yes' | 'no' | 'abstain') =>
    html`<label><input type="radio" name="vote-${resolution.id}" value="${value}" ${checked(resolution, value) ? 'checked' : ''} required> ${voteText[value]}</label>`;
  const memberName =
    body.members.find((member) => member.memberId === ballot.memberId)?.name ?? ballot.memberId;
  return pageOf(procedure.exercise)(
    `Umlaufverfahren: ${procedure.title}`,
    html`<h1>Umlaufverfahren: ${procedure.title}</h1>
<p>${body.name}<br>Frist: ${germanDateTime(procedure.deadline, timeZone)}</p>
<p>Für ${ballot.name} (${memberName})</p>
${input.message ? html`<p class="notice" role="status">${input.message}</p>` : ''}
${!ballot.voting ? html`<p class="notice">Als Gast nehmen Sie an der Abstimmung nicht teil; diese Seite dient Ihrer Kenntnis.</p>` : ''}
${procedure.state === 'closed' ? html`<p class="notice" role="status">Das Umlaufverfahren ist abgeschlossen.</p>` : ''}
${input.open ? html`<form method="post" action="${input.action}">${proposals(resolutions, option, true)}<button type="submit">Stimme abgeben</button></form>` : proposals(resolutions, option, false)}
${
  !input.open && procedure.state === 'open' && ballot.voting
    ? html`<p class="notice" role="status">Die Frist ist abgelaufen; eine Antwort ist nicht mehr möglich.</p>`
    : ''
}
<p>${resolutions.length > 0 && ballot.votes ? html`Ihre bisherige Antwort: ${resolutions.map((r, i) => html`${i > 0 ? ', ' : ''}Vorschlag ${i + 1}: <strong>${voteText[ballot.votes?.[r.id] ?? 'absent']}</strong>`)}` : ''}</p>`,
  );
};

const proposals = (
  resolutions: readonly Resolution[],
  option: (resolution: Resolution, value: 'yes' | 'no' | 'abstain') => unknown,
  form: boolean,
) =>
  html`${resolutions.map(
    (resolution, index) => html`<fieldset>
<legend>Beschlussvorschlag ${index + 1}: ${resolution.title}</legend>
<ol>${paragraphs(resolution.text).map((paragraph) => html`<li>${paragraph}</li>`)}</ol>
${resolution.outcome ? html`<p>Ergebnis: <strong>${outcomeText(resolution)}</strong></p>` : ''}
${
  form
    ? html`${option(resolution, 'yes')}${option(resolution, 'no')}${option(resolution, 'abstain')}
<label for="statement-${resolution.id}">Protokollerklärung (freiwillig)</label>
<textarea id="statement-${resolution.id}" name="statement-${resolution.id}" maxlength="${resolutionLimits.statementLength}" rows="3"></textarea>`
    : ''
}
</fieldset>`,
  )}`;
