import type { Context } from 'hono';
import { ulid } from 'ulid';
import type {
  Body,
  BodyCreate,
  BodyPatch,
  BodyWithMembers,
  DecisionRule,
  Member,
  PersonPatch,
} from '../../../shared/domain/body.js';
import { NotFoundError } from '../../../shared/domain/errors.js';
import { can } from '../../../shared/domain/policy.js';
import {
  createBody,
  getBody,
  getMember,
  listBodies,
  listChairPeriods,
  proposeChairPeriod,
  recordChairPeriod,
  updateBody,
  updateMember,
} from '../../../shared/use-cases/bodies.js';
import type { Actor } from '../../../shared/use-cases/context.js';
import type { AppDeps } from '../app.js';
import type { AppEnv } from '../app-env.js';
import { readForm } from '../routes/link-pages.js';
import { germanDay } from './berlin-dates.js';
import { Notice, PostForm, TextField } from './components.js';
import { type ConsoleRoute, consoleRoute, noticeOf, seeOther } from './console-route.js';
import type { SignedInUser } from './layout.js';

/** The German names of a body's kinds. */
export const bodyKindNames: Record<Body['kind'], string> = {
  plenary: 'Konferenz (Plenum)',
  working_group: 'Arbeitskreis',
  crisis_staff: 'Krisenstab',
};

/** The German names of the capacities in which people act for a member. */
export const capacityNames: Record<PersonPatch['capacity'], string> = {
  principal: 'Leitung',
  deputy: 'Vertretung',
  office_contact: 'Ansprechperson im Büro',
};

/** "Einstimmigkeit der anwesenden stimmberechtigten Mitglieder; Enthaltung zählt nicht mit". */
export const decisionRuleText = (rule: DecisionRule): string => {
  const parts = [
    rule.kind === 'unanimity'
      ? 'Einstimmigkeit der anwesenden stimmberechtigten Mitglieder'
      : 'Mehrheit der abgegebenen Stimmen',
    rule.abstention === 'against' ? 'Enthaltung zählt als Gegenstimme' : undefined,
    rule.absence === 'against' ? 'Abwesenheit zählt als Gegenstimme' : undefined,
    rule.quorum === undefined ? undefined : `beschlussfähig ab ${rule.quorum} Mitgliedern`,
  ];
  return parts.filter(Boolean).join('; ');
};

const notices = {
  gespeichert: 'Die Einstellungen des Gremiums sind gespeichert.',
  angelegt: 'Das Gremium ist angelegt.',
  vorsitz: 'Der Vorsitzzeitraum ist eingetragen.',
  person: 'Die Person ist eingetragen.',
  geaendert: 'Die Angaben der Person sind gespeichert.',
  entfernt: 'Die Person ist entfernt.',
};

const german = new Intl.Collator('de');
const capacityRank = { principal: 0, deputy: 1, office_contact: 2 } as const;

/** Voting members first, each group in German alphabetical order; a member's people by capacity. */
const ordered = (members: readonly Member[]): Member[] =>
  [...members]
    .sort((a, b) => Number(b.voting) - Number(a.voting) || german.compare(a.name, b.name))
    .map((member) => ({
      ...member,
      people: [...member.people].sort(
        (a, b) => capacityRank[a.capacity] - capacityRank[b.capacity],
      ),
    }));

const versionOf = (value: string | undefined): number | undefined =>
  value !== undefined && /^\d+$/.test(value) ? Number(value) : undefined;

const memberName = (body: BodyWithMembers, memberId: string | undefined) =>
  body.members.find((member) => member.memberId === memberId)?.name ?? memberId ?? '–';

const KindSelect = ({ value }: { value?: Body['kind'] }) => (
  <div>
    <label for="feld-kind">Art</label>
    <select id="feld-kind" name="kind">
      {(Object.keys(bodyKindNames) as Body['kind'][]).map((kind) => (
        <option value={kind} selected={kind === value}>
          {bodyKindNames[kind]}
        </option>
      ))}
    </select>
  </div>
);

const RuleSelect = ({ value }: { value?: DecisionRule['kind'] }) => (
  <div>
    <label for="feld-rule">Beschlussregel</label>
    <select id="feld-rule" name="rule">
      <option value="unanimity" selected={value === 'unanimity'}>
        Einstimmigkeit
      </option>
      <option value="majority" selected={value === 'majority'}>
        Mehrheit
      </option>
    </select>
  </div>
);

