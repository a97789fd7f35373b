import {
  ProvisionedThroughputExceededException,
  TransactionCanceledException,
} from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, describe, expect, it } from 'vitest';
import { DynamoConferenceRepository } from '../../shared/adapters/dynamodb/conference-repository.js';
import { lands } from '../../shared/domain/lands.js';
import type { OutgoingMail } from '../../shared/mail/invitation-mail.js';
import { systemActor } from '../../shared/use-cases/context.js';
import { deliverOutboxEntry } from '../../shared/use-cases/deliver-mail.js';
import { seedDemo } from '../../shared/use-cases/demo-seed.js';
import { subscribe } from '../../shared/use-cases/press-list.js';
import { createResolution, recordVotes } from '../../shared/use-cases/resolutions.js';
import { recordVoteGrid } from '../../shared/use-cases/resolutions-grid.js';
import { recordBallot, startWrittenProcedure } from '../../shared/use-cases/written-procedures.js';
import { httpClient } from '../fixtures/http.js';
import { createLocalTable } from '../fixtures/local-table.js';
import { testMailer } from '../fixtures/mailer.js';
import { createTestApp, testLinkSecret } from '../fixtures/test-app.js';

/**
 * Faults injected with aws-sdk-client-mock into a document client that
 * otherwise talks to DynamoDB Local: every command not told to fail goes
 * through to the real table, so outcomes are read back from storage.
 */
const table = await createLocalTable('storage-faults');
const client: DynamoDBDocumentClient = table.documentClient;
const realSend = client.send.bind(client) as (command: unknown) => Promise<unknown>;

/**
 * Makes the next TransactWrite calls fail with `errors`, one each, and lets
 * every other command (and later writes) through to DynamoDB Local.
 */
const injectIntoWrites = (errors: Error[]) => {
  const mock = mockClient(client);
  mock.send.callThrough();
  mock.on(TransactWriteCommand).callsFake((input) => {
    const error = errors.shift();
    if (error !== undefined) throw error;
    return realSend(new TransactWriteCommand(input));
  });
  return mock;
};

const clock = { now: () => new Date('2026-11-23T08:00:00Z') };
const repo = new DynamoConferenceRepository(client, table.tableName);
const deps = { repo, clock, linkSecret: testLinkSecret };
const { sessionId = '' } = await seedDemo(deps);
const [item] = await repo.listAgenda(sessionId);
const { app, issuer } = await createTestApp(client, table.tableName, { clock });
const secretariat = httpClient(
  app,
  await issuer.sign({ role: 'secretariat', email: 'gs@imk.example.org', bodies: ['imk'] }),
);

const cancelled = (code: 'TransactionConflict' | 'ConditionalCheckFailed', items: number) =>
  new TransactionCanceledException({
    message: 'Transaction cancelled',
    $metadata: {},
    CancellationReasons: Array.from({ length: items }, (_, index) =>
      index === 0
        ? {
            Code: code,
            ...(code === 'ConditionalCheckFailed' ? { Item: { version: { N: '0' } } } : {}),
          }
        : { Code: 'None' },
    ),
  });
const throttled = () =>
  new ProvisionedThroughputExceededException({ message: 'Rate exceeded', $metadata: {} });

afterAll(async () => {
  await table.drop();
});

