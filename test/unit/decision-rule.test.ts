import { describe, expect, it } from 'vitest';
import type { DecisionRule } from '../../shared/domain/body.js';
import { federationId, lands } from '../../shared/domain/lands.js';
import {
  decide,
  paragraphs,
  type Release,
  releaseOutcome,
  settleReports,
  silenceVote,
  type VoteValue,
} from '../../shared/domain/resolution.js';

const members = [
  ...lands.map((land) => ({ memberId: land.code, voting: true })),
  { memberId: federationId, voting: false },
];
const codes = lands.map((land) => land.code);

/** Votes for all sixteen Länder: `rest` for everyone not named. */
const votes = (rest: VoteValue | undefined, named: Record<string, VoteValue> = {}) =>
  Object.fromEntries(codes.map((code) => [code, named[code] ?? rest]));

const unanimity: DecisionRule = { kind: 'unanimity' };
const majority: DecisionRule = { kind: 'majority' };

describe('decide: the result of a vote under the body rule', () => {
  const cases: {
    name: string;
    rule: DecisionRule;
    votes: Record<string, VoteValue | undefined>;
    outcome: 'passed' | 'rejected';
    tally: { yes: number; no: number; abstain: number; absent: number };
  }[] = [
    {
      name: 'all sixteen yes: unanimous',
      rule: unanimity,
      votes: votes('yes'),
      outcome: 'passed',
      tally: { yes: 16, no: 0, abstain: 0, absent: 0 },
    },
    {
      name: 'one no blocks unanimity',
      rule: unanimity,
      votes: votes('yes', { 'DE-SN': 'no' }),
      outcome: 'rejected',
      tally: { yes: 15, no: 1, abstain: 0, absent: 0 },
    },
    {
      name: 'abstentions do not block unanimity by default',
      rule: unanimity,
      votes: votes('yes', { 'DE-SN': 'abstain', 'DE-BE': 'abstain' }),
      outcome: 'passed',
      tally: { yes: 14, no: 0, abstain: 2, absent: 0 },
    },
    {
      name: 'abstentions block when the rule counts them against',
      rule: { kind: 'unanimity', abstention: 'against' },
      votes: votes('yes', { 'DE-SN': 'abstain' }),
      outcome: 'rejected',
      tally: { yes: 15, no: 0, abstain: 1, absent: 0 },
    },
    {
      name: 'absent members are left out of unanimity by default',
      rule: unanimity,
      votes: votes('yes', { 'DE-HB': 'absent', 'DE-SL': 'absent' }),
      outcome: 'passed',
      tally: { yes: 14, no: 0, abstain: 0, absent: 2 },
    },
    {
      name: 'a voting member without a vote counts as absent',
      rule: unanimity,
      votes: votes(undefined, { 'DE-HH': 'yes' }),
      outcome: 'passed',
      tally: { yes: 1, no: 0, abstain: 0, absent: 15 },
    },
    {
      name: 'absence blocks when the rule counts it against',
      rule: { kind: 'unanimity', absence: 'against' },
      votes: votes('yes', { 'DE-HB': 'absent' }),
      outcome: 'rejected',
      tally: { yes: 15, no: 0, abstain: 0, absent: 1 },
    },
    {
      name: 'a quorum not reached rejects',
      rule: { kind: 'unanimity', quorum: 9 },
      votes: votes('absent', { 'DE-HH': 'yes', 'DE-BY': 'yes' }),
      outcome: 'rejected',
      tally: { yes: 2, no: 0, abstain: 0, absent: 14 },
    },
    {
      name: 'all abstaining is no decision',
      rule: unanimity,
      votes: votes('abstain'),
      outcome: 'rejected',
      tally: { yes: 0, no: 0, abstain: 16, absent: 0 },
    },
    {
      name: 'majority: more yes than no passes',
      rule: majority,
      votes: votes('yes', { 'DE-SN': 'no', 'DE-BE': 'no', 'DE-HB': 'abstain' }),
      outcome: 'passed',
      tally: { yes: 13, no: 2, abstain: 1, absent: 0 },
    },
    {
      name: 'majority: a tie is rejected',
      rule: majority,
      votes: votes('absent', { 'DE-HH': 'yes', 'DE-BY': 'no' }),
      outcome: 'rejected',
      tally: { yes: 1, no: 1, abstain: 0, absent: 14 },
    },
    {
      name: 'majority: abstentions counted against can tip it',
      rule: { kind: 'majority', abstention: 'against' },
      votes: votes('abstain', { 'DE-HH': 'yes', 'DE-BY': 'yes' }),
      outcome: 'rejected',
      tally: { yes: 2, no: 0, abstain: 14, absent: 0 },
    },
  ];

  for (const testCase of cases) {
    it(testCase.name, () => {
      const decision = decide(testCase.rule, members, testCase.votes);
      expect(decision.outcome).toBe(testCase.outcome);
      expect(decision.tally).toEqual(testCase.tally);
    });
  }

  it('never counts the guest, whatever is recorded for it', () => {
    const decision = decide(unanimity, members, { ...votes('yes'), [federationId]: 'no' });
    expect(decision).toMatchObject({ outcome: 'passed', tally: { yes: 16, no: 0 } });
  });

  it('counts silence in a written procedure as the rule says (default: not agreed)', () => {
    expect(silenceVote(unanimity)).toBe('no');
    expect(silenceVote({ kind: 'unanimity', silence: 'agreed' })).toBe('yes');
    expect(silenceVote({ kind: 'majority', silence: 'abstain' })).toBe('abstain');
  });
});

describe('release of a resolution', () => {
  const release = (changes: Partial<Release>): Release => ({
    proposedAt: '2027-03-06T12:00:00.000Z',
    proposedBy: 'vorsitz@de-hh.example.org',
    objectionDeadline: '2027-03-09T12:00:00.000Z',
    consents: [],
    objections: [],
    ...changes,
  });
  const during = new Date('2027-03-08T00:00:00Z');
  const after = new Date('2027-03-09T12:00:00Z');

  it('is pending during the period, released at its end without objection', () => {
    expect(releaseOutcome(release({}), codes, during)).toBe('pending');
    expect(releaseOutcome(release({}), codes, after)).toBe('released');
  });

  it('is released at once when every voting Land consents', () => {
    expect(releaseOutcome(release({ consents: codes }), codes, during)).toBe('released');
  });

  it('stays internal when one Land objects, even after the period', () => {
    const objected = release({ objections: [{ memberId: 'DE-SN', at: during.toISOString() }] });
    expect(releaseOutcome(objected, codes, during)).toBe('internal');
    expect(releaseOutcome(objected, codes, after)).toBe('internal');
  });

  it('withholds only the reports an objection names', () => {
    const objected = release({
      objections: [{ memberId: 'DE-SN', reportIds: ['r2'], at: during.toISOString() }],
    });
    expect(releaseOutcome(objected, codes, after)).toBe('released');
    expect(
      settleReports(
        [
          { id: 'r1', title: 'Bericht A' },
          { id: 'r2', title: 'Bericht B' },
        ],
        objected,
      ),
    ).toEqual([
      { id: 'r1', title: 'Bericht A', released: true },
      { id: 'r2', title: 'Bericht B', released: false },
    ]);
  });
});

describe('paragraphs of a resolution text', () => {
  it('splits on blank lines and drops numbering typed by the author', () => {
    expect(paragraphs('1. Erstens.\n\n2. Zweitens,\nfortgesetzt.\n\n\n   \n3. Drittens.')).toEqual([
      'Erstens.',
      'Zweitens,\nfortgesetzt.',
      'Drittens.',
    ]);
  });
});
