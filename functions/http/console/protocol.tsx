import { can } from '../../../shared/domain/policy.js';
import type { Session } from '../../../shared/domain/session.js';
import { approveProtocol, getProtocol } from '../../../shared/use-cases/protocol.js';
import { getSession } from '../../../shared/use-cases/sessions.js';
import type { AppDeps } from '../app.js';
import { protocolHtml } from '../pages/protocol-page.js';
import { germanDateTimeShort, Notice, PostForm } from './components.js';
import { type ConsoleRoute, consoleRoute, noticeOf, seeOther } from './console-route.js';
import type { SignedInUser } from './layout.js';
import { SessionBreadcrumb } from './sessions.js';

const notices = {
  freigegeben: 'Die Ergebnisniederschrift ist freigegeben. Diese Fassung bleibt unverändert.',
};

/** The chair's button, or why there is none yet. */
const Approval = ({ session, user }: { session: Session; user: SignedInUser }) => {
  if (!can(user.principal, 'protocol:approve', session.bodyId)) return null;
  if (session.state !== 'concluded') {
    return (
      <p class="hint">
        Der Vorsitz kann die Niederschrift freigeben, sobald die Sitzung abgeschlossen ist.
      </p>
    );
  }
  return (
    <PostForm user={user} action={`/console/sessions/${session.id}/protocol/approval`}>
      <p class="hint">
        Mit der Freigabe wird diese Fassung festgeschrieben; spätere Änderungen an Beschlüssen
        ändern sie nicht mehr.
      </p>
      <button type="submit">Niederschrift freigeben</button>
    </PostForm>
  );
};

/**
 * The console's page of a session's result protocol: the draft (or the
 * approved version) inline, the PDF, and for the chair the approval.
 */
export const protocolRoutes = (deps: AppDeps): ConsoleRoute[] => [
  consoleRoute(
    {
      method: 'get',
      path: '/console/sessions/{sessionId}/protocol',
      operationId: 'consoleProtocol',
      summary: 'Ergebnisniederschrift einer Sitzung: Entwurf oder freigegebene Fassung, PDF',
      access: 'staff',
    },
    async (c, ctx) => {
      const session = await getSession(deps, ctx.actor, c.req.param('sessionId') ?? '');
      const view = await getProtocol(deps, ctx.actor, session.id);
      return ctx.page(
        { title: `Ergebnisniederschrift – ${session.title}`, section: 'bodies' },
        <>
          <SessionBreadcrumb session={session} here="Ergebnisniederschrift" />
          <h1>Ergebnisniederschrift</h1>
          <Notice text={noticeOf(c, notices)} />
          {view.approval === undefined ? (
            <p>Dies ist ein Entwurf; er zeigt den aktuellen Stand der Beschlüsse.</p>
          ) : (
            <p>
              Freigegeben von {view.approval.approvedBy} am{' '}
              {germanDateTimeShort(view.approval.approvedAt)} (Fassung {view.approval.number}).
            </p>
          )}
          <p>
            <a class="button secondary" href={`/console/sessions/${session.id}/protocol.pdf`}>
              Als PDF öffnen
            </a>
          </p>
          {view.approval === undefined ? <Approval session={session} user={ctx.user} /> : null}
          {protocolHtml(view)}
        </>,
      );
    },
  ),
  consoleRoute(
    {
      method: 'post',
      path: '/console/sessions/{sessionId}/protocol/approval',
      operationId: 'consoleApproveProtocol',
      summary: 'Ergebnisniederschrift freigeben (Vorsitz)',
      access: 'staff',
    },
    async (c, ctx) => {
      const sessionId = c.req.param('sessionId') ?? '';
      await approveProtocol(deps, ctx.actor, sessionId);
      return seeOther(c, `/console/sessions/${sessionId}/protocol`, 'freigegeben');
    },
  ),
];
