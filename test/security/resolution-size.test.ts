import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { DynamoConferenceRepository } from '../../shared/adapters/dynamodb/conference-repository.js';
import { keys } from '../../shared/adapters/dynamodb/table-design.js';
import type { AuditEntry } from '../../shared/domain/audit.js';
import { lands } from '../../shared/domain/lands.js';
import { resolutionLimits } from '../../shared/domain/resolution.js';
import type { WrittenProcedure } from '../../shared/domain/written-procedure.js';
import { seedDemo } from '../../shared/use-cases/demo-seed.js';
import { ballotToken } from '../../shared/use-cases/written-procedures.js';
import { httpClient } from '../fixtures/http.js';
import { createLocalTable } from '../fixtures/local-table.js';
import { formPost } from '../fixtures/mail-links.js';
import { createTestApp, testLinkSecret } from '../fixtures/test-app.js';

/**
 * One ballot link, or the busiest secretariat, cannot grow a resolution
 * towards DynamoDB's 400 KB item limit: a Land has one protocol statement
 * per resolution, earlier wordings live in the audit, and every list is
 * bounded. The worst case is built through the API and measured.
 */
const table = await createLocalTable('resolution-size');
const now = new Date('2027-03-10T09:00:00Z');
const clock = { now: () => now };
const repo = new DynamoConferenceRepository(table.documentClient, table.tableName);
const { sessionId = '' } = await seedDemo({ repo, clock });
const { app, issuer } = await createTestApp(table.documentClient, table.tableName, { clock });
const secretariat = httpClient(
  app,
  await issuer.sign({ role: 'secretariat', email: 'gs@imk.example.org', bodies: ['imk'] }),
);
const chair = httpClient(
  app,
  await issuer.sign({ role: 'chair', email: 'vorsitz@imk.example.org', bodies: ['imk'] }),
);

afterAll(async () => {
  await table.drop();
});

/** UTF-8 needs three bytes for `€`, the most a single UTF-16 unit can take. */
const widest = (length: number) => '€'.repeat(length);

/** The size DynamoDB counts for an item: names plus values, strings in UTF-8. */
const itemBytes = (value: unknown): number => {
  if (typeof value === 'string') return Buffer.byteLength(value, 'utf8');
  if (typeof value === 'number') return Math.ceil(String(value).length / 2) + 1;
  if (typeof value === 'boolean' || value === null || value === undefined) return 1;
  if (Array.isArray(value)) return 3 + value.reduce((sum, v) => sum + 1 + itemBytes(v), 0);
  return (
    3 +
    Object.entries(value as Record<string, unknown>).reduce(
      (sum, [name, v]) => sum + Buffer.byteLength(name, 'utf8') + 1 + itemBytes(v),
      0,
    )
  );
};

const auditOf = async (object: string): Promise<AuditEntry[]> => {
  const entries: AuditEntry[] = [];
  let next: string | undefined;
  do {
    const page = await secretariat.get(
      `/v1/audit?object=${object}&limit=100${next ? `&next=${next}` : ''}`,
    );
    if (page.status !== 200) throw new Error(`${page.status} ${page.text}`);
    entries.push(...page.json.items);
    next = page.json.next;
  } while (next);
  return entries;
};

describe('One ballot link and the protocol statements', () => {
  let procedure: WrittenProcedure;

  it('keeps one statement per Land however often the link posts a new one, the earlier texts in the audit', async () => {
    const started = await secretariat.post('/v1/bodies/imk/written-procedures', {
      title: 'Gemeinsame Lageeinschätzung',
      resolutions: [{ title: 'Lagebild', text: 'Die Länder tauschen ihr Lagebild aus.' }],
      deadline: '2027-03-20T12:00:00+01:00',
    });
    expect(started.status).toBe(201);
    procedure = started.json;
    const [resolutionId = ''] = procedure.resolutionIds;
    const ballot = (await repo.listBallots(procedure.id)).find((b) => b.memberId === 'DE-BY');
    if (ballot === undefined) throw new Error('no ballot for Bayern');
    const link = `/links/ballots/${ballotToken(testLinkSecret, procedure, ballot)}`;

    for (let round = 1; round <= 80; round += 1) {
      const posted = await app.request(
        link,
        formPost({
          [`vote-${resolutionId}`]: 'yes',
          [`statement-${resolutionId}`]: `Erklärung Nr. ${round}: ${widest(1_900)}`,
        }),
      );
      expect(posted.status).toBe(200);
    }
    const stored = await repo.getResolution(resolutionId);
    expect(stored?.statements).toHaveLength(1);
    expect(stored?.statements[0]).toMatchObject({ memberIds: ['DE-BY'] });
    expect(stored?.statements[0]?.text).toMatch(/^Erklärung Nr\. 80: /);

    const earlier = (await auditOf(`written-procedure:${procedure.id}`)).flatMap((entry) =>
      Object.values(entry.previous ?? {}),
    );
    expect(earlier).toHaveLength(79);
    expect(earlier[0]).toMatch(/^Erklärung Nr\. 1: /);
  });

  it('refuses a statement over the cap with a German page, and stores nothing of it', async () => {
    const [resolutionId = ''] = procedure.resolutionIds;
    const ballot = (await repo.listBallots(procedure.id)).find((b) => b.memberId === 'DE-BE');
    if (ballot === undefined) throw new Error('no ballot for Berlin');
    const link = `/links/ballots/${ballotToken(testLinkSecret, procedure, ballot)}`;
    const posted = await app.request(
      link,
      formPost({
        [`vote-${resolutionId}`]: 'no',
        [`statement-${resolutionId}`]: 'x'.repeat(resolutionLimits.statementLength + 1),
      }),
    );
    expect(posted.status).toBe(422);
    expect(await posted.text()).toContain('höchstens 2.000 Zeichen');
    const stored = await repo.getResolution(resolutionId);
    expect(stored?.votes['DE-BE']).toBeUndefined();
    expect(stored?.statements.map((s) => s.memberIds)).toEqual([['DE-BY']]);
  });

  it('lets the secretariat replace a joint statement for one Land without losing the others', async () => {
    const [item] = await repo.listAgenda(sessionId);
    const created = await secretariat.post(
      `/v1/sessions/${sessionId}/agenda-items/${item?.id}/resolutions`,
      { title: 'Gemeinsame Erklärung', text: 'Text.' },
    );
    const id = created.json.id;
    await secretariat.post(`/v1/resolutions/${id}/statements`, {
      memberIds: ['DE-BY', 'DE-BW'],
      text: 'Bayern und Baden-Württemberg erklären gemeinsam.',
    });
    const replaced = await secretariat.post(`/v1/resolutions/${id}/statements`, {
      memberIds: ['DE-BY'],
      text: 'Bayern erklärt allein.',
    });
    expect(replaced.status).toBe(200);
    expect(
      replaced.json.statements.map((s: { memberIds: string[]; text: string }) => [
        s.memberIds.join(),
        s.text,
      ]),
    ).toEqual([
      ['DE-BW', 'Bayern und Baden-Württemberg erklären gemeinsam.'],
      ['DE-BY', 'Bayern erklärt allein.'],
    ]);
  });
});