describe('Storage faults', () => {
  it('answers 503 with Retry-After when DynamoDB throttles a write, stores nothing, and a retry creates once', async () => {
    const restoreAfter = injectIntoWrites([throttled()]);
    const body = { number: '7', title: 'Nachtrag' };
    const headers = { 'idempotency-key': 'nachtrag-7-2026' };
    const first = await secretariat.post(`/v1/sessions/${sessionId}/agenda-items`, body, headers);
    expect(first.status).toBe(503);
    expect(first.headers.get('retry-after')).toBe('1');
    expect(first.headers.get('content-type')).toBe('application/problem+json');
    restoreAfter.restore();
    expect((await repo.listAgenda(sessionId)).filter((i) => i.number === '7')).toHaveLength(0);

    const second = await secretariat.post(`/v1/sessions/${sessionId}/agenda-items`, body, headers);
    const third = await secretariat.post(`/v1/sessions/${sessionId}/agenda-items`, body, headers);
    expect([second.status, third.status]).toEqual([201, 201]);
    expect(third.headers.get('idempotent-replayed')).toBe('true');
    expect((await repo.listAgenda(sessionId)).filter((i) => i.number === '7')).toHaveLength(1);
  });

  it('retries votes after cancelled transactions (conflict, stale version) and counts each once', async () => {
    const { value: resolution } = await createResolution(
      deps,
      systemActor,
      sessionId,
      item?.id ?? '',
      {
        title: 'Unter Störung',
        text: 'Absatz.',
      },
    );
    const errors = [cancelled('TransactionConflict', 2), cancelled('ConditionalCheckFailed', 2)];
    const faults = injectIntoWrites(errors);
    const after = await recordVotes(deps, systemActor, resolution.id, {
      votes: lands.map((land) => ({ memberId: land.code, vote: 'yes' })),
    });
    faults.restore();
    expect(errors).toEqual([]);
    const stored = await repo.getResolution(resolution.id);
    expect(Object.keys(stored?.votes ?? {})).toHaveLength(16);
    expect(stored?.version).toBe(2);
    expect(after.version).toBe(2);
  });

  it('retries a vote grid after cancelled transactions and counts each row once', async () => {
    const draft = async (title: string) =>
      (
        await createResolution(deps, systemActor, sessionId, item?.id ?? '', {
          title,
          text: 'Absatz.',
        })
      ).value;
    const [first, second] = [await draft('Raster 1'), await draft('Raster 2')];
    const votes = lands.map((land) => ({ memberId: land.code, vote: 'yes' as const }));
    const errors = [cancelled('TransactionConflict', 6), cancelled('ConditionalCheckFailed', 6)];
    const faults = injectIntoWrites(errors);

    const after = await recordVoteGrid(deps, systemActor, sessionId, {
      rows: [
        { resolutionId: first.id, votes, decide: true },
        { resolutionId: second.id, votes },
      ],
    });

    faults.restore();
    expect(errors).toEqual([]);
    expect(after.map((resolution) => resolution.version)).toEqual([3, 2]);
    const stored = await Promise.all([repo.getResolution(first.id), repo.getResolution(second.id)]);
    expect(stored.map((resolution) => resolution?.version)).toEqual([3, 2]);
    expect(stored[0]?.state).toBe('decided');
    expect(Object.keys(stored[1]?.votes ?? {})).toHaveLength(16);
    const audit = await repo.listAudit('resolution', first.id, { limit: 10 });
    expect(audit.items.map((entry) => entry.action)).toEqual([
      'resolution.create',
      'resolution.votes',
      'resolution.decide',
    ]);
  });

  it('records a ballot answer once when its transaction was cancelled by a concurrent one', async () => {
    const { value: procedure } = await startWrittenProcedure(deps, systemActor, 'imk', {
      title: 'Umlauf unter Störung',
      resolutions: [{ title: 'Vorschlag', text: 'Absatz.' }],
      deadline: '2026-12-01T12:00:00+01:00',
    });
    const ballot = (await repo.listBallots(procedure.id)).find((b) => b.memberId === 'DE-HH');
    const injected = [cancelled('TransactionConflict', 3)];
    const faults = injectIntoWrites(injected);
    const answer = { votes: { [procedure.resolutionIds[0] ?? '']: 'yes' as const } };
    await recordBallot(
      deps,
      { procedureId: procedure.id, ballotId: ballot?.id ?? '' },
      answer,
      'link',
      'x',
    );
    // The same answer delivered again (a double click, a repeated mail) changes nothing.
    const again = await recordBallot(
      deps,
      { procedureId: procedure.id, ballotId: ballot?.id ?? '' },
      answer,
      'link',
      'x',
    );
    faults.restore();
    expect(injected).toEqual([]);
    expect(again.changed).toBe(false);
    const stored = await repo.getProcedure(procedure.id);
    expect(stored?.answered).toEqual(['DE-HH']);
    expect(stored?.version).toBe(2);
  });

  it('sends one confirmation mail when a subscription write is throttled and retried', async () => {
    const faults = injectIntoWrites([throttled()]);
    await expect(
      subscribe(deps, { email: 'redaktion@zeitung.example.org' }, '203.0.113.1'),
    ).rejects.toThrow('Rate exceeded');
    await subscribe(deps, { email: 'redaktion@zeitung.example.org' }, '203.0.113.1');
    await subscribe(deps, { email: 'redaktion@zeitung.example.org' }, '203.0.113.1');
    faults.restore();
    // The throttled request recorded nothing; the two that went through, one each.
    const queued = (await repo.listQueuedOutbox(100)).filter(
      (entry) => entry.kind === 'press-confirm',
    );
    expect(queued).toHaveLength(2);
    const sent: OutgoingMail[] = [];
    const sender = { send: async (mail: OutgoingMail) => `m-${sent.push(mail)}` };
    const mailer = testMailer(repo, clock, sender);
    for (const entry of queued) await deliverOutboxEntry(mailer, entry.id);
    expect(sent.map((mail) => mail.subject)).toEqual([
      'Bitte bestätigen Sie Ihre Anmeldung zur Presseliste',
    ]);
  });
});
