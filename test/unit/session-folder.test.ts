import {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFName,
  PDFNumber,
  PDFString,
  StandardFonts,
} from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import {
  type FolderItem,
  renderSessionFolder,
  type SessionFolderInput,
} from '../../functions/http/pdf/session-folder.js';
import { outlineOf } from '../fixtures/pdf-outline.js';
import { pdfText } from '../fixtures/pdf-text.js';

/** A small PDF paper: one page per text, each saying what it is. */
const paperPdf = async (...pages: string[]): Promise<Uint8Array> => {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (const text of pages) {
    doc.addPage([595, 842]).drawText(text, { x: 72, y: 700, size: 12, font });
  }
  return doc.save();
};

const session: SessionFolderInput['session'] = {
  title: 'Konstituierende Sitzung der IMK',
  kind: 'constitutive',
  format: 'in_person',
  number: 1,
  numbering: 'running',
  startsAt: '2027-03-03T09:00:00Z',
  endsAt: '2027-03-06T13:00:00Z',
  timeZone: 'Europe/Berlin',
  place: { city: 'Hamburg', building: 'Hamburger Rathaus', room: 'Ratsstube' },
};

const items = async (): Promise<FolderItem[]> => [
  {
    number: '1',
    title: 'Umgang mit dem Krieg in der Ukraine',
    papers: [
      {
        title: 'Bericht des AK II zur Unterbringung',
        classification: 'internal',
        author: 'AK II',
        version: 2,
        pdf: await paperPdf('Bericht Seite eins', 'Bericht Seite zwei'),
      },
      {
        title: 'Übersicht der Aufnahmequoten',
        classification: 'internal',
        author: 'Bayern',
        version: 1,
        downloadUrl: 'https://konferenz.example.org/links/papers/quoten',
      },
    ],
  },
  { number: '2', title: 'Bekämpfung der Internetkriminalität', papers: [] },
  {
    number: '3',
    title: 'Extremismusbekämpfung',
    papers: [
      {
        title: 'Beschlussvorschlag Nordrhein-Westfalen',
        classification: 'confidential',
        author: 'Nordrhein-Westfalen',
        version: 1,
        pdf: await paperPdf('Beschlussvorschlag Seite eins'),
      },
      {
        title: 'Beschädigter Anhang',
        classification: 'confidential',
        author: 'Sachsen',
        version: 1,
        pdf: new TextEncoder().encode('%PDF-1.7 kaputt'),
        downloadUrl: 'https://konferenz.example.org/links/papers/anhang',
      },
    ],
  },
];

