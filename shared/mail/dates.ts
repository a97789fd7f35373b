import { dateTimeFormat } from '../domain/date-format.js';
/**
 * German date range of a session in its time zone: "3.–6. März 2027" or
 * "10. Mai 2027, 18:00–19:00 Uhr" for a session within one day.
 */
export const germanDateRange = (startsAt: string, endsAt: string, timeZone: string): string => {
  const start = new Date(startsAt);
  const end = new Date(endsAt);
  const day = dateTimeFormat('de-DE', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone,
  });
  if (day.format(start) !== day.format(end)) return day.formatRange(start, end);
  const time = dateTimeFormat('de-DE', { hour: '2-digit', minute: '2-digit', timeZone });
  return `${day.format(start)}, ${time.formatRange(start, end)}`;
};

/**
 * A session's dates as running text and titles write them, in its time
 * zone: "am 3. März 2027" for one day (with the hours when asked: "am 10. Mai
 * 2027, 18:00–19:00 Uhr"), "vom 28. bis 31. Januar 2027", "vom 30. Januar
 * bis 2. Februar 2027", "vom 30. Dezember 2027 bis 2. Januar 2028".
 *
 * @example
 * ```ts
 * germanDatePhrase('2027-01-28T09:00:00Z', '2027-01-31T12:00:00Z', 'Europe/Berlin');
 * // 'vom 28. bis 31. Januar 2027'
 * ```
 */
export const germanDatePhrase = (
  startsAt: string,
  endsAt: string,
  timeZone: string,
  options: { hoursOfOneDay?: boolean } = {},
): string => {
  const part = (at: string) => {
    const parts = dateTimeFormat('de-DE', {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone,
    }).formatToParts(new Date(at));
    const value = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
    return { day: value('day'), month: value('month'), year: value('year') };
  };
  const from = part(startsAt);
  const to = part(endsAt);
  if (from.day === to.day && from.month === to.month && from.year === to.year) {
    const date = `am ${from.day}. ${from.month} ${from.year}`;
    if (!options.hoursOfOneDay) return date;
    const time = dateTimeFormat('de-DE', { hour: '2-digit', minute: '2-digit', timeZone });
    // The German range format ends in "Uhr" by itself.
    return `${date}, ${time.formatRange(new Date(startsAt), new Date(endsAt))}`;
  }
  if (from.year !== to.year) {
    return `vom ${from.day}. ${from.month} ${from.year} bis ${to.day}. ${to.month} ${to.year}`;
  }
  if (from.month !== to.month) {
    return `vom ${from.day}. ${from.month} bis ${to.day}. ${to.month} ${to.year}`;
  }
  return `vom ${from.day}. bis ${to.day}. ${to.month} ${to.year}`;
};

/**
 * When a session takes place, for the "Termin" line of its mails and pages:
 * "3. bis 6. März 2027, Beginn am 3. März um 10:00 Uhr" over several days,
 * "10. Mai 2027, 18:00–19:00 Uhr" within one.
 *
 * @example
 * ```ts
 * germanSessionDates('2027-03-03T09:00:00Z', '2027-03-06T12:00:00Z', 'Europe/Berlin');
 * // '3. bis 6. März 2027, Beginn am 3. März um 10:00 Uhr'
 * ```
 */
export const germanSessionDates = (startsAt: string, endsAt: string, timeZone: string): string => {
  const phrase = germanDatePhrase(startsAt, endsAt, timeZone);
  if (phrase.startsWith('am ')) return germanDateRange(startsAt, endsAt, timeZone);
  const start = new Date(startsAt);
  const day = dateTimeFormat('de-DE', { day: 'numeric', month: 'long', timeZone });
  const time = dateTimeFormat('de-DE', { hour: '2-digit', minute: '2-digit', timeZone });
  return `${phrase.replace(/^vom /, '')}, Beginn am ${day.format(start)} um ${time.format(start)} Uhr`;
};

/** "17. Februar 2027, 18:00 Uhr" in the given zone. */
export const germanDateTime = (at: string, timeZone: string): string =>
  `${dateTimeFormat('de-DE', { day: 'numeric', month: 'long', year: 'numeric', timeZone }).format(new Date(at))}, ${dateTimeFormat('de-DE', { hour: '2-digit', minute: '2-digit', timeZone }).format(new Date(at))} Uhr`;

/** A header-safe single line: line breaks become spaces. */
export const oneLine = (value: string) => value.replace(/[\r\n]+/g, ' ').trim();
