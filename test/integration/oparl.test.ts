import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { DynamoConferenceRepository } from '../../shared/adapters/dynamodb/conference-repository.js';
import { lands } from '../../shared/domain/lands.js';
import { addAgendaItem } from '../../shared/use-cases/agenda.js';
import { systemActor } from '../../shared/use-cases/context.js';
import { seedDemo } from '../../shared/use-cases/demo-seed.js';
import { recordAnswer, sendInvitations } from '../../shared/use-cases/invitations.js';
import {
  createResolution,
  decideResolution,
  proposeRelease,
  recordVotes,
} from '../../shared/use-cases/resolutions.js';
import { changeSessionState } from '../../shared/use-cases/sessions.js';
import { recordBallot, startWrittenProcedure } from '../../shared/use-cases/written-procedures.js';
import { createLocalTable } from '../fixtures/local-table.js';
import { createTestApp, testLinkSecret } from '../fixtures/test-app.js';

const table = await createLocalTable('oparl');
const clock = { now: () => new Date('2027-03-06T15:00:00Z') };
const repo = new DynamoConferenceRepository(table.documentClient, table.tableName);
const deps = { repo, clock, linkSecret: testLinkSecret };
const { sessionId = '' } = await seedDemo(deps);
const { value: item } = await addAgendaItem(deps, systemActor, sessionId, {
  number: '5',
  title: 'Öffentlicher Bericht',
  public: true,
});
const confidential = (await repo.listAgenda(sessionId)).find((i) => i.number === '1');
const resolution = async (title: string, release: boolean) => {
  const { value } = await createResolution(deps, systemActor, sessionId, item.id, {
    title,
    text: 'Absatz.',
  });
  await recordVotes(deps, systemActor, value.id, {
    votes: lands.map((land) => ({ memberId: land.code, vote: 'yes' })),
  });
  await decideResolution(deps, systemActor, value.id);
  if (release)
    await proposeRelease(deps, systemActor, value.id, {
      objectionHours: 0,
      consentedBy: lands.map((land) => land.code),
    });
  return value.id;
};
const releasedId = await resolution('Freigegebener Beschluss', true);
const internalId = await resolution('Interner Beschluss', false);
const { invited } = await sendInvitations(deps, systemActor, sessionId, {});
for (const memberId of ['DE-HH', 'DE-BY']) {
  const invitation = invited.find((i) => i.memberId === memberId && i.capacity === 'principal');
  await recordAnswer(
    deps,
    { sessionId, invitationId: invitation?.id ?? '' },
    { status: 'accepted' },
    'link',
    'test',
  );
}
for (const [to, version] of [
  ['in_session', 2],
  ['concluded', 3],
] as const) {
  await changeSessionState(deps, systemActor, sessionId, to, version);
}
// A resolution decided by written procedure and released: a Paper without a session.
const { value: procedure } = await startWrittenProcedure(deps, systemActor, 'imk', {
  title: 'Umlauf',
  resolutions: [{ title: 'Im Umlauf beschlossen', text: 'Absatz.' }],
  deadline: '2027-03-20T12:00:00+01:00',
});
const [procedureResolution = ''] = procedure.resolutionIds;
for (const ballot of (await repo.listBallots(procedure.id)).filter((b) => b.voting)) {
  await recordBallot(
    deps,
    { procedureId: procedure.id, ballotId: ballot.id },
    { votes: { [procedureResolution]: 'yes' } },
    'link',
    ballot.email,
  );
}
await proposeRelease(deps, systemActor, procedureResolution, {
  objectionHours: 0,
  consentedBy: lands.map((land) => land.code),
});
const { app } = await createTestApp(table.documentClient, table.tableName, { clock });

/** The fields OParl 1.1 requires of each object type (the spec's ZWINGEND properties). */
const url = z.string().check(z.regex(/^http:\/\/localhost\/oparl\/v1/));
const typed = (name: string) =>
  z.looseObject({ id: url, type: z.literal(`https://schema.oparl.org/1.1/${name}`) });
const required = {
  System: z.looseObject({
    ...typed('System').shape,
    oparlVersion: z.literal('https://schema.oparl.org/1.1/'),
    body: url,
  }),
  Body: z.looseObject({
    ...typed('Body').shape,
    name: z.string(),
    organization: url,
    person: url,
    meeting: url,
    paper: url,
    legislativeTerm: z.array(z.unknown()),
  }),
  Organization: typed('Organization'),
  Person: typed('Person'),
  Membership: z.looseObject({ ...typed('Membership').shape, votingRight: z.boolean() }),
  Meeting: z.looseObject({ ...typed('Meeting').shape, meetingState: z.string() }),
  AgendaItem: z.looseObject({ ...typed('AgendaItem').shape, order: z.number() }),
  Paper: z.looseObject({ ...typed('Paper').shape, body: url }),
  Location: typed('Location'),
} as const;
const List = z.object({
  data: z.array(z.looseObject({ id: url })),
  pagination: z.looseObject({}),
  links: z.looseObject({}),
});

