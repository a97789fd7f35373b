import { describe, expect, it } from 'vitest';
import {
  createSendPacer,
  type PacerClock,
  timerSlackMs,
} from '../../shared/adapters/ses/send-pacer.js';

/** A clock that only moves when the pacer sleeps, and records every send moment. */
const fakeClock = () => {
  let now = 1000;
  const clock: PacerClock = {
    now: () => now,
    sleep: async (ms) => {
      now += ms;
    },
  };
  return { clock, at: () => now, advance: (ms: number) => (now += ms) };
};

describe('Function: createSendPacer', () => {
  it('never lets more than the rate through in any one-second window', async () => {
    // Prepare
    const time = fakeClock();
    const pace = createSendPacer(7, time.clock);
    const moments: number[] = [];

    // Act: 50 sends as fast as the caller can
    for (let i = 0; i < 50; i++) {
      await pace();
      moments.push(time.at());
    }

    // Assess
    for (const start of moments) {
      const inWindow = moments.filter((m) => m >= start && m < start + 1000 - 1e-6).length;
      expect(inWindow).toBeLessThanOrEqual(7);
    }
    expect((moments.at(-1) ?? 0) - (moments[0] ?? 0)).toBeCloseTo(
      49 * (1000 / 7 + timerSlackMs),
      5,
    );
  });

  it('does not wait when the sends are slower than the rate, and keeps pacing across batches', async () => {
    // Prepare
    const time = fakeClock();
    const pace = createSendPacer(2, time.clock);

    // Act
    await pace();
    const first = time.at();
    time.advance(2000);
    await pace();
    const second = time.at();
    await pace();
    const third = time.at();

    // Assess
    expect(second - first).toBe(2000);
    expect(third - second).toBe(500 + timerSlackMs);
  });

  it('keeps every one-second window within the rate when concurrent callers wake late', async () => {
    // Prepare: ten records of one batch ask at once; every timer wakes 3 ms late
    let now = 0;
    const late: PacerClock = {
      now: () => now,
      sleep: async (ms) => {
        now += ms + 3;
      },
    };
    const pace = createSendPacer(5, late);
    const moments: number[] = [];

    // Act
    for (let i = 0; i < 30; i++) {
      await pace();
      moments.push(now);
    }

    // Assess
    for (const start of moments) {
      expect(moments.filter((m) => m >= start && m < start + 1000).length).toBeLessThanOrEqual(5);
    }
  });

  it('never waits without a rate', async () => {
    const time = fakeClock();
    const pace = createSendPacer(undefined, time.clock);
    for (let i = 0; i < 100; i++) await pace();
    expect(time.at()).toBe(1000);
  });
});
