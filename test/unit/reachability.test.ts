import { describe, expect, it } from 'vitest';
import type { Member } from '../../shared/domain/body.js';
import type { AnswerChannel, Invitation } from '../../shared/domain/invitation.js';
import { germanDuration, median, reachability } from '../../shared/domain/reachability.js';

const at = (minute: number, second = 0) =>
  new Date(Date.UTC(2027, 4, 10, 6, minute, second)).toISOString();

const member = (memberId: string, name: string): Member => ({
  bodyId: 'imas-th',
  memberId,
  name,
  voting: true,
  people: [],
  version: 1,
  createdAt: at(0),
  updatedAt: at(0),
});

const invitation = (
  memberId: string,
  capacity: Invitation['capacity'],
  mailedAt: string | undefined,
  answer?: { at: string; channel: AnswerChannel },
): Invitation => ({
  id: `${memberId}-${capacity}`,
  sessionId: 'S',
  bodyId: 'imas-th',
  memberId,
  personId: `${memberId}-${capacity}`,
  name: `${capacity} ${memberId}`,
  email: `${capacity}@${memberId}.example.org`,
  capacity,
  ...(mailedAt === undefined ? {} : { mailedAt }),
  ...(answer === undefined
    ? {}
    : { answer: { status: 'accepted', channel: answer.channel, at: answer.at } }),
  version: 1,
  createdAt: at(0),
  updatedAt: at(0),
});

describe('Unit: reachability', () => {
  it('measures each member from its first mail to the first answer of any of its people', () => {
    // Prepare: the Staatskanzlei answers by link after 4 minutes, the interior ministry's
    // deputy (mailed 20 minutes in by the escalation) after 25, the finance ministry never
    const members = [
      member('th-tsk', 'Thüringer Staatskanzlei'),
      member('th-tmik', 'Ministerium für Inneres und Kommunales'),
      member('th-tfm', 'Finanzministerium'),
    ];
    const invitations = [
      invitation('th-tsk', 'principal', at(0, 2), { at: at(4, 2), channel: 'link' }),
      invitation('th-tmik', 'principal', at(0, 3)),
      invitation('th-tmik', 'deputy', at(20), { at: at(25, 3), channel: 'mail' }),
      invitation('th-tfm', 'principal', undefined),
    ];

    // Act
    const report = reachability(members, invitations, 15);

    // Assess
    expect(report.members).toEqual([
      expect.objectContaining({
        memberId: 'th-tsk',
        seconds: 240,
        channel: 'link',
        answeredBy: { name: 'principal th-tsk', capacity: 'principal' },
        reached: true,
      }),
      expect.objectContaining({
        memberId: 'th-tmik',
        seconds: 1500,
        channel: 'mail',
        reached: false,
      }),
      expect.objectContaining({ memberId: 'th-tfm', firstSentAt: at(0), reached: false }),
    ]);
    expect(report.people.find((person) => person.capacity === 'deputy')).toMatchObject({
      sentAt: at(20),
      seconds: 303,
      reached: true,
    });
    expect(report.summary).toEqual({
      invited: 3,
      answered: 2,
      medianSeconds: 870,
      slowest: {
        memberId: 'th-tmik',
        name: 'Ministerium für Inneres und Kommunales',
        seconds: 1500,
      },
      notReached: [
        { memberId: 'th-tmik', name: 'Ministerium für Inneres und Kommunales' },
        { memberId: 'th-tfm', name: 'Finanzministerium' },
      ],
      byChannel: {
        link: { count: 1, medianSeconds: 240 },
        mail: { count: 1, medianSeconds: 1500 },
      },
    });
  });

  it('counts within more minutes as reached, and a deputy awaiting the secretariat not at all', () => {
    const members = [member('th-tmik', 'Ministerium für Inneres und Kommunales')];
    const invitations = [
      invitation('th-tmik', 'principal', at(0), { at: at(25), channel: 'link' }),
      { ...invitation('th-tmik', 'deputy', undefined), state: 'pending' as const },
    ];
    const report = reachability(members, invitations, 30);
    expect(report.summary.notReached).toEqual([]);
    expect(report.people).toHaveLength(1);
  });

  it('writes durations and medians the way the report shows them', () => {
    expect(median([60, 240, 120])).toBe(120);
    expect(median([60, 240])).toBe(150);
    expect(median([])).toBeUndefined();
    expect(germanDuration(45)).toBe('45 s');
    expect(germanDuration(245)).toBe('4 min 05 s');
    expect(germanDuration(3720)).toBe('1 h 02 min');
  });
});
