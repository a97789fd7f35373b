import { dateTimeFormat } from '../../../shared/domain/date-format.js';
import { UnprocessableError } from '../../../shared/domain/errors.js';
import { msg } from '../../../shared/domain/messages.js';

const berlin = 'Europe/Berlin';
const localPattern = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

const wallParts = dateTimeFormat('en-GB', {
  timeZone: berlin,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** The wall time in Berlin at `instant`, as if it were UTC (milliseconds). */
const wallAsUtc = (instant: number): number => {
  const part = (type: string) =>
    Number(wallParts.formatToParts(instant).find((p) => p.type === type)?.value ?? 0);
  return Date.UTC(
    part('year'),
    part('month') - 1,
    part('day'),
    part('hour'),
    part('minute'),
    part('second'),
  );
};

/**
 * The value a `datetime-local` field shows for an instant: its wall time in
 * Europe/Berlin, to the minute.
 *
 * @example
 * ```ts
 * berlinLocalValue('2027-03-03T13:00:00Z'); // '2027-03-03T14:00'
 * ```
 */
export const berlinLocalValue = (at: string | Date): string =>
  new Date(wallAsUtc(new Date(at).getTime())).toISOString().slice(0, 16);

/**
 * Reads a `datetime-local` value as Europe/Berlin wall time: the instant it
 * names, whatever the server's time zone. A time the clocks skip (spring
 * forward) is refused; one they pass twice (autumn) is the earlier instant.
 *
 * @example
 * ```ts
 * berlinWallTime('2027-03-03T14:00').toISOString(); // '2027-03-03T13:00:00.000Z'
 * ```
 */
export const berlinWallTime = (value: string): Date => {
  const match = localPattern.exec(value.trim());
  if (match === null) {
    throw new UnprocessableError(msg('press.time-unreadable', { value }));
  }
  const [, year, month, day, hour, minute, second] = match.map(Number) as number[];
  const wall = Date.UTC(
    year ?? 0,
    (month ?? 1) - 1,
    day ?? 1,
    hour ?? 0,
    minute ?? 0,
    Number.isNaN(second) ? 0 : (second ?? 0),
  );
  if (
    Number.isNaN(wall) ||
    new Date(wall).getUTCDate() !== day ||
    new Date(wall).getUTCMonth() !== (month ?? 1) - 1
  ) {
    throw new UnprocessableError(msg('press.time-unreadable', { value }));
  }
  // The offsets an hour before and after cover both sides of a change; the
  // earlier instant that shows this wall time wins.
  const candidates = [wall - 3 * 3_600_000, wall + 3 * 3_600_000]
    .map((probe) => wall - (wallAsUtc(probe) - probe))
    .filter((instant) => wallAsUtc(instant) === wall)
    .sort((a, b) => a - b);
  const instant = candidates[0];
  if (instant === undefined) throw new UnprocessableError(msg('press.time-skipped', { value }));
  return new Date(instant);
};
