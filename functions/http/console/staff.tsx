import type { Context } from 'hono';
import type { BodyWithMembers } from '../../../shared/domain/body.js';
import { can } from '../../../shared/domain/policy.js';
import type { Principal } from '../../../shared/domain/roles.js';
import {
  type BodyRole,
  bodyRoles,
  grantKey,
  type Staff,
  type StaffGrant,
  type StaffInput,
  type StaffPatch,
} from '../../../shared/domain/staff.js';
import { getBody, listBodies } from '../../../shared/use-cases/bodies.js';
import type { Actor } from '../../../shared/use-cases/context.js';
import {
  createStaff,
  getStaff,
  listStaff,
  removeStaff,
  signOutStaff,
  updateStaff,
} from '../../../shared/use-cases/staff.js';
import type { AppDeps } from '../app.js';
import type { AppEnv } from '../app-env.js';
import { readForm } from '../routes/link-pages.js';
import { Notice, PostForm, TextField } from './components.js';
import { type ConsoleRoute, consoleRoute, noticeOf, seeOther } from './console-route.js';
import type { SignedInUser } from './layout.js';

/** The German names of the roles a staff member holds for a body. */
export const roleNames: Record<BodyRole, string> = {
  secretariat: 'Geschäftsstelle',
  chair: 'Vorsitz',
  member: 'Mitglied',
  press: 'Presse',
};

const notices = {
  angelegt: 'Die Person ist angelegt und hat eine Einladung zur Anmeldung erhalten.',
  gespeichert: 'Die Änderungen sind gespeichert. Sie gelten spätestens ab der nächsten Stunde.',
  abgemeldet: 'Die Person ist überall abgemeldet.',
  entfernt: 'Die Person ist entfernt; ihr Zugang ist gesperrt.',
};

/** The roles of a body whose grants the principal may give: an admin all, a secretariat member and press. */
const grantableRoles = (principal: Principal, bodyId: string): BodyRole[] =>
  can(principal, 'staff:manage')
    ? [...bodyRoles]
    : can(principal, 'staff:grant', bodyId)
      ? ['member', 'press']
      : [];

/** The bodies whose grants the actor may give, with their members (for member grants). */
const grantableBodies = async (deps: AppDeps, actor: Actor): Promise<BodyWithMembers[]> => {
  const { items } = await listBodies(deps, actor, { limit: 100 });
  const bodies = items.filter((body) => grantableRoles(actor.principal, body.id).length > 0);
  return Promise.all(bodies.map((body) => getBody(deps, actor, body.id)));
};

/** "IMK: Geschäftsstelle; AK II: Mitglied (Bayern)". */
const grantsText = (grants: readonly StaffGrant[], bodies: readonly BodyWithMembers[]) =>
  grants.length === 0
    ? 'keine Rechte'
    : grants
        .map((grant) => {
          const body = bodies.find((b) => b.id === grant.bodyId);
          const member = body?.members.find((m) => m.memberId === grant.memberId);
          const who = grant.memberId === undefined ? '' : ` (${member?.name ?? grant.memberId})`;
          return `${body?.shortName ?? grant.bodyId}: ${roleNames[grant.role]}${who}`;
        })
        .join('; ');

