import { afterAll, describe, expect, it } from 'vitest';
import { DynamoConferenceRepository } from '../../shared/adapters/dynamodb/conference-repository.js';
import type { OutgoingMail } from '../../shared/mail/invitation-mail.js';
import { systemActor } from '../../shared/use-cases/context.js';
import { deliverOutboxEntry } from '../../shared/use-cases/deliver-mail.js';
import { seedDemo } from '../../shared/use-cases/demo-seed.js';
import { sendInvitations } from '../../shared/use-cases/invitations.js';
import { createLocalTable } from '../fixtures/local-table.js';
import { testMailer } from '../fixtures/mailer.js';
import { testLinkSecret } from '../fixtures/test-app.js';

const table = await createLocalTable('mailer-reads');
const clock = { now: () => new Date() };
const repo = new DynamoConferenceRepository(table.documentClient, table.tableName);
const { sessionId = '' } = await seedDemo({ repo, clock });
await sendInvitations({ repo, clock, linkSecret: testLinkSecret }, systemActor, sessionId, {});

/** The DynamoDB requests, each with when it started and ended, and when the mail was handed over. */
const requests: { operation: string; started: number; ended: number }[] = [];
let handedOver = Number.NaN;
table.documentClient.middlewareStack.add(
  (next, context) => async (args) => {
    const started = performance.now();
    try {
      return await next(args);
    } finally {
      requests.push({
        operation: (context.commandName ?? '').replace(/Command$/, ''),
        started,
        ended: performance.now(),
      });
    }
  },
  { step: 'initialize', name: 'timeRequests' },
);
const sent: OutgoingMail[] = [];
const mailer = testMailer(repo, clock, {
  send: async (mail) => {
    handedOver = performance.now();
    sent.push(mail);
    return `<${sent.length}@local>`;
  },
});

afterAll(async () => {
  await table.drop();
});

/** Requests in flight together count as one round trip. */
const roundTrips = (before: number) => {
  const done = requests.filter((r) => r.ended <= before).sort((a, b) => a.started - b.started);
  let trips = 0;
  let end = Number.NEGATIVE_INFINITY;
  for (const request of done) {
    if (request.started >= end) trips += 1;
    end = Math.max(end, request.ended);
  }
  return trips;
};

describe('Mailer: what the first mail of an invitation waits for', () => {
  it('hands the invitation to SES after three round trips: the claim, the session’s items, its body', async () => {
    const [entry] = (await repo.listOutboxInState('queued', { limit: 1 })).items;
    requests.length = 0;
    expect(await deliverOutboxEntry(mailer, entry?.id ?? '')).toBe('sent');
    expect(sent).toHaveLength(1);
    expect(roundTrips(handedOver)).toBe(3);
    // The claim answers the entry itself: it is not read again.
    const before = requests.filter((r) => r.ended <= handedOver).map((r) => r.operation);
    expect(before[0]).toBe('UpdateItem');
    expect(before.filter((operation) => operation === 'GetItem')).toHaveLength(2);
    expect(await repo.getOutboxEntry(entry?.id ?? '')).toMatchObject({ state: 'sent' });
  });
});
