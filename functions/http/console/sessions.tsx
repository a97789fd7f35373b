import type { Context } from 'hono';
import { ulid } from 'ulid';
import { ValidationError } from '../../../shared/domain/errors.js';
import { type Message, msg, renderMessage } from '../../../shared/domain/messages.js';
import { can, requirePermission } from '../../../shared/domain/policy.js';
import type {
  Session,
  SessionFormat,
  SessionInput,
  SessionKind,
  SessionState,
} from '../../../shared/domain/session.js';
import { sessionTransitions } from '../../../shared/domain/session-state.js';
import { getBody } from '../../../shared/use-cases/bodies.js';
import {
  changeSessionState,
  getSession,
  planSession,
  updateSession,
} from '../../../shared/use-cases/sessions.js';
import type { AppDeps } from '../app.js';
import type { AppEnv } from '../app-env.js';
import { readForm } from '../routes/link-pages.js';
import {
  germanDateTimeShort,
  Notice,
  PostForm,
  SessionStateBadge,
  TextField,
} from './components.js';
import { type ConsoleRoute, consoleRoute, noticeOf, seeOther } from './console-route.js';
import type { SignedInUser } from './layout.js';
import { fromWallTimeInput, wallTimeInput } from './wall-time.js';

/** The German names of a session's kinds and formats. */
export const sessionKindNames: Record<SessionKind, string> = {
  regular: 'Ordentliche Sitzung',
  constitutive: 'Konstituierende Sitzung',
  extraordinary: 'Sonderkonferenz',
};
export const sessionFormatNames: Record<SessionFormat, string> = {
  in_person: 'in Präsenz',
  video: 'als Videokonferenz',
  hybrid: 'hybrid (Präsenz und Video)',
};

/** Field errors of a form by field name, in German. */
export type FieldErrors = Record<string, string>;

const german = (message: Message) => renderMessage(message, 'de');

/**
 * The field errors of a refused form: each issue under the form field its
 * path names (`body.place.city` → `city`), in German.
 *
 * @example
 * ```ts
 * fieldErrorsOf(error, { 'body.place.city': 'city' });
 * ```
 */
export const fieldErrorsOf = (
  error: ValidationError,
  fields: Record<string, string> = {},
): FieldErrors => {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const name =
      fields[issue.path] ??
      issue.path
        .replace(/^body\./, '')
        .split('.')
        .at(-1) ??
      '';
    errors[name] ??= german(issue.message);
  }
  return errors;
};

/** A list of the form's errors at its top, linked to the fields, announced at once. */
export const ErrorSummary = ({ errors }: { errors: FieldErrors }) => {
  const entries = Object.entries(errors);
  if (entries.length === 0) return null;
  return (
    <div class="notice error" role="alert" id="fehler">
      <p>Bitte prüfen Sie die markierten Angaben:</p>
      <ul>
        {entries.map(([name, text]) => (
          <li>
            <a href={`#feld-${name}`}>{text}</a>
          </li>
        ))}
      </ul>
    </div>
  );
};

/** A group of radio buttons with its legend. */
export const RadioGroup = <T extends string>(props: {
  name: string;
  legend: string;
  options: Record<T, string>;
  value: string | undefined;
  error?: string | undefined;
}) => (
  <fieldset
    aria-describedby={props.error ? `feld-${props.name}-fehler` : undefined}
    id={`feld-${props.name}`}
  >
    <legend>{props.legend}</legend>
    {props.error ? (
      <p class="field-error" id={`feld-${props.name}-fehler`}>
        {props.error}
      </p>
    ) : null}
    {(Object.entries(props.options) as [T, string][]).map(([value, label]) => (
      <label class="choice" for={`feld-${props.name}-${value}`}>
        <input
          type="radio"
          id={`feld-${props.name}-${value}`}
          name={props.name}
          value={value}
          checked={props.value === value}
          required
        />{' '}
        {label}
      </label>
    ))}
  </fieldset>
);

