import { NotFoundError } from '../domain/errors.js';
import type { PaperFormat, PaperKind } from '../domain/paper.js';
import type { Session, SessionFormat, SessionState } from '../domain/session.js';
import { germanDateRange } from '../mail/dates.js';
import { sessionName } from '../mail/session-phrase.js';
import type { UseCaseDeps } from './context.js';
import { publicPaperPath, publicPapers } from './papers.js';
import { publishedResolutions, type ResolutionCollection } from './published-resolutions.js';

/**
 * The public record of a body's sessions, as the public pages and the public
 * calendar show it: the same as OParl serves (sessions, their public agenda
 * items, released resolutions), never a video link, a confidential item or
 * an unreleased resolution.
 */

/** A session as the public sees it: no video link, no invitations, no internal notes. */
export interface PublicSession {
  id: string;
  bodyId: string;
  /** "1. (konstituierende) Sitzung", "2. Sonderkonferenz 2027". */
  name: string;
  title: string;
  state: SessionState;
  format: SessionFormat;
  startsAt: string;
  endsAt: string;
  timeZone: string;
  /** "3.–6. März 2027", in the session's time zone. */
  dates: string;
  /** "Ratsstube, Hamburger Rathaus, Hamburg", or "Videokonferenz" without a place. */
  venue: string;
  address: string | undefined;
  /** Raised by every change of time, place or state: the calendar's SEQUENCE. */
  sequence: number;
  updatedAt: string;
}

/** The public agenda item: number and title only. */
export interface PublicAgendaItem {
  number: string;
  title: string;
}

/** How many sessions of a body the public list reads at most. */
const sessionLimit = 500;
const pageSize = 100;
const allTime = { from: '1900-01-01', to: '2999-12-31' };

const publicSession = (session: Session): PublicSession => ({
  id: session.id,
  bodyId: session.bodyId,
  name: sessionName(session),
  title: session.title,
  state: session.state,
  format: session.format,
  startsAt: session.startsAt,
  endsAt: session.endsAt,
  timeZone: session.timeZone,
  dates: germanDateRange(session.startsAt, session.endsAt, session.timeZone),
  venue:
    [session.place?.room, session.place?.building, session.place?.city]
      .filter(Boolean)
      .join(', ') || 'Videokonferenz',
  address: session.place?.address,
  sequence: session.sequence ?? 0,
  updatedAt: session.updatedAt,
});

const loadBody = async (deps: UseCaseDeps, bodyId: string) => {
  const body = await deps.repo.getBody(bodyId);
  if (body === undefined) throw new NotFoundError('Body', bodyId);
  return body;
};

/**
 * A body's sessions for the public: those still to come (soonest first)
 * and those past (latest first), by the clock; cancelled ones stay, marked
 * by their state.
 *
 * @example
 * ```ts
 * const { body, upcoming, past } = await publicSessionsOfBody(deps, 'imk');
 * ```
 */
export const publicSessionsOfBody = async (deps: UseCaseDeps, bodyId: string) => {
  const body = await loadBody(deps, bodyId);
  const sessions: Session[] = [];
  let next: string | undefined;
  do {
    const page = await deps.repo.listSessions({ ...allTime, bodyId, limit: pageSize, next });
    sessions.push(...page.items);
    next = page.next;
  } while (next !== undefined && sessions.length < sessionLimit);
  const now = deps.clock.now().getTime();
  // An exercise is never public: its sessions are not listed at all.
  const all = sessions.filter((session) => session.exercise !== true).map(publicSession);
  const upcoming = all
    .filter((session) => new Date(session.endsAt).getTime() >= now)
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  const past = all
    .filter((session) => new Date(session.endsAt).getTime() < now)
    .sort((a, b) => b.startsAt.localeCompare(a.startsAt));
  return { body: { id: body.id, name: body.name, shortName: body.shortName }, upcoming, past };
};

/** One session's public page: its facts, public agenda items and released resolutions. */
export interface PublicSessionRecord {
  body: { id: string; name: string; shortName: string };
  session: PublicSession;
  items: PublicAgendaItem[];
  resolutions: ResolutionCollection;
  /** Public papers of released items, with their public download path. */
  papers: PublicPaper[];
}

/** A public paper as the public session page lists it. */
export interface PublicPaper {
  itemNumber: string;
  title: string;
  kind: PaperKind;
  format: PaperFormat;
  bytes: number;
  path: string;
}

/**
 * A session as the public may see it: the facts, only its public agenda
 * items in their order, and only its released resolutions (`publishedResolutions`).
 *
 * @example
 * ```ts
 * const record = await publicSessionRecord(deps, sessionId);
 * record.items; // [{ number: '1', title: 'Lage in der Ukraine' }, …]
 * ```
 */
export const publicSessionRecord = async (
  deps: UseCaseDeps,
  sessionId: string,
): Promise<PublicSessionRecord> => {
  const session = await deps.repo.getSession(sessionId);
  // An exercise answers as if it did not exist.
  if (session === undefined || session.exercise === true) {
    throw new NotFoundError('Session', sessionId);
  }
  const [body, agenda, resolutions, papers, sessionResolutions] = await Promise.all([
    loadBody(deps, session.bodyId),
    deps.repo.listAgenda(sessionId),
    publishedResolutions(deps, sessionId),
    deps.repo.listPapers(sessionId),
    deps.repo.listResolutionsOfSession(sessionId),
  ]);
  return {
    body: { id: body.id, name: body.name, shortName: body.shortName },
    session: publicSession(session),
    items: agenda
      .filter((item) => item.public)
      .sort((a, b) => a.position - b.position)
      .map((item) => ({ number: item.number, title: item.title })),
    resolutions,
    papers: publicPapers(session, papers, agenda, sessionResolutions).map(
      ({ paper, version, item }) => ({
        itemNumber: item.number,
        title: paper.title,
        kind: paper.kind,
        format: version.format,
        bytes: version.bytes,
        path: publicPaperPath(session.id, paper.id),
      }),
    ),
  };
};
