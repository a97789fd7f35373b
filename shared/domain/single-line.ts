import * as z from 'zod/mini';

/**
 * A trimmed single line of text, 1 to `max` characters. Every value that can
 * reach a mail header (a name, a title, a place in a subject) uses it, so a
 * CR or LF is refused at the door rather than smuggled into a header.
 */
export const singleLine = (max: number) =>
  z
    .string()
    .check(
      z.trim(),
      z.minLength(1),
      z.maxLength(max),
      z.regex(/^[^\r\n\u2028\u2029]*$/, 'a single line (no line breaks)'),
    );
