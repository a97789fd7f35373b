import { html } from 'hono/html';
import type { BodyWithMembers, Person } from '../domain/body.js';
import { paragraphs, type Resolution } from '../domain/resolution.js';
import { germanDateTime, oneLine } from './dates.js';
import { greeting } from './greeting.js';
import type { OutgoingMail } from './invitation-mail.js';
import { memberWords } from './member-words.js';

export interface ReleaseMailInput {
  resolution: Resolution;
  body: BodyWithMembers;
  minister: Person;
  /** The Land's personal page; `?antwort=` preselects consent or objection. */
  answerUrl: string;
  secretariat: { name: string; email: string };
  senderDomain: string;
  entryId: string;
}

/**
 * Asks one voting Land whether a passed resolution may be published: the
 * text, the objection deadline, and links to consent or object. Without an
 * objection it is released when the period ends.
 */
export const releaseMail = async (input: ReleaseMailInput): Promise<OutgoingMail> => {
  const { resolution, body, minister } = input;
  const words = memberWords(body);
  const deadline = germanDateTime(
    resolution.release?.objectionDeadline ?? resolution.updatedAt,
    'Europe/Berlin',
  );
  const title = oneLine(resolution.title);
  const subject = `Freigabe zur Veröffentlichung: ${title} (Widerspruch bis ${deadline})`;
  const links = {
    consent: `${input.answerUrl}?antwort=einverstanden`,
    object: `${input.answerUrl}?antwort=widerspruch`,
  };
  const lead = `der Vorsitz der ${body.shortName} schlägt vor, den folgenden Beschluss zur Veröffentlichung freizugeben. Widerspricht ${words.none} bis zum ${deadline}, ist er zur Veröffentlichung freigegeben; widerspricht ${words.one}, wird er nicht veröffentlicht. Sind Sie einverstanden, ist keine Rückmeldung erforderlich.`;
  const text = [
    greeting(minister),
    '',
    lead,
    '',
    `  ${title}`,
    ...paragraphs(resolution.text).map((paragraph, n) => `  ${n + 1}. ${paragraph}`),
    ...resolution.reports.map((report) => `  Bericht: ${report.title}`),
    '',
    `  Einverstanden: ${links.consent}`,
    `  Widerspruch:   ${links.object}`,
    '',
    'Über die Links können Sie auch nur einzelnen zum Beschluss gehörenden Berichten widersprechen und Ihren Widerspruch begründen.',
    'Die Links sind persönlich; bitte leiten Sie diese E-Mail nicht an Dritte weiter.',
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
<h2 style="font-size: 1.1em">${title}</h2>
<ol>${paragraphs(resolution.text).map((paragraph) => html`<li>${paragraph}</li>`)}</ol>
${resolution.reports.length > 0 ? html`<ul>${resolution.reports.map((report) => html`<li>Bericht: ${report.title}</li>`)}</ul>` : ''}
<p>
<a href="${links.consent}" style="display: inline-block; padding: 0.5em 1em; background: #0b5; color: #fff; text-decoration: none">Einverstanden</a>
<a href="${links.object}" style="display: inline-block; padding: 0.5em 1em; background: #b30; color: #fff; text-decoration: none">Widerspruch</a>
</p>
<p>Über die Links können Sie auch nur einzelnen zum Beschluss gehörenden Berichten widersprechen und Ihren Widerspruch begründen. Die Links sind persönlich; bitte leiten Sie diese E-Mail nicht an Dritte weiter.</p>
<p>Mit freundlichen Grüßen<br>${input.secretariat.name}<br>${input.secretariat.email}</p>
</body></html>`;
  return {
    from: { name: input.secretariat.name, address: `freigabe@${input.senderDomain}` },
    to: { name: minister.name, address: minister.email },
    replyTo: input.secretariat.email,
    subject,
    text,
    html: page.toString(),
    messageId: `<release-${resolution.id}-${input.entryId}@${input.senderDomain}>`,
    headers: { 'Auto-Submitted': 'auto-generated', 'X-Auto-Response-Suppress': 'OOF, AutoReply' },
  };
};
