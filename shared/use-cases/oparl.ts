import type { AgendaItem } from '../domain/agenda.js';
import type { Body, BodyWithMembers, Member, Person } from '../domain/body.js';
import { NotFoundError } from '../domain/errors.js';
import { type Paper, type PaperVersion, paperContentTypes } from '../domain/paper.js';
import type { Resolution } from '../domain/resolution.js';
import type { Session } from '../domain/session.js';
import { sessionName } from '../mail/session-phrase.js';
import type { PageRequest } from '../ports/pagination.js';
import type { UseCaseDeps } from './context.js';
import { publicPaperPath, publicPapers } from './papers.js';

/**
 * The conference's public record in OParl 1.1 (https://oparl.org): bodies as
 * `Body` and `Organization`, ministers as `Person` with their `Membership`
 * (the Bund without a vote), sessions as `Meeting` with their public
 * `AgendaItem`s and `Location`, released resolutions as `Paper`. Only what
 * is public: no addresses, no confidential items, nothing unreleased.
 */

type OParlObject = Record<string, unknown> & { id: string; type: string };

const schema = 'https://schema.oparl.org/1.1/';
const type = (name: string) => `${schema}${name}`;

/** Where the OParl objects live: `<origin>/oparl/v1`. */
export class OParlUrls {
  constructor(readonly base: string) {}
  system = () => this.base;
  bodies = () => `${this.base}/bodies`;
  body = (id: string) => `${this.base}/bodies/${id}`;
  organizations = (id: string) => `${this.body(id)}/organizations`;
  organization = (id: string) => `${this.base}/organizations/${id}`;
  people = (id: string) => `${this.body(id)}/people`;
  person = (bodyId: string, personId: string) => `${this.body(bodyId)}/people/${personId}`;
  membership = (bodyId: string, personId: string) => `${this.body(bodyId)}/memberships/${personId}`;
  meetings = (id: string) => `${this.body(id)}/meetings`;
  meeting = (id: string) => `${this.base}/meetings/${id}`;
  agendaItem = (sessionId: string, itemId: string) =>
    `${this.meeting(sessionId)}/agenda-items/${itemId}`;
  location = (sessionId: string) => `${this.meeting(sessionId)}/location`;
  papers = (id: string) => `${this.body(id)}/papers`;
  paper = (id: string) => `${this.base}/papers/${id}`;
  file = (sessionId: string, paperId: string) => `${this.meeting(sessionId)}/files/${paperId}`;
  /** The public download of a paper, beside the OParl API. */
  download = (sessionId: string, paperId: string) =>
    `${this.base.replace(/\/oparl\/v1$/, '')}${publicPaperPath(sessionId, paperId)}`;
}

/** An OParl list: the objects, the page size, and the link to the next page. */
export interface OParlList {
  data: OParlObject[];
  pagination: { elementsPerPage: number };
  links: { next?: string };
}

const list = (data: OParlObject[], limit: number, nextUrl: string | undefined): OParlList => ({
  data,
  pagination: { elementsPerPage: limit },
  links: nextUrl === undefined ? {} : { next: nextUrl },
});

const withCursor = (url: string, limit: number, next: string | undefined) =>
  next === undefined ? undefined : `${url}?limit=${limit}&next=${encodeURIComponent(next)}`;

export const systemObject = (urls: OParlUrls, created: string): OParlObject => ({
  id: urls.system(),
  type: type('System'),
  oparlVersion: schema,
  name: 'Konferenzkoordination',
  body: urls.bodies(),
  created,
  modified: created,
});

export const bodyObject = (urls: OParlUrls, body: Body): OParlObject => ({
  id: urls.body(body.id),
  type: type('Body'),
  system: urls.system(),
  name: body.name,
  shortName: body.shortName,
  organization: urls.organizations(body.id),
  person: urls.people(body.id),
  meeting: urls.meetings(body.id),
  paper: urls.papers(body.id),
  legislativeTerm: [],
  created: body.createdAt,
  modified: body.updatedAt,
});

export const organizationObject = (urls: OParlUrls, body: BodyWithMembers): OParlObject => ({
  id: urls.organization(body.id),
  type: type('Organization'),
  body: urls.body(body.id),
  name: body.name,
  shortName: body.shortName,
  organizationType: 'Gremium',
  classification: {
    plenary: 'Konferenz',
    working_group: 'Arbeitskreis',
    crisis_staff: 'Krisenstab',
  }[body.kind],
  membership: publicPeople(body).map(({ person }) => urls.membership(body.id, person.id)),
  meeting: urls.meetings(body.id),
  ...(body.parentBodyId ? { subOrganizationOf: urls.organization(body.parentBodyId) } : {}),
  created: body.createdAt,
  modified: body.updatedAt,
});

