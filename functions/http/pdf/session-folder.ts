import {
  type PDFContext,
  PDFDocument,
  type PDFFont,
  PDFHexString,
  PDFName,
  type PDFPage,
  type PDFRef,
  PDFString,
  rgb,
  StandardFonts,
} from 'pdf-lib';
import { dateTimeFormat } from '../../../shared/domain/date-format.js';
import type { Session } from '../../../shared/domain/session.js';
import { germanDateRange } from '../../../shared/mail/dates.js';
import { exerciseMark, exerciseNotice } from '../../../shared/mail/exercise.js';
import { sessionName } from '../../../shared/mail/session-phrase.js';

/** One paper of an agenda item, in the order the folder shows it. */
export interface FolderPaper {
  title: string;
  classification: 'public' | 'internal' | 'confidential';
  /** Who submitted it: a Land, the Bund, a working group. */
  author: string;
  version: number;
  /** The paper's bytes, when it is a PDF to include. */
  pdf?: Uint8Array | undefined;
  /** Where the reader downloads it: for papers that are no PDF, or could not be included. */
  downloadUrl?: string | undefined;
}

export interface FolderItem {
  number: string;
  title: string;
  papers: FolderPaper[];
}

export interface SessionFolderInput {
  session: Pick<
    Session,
    | 'title'
    | 'kind'
    | 'format'
    | 'number'
    | 'numbering'
    | 'numberYear'
    | 'startsAt'
    | 'endsAt'
    | 'timeZone'
    | 'place'
    | 'exercise'
  >;
  bodyName: string;
  items: FolderItem[];
  /** The moment the folder shows as its "Stand". */
  asOf: string;
}

const classificationNames: Record<FolderPaper['classification'], string> = {
  public: 'öffentlich',
  internal: 'intern',
  confidential: 'vertraulich',
};

const pageSize: [number, number] = [595.28, 841.89];
const margin = 64;
const lineGap = 4;

interface Fonts {
  regular: PDFFont;
  bold: PDFFont;
}

/** Text the standard font cannot write (outside WinAnsi) becomes "?", so no title breaks the folder. */
const writable = (font: PDFFont, text: string): string => {
  const known = new Set(font.getCharacterSet());
  return [...text.replace(/[\r\n\t]+/g, ' ')]
    .map((char) => (known.has(char.codePointAt(0) ?? 0) ? char : '?'))
    .join('');
};

/** Breaks text into lines no wider than `width`; a word longer than a line is cut. */
const wrap = (font: PDFFont, size: number, text: string, width: number): string[] => {
  const lines: string[] = [];
  let line = '';
  for (const word of writable(font, text).split(' ')) {
    const candidate = line === '' ? word : `${line} ${word}`;
    if (font.widthOfTextAtSize(candidate, size) <= width) {
      line = candidate;
      continue;
    }
    if (line !== '') lines.push(line);
    let rest = word;
    while (font.widthOfTextAtSize(rest, size) > width && rest.length > 1) {
      let cut = rest.length - 1;
      while (cut > 1 && font.widthOfTextAtSize(rest.slice(0, cut), size) > width) cut -= 1;
      lines.push(rest.slice(0, cut));
      rest = rest.slice(cut);
    }
    line = rest;
  }
  if (line !== '') lines.push(line);
  return lines;
};

/** One line of the agenda page, laid out before the page numbers are known. */
interface AgendaLine {
  text: string;
  bold: boolean;
  size: number;
  indent: number;
  /** Set on the line that ends with the page its TOP or paper starts on. */
  pageOf?: { item: number; paper?: number };
  link?: string;
  spaceBefore: number;
}

/** A paper's outcome in the folder: included from `page` on, or listed with its link. */
type Placement =
  | { kind: 'included'; pages: PDFPage[]; page: number }
  | { kind: 'listed'; reason: 'not-pdf' | 'broken' };

const loadPaper = async (
  folder: PDFDocument,
  paper: FolderPaper,
): Promise<PDFPage[] | undefined> => {
  if (paper.pdf === undefined) return undefined;
  try {
    const source = await PDFDocument.load(paper.pdf, { updateMetadata: false });
    const pages = await folder.copyPages(source, source.getPageIndices());
    return pages.length === 0 ? undefined : pages;
  } catch {
    // A broken or encrypted paper is listed with its link instead; the folder goes on.
    return undefined;
  }
};

const paperLine = (paper: FolderPaper): string =>
  `${paper.title} (${paper.author}, Fassung ${paper.version}, ${classificationNames[paper.classification]})`;