/** What the session form shows: the values as entered, as strings. */
type SessionFormValues = Partial<
  Record<
    | 'kind'
    | 'format'
    | 'title'
    | 'startsAt'
    | 'endsAt'
    | 'city'
    | 'building'
    | 'room'
    | 'address'
    | 'videoLink'
    | 'answerDeadline',
    string
  >
>;

const valuesOf = (session: Session): SessionFormValues => ({
  kind: session.kind,
  format: session.format,
  title: session.title,
  startsAt: wallTimeInput(session.startsAt, session.timeZone),
  endsAt: wallTimeInput(session.endsAt, session.timeZone),
  city: session.place?.city,
  building: session.place?.building,
  room: session.place?.room,
  address: session.place?.address,
  videoLink: session.videoLink,
  answerDeadline: wallTimeInput(session.answerDeadline, session.timeZone),
});

const SessionFields = ({ values, errors }: { values: SessionFormValues; errors: FieldErrors }) => (
  <>
    <RadioGroup
      name="kind"
      legend="Art der Sitzung"
      options={sessionKindNames}
      value={values.kind}
      error={errors.kind}
    />
    <RadioGroup
      name="format"
      legend="Form der Sitzung"
      options={{ in_person: 'In Präsenz', video: 'Videokonferenz', hybrid: 'Hybrid' }}
      value={values.format}
      error={errors.format}
    />
    <TextField name="title" label="Titel" value={values.title} error={errors.title} required />
    <fieldset>
      <legend>Zeit (Ortszeit Berlin)</legend>
      <TextField
        name="startsAt"
        type="datetime-local"
        label="Beginn"
        value={values.startsAt}
        error={errors.startsAt}
        required
      />
      <TextField
        name="endsAt"
        type="datetime-local"
        label="Ende"
        value={values.endsAt}
        error={errors.endsAt}
        required
      />
      <TextField
        name="answerDeadline"
        type="datetime-local"
        label="Antwortfrist"
        hint="Bis wann die Eingeladenen zu- oder absagen sollen; freiwillig."
        value={values.answerDeadline}
        error={errors.answerDeadline}
      />
    </fieldset>
    <fieldset>
      <legend>Ort</legend>
      <p class="hint">Für Sitzungen in Präsenz und hybride Sitzungen.</p>
      <TextField name="city" label="Stadt" value={values.city} error={errors.city} />
      <TextField name="building" label="Gebäude" value={values.building} error={errors.building} />
      <TextField name="room" label="Raum" value={values.room} error={errors.room} />
      <TextField name="address" label="Anschrift" value={values.address} error={errors.address} />
    </fieldset>
    <TextField
      name="videoLink"
      type="url"
      label="Videolink"
      hint="Für Videokonferenzen und hybride Sitzungen; beginnt mit https://"
      value={values.videoLink}
      error={errors.videoLink}
    />
  </>
);

const formValues = async (c: Context<AppEnv>): Promise<SessionFormValues> => {
  const form = await readForm(c);
  const names = [
    'kind',
    'format',
    'title',
    'startsAt',
    'endsAt',
    'city',
    'building',
    'room',
    'address',
    'videoLink',
    'answerDeadline',
  ] as const;
  return Object.fromEntries(
    names.flatMap((name) => {
      const value = form(name)?.trim();
      return value === undefined ? [] : [[name, value]];
    }),
  );
};

/**
 * The session input of the form, read in Berlin time; the console's own
 * checks first, in words a Geschäftsstelle uses, then the use case's.
 */
