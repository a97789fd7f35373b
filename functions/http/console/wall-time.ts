import { dateTimeFormat } from '../../../shared/domain/date-format.js';

/**
 * Date-time fields of the console: a `datetime-local` input holds a wall
 * time without zone, which the console reads in the session's zone
 * (Europe/Berlin unless the session says otherwise).
 */

const berlin = 'Europe/Berlin';

/** The offset of a zone from UTC at an instant, in minutes (Berlin in winter: 60). */
const offsetMinutes = (at: number, timeZone: string): number => {
  const parts = dateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(at));
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(
    part('year'),
    part('month') - 1,
    part('day'),
    part('hour'),
    part('minute'),
    part('second'),
  );
  return Math.round((asUtc - (at - (at % 1000))) / 60_000);
};

const pad = (n: number, width = 2) => String(Math.abs(n)).padStart(width, '0');

/**
 * The value of a `datetime-local` input for an instant: its wall time in
 * the zone, to the minute.
 *
 * @example
 * ```ts
 * wallTimeInput('2027-03-03T09:00:00Z'); // '2027-03-03T10:00'
 * ```
 */
export const wallTimeInput = (at: string | undefined, timeZone = berlin): string => {
  if (at === undefined || at === '') return '';
  const instant = Date.parse(at);
  if (Number.isNaN(instant)) return '';
  const local = new Date(instant + offsetMinutes(instant, timeZone) * 60_000);
  return `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}`;
};

/**
 * The instant of a `datetime-local` value read as wall time in the zone,
 * with the zone's offset at that moment ("2027-03-03T10:00:00+01:00");
 * `undefined` for an empty or malformed value. A wall time the clock skips
 * in spring keeps the winter offset (02:30 becomes 03:30 summer time); the
 * hour that repeats in autumn is read as the second one (winter time).
 *
 * @example
 * ```ts
 * fromWallTimeInput('2027-07-01T10:00'); // '2027-07-01T10:00:00+02:00'
 * ```
 */
export const fromWallTimeInput = (
  value: string | undefined,
  timeZone = berlin,
): string | undefined => {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value?.trim() ?? '');
  if (match === null) return undefined;
  const [, y, mo, d, h, mi] = match.map(Number) as [number, number, number, number, number, number];
  const wall = Date.UTC(y, mo - 1, d, h, mi);
  const check = new Date(wall);
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59) {
    return undefined;
  }
  // The offset at the guessed instant, then at the instant that offset gives.
  const offset = offsetMinutes(wall - offsetMinutes(wall, timeZone) * 60_000, timeZone);
  const sign = offset < 0 ? '-' : '+';
  return `${y}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:00${sign}${pad(Math.trunc(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
};
