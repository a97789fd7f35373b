import { describe, expect, it } from 'vitest';
import { dateTimeFormat, rememberedFormats } from '../../shared/domain/date-format.js';

/** Every way of writing a zone's name in upper and lower case: Intl accepts each of them. */
const caseVariants = (zone: string, count: number) =>
  Array.from({ length: count }, (_, n) =>
    [...zone].map((char, i) => ((n >> i) & 1 ? char.toUpperCase() : char.toLowerCase())).join(''),
  );

describe('dateTimeFormat', () => {
  it('makes a format once and hands the same one to every later call', () => {
    const options = { day: 'numeric', month: 'long', timeZone: 'Europe/Berlin' } as const;
    const format = dateTimeFormat('de-DE', options);
    expect(dateTimeFormat('de-DE', { ...options })).toBe(format);
    expect(format.format(new Date('2027-03-04T09:00:00Z'))).toBe('4. März');
    expect(dateTimeFormat('de-DE', { ...options, timeZone: 'UTC' })).not.toBe(format);
  });

  it('keeps a bounded number of formats, whatever spellings of a zone it is asked for', () => {
    // A time zone comes from session input, and "europe/berlin" is as valid as "Europe/Berlin".
    const variants = caseVariants('Europe/Berlin', 1000);
    for (const zone of variants) {
      expect(dateTimeFormat('de-DE', { timeZone: zone }).resolvedOptions().timeZone).toBe(
        'Europe/Berlin',
      );
    }
    expect(rememberedFormats()).toBeLessThanOrEqual(256);
  });
});