const agendaLines = (
  fonts: Fonts,
  items: readonly FolderItem[],
  placements: readonly Placement[][],
  width: number,
): AgendaLine[] =>
  items.flatMap((item, i): AgendaLine[] => {
    const heading = wrap(fonts.bold, 11, `TOP ${item.number}: ${item.title}`, width - 40).map(
      (text, n, all): AgendaLine => ({
        text,
        bold: true,
        size: 11,
        indent: 0,
        spaceBefore: n === 0 ? 10 : 0,
        ...(n === all.length - 1 ? { pageOf: { item: i } } : {}),
      }),
    );
    if (item.papers.length === 0) {
      return [
        ...heading,
        { text: 'Keine Unterlagen.', bold: false, size: 10, indent: 14, spaceBefore: 2 },
      ];
    }
    const papers = item.papers.flatMap((paper, p): AgendaLine[] => {
      const placement = placements[i]?.[p];
      const lines = wrap(fonts.regular, 10, paperLine(paper), width - 54).map(
        (text, n, all): AgendaLine => ({
          text,
          bold: false,
          size: 10,
          indent: 14,
          spaceBefore: n === 0 ? 2 : 0,
          ...(n === all.length - 1 && placement?.kind === 'included'
            ? { pageOf: { item: i, paper: p } }
            : {}),
        }),
      );
      if (placement?.kind !== 'listed') return lines;
      const note =
        placement.reason === 'broken'
          ? 'konnte nicht eingebunden werden'
          : 'kein PDF, nicht eingebunden';
      const link =
        paper.downloadUrl === undefined
          ? [`${note}; bitte bei der Geschäftsstelle anfordern.`]
          : wrap(fonts.regular, 9, `${note} – herunterladen: ${paper.downloadUrl}`, width - 40);
      return [
        ...lines,
        ...link.map(
          (text): AgendaLine => ({
            text,
            bold: false,
            size: 9,
            indent: 28,
            spaceBefore: 0,
            ...(paper.downloadUrl === undefined ? {} : { link: paper.downloadUrl }),
          }),
        ),
      ];
    });
    return [...heading, ...papers];
  });

const lineHeight = (line: AgendaLine) => line.spaceBefore + line.size + lineGap;

/** Splits the agenda's lines into pages: the first page also holds the heading. */
const paginate = (lines: readonly AgendaLine[], firstTop: number, top: number): AgendaLine[][] => {
  const pages: AgendaLine[][] = [[]];
  let y = firstTop;
  for (const line of lines) {
    if (y - lineHeight(line) < margin) {
      pages.push([]);
      y = top;
    }
    pages.at(-1)?.push(line);
    y -= lineHeight(line);
  }
  return pages;
};

const linkAnnotation = (context: PDFContext, rect: number[], url: string): PDFRef =>
  context.register(
    context.obj({
      Type: 'Annot',
      Subtype: 'Link',
      Rect: rect,
      Border: [0, 0, 0],
      A: { Type: 'Action', S: 'URI', URI: PDFString.of(url) },
    }),
  );

const drawCover = (page: PDFPage, fonts: Fonts, input: SessionFolderInput) => {
  const width = page.getWidth() - 2 * margin;
  let y = page.getHeight() - 2 * margin;
  const write = (text: string, size: number, font: PDFFont, gap = 8) => {
    for (const line of wrap(font, size, text, width)) {
      y -= size + lineGap;
      page.drawText(line, { x: margin, y, size, font });
    }
    y -= gap;
  };
  const { session } = input;
  if (session.exercise === true) {
    write(exerciseNotice, 12, fonts.bold, 24);
  }
  write('Sitzungsunterlagen', 26, fonts.bold, 24);
  write(input.bodyName, 14, fonts.bold);
  write(`${sessionName(session)}: ${session.title}`, 12, fonts.regular);
  write(germanDateRange(session.startsAt, session.endsAt, session.timeZone), 12, fonts.regular);
  const venue =
    [session.place?.room, session.place?.building, session.place?.city]
      .filter(Boolean)
      .join(', ') || 'Videokonferenz';
  write(session.format === 'hybrid' ? `${venue} und per Video` : venue, 12, fonts.regular, 24);
  const asOf = dateTimeFormat('de-DE', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: session.timeZone,
  }).format(new Date(input.asOf));
  write(`Stand: ${asOf}`, 10, fonts.regular);
};

