import type { Context } from 'hono';
import { ulid } from 'ulid';
import type { AgendaItem, AgendaItemInput } from '../../../shared/domain/agenda.js';
import type { Member } from '../../../shared/domain/body.js';
import { NotFoundError, ValidationError } from '../../../shared/domain/errors.js';
import { msg } from '../../../shared/domain/messages.js';
import { can, requirePermission } from '../../../shared/domain/policy.js';
import type { Session } from '../../../shared/domain/session.js';
import { isEditable } from '../../../shared/domain/session-state.js';
import {
  addAgendaItem,
  getAgendaItem,
  listAgenda,
  removeAgendaItem,
  reorderAgenda,
  updateAgendaItem,
} from '../../../shared/use-cases/agenda.js';
import { approveAgenda } from '../../../shared/use-cases/agenda-approval.js';
import { getBody } from '../../../shared/use-cases/bodies.js';
import { getSession } from '../../../shared/use-cases/sessions.js';
import type { AppDeps } from '../app.js';
import type { AppEnv } from '../app-env.js';
import { readForm } from '../routes/link-pages.js';
import { germanDateTimeShort, Notice, PostForm, TextField } from './components.js';
import { type ConsoleRoute, consoleRoute, noticeOf, seeOther } from './console-route.js';
import type { SignedInUser } from './layout.js';
import { SessionBreadcrumb, versionOf } from './sessions.js';

const agendaPath = (sessionId: string) => `/console/sessions/${sessionId}/agenda`;

const agendaNotices = {
  hinzugefuegt: 'Der Tagesordnungspunkt ist hinzugefügt.',
  gespeichert: 'Der Tagesordnungspunkt ist gespeichert.',
  entfernt: 'Der Tagesordnungspunkt ist entfernt.',
  sortiert: 'Die neue Reihenfolge ist gespeichert.',
  genehmigt: 'Die Tagesordnung ist genehmigt.',
};

/** The fields of an agenda item as the form sends them. */
const itemInputOf = async (c: Context<AppEnv>): Promise<AgendaItemInput> => {
  const form = await readForm(c);
  const issues = (['number', 'title'] as const)
    .filter((name) => form(name) === undefined)
    .map((name) => ({ path: `body.${name}`, message: msg('console.field-required') }));
  if (issues.length > 0) {
    throw new ValidationError(msg('request.invalid-input', { location: 'body' }), issues);
  }
  const optional = (name: 'registeredBy' | 'rapporteur' | 'description') => {
    const value = form(name)?.trim();
    return value ? { [name]: value } : {};
  };
  return {
    number: form('number')?.trim() ?? '',
    title: form('title')?.trim() ?? '',
    public: form('public') === 'yes',
    ...optional('registeredBy'),
    ...optional('rapporteur'),
    ...optional('description'),
  };
};

const ItemFields = ({
  item,
  members,
  prefix,
}: {
  item: Partial<AgendaItem>;
  members: readonly Member[];
  prefix: string;
}) => (
  <>
    <TextField
      name="number"
      label="Nummer"
      hint="Zum Beispiel 3 oder 10.1"
      value={item.number}
      required
    />
    <TextField name="title" label="Titel" value={item.title} required />
    <fieldset>
      <legend>Sichtbarkeit</legend>
      <label class="choice" for={`${prefix}-vertraulich`}>
        <input
          type="radio"
          id={`${prefix}-vertraulich`}
          name="public"
          value="no"
          checked={item.public !== true}
        />{' '}
        Vertraulich (nur Geschäftsstelle und Vorsitz)
      </label>
      <label class="choice" for={`${prefix}-oeffentlich`}>
        <input
          type="radio"
          id={`${prefix}-oeffentlich`}
          name="public"
          value="yes"
          checked={item.public === true}
        />{' '}
        Öffentlich
      </label>
    </fieldset>
    <label for={`${prefix}-angemeldet`}>Angemeldet von</label>
    <select id={`${prefix}-angemeldet`} name="registeredBy">
      <option value="">– niemand –</option>
      {members.map((member) => (
        <option value={member.memberId} selected={item.registeredBy === member.memberId}>
          {member.name}
        </option>
      ))}
    </select>
    <TextField name="rapporteur" label="Berichterstattung" value={item.rapporteur} />
  </>
);

