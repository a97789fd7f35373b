import { formatLabel, germanFileSize, paperKindLabel } from '../../../shared/domain/paper.js';
import type {
  PublicSession,
  PublicSessionRecord,
} from '../../../shared/use-cases/public-sessions.js';
import { germanDateTimeShort, SessionStateBadge } from '../console/components.js';
import { collectionTitle } from '../pages/resolutions-page.js';
import { publicPage } from './public-page.js';

/** Where the public record of sessions lives. */
export const publicSessionPaths = {
  sessions: (bodyId: string) => `/public/bodies/${bodyId}/sessions`,
  calendar: (bodyId: string) => `/public/bodies/${bodyId}/sessions.ics`,
  session: (sessionId: string) => `/public/sessions/${sessionId}`,
  resolutions: (sessionId: string) => `/public/sessions/${sessionId}/resolutions`,
  pdf: (sessionId: string) => `/public/sessions/${sessionId}/resolutions.pdf`,
} as const;

const SessionEntry = ({ session }: { session: PublicSession }) => (
  <li class="session-entry">
    <h3>
      <a href={publicSessionPaths.session(session.id)}>
        {session.name}: {session.title}
      </a>
    </h3>
    <p class="meta">
      <time datetime={session.startsAt}>
        {germanDateTimeShort(session.startsAt, session.timeZone)}
      </time>
      {' · '}
      {session.venue}
      {' · '}
      <SessionStateBadge state={session.state} />
    </p>
  </li>
);

const SessionList = (props: {
  id: string;
  title: string;
  empty: string;
  sessions: PublicSession[];
}) => (
  <section aria-labelledby={props.id}>
    <h2 id={props.id}>{props.title}</h2>
    {props.sessions.length === 0 ? (
      <p>{props.empty}</p>
    ) : (
      <ul class="session-list">
        {props.sessions.map((session) => (
          <SessionEntry session={session} />
        ))}
      </ul>
    )}
  </section>
);

/**
 * The public sessions of a body, those to come and those past, each linking
 * to its page, with the body's calendar to subscribe to.
 *
 * @example
 * ```ts
 * c.html(publicSessionsPage(await publicSessionsOfBody(deps, 'imk')));
 * ```
 */
export const publicSessionsPage = (input: {
  body: { id: string; name: string; shortName: string };
  upcoming: PublicSession[];
  past: PublicSession[];
}) => {
  const calendar = publicSessionPaths.calendar(input.body.id);
  return publicPage(
    `Sitzungen der ${input.body.shortName}`,
    <>
      <h1>Sitzungen der {input.body.shortName}</h1>
      <p class="lead">{input.body.name}</p>
      <SessionList
        id="kommende"
        title="Kommende Sitzungen"
        empty="Derzeit ist keine Sitzung angesetzt."
        sessions={input.upcoming}
      />
      <SessionList
        id="vergangene"
        title="Vergangene Sitzungen"
        empty="Bisher hat keine Sitzung stattgefunden."
        sessions={input.past}
      />
      <section aria-labelledby="kalender">
        <h2 id="kalender">Sitzungskalender</h2>
        <p>
          Die Sitzungstermine gibt es als Kalender zum Abonnieren (iCalendar):{' '}
          <a href={calendar} type="text/calendar">
            Sitzungskalender der {input.body.shortName}
          </a>
        </p>
      </section>
    </>,
    {
      indexable: true,
      wide: true,
      alternates: [
        {
          type: 'text/calendar',
          href: calendar,
          title: `Sitzungskalender der ${input.body.shortName}`,
        },
      ],
    },
  );
};

/**
 * One session's public page: its facts, its public agenda items, and once
 * released its resolutions with the PDF collection; nothing confidential.
 *
 * @example
 * ```ts
 * c.html(publicSessionPage(await publicSessionRecord(deps, sessionId)));
 * ```
 */