const sessionInputOf = (values: SessionFormValues): SessionInput => {
  const issues: { path: string; message: Message }[] = [];
  const instant = (name: 'startsAt' | 'endsAt' | 'answerDeadline', required: boolean) => {
    const raw = values[name];
    if (raw === undefined) {
      if (required) issues.push({ path: name, message: msg('console.field-required') });
      return undefined;
    }
    const at = fromWallTimeInput(raw);
    if (at === undefined) issues.push({ path: name, message: msg('console.session.wall-time') });
    return at;
  };
  const startsAt = instant('startsAt', true);
  const endsAt = instant('endsAt', true);
  const answerDeadline = instant('answerDeadline', false);
  if (values.title === undefined) {
    issues.push({ path: 'title', message: msg('console.field-required') });
  }
  if (values.kind === undefined)
    issues.push({ path: 'kind', message: msg('console.field-required') });
  if (values.format === undefined) {
    issues.push({ path: 'format', message: msg('console.field-required') });
  }
  if (startsAt && endsAt && Date.parse(endsAt) <= Date.parse(startsAt)) {
    issues.push({ path: 'endsAt', message: msg('console.session.ends-before-start') });
  }
  if (startsAt && answerDeadline && Date.parse(answerDeadline) > Date.parse(startsAt)) {
    issues.push({ path: 'answerDeadline', message: msg('console.session.deadline-after-start') });
  }
  const hasPlace = [values.city, values.building, values.room, values.address].some(Boolean);
  if ((values.format === 'in_person' || values.format === 'hybrid') && values.city === undefined) {
    issues.push({ path: 'city', message: msg('console.session.place-needed') });
  } else if (hasPlace && values.city === undefined) {
    issues.push({ path: 'city', message: msg('console.field-required') });
  }
  if ((values.format === 'video' || values.format === 'hybrid') && values.videoLink === undefined) {
    issues.push({ path: 'videoLink', message: msg('console.session.video-needed') });
  }
  if (issues.length > 0) {
    throw new ValidationError(
      msg('request.invalid-input', { location: 'body' }),
      issues.map((issue) => ({ ...issue, path: `body.${issue.path}` })),
    );
  }
  // A place or video link the format does not use is not sent (a PATCH cannot remove a stored one).
  const usesPlace = values.format !== 'video';
  const usesVideo = values.format !== 'in_person';
  return {
    kind: values.kind as SessionKind,
    format: values.format as SessionFormat,
    title: values.title ?? '',
    startsAt: startsAt ?? '',
    endsAt: endsAt ?? '',
    timeZone: 'Europe/Berlin',
    ...(usesPlace && values.city !== undefined
      ? {
          place: {
            city: values.city,
            ...(values.building ? { building: values.building } : {}),
            ...(values.room ? { room: values.room } : {}),
            ...(values.address ? { address: values.address } : {}),
          },
        }
      : {}),
    ...(usesVideo && values.videoLink !== undefined ? { videoLink: values.videoLink } : {}),
    ...(answerDeadline === undefined ? {} : { answerDeadline }),
  };
};

const placeFields = {
  'body.place.city': 'city',
  'body.place.building': 'building',
  'body.place.room': 'room',
  'body.place.address': 'address',
  'body.place': 'city',
};

/** "1. Sitzung", "2. Sonderkonferenz 2027": the session's number as the conference writes it. */
export const sessionNumberText = (session: Session): string =>
  session.numbering === 'none'
    ? sessionKindNames[session.kind]
    : session.numbering === 'yearly'
      ? `${session.number}. Sonderkonferenz ${session.numberYear ?? ''}`.trim()
      : `${session.number}. Sitzung`;

/** The links from a session to its areas; mail and delivery are the secretariat's. */
const sessionAreas = (id: string, manages: boolean) => [
  { href: `/console/sessions/${id}/agenda`, label: 'Tagesordnung' },
  { href: `/console/sessions/${id}/papers`, label: 'Unterlagen' },
  ...(manages
    ? [{ href: `/console/sessions/${id}/mails`, label: 'Einladungen und Zustellung' }]
    : []),
  { href: `/console/sessions/${id}/board`, label: 'Teilnahme (Live-Übersicht)' },
  { href: `/console/sessions/${id}/resolutions`, label: 'Beschlüsse' },
  { href: `/console/sessions/${id}/votes`, label: 'Abstimmungen' },
  { href: `/console/sessions/${id}/release`, label: 'Freigabe' },
  { href: `/console/sessions/${id}/protocol`, label: 'Ergebnisniederschrift' },
  { href: `/console/audit/session/${id}`, label: 'Verlauf (Protokoll der Änderungen)' },
];

