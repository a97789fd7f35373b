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
});
