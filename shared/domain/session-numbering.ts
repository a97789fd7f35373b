import type { SessionNumberingRule } from './body.js';
import { dateTimeFormat } from './date-format.js';
import type { SessionKind, SessionNumbering } from './session.js';

/** The series a new session is numbered in, and the counter that draws its number. */
export interface SessionSeries {
  numbering: Exclude<SessionNumbering, 'none'>;
  numberYear?: number;
  /** The counter's name beside the running one; undefined for the running number itself. */
  counter?: string;
}

/**
 * The series a new session takes its number from, by the body's rule. By
 * default (`extraordinary_by_year`) regular and constitutive sessions take
 * the running number ("221. Sitzung") and extraordinary sessions count per
 * calendar year of their start, in the session's time zone ("2. Sonderkonferenz
 * 2027"); with `running` every session takes the running number.
 *
 * @example
 * ```ts
 * sessionSeries('extraordinary', undefined, '2027-06-02T10:00:00+02:00', 'Europe/Berlin');
 * // { numbering: 'yearly', numberYear: 2027, counter: 'EXTRAORDINARY#2027' }
 * ```
 */
export const sessionSeries = (
  kind: SessionKind,
  rule: SessionNumberingRule | undefined,
  startsAt: string,
  timeZone: string,
): SessionSeries => {
  if (kind !== 'extraordinary' || rule === 'running') return { numbering: 'running' };
  const year = Number(
    dateTimeFormat('en-CA', { year: 'numeric', timeZone }).format(new Date(startsAt)),
  );
  return { numbering: 'yearly', numberYear: year, counter: `EXTRAORDINARY#${year}` };
};
