import { beforeEach, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../shared/domain/audit.js';
import type { BodyWithMembers, Member } from '../../shared/domain/body.js';
import { ConflictError, UnprocessableError } from '../../shared/domain/errors.js';
import { msg } from '../../shared/domain/messages.js';
import type { Resolution, VoteGridInput } from '../../shared/domain/resolution.js';
import type { Change, ConferenceRepository } from '../../shared/ports/conference-repository.js';
import type { Actor } from '../../shared/use-cases/context.js';
import { recordVoteGrid } from '../../shared/use-cases/resolutions-grid.js';

const at = '2027-03-06T10:00:00.000Z';
const sessionId = '01JSESS0000000000000000000';
const actor: Actor = {
  principal: {
    subject: 'gs',
    email: 'gs@imk.example.org',
    roles: ['secretariat'],
    bodies: ['imk'],
  },
};
const member = (memberId: string, voting: boolean): Member => ({
  bodyId: 'imk',
  memberId,
  name: memberId,
  voting,
  people: [],
  version: 1,
  createdAt: at,
  updatedAt: at,
});
const body: BodyWithMembers = {
  id: 'imk',
  name: 'IMK',
  shortName: 'IMK',
  kind: 'plenary',
  decisionRule: { kind: 'unanimity' },
  members: [member('DE-HH', true), member('DE-SN', true), member('BUND', false)],
  version: 1,
  createdAt: at,
  updatedAt: at,
};
const draft = (id: string, version = 1): Resolution => ({
  id,
  bodyId: 'imk',
  sessionId,
  itemId: '01JITEM0000000000000000000',
  title: id,
  text: 'Absatz.',
  state: 'draft',
  votes: {},
  statements: [],
  reports: [],
  revisions: [],
  version,
  createdAt: at,
  updatedAt: at,
});
const first = '01JRES1000000000000000000A';
const second = '01JRES2000000000000000000A';

/** A repository holding one session, its body, resolutions and a represented Saxony. */
const fakeRepo = (resolutions: Resolution[]) => {
  const commits: { changes: Change[]; audit: AuditEntry[] }[] = [];
  const repo = {
    getSession: async () => ({ id: sessionId, bodyId: 'imk' }),
    getBodyWithMembers: async () => body,
    getResolution: async (id: string) => resolutions.find((r) => r.id === id),
    listInvitations: async () => [
      {
        memberId: 'DE-SN',
        capacity: 'principal',
        answer: { status: 'represented', deputy: { name: 'Dr. Jana Richter' } },
      },
    ],
    commit: async (changes: Change[], audit: AuditEntry[]) => {
      commits.push({ changes, audit });
    },
  } as unknown as ConferenceRepository;
  return { deps: { repo, clock: { now: () => new Date(at) } }, commits };
};

describe('Unit: recordVoteGrid', () => {
  let world: ReturnType<typeof fakeRepo>;
  beforeEach(() => {
    world = fakeRepo([draft(first), draft(second, 4)]);
  });

  it('writes every changed row in one commit, guarded by the versions read', async () => {
    // Act
    const answer = await recordVoteGrid(world.deps, actor, sessionId, {
      rows: [
        {
          resolutionId: first,
          votes: [
            { memberId: 'DE-HH', vote: 'yes' },
            { memberId: 'DE-SN', vote: 'yes' },
          ],
          decide: true,
        },
        { resolutionId: second, votes: [{ memberId: 'DE-HH', vote: 'no' }] },
      ],
    });

    // Assess
    expect(world.commits).toHaveLength(1);
    const [commit] = world.commits;
    expect(
      commit?.changes.map((change) =>
        change.type === 'resolution' && change.op === 'replace'
          ? [change.resolution.id, change.expectedVersion, change.resolution.version]
          : change.type,
      ),
    ).toEqual([
      [first, 1, 3],
      [second, 4, 5],
    ]);
    expect(commit?.audit.map((entry) => [entry.objectId, entry.action])).toEqual([
      [first, 'resolution.votes'],
      [first, 'resolution.decide'],
      [second, 'resolution.votes'],
    ]);
    expect(answer[0]).toMatchObject({ state: 'decided', outcome: 'passed' });
    expect(answer[0]?.votes['DE-SN']).toMatchObject({ vote: 'yes', deputy: 'Dr. Jana Richter' });
  });

  it('refuses the Bund, naming the row, and writes nothing', async () => {
    // Act
    const attempt = recordVoteGrid(world.deps, actor, sessionId, {
      rows: [
        { resolutionId: first, votes: [{ memberId: 'DE-HH', vote: 'yes' }] },
        { resolutionId: second, votes: [{ memberId: 'BUND', vote: 'yes' }] },
      ],
    });

    // Assess
    await expect(attempt).rejects.toBeInstanceOf(UnprocessableError);
    await expect(attempt).rejects.toHaveProperty('extensions.errors', [
      { path: 'body.rows.1.votes', message: msg('field.guest-without-vote', { memberId: 'BUND' }) },
    ]);
    expect(world.commits).toEqual([]);
  });

  it('writes nothing for a repeated grid, and refuses a changed vote after the decision', async () => {
    // Prepare: the first row as the grid left it
    const grid: VoteGridInput = {
      rows: [{ resolutionId: first, votes: [{ memberId: 'DE-HH', vote: 'yes' }], decide: true }],
    };
    const [decided] = await recordVoteGrid(world.deps, actor, sessionId, grid);
    const again = fakeRepo([decided as Resolution]);

    // Act
    const repeated = await recordVoteGrid(again.deps, actor, sessionId, grid);
    const changed = recordVoteGrid(again.deps, actor, sessionId, {
      rows: [{ resolutionId: first, votes: [{ memberId: 'DE-HH', vote: 'no' }], decide: true }],
    });

    // Assess
    expect(repeated).toEqual([decided]);
    await expect(changed).rejects.toBeInstanceOf(ConflictError);
    expect(again.commits).toEqual([]);
  });
});