export const publicSessionPage = (record: PublicSessionRecord) => {
  const { session, body, items, resolutions, papers } = record;
  const released = resolutions.resolutions;
  return publicPage(
    `${session.name} der ${body.shortName}: ${session.title}`,
    <>
      <p class="lead">
        <a href={publicSessionPaths.sessions(body.id)}>Sitzungen der {body.shortName}</a>
      </p>
      <h1>
        {session.name} der {body.shortName}: {session.title}
      </h1>
      <dl class="facts">
        <dt>Gremium</dt>
        <dd>{body.name}</dd>
        <dt>Termin</dt>
        <dd>{session.dates}</dd>
        <dt>Beginn</dt>
        <dd>
          <time datetime={session.startsAt}>
            {germanDateTimeShort(session.startsAt, session.timeZone)}
          </time>
        </dd>
        <dt>Ort</dt>
        <dd>{session.venue}</dd>
        <dt>Stand</dt>
        <dd>
          <SessionStateBadge state={session.state} />
        </dd>
      </dl>
      {session.state === 'cancelled' ? (
        <p class="notice warning">Diese Sitzung ist abgesagt.</p>
      ) : null}
      <section aria-labelledby="tagesordnung">
        <h2 id="tagesordnung">Tagesordnung</h2>
        {items.length === 0 ? (
          <p>Eine öffentliche Tagesordnung liegt noch nicht vor.</p>
        ) : (
          <ul class="item-list">
            {items.map((item) => (
              <li>
                <strong>TOP {item.number}</strong> {item.title}
              </li>
            ))}
          </ul>
        )}
      </section>
      {papers.length === 0 ? null : (
        <section aria-labelledby="unterlagen">
          <h2 id="unterlagen">Unterlagen</h2>
          <ul class="item-list">
            {papers.map((paper) => (
              <li>
                <strong>TOP {paper.itemNumber}</strong> <a href={paper.path}>{paper.title}</a> (
                {paperKindLabel[paper.kind]}, {formatLabel[paper.format]},{' '}
                {germanFileSize(paper.bytes)})
              </li>
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="beschluesse">
        <h2 id="beschluesse">Beschlüsse</h2>
        {released.length === 0 ? (
          <p>Zu dieser Sitzung sind noch keine Beschlüsse zur Veröffentlichung freigegeben.</p>
        ) : (
          <>
            <p>{collectionTitle(resolutions)}</p>
            <ul class="feed-links">
              <li>
                <a href={publicSessionPaths.resolutions(session.id)}>Beschlüsse im Wortlaut</a>
              </li>
              <li>
                <a href={publicSessionPaths.pdf(session.id)} type="application/pdf">
                  Beschlusssammlung als PDF
                </a>
              </li>
            </ul>
            {released.map((resolution) => (
              <section aria-label={`TOP ${resolution.item.number}: ${resolution.title}`}>
                <h3>
                  TOP {resolution.item.number}: {resolution.item.title}
                </h3>
                {resolution.title !== resolution.item.title ? <p>{resolution.title}</p> : null}
                <ol>
                  {resolution.paragraphs.map((paragraph) => (
                    <li>{paragraph}</li>
                  ))}
                </ol>
              </section>
            ))}
          </>
        )}
      </section>
    </>,
    { indexable: true, wide: true },
  );
};

/** The German page for a body or session the public record does not know. */
const notFoundTexts = {
  body: ['Gremium nicht gefunden', 'Unter dieser Adresse ist kein Gremium veröffentlicht.'],
  session: ['Sitzung nicht gefunden', 'Unter dieser Adresse ist keine Sitzung veröffentlicht.'],
  paper: ['Unterlage nicht gefunden', 'Unter dieser Adresse ist keine Unterlage veröffentlicht.'],
} as const;

export const publicNotFoundPage = (what: keyof typeof notFoundTexts) =>
  publicPage(
    notFoundTexts[what][0],
    <>
      <h1>{notFoundTexts[what][0]}</h1>
      <p>{notFoundTexts[what][1]}</p>
    </>,
  );
