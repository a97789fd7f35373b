import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DynamoConferenceRepository } from '../../shared/adapters/dynamodb/conference-repository.js';
import { systemActor } from '../../shared/use-cases/context.js';
import { seedDemo } from '../../shared/use-cases/demo-seed.js';
import { sendInvitations } from '../../shared/use-cases/invitations.js';
import { createPressRelease } from '../../shared/use-cases/press-releases.js';
import { createResolution } from '../../shared/use-cases/resolutions.js';
import { startWrittenProcedure } from '../../shared/use-cases/written-procedures.js';
import { createLocalTable } from '../fixtures/local-table.js';
import { createTestApp, testLinkSecret } from '../fixtures/test-app.js';

const table = await createLocalTable('malformed');
const clock = { now: () => new Date('2026-11-23T08:00:00Z') };
const repo = new DynamoConferenceRepository(table.documentClient, table.tableName);
const deps = { repo, clock, linkSecret: testLinkSecret };
const { sessionId = '' } = await seedDemo(deps);
const [item] = await repo.listAgenda(sessionId);
const { invited } = await sendInvitations(deps, systemActor, sessionId, {});
const { value: resolution } = await createResolution(deps, systemActor, sessionId, item?.id ?? '', {
  title: 'Beschluss',
  text: 'Absatz.',
});
const { value: procedure } = await startWrittenProcedure(deps, systemActor, 'imk', {
  title: 'Umlauf',
  resolutions: [{ title: 'Vorschlag', text: 'Absatz.' }],
  deadline: '2026-12-01T12:00:00+01:00',
});
const { value: release } = await createPressRelease(deps, systemActor, {
  bodyId: 'imk',
  title: 'Mitteilung',
  dateline: 'HAMBURG',
  body: 'Text.',
});
const { app, issuer } = await createTestApp(table.documentClient, table.tableName, { clock });
const admin = await issuer.sign({ role: 'admin', email: 'admin@example.org', bodies: [] });

/** Real ids for each path parameter, so that requests reach the body's validation. */
const params: Record<string, string> = {
  bodyId: 'imk',
  memberId: 'DE-HH',
  sessionId,
  itemId: item?.id ?? '',
  invitationId: invited[0]?.id ?? '',
  resolutionId: resolution.id,
  procedureId: procedure.id,
  releaseId: release.id,
  token: 'not.a-token',
};

interface Operation {
  method: string;
  path: string;
  example: unknown;
}

const itemCount = async () => {
  let count = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const page = await table.documentClient.send(
      new ScanCommand({ TableName: table.tableName, Select: 'COUNT', ExclusiveStartKey: start }),
    );
    count += page.Count ?? 0;
    start = page.LastEvaluatedKey;
  } while (start !== undefined);
  return count;
};

/** A value of another type than `value`, so that the field is surely invalid. */
const wrongType = (value: unknown) =>
  typeof value === 'string'
    ? fc.oneof(
        fc.integer(),
        fc.boolean(),
        fc.constant(null),
        fc.array(fc.integer(), { maxLength: 3 }),
      )
    : typeof value === 'number'
      ? fc.oneof(fc.string(), fc.boolean(), fc.constant(null))
      : typeof value === 'boolean'
        ? fc.oneof(fc.string(), fc.integer(), fc.constant(null))
        : fc.oneof(fc.string(), fc.integer(), fc.constant(null));

