import { html } from 'hono/html';
import type { BodyWithMembers, Person } from '../domain/body.js';
import { paragraphs, type Resolution } from '../domain/resolution.js';
import type { Session } from '../domain/session.js';
import { germanDateTime, oneLine } from './dates.js';
import { greeting } from './greeting.js';
import type { OutgoingMail } from './invitation-mail.js';
import { memberWords } from './member-words.js';
import { sessionPhrase } from './session-phrase.js';

export interface SessionReleaseMailInput {
  session: Session;
  /** The resolutions proposed together, in agenda order. */
  resolutions: Resolution[];
  body: BodyWithMembers;
  minister: Person;
  /** The Land's personal page; `?antwort=einverstanden` preselects consent to every resolution. */
  answerUrl: string;
  secretariat: { name: string; email: string };
  senderDomain: string;
  entryId: string;
}

/** "einen Beschluss", "vier Beschlüsse": the count in words up to twelve. */
const counted = (count: number): string => {
  const words = [
    '',
    'einen',
    'zwei',
    'drei',
    'vier',
    'fünf',
    'sechs',
    'sieben',
    'acht',
    'neun',
    'zehn',
    'elf',
    'zwölf',
  ];
  const number = words[count] ?? String(count);
  return count === 1 ? `${number} Beschluss` : `${number} Beschlüsse`;
};

/**
 * Asks one voting Land in one mail whether several passed resolutions of a
 * session may be published: their texts, the objection deadline, and one
 * personal page where the Land consents or objects per resolution. Without
 * an objection each is released when the period ends.
 *
 * @example
 * ```ts
 * const mail = await sessionReleaseMail({ session, resolutions, body, minister, answerUrl, secretariat, senderDomain, entryId });
 * ```
 */
export const sessionReleaseMail = async (input: SessionReleaseMailInput): Promise<OutgoingMail> => {
  const { session, resolutions, body, minister } = input;
  const words = memberWords(body);
  const deadline = germanDateTime(
    resolutions[0]?.release?.objectionDeadline ?? session.updatedAt,
    'Europe/Berlin',
  );
  const of = sessionPhrase(session, body, 'genitive');
  const subject = `Freigabe zur Veröffentlichung: ${resolutions.length === 1 ? 'Beschluss' : 'Beschlüsse'} ${of} (Widerspruch bis ${deadline})`;
  const links = { page: input.answerUrl, all: `${input.answerUrl}?antwort=einverstanden` };
  const lead = `der Vorsitz der ${body.shortName} schlägt vor, ${counted(resolutions.length)} ${of} zur Veröffentlichung freizugeben. Auf Ihrer persönlichen Seite können Sie jedem Beschluss einzeln zustimmen oder widersprechen. Widerspricht ${words.none} einem Beschluss bis zum ${deadline}, ist er zur Veröffentlichung freigegeben; widerspricht ${words.one}, wird er nicht veröffentlicht. Sind Sie mit allen einverstanden, ist keine Rückmeldung erforderlich.`;
  const text = [
    greeting(minister),
    '',
    lead,
    '',
    ...resolutions.flatMap((resolution, n) => [
      `  ${n + 1}. ${oneLine(resolution.title)}`,
      ...paragraphs(resolution.text).map((paragraph) => `     ${paragraph}`),
      ...resolution.reports.map((report) => `     Bericht: ${report.title}`),
      '',
    ]),
    `  Ihre Antwortseite:           ${links.page}`,
    `  Allen Beschlüssen zustimmen: ${links.all}`,
    '',
    'Auf der Seite können Sie einzelnen Beschlüssen oder Berichten widersprechen und einen Grund nennen; Ihre Antwort gilt erst, wenn Sie sie dort absenden.',
    'Der Link ist persönlich; bitte leiten Sie diese E-Mail nicht an Dritte weiter.',
    '',
    'Mit freundlichen Grüßen',
    input.secretariat.name,
    input.secretariat.email,
  ].join('\n');
  const page = await html`<!doctype html>
<html lang="de"><head><meta charset="utf-8"><title>${subject}</title></head>
<body style="font-family: Arial, sans-serif; line-height: 1.5; color: #1a1a1a">
<p>${greeting(minister)}</p>
<p>${lead}</p>
<ol>${resolutions.map(
    (resolution) => html`<li><strong>${oneLine(resolution.title)}</strong>
${paragraphs(resolution.text).map((paragraph) => html`<p>${paragraph}</p>`)}
${resolution.reports.length > 0 ? html`<ul>${resolution.reports.map((report) => html`<li>Bericht: ${report.title}</li>`)}</ul>` : ''}</li>`,
  )}</ol>
<p>
<a href="${links.page}" style="display: inline-block; padding: 0.5em 1em; background: #05a; color: #fff; text-decoration: none">Zur Antwortseite</a>
<a href="${links.all}" style="display: inline-block; padding: 0.5em 1em; background: #0b5; color: #fff; text-decoration: none">Allen Beschlüssen zustimmen</a>
</p>
<p>Auf der Seite können Sie einzelnen Beschlüssen oder Berichten widersprechen und einen Grund nennen; Ihre Antwort gilt erst, wenn Sie sie dort absenden. Der Link ist persönlich; bitte leiten Sie diese E-Mail nicht an Dritte weiter.</p>
<p>Mit freundlichen Grüßen<br>${input.secretariat.name}<br>${input.secretariat.email}</p>
</body></html>`;
  return {
    from: { name: input.secretariat.name, address: `freigabe@${input.senderDomain}` },
    to: { name: minister.name, address: minister.email },
    replyTo: input.secretariat.email,
    subject,
    text,
    html: page.toString(),
    messageId: `<release-${session.id}-${input.entryId}@${input.senderDomain}>`,
    headers: { 'Auto-Submitted': 'auto-generated', 'X-Auto-Response-Suppress': 'OOF, AutoReply' },
  };
};
