import { afterAll, describe, expect, it } from 'vitest';
import { DynamoConferenceRepository } from '../../shared/adapters/dynamodb/conference-repository.js';
import { PreconditionFailedError } from '../../shared/domain/errors.js';
import type { Change, ConferenceRepository } from '../../shared/ports/conference-repository.js';
import { addAgendaItem, updateAgendaItem } from '../../shared/use-cases/agenda.js';
import { approveAgenda } from '../../shared/use-cases/agenda-approval.js';
import type { Actor } from '../../shared/use-cases/context.js';
import { httpClient } from '../fixtures/http.js';
import { createLocalTable } from '../fixtures/local-table.js';
import { createTestApp } from '../fixtures/test-app.js';

const table = await createLocalTable('agenda-approval');
const clock = { now: () => new Date() };
const repository = new DynamoConferenceRepository(table.documentClient, table.tableName);
const { app, issuer } = await createTestApp(table.documentClient, table.tableName, { clock });
const actor = (role: 'secretariat' | 'chair', email: string): Actor => ({
  principal: { subject: email, email, roles: [role], bodies: ['ak-v'] },
});
const secretariatActor = actor('secretariat', 'gs@ak-v.example.org');
const chairActor = actor('chair', 'vorsitz@ak-v.example.org');
const admin = httpClient(
  app,
  await issuer.sign({ role: 'admin', email: 'admin@example.org', bodies: [] }),
);
const secretariat = httpClient(
  app,
  await issuer.sign({ role: 'secretariat', email: 'gs@ak-v.example.org', bodies: ['ak-v'] }),
);
const chair = httpClient(
  app,
  await issuer.sign({ role: 'chair', email: 'vorsitz@ak-v.example.org', bodies: ['ak-v'] }),
);

await admin.post('/v1/bodies', {
  id: 'ak-v',
  name: 'Arbeitskreis V – Feuerwehrangelegenheiten, Rettungswesen, Katastrophenschutz',
  shortName: 'AK V',
  kind: 'working_group',
  decisionRule: { kind: 'majority' },
});

afterAll(async () => {
  await table.drop();
});

interface Approval {
  by: string;
  at: string;
  itemCount: number;
  outdated: boolean;
  outdatedAt?: string;
  outdatedBy?: string;
}

/** A planned session with three TOPs; the ids of the TOPs in order. */
const sessionWithAgenda = async () => {
  const session = await secretariat.post('/v1/bodies/ak-v/sessions', {
    kind: 'regular',
    title: 'Herbstsitzung AK V',
    startsAt: '2027-10-05T10:00:00+02:00',
    endsAt: '2027-10-06T13:00:00+02:00',
    place: { city: 'Kiel' },
  });
  expect(session.status).toBe(201);
  const path = `/v1/sessions/${session.json.id}`;
  const itemIds: string[] = [];
  for (const [index, title] of ['Lagebild', 'Waldbrände', 'Verschiedenes'].entries()) {
    const item = await secretariat.post(`${path}/agenda-items`, {
      number: String(index + 1),
      title,
    });
    itemIds.push(item.json.id);
  }
  return { path, itemIds };
};

const approve = async (path: string) => {
  const session = await secretariat.get(path);
  return chair.post(`${path}/agenda-approval`, undefined, {
    'if-match': session.headers.get('etag') ?? '',
  });
};

const approvalOf = async (path: string): Promise<Approval> =>
  (await secretariat.get(path)).json.agendaApproval;

const itemEtag = async (path: string, itemId: string) =>
  (await secretariat.get(`${path}/agenda-items/${itemId}`)).headers.get('etag') ?? '';

