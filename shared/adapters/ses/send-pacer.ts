import { setTimeout as sleep } from 'node:timers/promises';

/** Time as the pacer sees it; tests give their own. */
export interface PacerClock {
  now: () => number;
  sleep: (ms: number) => Promise<unknown>;
}

/** How late a timer may wake without a window holding one send too many. */
export const timerSlackMs = 5;

const realClock: PacerClock = { now: () => performance.now(), sleep: (ms) => sleep(ms) };

/**
 * Spaces sends evenly at `perSecond` within one process: concurrent callers
 * (the records of one batch) queue up, and each is let through a full
 * interval after the one before it actually was, so a mailer instance never sends faster than its share of
 * the account's SES rate, across batches too (the pacer lives as long as
 * the instance). Call it right before the SES request. Without a rate it
 * never waits.
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
  // A few milliseconds more than the even spacing absorb a timer that wakes late,
  // so that no one-second window ever holds more than the rate.
  const interval = 1000 / perSecond + timerSlackMs;
  // Each caller waits for the one before it and then a full interval from the
  // moment that one was actually let through: a timer that woke late, or a
  // busy event loop, delays the following sends instead of crowding them.
  let previous: Promise<number> = Promise.resolve(Number.NEGATIVE_INFINITY);
  return () => {
    const turn = previous.then(async (releasedAt) => {
      const wait = releasedAt + interval - clock.now();
      if (wait > 0) await clock.sleep(wait);
      return clock.now();
    });
    previous = turn;
    return turn.then(() => undefined);
  };
};

/**
 * A mail sender that waits for its pacer before each send.
 *
 * @example
 * ```ts
 * const sender = pacedSender(new SesMailSender(options), createSendPacer(7));
 * ```
 */
export const pacedSender = <Mail, Result>(
  sender: { send: (mail: Mail) => Promise<Result> },
  pace: () => Promise<void>,
): { send: (mail: Mail) => Promise<Result> } => ({
  send: async (mail) => {
    await pace();
    return sender.send(mail);
  },
});
