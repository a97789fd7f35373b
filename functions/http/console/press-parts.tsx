import type { Child } from 'hono/jsx';
import type { Body } from '../../../shared/domain/body.js';
import {
  type Facts,
  factPlaceholders,
  isPublicAt,
  type PressRelease,
} from '../../../shared/domain/press-release.js';
import type { Session } from '../../../shared/domain/session.js';
import type { PressListFigures } from '../../../shared/use-cases/press-list.js';
import { pressReleaseArticle } from '../pages/press-page.js';
import { germanDateTimeShort, PostForm } from './components.js';
import type { SignedInUser } from './layout.js';

/** How the console names where a release stands; the list groups by it. */
export type PressStage =
  | 'draft'
  | 'submitted'
  | 'approved'
  | 'embargo'
  | 'published'
  | 'corrected'
  | 'withdrawn';

/** Where a release stands at `now`: a scheduled one is under embargo until its time comes. */
export const pressStage = (release: PressRelease, now: Date): PressStage => {
  if (release.state === 'draft' || release.state === 'submitted' || release.state === 'approved')
    return release.state;
  if (release.state === 'withdrawn') return 'withdrawn';
  if (!isPublicAt(release, now)) return 'embargo';
  return release.correctedAt === undefined ? 'published' : 'corrected';
};

export const stageNames: Record<PressStage, string> = {
  draft: 'Entwurf',
  submitted: 'eingereicht',
  approved: 'freigegeben',
  embargo: 'freigegeben',
  published: 'veröffentlicht',
  corrected: 'berichtigt',
  withdrawn: 'zurückgezogen',
};

const stageTone: Record<PressStage, string> = {
  draft: 'badge',
  submitted: 'badge warn',
  approved: 'badge ok',
  embargo: 'badge warn',
  published: 'badge ok',
  corrected: 'badge ok',
  withdrawn: 'badge bad',
};

/** A release's stage as a small label (its words carry the meaning, not its colour). */
export const StageBadge = ({ stage }: { stage: PressStage }) => (
  <span class={stageTone[stage]}>{stageNames[stage]}</span>
);

/** What each placeholder stands for, as the drafting form explains it. */
const placeholderMeaning: Record<(typeof factPlaceholders)[number], string> = {
  teilnahme: 'wer bisher die Teilnahme bestätigt hat (der Satz für die Presse)',
  beschluesse: 'die freigegebenen Beschlüsse der Sitzung, als Liste',
  termin: 'die Tage der Sitzung',
  ort: 'der Sitzungsort',
};

const factValue = (name: (typeof factPlaceholders)[number], facts: Facts | undefined) => {
  if (facts === undefined) return undefined;
  if (name === 'beschluesse')
    return facts.resolutions === undefined || facts.resolutions.length === 0
      ? undefined
      : facts.resolutions.join('; ');
  return { teilnahme: facts.attendance, termin: facts.dates, ort: facts.place }[name];
};

/**
 * The live facts a text may use: each placeholder with what it stands for
 * and, with a session, its value now. The buttons insert it at the cursor
 * (console.js shows them); without script the list says what to type.
 */
export const Placeholders = ({ facts }: { facts: Facts | undefined }) => (
  <section class="press-facts" aria-labelledby="platzhalter-titel">
    <h3 id="platzhalter-titel">Live-Fakten einfügen</h3>
    <p class="hint">
      Schreiben Sie einen Platzhalter in den Text; bis zur Freigabe zeigt er den aktuellen Stand,
      mit der Freigabe wird er festgeschrieben.
    </p>
    <dl class="facts">
      {factPlaceholders.map((name) => {
        const value = factValue(name, facts);
        return (
          <>
            <dt>
              <code>{`{{${name}}}`}</code>{' '}
              <button
                type="button"
                class="secondary insert-fact"
                data-insert={`{{${name}}}`}
                aria-controls="feld-body"
                hidden
              >
                {`{{${name}}} einfügen`}
              </button>
            </dt>
            <dd>
              {placeholderMeaning[name]}
              {value === undefined ? null : <span class="hint">{`Derzeit: ${value}`}</span>}
            </dd>
          </>
        );
      })}
    </dl>
  </section>
);

/** The values of the drafting form, as entered or as stored. */
export interface DraftValues {
  bodyId: string;
  sessionId?: string | undefined;
  title: string;
  dateline: string;
  body: string;
}

/**
 * The drafting form: body (for a new release), session, title, dateline,
 * the Markdown text with its live facts, and the preview beside it. The
 * preview follows the typing by an htmx post of the form; without script
 * the "Vorschau" button renders the page again with it.
 */
