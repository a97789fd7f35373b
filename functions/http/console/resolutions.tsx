import type { Context } from 'hono';
import { ulid } from 'ulid';
import type { AgendaItem } from '../../../shared/domain/agenda.js';
import type { BodyWithMembers, DecisionRule } from '../../../shared/domain/body.js';
import { PreconditionFailedError } from '../../../shared/domain/errors.js';
import { can, requirePermission } from '../../../shared/domain/policy.js';
import {
  paragraphs,
  type Resolution,
  type ResolutionState,
  type Tally,
  type VoteValue,
} from '../../../shared/domain/resolution.js';
import type { Session } from '../../../shared/domain/session.js';
import { listAgenda } from '../../../shared/use-cases/agenda.js';
import { getBody } from '../../../shared/use-cases/bodies.js';
import type { Actor } from '../../../shared/use-cases/context.js';
import {
  addStatement,
  createResolution,
  decideResolution,
  getResolution,
  listSessionResolutions,
} from '../../../shared/use-cases/resolutions.js';
import { getSession } from '../../../shared/use-cases/sessions.js';
import type { AppDeps } from '../app.js';
import type { AppEnv } from '../app-env.js';
import { readForm } from '../routes/link-pages.js';
import { germanDateTimeShort, Notice, PostForm, SessionStateBadge } from './components.js';
import { type ConsoleRoute, consoleRoute, noticeOf, seeOther } from './console-route.js';

/** The German names of a vote, as the grid and the results show them. */
export const voteNames: Record<VoteValue, string> = {
  yes: 'Ja',
  no: 'Nein',
  abstain: 'Enthaltung',
  absent: 'nicht teilgenommen',
};

/** The German names of a resolution's states. */
export const resolutionStateNames: Record<ResolutionState, string> = {
  draft: 'Entwurf',
  decided: 'beschlossen',
  released: 'freigegeben',
  internal: 'nicht freigegeben (intern)',
};

const stateTone: Record<ResolutionState, string> = {
  draft: 'badge',
  decided: 'badge ok',
  released: 'badge ok',
  internal: 'badge warn',
};

/** A resolution's state as a small label (in words, not by colour alone). */
export const ResolutionStateBadge = ({ state }: { state: ResolutionState }) => (
  <span class={stateTone[state]}>{resolutionStateNames[state]}</span>
);

/** The body's rule in a few German words. */
export const ruleName = (rule: DecisionRule): string =>
  rule.kind === 'unanimity' ? 'Einstimmigkeit' : 'Mehrheit';

/** "16 Ja, 0 Nein, 1 Enthaltung, 0 nicht teilgenommen". */
export const tallyText = (tally: Tally): string =>
  `${tally.yes} Ja, ${tally.no} Nein, ${tally.abstain} ${tally.abstain === 1 ? 'Enthaltung' : 'Enthaltungen'}, ${tally.absent} nicht teilgenommen`;

/**
 * The result of a decided resolution in German, by the body's rule:
 * "Einstimmig angenommen (16 Ja, …)" or "Abgelehnt (…)".
 *
 * @example
 * ```ts
 * resultText(resolution, { kind: 'unanimity' }); // 'Einstimmig angenommen (16 Ja, 0 Nein, …)'
 * ```
 */
export const resultText = (resolution: Resolution, rule: DecisionRule): string | undefined => {
  if (resolution.outcome === undefined || resolution.tally === undefined) return undefined;
  const passed =
    resolution.outcome === 'passed'
      ? rule.kind === 'unanimity'
        ? 'Einstimmig angenommen'
        : 'Mit Mehrheit angenommen'
      : 'Abgelehnt';
  return `${passed} (${tallyText(resolution.tally)})`;
};

