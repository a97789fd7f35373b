import { setTimeout as sleep } from 'node:timers/promises';

/** Time as the pacer sees it; tests give their own. */
export interface PacerClock {
  now: () => number;
  sleep: (ms: number) => Promise<unknown>;
}

const realClock: PacerClock = { now: () => performance.now(), sleep: (ms) => sleep(ms) };

/**
 * Spaces sends evenly at `perSecond` within one process: each call waits
 * until its slot, so a mailer instance never sends faster than its share of
 * the account's SES rate, across batches too (the pacer lives as long as
 * the instance). Without a rate it never waits.
 *
 * @example
 * ```ts
 * const pace = createSendPacer(7);
 * for (const mail of batch) {
 *   await pace();
 *   await sender.send(mail);
 * }
 * ```
 */
export const createSendPacer = (
  perSecond: number | undefined,
  clock: PacerClock = realClock,
): (() => Promise<void>) => {
  if (perSecond === undefined || !(perSecond > 0)) return async () => {};
  const interval = 1000 / perSecond;
  let nextSlot = Number.NEGATIVE_INFINITY;
  return async () => {
    const now = clock.now();
    const slot = Math.max(now, nextSlot);
    nextSlot = slot + interval;
    if (slot > now) await clock.sleep(slot - now);
  };
};
