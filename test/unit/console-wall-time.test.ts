import { describe, expect, it } from 'vitest';
import { fromWallTimeInput, wallTimeInput } from '../../functions/http/console/wall-time.js';

describe('Unit: wall time of the console’s date-time fields', () => {
  it.each([
    ['2027-03-03T10:00', '2027-03-03T10:00:00+01:00'],
    ['2027-07-01T10:00', '2027-07-01T10:00:00+02:00'],
    ['2027-12-31T23:59', '2027-12-31T23:59:00+01:00'],
    // The hour that repeats in autumn is read as winter time.
    ['2027-10-31T02:30', '2027-10-31T02:30:00+01:00'],
  ])('reads %s as Berlin wall time: %s', (input, expected) => {
    // Act
    const instant = fromWallTimeInput(input);

    // Assess
    expect(instant).toBe(expected);
    expect(wallTimeInput(instant)).toBe(input);
  });

  it('reads a wall time the clock skips in spring with the winter offset', () => {
    // Act
    const instant = fromWallTimeInput('2027-03-28T02:30');

    // Assess
    expect(instant).toBe('2027-03-28T02:30:00+01:00');
    expect(wallTimeInput(instant)).toBe('2027-03-28T03:30');
  });

  it.each(['', 'morgen', '2027-02-30T10:00', '2027-03-03T24:00', '2027-03-03'])(
    'refuses %j',
    (input) => {
      // Act
      const instant = fromWallTimeInput(input);

      // Assess
      expect(instant).toBeUndefined();
    },
  );

  it('shows a stored instant in the zone it is read in', () => {
    // Act
    const berlin = wallTimeInput('2027-03-03T09:00:00Z');
    const london = wallTimeInput('2027-03-03T09:00:00Z', 'Europe/London');

    // Assess
    expect(berlin).toBe('2027-03-03T10:00');
    expect(london).toBe('2027-03-03T09:00');
    expect(wallTimeInput(undefined)).toBe('');
  });
});
