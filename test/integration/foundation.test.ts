import { DescribeTableCommand, DescribeTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ensureTable } from '../../infra/local/dynamodb.js';
import { DynamoConferenceRepository } from '../../shared/adapters/dynamodb/conference-repository.js';
import { tableDesign } from '../../shared/adapters/dynamodb/table-design.js';
import type { BodyWithMembers } from '../../shared/domain/body.js';
import { lands } from '../../shared/domain/lands.js';
import { seedDemo } from '../../shared/use-cases/demo-seed.js';
import { createLocalTable } from '../fixtures/local-table.js';
import { createTestApp } from '../fixtures/test-app.js';
import { tamper } from '../fixtures/tokens.js';

const table = await createLocalTable('foundation');
const clock = { now: () => new Date('2026-11-23T08:00:00Z') };
const deps = {
  repo: new DynamoConferenceRepository(table.documentClient, table.tableName),
  clock,
};
const { app, issuer } = await createTestApp(table.documentClient, table.tableName, { clock });
const auth = async (options = {}) => ({
  headers: { authorization: `Bearer ${await issuer.sign(options)}` },
});

describe('Foundation against DynamoDB Local', () => {
  let seeded: Awaited<ReturnType<typeof seedDemo>>;

  beforeAll(async () => {
    seeded = await seedDemo(deps);
  });

  afterAll(async () => {
    await table.drop();
  });

  it('creates the table from the shared design: keys, both GSIs, stream and TTL', async () => {
    const { Table } = await table.client.send(
      new DescribeTableCommand({ TableName: table.tableName }),
    );
    expect(Table?.KeySchema).toEqual([
      { AttributeName: 'PK', KeyType: 'HASH' },
      { AttributeName: 'SK', KeyType: 'RANGE' },
    ]);
    expect(Table?.GlobalSecondaryIndexes?.map((index) => index.IndexName).sort()).toEqual(
      tableDesign.globalIndexes.map((index) => index.name),
    );
    expect(Table?.StreamSpecification).toEqual({
      StreamEnabled: true,
      StreamViewType: 'NEW_AND_OLD_IMAGES',
    });
    const ttl = await table.client.send(
      new DescribeTimeToLiveCommand({ TableName: table.tableName }),
    );
    expect(ttl.TimeToLiveDescription?.AttributeName).toBe('expiresAt');
    expect(await ensureTable(table.client, table.tableName)).toBe(false);
  });

  it('seeds the demo once', async () => {
    expect(seeded.created).toBe(true);
    expect(await seedDemo(deps)).toEqual({ created: false });
  });

  it('lists the IMK, AK II and the IMAS Thüringen for a staff token', async () => {
    const response = await app.request('/v1/bodies', await auth());
    expect(response.status).toBe(200);
    const page = (await response.json()) as { items: { id: string }[]; next?: string };
    expect(page.items.map((body) => body.id)).toEqual(['ak-ii', 'imas-th', 'imk']);
    expect(page.next).toBeUndefined();
  });

  it('pages through bodies with an opaque cursor', async () => {
    const first = (await (await app.request('/v1/bodies?limit=1', await auth())).json()) as {
      items: { id: string }[];
      next: string;
    };
    expect(first.items.map((b) => b.id)).toEqual(['ak-ii']);
    const second = (await (
      await app.request(`/v1/bodies?limit=1&next=${encodeURIComponent(first.next)}`, await auth())
    ).json()) as { items: { id: string }[] };
    expect(second.items.map((b) => b.id)).toEqual(['imas-th']);
  });

  it('returns the IMK with its 16 voting Länder and the Bund as guest, chair Hamburg', async () => {
    const response = await app.request('/v1/bodies/imk', await auth({ role: 'secretariat' }));
    expect(response.status).toBe(200);
    const imk = (await response.json()) as BodyWithMembers;
    expect(imk.chairMemberId).toBe('DE-HH');
    expect(imk.decisionRule).toEqual({ kind: 'unanimity' });
    expect(imk.members).toHaveLength(17);
    expect(
      imk.members
        .filter((m) => m.voting)
        .map((m) => m.memberId)
        .sort(),
    ).toEqual(lands.map((land) => land.code).sort());
    const bund = imk.members.find((m) => m.memberId === 'BUND');
    expect(bund?.voting).toBe(false);
    for (const member of imk.members) {
      expect(member.people.map((p) => p.capacity).sort()).toEqual(['office_contact', 'principal']);
      for (const person of member.people)
        expect(person.email).toMatch(/@[a-z0-9.-]+\.example\.org$/);
    }
  });

  it('seeds an upcoming four-day constitutive session in the Ratsstube of the Hamburg Rathaus', async () => {
    const session = await deps.repo.getSession(seeded.sessionId ?? '');
    expect(session).toMatchObject({
      bodyId: 'imk',
      number: 1,
      kind: 'constitutive',
      state: 'planned',
      timeZone: 'Europe/Berlin',
      hostMemberId: 'DE-HH',
      place: { city: 'Hamburg', building: 'Hamburger Rathaus', room: 'Ratsstube' },
    });
    const days =
      (Date.parse(session?.endsAt ?? '') - Date.parse(session?.startsAt ?? '')) / 86_400_000;
    expect(Math.ceil(days)).toBe(4);
    expect(Date.parse(session?.startsAt ?? '')).toBeGreaterThan(clock.now().getTime());
    const ofBody = await deps.repo.listSessions({
      bodyId: 'imk',
      from: '2000',
      to: '2100',
      limit: 10,
    });
    expect(ofBody.items.map((s) => s.id)).toEqual([session?.id]);
  });

  it('finds a person by address across bodies, for inbound mail', async () => {
    const found = await deps.repo.findPeopleByEmail('MinisterBuero@DE-HH.example.org');
    expect(found.map((f) => `${f.bodyId}/${f.memberId}/${f.person.capacity}`).sort()).toEqual([
      'ak-ii/DE-HH/principal',
      'imk/DE-HH/office_contact',
    ]);
    expect(found[0]?.person.email).toBe('ministerbuero@de-hh.example.org');
    expect(await deps.repo.findPeopleByEmail('nobody@example.org')).toEqual([]);
  });

  it.each([
    ['no token', {}],
    ['a tampered token', 'tampered'],
    ['an expired token', 'expired'],
  ])('answers 401 problem+json to %s', async (_name, kind) => {
    const init =
      kind === 'tampered'
        ? { headers: { authorization: `Bearer ${tamper(await issuer.sign())}` } }
        : kind === 'expired'
          ? await auth({ expiresIn: -30 })
          : {};
    const response = await app.request('/v1/bodies', init);
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(await response.json()).toMatchObject({ status: 401, type: '/problems/unauthorized' });
  });

  it('has the local SES answering with an empty inbox API', async () => {
    const response = await fetch(`${inject('sesEndpoint')}/store`);
    expect(response.status).toBe(200);
    expect(await response.json()).toHaveProperty('emails');
  });
});