/** Marks every page of an exercise's folder at its top. */
const markExercise = (pages: readonly PDFPage[], fonts: Fonts) => {
  for (const page of pages) {
    const size = 10;
    const width = fonts.bold.widthOfTextAtSize(exerciseMark, size);
    page.drawText(exerciseMark, {
      x: (page.getWidth() - width) / 2,
      y: page.getHeight() - 24,
      size,
      font: fonts.bold,
      color: rgb(0.7, 0, 0),
    });
  }
};

interface OutlineEntry {
  title: string;
  page: PDFPage;
  children: { title: string; page: PDFPage }[];
}

/**
 * Writes the document outline (bookmarks): one entry per TOP, each with an
 * entry per paper, linked to the page it starts on. pdf-lib has no API for
 * it, so the dictionaries of the PDF specification (ISO 32000-1, 12.3.3) are
 * built directly: the root /Outlines with /First, /Last and /Count, and
 * items with /Title, /Parent, /Prev, /Next, their own children and a /Dest.
 */
const writeOutline = (folder: PDFDocument, entries: readonly OutlineEntry[]) => {
  const { context } = folder;
  const root = context.nextRef();
  const link = (
    parent: PDFRef,
    nodes: readonly { title: string; page: PDFPage; children?: OutlineEntry['children'] }[],
  ): { first: PDFRef; last: PDFRef; count: number } | undefined => {
    if (nodes.length === 0) return undefined;
    const refs = nodes.map(() => context.nextRef());
    let count = 0;
    nodes.forEach((node, index) => {
      const ref = refs[index] as PDFRef;
      const kids = link(ref, node.children ?? []);
      const dict = context.obj({
        Title: PDFHexString.fromText(node.title),
        Parent: parent,
        Dest: [node.page.ref, 'XYZ', null, null, null],
      });
      const prev = refs[index - 1];
      const next = refs[index + 1];
      if (prev !== undefined) dict.set(PDFName.of('Prev'), prev);
      if (next !== undefined) dict.set(PDFName.of('Next'), next);
      if (kids !== undefined) {
        dict.set(PDFName.of('First'), kids.first);
        dict.set(PDFName.of('Last'), kids.last);
        // Open: its children count among the visible entries.
        dict.set(PDFName.of('Count'), context.obj(kids.count));
      }
      context.assign(ref, dict);
      count += 1 + (kids?.count ?? 0);
    });
    return { first: refs[0] as PDFRef, last: refs.at(-1) as PDFRef, count };
  };
  const top = link(root, entries);
  if (top === undefined) return;
  context.assign(
    root,
    context.obj({ Type: 'Outlines', First: top.first, Last: top.last, Count: top.count }),
  );
  folder.catalog.set(PDFName.of('Outlines'), root);
  folder.catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'));
};

const agendaTop = pageSize[1] - margin;
const agendaHeadingHeight = 40;

/**
 * Lays the agenda out before anything is drawn: its length decides the
 * page each included paper starts on (cover, agenda pages, then papers).
 */
const layOut = (
  input: SessionFolderInput,
  fonts: Fonts,
  loaded: readonly (readonly (PDFPage[] | undefined)[])[],
): { agendaPages: AgendaLine[][]; placements: Placement[][] } => {
  const unnumbered = loaded.map((papers, i) =>
    papers.map((pages, p): Placement => {
      if (pages !== undefined) return { kind: 'included', pages, page: 0 };
      return {
        kind: 'listed',
        reason: input.items[i]?.papers[p]?.pdf === undefined ? 'not-pdf' : 'broken',
      };
    }),
  );
  const width = pageSize[0] - 2 * margin;
  const lines = agendaLines(fonts, input.items, unnumbered, width);
  const agendaPages = paginate(lines, agendaTop - agendaHeadingHeight, agendaTop);
  let next = 1 + agendaPages.length + 1;
  const placements = unnumbered.map((papers) =>
    papers.map((placement): Placement => {
      if (placement.kind !== 'included') return placement;
      const page = next;
      next += placement.pages.length;
      return { ...placement, page };
    }),
  );
  return { agendaPages, placements };
};

/** The page a TOP's papers (or one paper) start on, when any is included. */
const startOf = (
  placements: readonly Placement[][],
  item: number,
  paper?: number,
): number | undefined => {
  const first = (placements[item] ?? []).find(
    (placement, p) => placement.kind === 'included' && (paper === undefined || p === paper),
  );
  return first?.kind === 'included' ? first.page : undefined;
};