/** The people the public may know of: each member's minister (no addresses). */
const publicPeople = (body: BodyWithMembers): { member: Member; person: Person }[] =>
  body.members.flatMap((member) =>
    member.people
      .filter((person) => person.capacity === 'principal')
      .map((person) => ({ member, person })),
  );

export const membershipObject = (
  urls: OParlUrls,
  body: BodyWithMembers,
  member: Member,
  person: Person,
): OParlObject => ({
  id: urls.membership(body.id, person.id),
  type: type('Membership'),
  person: urls.person(body.id, person.id),
  organization: urls.organization(body.id),
  role: member.voting ? 'Mitglied' : 'Gast',
  votingRight: member.voting,
  created: member.createdAt,
  modified: member.updatedAt,
});

export const personObject = (
  urls: OParlUrls,
  body: BodyWithMembers,
  member: Member,
  person: Person,
): OParlObject => ({
  id: urls.person(body.id, person.id),
  type: type('Person'),
  body: urls.body(body.id),
  name: person.name,
  affix: member.name,
  membership: [membershipObject(urls, body, member, person)],
  created: member.createdAt,
  modified: member.updatedAt,
});

const meetingState = (session: Session) =>
  session.state === 'planned'
    ? 'terminiert'
    : session.state === 'concluded'
      ? 'durchgeführt'
      : 'eingeladen';

export const locationObject = (urls: OParlUrls, session: Session): OParlObject => ({
  id: urls.location(session.id),
  type: type('Location'),
  description:
    [session.place?.room, session.place?.building, session.place?.city]
      .filter(Boolean)
      .join(', ') || 'Videokonferenz',
  ...(session.place?.address ? { streetAddress: session.place.address } : {}),
  ...(session.place?.city ? { locality: session.place.city } : {}),
  ...(session.place?.room ? { room: session.place.room } : {}),
  created: session.createdAt,
  modified: session.updatedAt,
});

/** A public paper as an OParl File, downloadable by anyone. */
export const fileObject = (
  urls: OParlUrls,
  paper: Paper,
  version: PaperVersion,
  item: AgendaItem,
): OParlObject => ({
  id: urls.file(paper.sessionId, paper.id),
  type: type('File'),
  name: paper.title,
  fileName: version.fileName,
  mimeType: paperContentTypes[version.format],
  size: version.bytes,
  accessUrl: urls.download(paper.sessionId, paper.id),
  downloadUrl: urls.download(paper.sessionId, paper.id),
  agendaItem: [urls.agendaItem(paper.sessionId, item.id)],
  created: paper.createdAt,
  modified: paper.updatedAt,
});

/** The public papers of one agenda item as OParl Files. */
const filesOf = (
  urls: OParlUrls,
  item: AgendaItem,
  shown: ReturnType<typeof publicPapers>,
): OParlObject[] =>
  shown
    .filter((entry) => entry.item.id === item.id)
    .map((entry) => fileObject(urls, entry.paper, entry.version, entry.item));

export const agendaItemObject = (
  urls: OParlUrls,
  item: AgendaItem,
  resolutions: readonly Resolution[],
  shown: ReturnType<typeof publicPapers> = [],
): OParlObject => {
  const released = resolutions.filter((r) => r.itemId === item.id && r.state === 'released');
  const files = filesOf(urls, item, shown);
  return {
    id: urls.agendaItem(item.sessionId, item.id),
    type: type('AgendaItem'),
    meeting: urls.meeting(item.sessionId),
    number: item.number,
    order: item.position,
    name: item.title,
    public: true,
    ...(released.length > 0
      ? { result: 'beschlossen', resolutionText: released.map((r) => r.text).join('\n\n') }
      : {}),
    ...(files.length > 0 ? { auxiliaryFile: files } : {}),
    created: item.createdAt,
    modified: item.updatedAt,
  };
};