/** Ways to break a JSON body: each yields the text sent and the content type. */
const malformedBody = (example: unknown) => {
  const object =
    example !== null && typeof example === 'object' && !Array.isArray(example)
      ? (example as Record<string, unknown>)
      : {};
  const keys = Object.keys(object);
  const json = (value: unknown) => ({ text: JSON.stringify(value), type: 'application/json' });
  const variants = [
    // Not JSON at all: nothing that starts with "{," can be made valid by what follows.
    fc.string({ maxLength: 40 }).map((s) => ({ text: `{,${s}`, type: 'application/json' })),
    // JSON of the wrong shape.
    fc.oneof(fc.integer(), fc.string(), fc.constant(null), fc.array(fc.anything())).map(json),
    // A field nobody knows (no schema has a field starting with "unknown-").
    fc.string({ maxLength: 12 }).map((suffix) => json({ ...object, [`unknown-${suffix}`]: 'x' })),
    // The right body sent as something else.
    fc
      .constantFrom('text/plain', 'application/xml', 'multipart/form-data; boundary=x')
      .map((type) => ({ text: JSON.stringify(object), type })),
    // A body over the 256 KiB limit.
    fc.constant(json({ ...object, [keys[0] ?? 'x']: 'x'.repeat(300_000) })),
  ];
  if (keys.length > 0) {
    // One known field of the wrong type.
    variants.push(
      fc
        .constantFrom(...keys)
        .chain((key) => wrongType(object[key]).map((value) => json({ ...object, [key]: value }))),
    );
  }
  return fc.oneof(...variants);
};

/** Path parameters that cannot be ids of this product. */
const malformedParam = fc.oneof(
  fc.constantFrom(
    '..',
    '%00',
    'x'.repeat(300),
    "'; DROP TABLE",
    '<script>',
    '00000000000000000000000000',
  ),
  fc.string({ minLength: 1, maxLength: 30 }).filter((s) => !s.includes('/')),
);

const fill = (path: string, override?: string) =>
  path.replace(/\{(\w+)\}/g, (_whole, name: string) =>
    encodeURIComponent(override ?? params[name] ?? 'x'),
  );

describe('Malformed requests against every write route', async () => {
  const document = (await (await app.request('/openapi.json')).json()) as {
    paths: Record<
      string,
      Record<string, { requestBody?: { content: Record<string, { example?: unknown }> } }>
    >;
  };
  const operations: Operation[] = Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods)
      .filter(([method]) => ['post', 'put', 'patch', 'delete'].includes(method))
      .map(([method, operation]) => ({
        method: method.toUpperCase(),
        path,
        example: operation.requestBody?.content['application/json']?.example,
      })),
  );
  // FUZZ_RUNS=100 npm run test:security runs a longer search.
  const runsPerRoute = Number(process.env.FUZZ_RUNS ?? 15);

  it(`gets a 4xx problem for each of ${runsPerRoute} generated requests per route, and nothing is stored`, async () => {
    expect(operations.length).toBeGreaterThan(30);
    const before = await itemCount();
    let sent = 0;
    const statuses = new Map<number, number>();
    for (const operation of operations) {
      const hasBody = operation.example !== undefined;
      const pathParams = (operation.path.match(/\{\w+\}/g) ?? []).length;
      // Routes without a body are broken through their path; the rest through their body.
      const request =
        hasBody || pathParams === 0
          ? malformedBody(operation.example ?? {}).map((body) => ({
              path: fill(operation.path),
              body,
            }))
          : malformedParam.map((param) => ({
              path: fill(operation.path, param),
              body: { text: '{}', type: 'application/json' },
            }));
      await fc.assert(
        fc.asyncProperty(request, async ({ path, body }) => {
          sent += 1;
          const response = await app.request(path, {
            method: operation.method,
            headers: {
              authorization: `Bearer ${admin}`,
              'content-type': body.type,
              'if-match': '"1"',
            },
            body: body.text,
          });
          const status = response.status;
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
          if (status < 400 || status >= 500) {
            throw new Error(
              `${operation.method} ${path} answered ${status} to ${body.type} ${body.text.slice(0, 120)}: ${(await response.text()).slice(0, 300)}`,
            );
          }
        }),
        { numRuns: runsPerRoute },
      );
    }
    expect(sent).toBeGreaterThanOrEqual(500);
    // They were judged on their content, not turned away at the door.
    expect(statuses.get(401) ?? 0).toBe(0);
    expect(statuses.get(400)).toBeGreaterThan(300);
    expect(statuses.get(413)).toBeGreaterThan(0);
    expect(await itemCount()).toBe(before);
  });
});
