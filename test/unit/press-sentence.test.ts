import { describe, expect, it } from 'vitest';
import { type BoardLine, pressSentence } from '../../shared/domain/invitation.js';

const line = (memberId: string, name: string, changes: Partial<BoardLine> = {}): BoardLine => ({
  memberId,
  name,
  voting: memberId !== 'BUND',
  status: 'accepted',
  ...changes,
});

describe('Function: pressSentence', () => {
  it('lists the Länder in German alphabetical order and the federal minister last', () => {
    // Board order follows the ISO codes: DE-BE, DE-BW, DE-BY.
    const lines = [
      line('BUND', 'Bund'),
      line('DE-BE', 'Berlin'),
      line('DE-BW', 'Baden-Württemberg'),
      line('DE-BY', 'Bayern'),
      line('DE-TH', 'Thüringen'),
      line('DE-SN', 'Sachsen', { status: 'declined' }),
    ];
    expect(pressSentence(lines)).toBe(
      'Bisher bestätigten die Ministerinnen und Minister aus Baden-Württemberg, Bayern, Berlin und Thüringen sowie der Bundesinnenminister ihre Teilnahme.',
    );
  });

  it('speaks in the body’s own words where it has them, and in the IMK’s otherwise', () => {
    // Prepare: a crisis staff of ministries names departments, not ministers
    const wording = {
      many: 'die Vertreterinnen und Vertreter der Krisenstäbe aus',
      one: 'die Vertretung des Krisenstabs aus',
      federation: 'das Bundesministerium des Innern',
    };
    const lines = [
      line('DE-BY', 'Bayern'),
      line('DE-BW', 'Baden-Württemberg'),
      line('BUND', 'Bund'),
    ];

    // Act and assess
    expect(pressSentence(lines, { wording })).toBe(
      'Bisher bestätigten die Vertreterinnen und Vertreter der Krisenstäbe aus Baden-Württemberg und Bayern sowie das Bundesministerium des Innern ihre Teilnahme.',
    );
    expect(pressSentence([line('DE-BY', 'Bayern')], { wording })).toBe(
      'Bisher bestätigte die Vertretung des Krisenstabs aus Bayern ihre Teilnahme.',
    );
    expect(pressSentence([line('BUND', 'Bund')], { wording })).toBe(
      'Bisher bestätigte das Bundesministerium des Innern die Teilnahme.',
    );
    expect(
      pressSentence([line('BUND', 'Bund')], { wording: { many: 'die Delegationen aus' } }),
    ).toBe('Bisher bestätigte der Bundesinnenminister seine Teilnahme.');
  });

  it('names a represented Land with its deputy where the body wants that', () => {
    const lines = [
      line('DE-SN', 'Sachsen', {
        status: 'represented',
        attendee: 'vertreten durch Staatssekretärin Dr. Jana Richter',
      }),
      line('DE-HH', 'Hamburg'),
    ];
    expect(pressSentence(lines, { namesDeputies: true })).toBe(
      'Bisher bestätigten die Ministerinnen und Minister aus Hamburg und Sachsen, vertreten durch Staatssekretärin Dr. Jana Richter, ihre Teilnahme.',
    );
    expect(pressSentence(lines)).toBe(
      'Bisher bestätigten die Ministerinnen und Minister aus Hamburg und Sachsen ihre Teilnahme.',
    );
    expect(
      pressSentence([...lines, line('DE-TH', 'Thüringen'), line('BUND', 'Bund')], {
        namesDeputies: true,
      }),
    ).toBe(
      'Bisher bestätigten die Ministerinnen und Minister aus Hamburg, Sachsen, vertreten durch Staatssekretärin Dr. Jana Richter, und Thüringen sowie der Bundesinnenminister ihre Teilnahme.',
    );
  });

  it('names organisations of the body with their article, in the body’s order', () => {
    // Prepare: the IMAS Thüringen, whose members are the Staatskanzlei and the ministries
    const organisation = (
      memberId: string,
      name: string,
      gender: 'feminine' | 'neuter' | 'masculine' | 'plural',
      order?: number,
      changes: Partial<BoardLine> = {},
    ) =>
      line(memberId, name, {
        organisation: {
          kind: 'ministry',
          gender,
          ...(order === undefined ? {} : { order }),
        },
        ...changes,
      });
    const lines = [
      organisation('th-tfm', 'Finanzministerium', 'neuter', 3),
      organisation('th-tmik', 'Ministerium für Inneres und Kommunales', 'neuter', 2),
      organisation('th-tsk', 'Thüringer Staatskanzlei', 'feminine', 1),
      organisation('th-tmdi', 'Ministerium für Digitales und Infrastruktur', 'neuter', 4, {
        status: 'pending',
      }),
    ];

    // Act and assess
    expect(pressSentence(lines)).toBe(
      'Bisher bestätigten die Thüringer Staatskanzlei, das Ministerium für Inneres und Kommunales und das Finanzministerium ihre Teilnahme.',
    );
    expect(pressSentence([organisation('th-tfm', 'Finanzministerium', 'neuter')])).toBe(
      'Bisher bestätigte das Finanzministerium seine Teilnahme.',
    );
    expect(pressSentence([organisation('th-tsk', 'Thüringer Staatskanzlei', 'feminine')])).toBe(
      'Bisher bestätigte die Thüringer Staatskanzlei ihre Teilnahme.',
    );
    expect(
      pressSentence([
        organisation('ost-leitstellen', 'Zentralen Leitstellen Ostthüringen', 'plural'),
      ]),
    ).toBe('Bisher bestätigten die Zentralen Leitstellen Ostthüringen ihre Teilnahme.');
  });

  it('names a represented organisation with its deputy, and Länder, organisations and the Bund together', () => {
    const lines = [
      line('th-tmik', 'Ministerium für Inneres und Kommunales', {
        organisation: { kind: 'ministry', gender: 'neuter', order: 2 },
        status: 'represented',
        attendee: 'vertreten durch Referatsleiterin Dr. Anne Vogt',
      }),
      line('th-tsk', 'Thüringer Staatskanzlei', {
        organisation: { kind: 'state-chancellery', gender: 'feminine', order: 1 },
      }),
      line('DE-SN', 'Sachsen'),
      line('BUND', 'Bund'),
    ];
    expect(pressSentence(lines, { namesDeputies: true })).toBe(
      'Bisher bestätigten die Ministerin bzw. der Minister aus Sachsen, die Thüringer Staatskanzlei und das Ministerium für Inneres und Kommunales, vertreten durch Referatsleiterin Dr. Anne Vogt, sowie der Bundesinnenminister ihre Teilnahme.',
    );
  });
});
