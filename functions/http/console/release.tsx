import type { BodyWithMembers } from '../../../shared/domain/body.js';
import { can, requirePermission } from '../../../shared/domain/policy.js';
import type { Resolution } from '../../../shared/domain/resolution.js';
import { proposeSessionRelease } from '../../../shared/use-cases/session-release.js';
import type { AppDeps } from '../app.js';
import { readForm } from '../routes/link-pages.js';
import { germanDateTimeShort, inMemberOrder, Notice, PostForm } from './components.js';
import { type ConsoleRoute, consoleRoute, noticeOf, seeOther } from './console-route.js';
import { DecisionNav, loadDecisions, ResolutionStateBadge, SessionHeading } from './resolutions.js';

/** htmx stops polling on this status: every proposal is settled. */
const stopPolling = 286;

const answerOf = (resolution: Resolution, memberId: string): string => {
  const release = resolution.release;
  if (release === undefined) return '–';
  const objection = release.objections.find((o) => o.memberId === memberId);
  if (objection !== undefined) {
    const scope = objection.reportIds === undefined ? 'Widerspruch' : 'Widerspruch zu Berichten';
    return objection.reason === undefined ? scope : `${scope}: ${objection.reason}`;
  }
  if (release.consents.includes(memberId)) return 'Zustimmung';
  return release.settledAt === undefined ? 'offen' : 'keine Antwort';
};