export const DraftForm = (props: {
  user: SignedInUser;
  action: string;
  values: DraftValues;
  /** Only for a new release: the bodies the person drafts for. */
  bodies?: Body[];
  sessions: Session[];
  version?: number;
  /** Only for a new release: sent with the form, so that sending it twice drafts once. */
  idempotencyKey?: string;
  facts: Facts | undefined;
  preview: Child;
  submitLabel: string;
}) => (
  <div class="press-editor">
    <PostForm user={props.user} action={props.action} id="entwurf">
      <div
        class="preview-trigger"
        hx-post="/console/press/preview"
        hx-trigger="keyup changed delay:500ms from:#entwurf, change from:#entwurf"
        hx-include="#entwurf"
        hx-target="#vorschau"
        hx-swap="innerHTML"
        hx-sync="this:replace"
      ></div>
      {props.version === undefined ? null : (
        <input type="hidden" name="version" value={String(props.version)} />
      )}
      {props.idempotencyKey === undefined ? null : (
        <input type="hidden" name="schluessel" value={props.idempotencyKey} />
      )}
      {props.bodies === undefined ? (
        <input type="hidden" name="bodyId" value={props.values.bodyId} />
      ) : (
        <div>
          <label for="feld-bodyId">Gremium</label>
          <select id="feld-bodyId" name="bodyId" required>
            {props.bodies.map((body) => (
              <option value={body.id} selected={body.id === props.values.bodyId}>
                {body.name}
              </option>
            ))}
          </select>
        </div>
      )}
      <div>
        <label for="feld-sessionId">
          Sitzung
          <span class="hint" id="feld-sessionId-hinweis">
            Die Live-Fakten lesen aus dieser Sitzung.
          </span>
        </label>
        <select id="feld-sessionId" name="sessionId" aria-describedby="feld-sessionId-hinweis">
          <option value="">ohne Sitzung</option>
          {props.sessions.map((session) => (
            <option value={session.id} selected={session.id === props.values.sessionId}>
              {`${session.title} (${germanDateTimeShort(session.startsAt, session.timeZone)})`}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label for="feld-title">Überschrift</label>
        <input
          id="feld-title"
          name="title"
          type="text"
          value={props.values.title}
          required
          maxlength={200}
        />
      </div>
      <div>
        <label for="feld-dateline">
          Ortszeile
          <span class="hint" id="feld-dateline-hinweis">
            Zum Beispiel HAMBURG
          </span>
        </label>
        <input
          id="feld-dateline"
          name="dateline"
          type="text"
          value={props.values.dateline}
          required
          maxlength={60}
          aria-describedby="feld-dateline-hinweis"
        />
      </div>
      <div>
        <label for="feld-body">
          Text
          <span class="hint" id="feld-body-hinweis">
            Markdown: eine Leerzeile trennt Absätze, **fett**, *kursiv*, „- “ für Listen.
          </span>
        </label>
        <textarea
          id="feld-body"
          name="body"
          rows={14}
          required
          aria-describedby="feld-body-hinweis"
        >
          {props.values.body}
        </textarea>
      </div>
      <Placeholders facts={props.facts} />
      <div class="actions">
        <button type="submit" name="aktion" value="speichern">
          {props.submitLabel}
        </button>
        <button type="submit" name="aktion" value="vorschau" class="secondary">
          Vorschau
        </button>
        {props.version === undefined ? null : (
          <button type="submit" name="aktion" value="einreichen" class="secondary">
            Speichern und zur Freigabe einreichen
          </button>
        )}
      </div>
    </PostForm>
    <PreviewPanel>{props.preview}</PreviewPanel>
  </div>
);

/** The preview region: announced politely when htmx replaces its content. */
export const PreviewPanel = ({ children }: { children?: Child }) => (
  <section class="press-preview" aria-labelledby="vorschau-titel">
    <h2 id="vorschau-titel">Vorschau, wie veröffentlicht</h2>
    <div id="vorschau" aria-live="polite">
      {children}
    </div>
  </section>
);

/** A release's article exactly as its public page shows it. */
export const Article = async ({ release, html }: { release: PressRelease; html: string }) =>
  pressReleaseArticle(release, html);

/** "Sperrfrist bis Mi., 3. März 2027, 14:00 Uhr". */
export const embargoWords = (at: string) => `Sperrfrist bis ${germanDateTimeShort(at)}`;

/**
 * A date-time field read as Berlin wall time, with the resulting time in
 * words below it (console.js updates them while picking).
 */
export const BerlinTimeField = (props: {
  name: string;
  label: string;
  hint: string;
  value?: string;
  required?: boolean;
}) => {
  const id = `feld-${props.name}`;
  return (
    <div>
      <label for={id}>
        {props.label}
        <span class="hint" id={`${id}-hinweis`}>
          {props.hint}
        </span>
      </label>
      <input
        id={id}
        name={props.name}
        type="datetime-local"
        value={props.value}
        required={props.required}
        aria-describedby={`${id}-hinweis ${id}-worte`}
        data-embargo-words={`${id}-worte`}
      />
      <p class="hint" id={`${id}-worte`} aria-live="polite"></p>
    </div>
  );
};

/** The press list's figures: how many, never who. */
export const PressListFiguresView = ({ figures }: { figures: PressListFigures }) => (
  <section aria-labelledby="presseliste">
    <h2 id="presseliste">Presseliste</h2>
    <dl class="facts press-figures">
      <dt>Bestätigte Anmeldungen</dt>
      <dd id="presseliste-bestaetigt">{String(figures.confirmed)}</dd>
      <dt>Unbestätigte Anmeldungen</dt>
      <dd id="presseliste-offen">{String(figures.pending)}</dd>
      <dt>Abmeldungen</dt>
      <dd id="presseliste-abgemeldet">{String(figures.unsubscribed)}</dd>
      <dt>Letzter Versand</dt>
      <dd id="presseliste-versand">
        {figures.lastSentAt === undefined ? (
          'bisher keiner'
        ) : (
          <time datetime={figures.lastSentAt}>{germanDateTimeShort(figures.lastSentAt)}</time>
        )}
      </dd>
    </dl>
    <p class="hint">
      Die Adressen der Presseliste zeigt die Konsole nicht; Journalistinnen und Journalisten melden
      sich auf der öffentlichen Seite selbst an und ab.
    </p>
  </section>
);

/** Who did what when, for the release's facts list. */
export const byAt = (by: string | undefined, at: string | undefined) =>
  at === undefined ? undefined : `${germanDateTimeShort(at)}${by ? `, ${by}` : ''}`;
