import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { pdfText } from '../fixtures/pdf-text.js';

/** A minimal PDF around one content stream, as pdfkit writes it: "stream\n" data "\nendstream". */
const pdfWith = (data: Buffer) =>
  Buffer.concat([
    Buffer.from(
      `%PDF-1.3\n1 0 obj\n<< /Length ${data.length} /Filter /FlateDecode >>\nstream\n`,
      'latin1',
    ),
    data,
    Buffer.from('\nendstream\nendobj\n%%EOF\n', 'latin1'),
  ]);

const textShow = (text: string) =>
  `BT /F1 12 Tf 72 720 Td <${Buffer.from(text, 'latin1').toString('hex')}> Tj ET`;

describe('pdfText (test fixture)', () => {
  it('reads the text of a content stream', () => {
    expect(pdfText(pdfWith(deflateSync(textShow('1. TOP 1: Beschluss'))))).toEqual([
      '1. TOP 1: Beschluss',
    ]);
  });

  it('reads a content stream whose compressed bytes end in a carriage return', () => {
    // One compressed stream in 256 ends in 0x0D; the date on every page makes any of them possible.
    let text = '';
    let data = Buffer.alloc(0);
    for (let n = 0; data.at(-1) !== 0x0d; n += 1) {
      text = `Freigegeben am ${n}. Dezember`;
      data = deflateSync(textShow(text));
    }
    expect(pdfText(pdfWith(data))).toEqual([text]);
  });
});