/** One page of the agenda: its lines, the page numbers on the right, links on download lines. */
const drawAgendaPage = (
  folder: PDFDocument,
  page: PDFPage,
  fonts: Fonts,
  lines: readonly AgendaLine[],
  first: boolean,
  placements: readonly Placement[][],
) => {
  const width = pageSize[0] - 2 * margin;
  let y = agendaTop;
  if (first) {
    y -= 18;
    page.drawText('Tagesordnung', { x: margin, y, size: 18, font: fonts.bold });
    y -= agendaHeadingHeight - 18;
  }
  const annotations: PDFRef[] = [];
  for (const line of lines) {
    y -= line.spaceBefore + line.size;
    const font = line.bold ? fonts.bold : fonts.regular;
    const x = margin + line.indent;
    page.drawText(line.text, { x, y, size: line.size, font });
    const start = line.pageOf && startOf(placements, line.pageOf.item, line.pageOf.paper);
    if (start !== undefined) {
      const label = `S. ${start}`;
      const labelX = margin + width - font.widthOfTextAtSize(label, line.size);
      page.drawText(label, { x: labelX, y, size: line.size, font });
    }
    if (line.link !== undefined) {
      const right = x + font.widthOfTextAtSize(line.text, line.size);
      annotations.push(linkAnnotation(folder.context, [x, y - 2, right, y + line.size], line.link));
    }
    y -= lineGap;
  }
  if (annotations.length > 0) {
    page.node.set(PDFName.of('Annots'), folder.context.obj(annotations));
  }
};

/** Appends the included papers in agenda order; returns the bookmarks of TOPs and papers. */
const appendPapers = (
  folder: PDFDocument,
  items: readonly FolderItem[],
  placements: readonly Placement[][],
  agenda: PDFPage,
): OutlineEntry[] =>
  items.map((item, i) => {
    const children: OutlineEntry['children'] = [];
    item.papers.forEach((paper, p) => {
      const placement = placements[i]?.[p];
      if (placement?.kind !== 'included') return;
      for (const page of placement.pages) folder.addPage(page);
      children.push({ title: paper.title, page: placement.pages[0] as PDFPage });
    });
    // A TOP without an included paper points at the agenda, which lists its papers.
    return {
      title: `TOP ${item.number}: ${item.title}`,
      page: children[0]?.page ?? agenda,
      children,
    };
  });

/**
 * Renders a session's folder (Sitzungsmappe): a cover page, the agenda
 * with the page each TOP's papers start on, then the pages of every PDF
 * paper in agenda order, with bookmarks per TOP and per paper. A paper
 * that is no PDF, or a PDF that cannot be read, is listed on the agenda
 * with its download link ("konnte nicht eingebunden werden") instead of
 * failing the folder. An exercise's folder says ÜBUNG on every page. Uses
 * the standard Helvetica (WinAnsi: German text as it is), so nothing is
 * embedded.
 *
 * @example
 * ```ts
 * const pdf = await renderSessionFolder({ session, bodyName: body.name, items, asOf: now.toISOString() });
 * ```
 */
export const renderSessionFolder = async (input: SessionFolderInput): Promise<Uint8Array> => {
  const folder = await PDFDocument.create({ updateMetadata: false });
  const fonts: Fonts = {
    regular: await folder.embedFont(StandardFonts.Helvetica),
    bold: await folder.embedFont(StandardFonts.HelveticaBold),
  };
  folder.setTitle(writable(fonts.regular, `Sitzungsunterlagen: ${input.session.title}`));
  folder.setLanguage('de-DE');
  folder.setCreationDate(new Date(input.asOf));
  folder.setModificationDate(new Date(input.asOf));
  folder.setProducer('Konferenz-Geschäftsstelle');

  const loaded = await Promise.all(
    input.items.map((item) => Promise.all(item.papers.map((paper) => loadPaper(folder, paper)))),
  );
  const { agendaPages, placements } = layOut(input, fonts, loaded);
  drawCover(folder.addPage(pageSize), fonts, input);
  const agenda = agendaPages.map(() => folder.addPage(pageSize));
  agendaPages.forEach((lines, index) => {
    drawAgendaPage(folder, agenda[index] as PDFPage, fonts, lines, index === 0, placements);
  });
  const outline = appendPapers(folder, input.items, placements, agenda[0] as PDFPage);
  if (input.session.exercise === true) markExercise(folder.getPages(), fonts);
  writeOutline(folder, outline);
  return folder.save();
};
