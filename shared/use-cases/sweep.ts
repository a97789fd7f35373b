import { isLostRace } from '../domain/errors.js';

/** The scheduled sweeps, as named in logs and metrics. */
export type SweepName =
  | 'notices'
  | 'reminders'
  | 'procedures'
  | 'releases'
  | 'press'
  | 'outbox'
  | 'escalations'
  | 'papers';

/** One item a sweep could not handle: skipped this run, tried again in the next. */
export interface SweepFailure {
  sweep: SweepName;
  /** The item's id, or `*` when the sweep could not even list its items. */
  id: string;
  error: string;
}

const describe = (error: unknown): string =>
  error instanceof Error ? `${error.name}: ${error.message}` : String(error);

/**
 * Runs `work` for each item on its own: a lost race (another run took the
 * item) is skipped silently, any other error is recorded in `failures` with
 * the item's id and the sweep goes on with the next item. One bad item thus
 * never stops the others.
 *
 * @example
 * ```ts
 * await eachOnItsOwn('releases', pending, (r) => r.id, settle, failures);
 * ```
 */
export const eachOnItsOwn = async <T>(
  sweep: SweepName,
  items: Iterable<T>,
  idOf: (item: T) => string,
  work: (item: T) => Promise<void>,
  failures: SweepFailure[],
): Promise<void> => {
  for (const item of items) {
    try {
      await work(item);
    } catch (error) {
      if (isLostRace(error)) continue;
      failures.push({ sweep, id: idOf(item), error: describe(error) });
    }
  }
};

/**
 * Runs a whole sweep so that an error outside any item (its list could not be
 * read) is recorded instead of stopping the sweeps after it.
 */
export const sweepOnItsOwn = async <T>(
  sweep: SweepName,
  run: () => Promise<T>,
  empty: T,
  failures: SweepFailure[],
): Promise<T> => {
  try {
    return await run();
  } catch (error) {
    failures.push({ sweep, id: '*', error: describe(error) });
    return empty;
  }
};
