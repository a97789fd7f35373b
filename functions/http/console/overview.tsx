import type { Session } from '../../../shared/domain/session.js';
import { listSessions } from '../../../shared/use-cases/sessions.js';
import type { AppDeps } from '../app.js';
import { germanDateTimeShort, SessionStateBadge } from './components.js';
import { type ConsoleRoute, consoleRoute } from './console-route.js';

const dayMs = 24 * 60 * 60 * 1000;

const SessionRow = ({ session }: { session: Session }) => (
  <tr>
    <td>
      <time datetime={session.startsAt}>
        {germanDateTimeShort(session.startsAt, session.timeZone)}
      </time>
    </td>
    <td>{session.bodyId.toUpperCase()}</td>
    <td>
      <a href={`/console/sessions/${session.id}`}>{session.title}</a>
    </td>
    <td>
      <SessionStateBadge state={session.state} />
    </td>
  </tr>
);

/**
 * The console's start page: the coming sessions of the bodies the signed-in
 * person works for.
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
      const { items } = await listSessions(deps, ctx.actor, {
        from: new Date(now.getTime() - dayMs).toISOString(),
        to: new Date(now.getTime() + 400 * dayMs).toISOString(),
        limit: 100,
      });
      const coming = items.filter((s) => s.state !== 'cancelled');
      return ctx.page(
        { title: 'Übersicht', section: 'overview' },
        <>
          <h1>Übersicht</h1>
          <h2 id="kommende">Kommende Sitzungen</h2>
          {coming.length === 0 ? (
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
                  </tr>
                </thead>
                <tbody>
                  {coming.map((session) => (
                    <SessionRow session={session} />
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>,
      );
    },
  ),
];
