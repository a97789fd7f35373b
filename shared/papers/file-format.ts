import type { PaperFormat } from '../domain/paper.js';

const formats: Record<string, PaperFormat> = {
  pdf: 'pdf',
  docx: 'docx',
  xlsx: 'xlsx',
  odt: 'odt',
  png: 'png',
  jpg: 'jpeg',
};

/** Bytes enough to tell every allowed format but the zipped office ones. */
export const sniffBytes = 64 * 1024;

/**
 * The paper format of a file, told by its content (magic numbers, and for
 * DOCX, XLSX and ODT the entries of the zip), never by its name; undefined
 * for anything else. `zip` when the first bytes show a zip that needs the
 * whole file to be told apart.
 *
 * @example
 * ```ts
 * await paperFormatOf(new TextEncoder().encode('%PDF-1.7 …')); // 'pdf'
 * ```
 */
export const paperFormatOf = async (
  bytes: Uint8Array,
): Promise<PaperFormat | 'zip' | undefined> => {
  // Loaded here, when a file is attached: the detector is large and no other request needs it.
  const { fileTypeFromBuffer } = await import('file-type');
  const type = await fileTypeFromBuffer(bytes);
  if (type === undefined) return undefined;
  if (type.ext === 'zip') return 'zip';
  return formats[type.ext];
};
