const formats = new Map<string, Intl.DateTimeFormat>();

/**
 * How many formats a process keeps. The product uses a few dozen; a time
 * zone from input may be spelt in any case ("europe/berlin"), so beyond this
 * a format is made for its call and not kept.
 */
const keptFormats = 256;

/**
 * An `Intl.DateTimeFormat`, made once per locale and options and then
 * reused: making one costs far more than formatting with it (about 0.1 ms
 * each, several per page or mail), and a format never changes. At most
 * {@link keptFormats} are kept.
 *
 * @example
 * ```ts
 * dateTimeFormat('de-DE', { day: 'numeric', month: 'long', timeZone: 'Europe/Berlin' }).format(date);
 * ```
 */
export const dateTimeFormat = (
  locale: string,
  options: Intl.DateTimeFormatOptions,
): Intl.DateTimeFormat => {
  const key = `${locale}${JSON.stringify(options)}`;
  let format = formats.get(key);
  if (format === undefined) {
    format = new Intl.DateTimeFormat(locale, options);
    if (formats.size < keptFormats) formats.set(key, format);
  }
  return format;
};

/** How many formats the process keeps now. */
export const rememberedFormats = (): number => formats.size;