const BodiesPage = (props: {
  user: SignedInUser;
  bodies: Body[];
  notice: string | undefined;
  mayCreate: boolean;
}) => (
  <>
    <h1>Gremien</h1>
    <Notice text={props.notice} />
    {props.bodies.length === 0 ? (
      <p>Sie sind keinem Gremium zugeordnet.</p>
    ) : (
      <div class="table-scroll">
        <table aria-labelledby="gremien-liste">
          <caption id="gremien-liste">Ihre Gremien</caption>
          <thead>
            <tr>
              <th scope="col">Kurzname</th>
              <th scope="col">Bezeichnung</th>
              <th scope="col">Art</th>
              <th scope="col">Beschlussregel</th>
            </tr>
          </thead>
          <tbody>
            {props.bodies.map((body) => (
              <tr>
                <td>
                  <a href={`/console/bodies/${body.id}`}>{body.shortName}</a>
                </td>
                <td>{body.name}</td>
                <td>{bodyKindNames[body.kind]}</td>
                <td>{decisionRuleText(body.decisionRule)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    )}
    {props.mayCreate ? (
      <>
        <h2 id="neu">Gremium oder Arbeitskreis anlegen</h2>
        <PostForm user={props.user} action="/console/bodies">
          <input type="hidden" name="key" value={ulid()} />
          <TextField
            name="id"
            label="Kennung"
            hint="Kleinbuchstaben, Ziffern und Bindestriche, z. B. ak-vi; erscheint in Adressen."
            required
          />
          <TextField name="name" label="Bezeichnung" required />
          <TextField name="shortName" label="Kurzname" hint="z. B. AK VI" required />
          <KindSelect value="working_group" />
          <RuleSelect value="unanimity" />
          <div>
            <label for="feld-parent">Übergeordnetes Gremium</label>
            <select id="feld-parent" name="parentBodyId">
              <option value="">keines</option>
              {props.bodies.map((body) => (
                <option value={body.id}>{body.shortName}</option>
              ))}
            </select>
          </div>
          <div>
            <label for="feld-copy">
              Mitglieder übernehmen
              <span class="hint" id="feld-copy-hinweis">
                Das neue Gremium erhält dieselben Mitglieder und Personen wie das gewählte.
              </span>
            </label>
            <select id="feld-copy" name="copyMembersFrom" aria-describedby="feld-copy-hinweis">
              <option value="">keine – Mitglieder später eintragen</option>
              {props.bodies.map((body) => (
                <option value={body.id}>wie {body.shortName}</option>
              ))}
            </select>
          </div>
          <p class="actions">
            <button type="submit">Gremium anlegen</button>
          </p>
        </PostForm>
      </>
    ) : null}
  </>
);

const PeopleList = ({ member }: { member: Member }) =>
  member.people.length === 0 ? (
    <p>Keine Personen eingetragen.</p>
  ) : (
    <ul class="people">
      {member.people.map((person) => (
        <li>
          <strong>{person.name}</strong>
          {person.salutation ? ` (Anrede: „${person.salutation}“)` : ''}, {person.function} –{' '}
          {capacityNames[person.capacity]}
          {person.email ? (
            <>
              {', '}
              <a href={`mailto:${person.email}`}>{person.email}</a>
            </>
          ) : null}
        </li>
      ))}
    </ul>
  );

const BodyPage = (props: {
  user: SignedInUser;
  body: BodyWithMembers;
  periods: Awaited<ReturnType<typeof listChairPeriods>>;
  proposal: { memberId: string; from: string; to: string } | undefined;
  notice: string | undefined;
  parentName: string | undefined;
}) => {
  const { body, user } = props;
  const principal = user.principal;
  const mayManage = can(principal, 'bodies:manage', body.id);
  const mayPeople = can(principal, 'members:manage', body.id);
  const mayChair = can(principal, 'chair-periods:manage', body.id);
  return (
    <>
      <h1>{body.name}</h1>
      <Notice text={props.notice} />
      <dl class="facts">
        <dt>Kurzname</dt>
        <dd>{body.shortName}</dd>
        <dt>Art</dt>
        <dd>{bodyKindNames[body.kind]}</dd>
        {props.parentName === undefined ? null : (
          <>
            <dt>Übergeordnet</dt>
            <dd>
              <a href={`/console/bodies/${body.parentBodyId}`}>{props.parentName}</a>
            </dd>
          </>
        )}
        <dt>Beschlussregel</dt>
        <dd>{decisionRuleText(body.decisionRule)}</dd>
        <dt>Vorsitz</dt>
        <dd>{memberName(body, body.chairMemberId)}</dd>
        <dt>Mitglieder</dt>
        <dd>
          {body.members.length} ({body.members.filter((m) => m.voting).length} stimmberechtigt)
        </dd>
      </dl>
      <p class="actions">
        {can(principal, 'sessions:manage', body.id) ? (
          <a class="button" href={`/console/bodies/${body.id}/sessions/new`}>
            Neue Sitzung
          </a>
        ) : null}
        {can(principal, 'audit:read', body.id) ? (
          <a href={`/console/audit/body/${body.id}`}>Änderungsverlauf des Gremiums</a>
        ) : null}
      </p>

      <h2 id="mitglieder">Mitglieder und Personen</h2>
      <div class="table-scroll">
        <table aria-labelledby="mitglieder">
          <thead>
            <tr>
              <th scope="col">Mitglied</th>
              <th scope="col">Stimmrecht</th>
              <th scope="col">Personen</th>
            </tr>
          </thead>
          <tbody>
            {ordered(body.members).map((member) => (
              <tr>
                <th scope="row">
                  <a href={`/console/bodies/${body.id}/members/${member.memberId}`}>
                    {member.name}
                  </a>
                  {member.memberId === body.chairMemberId ? (
                    <span class="badge ok">Vorsitz</span>
                  ) : null}
                </th>
                <td>{member.voting ? 'stimmberechtigt' : 'Gast, ohne Stimme'}</td>
                <td>
                  <PeopleList member={member} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {mayPeople ? (
        <p class="hint">
          Personen eines Mitglieds (Ansprechpersonen im Büro, Vertretungen) ändern Sie auf der Seite
          des Mitglieds.
        </p>
      ) : null}

      <h2 id="vorsitz">Vorsitz</h2>
      {props.periods.length === 0 ? (
        <p>Es sind keine Vorsitzzeiträume eingetragen.</p>
      ) : (
        <table aria-labelledby="vorsitz">
          <thead>
            <tr>
              <th scope="col">Von</th>
              <th scope="col">Bis</th>
              <th scope="col">Vorsitz</th>
            </tr>
          </thead>
          <tbody>
            {props.periods.map((period) => (
              <tr>
                <td>{germanDay(period.from)}</td>
                <td>{germanDay(period.to)}</td>
                <td>{memberName(body, period.memberId)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {mayChair && body.members.length > 0 ? (
        <PostForm user={user} action={`/console/bodies/${body.id}/chair-periods`}>
          <fieldset>
            <legend>Vorsitzzeitraum eintragen</legend>
            {props.proposal ? (
              <p class="hint">
                Nach der Reihenfolge ist als Nächstes {memberName(body, props.proposal.memberId)}{' '}
                vom {germanDay(props.proposal.from)} bis {germanDay(props.proposal.to)} an der
                Reihe.
              </p>
            ) : null}
            <div>
              <label for="feld-chair-member">Mitglied</label>
              <select id="feld-chair-member" name="memberId">
                {body.members.map((member) => (
                  <option
                    value={member.memberId}
                    selected={member.memberId === props.proposal?.memberId}
                  >
                    {member.name}
                  </option>
                ))}
              </select>
            </div>
            <TextField name="from" type="date" label="Von" value={props.proposal?.from} required />
            <TextField name="to" type="date" label="Bis" value={props.proposal?.to} required />
            <p class="actions">
              <button type="submit">Zeitraum eintragen</button>
            </p>
          </fieldset>
        </PostForm>
      ) : null}

      {mayManage ? (
        <>
          <h2 id="einstellungen">Einstellungen</h2>
          <PostForm user={user} action={`/console/bodies/${body.id}`}>
            <input type="hidden" name="version" value={String(body.version)} />
            <TextField name="name" label="Bezeichnung" value={body.name} required />
            <TextField name="shortName" label="Kurzname" value={body.shortName} required />
            <KindSelect value={body.kind} />
            <RuleSelect value={body.decisionRule.kind} />
            <div>
              <label for="feld-chair">Vorsitz</label>
              <select id="feld-chair" name="chairMemberId">
                <option value="">nicht festgelegt</option>
                {body.members.map((member) => (
                  <option value={member.memberId} selected={member.memberId === body.chairMemberId}>
                    {member.name}
                  </option>
                ))}
              </select>
            </div>
            <fieldset>
              <legend>Einladungen und Presse</legend>
              <label class="choice">
                <input
                  type="checkbox"
                  name="remindWithoutDeadline"
                  value="ja"
                  checked={body.remindWithoutDeadline === true}
                />{' '}
                An Sitzungen ohne Rückmeldefrist vor Beginn erinnern
              </label>
              <label class="choice">
                <input
                  type="checkbox"
                  name="pressSentenceNamesDeputies"
                  value="ja"
                  checked={body.pressSentenceNamesDeputies === true}
                />{' '}
                Im Pressesatz die Vertretung eines Landes nennen
              </label>
            </fieldset>
            <p class="actions">
              <button type="submit">Einstellungen speichern</button>
            </p>
          </PostForm>
        </>
      ) : null}
    </>
  );
};

const PersonFields = (props: {
  prefix: string;
  person?: PersonPatch;
  capacities: PersonPatch['capacity'][];
}) => {
  const id = (name: string) => `${props.prefix}-${name}`;
  return (
    <>
      <div>
        <label for={id('capacity')}>Aufgabe</label>
        <select id={id('capacity')} name="capacity">
          {props.capacities.map((capacity) => (
            <option value={capacity} selected={capacity === props.person?.capacity}>
              {capacityNames[capacity]}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label for={id('name')}>Name</label>
        <input id={id('name')} name="name" type="text" value={props.person?.name} required />
      </div>
      <div>
        <label for={id('salutation')}>
          Anrede
          <span class="hint" id={id('salutation-hinweis')}>
            Beginnt mit „Herr“ oder „Frau“, z. B. „Frau Senatorin“; freilassen, wenn keine besondere
            Anrede gilt.
          </span>
        </label>
        <input
          id={id('salutation')}
          name="salutation"
          type="text"
          value={props.person?.salutation}
          aria-describedby={id('salutation-hinweis')}
        />
      </div>
      <div>
        <label for={id('function')}>Funktion</label>
        <input
          id={id('function')}
          name="function"
          type="text"
          value={props.person?.function}
          required
        />
      </div>
      <div>
        <label for={id('email')}>E-Mail-Adresse</label>
        <input
          id={id('email')}
          name="email"
          type="email"
          value={props.person?.email}
          required
          autocomplete="off"
        />
      </div>
    </>
  );
};

const MemberPage = (props: {
  user: SignedInUser;
  body: Body;
  member: Member;
  notice: string | undefined;
}) => {
  const { body, member, user } = props;
  const mayEdit = can(user.principal, 'members:manage', body.id);
  const base = `/console/bodies/${body.id}/members/${member.memberId}`;
  return (
    <>
      <p>
        <a href={`/console/bodies/${body.id}`}>← {body.shortName}</a>
      </p>
      <h1>
        {member.name} <span class="hint">im Gremium {body.shortName}</span>
      </h1>
      <Notice text={props.notice} />
      <p>{member.voting ? 'Stimmberechtigtes Mitglied.' : 'Gast ohne Stimmrecht.'}</p>
      <h2 id="personen">Personen</h2>
      {member.people.length === 0 ? <p>Keine Personen eingetragen.</p> : null}
      {member.people.map((person, index) =>
        mayEdit ? (
          <section class="card" aria-labelledby={`person-${index}`}>
            <h3 id={`person-${index}`}>
              {person.name} – {capacityNames[person.capacity]}
            </h3>
            <PostForm user={user} action={`${base}/people/${person.id}`}>
              <input type="hidden" name="version" value={String(member.version)} />
              <PersonFields
                prefix={`p${index}`}
                person={person}
                capacities={['principal', 'deputy', 'office_contact']}
              />
              <p class="actions">
                <button type="submit">Änderungen speichern</button>
                <button type="submit" class="secondary" name="entfernen" value="ja">
                  Person entfernen
                </button>
              </p>
            </PostForm>
          </section>
        ) : (
          <section class="card" aria-labelledby={`person-${index}`}>
            <h3 id={`person-${index}`}>{person.name}</h3>
            <p>
              {person.function} – {capacityNames[person.capacity]}
            </p>
          </section>
        ),
      )}
      {mayEdit ? (
        <PostForm user={user} action={`${base}/people`} id="neue-person">
          <input type="hidden" name="version" value={String(member.version)} />
          <fieldset>
            <legend>Ansprechperson oder Vertretung hinzufügen</legend>
            <PersonFields prefix="neu" capacities={['office_contact', 'deputy', 'principal']} />
            <p class="actions">
              <button type="submit">Person hinzufügen</button>
            </p>
          </fieldset>
        </PostForm>
      ) : null}
    </>
  );
};

type Form = Awaited<ReturnType<typeof readForm>>;

const personOf = (form: Form): PersonPatch => ({
  capacity: (form('capacity') ?? 'office_contact') as PersonPatch['capacity'],
  name: form('name') ?? '',
  ...(form('salutation') === undefined ? {} : { salutation: form('salutation') as string }),
  function: form('function') ?? '',
  email: form('email') ?? '',
});

/** A stored person as a member PATCH sends it again (so they keep their id and language). */
const asPatch = ({ id: _id, ...person }: Member['people'][number]): PersonPatch => person;

const memberOf = (deps: AppDeps, c: Context<AppEnv>, actor: Actor) =>
  getMember(deps, actor, c.req.param('bodyId') ?? '', c.req.param('memberId') ?? '');

/**
 * The bodies: the list (with the form to create a body or a working group
 * "like the IMK"), a body's page with members, people, decision rule and
 * chair periods, and a member's page to change its people.
 */
export const bodyRoutes = (deps: AppDeps): ConsoleRoute[] => [
  consoleRoute(
    {
      method: 'get',
      path: '/console/bodies',
      operationId: 'consoleBodies',
      summary: 'Gremien: die eigenen Gremien, und ein neues anlegen',
      access: 'staff',
    },
    async (c, ctx) => {
      const { items } = await listBodies(deps, ctx.actor, { limit: 100 });
      const bodies = items.filter((body) => can(ctx.user.principal, 'body:read', body.id));
      return ctx.page(
        { title: 'Gremien', section: 'bodies' },
        <BodiesPage
          user={ctx.user}
          bodies={bodies}
          notice={noticeOf(c, notices)}
          mayCreate={can(ctx.user.principal, 'bodies:manage')}
        />,
      );
    },
  ),
  consoleRoute(
    {
      method: 'post',
      path: '/console/bodies',
      operationId: 'consoleCreateBody',
      summary: 'Ein Gremium oder einen Arbeitskreis anlegen, auf Wunsch wie ein anderes',
      access: 'staff',
    },
    async (c, ctx) => {
      const form = await readForm(c);
      const input: BodyCreate = {
        id: form('id') ?? '',
        name: form('name') ?? '',
        shortName: form('shortName') ?? '',
        kind: (form('kind') ?? 'working_group') as Body['kind'],
        decisionRule: { kind: form('rule') === 'majority' ? 'majority' : 'unanimity' },
        ...(form('parentBodyId') === undefined ? {} : { parentBodyId: form('parentBodyId') }),
        ...(form('copyMembersFrom') === undefined
          ? {}
          : { copyMembersFrom: form('copyMembersFrom') }),
      };
      const { value } = await createBody(deps, ctx.actor, input, form('key'));
      return seeOther(c, `/console/bodies/${value.id}`, 'angelegt');
    },
  ),
  consoleRoute(
    {
      method: 'get',
      path: '/console/bodies/{bodyId}',
      operationId: 'consoleBody',
      summary: 'Ein Gremium: Mitglieder, Personen, Beschlussregel und Vorsitz',
      access: 'staff',
    },
    async (c, ctx) => {
      const bodyId = c.req.param('bodyId') ?? '';
      const body = await getBody(deps, ctx.actor, bodyId);
      const mayChair = can(ctx.user.principal, 'chair-periods:manage', bodyId);
      const [periods, proposal, parent] = await Promise.all([
        listChairPeriods(deps, ctx.actor, bodyId),
        mayChair ? proposeChairPeriod(deps, ctx.actor, bodyId) : undefined,
        body.parentBodyId === undefined ? undefined : deps.repo.getBody(body.parentBodyId),
      ]);
      return ctx.page(
        { title: body.shortName, section: 'bodies' },
        <BodyPage
          user={ctx.user}
          body={body}
          periods={periods}
          proposal={proposal}
          notice={noticeOf(c, notices)}
          parentName={parent === undefined ? undefined : parent.shortName}
        />,
      );
    },
  ),
  consoleRoute(
    {
      method: 'post',
      path: '/console/bodies/{bodyId}',
      operationId: 'consoleUpdateBody',
      summary: 'Die Einstellungen eines Gremiums ändern',
      access: 'staff',
    },
    async (c, ctx) => {
      const bodyId = c.req.param('bodyId') ?? '';
      const form = await readForm(c);
      const patch: BodyPatch = {
        name: form('name') ?? '',
        shortName: form('shortName') ?? '',
        kind: (form('kind') ?? 'plenary') as Body['kind'],
        ...(form('chairMemberId') === undefined ? {} : { chairMemberId: form('chairMemberId') }),
        remindWithoutDeadline: form('remindWithoutDeadline') === 'ja',
        pressSentenceNamesDeputies: form('pressSentenceNamesDeputies') === 'ja',
      };
      const before = await getBody(deps, ctx.actor, bodyId);
      const rule = form('rule') === 'majority' ? 'majority' : 'unanimity';
      if (rule !== before.decisionRule.kind) {
        patch.decisionRule = { ...before.decisionRule, kind: rule };
      }
      await updateBody(deps, ctx.actor, bodyId, patch, versionOf(form('version')));
      return seeOther(c, `/console/bodies/${bodyId}`, 'gespeichert');
    },
  ),
  consoleRoute(
    {
      method: 'post',
      path: '/console/bodies/{bodyId}/chair-periods',
      operationId: 'consoleRecordChairPeriod',
      summary: 'Einen Vorsitzzeitraum eintragen',
      access: 'staff',
    },
    async (c, ctx) => {
      const bodyId = c.req.param('bodyId') ?? '';
      const form = await readForm(c);
      await recordChairPeriod(deps, ctx.actor, bodyId, {
        memberId: form('memberId') ?? '',
        from: form('from') ?? '',
        to: form('to') ?? '',
      });
      return seeOther(c, `/console/bodies/${bodyId}#vorsitz`, 'vorsitz');
    },
  ),
  consoleRoute(
    {
      method: 'get',
      path: '/console/bodies/{bodyId}/members/{memberId}',
      operationId: 'consoleMember',
      summary: 'Ein Mitglied eines Gremiums mit seinen Personen',
      access: 'staff',
    },
    async (c, ctx) => {
      const bodyId = c.req.param('bodyId') ?? '';
      const [member, body] = await Promise.all([
        memberOf(deps, c, ctx.actor),
        deps.repo.getBody(bodyId),
      ]);
      if (body === undefined) throw new NotFoundError('Body', bodyId);
      return ctx.page(
        { title: `${member.name} – ${body.shortName}`, section: 'bodies' },
        <MemberPage user={ctx.user} body={body} member={member} notice={noticeOf(c, notices)} />,
      );
    },
  ),
  consoleRoute(
    {
      method: 'post',
      path: '/console/bodies/{bodyId}/members/{memberId}/people',
      operationId: 'consoleAddPerson',
      summary: 'Einem Mitglied eine Person hinzufügen (Ansprechperson, Vertretung)',
      access: 'staff',
    },
    async (c, ctx) => {
      const bodyId = c.req.param('bodyId') ?? '';
      const memberId = c.req.param('memberId') ?? '';
      const form = await readForm(c);
      const member = await memberOf(deps, c, ctx.actor);
      await updateMember(
        deps,
        ctx.actor,
        bodyId,
        memberId,
        { people: [...member.people.map(asPatch), personOf(form)] },
        versionOf(form('version')),
      );
      return seeOther(c, `/console/bodies/${bodyId}/members/${memberId}`, 'person');
    },
  ),
  consoleRoute(
    {
      method: 'post',
      path: '/console/bodies/{bodyId}/members/{memberId}/people/{personId}',
      operationId: 'consoleUpdatePerson',
      summary: 'Die Angaben einer Person ändern oder die Person entfernen',
      access: 'staff',
    },
    async (c, ctx) => {
      const bodyId = c.req.param('bodyId') ?? '';
      const memberId = c.req.param('memberId') ?? '';
      const personId = c.req.param('personId') ?? '';
      const form = await readForm(c);
      const member = await memberOf(deps, c, ctx.actor);
      if (!member.people.some((person) => person.id === personId)) {
        throw new NotFoundError('Person', personId);
      }
      const remove = form('entfernen') === 'ja';
      const people = member.people.flatMap((person) =>
        person.id !== personId ? [asPatch(person)] : remove ? [] : [personOf(form)],
      );
      await updateMember(deps, ctx.actor, bodyId, memberId, { people }, versionOf(form('version')));
      return seeOther(
        c,
        `/console/bodies/${bodyId}/members/${memberId}`,
        remove ? 'entfernt' : 'geaendert',
      );
    },
  ),
];
