/**
 * A clock for the local stack that tests can move forward, so that a flow
 * test reaches an embargo or an escalation without waiting for it in real
 * time. Only `api-server.ts` uses it, and only when `LOCAL_CLOCK_CONTROL=1`;
 * the Lambda handlers never import it, so there is no such control in AWS.
 */
import { Hono } from 'hono';
import { z } from 'zod/mini';
import type { Clock } from '../../shared/ports/clock.js';

/** A clock that runs with the system's, moved ahead by an offset that only grows. */
export interface MovableClock extends Clock {
  /** Moves the clock forward by `ms` (zero or more) and answers the new time. */
  advance(ms: number): Date;
}

/**
 * A clock that starts at the system's time and can be moved forward.
 *
 * @example
 * ```ts
 * const clock = movableClock();
 * clock.advance(60_000); // a minute ahead of the system clock from now on
 * ```
 */
export const movableClock = (system: Clock = { now: () => new Date() }): MovableClock => {
  let offsetMs = 0;
  const now = () => new Date(system.now().getTime() + offsetMs);
  return {
    now,
    advance: (ms) => {
      offsetMs += ms;
      return now();
    },
  };
};

/**
 * Whether the local API offers the clock control: only when the environment
 * says `LOCAL_CLOCK_CONTROL=1`, and never for a table outside this machine.
 *
 * @example
 * ```ts
 * if (clockControlEnabled(process.env)) deps = { ...deps, clock: movableClock() };
 * ```
 */
export const clockControlEnabled = (env: NodeJS.ProcessEnv): boolean => {
  if (env.LOCAL_CLOCK_CONTROL !== '1') return false;
  const endpoint = env.DYNAMODB_ENDPOINT ?? '';
  if (!/^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?\/?$/.test(endpoint)) {
    throw new Error(
      `LOCAL_CLOCK_CONTROL=1 is for the local stack only, but DYNAMODB_ENDPOINT is "${endpoint}".`,
    );
  }
  return true;
};

/** Forward by a number of milliseconds, or to an instant not before the clock's time. */
const moveSchema = z.union([
  z.strictObject({ advanceMs: z.int().check(z.minimum(0)) }),
  z.strictObject({ to: z.iso.datetime({ offset: true }) }),
]);

/**
 * `GET /local/clock` answers the clock's time; `POST /local/clock` moves it
 * forward (`{"advanceMs": 60000}` or `{"to": "2026-…Z"}`), then runs
 * `afterMove` (the scheduled jobs, once, at the new time) and answers when
 * that has finished, with the new time. A clock never goes back: a `to`
 * before its time is refused.
 *
 * @example
 * ```ts
 * root.route('/local/clock', clockControl(clock, () => runScheduledJobs(deps)));
 * ```
 */
export const clockControl = (clock: MovableClock, afterMove: () => Promise<unknown>): Hono => {
  const control = new Hono();
  control.get('/', (c) => c.json({ now: clock.now().toISOString() }));
  control.post('/', async (c) => {
    const parsed = moveSchema.safeParse(await c.req.json().catch(() => undefined));
    if (!parsed.success) {
      return c.json({ detail: 'Send {"advanceMs": n} (n ≥ 0) or {"to": an ISO instant}.' }, 400);
    }
    const move = parsed.data;
    const ms = 'advanceMs' in move ? move.advanceMs : Date.parse(move.to) - clock.now().getTime();
    if (ms < 0) return c.json({ detail: 'The clock does not go back.' }, 409);
    clock.advance(ms);
    await afterMove();
    return c.json({ now: clock.now().toISOString() });
  });
  return control;
};
