import { describe, expect, it } from 'vitest';
import { PersonInputSchema } from '../../shared/domain/body.js';
import { greeting } from '../../shared/mail/greeting.js';

describe('Function: greeting', () => {
  it.each([
    [{ name: 'Miriam Carstens', salutation: 'Frau Senatorin' }, 'Sehr geehrte Frau Senatorin,'],
    [{ name: 'Josef Brandl', salutation: 'Herr Minister' }, 'Sehr geehrter Herr Minister,'],
    [
      { name: 'Dr. Matthias Linner', salutation: 'Herr Bundesminister' },
      'Sehr geehrter Herr Bundesminister,',
    ],
    [
      { name: 'Dr. Jana Richter', salutation: 'Frau Staatssekretärin' },
      'Sehr geehrte Frau Staatssekretärin,',
    ],
    [{ name: 'Dr. Matthias Linner' }, 'Guten Tag Dr. Matthias Linner,'],
  ])('greets %o as %j', (person, expected) => {
    expect(greeting(person)).toBe(expected);
  });

  it('takes only forms of address it can decline', () => {
    const person = { capacity: 'principal', name: 'A', function: 'B', email: 'a@b.example.org' };
    expect(PersonInputSchema.safeParse({ ...person, salutation: 'Frau Senatorin' }).success).toBe(
      true,
    );
    for (const salutation of ['Exzellenz', 'Sehr geehrte/r', 'Frau', 'Herr\nMinister']) {
      expect(PersonInputSchema.safeParse({ ...person, salutation }).success).toBe(false);
    }
  });
});
