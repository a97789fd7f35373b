import * as z from 'zod/mini';

/** No line break: CR, LF, NEL, or the Unicode line and paragraph separators. */
const noLineBreak = /^[^\r\n\u0085\u2028\u2029]*$/;

/**
 * No other control character (C0 but tab, DEL, C1) and no bidirectional
 * embedding, override or isolate (U+202A–U+202E, U+2066–U+2069): they hide
 * text or make a name read differently from what it is.
 */
const noHiddenCharacter =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the class lists the control characters it refuses.
  /^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u0084\u0086-\u009F\u202A-\u202E\u2066-\u2069]*$/;

/**
 * A trimmed single line of text, 1 to `max` characters. Every name, title and
 * place uses it: such a value can reach a mail header (a name, a title, a
 * place in a subject) or a calendar line, so a CR or LF is refused at the
 * door rather than smuggled into a header, and so are control characters
 * (tab excepted) and bidirectional overrides.
 *
 * @example
 * ```ts
 * const PlaceSchema = z.strictObject({ city: singleLine(120) });
 * ```
 */
export const singleLine = (max: number) =>
  z
    .string()
    .check(
      z.trim(),
      z.minLength(1),
      z.maxLength(max),
      z.regex(noLineBreak, 'a single line (no line breaks)'),
      z.regex(noHiddenCharacter, 'no control characters or bidirectional overrides'),
    );
