/**
 * A name as the value of a quoted iCalendar parameter such as `CN`, encoded
 * per RFC 6868: `^` becomes `^^`, `"` becomes `^'` and a line break `^n`;
 * other control characters, which RFC 5545 allows in no parameter, are left
 * out. ical-generator puts the value between quotes but escapes a quote with
 * a backslash, which RFC 5545 does not know: a parser then ends the value at
 * that quote and reads what follows as parameters of its own
 * (`CN="Eva \";ROLE=CHAIR"`). After this encoding no quote is left for it to
 * escape.
 *
 * @example
 * ```ts
 * organizer: { name: calendarParameter('Geschäftsstelle "IMK"'), email } // CN="Geschäftsstelle ^'IMK^'"
 * ```
 */
export const calendarParameter = (value: string): string =>
  value
    .replaceAll('^', '^^')
    .replaceAll('"', "^'")
    .replace(/\r\n|[\r\n]/g, '^n')
    // biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters it removes.
    .replace(/[\u0000-\u0008\u000A-\u001F\u007F]/g, '');
