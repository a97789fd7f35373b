import type { Child } from 'hono/jsx';
import { dateTimeFormat } from '../../../shared/domain/date-format.js';
import type { SessionState } from '../../../shared/domain/session.js';
import { csrfField } from '../auth/csrf.js';
import type { SignedInUser } from './layout.js';

/** The German names of a session's states, as the console shows them. */
export const sessionStateNames: Record<SessionState, string> = {
  planned: 'in Planung',
  invited: 'eingeladen',
  in_session: 'tagt',
  concluded: 'abgeschlossen',
  cancelled: 'abgesagt',
};

const stateTone: Record<SessionState, string> = {
  planned: 'badge',
  invited: 'badge ok',
  in_session: 'badge ok',
  concluded: 'badge',
  cancelled: 'badge bad',
};

/** A session's state as a small label. */
export const SessionStateBadge = ({ state }: { state: SessionState }) => (
  <span class={stateTone[state]}>{sessionStateNames[state]}</span>
);

/**
 * A form that posts to the console with the session's CSRF token; works
 * without JavaScript.
 *
 * @example
 * ```tsx
 * <PostForm user={ctx.user} action={`/console/sessions/${id}/invitations`}>
 *   <button type="submit">Einladungen versenden</button>
 * </PostForm>
 * ```
 */
export const PostForm = (props: {
  user: SignedInUser;
  action: string;
  class?: string;
  id?: string;
  children?: Child;
}) => (
  <form method="post" action={props.action} class={props.class} id={props.id}>
    <input type="hidden" name={csrfField} value={props.user.csrf} />
    {props.children}
  </form>
);

/** A notice after an action, announced to screen readers. */
export const Notice = ({ text, tone = 'success' }: { text: string | undefined; tone?: string }) =>
  text === undefined ? null : (
    <p class={`notice ${tone}`} role="status">
      {text}
    </p>
  );

/**
 * A labelled text field with its hint and error, tied together for screen
 * readers (`aria-describedby`, `aria-invalid`).
 *
 * @example
 * ```tsx
 * <TextField name="title" label="Titel" value={session.title} required />
 * ```
 */
export const TextField = (props: {
  name: string;
  label: string;
  value?: string | undefined;
  type?: 'text' | 'email' | 'tel' | 'url' | 'number' | 'datetime-local' | 'date' | 'search';
  hint?: string;
  error?: string | undefined;
  required?: boolean;
  autocomplete?: string;
}) => {
  const id = `feld-${props.name}`;
  const described = [props.hint ? `${id}-hinweis` : '', props.error ? `${id}-fehler` : '']
    .filter(Boolean)
    .join(' ');
  return (
    <div>
      <label for={id}>
        {props.label}
        {props.hint ? (
          <span class="hint" id={`${id}-hinweis`}>
            {props.hint}
          </span>
        ) : null}
      </label>
      {props.error ? (
        <p class="field-error" id={`${id}-fehler`}>
          {props.error}
        </p>
      ) : null}
      <input
        id={id}
        name={props.name}
        type={props.type ?? 'text'}
        value={props.value}
        required={props.required}
        autocomplete={props.autocomplete}
        aria-describedby={described || undefined}
        aria-invalid={props.error ? 'true' : undefined}
      />
    </div>
  );
};

const berlin = 'Europe/Berlin';

/**
 * A date and time as Germans read it, in Europe/Berlin unless the session
 * says otherwise: "Mi., 3. März 2027, 10:00 Uhr".
 *
 * @example
 * ```ts
 * germanDateTimeShort('2027-03-03T09:00:00Z'); // 'Mi., 3. März 2027, 10:00 Uhr'
 * ```
 */
export const germanDateTimeShort = (at: string, timeZone = berlin): string => {
  const date = new Date(at);
  const day = dateTimeFormat('de-DE', {
    timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).format(date);
  const time = dateTimeFormat('de-DE', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
  }).format(date);
  return `${day}, ${time} Uhr`;
};

const memberRank = (memberId: string) => (/^DE-/.test(memberId) ? 0 : memberId === 'BUND' ? 2 : 1);

/**
 * Members as German lists show them: the Länder in alphabetical order, then
 * a body's organisations in their order, then the Bund.
 *
 * @example
 * ```ts
 * body.members.toSorted(inMemberOrder); // Baden-Württemberg, Bayern, Berlin, …, Bund
 * ```
 */
export const inMemberOrder = (
  a: { memberId: string; name: string; order?: number | undefined },
  b: { memberId: string; name: string; order?: number | undefined },
): number =>
  memberRank(a.memberId) - memberRank(b.memberId) ||
  (a.order ?? 0) - (b.order ?? 0) ||
  a.name.localeCompare(b.name, 'de');
