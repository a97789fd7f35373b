import { describe, expect, it } from 'vitest';
import { DynamoConferenceRepository } from '../../shared/adapters/dynamodb/conference-repository.js';
import { ForbiddenError } from '../../shared/domain/errors.js';
import { type Subscriber, subscriberId } from '../../shared/domain/press-list.js';
import { systemActor } from '../../shared/use-cases/context.js';
import { seedDemo } from '../../shared/use-cases/demo-seed.js';
import { approvePressRelease } from '../../shared/use-cases/press-approval.js';
import { pressListFigures } from '../../shared/use-cases/press-list.js';
import { createPressRelease, submitPressRelease } from '../../shared/use-cases/press-releases.js';
import { createLocalTable } from '../fixtures/local-table.js';

const table = await createLocalTable('press-figures');
let now = new Date('2027-02-10T09:00:00Z');
const clock = { now: () => now };
const repo = new DynamoConferenceRepository(table.documentClient, table.tableName);
await seedDemo({ repo, clock });
const deps = { repo, clock };
const press = {
  principal: {
    subject: 'p',
    email: 'presse@de-hh.example.org',
    roles: ['press' as const],
    bodies: [],
  },
};

const subscriber = (email: string, state: Subscriber['state']): Subscriber => ({
  id: subscriberId(email),
  email,
  state,
  version: 1,
  createdAt: now.toISOString(),
  updatedAt: now.toISOString(),
});

describe('Integration: pressListFigures', () => {
  it('counts each state of the press list and names no address', async () => {
    // Prepare
    const list = [
      subscriber('a@zeitung.example.org', 'confirmed'),
      subscriber('b@zeitung.example.org', 'confirmed'),
      subscriber('c@zeitung.example.org', 'confirmed'),
      subscriber('d@zeitung.example.org', 'pending'),
      subscriber('e@zeitung.example.org', 'unsubscribed'),
    ];
    await repo.commit(
      list.map((s) => ({ type: 'subscriber' as const, op: 'create' as const, subscriber: s })),
      [],
    );
    // One address leaves the list: it moves between the counts.
    const leaving = list[0] as Subscriber;
    await repo.commit(
      [
        {
          type: 'subscriber',
          op: 'replace',
          subscriber: { ...leaving, state: 'unsubscribed', version: 2 },
          expectedVersion: 1,
        },
      ],
      [],
    );

    // Act
    const figures = await pressListFigures(deps, press);

    // Assess
    expect(figures).toEqual({ confirmed: 2, pending: 1, unsubscribed: 2 });
    expect(JSON.stringify(figures)).not.toContain('@');
  });

  it('names the last sending once a release went out, not one still under embargo', async () => {
    // Prepare
    const { value } = await createPressRelease(deps, systemActor, {
      bodyId: 'imk',
      title: 'Mitteilung',
      dateline: 'HAMBURG',
      body: 'Text.',
    });
    await submitPressRelease(deps, systemActor, value.id);
    await approvePressRelease(deps, systemActor, value.id, {
      embargoUntil: '2027-02-10T12:00:00Z',
    });

    // Act
    const before = await pressListFigures(deps, press);
    now = new Date('2027-02-10T12:00:01Z');
    const after = await pressListFigures(deps, press);

    // Assess
    expect(before.lastSentAt).toBeUndefined();
    expect(after.lastSentAt).toBe('2027-02-10T12:00:00.000Z');
  });

  it('is refused to a member, who reads no press releases', async () => {
    // Act
    const attempt = pressListFigures(deps, {
      principal: { subject: 'm', email: undefined, roles: ['member'], bodies: ['imk'] },
    });

    // Assess
    await expect(attempt).rejects.toThrow(ForbiddenError);
  });
});
