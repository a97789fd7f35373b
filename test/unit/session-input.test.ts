import { describe, expect, it } from 'vitest';
import { SessionInputSchema } from '../../shared/domain/session.js';

const valid = {
  kind: 'constitutive',
  title: 'Konstituierende Sitzung der IMK',
  startsAt: '2027-03-03T10:00:00+01:00',
  endsAt: '2027-03-06T14:00:00+01:00',
  place: { city: 'Hamburg', building: 'Hamburger Rathaus', room: 'Ratsstube' },
};

describe('Schema: SessionInputSchema', () => {
  it('accepts a multi-day session and defaults the time zone to Europe/Berlin', () => {
    const parsed = SessionInputSchema.parse(valid);
    expect(parsed.timeZone).toBe('Europe/Berlin');
  });

  it('accepts a video conference without a place', () => {
    const { place: _place, ...withoutPlace } = valid;
    expect(
      SessionInputSchema.safeParse({
        ...withoutPlace,
        kind: 'video',
        videoLink: 'https://video.example.org/imk',
      }).success,
    ).toBe(true);
  });

  it.each([
    ['an end before the start', { endsAt: '2027-03-03T09:00:00+01:00' }, 'endsAt'],
    ['an end equal to the start', { endsAt: valid.startsAt }, 'endsAt'],
    ['an unknown time zone', { timeZone: 'Europe/Atlantis' }, 'timeZone'],
    ['a date without offset', { startsAt: '2027-03-03T10:00:00' }, 'startsAt'],
    ['neither place nor video link', { place: undefined }, 'place'],
    [
      'an answer deadline after the start',
      { answerDeadline: '2027-03-04T10:00:00+01:00' },
      'answerDeadline',
    ],
    ['a plain-http video link', { videoLink: 'http://video.example.org' }, 'videoLink'],
    ['an unknown field', { colour: 'blue' }, ''],
  ])('rejects %s', (_name, change, field) => {
    const result = SessionInputSchema.safeParse({ ...valid, ...change });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toContain(field);
  });
});
