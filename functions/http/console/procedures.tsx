import { ulid } from 'ulid';
import type { Body, BodyWithMembers } from '../../../shared/domain/body.js';
import { can } from '../../../shared/domain/policy.js';
import type { Ballot, WrittenProcedure } from '../../../shared/domain/written-procedure.js';
import { getBody, listBodies } from '../../../shared/use-cases/bodies.js';
import type { Actor } from '../../../shared/use-cases/context.js';
import {
  closeWrittenProcedure,
  getWrittenProcedure,
  listWrittenProcedures,
  remindWrittenProcedure,
  startWrittenProcedure,
} from '../../../shared/use-cases/written-procedures.js';
import type { AppDeps } from '../app.js';
import { readForm } from '../routes/link-pages.js';
import { berlinWallTime } from './berlin-time.js';
import { germanDateTimeShort, Notice, PostForm } from './components.js';
import { type ConsoleRoute, consoleRoute, noticeOf, seeOther } from './console-route.js';
import { ResolutionContent, voteNames } from './resolutions.js';

/** The bodies whose written procedures the actor may read, and whether they may start one. */
const visibleBodies = async (deps: AppDeps, actor: Actor): Promise<Body[]> => {
  const { items } = await listBodies(deps, actor, { limit: 100 });
  return items.filter((body) => can(actor.principal, 'resolutions:read', body.id));
};

const stateNames: Record<WrittenProcedure['state'], string> = {
  open: 'läuft',
  closed: 'abgeschlossen',
};

const channelNames: Record<NonNullable<Ballot['channel']>, string> = {
  link: 'über den Link',
  mail: 'per E-Mail',
  secretariat: 'durch die Geschäftsstelle erfasst',
};

const closedWhy: Record<NonNullable<WrittenProcedure['closedBecause']>, string> = {
  'all-answered': 'alle Mitglieder haben geantwortet',
  deadline: 'die Frist ist abgelaufen',
  secretariat: 'von der Geschäftsstelle vorzeitig geschlossen',
};

