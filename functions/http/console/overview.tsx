import { can } from '../../../shared/domain/policy.js';
import { listBodies } from '../../../shared/use-cases/bodies.js';
import {
  type OverviewTask,
  type SessionOverview,
  sessionOverview,
} from '../../../shared/use-cases/session-overview.js';
import type { AppDeps } from '../app.js';
import { monthKey, monthOf } from './berlin-dates.js';
import { germanDateTimeShort, SessionStateBadge } from './components.js';
import { type ConsoleRoute, consoleRoute } from './console-route.js';

const dayMs = 24 * 60 * 60 * 1000;

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/** "12 Zusagen, 2 Absagen, 3 offen", or that nobody is invited yet. */
export const answersText = ({ invited, answers }: SessionOverview): string => {
  if (invited === 0) return 'Noch keine Einladungen versandt';
  return [
    plural(answers.accepted, 'Zusage', 'Zusagen'),
    plural(answers.declined, 'Absage', 'Absagen'),
    ...(answers.tentative > 0 ? [`${answers.tentative} unter Vorbehalt`] : []),
    `${answers.open} offen`,
  ].join(', ');
};

const TaskItem = ({ task, sessionId }: { task: OverviewTask; sessionId: string }) => {
  switch (task.kind) {
    case 'agenda-not-approved':
      return (
        <li>
          <a href={`/console/sessions/${sessionId}/agenda`}>
            {task.outdated
              ? 'Tagesordnung nach Änderung erneut freizugeben'
              : 'Tagesordnung noch nicht vom Vorsitz freigegeben'}
          </a>
        </li>
      );
    case 'deadline-near':
      return (
        <li>
          <a href={`/console/sessions/${sessionId}/board`}>
            Rückmeldefrist endet {germanDateTimeShort(task.deadline)} ({task.open} offen)
          </a>
        </li>
      );
    case 'mails-in-review':
      return (
        <li>
          <a href={`/console/sessions/${sessionId}/board`}>
            {plural(task.count, 'Antwort-Mail wartet', 'Antwort-Mails warten')} auf Prüfung
          </a>
        </li>
      );
    case 'failed-deliveries':
      return (
        <li>
          <a href={`/console/sessions/${sessionId}/mails`}>
            {plural(task.count, 'Mail nicht zugestellt', 'Mails nicht zugestellt')}
          </a>
        </li>
      );
  }
};

const SessionRow = ({ row }: { row: SessionOverview }) => (
  <tr>
    <td>
      <time datetime={row.session.startsAt}>
        {germanDateTimeShort(row.session.startsAt, row.session.timeZone)}
      </time>
    </td>
    <td>{row.bodyShortName}</td>
    <td>
      <a href={`/console/sessions/${row.session.id}`}>{row.session.title}</a>
    </td>
    <td>
      <SessionStateBadge state={row.session.state} />
    </td>
    <td>{answersText(row)}</td>
    <td>
      {row.tasks.length === 0 ? (
        <span class="muted">keine</span>
      ) : (
        <ul class="tasks">
          {row.tasks.map((task) => (
            <TaskItem task={task} sessionId={row.session.id} />
          ))}
        </ul>
      )}
    </td>
  </tr>
);

/**
 * The console's start page: the coming sessions of the bodies the signed-in
 * person works for, with answers and open tasks, the bodies, and the
 * calendar.
 */
export const overviewRoutes = (deps: AppDeps): ConsoleRoute[] => [
  consoleRoute(
    {
      method: 'get',
      path: '/console',
      operationId: 'consoleOverview',
      summary: 'Übersicht: kommende Sitzungen der eigenen Gremien',
      access: 'staff',
    },
    async (_c, ctx) => {
      const now = deps.clock.now();
      const [rows, bodies] = await Promise.all([
        sessionOverview(deps, ctx.actor, {
          from: new Date(now.getTime() - dayMs).toISOString(),
          to: new Date(now.getTime() + 400 * dayMs).toISOString(),
        }),
        listBodies(deps, ctx.actor, { limit: 100 }),
      ]);
      const principal = ctx.user.principal;
      const own = bodies.items.filter((body) => can(principal, 'body:read', body.id));
      const taskCount = rows.reduce((sum, row) => sum + row.tasks.length, 0);
      return ctx.page(
        { title: 'Übersicht', section: 'overview' },
        <>
          <h1>Übersicht</h1>
          <p class="lead">
            {taskCount === 0
              ? 'Derzeit sind keine Aufgaben offen.'
              : `${plural(taskCount, 'Aufgabe ist', 'Aufgaben sind')} offen.`}{' '}
            <a href={`/console/calendar?monat=${monthKey(monthOf(now))}`}>Monatskalender öffnen</a>
          </p>
          <h2 id="kommende">Kommende Sitzungen</h2>
          {rows.length === 0 ? (
            <p>Es sind keine Sitzungen geplant.</p>
          ) : (
            <div class="table-scroll">
              <table aria-labelledby="kommende">
                <thead>
                  <tr>
                    <th scope="col">Beginn</th>
                    <th scope="col">Gremium</th>
                    <th scope="col">Sitzung</th>
                    <th scope="col">Stand</th>
                    <th scope="col">Rückmeldungen</th>
                    <th scope="col">Offene Aufgaben</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((row) => (
                    <SessionRow row={row} />
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <h2 id="gremien">Ihre Gremien</h2>
          {own.length === 0 ? (
            <p>Sie sind keinem Gremium zugeordnet.</p>
          ) : (
            <ul class="cards" aria-labelledby="gremien">
              {own.map((body) => (
                <li class="card">
                  <h3>
                    <a href={`/console/bodies/${body.id}`}>{body.shortName}</a>
                  </h3>
                  <p>{body.name}</p>
                  {can(principal, 'sessions:manage', body.id) ? (
                    <p>
                      <a class="button secondary" href={`/console/bodies/${body.id}/sessions/new`}>
                        Neue Sitzung<span class="visually-hidden"> für {body.shortName}</span>
                      </a>
                    </p>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
        </>,
      );
    },
  ),
];