/** The path back to a session's page, and its title in the breadcrumb. */
export const SessionBreadcrumb = ({ session, here }: { session: Session; here?: string }) => (
  <nav aria-label="Brotkrumen" class="breadcrumb">
    <ol>
      <li>
        <a href={`/console/bodies/${session.bodyId}`}>{session.bodyId.toUpperCase()}</a>
      </li>
      <li>
        {here === undefined ? (
          <span aria-current="page">{session.title}</span>
        ) : (
          <a href={`/console/sessions/${session.id}`}>{session.title}</a>
        )}
      </li>
      {here === undefined ? null : (
        <li>
          <span aria-current="page">{here}</span>
        </li>
      )}
    </ol>
  </nav>
);

const transitionLabels: Partial<Record<SessionState, { label: string; hint: string }>> = {
  in_session: {
    label: 'Sitzung eröffnen',
    hint: 'Die Sitzung beginnt; Abstimmungen und Beschlüsse werden möglich.',
  },
  concluded: {
    label: 'Sitzung abschließen',
    hint: 'Danach lassen sich Zeiten, Ort und Tagesordnung nicht mehr ändern.',
  },
};

const StateActions = ({ session, user }: { session: Session; user: SignedInUser }) => {
  const next = sessionTransitions[session.state];
  const steps = next.filter((to) => to !== 'cancelled' && transitionLabels[to] !== undefined);
  return (
    <section aria-labelledby="stand-aendern">
      <h2 id="stand-aendern">Stand der Sitzung ändern</h2>
      {session.state === 'planned' ? (
        <p>
          Mit dem Versand der Einladungen wird die Sitzung zu „eingeladen“.{' '}
          <a href={`/console/sessions/${session.id}/invitations`}>Einladungen versenden</a>
        </p>
      ) : null}
      {steps.map((to) => (
        <PostForm user={user} action={`/console/sessions/${session.id}/state`}>
          <input type="hidden" name="version" value={String(session.version)} />
          <input type="hidden" name="to" value={to} />
          <p class="hint">{transitionLabels[to]?.hint}</p>
          <button type="submit">{transitionLabels[to]?.label}</button>
        </PostForm>
      ))}
      {next.includes('cancelled') ? (
        <PostForm user={user} action={`/console/sessions/${session.id}/state`}>
          <input type="hidden" name="version" value={String(session.version)} />
          <input type="hidden" name="to" value="cancelled" />
          <fieldset>
            <legend>Sitzung absagen</legend>
            <label class="choice" for="absage-bestaetigt">
              <input type="checkbox" id="absage-bestaetigt" name="confirm" value="yes" required />{' '}
              Ich sage die Sitzung ab. Wer eingeladen ist, erhält eine Absage.
            </label>
            <button type="submit" class="danger">
              Sitzung absagen
            </button>
          </fieldset>
        </PostForm>
      ) : null}
      {next.length === 0 ? <p>Die Sitzung ist {sessionStateText(session.state)}.</p> : null}
    </section>
  );
};

const sessionStateText = (state: SessionState) =>
  state === 'concluded' ? 'abgeschlossen' : state === 'cancelled' ? 'abgesagt' : state;

const placeText = (session: Session) =>
  session.place === undefined
    ? undefined
    : [session.place.building, session.place.room, session.place.address]
        .filter(Boolean)
        .join(', ');