describe('The chair’s approval of the agenda', () => {
  it('is outdated by a changed TOP, shows who changed it and when, is audited, and can be given again', async () => {
    const { path, itemIds } = await sessionWithAgenda();
    const approved = await approve(path);
    expect(approved.status).toBe(200);
    expect(approved.json.agendaApproval).toMatchObject({
      by: 'vorsitz@ak-v.example.org',
      itemCount: 3,
      outdated: false,
    });

    const itemId = itemIds[1] as string;
    const changed = await secretariat.patch(
      `${path}/agenda-items/${itemId}`,
      { title: 'Waldbrände und Vegetationsbrände' },
      { 'if-match': await itemEtag(path, itemId) },
    );
    expect(changed.status).toBe(200);

    const outdated = await approvalOf(path);
    expect(outdated).toMatchObject({
      by: 'vorsitz@ak-v.example.org',
      at: approved.json.agendaApproval.at,
      itemCount: 3,
      outdated: true,
      outdatedBy: 'gs@ak-v.example.org',
    });
    expect(Date.parse(outdated.outdatedAt ?? '')).toBeGreaterThanOrEqual(Date.parse(outdated.at));

    const audit = await secretariat.get(`/v1/audit?object=session:${path.split('/').at(-1)}`);
    const actions = audit.json.items.map((e: { action: string }) => e.action);
    expect(actions).toEqual([
      'session.create',
      'session.agenda-approved',
      'session.agenda-approval-outdated',
    ]);
    expect(audit.json.items[2]).toMatchObject({
      actor: 'gs@ak-v.example.org',
      changedFields: ['agendaApproval'],
    });

    const again = await approve(path);
    expect(again.status).toBe(200);
    expect(again.json.agendaApproval).toMatchObject({ itemCount: 3, outdated: false });
    expect(again.json.agendaApproval.outdatedBy).toBeUndefined();
  });

  const changes: [string, (path: string, itemIds: string[]) => Promise<{ status: number }>][] = [
    [
      'an added TOP',
      (path) => secretariat.post(`${path}/agenda-items`, { number: '4', title: 'Hochwasser' }),
    ],
    [
      'a removed TOP',
      async (path, [first]) =>
        secretariat.delete(`${path}/agenda-items/${first}`, {
          'if-match': await itemEtag(path, first as string),
        }),
    ],
    [
      'a new order',
      (path, [first, second, third]) =>
        secretariat.post(`${path}/agenda-items/reorder`, { order: [third, first, second] }),
    ],
  ];
  for (const [name, change] of changes) {
    it(`is outdated by ${name}`, async () => {
      const { path, itemIds } = await sessionWithAgenda();
      expect((await approve(path)).status).toBe(200);
      const response = await change(path, itemIds);
      expect(response.status).toBeLessThan(300);
      expect(await approvalOf(path)).toMatchObject({ outdated: true });
    });
  }

  it('stays current when a TOP is saved unchanged', async () => {
    const { path, itemIds } = await sessionWithAgenda();
    expect((await approve(path)).status).toBe(200);
    const itemId = itemIds[0] as string;
    const saved = await secretariat.patch(
      `${path}/agenda-items/${itemId}`,
      { title: 'Lagebild' },
      { 'if-match': await itemEtag(path, itemId) },
    );
    expect(saved.status).toBe(200);
    expect(await approvalOf(path)).toMatchObject({ outdated: false });
  });

  /**
   * The repository, with the first commit that `holds` stopped until the
   * test lets it go: the write has read everything and waits to be stored.
   */
  const heldRepository = (holds: (changes: Change[]) => boolean) => {
    let reached = (): void => undefined;
    let release = (): void => undefined;
    const waiting = new Promise<void>((resolve) => {
      reached = resolve;
    });
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    let held = false;
    const repo: ConferenceRepository = Object.create(repository, {
      commit: {
        value: async (...args: Parameters<ConferenceRepository['commit']>) => {
          if (!held && holds(args[0])) {
            held = true;
            reached();
            await released;
          }
          return repository.commit(...args);
        },
      },
    });
    return { deps: { repo, clock }, waiting, release };
  };
  const addsItem = (changes: Change[]) =>
    changes.some((change) => change.type === 'agenda-item' && change.op === 'create');
  const approves = (changes: Change[]) =>
    changes.some((change) => change.type === 'session' && change.op === 'replace');
  const versionOf = async (path: string) => Number((await secretariat.get(path)).json.version);

  it('is outdated by a TOP whose adding read the session before the approval was stored', async () => {
    const { path } = await sessionWithAgenda();
    const sessionId = path.split('/').at(-1) as string;
    const held = heldRepository(addsItem);
    const adding = addAgendaItem(held.deps, secretariatActor, sessionId, {
      number: '4',
      title: 'Eilantrag',
    });
    await held.waiting;
    await approveAgenda({ repo: repository, clock }, chairActor, sessionId, await versionOf(path));
    held.release();
    await adding;
    expect((await secretariat.get(`${path}/agenda-items`)).json.items).toHaveLength(4);
    expect(await approvalOf(path)).toMatchObject({ itemCount: 3, outdated: true });
  });

  it('is outdated by a TOP changed while the approval was being stored, and the change is not refused', async () => {
    const { path, itemIds } = await sessionWithAgenda();
    const sessionId = path.split('/').at(-1) as string;
    const itemId = itemIds[2] as string;
    const version = Number(JSON.parse((await itemEtag(path, itemId)).replaceAll('"', '')));
    const held = heldRepository((changes) =>
      changes.some((change) => change.type === 'agenda-item' && change.op === 'replace'),
    );
    const changing = updateAgendaItem(
      held.deps,
      secretariatActor,
      sessionId,
      itemId,
      { title: 'Verschiedenes und Termine' },
      version,
    );
    await held.waiting;
    await approveAgenda({ repo: repository, clock }, chairActor, sessionId, await versionOf(path));
    held.release();
    await expect(changing).resolves.toMatchObject({ title: 'Verschiedenes und Termine' });
    expect(await approvalOf(path)).toMatchObject({ outdated: true });
    // The TOP's own version still decides: a stale If-Match is 412.
    const stale = await secretariat.patch(
      `${path}/agenda-items/${itemId}`,
      { title: 'Verschiedenes' },
      { 'if-match': `"${version}"` },
    );
    expect(stale.status).toBe(412);
  });

  it('is not given for an agenda that changed between reading it and storing the approval', async () => {
    const { path } = await sessionWithAgenda();
    const sessionId = path.split('/').at(-1) as string;
    const held = heldRepository(approves);
    const approving = approveAgenda(held.deps, chairActor, sessionId, await versionOf(path));
    await held.waiting;
    await addAgendaItem({ repo: repository, clock }, secretariatActor, sessionId, {
      number: '4',
      title: 'Eilantrag',
    });
    held.release();
    await expect(approving).rejects.toBeInstanceOf(PreconditionFailedError);
    expect(await approvalOf(path)).toBeUndefined();
  });
});
