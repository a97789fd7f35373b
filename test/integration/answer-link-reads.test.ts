import { afterAll, describe, expect, it } from 'vitest';
import { DynamoConferenceRepository } from '../../shared/adapters/dynamodb/conference-repository.js';
import { signLink } from '../../shared/domain/link-token.js';
import type { Session } from '../../shared/domain/session.js';
import { systemActor } from '../../shared/use-cases/context.js';
import { seedDemo } from '../../shared/use-cases/demo-seed.js';
import { answerToken, sendInvitations } from '../../shared/use-cases/invitations.js';
import { createLocalTable } from '../fixtures/local-table.js';
import { createTestApp, testLinkSecret } from '../fixtures/test-app.js';

const table = await createLocalTable('answer-link-reads');
const clock = { now: () => new Date() };
const repo = new DynamoConferenceRepository(table.documentClient, table.tableName);
const { sessionId = '' } = await seedDemo({ repo, clock });
await sendInvitations({ repo, clock, linkSecret: testLinkSecret }, systemActor, sessionId, {});
const session = (await repo.getSession(sessionId)) as Session;
const invitations = await repo.listInvitations(sessionId);
const { app } = await createTestApp(table.documentClient, table.tableName, { clock });

/** The DynamoDB requests the app makes, by operation, and whether each read was consistent. */
const requests: { operation: string; consistent: boolean }[] = [];
table.documentClient.middlewareStack.add(
  (next, context) => async (args) => {
    const input = args.input as {
      ConsistentRead?: boolean;
      RequestItems?: Record<string, { ConsistentRead?: boolean }>;
    };
    requests.push({
      operation: (context.commandName ?? '').replace(/Command$/, ''),
      consistent:
        input.ConsistentRead === true ||
        Object.values(input.RequestItems ?? {}).every((table) => table.ConsistentRead === true),
    });
    return next(args);
  },
  { step: 'initialize', name: 'countRequests' },
);

afterAll(async () => {
  await table.drop();
});

const linkOf = (memberId: string) => {
  const invitation = invitations.find((i) => i.memberId === memberId);
  if (invitation === undefined) throw new Error(`No invitation for ${memberId}.`);
  return `/links/invitations/${answerToken({ repo, clock, linkSecret: testLinkSecret }, session, invitation)}`;
};

describe('Answer links: what they read before they write', () => {
  it('opens the page with one consistent read of session, invitation and body', async () => {
    requests.length = 0;
    const page = await app.request(linkOf('DE-BY'));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(session.title);
    expect(requests).toEqual([{ operation: 'BatchGetItem', consistent: true }]);
  });

  it('records a confirmation with that one read and one transaction', async () => {
    requests.length = 0;
    const confirmed = await app.request(linkOf('DE-HH'), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'status=accepted',
    });
    expect(confirmed.status).toBe(200);
    expect(requests.map((r) => r.operation)).toEqual(['BatchGetItem', 'TransactWriteItems']);
    const stored = await repo.getInvitation(
      sessionId,
      invitations.find((i) => i.memberId === 'DE-HH')?.id ?? '',
    );
    expect(stored?.answer?.status).toBe('accepted');
  });

  it('still opens a link mailed before links named the body', async () => {
    const invitation = invitations.find((i) => i.memberId === 'DE-NW');
    const older = signLink(testLinkSecret, {
      subject: `${session.id}:${invitation?.id}`,
      purpose: 'invitation-answer',
      expiresAt: Math.floor(Date.parse(session.endsAt) / 1000),
    });
    const page = await app.request(`/links/invitations/${older}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(session.title);
  });
});
