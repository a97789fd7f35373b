import { describe, expect, it } from 'vitest';
import {
  formatOf,
  fromStoredSession,
  normalizedKind,
  type Session,
  SessionInputSchema,
  type StoredSession,
} from '../../shared/domain/session.js';
import { answersStand, type SessionSnapshot } from '../../shared/domain/session-change.js';
import { sessionSeries } from '../../shared/domain/session-numbering.js';
import { changeLines } from '../../shared/mail/session-changes.js';
import { sessionName, sessionPhrase } from '../../shared/mail/session-phrase.js';

const rathaus = { city: 'Hamburg', building: 'Hamburger Rathaus', room: 'Ratsstube' };
const before: SessionSnapshot = {
  startsAt: '2027-03-03T09:00:00.000Z',
  endsAt: '2027-03-04T13:00:00.000Z',
  timeZone: 'Europe/Berlin',
  format: 'in_person',
  place: rathaus,
};
const input = {
  kind: 'regular',
  title: 'Frühjahrskonferenz',
  startsAt: '2027-06-16T10:00:00+02:00',
  endsAt: '2027-06-18T13:00:00+02:00',
};

describe('Function: sessionSeries', () => {
  it.each([
    ['regular', undefined, { numbering: 'running' }],
    ['constitutive', undefined, { numbering: 'running' }],
    [
      'extraordinary',
      undefined,
      { numbering: 'yearly', numberYear: 2027, counter: 'EXTRAORDINARY#2027' },
    ],
    [
      'extraordinary',
      'extraordinary_by_year',
      { numbering: 'yearly', numberYear: 2027, counter: 'EXTRAORDINARY#2027' },
    ],
    ['extraordinary', 'running', { numbering: 'running' }],
  ] as const)('numbers a %s session under the rule %s as %j', (kind, rule, expected) => {
    expect(sessionSeries(kind, rule, '2027-06-02T10:00:00+02:00', 'Europe/Berlin')).toEqual(
      expected,
    );
  });

  it('counts the year of the start in the session’s own time zone', () => {
    // 23:30 UTC on New Year's Eve is already 2028 in Berlin.
    expect(
      sessionSeries('extraordinary', undefined, '2027-12-31T23:30:00Z', 'Europe/Berlin'),
    ).toMatchObject({
      numberYear: 2028,
    });
  });
});

describe('Function: sessionName', () => {
  it.each([
    [{ kind: 'regular', number: 221, numbering: 'running' }, '221. Sitzung'],
    [{ kind: 'constitutive', number: 1, numbering: 'running' }, '1. (konstituierende) Sitzung'],
    [
      { kind: 'extraordinary', number: 2, numbering: 'yearly', numberYear: 2027 },
      '2. Sonderkonferenz 2027',
    ],
    // A video conference stored with the old running number is not "the second session".
    [{ kind: 'extraordinary', number: 2, numbering: 'none' }, 'Sonderkonferenz'],
  ] as const)('names %j as %j', (named, expected) => {
    expect(sessionName({ ...named, format: 'video' })).toBe(expected);
  });

  it('declines the genitive without the format unless asked', () => {
    const named = {
      kind: 'constitutive',
      number: 1,
      numbering: 'running',
      format: 'video',
    } as const;
    expect(sessionPhrase(named, { shortName: 'IMK' }, 'genitive')).toBe(
      'der 1. (konstituierenden) Sitzung der IMK',
    );
    expect(sessionPhrase(named, { shortName: 'IMK' }, 'genitive', { withFormat: true })).toBe(
      'der 1. (konstituierenden) Sitzung der IMK als Videokonferenz',
    );
  });
});

describe('Schema: SessionInputSchema with kind and format', () => {
  it.each([
    ['a video conference without a video link', { format: 'video', place: rathaus }, 'videoLink'],
    [
      'a session in person without a place',
      { format: 'in_person', videoLink: 'https://video.example.org/imk' },
      'place',
    ],
    ['a hybrid session without a video link', { format: 'hybrid', place: rathaus }, 'format'],
    ['an unknown format', { format: 'telefon', place: rathaus }, 'format'],
  ])('refuses %s', (_case, extra, path) => {
    const result = SessionInputSchema.safeParse({ ...input, ...extra });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toContain(path);
  });

  it('derives the format from place and video link when none is given', () => {
    expect(formatOf({ place: rathaus })).toBe('in_person');
    expect(formatOf({ videoLink: 'https://v.example.org' })).toBe('video');
    expect(formatOf({ place: rathaus, videoLink: 'https://v.example.org' })).toBe('hybrid');
  });

  it('reads the first API version’s kind `video` as an extraordinary video conference', () => {
    expect(normalizedKind({ kind: 'video', videoLink: 'https://v.example.org' })).toEqual({
      kind: 'extraordinary',
      format: 'video',
    });
    expect(normalizedKind({ kind: 'regular', format: 'hybrid' })).toEqual({
      kind: 'regular',
      format: 'hybrid',
    });
  });
});