/** The chair's approval as the agenda page shows it. */
const ApprovalState = ({ session }: { session: Session }) => {
  const approval = session.agendaApproval;
  if (approval === undefined) {
    return (
      <p>
        <span class="badge warn">nicht genehmigt</span> Der Vorsitz hat die Tagesordnung noch nicht
        genehmigt.
      </p>
    );
  }
  if (approval.outdated) {
    return (
      <p>
        <span class="badge warn">erneut zu genehmigen</span> Genehmigt von {approval.by} am{' '}
        {germanDateTimeShort(approval.at, session.timeZone)}; danach geändert
        {approval.outdatedBy ? ` von ${approval.outdatedBy}` : ''}
        {approval.outdatedAt
          ? ` am ${germanDateTimeShort(approval.outdatedAt, session.timeZone)}`
          : ''}
        .
      </p>
    );
  }
  return (
    <p>
      <span class="badge ok">genehmigt</span> Genehmigt von {approval.by} am{' '}
      {germanDateTimeShort(approval.at, session.timeZone)} ({approval.itemCount}{' '}
      {approval.itemCount === 1 ? 'Punkt' : 'Punkte'}).
    </p>
  );
};

const MoveForm = ({
  user,
  session,
  item,
  direction,
  focus,
}: {
  user: SignedInUser;
  session: Session;
  item: AgendaItem;
  direction: 'up' | 'down';
  focus: boolean;
}) => (
  <PostForm user={user} action={`${agendaPath(session.id)}/${item.id}/move`} class="inline">
    <input type="hidden" name="direction" value={direction} />
    <button
      type="submit"
      class="secondary"
      id={`top-${item.id}-${direction}`}
      autofocus={focus || undefined}
    >
      {direction === 'up' ? 'nach oben' : 'nach unten'}
      <span class="visually-hidden"> (TOP {item.number})</span>
    </button>
  </PostForm>
);

const AgendaList = ({
  session,
  items,
  members,
  user,
  editable,
  moved,
}: {
  session: Session;
  items: AgendaItem[];
  members: ReadonlyMap<string, string>;
  user: SignedInUser;
  editable: boolean;
  moved: { id: string; direction: 'up' | 'down' } | undefined;
}) => (
  <ol class="agenda-list" id="agenda-items" data-agenda-session={editable ? session.id : undefined}>
    {items.map((item, index) => {
      const first = index === 0;
      const last = index === items.length - 1;
      const focusOn =
        moved?.id === item.id
          ? moved.direction === 'up' && !first
            ? 'up'
            : moved.direction === 'down' && !last
              ? 'down'
              : first
                ? 'down'
                : 'up'
          : undefined;
      return (
        <li id={`top-${item.id}`} data-item-id={item.id} draggable={editable ? 'true' : undefined}>
          <div class="agenda-item">
            <span class="agenda-number">TOP {item.number}</span>
            <span class="agenda-title">{item.title}</span>
            <span class={item.public ? 'badge ok' : 'badge'}>
              {item.public ? 'öffentlich' : 'vertraulich'}
            </span>
            {item.registeredBy ? (
              <span class="agenda-meta">
                angemeldet von {members.get(item.registeredBy) ?? item.registeredBy}
              </span>
            ) : null}
          </div>
          {editable ? (
            <div class="agenda-actions">
              {first ? null : (
                <MoveForm
                  user={user}
                  session={session}
                  item={item}
                  direction="up"
                  focus={focusOn === 'up'}
                />
              )}
              {last ? null : (
                <MoveForm
                  user={user}
                  session={session}
                  item={item}
                  direction="down"
                  focus={focusOn === 'down'}
                />
              )}
              <a href={`${agendaPath(session.id)}/${item.id}`}>
                Bearbeiten<span class="visually-hidden"> (TOP {item.number})</span>
              </a>
              <PostForm
                user={user}
                action={`${agendaPath(session.id)}/${item.id}/remove`}
                class="inline"
              >
                <input type="hidden" name="version" value={String(item.version)} />
                <button type="submit" class="link">
                  Entfernen<span class="visually-hidden"> (TOP {item.number})</span>
                </button>
              </PostForm>
            </div>
          ) : null}
        </li>
      );
    })}
  </ol>
);

