/**
 * The words a person wrote in a reply, without what their mail client added:
 * the quoted original (with `>` or as Outlook's unquoted "Von:/Gesendet:"
 * block), the attribution line above a quote ("Am … schrieb …:", "On … wrote:"),
 * the signature and the "sent from my phone" lines.
 *
 * Written for this product rather than taken from a reply-parser package:
 * those tried missed Outlook's German header block when it names the sender
 * without an address, kept German attribution lines or signatures, and took
 * seconds on a hostile message. Every rule here is a line test, so the work
 * grows with the length of the mail and no further.
 */

/** How much of a mail is read; an answer never needs more, and a hostile mail costs no more. */
const maxReplyChars = 64 * 1024;

/** Lines that begin the original below them, in the languages of the Länder's mail clients. */
const originalMarker =
  /^\s*(-{2,}\s*(original(nachricht| message)|ursprüngliche nachricht|weitergeleitete nachricht|forwarded message|message d'origine|oorspronkelijk bericht)\s*-{2,}|(begin forwarded message|anfang der weitergeleiteten nachricht)\s*:)\s*$/iu;

/** The first line of a header block a client writes above the original (Outlook, forwards). */
const headerStart =
  /^\s*\**(von|from|de|da|van|od|gesendet|sent|datum|date|envoyé|verzonden)\s*\**\s*:\s*\S/iu;
/** Further header lines of such a block. */
const headerFollow =
  /^\s*\**(von|from|an|to|cc|bcc|betreff|subject|gesendet|sent|datum|date|objet|onderwerp|aan|oggetto|asunto|temat)\s*\**\s*:/iu;

/**
 * An attribution line, alone or broken over up to three lines: "Am 01.02.2027
 * um 09:00 schrieb Geschäftsstelle der IMK:", "Geschäftsstelle der IMK schrieb
 * am 01.02.2027:", "On Mon, Feb 1, 2027 at 9:00 AM … wrote:", "Le … a écrit :".
 */
const attribution =
  /^\s*>?\s*((am|on|le|el|il|op|w dniu|den)\s.*\b(schrieb|wrote|a écrit|escribió|ha scritto|schreef|napisał|skrev)\b.*|.*\b(schrieb|wrote)(\s+(am|on)\s.*)?)\s*:\s*$/iu;
/** How an attribution line begins when a client breaks it. */
const attributionStart = /^\s*>?\s*(am|on|le|el|il|op|w dniu|den)\s/iu;

/** The signature delimiter ("-- ", or "--" as many clients trim it). */
const signatureDelimiter = /^\s*--\s*$/;

/** A client's own line under the text ("Von meinem iPhone gesendet", "Sent from my iPad", "Outlook für iOS herunterladen"). */
const clientLine =
  /^\s*((von meinem|gesendet von meinem|gesendet mit|sent from my|sent from|sent with|envoyé de mon|verzonden vanaf|inviato da)\s.*|(hole dir|get|outlook für|download)\s.*\boutlook\b.*|.*\boutlook für (ios|android)\b.*)\s*$/iu;

/** A line of underscores or dashes that Outlook draws above its header block. */
const rule = /^\s*(_{8,}|-{8,})\s*$/;

const isQuoted = (line: string) => /^\s*>/.test(line);
const isBlank = (line: string) => line.trim() === '';

/** Whether a header block of at least two lines begins at `index`. */
const headerBlockAt = (lines: string[], index: number): boolean => {
  if (!headerStart.test(lines[index] ?? '')) return false;
  let follows = 0;
  for (let next = index + 1; next < lines.length && next <= index + 5; next += 1) {
    const line = lines[next] ?? '';
    if (isBlank(line)) continue;
    if (!headerFollow.test(line)) break;
    follows += 1;
  }
  return follows >= 1;
};

/** How many lines (1 to 3) an attribution beginning at `index` spans, or 0. */
const attributionAt = (lines: string[], index: number): number => {
  const line = lines[index] ?? '';
  if (attribution.test(line)) return 1;
  if (!attributionStart.test(line)) return 0;
  let joined = line;
  for (let span = 2; span <= 3 && index + span - 1 < lines.length; span += 1) {
    joined = `${joined} ${(lines[index + span - 1] ?? '').replace(/^\s*>?\s*/, '')}`;
    if (attribution.test(joined)) return span;
  }
  return 0;
};

/** The index of the next non-blank line from `index` on, or the length. */
const nextFilled = (lines: string[], index: number): number => {
  let next = index;
  while (next < lines.length && isBlank(lines[next] ?? '')) next += 1;
  return next;
};

/**
 * The person's own words in a plain-text reply: above the quote (Outlook,
 * Gmail, Apple Mail), below it (Thunderbird's attribution line, then the
 * quote) or between quoted lines, with the quote, attribution lines,
 * Outlook's header block and everything under it, signatures and a client's
 * "sent from" line left out. Blank lines at the ends are trimmed.
 *
 * @example
 * ```ts
 * ownWords('Zusage\n\nAm 01.02.2027 um 09:00 schrieb Geschäftsstelle der IMK:\n> Bitte antworten Sie …');
 * // 'Zusage'
 * ```
 */
export const ownWords = (text: string): string => {
  const lines = text.slice(0, maxReplyChars).split(/\r\n|\r|\n/);
  const kept: string[] = [];
  let inSignature = false;
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index] ?? '';
    if (originalMarker.test(line) || headerBlockAt(lines, index)) break;
    if (rule.test(line) && headerBlockAt(lines, nextFilled(lines, index + 1))) break;
    const span = attributionAt(lines, index);
    if (span > 0) {
      // Above a quote it only introduces it; above unquoted text it begins the original.
      const next = nextFilled(lines, index + span);
      if (next < lines.length && !isQuoted(lines[next] ?? '')) break;
      index += span - 1;
      inSignature = false;
      continue;
    }
    if (isQuoted(line)) {
      // A quote ends a signature written above it (own text may follow below).
      inSignature = false;
      continue;
    }
    if (signatureDelimiter.test(line)) {
      inSignature = true;
      continue;
    }
    if (inSignature || clientLine.test(line)) continue;
    kept.push(line.trimEnd());
  }
  const first = kept.findIndex((line) => !isBlank(line));
  if (first < 0) return '';
  const last = kept.findLastIndex((line) => !isBlank(line));
  return kept.slice(first, last + 1).join('\n');
};
