/**
 * German date range of a session in its time zone: "3.–6. März 2027" or
 * "10. Mai 2027, 18:00–19:00 Uhr" for a session within one day.
 */
export const germanDateRange = (startsAt: string, endsAt: string, timeZone: string): string => {
  const start = new Date(startsAt);
  const end = new Date(endsAt);
  const day = new Intl.DateTimeFormat('de-DE', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone,
  });
  if (day.format(start) !== day.format(end)) return day.formatRange(start, end);
  const time = new Intl.DateTimeFormat('de-DE', { hour: '2-digit', minute: '2-digit', timeZone });
  return `${day.format(start)}, ${time.formatRange(start, end)}`;
};

/** "17. Februar 2027, 18:00 Uhr" in the given zone. */
export const germanDateTime = (at: string, timeZone: string): string =>
  `${new Intl.DateTimeFormat('de-DE', { day: 'numeric', month: 'long', year: 'numeric', timeZone }).format(new Date(at))}, ${new Intl.DateTimeFormat('de-DE', { hour: '2-digit', minute: '2-digit', timeZone }).format(new Date(at))} Uhr`;

/** A header-safe single line: line breaks become spaces. */
export const oneLine = (value: string) => value.replace(/[\r\n]+/g, ' ').trim();