/** The agenda page's context: the session, its items, the body's members. */
const agendaContext = async (
  deps: AppDeps,
  c: Context<AppEnv>,
  actor: { principal: SignedInUser['principal'] },
) => {
  const session = await getSession(deps, actor, c.req.param('sessionId') ?? '');
  const [items, body] = await Promise.all([
    listAgenda(deps, actor, session.id),
    getBody(deps, actor, session.bodyId),
  ]);
  return { session, items, members: body.members };
};

/**
 * The agenda editor: add, change, remove and reorder items (by keyboard with
 * small forms, by drag as an enhancement), and the chair's approval.
 */
export const agendaRoutes = (deps: AppDeps): ConsoleRoute[] => [
  consoleRoute(
    {
      method: 'get',
      path: '/console/sessions/{sessionId}/agenda',
      operationId: 'consoleAgenda',
      summary: 'Tagesordnung einer Sitzung bearbeiten und genehmigen',
      access: 'staff',
    },
    async (c, ctx) => {
      const { session, items, members } = await agendaContext(deps, c, ctx.actor);
      const editable =
        isEditable(session.state) && can(ctx.user.principal, 'sessions:manage', session.bodyId);
      const approves =
        isEditable(session.state) && can(ctx.user.principal, 'agenda:approve', session.bodyId);
      const movedId = c.req.query('bewegt');
      const direction = c.req.query('richtung');
      const movedItem = items.find((item) => item.id === movedId);
      const moved =
        movedItem !== undefined && (direction === 'up' || direction === 'down')
          ? { id: movedItem.id, direction: direction as 'up' | 'down' }
          : undefined;
      const movedNotice =
        movedItem === undefined
          ? undefined
          : `TOP ${movedItem.number} „${movedItem.title}“ steht jetzt an Stelle ${items.indexOf(movedItem) + 1} von ${items.length}.`;
      const names = new Map(members.map((m) => [m.memberId, m.name]));
      return ctx.page(
        { title: `Tagesordnung – ${session.title}`, section: 'bodies' },
        <>
          <SessionBreadcrumb session={session} here="Tagesordnung" />
          <h1>Tagesordnung</h1>
          <Notice text={movedNotice ?? noticeOf(c, agendaNotices)} />
          <section aria-labelledby="genehmigung">
            <h2 id="genehmigung">Genehmigung durch den Vorsitz</h2>
            <ApprovalState session={session} />
            {approves && items.length > 0 ? (
              <PostForm user={ctx.user} action={`${agendaPath(session.id)}/approval`}>
                <input type="hidden" name="version" value={String(session.version)} />
                <button type="submit">Tagesordnung genehmigen</button>
              </PostForm>
            ) : null}
          </section>
          <h2 id="punkte">Tagesordnungspunkte</h2>
          {items.length === 0 ? (
            <p>Die Tagesordnung hat noch keine Punkte.</p>
          ) : (
            <>
              {editable ? (
                <p class="hint">
                  Die Reihenfolge ändern Sie mit „nach oben“ und „nach unten“; mit der Maus können
                  Sie Punkte auch ziehen.
                </p>
              ) : null}
              <AgendaList
                session={session}
                items={items}
                members={names}
                user={ctx.user}
                editable={editable}
                moved={moved}
              />
              {editable ? (
                <PostForm
                  user={ctx.user}
                  action={`${agendaPath(session.id)}/order`}
                  id="agenda-order"
                  class="no-print"
                >
                  <span id="agenda-order-fields" />
                </PostForm>
              ) : null}
            </>
          )}
          {editable ? (
            <section aria-labelledby="neuer-punkt" class="no-print">
              <h2 id="neuer-punkt">Punkt hinzufügen</h2>
              <PostForm user={ctx.user} action={agendaPath(session.id)}>
                <input type="hidden" name="idempotencyKey" value={ulid()} />
                <ItemFields
                  item={{ number: String(items.length + 1) }}
                  members={members}
                  prefix="neu"
                />
                <div class="actions">
                  <button type="submit">Punkt hinzufügen</button>
                </div>
              </PostForm>
            </section>
          ) : null}
        </>,
      );
    },
  ),
  consoleRoute(
    {
      method: 'post',
      path: '/console/sessions/{sessionId}/agenda',
      operationId: 'consoleAgendaAdd',
      summary: 'Tagesordnungspunkt hinzufügen',
      access: 'staff',
    },
    async (c, ctx) => {
      const sessionId = c.req.param('sessionId') ?? '';
      const key = (await readForm(c))('idempotencyKey');
      await addAgendaItem(
        deps,
        ctx.actor,
        sessionId,
        await itemInputOf(c),
        key !== undefined && /^[A-Za-z0-9_.:-]{8,128}$/.test(key) ? `console:${key}` : undefined,
      );
      return seeOther(c, `${agendaPath(sessionId)}#punkte`, 'hinzugefuegt');
    },
  ),
  consoleRoute(
    {
      method: 'post',
      path: '/console/sessions/{sessionId}/agenda/order',
      operationId: 'consoleAgendaOrder',
      summary: 'Tagesordnung neu ordnen (Ziehen und Ablegen)',
      access: 'staff',
    },
    async (c, ctx) => {
      const sessionId = c.req.param('sessionId') ?? '';
      // One field per item, as the page's script sends them, or one list separated by commas.
      const order = (await readForm(c))
        .all('order')
        .flatMap((value) => value.split(','))
        .map((id) => id.trim())
        .filter(Boolean);
      await reorderAgenda(deps, ctx.actor, sessionId, { order });
      return seeOther(c, `${agendaPath(sessionId)}#punkte`, 'sortiert');
    },
  ),
  consoleRoute(
    {
      method: 'post',
      path: '/console/sessions/{sessionId}/agenda/approval',
      operationId: 'consoleAgendaApprove',
      summary: 'Tagesordnung genehmigen (Vorsitz)',
      access: 'staff',
    },
    async (c, ctx) => {
      const sessionId = c.req.param('sessionId') ?? '';
      const form = await readForm(c);
      await approveAgenda(deps, ctx.actor, sessionId, versionOf(form('version')));
      return seeOther(c, agendaPath(sessionId), 'genehmigt');
    },
  ),
  consoleRoute(
    {
      method: 'get',
      path: '/console/sessions/{sessionId}/agenda/{itemId}',
      operationId: 'consoleAgendaItem',
      summary: 'Tagesordnungspunkt bearbeiten (Formular)',
      access: 'staff',
    },
    async (c, ctx) => {
      const session = await getSession(deps, ctx.actor, c.req.param('sessionId') ?? '');
      const item = await getAgendaItem(deps, ctx.actor, session.id, c.req.param('itemId') ?? '');
      const body = await getBody(deps, ctx.actor, session.bodyId);
      const editable =
        isEditable(session.state) && can(ctx.user.principal, 'sessions:manage', session.bodyId);
      return ctx.page(
        { title: `TOP ${item.number} – ${session.title}`, section: 'bodies' },
        <>
          <SessionBreadcrumb session={session} here={`TOP ${item.number}`} />
          <h1>
            TOP {item.number}: {item.title}
          </h1>
          {editable ? (
            <PostForm user={ctx.user} action={`${agendaPath(session.id)}/${item.id}`}>
              <input type="hidden" name="version" value={String(item.version)} />
              <ItemFields item={item} members={body.members} prefix="top" />
              <div class="actions">
                <button type="submit">Änderungen speichern</button>
                <a href={agendaPath(session.id)}>Zurück zur Tagesordnung</a>
              </div>
            </PostForm>
          ) : (
            <p>
              Dieser Punkt lässt sich nicht mehr ändern.{' '}
              <a href={agendaPath(session.id)}>Zurück zur Tagesordnung</a>
            </p>
          )}
        </>,
      );
    },
  ),
  consoleRoute(
    {
      method: 'post',
      path: '/console/sessions/{sessionId}/agenda/{itemId}',
      operationId: 'consoleAgendaItemUpdate',
      summary: 'Tagesordnungspunkt speichern',
      access: 'staff',
    },
    async (c, ctx) => {
      const sessionId = c.req.param('sessionId') ?? '';
      const itemId = c.req.param('itemId') ?? '';
      const version = versionOf((await readForm(c))('version'));
      await updateAgendaItem(deps, ctx.actor, sessionId, itemId, await itemInputOf(c), version);
      return seeOther(c, `${agendaPath(sessionId)}#top-${itemId}`, 'gespeichert');
    },
  ),
  consoleRoute(
    {
      method: 'post',
      path: '/console/sessions/{sessionId}/agenda/{itemId}/remove',
      operationId: 'consoleAgendaItemRemove',
      summary: 'Tagesordnungspunkt entfernen',
      access: 'staff',
    },
    async (c, ctx) => {
      const sessionId = c.req.param('sessionId') ?? '';
      const version = versionOf((await readForm(c))('version'));
      await removeAgendaItem(deps, ctx.actor, sessionId, c.req.param('itemId') ?? '', version);
      return seeOther(c, `${agendaPath(sessionId)}#punkte`, 'entfernt');
    },
  ),
  consoleRoute(
    {
      method: 'post',
      path: '/console/sessions/{sessionId}/agenda/{itemId}/move',
      operationId: 'consoleAgendaItemMove',
      summary: 'Tagesordnungspunkt eine Stelle nach oben oder unten schieben',
      access: 'staff',
    },
    async (c, ctx) => {
      const sessionId = c.req.param('sessionId') ?? '';
      const itemId = c.req.param('itemId') ?? '';
      const direction = (await readForm(c))('direction');
      if (direction !== 'up' && direction !== 'down') {
        throw new ValidationError(msg('request.invalid-input', { location: 'body' }), [
          { path: 'body.direction', message: msg('console.field-required') },
        ]);
      }
      // Reordering is the secretariat's: asked before the list, which others see shortened.
      const session = await getSession(deps, ctx.actor, sessionId);
      requirePermission(ctx.user.principal, 'sessions:manage', session.bodyId);
      const items = await listAgenda(deps, ctx.actor, sessionId);
      const order = items.map((item) => item.id);
      const at = order.indexOf(itemId);
      const to = direction === 'up' ? at - 1 : at + 1;
      if (at >= 0 && to >= 0 && to < order.length) {
        [order[at], order[to]] = [order[to] as string, order[at] as string];
      }
      // The first item up or the last down keeps the order, and still asks the use case.
      await reorderAgenda(deps, ctx.actor, sessionId, { order });
      if (at < 0) throw new NotFoundError('Agenda item', itemId);
      return seeOther(
        c,
        // No fragment: a page with a target skips autofocus, which returns the focus to the moved item.
        `${agendaPath(sessionId)}?bewegt=${encodeURIComponent(itemId)}&richtung=${direction}`,
      );
    },
  ),
];
