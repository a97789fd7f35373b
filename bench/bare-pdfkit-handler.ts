/**
 * The bare work of the resolutions PDF: the same DynamoDB requests as the
 * renderer made (replayed), then a pdfkit document of the same number of
 * pages, filled with lines of text, and nothing else. The renderer's cold
 * start is measured against a cold start of this.
 */
import PDFDocument from 'pdfkit';
import { type ReplayEvent, handler as replay } from './bare-dynamodb-handler.js';

export const handler = async (event: ReplayEvent & { pages: number }) => {
  await replay(event);
  const doc = new PDFDocument({ size: 'A4', margin: 56 });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve) => doc.on('end', resolve));
  for (let page = 0; page < event.pages; page += 1) {
    if (page > 0) doc.addPage();
    doc
      .font('Helvetica-Bold')
      .fontSize(14)
      .text(`Beschluss ${page + 1}`);
    doc.font('Helvetica').fontSize(10);
    for (let line = 0; line < 30; line += 1) {
      doc.text('Die Konferenz nimmt den Bericht zur Kenntnis und bittet um Fortschreibung.');
    }
  }
  doc.end();
  await done;
  return {
    statusCode: 200,
    isBase64Encoded: true,
    body: Buffer.concat(chunks).toString('base64'),
  };
};