const SessionFacts = ({ session }: { session: Session }) => (
  <dl class="facts">
    <dt>Gremium</dt>
    <dd>{session.bodyId.toUpperCase()}</dd>
    <dt>Sitzung</dt>
    <dd>
      {sessionNumberText(session)} ({sessionKindNames[session.kind]},{' '}
      {sessionFormatNames[session.format]})
    </dd>
    <dt>Stand</dt>
    <dd>
      <SessionStateBadge state={session.state} />
    </dd>
    <dt>Beginn</dt>
    <dd>
      <time datetime={session.startsAt}>
        {germanDateTimeShort(session.startsAt, session.timeZone)}
      </time>
    </dd>
    <dt>Ende</dt>
    <dd>
      <time datetime={session.endsAt}>{germanDateTimeShort(session.endsAt, session.timeZone)}</time>
    </dd>
    {session.place ? (
      <>
        <dt>Ort</dt>
        <dd>
          {session.place.city}
          {placeText(session) ? ` – ${placeText(session)}` : ''}
        </dd>
      </>
    ) : null}
    {session.videoLink ? (
      <>
        <dt>Videolink</dt>
        <dd>
          <a href={session.videoLink}>{session.videoLink}</a>
        </dd>
      </>
    ) : null}
    <dt>Antwortfrist</dt>
    <dd>
      {session.answerDeadline ? (
        <time datetime={session.answerDeadline}>
          {germanDateTimeShort(session.answerDeadline, session.timeZone)}
        </time>
      ) : (
        'keine'
      )}
    </dd>
    <dt>Tagesordnung</dt>
    <dd>
      {session.agendaApproval === undefined
        ? 'noch nicht vom Vorsitz genehmigt'
        : session.agendaApproval.outdated
          ? 'nach der Genehmigung geändert – erneute Genehmigung nötig'
          : `vom Vorsitz genehmigt am ${germanDateTimeShort(session.agendaApproval.at, session.timeZone)}`}
    </dd>
  </dl>
);

const hubNotices = {
  angelegt: 'Die Sitzung ist angelegt. Als Nächstes stellen Sie die Tagesordnung zusammen.',
  gespeichert: 'Die Änderungen sind gespeichert.',
  benachrichtigt:
    'Die Änderungen sind gespeichert. Alle Eingeladenen erhalten eine aktualisierte Einladung.',
  in_session: 'Die Sitzung ist eröffnet.',
  concluded: 'Die Sitzung ist abgeschlossen.',
  cancelled: 'Die Sitzung ist abgesagt. Alle Eingeladenen werden benachrichtigt.',
};