const get = async (address: string) => {
  const response = await app.request(address.replace('http://localhost', ''));
  expect(response.status, address).toBe(200);
  return (await response.json()) as Record<string, unknown> & { id: string };
};
/** Fetches an object, checks the spec's fields, and that its id leads back to it. */
const object = async (kind: keyof typeof required, address: string) => {
  const value = await get(address);
  required[kind].parse(value);
  expect((await get(value.id)).id).toBe(value.id);
  return value;
};
const listAt = async (kind: keyof typeof required, address: string) => {
  const value = List.parse(await get(address));
  for (const entry of value.data) required[kind].parse(entry);
  return value.data as (Record<string, unknown> & { id: string })[];
};

describe('OParl 1.1 read API', () => {
  it('names the IMAS ministries’ state secretaries with their ministry, as voting members', async () => {
    const imas = await object('Body', 'http://localhost/oparl/v1/bodies/imas-th');
    const people = await listAt('Person', imas.person as string);
    expect(people).toHaveLength(9);
    expect(people.map((person) => person.affix).sort()).toContain(
      'Ministerium für Inneres und Kommunales',
    );
    const memberships = people.flatMap(
      (person) => person.membership as { votingRight: boolean; role: string }[],
    );
    expect(memberships.every((m) => m.votingRight && m.role === 'Mitglied')).toBe(true);
    expect(JSON.stringify(people)).not.toContain('@');
  });

  it('walks from the System to every public object, each with the fields the spec requires', async () => {
    const system = await object('System', 'http://localhost/oparl/v1');
    const bodies = await listAt('Body', system.body as string);
    expect(bodies.map((body) => body.shortName)).toEqual(['AK II', 'IMAS', 'IMK']);
    const imk = await object('Body', bodies.find((b) => b.shortName === 'IMK')?.id ?? '');

    const [organization] = await listAt('Organization', imk.organization as string);
    await object('Organization', organization?.id ?? '');

    const people = await listAt('Person', imk.person as string);
    expect(people).toHaveLength(17);
    const memberships = people.flatMap(
      (person) => person.membership as { id: string; votingRight: boolean; role: string }[],
    );
    expect(memberships.filter((m) => !m.votingRight).map((m) => m.role)).toEqual(['Gast']);
    expect(memberships.filter((m) => m.votingRight)).toHaveLength(16);
    await object('Membership', memberships[0]?.id ?? '');
    const person = await object('Person', people[0]?.id ?? '');
    expect(JSON.stringify(person)).not.toContain('@');

    const [meeting] = await listAt('Meeting', imk.meeting as string);
    const full = await object('Meeting', meeting?.id ?? '');
    expect(full.meetingState).toBe('durchgeführt');
    expect(full.cancelled).toBe(false);
    expect((full.participant as string[]).length).toBe(2);
    const agenda = full.agendaItem as { id: string; name: string; resolutionText?: string }[];
    expect(agenda.map((entry) => entry.name)).toEqual(['Öffentlicher Bericht']);
    await object('AgendaItem', agenda[0]?.id ?? '');
    await object('Location', (full.location as { id: string }).id);

    // Papers come page by page: the sessions' resolutions, then the written procedures'.
    const papers: (Record<string, unknown> & { id: string })[] = [];
    let address: string | undefined = imk.paper as string;
    while (address !== undefined) {
      const pageOf = List.parse(await get(address));
      for (const entry of pageOf.data) required.Paper.parse(entry);
      papers.push(...(pageOf.data as (Record<string, unknown> & { id: string })[]));
      address = (pageOf.links as { next?: string }).next;
    }
    expect(papers.map((paper) => paper.name)).toEqual([
      'Freigegebener Beschluss',
      'Im Umlauf beschlossen',
    ]);
    for (const paper of papers) await object('Paper', paper.id);
  });

  it('exposes nothing unreleased or confidential', async () => {
    expect((await app.request(`/oparl/v1/papers/${internalId}`)).status).toBe(404);
    expect(
      (await app.request(`/oparl/v1/meetings/${sessionId}/agenda-items/${confidential?.id}`))
        .status,
    ).toBe(404);
    const meeting = await (await app.request(`/oparl/v1/meetings/${sessionId}`)).text();
    expect(meeting).not.toContain('Interner Beschluss');
    expect(meeting).not.toContain('Weiteres Vorgehen');
    expect((await app.request(`/oparl/v1/papers/${releasedId}`)).status).toBe(200);
  });
});
