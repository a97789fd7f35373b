import { describe, expect, it } from 'vitest';
import { berlinLocalValue, berlinWallTime } from '../../functions/http/console/berlin-time.js';
import { UnprocessableError } from '../../shared/domain/errors.js';

describe('Unit: berlinWallTime', () => {
  it('reads winter and summer wall times with their offsets', () => {
    // Act
    const winter = berlinWallTime('2027-03-03T14:00');
    const summer = berlinWallTime('2027-07-01T09:30');

    // Assess
    expect(winter.toISOString()).toBe('2027-03-03T13:00:00.000Z');
    expect(summer.toISOString()).toBe('2027-07-01T07:30:00.000Z');
  });

  it('refuses a time the clocks skip, and takes the earlier of a time they pass twice', () => {
    // Act
    const skipped = () => berlinWallTime('2027-03-28T02:30');
    const twice = berlinWallTime('2027-10-31T02:30');

    // Assess
    expect(skipped).toThrow(UnprocessableError);
    expect(twice.toISOString()).toBe('2027-10-31T00:30:00.000Z');
  });

  it('refuses what is not a complete date and time', () => {
    // Act
    const attempts = ['2027-03-03', '2027-02-30T10:00', '2027-13-01T10:00', 'morgen'].map(
      (value) => () => berlinWallTime(value),
    );

    // Assess
    for (const attempt of attempts) expect(attempt).toThrow(UnprocessableError);
  });

  it('shows an instant as the field’s Berlin value, the inverse of reading it', () => {
    // Act
    const value = berlinLocalValue('2027-03-03T13:00:00Z');

    // Assess
    expect(value).toBe('2027-03-03T14:00');
    expect(berlinWallTime(value).toISOString()).toBe('2027-03-03T13:00:00.000Z');
  });
});
