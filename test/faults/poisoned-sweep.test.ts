import { afterAll, describe, expect, it } from 'vitest';
import { DynamoConferenceRepository } from '../../shared/adapters/dynamodb/conference-repository.js';
import type { Resolution } from '../../shared/domain/resolution.js';
import type { WrittenProcedure } from '../../shared/domain/written-procedure.js';
import { systemActor } from '../../shared/use-cases/context.js';
import { seedDemo } from '../../shared/use-cases/demo-seed.js';
import { approvePressRelease } from '../../shared/use-cases/press-approval.js';
import { createPressRelease, submitPressRelease } from '../../shared/use-cases/press-releases.js';
import { runScheduledJobs } from '../../shared/use-cases/scheduled-jobs.js';
import { createLocalTable } from '../fixtures/local-table.js';

/**
 * One bad item in a sweep must not stop the product: it is reported with its
 * id and skipped, and the other items and the other sweeps still run, so an
 * embargoed press release is published on time.
 */
const table = await createLocalTable('poisoned-sweep');
let now = new Date('2027-02-10T09:00:00Z');
const clock = { now: () => now };
const repo = new DynamoConferenceRepository(table.documentClient, table.tableName);
const deps = { repo, clock };
await seedDemo(deps);

afterAll(async () => {
  await table.drop();
});

const stamp = '2027-02-01T09:00:00.000Z';
/** A resolution with a release whose objection period ended, as the release sweep finds it. */
const pendingRelease = (id: string, bodyId: string, extra: Partial<Resolution> = {}) =>
  ({
    id,
    bodyId,
    title: `Beschluss ${id}`,
    text: 'Text.',
    state: 'decided',
    outcome: 'passed',
    votes: {},
    statements: [],
    reports: [],
    revisions: [],
    release: {
      proposedAt: stamp,
      proposedBy: 'vorsitz@example.org',
      objectionDeadline: '2027-02-05T09:00:00.000Z',
      consents: [],
      objections: [],
    },
    version: 1,
    createdAt: stamp,
    updatedAt: stamp,
    ...extra,
  }) as Resolution;

describe('A sweep with a poisoned item', () => {
  it('publishes the embargoed release on time, settles the good release and names the bad items', async () => {
    const embargo = new Date('2027-02-10T10:00:00Z');
    const draft = await createPressRelease(deps, systemActor, {
      bodyId: 'imk',
      title: 'Sperrfrist trotz Störung',
      dateline: 'HAMBURG',
      body: 'Die Konferenz tagt.',
    });
    await submitPressRelease(deps, systemActor, draft.value.id);
    await approvePressRelease(deps, systemActor, draft.value.id, {
      embargoUntil: embargo.toISOString(),
    });

    // A release of a body that no longer exists, one whose stored reports are
    // broken, and a good one that the same sweep must still settle.
    const orphan = pendingRelease('01ORPHANEDRELEASE000000000A', 'geloeschtes-gremium');
    const broken = pendingRelease('01BROKENRELEASE00000000000B', 'imk', {
      reports: 'kaputt' as unknown as Resolution['reports'],
    });
    const good = pendingRelease('01GOODRELEASE0000000000000C', 'imk');
    // A written procedure past its deadline whose body is gone.
    const procedure = {
      id: '01ORPHANEDPROCEDURE0000000D',
      bodyId: 'geloeschtes-gremium',
      title: 'Verwaist',
      state: 'open',
      deadline: '2027-02-05T09:00:00.000Z',
      reminderOffsetsHours: [],
      remindersSent: [],
      resolutionIds: ['01MISSINGRESOLUTION0000000E'],
      voters: ['DE-HH'],
      answered: [],
      createdBy: 'gs@imk.example.org',
      version: 1,
      createdAt: stamp,
      updatedAt: stamp,
    } as unknown as WrittenProcedure;
    await repo.commit(
      [
        { type: 'resolution', op: 'create', resolution: orphan },
        { type: 'resolution', op: 'create', resolution: broken },
        { type: 'resolution', op: 'create', resolution: good },
        { type: 'procedure', op: 'create', procedure },
      ],
      [],
    );

    now = embargo;
    const result = await runScheduledJobs(deps);

    expect(result.press.published).toBe(1);
    expect((await repo.getPressRelease(draft.value.id))?.state).toBe('published');
    expect((await repo.getResolution(good.id))?.state).toBe('released');
    expect(result.releases).toBe(1);
    expect(result.failures.map((failure) => `${failure.sweep}:${failure.id}`).sort()).toEqual([
      `procedures:${procedure.id}`,
      `releases:${broken.id}`,
      `releases:${orphan.id}`,
    ]);
    for (const failure of result.failures) expect(failure.error.length).toBeGreaterThan(0);

    // The bad items stay as they were, and the next run reports them again rather than stopping.
    expect((await repo.getResolution(orphan.id))?.version).toBe(1);
    now = new Date(embargo.getTime() + 60_000);
    const next = await runScheduledJobs(deps);
    expect(next.failures).toHaveLength(3);
  });
});