/** A session as an OParl Meeting: public agenda items, and who took part once it has begun. */
export const meetingObject = async (
  deps: UseCaseDeps,
  urls: OParlUrls,
  session: Session,
): Promise<OParlObject> => {
  const [agenda, resolutions, papers, invitations] = await Promise.all([
    deps.repo.listAgenda(session.id),
    deps.repo.listResolutionsOfSession(session.id),
    deps.repo.listPapers(session.id),
    session.state === 'in_session' || session.state === 'concluded'
      ? deps.repo.listInvitations(session.id)
      : Promise.resolve([]),
  ]);
  const present = invitations.filter(
    (i) => i.capacity === 'principal' && i.answer?.status === 'accepted',
  );
  return {
    id: urls.meeting(session.id),
    type: type('Meeting'),
    // Named in the session's own series, never a running number it does not have.
    name: `${sessionName(session)}: ${session.title}`,
    meetingState: meetingState(session),
    cancelled: session.state === 'cancelled',
    start: session.startsAt,
    end: session.endsAt,
    location: locationObject(urls, session),
    organization: [urls.organization(session.bodyId)],
    ...(present.length > 0
      ? { participant: present.map((i) => urls.person(session.bodyId, i.personId)) }
      : {}),
    agendaItem: agenda
      .filter((item) => item.public)
      .map((item) =>
        agendaItemObject(
          urls,
          item,
          resolutions,
          publicPapers(session, papers, agenda, resolutions),
        ),
      ),
    created: session.createdAt,
    modified: session.updatedAt,
  };
};

export const paperObject = (
  urls: OParlUrls,
  resolution: Resolution,
  session: Session | undefined,
): OParlObject => ({
  id: urls.paper(resolution.id),
  type: type('Paper'),
  body: urls.body(resolution.bodyId),
  name: resolution.title,
  ...(session ? { reference: sessionName(session) } : {}),
  date: (resolution.decidedAt ?? resolution.createdAt).slice(0, 10),
  paperType: 'Beschluss',
  created: resolution.createdAt,
  modified: resolution.updatedAt,
});

const loadBody = async (deps: UseCaseDeps, bodyId: string) => {
  const body = await deps.repo.getBodyWithMembers(bodyId);
  if (body === undefined) throw new NotFoundError('Body', bodyId);
  return body;
};

export const oparlBodies = async (deps: UseCaseDeps, urls: OParlUrls, page: PageRequest) => {
  const result = await deps.repo.listBodies(page);
  return list(
    result.items.map((body) => bodyObject(urls, body)),
    page.limit,
    withCursor(urls.bodies(), page.limit, result.next),
  );
};

export const oparlBody = async (deps: UseCaseDeps, urls: OParlUrls, bodyId: string) =>
  bodyObject(urls, await loadBody(deps, bodyId));

export const oparlOrganizations = async (deps: UseCaseDeps, urls: OParlUrls, bodyId: string) =>
  list([organizationObject(urls, await loadBody(deps, bodyId))], 1, undefined);

export const oparlOrganization = async (deps: UseCaseDeps, urls: OParlUrls, bodyId: string) =>
  organizationObject(urls, await loadBody(deps, bodyId));

export const oparlPeople = async (deps: UseCaseDeps, urls: OParlUrls, bodyId: string) => {
  const body = await loadBody(deps, bodyId);
  const people = publicPeople(body);
  return list(
    people.map(({ member, person }) => personObject(urls, body, member, person)),
    people.length,
    undefined,
  );
};

const publicPerson = async (deps: UseCaseDeps, bodyId: string, personId: string) => {
  const body = await loadBody(deps, bodyId);
  const found = publicPeople(body).find(({ person }) => person.id === personId);
  if (found === undefined) throw new NotFoundError('Person', personId);
  return { body, ...found };
};

export const oparlPerson = async (
  deps: UseCaseDeps,
  urls: OParlUrls,
  bodyId: string,
  personId: string,
) => {
  const { body, member, person } = await publicPerson(deps, bodyId, personId);
  return personObject(urls, body, member, person);
};

export const oparlMembership = async (
  deps: UseCaseDeps,
  urls: OParlUrls,
  bodyId: string,
  personId: string,
) => {
  const { body, member, person } = await publicPerson(deps, bodyId, personId);
  return membershipObject(urls, body, member, person);
};

const allTime = { from: '1900-01-01', to: '2999-12-31' };

export const oparlMeetings = async (
  deps: UseCaseDeps,
  urls: OParlUrls,
  bodyId: string,
  page: PageRequest,
) => {
  await loadBody(deps, bodyId);
  const result = await deps.repo.listSessions({ ...allTime, bodyId, ...page });
  return list(
    await Promise.all(
      result.items
        .filter((session) => session.exercise !== true)
        .map((session) => meetingObject(deps, urls, session)),
    ),
    page.limit,
    withCursor(urls.meetings(bodyId), page.limit, result.next),
  );
};

