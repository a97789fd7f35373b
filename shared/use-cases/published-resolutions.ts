import { NotFoundError } from '../domain/errors.js';
import { paragraphs, type Resolution } from '../domain/resolution.js';
import type { Session } from '../domain/session.js';
import { germanDatePhrase, germanDateRange } from '../mail/dates.js';
import { sessionPhrase } from '../mail/session-phrase.js';
import type { UseCaseDeps } from './context.js';

/** A released resolution as the public sees it. */
export interface PublishedResolution {
  id: string;
  /** The agenda item's number and title (TOP). */
  item: { number: string; title: string };
  title: string;
  paragraphs: string[];
  statements: { members: string[]; text: string }[];
  reports: { title: string; released: boolean }[];
  corrections: { at: string; note: string }[];
  decidedAt: string | undefined;
  /**
   * How the release came about: every voting member consented, or the
   * objection period (at least the body's minimum) ended without objection.
   */
  release: { at: string; basis: 'all-consented' | 'no-objection' } | undefined;
}

/** What a session's public collection of released resolutions shows. */
export interface ResolutionCollection {
  body: { name: string; shortName: string };
  session: {
    id: string;
    number: number;
    title: string;
    startsAt: string;
    endsAt: string;
    timeZone: string;
  };
  /** "3.–6. März 2027", in the session's time zone. */
  dates: string;
  /** The dates as running text writes them: "vom 3. bis 6. März 2027", "am 3. März 2027". */
  datePhrase: string;
  /** The session as a genitive: "der konstituierenden Sitzung der IMK", "der 221. Sitzung der IMK". */
  sessionOf: string;
  /** "Hamburg" or "Videokonferenz". */
  place: string;
  /** "Ratsstube, Hamburger Rathaus, Hamburg". */
  venue: string;
  resolutions: PublishedResolution[];
}

const publicPlace = (session: Session) =>
  [session.place?.room, session.place?.building, session.place?.city].filter(Boolean).join(', ') ||
  'Videokonferenz';

/**
 * The released resolutions of a session, in agenda order: nothing that is
 * a draft, decided but not released, or kept internal ever leaves here.
 * Reports carry their release tag; statements name their Länder.
 */
export const publishedResolutions = async (
  deps: UseCaseDeps,
  sessionId: string,
): Promise<ResolutionCollection> => {
  const session = await deps.repo.getSession(sessionId);
  // An exercise is answered for as if it did not exist.
  if (session === undefined || session.exercise === true) {
    throw new NotFoundError('Session', sessionId);
  }
  const [body, agenda, resolutions] = await Promise.all([
    deps.repo.getBodyWithMembers(session.bodyId),
    deps.repo.listAgenda(sessionId),
    deps.repo.listResolutionsOfSession(sessionId),
  ]);
  if (body === undefined) throw new NotFoundError('Session', sessionId);
  const memberName = (id: string) =>
    body.members.find((member) => member.memberId === id)?.name ?? id;
  const items = new Map(agenda.map((item) => [item.id, item]));
  const released = resolutions
    .filter((resolution: Resolution) => resolution.state === 'released')
    .sort(
      (a, b) =>
        (items.get(a.itemId ?? '')?.position ?? 0) - (items.get(b.itemId ?? '')?.position ?? 0),
    );
  return {
    body: { name: body.name, shortName: body.shortName },
    session: {
      id: session.id,
      number: session.number,
      title: session.title,
      startsAt: session.startsAt,
      endsAt: session.endsAt,
      timeZone: session.timeZone,
    },
    dates: germanDateRange(session.startsAt, session.endsAt, session.timeZone),
    datePhrase: germanDatePhrase(session.startsAt, session.endsAt, session.timeZone),
    sessionOf: sessionPhrase(session, body, 'genitive'),
    place: session.place?.city ?? 'Videokonferenz',
    venue: publicPlace(session),
    resolutions: released.map((resolution) => {
      const item = items.get(resolution.itemId ?? '');
      return {
        id: resolution.id,
        // A confidential item is named by its number only; the resolution's own title stands for it.
        item: {
          number: item?.number ?? '',
          title: item?.public === true ? item.title : resolution.title,
        },
        title: resolution.title,
        paragraphs: paragraphs(resolution.text),
        statements: resolution.statements.map((statement) => ({
          members: statement.memberIds.map(memberName),
          text: statement.text,
        })),
        reports: resolution.reports.map((report) => ({
          title: report.title,
          released: report.released === true,
        })),
        corrections: resolution.revisions
          .filter((revision) => revision.kind === 'correction')
          .map((revision) => ({ at: revision.at, note: revision.note ?? '' })),
        decidedAt: resolution.decidedAt,
        release:
          resolution.release?.settledAt === undefined
            ? undefined
            : {
                at: resolution.release.settledAt,
                basis: body.members
                  .filter((m) => m.voting)
                  .every((m) => resolution.release?.consents.includes(m.memberId))
                  ? 'all-consented'
                  : 'no-objection',
              },
      };
    }),
  };
};