describe('Unit: session folder', () => {
  it('puts cover, agenda with page numbers and every PDF paper into one file, with bookmarks per TOP and paper', async () => {
    // Prepare
    const input: SessionFolderInput = {
      session,
      bodyName: 'Ständige Konferenz der Innenminister und -senatoren der Länder',
      items: await items(),
      asOf: '2027-02-20T08:00:00Z',
    };

    // Act
    const bytes = await renderSessionFolder(input);

    // Assess
    const doc = await PDFDocument.load(bytes);
    // Cover, agenda, two pages of the report, one of the proposal.
    expect(doc.getPageCount()).toBe(5);
    const lines = pdfText(Buffer.from(bytes));
    // The papers' own pages come first in the file; the folder's pages follow.
    const cover = lines.indexOf('Sitzungsunterlagen');
    expect(lines.slice(cover, cover + 6)).toEqual([
      'Sitzungsunterlagen',
      'Ständige Konferenz der Innenminister und -senatoren der Länder',
      '1. (konstituierende) Sitzung: Konstituierende Sitzung der IMK',
      '3.–6. März 2027',
      'Ratsstube, Hamburger Rathaus, Hamburg',
      'Stand: 20. Februar 2027',
    ]);
    expect(lines).toContain('Tagesordnung');
    const agenda = lines.slice(lines.indexOf('Tagesordnung'));
    expect(agenda).toEqual(
      expect.arrayContaining([
        'TOP 1: Umgang mit dem Krieg in der Ukraine',
        'Bericht des AK II zur Unterbringung (AK II, Fassung 2, intern)',
        'Übersicht der Aufnahmequoten (Bayern, Fassung 1, intern)',
        'kein PDF, nicht eingebunden – herunterladen: https://konferenz.example.org/links/papers/quoten',
        'TOP 2: Bekämpfung der Internetkriminalität',
        'Keine Unterlagen.',
        'Beschlussvorschlag Nordrhein-Westfalen (Nordrhein-Westfalen, Fassung 1, vertraulich)',
        'Beschädigter Anhang (Sachsen, Fassung 1, vertraulich)',
        'konnte nicht eingebunden werden – herunterladen: https://konferenz.example.org/links/papers/anhang',
      ]),
    );
    // The page numbers beside TOP 1 and its report (3), and TOP 3 and its proposal (5).
    const pageBeside = (line: string) => agenda[agenda.indexOf(line) + 1];
    expect(pageBeside('TOP 1: Umgang mit dem Krieg in der Ukraine')).toBe('S. 3');
    expect(pageBeside('Bericht des AK II zur Unterbringung (AK II, Fassung 2, intern)')).toBe(
      'S. 3',
    );
    expect(pageBeside('TOP 3: Extremismusbekämpfung')).toBe('S. 5');
    expect(lines).toContain('Bericht Seite zwei');
    expect(lines).toContain('Beschlussvorschlag Seite eins');

    expect(outlineOf(doc)).toEqual([
      {
        title: 'TOP 1: Umgang mit dem Krieg in der Ukraine',
        page: 3,
        children: [{ title: 'Bericht des AK II zur Unterbringung', page: 3, children: [] }],
      },
      { title: 'TOP 2: Bekämpfung der Internetkriminalität', page: 2, children: [] },
      {
        title: 'TOP 3: Extremismusbekämpfung',
        page: 5,
        children: [{ title: 'Beschlussvorschlag Nordrhein-Westfalen', page: 5, children: [] }],
      },
    ]);
    const root = doc.catalog.lookup(PDFName.of('Outlines'), PDFDict);
    expect(root.lookup(PDFName.of('Count'), PDFNumber).asNumber()).toBe(5);
    expect(doc.catalog.get(PDFName.of('PageMode'))).toBe(PDFName.of('UseOutlines'));
  });

  it('links the download of a paper it could not include', async () => {
    const bytes = await renderSessionFolder({
      session,
      bodyName: 'IMK',
      items: await items(),
      asOf: '2027-02-20T08:00:00Z',
    });
    const doc = await PDFDocument.load(bytes);
    const annotations = doc.getPage(1).node.lookup(PDFName.of('Annots'), PDFArray);
    const uris = annotations
      .asArray()
      .map((ref) => doc.context.lookup(ref, PDFDict).lookup(PDFName.of('A'), PDFDict))
      .map((action) => action.lookup(PDFName.of('URI'), PDFString).decodeText());
    expect(uris).toEqual([
      'https://konferenz.example.org/links/papers/quoten',
      'https://konferenz.example.org/links/papers/anhang',
    ]);
  });

  it('marks an exercise’s folder with ÜBUNG on every page, and writes what WinAnsi cannot as “?”', async () => {
    const bytes = await renderSessionFolder({
      session: { ...session, exercise: true, title: 'Übung Stromausfall → Lage' },
      bodyName: 'IMAS Thüringen',
      items: [
        {
          number: '1',
          title: 'Lage',
          papers: [
            {
              title: 'Lagebild',
              classification: 'internal',
              author: 'TMIK',
              version: 1,
              pdf: await paperPdf('Lagebild'),
            },
          ],
        },
      ],
      asOf: '2027-05-10T08:00:00Z',
    });
    const lines = pdfText(Buffer.from(bytes));
    const doc = await PDFDocument.load(bytes);
    expect(lines.filter((line) => line === 'ÜBUNG')).toHaveLength(doc.getPageCount());
    expect(lines).toContain(
      'ÜBUNG – Diese Nachricht gehört zu einer Übung. Es liegt kein Ernstfall vor.',
    );
    expect(lines).toContain('1. (konstituierende) Sitzung: Übung Stromausfall ? Lage');
  });

  it('counts an agenda over several pages in the page numbers and bookmarks', async () => {
    // Prepare: forty TOPs with a one-page paper each.
    const paper = await paperPdf('Anlage');
    const many: FolderItem[] = Array.from({ length: 40 }, (_, n) => ({
      number: String(n + 1),
      title: `Punkt ${n + 1} mit einem Titel, der eine ganze Zeile füllen kann, wenn er lang genug ist`,
      papers: [
        {
          title: `Anlage ${n + 1}`,
          classification: 'public',
          author: 'Bund',
          version: 1,
          pdf: paper,
        },
      ],
    }));

    // Act
    const bytes = await renderSessionFolder({
      session,
      bodyName: 'IMK',
      items: many,
      asOf: session.startsAt,
    });

    // Assess
    const doc = await PDFDocument.load(bytes);
    const agendaPages = doc.getPageCount() - 1 - 40;
    expect(agendaPages).toBeGreaterThan(1);
    const outline = outlineOf(doc);
    expect(outline.map((entry) => entry.page)).toEqual(many.map((_, n) => 1 + agendaPages + 1 + n));
    expect(outline.at(-1)?.children).toEqual([
      { title: 'Anlage 40', page: doc.getPageCount(), children: [] },
    ]);
    const numbers = pdfText(Buffer.from(bytes)).filter((line) => line.startsWith('S. '));
    expect(numbers).toHaveLength(80);
    expect(numbers.at(-1)).toBe(`S. ${doc.getPageCount()}`);
  });
});
