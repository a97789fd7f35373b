import { html } from 'hono/html';
import type { Body } from '../domain/body.js';
import type { Invitation } from '../domain/invitation.js';
import {
  classificationLabel,
  formatLabel,
  germanFileSize,
  type PaperClassification,
  type PaperFormat,
  type PaperKind,
  paperKindLabel,
} from '../domain/paper.js';
import type { Session } from '../domain/session.js';
import { germanDatePhrase } from './dates.js';
import { greeting } from './greeting.js';
import type { OutgoingMail } from './invitation-mail.js';
import { sessionPhrase } from './session-phrase.js';

/** One paper as a mail lists it: with the recipient's personal download link. */
export interface ListedPaper {
  itemNumber: string;
  title: string;
  kind: PaperKind;
  classification: PaperClassification;
  format: PaperFormat;
  bytes: number;
  version: number;
  /** True when the local stack shares it without a malware scan. */
  unchecked: boolean;
  url: string;
}

/** "Bericht, PDF, 1,2 MB, Fassung 2, vertraulich": what a list says of one paper. */
export const paperFacts = (paper: Omit<ListedPaper, 'url' | 'itemNumber' | 'title'>) =>
  [
    paperKindLabel[paper.kind],
    formatLabel[paper.format],
    germanFileSize(paper.bytes),
    ...(paper.version > 1 ? [`Fassung ${paper.version}`] : []),
    ...(paper.classification === 'public' ? [] : [classificationLabel[paper.classification]]),
    ...(paper.unchecked ? ['lokal nicht geprüft'] : []),
  ].join(', ');

const personalNote =
  'Die Links zu den Unterlagen sind persönlich und werden bei jedem Abruf protokolliert; bitte leiten Sie sie nicht weiter.';

/** The text lines of a paper list, for the plain-text part of a mail. */
export const paperTextLines = (papers: readonly ListedPaper[]): string[] =>
  papers.length === 0
    ? []
    : [
        'Unterlagen:',
        ...papers.flatMap((paper) => [
          `  TOP ${paper.itemNumber}  ${paper.title} (${paperFacts(paper)})`,
          `    ${paper.url}`,
        ]),
        personalNote,
        '',
      ];

/** The HTML of a paper list. */
export const paperHtml = (papers: readonly ListedPaper[]) =>
  papers.length === 0
    ? ''
    : html`<h2 style="font-size: 1.1em">Unterlagen</h2>
<ul style="padding-left: 1.2em">${papers.map(
        (paper) =>
          html`<li>TOP ${paper.itemNumber}: <a href="${paper.url}">${paper.title}</a> (${paperFacts(paper)})</li>`,
      )}</ul>
<p style="font-size: 0.9em">${personalNote}</p>`;

export interface PapersAddedMailInput {
  session: Session;
  body: Body;
  invitation: Invitation;
  papers: readonly ListedPaper[];
  replyTo: string;
  secretariat: { name: string; email: string };
  senderDomain: string;
  /** Identifies this mail, so that a retried send keeps its Message-ID. */
  entryId: string;
}

/**
 * "Unterlagen nachgereicht": the papers of a session shared since the
 * invitee's last mail, each with their personal link.
 *
 * @example
 * ```ts
 * const mail = await papersAddedMail({ session, body, invitation, papers, … });
 * ```
 */
export const papersAddedMail = async (input: PapersAddedMailInput): Promise<OutgoingMail> => {
  const { session, body, invitation, papers } = input;
  const dative = sessionPhrase(session, body, 'dative');
  const when = germanDatePhrase(session.startsAt, session.endsAt, session.timeZone, {
    hoursOfOneDay: true,
  });
  const subject = `Unterlagen nachgereicht: ${session.title} ${when}`;
  const lead =
    papers.length === 1
      ? `${dative} ${when} ist eine Unterlage nachgereicht worden:`
      : `${dative} ${when} sind ${papers.length} Unterlagen nachgereicht worden:`;
  const salutation = greeting(invitation);
  const text = [
    salutation,
    '',
    lead,
    '',
    ...paperTextLines(papers),
    'Mit freundlichen Grüßen',
    input.secretariat.name,
    input.secretariat.email,
  ].join('\n');
  const htmlBody = await html`<!doctype html>
<html lang="de"><head><meta charset="utf-8"><title>${subject}</title></head>
<body style="font-family: Arial, sans-serif; line-height: 1.5; color: #1a1a1a">
<p>${salutation}</p>
<p>${lead}</p>
${paperHtml(papers)}
<p>Mit freundlichen Grüßen<br>${input.secretariat.name}<br>${input.secretariat.email}</p>
</body></html>`;
  return {
    from: { name: input.secretariat.name, address: `einladung@${input.senderDomain}` },
    to: { name: invitation.name, address: invitation.email },
    replyTo: input.replyTo,
    subject,
    text,
    html: htmlBody.toString(),
    messageId: `<${input.entryId}@${input.senderDomain}>`,
    headers: { 'Auto-Submitted': 'auto-generated', 'X-Auto-Response-Suppress': 'OOF, AutoReply' },
  };
};

export interface QuarantineMailInput {
  session: Session;
  body: Body;
  paperTitle: string;
  itemNumber: string;
  fileName: string;
  threats: readonly string[];
  uploadedBy: string;
  to: { name: string; address: string };
  secretariat: { name: string; email: string };
  senderDomain: string;
  entryId: string;
}

/**
 * The malware scan found a threat in an uploaded paper: told to the
 * uploader and the secretariat. The file is not shared and is deleted after
 * 30 days.
 */
export const quarantineMail = async (input: QuarantineMailInput): Promise<OutgoingMail> => {
  const genitive = sessionPhrase(input.session, input.body, 'genitive');
  const subject = `Unterlage gesperrt: Schadsoftware in „${input.fileName}“ gefunden`;
  const threats = input.threats.length > 0 ? input.threats.join(', ') : 'ohne Namen';
  const lines = [
    'Guten Tag,',
    '',
    `die Virenprüfung hat in der Datei „${input.fileName}“ der Unterlage „${input.paperTitle}“ zu TOP ${input.itemNumber} ${genitive} Schadsoftware gefunden (${threats}).`,
    '',
    `Die Datei wurde gesperrt: Sie wird niemandem bereitgestellt und nach 30 Tagen gelöscht. Hochgeladen hat sie ${input.uploadedBy}.`,
    'Bitte prüfen Sie die Quelle der Datei und laden Sie eine saubere Fassung hoch.',
    '',
    'Mit freundlichen Grüßen',
    input.secretariat.name,
  ];
  const htmlBody = await html`<!doctype html>
<html lang="de"><head><meta charset="utf-8"><title>${subject}</title></head>
<body style="font-family: Arial, sans-serif; line-height: 1.5; color: #1a1a1a">
${lines.filter((line) => line !== '').map((line) => html`<p>${line}</p>`)}
</body></html>`;
  return {
    from: { name: input.secretariat.name, address: `unterlagen@${input.senderDomain}` },
    to: input.to,
    replyTo: input.secretariat.email,
    subject,
    text: lines.join('\n'),
    html: htmlBody.toString(),
    messageId: `<${input.entryId}@${input.senderDomain}>`,
    headers: { 'Auto-Submitted': 'auto-generated' },
  };
};
