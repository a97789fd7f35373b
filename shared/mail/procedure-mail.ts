import { html } from 'hono/html';
import type { BodyWithMembers } from '../domain/body.js';
import { paragraphs, type Resolution, type VoteValue } from '../domain/resolution.js';
import type { Ballot, WrittenProcedure } from '../domain/written-procedure.js';
import { germanDateTime, oneLine } from './dates.js';
import { greeting } from './greeting.js';
import type { OutgoingMail } from './invitation-mail.js';
import { memberWords } from './member-words.js';

/** Written procedures have no session; their times are shown in the conference's zone. */
const timeZone = 'Europe/Berlin';

/** A vote in German, as the mails and pages of a written procedure show it. */
export const voteText: Record<VoteValue, string> = {
  yes: 'Zustimmung',
  no: 'Ablehnung',
  abstain: 'Enthaltung',
  absent: 'nicht beteiligt',
};

const silenceText: Record<string, string> = {
  'not-agreed': 'als Ablehnung',
  agreed: 'als Zustimmung',
  abstain: 'als Enthaltung',
};

export interface ProcedureMailInput {
  kind: 'ballot' | 'ballot-reminder' | 'procedure-result';
  procedure: WrittenProcedure;
  body: BodyWithMembers;
  ballot: Ballot;
  resolutions: readonly Resolution[];
  /** The personal ballot page; `?antwort=` preselects the choice for every proposal. */
  ballotUrl: string;
  replyTo: string;
  secretariat: { name: string; email: string };
  senderDomain: string;
  /** Makes the Message-ID unique per outbox entry. */
  entryId: string;
}

/**
 * The German mails of a written procedure (Umlaufverfahren): the ballot
 * with its answer links, the reminder, and the result with each Land's vote.
 */