describe('The largest resolution anyone can make', () => {
  it('stays below 300 KB with every field, Land, statement, objection and revision at its cap', async () => {
    const [, item] = await repo.listAgenda(sessionId);
    const reports = Array.from({ length: resolutionLimits.reports }, (_, index) => ({
      title: `${index}${widest(resolutionLimits.reportTitleLength - 2)}`,
    }));
    const created = await secretariat.post(
      `/v1/sessions/${sessionId}/agenda-items/${item?.id}/resolutions`,
      {
        title: widest(resolutionLimits.titleLength),
        text: widest(resolutionLimits.textLength),
        reports,
      },
    );
    expect(created.status).toBe(201);
    const id: string = created.json.id;
    let version = 1;
    // Thirty full rewrites of the draft.
    for (let edit = 0; edit < 30; edit += 1) {
      const edited = await secretariat.patch(
        `/v1/resolutions/${id}`,
        { text: `${edit}${widest(resolutionLimits.textLength - 2)}` },
        { 'if-match': `"${version}"` },
      );
      expect(edited.status).toBe(200);
      version = edited.json.version;
    }
    const members = [...lands.map((land) => land.code), 'BUND'];
    // Every member states, then states again, at full length.
    for (const round of [1, 2, 3]) {
      for (const memberId of members) {
        const stated = await secretariat.post(`/v1/resolutions/${id}/statements`, {
          memberIds: [memberId],
          text: `${round}${widest(resolutionLimits.statementLength - 1)}`,
        });
        expect(stated.status).toBe(200);
      }
    }
    const voted = await secretariat.raw('PUT', `/v1/resolutions/${id}/votes`, {
      votes: lands.map((land) => ({
        memberId: land.code,
        vote: 'yes',
        deputy: widest(resolutionLimits.deputyLength),
      })),
    });
    expect(voted.status).toBe(200);
    expect((await secretariat.post(`/v1/resolutions/${id}/decision`, undefined)).status).toBe(200);
    version = (await secretariat.get(`/v1/resolutions/${id}`)).json.version;
    for (let correction = 0; correction < resolutionLimits.corrections; correction += 1) {
      const corrected = await secretariat.post(
        `/v1/resolutions/${id}/corrections`,
        {
          title: `${correction}${widest(resolutionLimits.titleLength - 2)}`,
          text: `${correction}${widest(resolutionLimits.textLength - 2)}`,
          note: widest(resolutionLimits.noteLength),
        },
        { 'if-match': `"${version}"` },
      );
      expect(corrected.status).toBe(200);
      version = corrected.json.version;
    }
    const oneMore = await secretariat.post(
      `/v1/resolutions/${id}/corrections`,
      { text: 'Noch eine.', note: 'Zu viel.' },
      { 'if-match': `"${version}"` },
    );
    expect(oneMore.status).toBe(409);
    const proposed = await chair.post(`/v1/resolutions/${id}/release-proposal`, {
      objectionHours: 72,
    });
    expect(proposed.status).toBe(200);
    const reportIds = proposed.json.reports.map((report: { id: string }) => report.id);
    for (const land of lands) {
      const objected = await secretariat.post(`/v1/resolutions/${id}/release-answers`, {
        memberId: land.code,
        answer: 'object',
        reportIds,
        reason: widest(resolutionLimits.objectionReasonLength),
      });
      expect(objected.status).toBe(200);
    }

    const stored = await table.documentClient.send(
      new GetCommand({ TableName: table.tableName, Key: keys.resolution(id) }),
    );
    const bytes = itemBytes(stored.Item);
    expect(stored.Item?.statements).toHaveLength(members.length);
    expect(bytes).toBeGreaterThan(150_000);
    expect(bytes).toBeLessThan(300_000);
    // Every earlier wording is still there, in the audit.
    const previous = (await auditOf(`resolution:${id}`)).filter((e) => e.previous?.text);
    expect(previous).toHaveLength(30 + resolutionLimits.corrections);
  }, 60_000);
});