const SessionFormPage = ({
  user,
  action,
  values,
  errors,
  hidden,
  submit,
}: {
  user: SignedInUser;
  action: string;
  values: SessionFormValues;
  errors: FieldErrors;
  hidden: Record<string, string>;
  submit: string;
}) => (
  <>
    <ErrorSummary errors={errors} />
    <PostForm user={user} action={action} class="session-form">
      {Object.entries(hidden).map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
      <SessionFields values={values} errors={errors} />
      <div class="actions">
        <button type="submit">{submit}</button>
      </div>
    </PostForm>
  </>
);

/** The policy's answer before a form is shown that the person could not send. */
const requireSessionManager = (user: SignedInUser, bodyId: string) =>
  requirePermission(user.principal, 'sessions:manage', bodyId);

/**
 * The session pages of the console: plan a session, its hub with the
 * facts, links and state changes, and editing it.
 */
export const sessionRoutes = (deps: AppDeps): ConsoleRoute[] => [
  consoleRoute(
    {
      method: 'get',
      path: '/console/bodies/{bodyId}/sessions/new',
      operationId: 'consoleSessionNew',
      summary: 'Neue Sitzung eines Gremiums planen (Formular)',
      access: 'staff',
    },
    async (c, ctx) => {
      const body = await getBody(deps, ctx.actor, c.req.param('bodyId') ?? '');
      requireSessionManager(ctx.user, body.id);
      return ctx.page(
        { title: `Neue Sitzung – ${body.shortName}`, section: 'bodies' },
        <>
          <h1>Neue Sitzung: {body.name}</h1>
          <p class="lead">
            Zeiten gelten in Berliner Ortszeit. Eingeladen wird erst, wenn Sie die Einladungen
            versenden.
          </p>
          <SessionFormPage
            user={ctx.user}
            action={`/console/bodies/${body.id}/sessions`}
            values={{ kind: 'regular', format: 'in_person' }}
            errors={{}}
            hidden={{ idempotencyKey: ulid() }}
            submit="Sitzung anlegen"
          />
        </>,
      );
    },
  ),
  consoleRoute(
    {
      method: 'post',
      path: '/console/bodies/{bodyId}/sessions',
      operationId: 'consoleSessionCreate',
      summary: 'Sitzung anlegen',
      access: 'staff',
    },
    async (c, ctx) => {
      const bodyId = c.req.param('bodyId') ?? '';
      const values = await formValues(c);
      const key = (await readForm(c))('idempotencyKey');
      try {
        const { value } = await planSession(
          deps,
          ctx.actor,
          bodyId,
          sessionInputOf(values),
          key !== undefined && /^[A-Za-z0-9_.:-]{8,128}$/.test(key) ? `console:${key}` : undefined,
        );
        return seeOther(c, `/console/sessions/${value.id}`, 'angelegt');
      } catch (error) {
        if (!(error instanceof ValidationError) || key === undefined) throw error;
        const body = await getBody(deps, ctx.actor, bodyId);
        return ctx.page(
          { title: `Neue Sitzung – ${body.shortName}`, section: 'bodies', status: 400 },
          <>
            <h1>Neue Sitzung: {body.name}</h1>
            <SessionFormPage
              user={ctx.user}
              action={`/console/bodies/${body.id}/sessions`}
              values={values}
              errors={fieldErrorsOf(error, placeFields)}
              hidden={{ idempotencyKey: key }}
              submit="Sitzung anlegen"
            />
          </>,
        );
      }
    },
  ),
  consoleRoute(
    {
      method: 'get',
      path: '/console/sessions/{sessionId}',
      operationId: 'consoleSession',
      summary: 'Eine Sitzung: Angaben, Stand und Bereiche',
      access: 'staff',
    },
    async (c, ctx) => {
      const session = await getSession(deps, ctx.actor, c.req.param('sessionId') ?? '');
      const manages = can(ctx.user.principal, 'sessions:manage', session.bodyId);
      return ctx.page(
        { title: session.title, section: 'bodies' },
        <>
          <SessionBreadcrumb session={session} />
          <h1>{session.title}</h1>
          <Notice text={noticeOf(c, hubNotices)} />
          <SessionFacts session={session} />
          {manages && session.state !== 'concluded' && session.state !== 'cancelled' ? (
            <p>
              <a class="button secondary" href={`/console/sessions/${session.id}/edit`}>
                Angaben ändern
              </a>
            </p>
          ) : null}
          <h2 id="bereiche">Bereiche der Sitzung</h2>
          <ul class="area-links" aria-labelledby="bereiche">
            {sessionAreas(session.id, manages).map((area) => (
              <li>
                <a href={area.href}>{area.label}</a>
              </li>
            ))}
          </ul>
          {manages ? <StateActions session={session} user={ctx.user} /> : null}
        </>,
      );
    },
  ),
  consoleRoute(
    {
      method: 'get',
      path: '/console/sessions/{sessionId}/edit',
      operationId: 'consoleSessionEdit',
      summary: 'Angaben einer Sitzung ändern (Formular)',
      access: 'staff',
    },
    async (c, ctx) => {
      const session = await getSession(deps, ctx.actor, c.req.param('sessionId') ?? '');
      requireSessionManager(ctx.user, session.bodyId);
      return ctx.page(
        { title: `Angaben ändern – ${session.title}`, section: 'bodies' },
        <>
          <SessionBreadcrumb session={session} here="Angaben ändern" />
          <h1>Angaben ändern</h1>
          {session.state === 'planned' ? null : (
            <p class="notice warning">
              Ändern Sie Zeit, Form, Ort oder Videolink, erhalten alle Eingeladenen eine
              aktualisierte Einladung, in der steht, was sich geändert hat.
            </p>
          )}
          <SessionFormPage
            user={ctx.user}
            action={`/console/sessions/${session.id}/edit`}
            values={valuesOf(session)}
            errors={{}}
            hidden={{ version: String(session.version) }}
            submit="Änderungen speichern"
          />
        </>,
      );
    },
  ),
  consoleRoute(
    {
      method: 'post',
      path: '/console/sessions/{sessionId}/edit',
      operationId: 'consoleSessionUpdate',
      summary: 'Angaben einer Sitzung speichern',
      access: 'staff',
    },
    async (c, ctx) => {
      const sessionId = c.req.param('sessionId') ?? '';
      const form = await readForm(c);
      const values = await formValues(c);
      const version = versionOf(form('version'));
      try {
        const before = await getSession(deps, ctx.actor, sessionId);
        const input = sessionInputOf(values);
        const { timeZone: _zone, ...patch } = input;
        // An empty place or video link keeps the stored one: the use case's PATCH only sets fields.
        const after = await updateSession(deps, ctx.actor, sessionId, patch, version);
        const told =
          after.state !== 'planned' &&
          (after.sequence ?? 0) !== (before.sequence ?? 0) &&
          before.version === version;
        return seeOther(
          c,
          `/console/sessions/${sessionId}`,
          told ? 'benachrichtigt' : 'gespeichert',
        );
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        const session = await getSession(deps, ctx.actor, sessionId);
        return ctx.page(
          { title: `Angaben ändern – ${session.title}`, section: 'bodies', status: 400 },
          <>
            <SessionBreadcrumb session={session} here="Angaben ändern" />
            <h1>Angaben ändern</h1>
            <SessionFormPage
              user={ctx.user}
              action={`/console/sessions/${session.id}/edit`}
              values={values}
              errors={fieldErrorsOf(error, placeFields)}
              hidden={{ version: String(version ?? session.version) }}
              submit="Änderungen speichern"
            />
          </>,
        );
      }
    },
  ),
  consoleRoute(
    {
      method: 'post',
      path: '/console/sessions/{sessionId}/state',
      operationId: 'consoleSessionState',
      summary: 'Sitzung eröffnen, abschließen oder absagen',
      access: 'staff',
    },
    async (c, ctx) => {
      const sessionId = c.req.param('sessionId') ?? '';
      const form = await readForm(c);
      const to = form('to');
      if (to !== 'in_session' && to !== 'concluded' && to !== 'cancelled') {
        throw new ValidationError(msg('request.invalid-input', { location: 'body' }), [
          { path: 'body.to', message: msg('console.field-required') },
        ]);
      }
      if (to === 'cancelled' && form('confirm') !== 'yes') {
        // Asked before the use case, so an unconfirmed cancellation changes nothing.
        await getSession(deps, ctx.actor, sessionId);
        throw new ValidationError(msg('console.confirmation-required'), [
          { path: 'body.confirm', message: msg('console.confirmation-required') },
        ]);
      }
      await changeSessionState(deps, ctx.actor, sessionId, to, versionOf(form('version')));
      return seeOther(c, `/console/sessions/${sessionId}`, to);
    },
  ),
];

/** The version a form carries for `If-Match`; `undefined` (428) when missing. */
export const versionOf = (value: string | undefined): number | undefined => {
  if (value === undefined || !/^\d{1,9}$/.test(value)) return undefined;
  return Number(value);
};
