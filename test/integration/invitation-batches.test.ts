import { afterAll, describe, expect, it } from 'vitest';
import { DynamoConferenceRepository } from '../../shared/adapters/dynamodb/conference-repository.js';
import { lands } from '../../shared/domain/lands.js';
import { addMember, createBody } from '../../shared/use-cases/bodies.js';
import { systemActor } from '../../shared/use-cases/context.js';
import { sendInvitations } from '../../shared/use-cases/invitations.js';
import { planSession } from '../../shared/use-cases/sessions.js';
import { createLocalTable } from '../fixtures/local-table.js';
import { testLinkSecret } from '../fixtures/test-app.js';

const table = await createLocalTable('batches');
const clock = { now: () => new Date() };
const repo = new DynamoConferenceRepository(table.documentClient, table.tableName);
const deps = { repo, clock, linkSecret: testLinkSecret };

describe('Function: sendInvitations with more people than one transaction holds', () => {
  afterAll(async () => {
    await table.drop();
  });

  it('invites 96 people in batches, each once, with one outbox entry each', async () => {
    await createBody(deps, systemActor, {
      id: 'imas',
      name: 'Interministerieller Krisenstab',
      shortName: 'IMAS',
      kind: 'crisis_staff',
      decisionRule: { kind: 'majority' },
    });
    for (const land of lands) {
      await addMember(deps, systemActor, 'imas', {
        memberId: land.code,
        name: land.name,
        voting: true,
        people: Array.from({ length: 6 }, (_, index) => ({
          capacity: 'principal' as const,
          name: `Lagezentrum ${land.name} ${index + 1}`,
          function: 'Lagedienst',
          email: `lage${index + 1}@${land.code.toLowerCase()}.example.org`,
        })),
      });
    }
    const { value: session } = await planSession(deps, systemActor, 'imas', {
      kind: 'extraordinary',
      title: 'Krisenstab',
      startsAt: new Date(Date.now() + 3600_000).toISOString(),
      endsAt: new Date(Date.now() + 7200_000).toISOString(),
      videoLink: 'https://video.example.org/imas',
    });

    const first = await sendInvitations(deps, systemActor, session.id, {});
    expect(first.invited).toHaveLength(96);
    expect(await repo.listInvitations(session.id)).toHaveLength(96);
    expect(await repo.listQueuedOutbox(200)).toHaveLength(96);
    expect((await repo.getSession(session.id))?.state).toBe('invited');

    const again = await sendInvitations(deps, systemActor, session.id, {});
    expect(again).toMatchObject({ invited: [], alreadyInvited: 96 });
    expect(await repo.listQueuedOutbox(200)).toHaveLength(96);
  });
});
