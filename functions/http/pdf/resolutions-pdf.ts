import PDFDocument from 'pdfkit';
import { dateTimeFormat } from '../../../shared/domain/date-format.js';
import { germanDateTime } from '../../../shared/mail/dates.js';
import type { ResolutionCollection } from '../../../shared/use-cases/published-resolutions.js';
import { collectionTitle } from '../pages/resolutions-page.js';

const margin = 64;
const regular = 'Helvetica';
const bold = 'Helvetica-Bold';

const germanDate = (at: string, timeZone: string) =>
  dateTimeFormat('de-DE', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone,
  }).format(new Date(at));

/**
 * Renders a session's released resolutions as the Geschäftsstelle's PDF
 * collection: its header with place and date, the title, a short notes
 * section, then each resolution numbered with its TOP, "Beschluss:", the
 * numbered paragraphs, reports with their release tag and the protocol
 * statements below. Uses the PDF standard fonts, so nothing is embedded.
 */
export const renderResolutionsPdf = (collection: ResolutionCollection): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const doc = new PDFDocument({
      size: 'A4',
      margins: { top: margin, bottom: margin, left: margin, right: margin },
      bufferPages: true,
      info: {
        Title: collectionTitle(collection),
        Author: `Geschäftsstelle der ${collection.body.shortName}`,
        Subject: collection.session.title,
        CreationDate: new Date(collection.session.endsAt),
      },
      lang: 'de-DE',
    });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);

    const width = doc.page.width - 2 * margin;
    const { session } = collection;

    // The Geschäftsstelle's header: who writes, and place and date on the right.
    doc.font(bold).fontSize(10).text(collection.body.name, { width });
    doc.font(regular).fontSize(10).text('– Geschäftsstelle –', { width });
    doc
      .font(regular)
      .fontSize(10)
      .text(`${collection.place}, ${germanDate(session.endsAt, session.timeZone)}`, {
        width,
        align: 'right',
      });
    doc.moveDown(2);
    doc.font(bold).fontSize(14).text(collectionTitle(collection), { width, align: 'center' });
    doc.moveDown(0.5);
    doc.font(regular).fontSize(10).text(collection.venue, { width, align: 'center' });
    doc.moveDown(1.5);

    doc.font(bold).fontSize(11).text('Hinweise', { width });
    doc
      .font(regular)
      .fontSize(10)
      .text(
        'Diese Sammlung enthält die Beschlüsse, deren Veröffentlichung alle stimmberechtigten Länder zugestimmt haben oder der innerhalb der Widerspruchsfrist kein Land widersprochen hat; bei jedem Beschluss steht, wie er freigegeben wurde. ' +
          'Berichte sind mit „(freigegeben)“ oder „(nicht freigegeben)“ gekennzeichnet; nicht freigegebene Berichte werden nicht veröffentlicht. ' +
          'Protokollerklärungen einzelner Länder stehen unter dem jeweiligen Beschluss.',
        { width, align: 'justify' },
      );
    doc.moveDown(1.5);

    if (collection.resolutions.length === 0) {
      doc.text('Zu dieser Sitzung sind noch keine Beschlüsse zur Veröffentlichung freigegeben.');
    }
    collection.resolutions.forEach((resolution, index) => {
      doc
        .font(bold)
        .fontSize(12)
        .text(`${index + 1}. TOP ${resolution.item.number}: ${resolution.item.title}`, { width });
      if (resolution.title !== resolution.item.title) {
        doc.font(regular).fontSize(11).text(resolution.title, { width });
      }
      doc.moveDown(0.5);
      doc.font(bold).fontSize(11).text('Beschluss:', { width });
      doc.moveDown(0.3);
      resolution.paragraphs.forEach((paragraph, n) => {
        doc
          .font(regular)
          .fontSize(11)
          .text(`${n + 1}. ${paragraph}`, { width, align: 'justify', indent: 0 });
        doc.moveDown(0.4);
      });
      for (const report of resolution.reports) {
        doc
          .font(regular)
          .fontSize(10)
          .text(`${report.title} (${report.released ? 'freigegeben' : 'nicht freigegeben'})`, {
            width,
          });
      }
      for (const statement of resolution.statements) {
        doc.moveDown(0.3);
        doc
          .font(bold)
          .fontSize(10)
          .text(`Protokollerklärung ${statement.members.join(', ')}:`, { width });
        doc.font(regular).fontSize(10).text(statement.text, { width, align: 'justify' });
      }
      if (resolution.release !== undefined) {
        doc.moveDown(0.3);
        doc
          .font(regular)
          .fontSize(9)
          .text(
            `Freigegeben am ${germanDateTime(resolution.release.at, session.timeZone)}: ${
              resolution.release.basis === 'all-consented'
                ? 'alle Länder haben zugestimmt.'
                : 'nach Ablauf der Widerspruchsfrist ohne Widerspruch.'
            }`,
            { width },
          );
      }
      for (const correction of resolution.corrections) {
        doc.moveDown(0.3);
        doc
          .font(regular)
          .fontSize(9)
          .text(
            `Berichtigt am ${germanDateTime(correction.at, session.timeZone)}: ${correction.note}`,
            { width },
          );
      }
      doc.moveDown(1.2);
    });

    // Page numbers, once all pages exist.
    const range = doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i += 1) {
      doc.switchToPage(i);
      const bottom = doc.page.margins.bottom;
      doc.page.margins.bottom = 0;
      doc
        .font(regular)
        .fontSize(9)
        .text(`Seite ${i + 1} von ${range.count}`, margin, doc.page.height - margin / 2, {
          width,
          align: 'center',
        });
      doc.page.margins.bottom = bottom;
    }
    doc.end();
  });