const loadSession = async (deps: UseCaseDeps, sessionId: string) => {
  const session = await deps.repo.getSession(sessionId);
  // An exercise is answered for as if it did not exist.
  if (session === undefined || session.exercise === true) {
    throw new NotFoundError('Meeting', sessionId);
  }
  return session;
};

export const oparlMeeting = async (deps: UseCaseDeps, urls: OParlUrls, sessionId: string) =>
  meetingObject(deps, urls, await loadSession(deps, sessionId));

export const oparlLocation = async (deps: UseCaseDeps, urls: OParlUrls, sessionId: string) =>
  locationObject(urls, await loadSession(deps, sessionId));

export const oparlAgendaItem = async (
  deps: UseCaseDeps,
  urls: OParlUrls,
  sessionId: string,
  itemId: string,
) => {
  const [item, session] = await Promise.all([
    deps.repo.getAgendaItem(sessionId, itemId),
    deps.repo.getSession(sessionId),
  ]);
  if (item === undefined || !item.public || session === undefined || session.exercise === true) {
    throw new NotFoundError('Agenda item', itemId);
  }
  const [resolutions, papers, agenda] = await Promise.all([
    deps.repo.listResolutionsOfSession(sessionId),
    deps.repo.listPapers(sessionId),
    deps.repo.listAgenda(sessionId),
  ]);
  return agendaItemObject(
    urls,
    item,
    resolutions,
    publicPapers(session, papers, agenda, resolutions),
  );
};

/** A public paper as an OParl File; anything else is not found. */
export const oparlFile = async (
  deps: UseCaseDeps,
  urls: OParlUrls,
  sessionId: string,
  paperId: string,
) => {
  const [session, paper, agenda, resolutions] = await Promise.all([
    deps.repo.getSession(sessionId),
    deps.repo.getPaper(sessionId, paperId),
    deps.repo.listAgenda(sessionId),
    deps.repo.listResolutionsOfSession(sessionId),
  ]);
  const shown =
    session === undefined || paper === undefined
      ? undefined
      : publicPapers(session, [paper], agenda, resolutions)[0];
  if (shown === undefined) throw new NotFoundError('Session paper', paperId);
  return fileObject(urls, shown.paper, shown.version, shown.item);
};

/**
 * The released resolutions of a body: first those of its sessions, one page
 * of sessions at a time, then those of its written procedures. The cursor
 * says which of the two lists it continues (`s:` or `p:`).
 */
export const oparlPapers = async (
  deps: UseCaseDeps,
  urls: OParlUrls,
  bodyId: string,
  page: PageRequest,
) => {
  await loadBody(deps, bodyId);
  const released = (resolutions: Resolution[], session?: Session) =>
    resolutions
      .filter((resolution) => resolution.state === 'released' && resolution.exercise !== true)
      .map((resolution) => paperObject(urls, resolution, session));
  const cursor = (next: string | undefined) => withCursor(urls.papers(bodyId), page.limit, next);
  if (page.next?.startsWith('p:')) {
    const inner = page.next.slice(2);
    const procedures = await deps.repo.listProceduresOfBody(bodyId, {
      limit: page.limit,
      next: inner === '' ? undefined : inner,
    });
    const papers = await Promise.all(
      procedures.items.map(async (procedure) =>
        released(await deps.repo.listResolutionsOfProcedure(procedure.id)),
      ),
    );
    return list(
      papers.flat(),
      page.limit,
      cursor(procedures.next === undefined ? undefined : `p:${procedures.next}`),
    );
  }
  const next = page.next?.startsWith('s:') ? page.next.slice(2) : page.next;
  const sessions = await deps.repo.listSessions({ ...allTime, bodyId, limit: page.limit, next });
  const papers = await Promise.all(
    sessions.items.map(async (session) =>
      released(await deps.repo.listResolutionsOfSession(session.id), session),
    ),
  );
  return list(
    papers.flat(),
    page.limit,
    cursor(sessions.next === undefined ? 'p:' : `s:${sessions.next}`),
  );
};

export const oparlPaper = async (deps: UseCaseDeps, urls: OParlUrls, resolutionId: string) => {
  const resolution = await deps.repo.getResolution(resolutionId);
  if (resolution === undefined || resolution.state !== 'released' || resolution.exercise === true) {
    throw new NotFoundError('Paper', resolutionId);
  }
  const session =
    resolution.sessionId === undefined
      ? undefined
      : await deps.repo.getSession(resolution.sessionId);
  return paperObject(urls, resolution, session);
};