const ProcedureTable = ({
  body,
  procedures,
}: {
  body: Body;
  procedures: readonly WrittenProcedure[];
}) => (
  <div class="table-scroll">
    <table aria-labelledby={`gremium-${body.id}`}>
      <thead>
        <tr>
          <th scope="col">Umlaufverfahren</th>
          <th scope="col">Frist</th>
          <th scope="col">Antworten</th>
          <th scope="col">Stand</th>
        </tr>
      </thead>
      <tbody>
        {procedures.map((procedure) => (
          <tr>
            <td>
              <a href={`/console/procedures/${procedure.id}`}>{procedure.title}</a>
            </td>
            <td>
              <time datetime={procedure.deadline}>{germanDateTimeShort(procedure.deadline)}</time>
            </td>
            <td>
              {procedure.answered.length} von {procedure.voters.length}
            </td>
            <td>
              <span class={procedure.state === 'open' ? 'badge ok' : 'badge'}>
                {stateNames[procedure.state]}
              </span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  </div>
);

const proposalSlots = 3;

const ProposalFields = ({ index }: { index: number }) => {
  const id = `vorschlag-${index}`;
  return (
    <fieldset>
      <legend>
        Beschlussvorschlag {index + 1}
        {index === 0 ? '' : ' (optional)'}
      </legend>
      <label for={`${id}-titel`}>Titel</label>
      <input
        id={`${id}-titel`}
        name={`title-${index}`}
        type="text"
        maxlength={300}
        required={index === 0}
      />
      <label for={`${id}-text`}>
        Beschlusstext
        <span class="hint" id={`${id}-hinweis`}>
          Absätze trennen Sie durch eine Leerzeile.
        </span>
      </label>
      <textarea
        id={`${id}-text`}
        name={`text-${index}`}
        required={index === 0}
        aria-describedby={`${id}-hinweis`}
      />
    </fieldset>
  );
};

const AnswerCells = ({ ballot, view }: { ballot: Ballot; view: ProcedureViewShape }) => {
  if (!ballot.voting) {
    return <td colspan={view.resolutions.length + 1}>Gast ohne Stimmrecht, zur Kenntnis</td>;
  }
  if (ballot.votes === undefined) {
    const silence = view.resolutions[0]?.votes[ballot.memberId];
    return (
      <>
        {view.resolutions.map((resolution) => {
          const cast = resolution.votes[ballot.memberId];
          return (
            <td>
              {cast?.channel === 'silence'
                ? `keine Antwort (gilt als ${voteNames[cast.vote]})`
                : 'noch keine Antwort'}
            </td>
          );
        })}
        <td>{silence?.channel === 'silence' ? 'keine Antwort bis zum Abschluss' : '–'}</td>
      </>
    );
  }
  return (
    <>
      {view.resolutions.map((resolution) => {
        const vote = ballot.votes?.[resolution.id];
        return <td>{vote === undefined ? '–' : voteNames[vote]}</td>;
      })}
      <td>
        {ballot.channel === undefined ? '' : channelNames[ballot.channel]}
        {ballot.answeredAt === undefined ? null : (
          <>
            , <time datetime={ballot.answeredAt}>{germanDateTimeShort(ballot.answeredAt)}</time>
          </>
        )}
      </td>
    </>
  );
};

type ProcedureViewShape = Awaited<ReturnType<typeof getWrittenProcedure>>;

const ProcedureDetail = ({ view, body }: { view: ProcedureViewShape; body: BodyWithMembers }) => {
  const names = new Map(body.members.map((m) => [m.memberId, m.name]));
  return (
    <>
      <h2 id="vorschlaege">Beschlussvorschläge</h2>
      {view.resolutions.map((resolution, index) => {
        return (
          <article class="card resolution" aria-labelledby={`vorschlag-${resolution.id}`}>
            <h3 id={`vorschlag-${resolution.id}`}>
              {index + 1}. {resolution.title}
            </h3>
            <ResolutionContent resolution={resolution} body={body} />
          </article>
        );
      })}
      <h2 id="antworten">Antworten der Mitglieder</h2>
      <p>
        {view.procedure.answered.length} von {view.procedure.voters.length} stimmberechtigten
        Mitgliedern {view.procedure.answered.length === 1 ? 'hat' : 'haben'} geantwortet.
      </p>
      <div class="table-scroll">
        <table aria-labelledby="antworten">
          <thead>
            <tr>
              <th scope="col">Mitglied</th>
              {view.resolutions.map((_resolution, index) => (
                <th scope="col">Vorschlag {index + 1}</th>
              ))}
              <th scope="col">Antwort</th>
            </tr>
          </thead>
          <tbody>
            {view.ballots
              .slice()
              .sort((a, b) =>
                (names.get(a.memberId) ?? '').localeCompare(names.get(b.memberId) ?? '', 'de'),
              )
              .map((ballot) => (
                <tr>
                  <th scope="row">
                    {names.get(ballot.memberId) ?? ballot.memberId}
                    <span class="hint">{ballot.name}</span>
                  </th>
                  <AnswerCells ballot={ballot} view={view} />
                </tr>
              ))}
          </tbody>
        </table>
      </div>
    </>
  );
};

const listNotices = {};
const detailNotices = {
  gestartet:
    'Das Umlaufverfahren ist gestartet. Die Mitglieder erhalten die Vorschläge per E-Mail.',
  erinnert: 'Die Mitglieder ohne Antwort werden erneut per E-Mail erinnert.',
  geschlossen: 'Das Umlaufverfahren ist abgeschlossen; alle Mitglieder erhalten das Ergebnis.',
};

const access = ['admin', 'secretariat', 'chair'] as const;

/** Written procedures (Umlaufverfahren): list per body, start, watch, remind, close. */
export const procedureRoutes = (deps: AppDeps): ConsoleRoute[] => [
  consoleRoute(
    {
      method: 'get',
      path: '/console/procedures',
      operationId: 'consoleProcedures',
      summary: 'Umlaufverfahren je Gremium',
      access: [...access],
    },
    async (c, ctx) => {
      const bodies = await visibleBodies(deps, ctx.actor);
      const lists = await Promise.all(
        bodies.map(async (body) => ({
          body,
          procedures: (await listWrittenProcedures(deps, ctx.actor, body.id, { limit: 50 })).items,
        })),
      );
      const mayStart = bodies.some((b) => can(ctx.user.principal, 'resolutions:manage', b.id));
      return ctx.page(
        { title: 'Umlaufverfahren', section: 'procedures' },
        <>
          <h1>Umlaufverfahren</h1>
          <Notice text={noticeOf(c, listNotices)} />
          {mayStart ? (
            <p class="actions">
              <a class="button" href="/console/procedures/new">
                Neues Umlaufverfahren
              </a>
            </p>
          ) : null}
          {lists.map(({ body, procedures }) => (
            <section aria-labelledby={`gremium-${body.id}`}>
              <h2 id={`gremium-${body.id}`}>{body.name}</h2>
              {procedures.length === 0 ? (
                <p>Für dieses Gremium gibt es keine Umlaufverfahren.</p>
              ) : (
                <ProcedureTable body={body} procedures={procedures} />
              )}
            </section>
          ))}
        </>,
      );
    },
  ),
  consoleRoute(
    {
      method: 'get',
      path: '/console/procedures/new',
      operationId: 'consoleNewProcedure',
      summary: 'Neues Umlaufverfahren: Vorschläge und Frist',
      access: [...access],
    },
    async (_c, ctx) => {
      const bodies = (await visibleBodies(deps, ctx.actor)).filter((body) =>
        can(ctx.user.principal, 'resolutions:manage', body.id),
      );
      return ctx.page(
        { title: 'Neues Umlaufverfahren', section: 'procedures' },
        <>
          <h1>Neues Umlaufverfahren</h1>
          <p>
            Die Vorschläge gehen per E-Mail an alle stimmberechtigten Mitglieder des Gremiums; sie
            antworten über ihren Link oder per Antwort-E-Mail. Wer bis zur Frist nicht antwortet,
            wird nach der Regel des Gremiums gezählt.
          </p>
          <PostForm user={ctx.user} action="/console/procedures">
            <input type="hidden" name="key" value={ulid()} />
            <label for="verfahren-gremium">Gremium</label>
            <select id="verfahren-gremium" name="bodyId" required>
              {bodies.map((body) => (
                <option value={body.id}>{body.name}</option>
              ))}
            </select>
            <label for="verfahren-titel">
              Betreff
              <span class="hint" id="verfahren-titel-hinweis">
                Erscheint als Betreff der E-Mails.
              </span>
            </label>
            <input
              id="verfahren-titel"
              name="title"
              type="text"
              maxlength={300}
              required
              aria-describedby="verfahren-titel-hinweis"
            />
            {Array.from({ length: proposalSlots }, (_, index) => (
              <ProposalFields index={index} />
            ))}
            <label for="verfahren-frist">
              Antwortfrist (deutsche Zeit)
              <span class="hint" id="verfahren-frist-hinweis">
                In der Regel mindestens 24 Stunden ab jetzt.
              </span>
            </label>
            <input
              id="verfahren-frist"
              name="deadline"
              type="datetime-local"
              required
              aria-describedby="verfahren-frist-hinweis"
            />
            <label class="choice" for="verfahren-eilig">
              <input id="verfahren-eilig" name="urgent" type="checkbox" value="ja" /> Eilverfahren
              (kürzere Frist; wird protokolliert)
            </label>
            <div class="actions">
              <button type="submit">Umlaufverfahren starten</button>
              <a href="/console/procedures">Abbrechen</a>
            </div>
          </PostForm>
        </>,
      );
    },
  ),
  consoleRoute(
    {
      method: 'post',
      path: '/console/procedures',
      operationId: 'consoleStartProcedure',
      summary: 'Umlaufverfahren starten',
      access: [...access],
    },
    async (c, ctx) => {
      const form = await readForm(c);
      const resolutions = Array.from({ length: proposalSlots }, (_, index) => ({
        title: form(`title-${index}`),
        text: form(`text-${index}`),
      }))
        .filter((r, index) => index === 0 || r.title !== undefined || r.text !== undefined)
        .map((r) => ({ title: r.title ?? '', text: r.text ?? '' }));
      const deadline = berlinWallTime(form('deadline') ?? '').toISOString();
      const result = await startWrittenProcedure(
        deps,
        ctx.actor,
        form('bodyId') ?? '',
        {
          title: form('title') ?? '',
          resolutions,
          deadline,
          ...(form('urgent') === undefined ? {} : { urgent: true }),
        },
        form('key'),
      );
      return seeOther(c, `/console/procedures/${result.value.id}`, 'gestartet');
    },
  ),
  consoleRoute(
    {
      method: 'get',
      path: '/console/procedures/{procedureId}',
      operationId: 'consoleProcedure',
      summary: 'Ein Umlaufverfahren: Antworten, Erinnerung, Abschluss, Ergebnis',
      access: [...access],
    },
    async (c, ctx) => {
      const view = await getWrittenProcedure(deps, ctx.actor, c.req.param('procedureId') ?? '');
      const body = await getBody(deps, ctx.actor, view.procedure.bodyId);
      const { procedure } = view;
      const manage =
        procedure.state === 'open' &&
        can(ctx.user.principal, 'resolutions:manage', procedure.bodyId);
      const waiting = procedure.voters.length - procedure.answered.length;
      return ctx.page(
        { title: `Umlaufverfahren: ${procedure.title}`, section: 'procedures' },
        <>
          <p>
            <a href="/console/procedures">Alle Umlaufverfahren</a>
          </p>
          <h1>{procedure.title}</h1>
          <Notice text={noticeOf(c, detailNotices)} />
          <dl class="facts">
            <dt>Gremium</dt>
            <dd>{body.name}</dd>
            <dt>Frist</dt>
            <dd>
              <time datetime={procedure.deadline}>{germanDateTimeShort(procedure.deadline)}</time>
            </dd>
            <dt>Stand</dt>
            <dd>
              {stateNames[procedure.state]}
              {procedure.closedAt === undefined ? null : (
                <>
                  {' '}
                  am{' '}
                  <time datetime={procedure.closedAt}>
                    {germanDateTimeShort(procedure.closedAt)}
                  </time>
                  {procedure.closedBecause === undefined
                    ? null
                    : ` (${closedWhy[procedure.closedBecause]})`}
                </>
              )}
            </dd>
          </dl>
          {manage ? (
            <div class="actions">
              {waiting > 0 ? (
                <PostForm
                  user={ctx.user}
                  action={`/console/procedures/${procedure.id}/remind`}
                  class="inline"
                >
                  <input type="hidden" name="version" value={String(procedure.version)} />
                  <button type="submit" class="secondary">
                    {waiting === 1 ? 'Ein Mitglied' : `${waiting} Mitglieder`} ohne Antwort erinnern
                  </button>
                </PostForm>
              ) : null}
              <PostForm
                user={ctx.user}
                action={`/console/procedures/${procedure.id}/close`}
                class="inline"
              >
                <input type="hidden" name="version" value={String(procedure.version)} />
                <button type="submit" aria-describedby="schliessen-hinweis">
                  Verfahren jetzt abschließen
                </button>
              </PostForm>
              <p class="hint" id="schliessen-hinweis">
                Beim Abschluss zählt fehlende Antwort nach der Regel des Gremiums; alle Mitglieder
                erhalten das Ergebnis per E-Mail.
              </p>
            </div>
          ) : null}
          <ProcedureDetail view={view} body={body} />
        </>,
      );
    },
  ),
  consoleRoute(
    {
      method: 'post',
      path: '/console/procedures/{procedureId}/remind',
      operationId: 'consoleRemindProcedure',
      summary: 'Mitglieder ohne Antwort jetzt erinnern',
      access: [...access],
    },
    async (c, ctx) => {
      const form = await readForm(c);
      const id = c.req.param('procedureId') ?? '';
      const version = form('version');
      await remindWrittenProcedure(
        deps,
        ctx.actor,
        id,
        version === undefined ? undefined : Number(version),
      );
      return seeOther(c, `/console/procedures/${id}`, 'erinnert');
    },
  ),
  consoleRoute(
    {
      method: 'post',
      path: '/console/procedures/{procedureId}/close',
      operationId: 'consoleCloseProcedure',
      summary: 'Umlaufverfahren vorzeitig abschließen',
      access: [...access],
    },
    async (c, ctx) => {
      const form = await readForm(c);
      const id = c.req.param('procedureId') ?? '';
      const version = form('version');
      await closeWrittenProcedure(
        deps,
        ctx.actor,
        id,
        version === undefined ? undefined : Number(version),
      );
      return seeOther(c, `/console/procedures/${id}`, 'geschlossen');
    },
  ),
];