const GrantFields = (props: {
  principal: Principal;
  bodies: readonly BodyWithMembers[];
  grants: readonly StaffGrant[];
}) => (
  <>
    {props.bodies.map((body) => {
      const roles = grantableRoles(props.principal, body.id);
      const held = (role: BodyRole) =>
        props.grants.some((grant) => grant.bodyId === body.id && grant.role === role);
      const memberOf = props.grants.find(
        (grant) => grant.bodyId === body.id && grant.role === 'member',
      )?.memberId;
      return (
        <fieldset>
          <legend>Rechte im Gremium {body.shortName}</legend>
          {roles.map((role) => (
            <label class="choice">
              <input
                type="checkbox"
                name="grant"
                value={`${role}:${body.id}`}
                checked={held(role)}
              />{' '}
              {roleNames[role]}
            </label>
          ))}
          {roles.includes('member') ? (
            <div>
              <label for={`feld-member-${body.id}`}>
                Mitglied, für das die Person arbeitet
                <span class="hint" id={`feld-member-${body.id}-hinweis`}>
                  Nur für das Recht „Mitglied“.
                </span>
              </label>
              <select
                id={`feld-member-${body.id}`}
                name={`member-${body.id}`}
                aria-describedby={`feld-member-${body.id}-hinweis`}
              >
                <option value="">bitte wählen</option>
                {body.members.map((member) => (
                  <option value={member.memberId} selected={member.memberId === memberOf}>
                    {member.name}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
        </fieldset>
      );
    })}
  </>
);

type Form = Awaited<ReturnType<typeof readForm>>;

/**
 * The grants a form sets: its ticked roles, each member grant with the
 * member chosen for its body; the grants the actor may not give or take
 * stay as they were.
 */
const grantsFrom = (
  form: Form,
  principal: Principal,
  before: readonly StaffGrant[] = [],
): StaffGrant[] => {
  const ticked = form.all('grant').flatMap((value): StaffGrant[] => {
    const [role, bodyId] = value.split(':') as [BodyRole, string | undefined];
    if (bodyId === undefined || !bodyRoles.includes(role)) return [];
    if (role !== 'member') return [{ bodyId, role }];
    const memberId = form(`member-${bodyId}`);
    return [{ bodyId, role, memberId: memberId ?? '' }];
  });
  const kept = before.filter(
    (grant) => !grantableRoles(principal, grant.bodyId).includes(grant.role),
  );
  const seen = new Set<string>();
  return [...kept, ...ticked].filter((grant) => {
    const key = grantKey(grant);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
};

const displayName = (staff: Staff) =>
  staff.salutation ? `${staff.salutation} ${staff.name}` : staff.name;

const StaffPage = (props: {
  user: SignedInUser;
  staff: Staff[];
  bodies: BodyWithMembers[];
  notice: string | undefined;
}) => {
  const admin = can(props.user.principal, 'staff:manage');
  return (
    <>
      <h1>Personal</h1>
      <Notice text={props.notice} />
      <p class="lead">
        {admin
          ? 'Alle Personen mit Zugang zur Konsole und ihre Rechte.'
          : 'Die Personen, die für Ihre Gremien arbeiten. Sie vergeben die Rechte „Mitglied“ und „Presse“ Ihrer Gremien.'}
      </p>
      <div class="table-scroll">
        <table aria-labelledby="personal-liste">
          <caption id="personal-liste">Personen</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">E-Mail-Adresse</th>
              <th scope="col">Telefon</th>
              <th scope="col">Rechte</th>
            </tr>
          </thead>
          <tbody>
            {props.staff.map((staff) => (
              <tr>
                <td>
                  <a href={`/console/staff/${staff.id}`}>{displayName(staff)}</a>
                  {staff.admin ? <span class="badge">Administration</span> : null}
                </td>
                <td>{staff.email}</td>
                <td>{staff.phone ?? '–'}</td>
                <td>{grantsText(staff.grants, props.bodies)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2 id="neu">Person anlegen</h2>
      <PostForm user={props.user} action="/console/staff" id="person-anlegen">
        <TextField name="name" label="Name" required autocomplete="off" />
        <TextField name="email" type="email" label="E-Mail-Adresse" required autocomplete="off" />
        <TextField
          name="salutation"
          label="Anrede"
          hint="Beginnt mit „Herr“ oder „Frau“, z. B. „Frau Regierungsdirektorin“; freiwillig."
        />
        <TextField
          name="phone"
          type="tel"
          label="Telefon"
          hint="Freiwillig, z. B. +49 30 18681-0"
        />
        <GrantFields principal={props.user.principal} bodies={props.bodies} grants={[]} />
        <p class="actions">
          <button type="submit">Person anlegen und einladen</button>
        </p>
      </PostForm>
    </>
  );
};

const StaffMemberPage = (props: {
  user: SignedInUser;
  staff: Staff;
  bodies: BodyWithMembers[];
  notice: string | undefined;
}) => {
  const { staff, user } = props;
  const admin = can(user.principal, 'staff:manage');
  const base = `/console/staff/${staff.id}`;
  return (
    <>
      <p>
        <a href="/console/staff">← Personal</a>
      </p>
      <h1>{displayName(staff)}</h1>
      <Notice text={props.notice} />
      <dl class="facts">
        <dt>E-Mail-Adresse</dt>
        <dd>{staff.email}</dd>
        <dt>Telefon</dt>
        <dd>{staff.phone ?? '–'}</dd>
        <dt>Rechte</dt>
        <dd>{grantsText(staff.grants, props.bodies)}</dd>
      </dl>
      {admin ? (
        <p>
          <a href={`/console/audit/staff/${staff.id}`}>Änderungsverlauf</a>
        </p>
      ) : null}
      <h2 id="aendern">Angaben und Rechte ändern</h2>
      <PostForm user={user} action={base}>
        <input type="hidden" name="version" value={String(staff.version)} />
        {admin ? (
          <>
            <TextField name="name" label="Name" value={staff.name} required />
            <TextField name="salutation" label="Anrede" value={staff.salutation} />
            <TextField name="phone" type="tel" label="Telefon" value={staff.phone} />
            <label class="choice">
              <input type="checkbox" name="admin" value="ja" checked={staff.admin} /> Administration
              (alle Gremien, alle Rechte)
            </label>
          </>
        ) : null}
        <GrantFields principal={user.principal} bodies={props.bodies} grants={staff.grants} />
        <p class="actions">
          <button type="submit">Änderungen speichern</button>
        </p>
      </PostForm>
      <h2 id="zugang">Zugang</h2>
      <div class="actions">
        <PostForm user={user} action={`${base}/sign-out`} class="inline">
          <button type="submit" class="secondary">
            Überall abmelden
          </button>
        </PostForm>
        <PostForm user={user} action={`${base}/remove`} class="inline">
          <input type="hidden" name="version" value={String(staff.version)} />
          <button type="submit" class="danger">
            Person entfernen
          </button>
        </PostForm>
      </div>
      <p class="hint">
        „Überall abmelden“ beendet alle Anmeldungen der Person sofort. „Person entfernen“ nimmt ihr
        alle Rechte und sperrt ihren Zugang.
      </p>
    </>
  );
};

const versionOf = (value: string | undefined): number | undefined =>
  value !== undefined && /^\d+$/.test(value) ? Number(value) : undefined;

const staffOf = (deps: AppDeps, c: Context<AppEnv>, actor: Actor) =>
  getStaff(deps, actor, c.req.param('staffId') ?? '');

const access = ['admin', 'secretariat'] as const;

/**
 * The staff directory: admins manage everyone, a secretariat gives and
 * takes its bodies' member and press grants.
 */
export const staffRoutes = (deps: AppDeps): ConsoleRoute[] => [
  consoleRoute(
    {
      method: 'get',
      path: '/console/staff',
      operationId: 'consoleStaff',
      summary: 'Personal: Personen mit Zugang und ihre Rechte',
      access: [...access],
    },
    async (c, ctx) => {
      const [{ items }, bodies] = await Promise.all([
        listStaff(deps, ctx.actor, { limit: 100 }),
        grantableBodies(deps, ctx.actor),
      ]);
      return ctx.page(
        { title: 'Personal', section: 'staff' },
        <StaffPage user={ctx.user} staff={items} bodies={bodies} notice={noticeOf(c, notices)} />,
      );
    },
  ),
  consoleRoute(
    {
      method: 'post',
      path: '/console/staff',
      operationId: 'consoleCreateStaff',
      summary: 'Eine Person anlegen und zur Anmeldung einladen',
      access: [...access],
    },
    async (c, ctx) => {
      const form = await readForm(c);
      const input: StaffInput = {
        name: form('name') ?? '',
        email: form('email') ?? '',
        ...(form('salutation') === undefined ? {} : { salutation: form('salutation') }),
        ...(form('phone') === undefined ? {} : { phone: form('phone') }),
        grants: grantsFrom(form, ctx.user.principal),
      };
      const staff = await createStaff(deps, ctx.actor, input);
      return seeOther(c, `/console/staff/${staff.id}`, 'angelegt');
    },
  ),
  consoleRoute(
    {
      method: 'get',
      path: '/console/staff/{staffId}',
      operationId: 'consoleStaffMember',
      summary: 'Eine Person: Angaben, Rechte und Zugang',
      access: [...access],
    },
    async (c, ctx) => {
      const [staff, bodies] = await Promise.all([
        staffOf(deps, c, ctx.actor),
        grantableBodies(deps, ctx.actor),
      ]);
      return ctx.page(
        { title: staff.name, section: 'staff' },
        <StaffMemberPage
          user={ctx.user}
          staff={staff}
          bodies={bodies}
          notice={noticeOf(c, notices)}
        />,
      );
    },
  ),
  consoleRoute(
    {
      method: 'post',
      path: '/console/staff/{staffId}',
      operationId: 'consoleUpdateStaff',
      summary: 'Angaben und Rechte einer Person ändern',
      access: [...access],
    },
    async (c, ctx) => {
      const form = await readForm(c);
      const before = await staffOf(deps, c, ctx.actor);
      const patch: StaffPatch = {
        grants: grantsFrom(form, ctx.user.principal, before.grants),
        ...(can(ctx.user.principal, 'staff:manage')
          ? {
              name: form('name') ?? '',
              salutation: form('salutation') ?? null,
              phone: form('phone') ?? null,
              admin: form('admin') === 'ja',
            }
          : {}),
      };
      await updateStaff(deps, ctx.actor, before.id, patch, versionOf(form('version')));
      return seeOther(c, `/console/staff/${before.id}`, 'gespeichert');
    },
  ),
  consoleRoute(
    {
      method: 'post',
      path: '/console/staff/{staffId}/sign-out',
      operationId: 'consoleSignOutStaff',
      summary: 'Eine Person überall abmelden',
      access: [...access],
    },
    async (c, ctx) => {
      const staffId = c.req.param('staffId') ?? '';
      await signOutStaff(deps, ctx.actor, staffId);
      return seeOther(c, `/console/staff/${staffId}`, 'abgemeldet');
    },
  ),
  consoleRoute(
    {
      method: 'post',
      path: '/console/staff/{staffId}/remove',
      operationId: 'consoleRemoveStaff',
      summary: 'Eine Person entfernen: keine Rechte mehr, Zugang gesperrt',
      access: [...access],
    },
    async (c, ctx) => {
      const form = await readForm(c);
      await removeStaff(deps, ctx.actor, c.req.param('staffId') ?? '', versionOf(form('version')));
      return seeOther(c, '/console/staff', 'entfernt');
    },
  ),
];