export const procedureMail = async (input: ProcedureMailInput): Promise<OutgoingMail> => {
  const { procedure, body, ballot, resolutions } = input;
  const words = memberWords(body);
  const deadline = germanDateTime(procedure.deadline, timeZone);
  const title = oneLine(procedure.title);
  const subject = {
    ballot: `Umlaufverfahren: ${title} (Frist ${deadline})`,
    'ballot-reminder': `Erinnerung – Umlaufverfahren: ${title} (Frist ${deadline})`,
    'procedure-result': `Ergebnis des Umlaufverfahrens: ${title}`,
  }[input.kind];
  const memberName = (id: string) =>
    body.members.find((member) => member.memberId === id)?.name ?? id;
  const silence = silenceText[body.decisionRule.silence ?? 'not-agreed'] ?? 'als Ablehnung';
  const links = {
    yes: `${input.ballotUrl}?antwort=zustimmung`,
    no: `${input.ballotUrl}?antwort=ablehnung`,
    abstain: `${input.ballotUrl}?antwort=enthaltung`,
  };
  const result = input.kind === 'procedure-result';
  const several = resolutions.length > 1;
  const proposals = several ? 'folgende Beschlussvorschläge' : 'folgenden Beschlussvorschlag';
  const lead = result
    ? `das Umlaufverfahren der ${body.shortName} „${title}“ ist${procedure.closedBecause === 'deadline' ? ' mit Ablauf der Frist' : ''} abgeschlossen und hat folgendes Ergebnis:`
    : ballot.voting
      ? `${input.kind === 'ballot-reminder' ? 'wir erinnern an das Umlaufverfahren; Ihre Antwort steht noch aus. Im' : 'im'} Auftrag des Vorsitzes legt die ${input.secretariat.name} ${words.toAll} ${proposals} im Umlaufverfahren zur Beschlussfassung vor:`
      : `zu Ihrer Kenntnis: Die ${input.secretariat.name} legt ${words.toAll} ${proposals} im Umlaufverfahren zur Beschlussfassung vor (als Gast nehmen Sie an der Abstimmung nicht teil):`;
  const outcome = (resolution: Resolution) =>
    resolution.outcome !== 'passed'
      ? 'abgelehnt'
      : resolution.tally !== undefined &&
          resolution.tally.no === 0 &&
          resolution.tally.abstain === 0
        ? 'einstimmig angenommen'
        : 'angenommen';
  const counted = (n: number, one: string, many: string, none: string) =>
    n === 0 ? none : `${n} ${n === 1 ? one : many}`;
  const tally = (resolution: Resolution) =>
    resolution.tally === undefined
      ? ''
      : [
          counted(resolution.tally.yes, 'Zustimmung', 'Zustimmungen', 'keine Zustimmung'),
          counted(resolution.tally.no, 'Ablehnung', 'Ablehnungen', 'keine Ablehnung'),
          counted(resolution.tally.abstain, 'Enthaltung', 'Enthaltungen', 'keine Enthaltung'),
        ].join(', ');
  // The Länder as Germans list them: alphabetically by name, not by code.
  const collator = new Intl.Collator('de');
  const votersByName = [...procedure.voters].sort((a, b) =>
    collator.compare(memberName(a), memberName(b)),
  );
  const byReply = several
    ? 'Sie können auch auf diese E-Mail antworten: mit „Zustimmung“, „Ablehnung“ oder „Enthaltung“ für alle Vorschläge zugleich, oder für jeden einzeln in je einer Zeile, etwa „Vorschlag 1: Zustimmung“ und „Vorschlag 2: Ablehnung“.'
    : 'Sie können auch auf diese E-Mail mit „Zustimmung“, „Ablehnung“ oder „Enthaltung“ antworten.';
  const byPage = several
    ? 'Über die Links können Sie auch jeden Vorschlag einzeln beantworten und eine Protokollerklärung abgeben.'
    : 'Über die Links können Sie auch eine Protokollerklärung abgeben.';
  const silenceSentence = `Geht bis zum Fristablauf keine Antwort ein, gilt ${words.yourVote} ${silence}.`;
  const personal =
    'Die Links sind persönlich; bitte leiten Sie diese E-Mail nicht an Dritte weiter.';
  const votesOf = (resolution: Resolution) =>
    votersByName.map((id) => {
      const cast = resolution.votes[id];
      const how = cast === undefined ? 'keine Antwort' : voteText[cast.vote];
      return `${memberName(id)}: ${how}${cast?.channel === 'silence' ? ' (keine Antwort bis zur Frist)' : ''}`;
    });

  const text = [
    greeting(ballot),
    '',
    lead,
    '',
    `  ${title}`,
    '',
    ...resolutions.flatMap((resolution, index) => [
      `Beschlussvorschlag ${index + 1}: ${resolution.title}`,
      ...(result ? [`  Ergebnis: ${outcome(resolution)} (${tally(resolution)})`] : []),
      ...paragraphs(resolution.text).map((paragraph, n) => `  ${n + 1}. ${paragraph}`),
      ...(result ? ['  Stimmen:', ...votesOf(resolution).map((line) => `    ${line}`)] : []),
      ...resolution.statements.map(
        (statement) =>
          `  Protokollerklärung (${statement.memberIds.map(memberName).join(', ')}): ${statement.text}`,
      ),
      '',
    ]),
    ...(result || !ballot.voting
      ? []
      : [
          `Bitte antworten Sie bis zum ${deadline}. ${silenceSentence}`,
          `  Zustimmung: ${links.yes}`,
          `  Ablehnung:  ${links.no}`,
          `  Enthaltung: ${links.abstain}`,
          '',
          byPage,
          byReply,
          personal,
          '',
        ]),
    'Mit freundlichen Grüßen',
    input.secretariat.name,
    input.secretariat.email,
  ].join('\n');

  const button = (href: string, label: string, colour: string) =>
    html`<a href="${href}" style="display: inline-block; padding: 0.5em 1em; background: ${colour}; color: #fff; text-decoration: none">${label}</a>`;
  const htmlBody = html`<!doctype html>
<html lang="de"><head><meta charset="utf-8"><title>${subject}</title></head>
<body style="font-family: Arial, sans-serif; line-height: 1.5; color: #1a1a1a">
<p>${greeting(ballot)}</p>
<p>${lead}</p>
<p><strong>${title}</strong></p>
${resolutions.map(
  (
    resolution,
    index,
  ) => html`<h2 style="font-size: 1.1em">Beschlussvorschlag ${index + 1}: ${resolution.title}</h2>
${result ? html`<p>Ergebnis: <strong>${outcome(resolution)}</strong> (${tally(resolution)})</p>` : ''}
<ol>${paragraphs(resolution.text).map((paragraph) => html`<li>${paragraph}</li>`)}</ol>
${result ? html`<p>Stimmen:</p><ul>${votesOf(resolution).map((line) => html`<li>${line}</li>`)}</ul>` : ''}
${resolution.statements.map((statement) => html`<p><em>Protokollerklärung (${statement.memberIds.map(memberName).join(', ')}):</em> ${statement.text}</p>`)}`,
)}
${
  result || !ballot.voting
    ? ''
    : html`<p>Bitte antworten Sie bis zum <strong>${deadline}</strong>. ${silenceSentence}</p>
<p>${button(links.yes, 'Zustimmung', '#0b5')} ${button(links.no, 'Ablehnung', '#b30')} ${button(links.abstain, 'Enthaltung', '#357')}</p>
<p>${byPage} ${byReply}</p>
<p>${personal}</p>`
}
<p>Mit freundlichen Grüßen<br>${input.secretariat.name}<br>${input.secretariat.email}</p>
</body></html>`;

  return {
    from: { name: input.secretariat.name, address: `umlauf@${input.senderDomain}` },
    to: { name: ballot.name, address: ballot.email },
    replyTo: input.replyTo,
    subject,
    text,
    html: (await htmlBody).toString(),
    messageId: `<${input.kind}-${ballot.id}-${input.entryId}@${input.senderDomain}>`,
    headers: { 'Auto-Submitted': 'auto-generated', 'X-Auto-Response-Suppress': 'OOF, AutoReply' },
  };
};