/** The answers of the voting members to the proposed releases; polled while any is open. */
const ReleaseState = ({
  body,
  proposed,
}: {
  body: BodyWithMembers;
  proposed: readonly Resolution[];
}) => {
  const voters = body.members.filter((member) => member.voting).sort(inMemberOrder);
  if (proposed.length === 0) return <p>Es ist noch keine Freigabe vorgeschlagen.</p>;
  return (
    <>
      <ul class="release-summary">
        {proposed.map((resolution, index) => {
          const release = resolution.release;
          const answered = (release?.consents.length ?? 0) + (release?.objections.length ?? 0);
          return (
            <li>
              <strong>
                {index + 1}. {resolution.title}
              </strong>{' '}
              <ResolutionStateBadge state={resolution.state} />{' '}
              {release?.settledAt === undefined ? (
                <>
                  – {answered} von {voters.length} Ländern {answered === 1 ? 'hat' : 'haben'}{' '}
                  geantwortet; Widerspruch möglich bis{' '}
                  <time datetime={release?.objectionDeadline}>
                    {germanDateTimeShort(release?.objectionDeadline ?? resolution.updatedAt)}
                  </time>
                  .
                </>
              ) : (
                <>
                  – entschieden am{' '}
                  <time datetime={release.settledAt}>{germanDateTimeShort(release.settledAt)}</time>
                  .
                </>
              )}
            </li>
          );
        })}
      </ul>
      <div class="table-scroll">
        <table aria-labelledby="antworten-titel" class="release-grid">
          <thead>
            <tr>
              <th scope="col">Land</th>
              {proposed.map((_resolution, index) => (
                <th scope="col">Beschluss {index + 1}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {voters.map((member) => (
              <tr>
                <th scope="row">{member.name}</th>
                {proposed.map((resolution) => (
                  <td>{answerOf(resolution, member.memberId)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
};

const notices = {
  vorgeschlagen:
    'Die Freigabe ist vorgeschlagen. Die Länder erhalten eine E-Mail und können zustimmen oder widersprechen.',
  unveraendert: 'Die gewählten Beschlüsse waren bereits zur Freigabe vorgeschlagen.',
};

/** The session-wide release: propose it, and watch each Land's consent or objection. */
export const releaseRoutes = (deps: AppDeps): ConsoleRoute[] => [
  consoleRoute(
    {
      method: 'get',
      path: '/console/sessions/{sessionId}/release',
      operationId: 'consoleRelease',
      summary: 'Freigabe der Beschlüsse vorschlagen und die Antworten der Länder verfolgen',
      access: 'staff',
    },
    async (c, ctx) => {
      const { session, body, resolutions } = await loadDecisions(
        deps,
        ctx.actor,
        c.req.param('sessionId') ?? '',
      );
      const proposed = resolutions.filter((r) => r.release !== undefined);
      const open = proposed.some((r) => r.release?.settledAt === undefined);
      const state = <ReleaseState body={body} proposed={proposed} />;
      // htmx's polling asks for the answers only.
      if (c.req.header('hx-request') === 'true') {
        return c.html(state, (open ? 200 : stopPolling) as 200);
      }
      const candidates = resolutions.filter(
        (r) => r.state === 'decided' && r.outcome === 'passed' && r.release === undefined,
      );
      const mayPropose = can(ctx.user.principal, 'resolutions:propose-release', session.bodyId);
      return ctx.page(
        { title: `Freigabe: ${session.title}`, section: 'bodies' },
        <>
          <SessionHeading session={session} title="Freigabe der Beschlüsse" />
          <DecisionNav sessionId={session.id} current="release" />
          <Notice text={noticeOf(c, notices)} />
          <p>
            Angenommene Beschlüsse werden veröffentlicht, wenn kein Land innerhalb der Frist
            widerspricht oder alle Länder zugestimmt haben.
          </p>
          <h2 id="antworten-titel">Antworten der Länder</h2>
          <div
            id="freigabe-stand"
            aria-live="polite"
            {...(open
              ? {
                  'hx-get': `/console/sessions/${session.id}/release`,
                  'hx-trigger': 'every 5s',
                  'hx-swap': 'innerHTML',
                }
              : {})}
          >
            {state}
          </div>
          <h2 id="vorschlag-titel">Freigabe vorschlagen</h2>
          {!mayPropose ? (
            <p>Die Freigabe schlägt der Vorsitz vor.</p>
          ) : candidates.length === 0 ? (
            <p>
              Es gibt keinen angenommenen Beschluss, der noch zur Freigabe vorgeschlagen werden
              kann.
            </p>
          ) : (
            <PostForm user={ctx.user} action={`/console/sessions/${session.id}/release`}>
              <fieldset>
                <legend>Beschlüsse zur Freigabe</legend>
                {candidates.map((resolution) => (
                  <label class="choice" for={`freigabe-${resolution.id}`}>
                    <input
                      type="checkbox"
                      id={`freigabe-${resolution.id}`}
                      name="resolutionId"
                      value={resolution.id}
                      checked
                    />{' '}
                    {resolution.title}
                  </label>
                ))}
              </fieldset>
              <label for="widerspruchsfrist">
                Widerspruchsfrist in Stunden
                <span class="hint" id="widerspruchsfrist-hinweis">
                  Mindestens {body.minObjectionHours ?? 24} Stunden; üblich sind 72 Stunden.
                </span>
              </label>
              <input
                id="widerspruchsfrist"
                name="objectionHours"
                type="number"
                min={String(body.minObjectionHours ?? 24)}
                max="1440"
                value="72"
                required
                aria-describedby="widerspruchsfrist-hinweis"
              />
              <div class="actions">
                <button type="submit">Freigabe vorschlagen</button>
              </div>
            </PostForm>
          )}
        </>,
      );
    },
  ),
  consoleRoute(
    {
      method: 'post',
      path: '/console/sessions/{sessionId}/release',
      operationId: 'consoleProposeRelease',
      summary: 'Freigabe mehrerer Beschlüsse einer Sitzung vorschlagen (Vorsitz)',
      access: 'staff',
    },
    async (c, ctx) => {
      const form = await readForm(c);
      const { session } = await loadDecisions(deps, ctx.actor, c.req.param('sessionId') ?? '');
      requirePermission(ctx.user.principal, 'resolutions:propose-release', session.bodyId);
      const hours = form('objectionHours');
      const proposal = await proposeSessionRelease(deps, ctx.actor, session.id, {
        resolutionIds: form.all('resolutionId'),
        ...(hours === undefined ? {} : { objectionHours: Number(hours) }),
      });
      return seeOther(
        c,
        `/console/sessions/${session.id}/release`,
        proposal.batchId === undefined ? 'unveraendert' : 'vorgeschlagen',
      );
    },
  ),
];
