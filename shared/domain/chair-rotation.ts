import { lands } from './lands.js';

export interface ChairPeriod {
  memberId: string;
  /** First day, `YYYY-MM-DD`. */
  from: string;
  /** Last day, `YYYY-MM-DD`. */
  to: string;
}

/**
 * Proposes the next chair period by the IMK's rule: the chair changes every
 * 1 January, to the next Land in alphabetical order of the Länder, after the
 * last recorded period (wrapping from Thüringen to Baden-Württemberg).
 * With no period recorded it proposes the first Land for the coming year.
 *
 * @example
 * ```ts
 * proposeNextChairPeriod([{ memberId: 'DE-HH', from: '2027-01-01', to: '2027-12-31' }]);
 * // { memberId: 'DE-HE', from: '2028-01-01', to: '2028-12-31' }
 * ```
 */
export const proposeNextChairPeriod = (
  periods: readonly ChairPeriod[],
  today = new Date(),
): ChairPeriod => {
  const order: string[] = [...lands]
    .sort((a, b) => a.name.localeCompare(b.name, 'de'))
    .map((land) => land.code);
  const last = [...periods].sort((a, b) => a.from.localeCompare(b.from)).at(-1);
  if (last === undefined) {
    const year = today.getUTCFullYear() + 1;
    return { memberId: order[0] as string, from: `${year}-01-01`, to: `${year}-12-31` };
  }
  const index = order.indexOf(last.memberId);
  const next = order[(index + 1) % order.length] as string;
  const year = Number(last.to.slice(0, 4)) + 1;
  return { memberId: next, from: `${year}-01-01`, to: `${year}-12-31` };
};
