import { dateTimeFormat } from '../../../shared/domain/date-format.js';

/** Dates of the console as Germans read them, in Europe/Berlin. */

const berlin = 'Europe/Berlin';

const dayKeyFormat = dateTimeFormat('en-CA', {
  timeZone: berlin,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/**
 * The calendar day of an instant in Berlin, as `YYYY-MM-DD`.
 *
 * @example
 * ```ts
 * berlinDay('2027-03-02T23:30:00Z'); // '2027-03-03'
 * ```
 */
export const berlinDay = (at: string | Date): string =>
  dayKeyFormat.format(typeof at === 'string' ? new Date(at) : at);

const monthNames = [
  'Januar',
  'Februar',
  'März',
  'April',
  'Mai',
  'Juni',
  'Juli',
  'August',
  'September',
  'Oktober',
  'November',
  'Dezember',
];

/** A calendar month: year and month (1–12). */
export interface Month {
  year: number;
  month: number;
}

/**
 * The month of a `?monat=2027-03` parameter, or `undefined` when it is not one.
 *
 * @example
 * ```ts
 * parseMonth('2027-03'); // { year: 2027, month: 3 }
 * ```
 */
export const parseMonth = (value: string | undefined): Month | undefined => {
  const match = /^(\d{4})-(\d{2})$/.exec(value ?? '');
  if (match === null) return undefined;
  const [year, month] = [Number(match[1]), Number(match[2])];
  if (year < 2000 || year > 2100 || month < 1 || month > 12) return undefined;
  return { year, month };
};

/** The Berlin month an instant falls in. */
export const monthOf = (at: string | Date): Month => {
  const day = berlinDay(at);
  return { year: Number(day.slice(0, 4)), month: Number(day.slice(5, 7)) };
};

/** `2027-03` for March 2027. */
export const monthKey = ({ year, month }: Month): string =>
  `${year}-${String(month).padStart(2, '0')}`;

/** "März 2027". */
export const monthName = ({ year, month }: Month): string => `${monthNames[month - 1]} ${year}`;

/** The month before or after. */
export const shiftMonth = ({ year, month }: Month, by: number): Month => {
  const index = year * 12 + (month - 1) + by;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
};

/**
 * The weeks of a month as a wall calendar shows them, Monday first: each
 * day as `YYYY-MM-DD`, with the days of the neighbouring months that fill
 * the first and last week.
 *
 * @example
 * ```ts
 * monthWeeks({ year: 2027, month: 3 })[0]?.[0]; // '2027-03-01' (a Monday)
 * ```
 */
export const monthWeeks = ({ year, month }: Month): string[][] => {
  const first = new Date(Date.UTC(year, month - 1, 1));
  const mondayOffset = (first.getUTCDay() + 6) % 7;
  const start = Date.UTC(year, month - 1, 1 - mondayOffset);
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const weeks = Math.ceil((mondayOffset + daysInMonth) / 7);
  return Array.from({ length: weeks }, (_, week) =>
    Array.from({ length: 7 }, (_, day) =>
      new Date(start + (week * 7 + day) * 86_400_000).toISOString().slice(0, 10),
    ),
  );
};

const dateFormat = dateTimeFormat('de-DE', {
  timeZone: berlin,
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});
const timeFormat = dateTimeFormat('de-DE', {
  timeZone: berlin,
  hour: '2-digit',
  minute: '2-digit',
});

/**
 * "am 3. März 2027 um 10:12 Uhr", in Berlin time: how an audit sentence says when.
 *
 * @example
 * ```ts
 * germanAt('2027-03-03T09:12:00Z'); // 'am 3. März 2027 um 10:12 Uhr'
 * ```
 */
export const germanAt = (at: string): string => {
  const date = new Date(at);
  return `am ${dateFormat.format(date)} um ${timeFormat.format(date)} Uhr`;
};

/**
 * A `YYYY-MM-DD` day as "3. März 2027".
 *
 * @example
 * ```ts
 * germanDay('2028-01-01'); // '1. Januar 2028'
 * ```
 */
export const germanDay = (day: string): string => {
  const [year, month, date] = day.split('-').map(Number);
  return `${date}. ${monthNames[(month ?? 1) - 1]} ${year}`;
};
