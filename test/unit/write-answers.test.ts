import { DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { Hono } from 'hono';
import { beforeEach, describe, expect, it } from 'vitest';
import type { AppEnv } from '../../functions/http/app-env.js';
import { route } from '../../functions/http/route.js';
import { createDocumentClient } from '../../shared/adapters/dynamodb/client.js';
import { DynamoConferenceRepository } from '../../shared/adapters/dynamodb/conference-repository.js';
import type { AuditEntry } from '../../shared/domain/audit.js';
import type { Body } from '../../shared/domain/body.js';
import { CommitTooLarge } from '../../shared/ports/conference-repository.js';

const ddb = mockClient(DynamoDBDocumentClient);
const repository = new DynamoConferenceRepository(
  createDocumentClient({ region: 'eu-central-1' }),
  'table',
);

const body: Body = {
  id: 'ak-iv',
  name: 'Arbeitskreis IV',
  shortName: 'AK IV',
  kind: 'working_group',
  decisionRule: { kind: 'majority' },
  version: 1,
  createdAt: '2026-11-23T08:00:00.000Z',
  updatedAt: '2026-11-23T08:00:00.000Z',
};
const auditOf = (index: number): AuditEntry => ({
  id: `01JAUDIT${index}`,
  at: '2026-11-23T08:00:00.000Z',
  actor: 'admin@example.org',
  action: 'body.create',
  objectType: 'body',
  objectId: body.id,
  bodyId: body.id,
  versionBefore: null,
  versionAfter: 1,
  changedFields: [],
});

describe('Unit: commit size', () => {
  beforeEach(() => {
    ddb.reset();
    ddb.on(TransactWriteCommand).resolves({});
  });

  it('sends a commit of exactly 100 items as one transaction', async () => {
    // Prepare: the body and 99 audit entries
    const audit = Array.from({ length: 99 }, (_, index) => auditOf(index));

    // Act
    await repository.commit([{ type: 'body', op: 'create', body }], audit);

    // Assess
    const sent = ddb.commandCalls(TransactWriteCommand);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.args[0].input.TransactItems).toHaveLength(100);
  });

  it('refuses a commit of 101 items before sending anything', async () => {
    // Prepare
    const audit = Array.from({ length: 100 }, (_, index) => auditOf(index));

    // Act
    const attempt = repository.commit([{ type: 'body', op: 'create', body }], audit);

    // Assess
    await expect(attempt).rejects.toEqual(new CommitTooLarge(101));
    await expect(attempt).rejects.toHaveProperty('items', 101);
    expect(ddb.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });
});

describe('Unit: ETag of write answers', () => {
  const appWith = (method: 'get' | 'post', answer: (c: never) => Response) => {
    const app = new Hono<AppEnv>();
    route(
      {
        method,
        path: '/thing',
        operationId: 'thing',
        summary: 'A thing',
        tags: [],
        access: 'public',
        responses: { 200: { description: 'The thing' } },
      },
      (c) => answer(c as never),
    ).register(app, { verify: async () => ({}) as never });
    return app;
  };

  it('gives a write answering a versioned object its ETag', async () => {
    // Prepare
    const app = appWith('post', (c: { json: (value: unknown) => Response }) =>
      c.json({ id: 'x', version: 7 }),
    );

    // Act
    const response = await app.request('/thing', { method: 'POST' });

    // Assess
    expect(response.status).toBe(200);
    expect(response.headers.get('etag')).toBe('"7"');
    expect(await response.json()).toEqual({ id: 'x', version: 7 });
  });

  it('keeps an ETag the handler set, and adds none to lists, errors or reads', async () => {
    // Prepare
    const own = appWith('post', () =>
      Response.json({ version: 7 }, { headers: { ETag: '"own"' } }),
    );
    const list = appWith('post', () => Response.json({ items: [{ version: 1 }] }));
    const refused = appWith('post', () => Response.json({ version: 7 }, { status: 409 }));
    const read = appWith('get', () => Response.json({ version: 7 }));

    // Act
    const answers = await Promise.all([
      own.request('/thing', { method: 'POST' }),
      list.request('/thing', { method: 'POST' }),
      refused.request('/thing', { method: 'POST' }),
      read.request('/thing'),
    ]);

    // Assess
    expect(answers.map((answer) => answer.headers.get('etag'))).toEqual([
      '"own"',
      null,
      null,
      null,
    ]);
  });
});
