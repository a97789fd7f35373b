/**
 * The first line of a mail to a person: "Sehr geehrte Frau Senatorin,"
 * or "Sehr geehrter Herr Minister," with their form of address, and
 * "Guten Tag Dr. Matthias Linner," without one; never "Sehr geehrte/r".
 *
 * @example
 * ```ts
 * greeting({ name: 'Miriam Carstens', salutation: 'Frau Senatorin' }); // 'Sehr geehrte Frau Senatorin,'
 * greeting({ name: 'Dr. Matthias Linner' }); // 'Guten Tag Dr. Matthias Linner,'
 * ```
 */
export const greeting = (person: { name: string; salutation?: string | undefined }): string => {
  const salutation = person.salutation?.trim();
  if (salutation?.startsWith('Frau ')) return `Sehr geehrte ${salutation},`;
  if (salutation?.startsWith('Herr ')) return `Sehr geehrter ${salutation},`;
  return `Guten Tag ${person.name},`;
};
