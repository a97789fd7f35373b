import { describe, expect, it } from 'vitest';
import { changedFields } from '../../shared/domain/audit.js';
import { proposeNextChairPeriod } from '../../shared/domain/chair-rotation.js';
import { ConflictError } from '../../shared/domain/errors.js';
import { can } from '../../shared/domain/policy.js';
import type { Principal } from '../../shared/domain/roles.js';
import type { SessionState } from '../../shared/domain/session.js';
import { isEditable, transition } from '../../shared/domain/session-state.js';

describe('Function: transition', () => {
  it.each([
    ['planned', 'invited'],
    ['invited', 'in_session'],
    ['in_session', 'concluded'],
    ['planned', 'cancelled'],
    ['invited', 'cancelled'],
    ['in_session', 'cancelled'],
  ] as [SessionState, SessionState][])('allows %s → %s', (from, to) => {
    expect(transition(from, to)).toBe(to);
  });

  it.each([
    ['planned', 'in_session', ['invited', 'cancelled']],
    ['planned', 'concluded', ['invited', 'cancelled']],
    ['invited', 'planned', ['in_session', 'cancelled']],
    ['concluded', 'cancelled', []],
    ['cancelled', 'planned', []],
    ['in_session', 'invited', ['concluded', 'cancelled']],
  ] as [SessionState, SessionState, SessionState[]][])(
    'refuses %s → %s and names what is allowed',
    (from, to, allowed) => {
      try {
        transition(from, to);
        expect.unreachable();
      } catch (error) {
        expect(error).toBeInstanceOf(ConflictError);
        expect((error as ConflictError).extensions).toEqual({ state: from, allowed });
      }
    },
  );

  it('keeps concluded and cancelled sessions unchangeable', () => {
    expect(
      ['planned', 'invited', 'in_session', 'concluded', 'cancelled'].map((s) =>
        isEditable(s as SessionState),
      ),
    ).toEqual([true, true, true, false, false]);
  });
});

describe('Function: proposeNextChairPeriod', () => {
  it('hands the chair to the next Land in alphabetical order on 1 January', () => {
    expect(
      proposeNextChairPeriod([{ memberId: 'DE-HH', from: '2027-01-01', to: '2027-12-31' }]),
    ).toEqual({
      memberId: 'DE-HE',
      from: '2028-01-01',
      to: '2028-12-31',
    });
  });

  it('orders by the German names: Sachsen before Sachsen-Anhalt before Schleswig-Holstein', () => {
    const successorOf = (memberId: string) =>
      proposeNextChairPeriod([{ memberId, from: '2030-01-01', to: '2030-12-31' }]).memberId;
    expect(successorOf('DE-SL')).toBe('DE-SN');
    expect(successorOf('DE-SN')).toBe('DE-ST');
    expect(successorOf('DE-ST')).toBe('DE-SH');
    expect(successorOf('DE-BY')).toBe('DE-BE');
  });

  it('wraps from Thüringen to Baden-Württemberg and follows the latest recorded period', () => {
    const periods = [
      { memberId: 'DE-SH', from: '2031-01-01', to: '2031-12-31' },
      { memberId: 'DE-TH', from: '2032-01-01', to: '2032-12-31' },
    ];
    expect(proposeNextChairPeriod(periods).memberId).toBe('DE-BW');
    expect(proposeNextChairPeriod([...periods].reverse()).from).toBe('2033-01-01');
  });

  it('starts with the first Land next year when nothing is recorded', () => {
    expect(proposeNextChairPeriod([], new Date('2026-11-23T00:00:00Z'))).toEqual({
      memberId: 'DE-BW',
      from: '2027-01-01',
      to: '2027-12-31',
    });
  });
});

describe('Function: can', () => {
  const who = (role: Principal['roles'][number], bodies: string[] = []): Principal => ({
    subject: 's',
    email: undefined,
    roles: [role],
    bodies,
  });

  it('lets an admin do everything in every body', () => {
    expect(can(who('admin'), 'bodies:manage')).toBe(true);
    expect(can(who('admin'), 'sessions:manage', 'imk')).toBe(true);
  });

  it('keeps a secretariat to its own bodies', () => {
    expect(can(who('secretariat', ['ak-ii']), 'sessions:manage', 'ak-ii')).toBe(true);
    expect(can(who('secretariat', ['ak-ii']), 'sessions:manage', 'imk')).toBe(false);
    expect(can(who('secretariat', ['imk']), 'bodies:manage')).toBe(false);
  });

  it('lets members read their sessions but not confidential agenda items or the audit', () => {
    const member = who('member', ['imk']);
    expect(can(member, 'sessions:read', 'imk')).toBe(true);
    expect(can(member, 'sessions:read', 'ak-ii')).toBe(false);
    expect(can(member, 'agenda:read-confidential', 'imk')).toBe(false);
    expect(can(member, 'audit:read', 'imk')).toBe(false);
  });

  it('lets press read sessions of every body and change nothing', () => {
    const press = who('press');
    expect(can(press, 'sessions:read', 'imk')).toBe(true);
    expect(can(press, 'sessions:manage', 'imk')).toBe(false);
    expect(can(press, 'agenda:read-confidential', 'imk')).toBe(false);
  });
});

describe('Function: changedFields', () => {
  it('names the fields that differ, ignoring bookkeeping', () => {
    expect(
      changedFields(
        { title: 'a', place: { city: 'Hamburg' }, version: 1, updatedAt: 'x' },
        {
          title: 'a',
          place: { city: 'Bremen' },
          version: 2,
          updatedAt: 'y',
          videoLink: 'https://v',
        },
      ),
    ).toEqual(['place', 'videoLink']);
    expect(changedFields(undefined, { title: 'a', version: 1 })).toEqual(['title']);
  });
});
