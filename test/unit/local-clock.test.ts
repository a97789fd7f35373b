import { describe, expect, it } from 'vitest';
import { clockControl, clockControlEnabled, movableClock } from '../../infra/local/local-clock.js';

const fixed = (iso: string) => ({ now: () => new Date(iso) });

const post = (body: unknown) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

describe('Unit: local clock control', () => {
  it('moves the clock forward by milliseconds or to an instant, and runs the jobs after each move', async () => {
    // Prepare
    const clock = movableClock(fixed('2027-05-10T10:00:00.000Z'));
    const seen: string[] = [];
    const control = clockControl(clock, async () => {
      seen.push(clock.now().toISOString());
    });

    // Act
    const by = await control.request('/', post({ advanceMs: 60_000 }));
    const to = await control.request('/', post({ to: '2027-05-10T10:05:00Z' }));
    const read = await control.request('/');

    // Assess
    expect(await by.json()).toEqual({ now: '2027-05-10T10:01:00.000Z' });
    expect(await to.json()).toEqual({ now: '2027-05-10T10:05:00.000Z' });
    expect(await read.json()).toEqual({ now: '2027-05-10T10:05:00.000Z' });
    expect(seen).toEqual(['2027-05-10T10:01:00.000Z', '2027-05-10T10:05:00.000Z']);
  });

  it('refuses to go back, and a body it cannot read, without running the jobs', async () => {
    // Prepare
    const clock = movableClock(fixed('2027-05-10T10:00:00.000Z'));
    let runs = 0;
    const control = clockControl(clock, async () => {
      runs++;
    });

    // Act
    const back = await control.request('/', post({ to: '2027-05-10T09:59:59Z' }));
    const negative = await control.request('/', post({ advanceMs: -1 }));
    const garbled = await control.request('/', { method: 'POST', body: 'soon' });

    // Assess
    expect([back.status, negative.status, garbled.status]).toEqual([409, 400, 400]);
    expect(clock.now().toISOString()).toBe('2027-05-10T10:00:00.000Z');
    expect(runs).toBe(0);
  });

  it('is offered only with LOCAL_CLOCK_CONTROL=1 and a table on this machine', () => {
    // Act and assess
    expect(clockControlEnabled({ DYNAMODB_ENDPOINT: 'http://127.0.0.1:8000' })).toBe(false);
    expect(
      clockControlEnabled({
        LOCAL_CLOCK_CONTROL: 'true',
        DYNAMODB_ENDPOINT: 'http://127.0.0.1:8000',
      }),
    ).toBe(false);
    expect(
      clockControlEnabled({ LOCAL_CLOCK_CONTROL: '1', DYNAMODB_ENDPOINT: 'http://127.0.0.1:8000' }),
    ).toBe(true);
    expect(() => clockControlEnabled({ LOCAL_CLOCK_CONTROL: '1' })).toThrow(/local stack only/);
    expect(() =>
      clockControlEnabled({
        LOCAL_CLOCK_CONTROL: '1',
        DYNAMODB_ENDPOINT: 'https://dynamodb.eu-central-1.amazonaws.com',
      }),
    ).toThrow(/local stack only/);
  });
});