describe('Function: fromStoredSession', () => {
  const stored: StoredSession = {
    id: '01JSESSION0000000000000000',
    bodyId: 'imk',
    number: 7,
    kind: 'video',
    title: 'Videokonferenz',
    startsAt: before.startsAt,
    endsAt: before.endsAt,
    timeZone: before.timeZone,
    videoLink: 'https://video.example.org/imk',
    state: 'invited',
    version: 3,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
  };

  it('maps the old kinds and leaves a session in today’s shape as it is', () => {
    expect(fromStoredSession(stored)).toMatchObject({
      kind: 'extraordinary',
      format: 'video',
      numbering: 'none',
      number: 7,
    });
    expect(fromStoredSession({ ...stored, kind: 'regular', place: rathaus })).toMatchObject({
      kind: 'regular',
      format: 'hybrid',
      numbering: 'running',
    });
    const current: Session = {
      ...stored,
      kind: 'extraordinary',
      format: 'hybrid',
      numbering: 'yearly',
      numberYear: 2027,
      place: rathaus,
    };
    expect(fromStoredSession(current)).toEqual(current);
  });
});

describe('Function: answersStand', () => {
  it.each([
    ['another hour on the same day', { startsAt: '2027-03-03T09:30:00.000Z' }, true],
    ['another room in the same city', { place: { ...rathaus, room: 'Kaisersaal' } }, true],
    ['now also by video', { format: 'hybrid', videoLink: 'https://v.example.org' }, true],
    [
      'moved to other days',
      { startsAt: '2027-03-10T09:00:00.000Z', endsAt: '2027-03-11T13:00:00.000Z' },
      false,
    ],
    ['moved to another city', { place: { city: 'München' } }, false],
  ] as const)('after %s: %s', (_case, change, expected) => {
    expect(answersStand(before, { ...before, ...change })).toBe(expected);
  });

  it('asks again when a video conference becomes one only in person, not when it becomes hybrid', () => {
    const video: SessionSnapshot = {
      ...before,
      format: 'video',
      videoLink: 'https://v.example.org',
    };
    expect(answersStand(video, { ...video, format: 'in_person', place: rathaus })).toBe(false);
    expect(answersStand(video, { ...video, format: 'hybrid', place: rathaus })).toBe(true);
  });
});

describe('Function: changeLines', () => {
  it.each([
    [
      'a later start',
      { startsAt: '2027-03-03T09:30:00.000Z' },
      ['Neuer Beginn: 10:30 Uhr statt 10:00 Uhr'],
    ],
    [
      'an earlier end',
      { endsAt: '2027-03-04T12:00:00.000Z' },
      ['Neues Ende: 13:00 Uhr statt 14:00 Uhr'],
    ],
    [
      'other days',
      { startsAt: '2027-03-10T09:00:00.000Z', endsAt: '2027-03-11T13:00:00.000Z' },
      ['Neuer Termin: 10.–11. März 2027 statt 3.–4. März 2027'],
    ],
    [
      'another room',
      { place: { ...rathaus, room: 'Kaisersaal' } },
      ['Neuer Raum: Kaisersaal statt Ratsstube'],
    ],
    [
      'another city',
      { place: { city: 'München', building: 'Residenz' } },
      ['Neuer Ort: Residenz, München statt Ratsstube, Hamburger Rathaus, Hamburg'],
    ],
    [
      'a switch to video',
      { format: 'video', place: undefined, videoLink: 'https://v.example.org/imk' },
      [
        'Neues Format: Videokonferenz statt Sitzung vor Ort',
        'Der bisherige Ort entfällt: Ratsstube, Hamburger Rathaus, Hamburg',
        'Neuer Videolink: https://v.example.org/imk',
      ],
    ],
    ['nothing an invitee sees', {}, []],
  ] as const)('says %s', (_case, change, expected) => {
    expect(changeLines(before, { ...before, ...change })).toEqual(expected);
  });
});
