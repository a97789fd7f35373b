import { describe, expect, it } from 'vitest';
import { berlinWallTime } from '../../functions/http/console/procedures.js';

describe('Unit: berlinWallTime', () => {
  it('reads a winter wall time as UTC+1 and a summer one as UTC+2', () => {
    // Act
    const winter = berlinWallTime('2027-03-20T12:00');
    const summer = berlinWallTime('2027-07-01T09:30');

    // Assess
    expect(winter).toBe('2027-03-20T11:00:00.000Z');
    expect(summer).toBe('2027-07-01T07:30:00.000Z');
  });

  it('reads the hours around the change of clocks as Berlin does', () => {
    // Act
    const beforeSpring = berlinWallTime('2027-03-28T01:30');
    const afterSpring = berlinWallTime('2027-03-28T03:30');
    const afterAutumn = berlinWallTime('2027-10-31T03:30');

    // Assess
    expect(beforeSpring).toBe('2027-03-28T00:30:00.000Z');
    expect(afterSpring).toBe('2027-03-28T01:30:00.000Z');
    expect(afterAutumn).toBe('2027-10-31T02:30:00.000Z');
  });

  it('refuses what is not a datetime-local value', () => {
    // Act
    const refused = [undefined, '', '20.03.2027 12:00', '2027-03-20'].map(berlinWallTime);

    // Assess
    expect(refused).toEqual([undefined, undefined, undefined, undefined]);
  });
});
