import PDFDocument from 'pdfkit';
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
import { exerciseMark, exerciseNotice } from '../../../shared/mail/exercise.js';

const margin = 64;
const regular = 'Helvetica';
const bold = 'Helvetica-Bold';

type Doc = InstanceType<typeof PDFDocument>;

const heading = (doc: Doc, text: string, width: number) => {
  doc.moveDown(0.8);
  doc.font(bold).fontSize(12).text(text, { width });
  doc.moveDown(0.3);
};

const writeResolution = (
  doc: Doc,
  resolution: ProtocolResolution,
  view: ProtocolView,
  width: number,
) => {
  const at = (value: string) => germanDateTime(value, view.content.session.timeZone);
  doc.font(bold).fontSize(11).text(resolution.title, { width });
  doc.moveDown(0.3);
  doc.font(bold).fontSize(10).text('Beschluss:', { width });
  resolution.paragraphs.forEach((paragraph, n) => {
    doc
      .font(regular)
      .fontSize(10)
      .text(`${n + 1}. ${paragraph}`, { width, align: 'justify' });
    doc.moveDown(0.2);
  });
  for (const report of resolution.reports) {
    const tag =
      report.released === undefined
        ? ''
        : report.released
          ? ' (freigegeben)'
          : ' (nicht freigegeben)';
    doc.font(regular).fontSize(10).text(`Bericht: ${report.title}${tag}`, { width });
  }
  doc.moveDown(0.3);
  doc
    .font(bold)
    .fontSize(10)
    .text(`Ergebnis: ${outcomeText(resolution)}`, { width });
  if (resolution.votes.some((vote) => vote.vote !== undefined)) {
    doc.font(regular).fontSize(10).text('Stimmen der Länder:', { width });
    for (const vote of resolution.votes) {
      doc.font(regular).fontSize(9).text(voteLine(vote), { width, indent: 12 });
    }
  }
  for (const statement of resolution.statements) {
    doc.moveDown(0.3);
    doc
      .font(bold)
      .fontSize(10)
      .text(`Protokollerklärung ${statement.members.join(', ')}:`, { width });
    doc.font(regular).fontSize(10).text(statement.text, { width, align: 'justify' });
  }
  doc.moveDown(0.3);
  doc
    .font(regular)
    .fontSize(9)
    .text(`Veröffentlichung: ${releaseText(resolution, at)}`, { width });
  doc.moveDown(0.6);
};

/** Marks every page: the draft mark and the exercise above, page numbers below. */
const markPages = (doc: Doc, view: ProtocolView, width: number) => {
  const marks = [
    ...(view.content.session.exercise ? [exerciseMark] : []),
    ...(view.approval === undefined ? [draftMark] : []),
  ];
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i += 1) {
    doc.switchToPage(i);
    const { top, bottom } = doc.page.margins;
    doc.page.margins.top = 0;
    doc.page.margins.bottom = 0;
    if (marks.length > 0) {
      doc
        .font(bold)
        .fontSize(10)
        .fillColor('#b30000')
        .text(marks.join(' – '), margin, margin / 2, { width, align: 'center' })
        .fillColor('black');
    }
    doc
      .font(regular)
      .fontSize(9)
      .text(`Seite ${i + 1} von ${range.count}`, margin, doc.page.height - margin / 2, {
        width,
        align: 'center',
      });
    doc.page.margins.top = top;
    doc.page.margins.bottom = bottom;
  }
};

/**
 * Renders a session's result protocol (Ergebnisniederschrift) as the
 * Geschäftsstelle writes it: its header, the title, the session's data,
 * the attendance, then each TOP with its resolutions (text, each Land's
 * vote, the outcome, protocol statements and release state), and the
 * approval. A draft says "Entwurf" on every page, an exercise "ÜBUNG". The
 * same view gives the same bytes: the creation date is the approval's (or
 * the session's end), so a frozen protocol renders the same every time.
 *
 * @example
 * ```ts
 * const pdf = await renderProtocolPdf(await getProtocol(deps, actor, sessionId));
 * ```
 */
export const renderProtocolPdf = (view: ProtocolView): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const { content } = view;
    const doc = new PDFDocument({
      size: 'A4',
      margins: { top: margin, bottom: margin, left: margin, right: margin },
      bufferPages: true,
      info: {
        Title: content.heading,
        Author: `Geschäftsstelle der ${content.body.shortName}`,
        Subject: content.session.title,
        CreationDate: new Date(view.approval?.approvedAt ?? content.session.endsAt),
      },
      lang: 'de-DE',
    });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    const width = doc.page.width - 2 * margin;

    doc.font(bold).fontSize(10).text(content.body.name, { width });
    doc.font(regular).fontSize(10).text('– Geschäftsstelle –', { width });
    doc.moveDown(1.5);
    if (content.session.exercise) {
      doc.font(bold).fontSize(10).text(exerciseNotice, { width, align: 'center' });
      doc.moveDown(0.8);
    }
    doc.font(bold).fontSize(14).text(content.heading, { width, align: 'center' });
    doc.moveDown(1);

    heading(doc, 'Sitzungsdaten', width);
    doc.font(regular).fontSize(10);
    doc.text(`Sitzung: ${content.session.title}`, { width });
    doc.text(`Termin: ${content.dates}`, { width });
    doc.text(`Ort: ${content.venue}`, { width });
    if (content.chair !== undefined) doc.text(`Vorsitz: ${content.chair}`, { width });

    heading(doc, 'Teilnahme', width);
    for (const line of content.attendance) {
      doc
        .font(regular)
        .fontSize(10)
        .text(`${line.member}${line.voting ? '' : ' (Gast)'}: ${attendanceText(line)}`, { width });
    }

    heading(doc, 'Ergebnisse', width);
    if (view.withheldItems > 0) {
      doc
        .font(regular)
        .fontSize(9)
        .text(
          `${view.withheldItems === 1 ? 'Ein vertraulicher Tagesordnungspunkt ist' : `${view.withheldItems} vertrauliche Tagesordnungspunkte sind`} in dieser Fassung nicht enthalten.`,
          { width },
        );
      doc.moveDown(0.5);
    }
    for (const item of content.items) {
      doc.font(bold).fontSize(11).text(`TOP ${item.number}: ${item.title}`, { width });
      doc.moveDown(0.3);
      if (item.resolutions.length === 0) {
        doc.font(regular).fontSize(10).text('Kein Beschluss.', { width });
        doc.moveDown(0.6);
      }
      for (const resolution of item.resolutions) writeResolution(doc, resolution, view, width);
    }

    doc.moveDown(1);
    doc
      .font(regular)
      .fontSize(10)
      .text(
        approvalLine(view, (at) => germanDateTime(at, content.session.timeZone)),
        { width },
      );
    markPages(doc, view, width);
    doc.end();
  });