/** The links between the decision pages of a session. */
export const DecisionNav = ({ sessionId, current }: { sessionId: string; current: string }) => {
  const links = [
    ['hub', `/console/sessions/${sessionId}`, 'Zur Sitzung'],
    ['resolutions', `/console/sessions/${sessionId}/resolutions`, 'Beschlüsse'],
    ['votes', `/console/sessions/${sessionId}/votes`, 'Abstimmung'],
    ['release', `/console/sessions/${sessionId}/release`, 'Freigabe'],
  ] as const;
  return (
    <nav aria-label="Beschlüsse der Sitzung" class="decision-nav">
      <ul>
        {links.map(([key, href, label]) => (
          <li>
            <a href={href} aria-current={key === current ? 'page' : undefined}>
              {label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
};

/** The session, its body with members, agenda and resolutions, as the actor may see them. */
export const loadDecisions = async (deps: AppDeps, actor: Actor, sessionId: string) => {
  const session = await getSession(deps, actor, sessionId);
  const [body, agenda, resolutions] = await Promise.all([
    getBody(deps, actor, session.bodyId),
    listAgenda(deps, actor, sessionId),
    listSessionResolutions(deps, actor, sessionId),
  ]);
  return { session, body, agenda, resolutions };
};

/** A 412 when the form was made from an older version of the resolution. */
export const requireSameVersion = (resolution: Resolution, sent: string | undefined) => {
  if (sent === undefined || Number(sent) !== resolution.version) {
    throw new PreconditionFailedError();
  }
};

const SessionHeading = ({ session, title }: { session: Session; title: string }) => (
  <>
    <h1>{title}</h1>
    <p class="lead">
      {session.title},{' '}
      <time datetime={session.startsAt}>
        {germanDateTimeShort(session.startsAt, session.timeZone)}
      </time>{' '}
      <SessionStateBadge state={session.state} />
    </p>
  </>
);

export { SessionHeading };

const StatementForm = (props: {
  user: Parameters<typeof PostForm>[0]['user'];
  sessionId: string;
  resolution: Resolution;
  body: BodyWithMembers;
}) => {
  const id = `erklaerung-${props.resolution.id}`;
  return (
    <details>
      <summary>Protokollerklärung hinzufügen</summary>
      <PostForm
        user={props.user}
        action={`/console/sessions/${props.sessionId}/resolutions/${props.resolution.id}/statements`}
      >
        <fieldset>
          <legend>Protokollerklärung eines Mitglieds</legend>
          <label for={`${id}-mitglied`}>Mitglied</label>
          <select id={`${id}-mitglied`} name="memberId" required>
            {props.body.members.map((member) => (
              <option value={member.memberId}>{member.name}</option>
            ))}
          </select>
          <label for={`${id}-text`}>
            Text der Erklärung
            <span class="hint" id={`${id}-hinweis`}>
              Eine neue Erklärung desselben Mitglieds ersetzt seine frühere.
            </span>
          </label>
          <textarea id={`${id}-text`} name="text" required aria-describedby={`${id}-hinweis`} />
          <div class="actions">
            <button type="submit" class="secondary">
              Erklärung aufnehmen
            </button>
          </div>
        </fieldset>
      </PostForm>
    </details>
  );
};

/**
 * What a resolution says, below its heading: its state, its result by the
 * body's rule once decided, its paragraphs and the protocol statements.
 * The session's resolutions page and a written procedure's page show it alike.
 */
export const ResolutionContent = ({
  resolution,
  body,
  statementsHeading = false,
}: {
  resolution: Resolution;
  body: BodyWithMembers;
  /** A "Protokollerklärungen" heading above the statements. */
  statementsHeading?: boolean;
}) => {
  const names = new Map(body.members.map((m) => [m.memberId, m.name]));
  const result = resultText(resolution, body.decisionRule);
  const statements =
    resolution.statements.length === 0 ? null : (
      <ul class="statements">
        {resolution.statements.map((statement) => (
          <li>
            <strong>{statement.memberIds.map((id) => names.get(id) ?? id).join(', ')}:</strong>{' '}
            {statement.text}
          </li>
        ))}
      </ul>
    );
  return (
    <>
      <p>
        Stand: <ResolutionStateBadge state={resolution.state} />
      </p>
      {result === undefined ? null : (
        <p class="result">
          <strong>Ergebnis:</strong> {result}
        </p>
      )}
      <ol class="resolution-text">
        {paragraphs(resolution.text).map((paragraph) => (
          <li>{paragraph}</li>
        ))}
      </ol>
      {statements !== null && statementsHeading ? (
        <>
          <h4>Protokollerklärungen</h4>
          {statements}
        </>
      ) : (
        statements
      )}
    </>
  );
};

const ResolutionCard = (props: {
  user: Parameters<typeof PostForm>[0]['user'];
  session: Session;
  body: BodyWithMembers;
  resolution: Resolution;
  manage: boolean;
}) => {
  const { resolution, body } = props;
  const headingId = `beschluss-${resolution.id}-titel`;
  return (
    <article class="card resolution" id={`beschluss-${resolution.id}`} aria-labelledby={headingId}>
      <h3 id={headingId}>{resolution.title}</h3>
      <ResolutionContent resolution={resolution} body={body} statementsHeading />
      {!props.manage ? null : (
        <>
          <StatementForm
            user={props.user}
            sessionId={props.session.id}
            resolution={resolution}
            body={body}
          />
          {resolution.state !== 'draft' || resolution.procedureId !== undefined ? null : (
            <PostForm
              user={props.user}
              action={`/console/sessions/${props.session.id}/resolutions/${resolution.id}/decision`}
              class="inline"
            >
              <input type="hidden" name="version" value={String(resolution.version)} />
              <p class="hint">
                Die Abstimmung wird mit den erfassten Stimmen geschlossen; wer keine Stimme hat,
                zählt als nicht teilgenommen. Regel des Gremiums: {ruleName(body.decisionRule)}.
              </p>
              <button type="submit" aria-describedby={headingId}>
                Abstimmung schließen und beschließen
              </button>
            </PostForm>
          )}
        </>
      )}
    </article>
  );
};

const NewResolutionForm = (props: {
  user: Parameters<typeof PostForm>[0]['user'];
  sessionId: string;
  item: AgendaItem;
}) => {
  const id = `neu-${props.item.id}`;
  return (
    <details class="new-resolution">
      <summary>Beschluss zu TOP {props.item.number} anlegen</summary>
      <PostForm
        user={props.user}
        action={`/console/sessions/${props.sessionId}/items/${props.item.id}/resolutions`}
      >
        <input type="hidden" name="key" value={ulid()} />
        <label for={`${id}-titel`}>Titel des Beschlusses</label>
        <input id={`${id}-titel`} name="title" type="text" required maxlength={300} />
        <label for={`${id}-text`}>
          Beschlusstext
          <span class="hint" id={`${id}-hinweis`}>
            Absätze trennen Sie durch eine Leerzeile; sie werden bei der Veröffentlichung
            nummeriert.
          </span>
        </label>
        <textarea id={`${id}-text`} name="text" required aria-describedby={`${id}-hinweis`} />
        <div class="actions">
          <button type="submit">Beschluss anlegen</button>
        </div>
      </PostForm>
    </details>
  );
};

const notices = {
  angelegt: 'Der Beschlussentwurf ist angelegt.',
  erklaerung: 'Die Protokollerklärung ist aufgenommen.',
  beschlossen: 'Die Abstimmung ist geschlossen; das Ergebnis steht fest.',
};

const back = (c: Context<AppEnv>, sessionId: string, notice: keyof typeof notices, id?: string) =>
  seeOther(
    c,
    `/console/sessions/${sessionId}/resolutions${id === undefined ? '' : `#beschluss-${id}`}`,
    notice,
  );

/** The resolutions of a session per agenda item: draft, protocol statements, decision. */
export const resolutionRoutes = (deps: AppDeps): ConsoleRoute[] => [
  consoleRoute(
    {
      method: 'get',
      path: '/console/sessions/{sessionId}/resolutions',
      operationId: 'consoleResolutions',
      summary: 'Beschlüsse einer Sitzung je Tagesordnungspunkt',
      access: 'staff',
    },
    async (c, ctx) => {
      const { session, body, agenda, resolutions } = await loadDecisions(
        deps,
        ctx.actor,
        c.req.param('sessionId') ?? '',
      );
      const manage = can(ctx.user.principal, 'resolutions:manage', session.bodyId);
      return ctx.page(
        { title: `Beschlüsse: ${session.title}`, section: 'bodies' },
        <>
          <SessionHeading session={session} title="Beschlüsse" />
          <DecisionNav sessionId={session.id} current="resolutions" />
          <Notice text={noticeOf(c, notices)} />
          <p>
            Regel des Gremiums {body.shortName}: {ruleName(body.decisionRule)}.
          </p>
          {agenda.length === 0 ? <p>Die Tagesordnung ist noch leer.</p> : null}
          {agenda.map((item) => {
            const own = resolutions.filter((r) => r.itemId === item.id);
            return (
              <section class="agenda-decisions" aria-labelledby={`top-${item.id}`}>
                <h2 id={`top-${item.id}`}>
                  TOP {item.number}: {item.title}
                </h2>
                {own.length === 0 ? <p>Zu diesem Punkt gibt es noch keinen Beschluss.</p> : null}
                {own.map((resolution) => (
                  <ResolutionCard
                    user={ctx.user}
                    session={session}
                    body={body}
                    resolution={resolution}
                    manage={manage}
                  />
                ))}
                {manage ? (
                  <NewResolutionForm user={ctx.user} sessionId={session.id} item={item} />
                ) : null}
              </section>
            );
          })}
        </>,
      );
    },
  ),
  consoleRoute(
    {
      method: 'post',
      path: '/console/sessions/{sessionId}/items/{itemId}/resolutions',
      operationId: 'consoleCreateResolution',
      summary: 'Beschlussentwurf zu einem Tagesordnungspunkt anlegen',
      access: 'staff',
    },
    async (c, ctx) => {
      const form = await readForm(c);
      const sessionId = c.req.param('sessionId') ?? '';
      const result = await createResolution(
        deps,
        ctx.actor,
        sessionId,
        c.req.param('itemId') ?? '',
        { title: form('title') ?? '', text: form('text') ?? '' },
        form('key'),
      );
      return back(c, sessionId, 'angelegt', result.value.id);
    },
  ),
  consoleRoute(
    {
      method: 'post',
      path: '/console/sessions/{sessionId}/resolutions/{resolutionId}/statements',
      operationId: 'consoleAddStatement',
      summary: 'Protokollerklärung eines Mitglieds aufnehmen',
      access: 'staff',
    },
    async (c, ctx) => {
      const form = await readForm(c);
      const sessionId = c.req.param('sessionId') ?? '';
      const resolution = await addStatement(deps, ctx.actor, c.req.param('resolutionId') ?? '', {
        memberIds: form.all('memberId'),
        text: form('text') ?? '',
      });
      return back(c, sessionId, 'erklaerung', resolution.id);
    },
  ),
  consoleRoute(
    {
      method: 'post',
      path: '/console/sessions/{sessionId}/resolutions/{resolutionId}/decision',
      operationId: 'consoleDecideResolution',
      summary: 'Abstimmung schließen: das Ergebnis folgt aus der Regel des Gremiums',
      access: 'staff',
    },
    async (c, ctx) => {
      const form = await readForm(c);
      const sessionId = c.req.param('sessionId') ?? '';
      const session = await getSession(deps, ctx.actor, sessionId);
      requirePermission(ctx.user.principal, 'resolutions:manage', session.bodyId);
      const before = await getResolution(deps, ctx.actor, c.req.param('resolutionId') ?? '');
      if (before.state === 'draft') requireSameVersion(before, form('version'));
      const resolution = await decideResolution(deps, ctx.actor, before.id);
      return back(c, sessionId, 'beschlossen', resolution.id);
    },
  ),
];
