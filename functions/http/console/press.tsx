import type { Context } from 'hono';
import { ulid } from 'ulid';
import { can } from '../../../shared/domain/policy.js';
import type { PressRelease } from '../../../shared/domain/press-release.js';
import type { Session } from '../../../shared/domain/session.js';
import { germanDateTime } from '../../../shared/mail/dates.js';
import { listBodies } from '../../../shared/use-cases/bodies.js';
import type { Actor } from '../../../shared/use-cases/context.js';
import {
  approvePressCorrection,
  approvePressRelease,
  correctPressRelease,
  previewPressDraft,
  previewPressRelease,
} from '../../../shared/use-cases/press-approval.js';
import { pressListFigures } from '../../../shared/use-cases/press-list.js';
import {
  createPressRelease,
  getPressRelease,
  listPressReleases,
  liveFacts,
  publishPressRelease,
  returnPressRelease,
  submitPressRelease,
  updatePressRelease,
  withdrawPressRelease,
} from '../../../shared/use-cases/press-releases.js';
import { getSession, listSessions } from '../../../shared/use-cases/sessions.js';
import type { AppDeps } from '../app.js';
import type { AppEnv } from '../app-env.js';
import { readForm } from '../routes/link-pages.js';
import { berlinWallTime } from './berlin-time.js';
import { germanDateTimeShort, Notice, PostForm } from './components.js';
import {
  type ConsoleContext,
  type ConsoleRoute,
  consoleRoute,
  noticeOf,
  seeOther,
} from './console-route.js';
import {
  Article,
  BerlinTimeField,
  byAt,
  DraftForm,
  type DraftValues,
  embargoWords,
  PressListFiguresView,
  type PressStage,
  PreviewPanel,
  pressStage,
  StageBadge,
  stageNames,
} from './press-parts.js';

const access = ['admin', 'secretariat', 'chair', 'press'] as const;
const dayMs = 24 * 60 * 60 * 1000;

const notices = {
  angelegt: 'Der Entwurf ist angelegt.',
  gespeichert: 'Der Entwurf ist gespeichert.',
  eingereicht: 'Die Pressemitteilung ist dem Vorsitz zur Freigabe vorgelegt.',
  zurueckgegeben: 'Die Pressemitteilung ist mit Ihrem Hinweis an die Pressestelle zurückgegangen.',
  freigegeben: 'Die Pressemitteilung ist freigegeben.',
  geplant: 'Die Pressemitteilung ist freigegeben und erscheint zur Sperrfrist.',
  veroeffentlicht: 'Die Pressemitteilung ist veröffentlicht.',
  berichtigt: 'Die Berichtigung ist veröffentlicht.',
  'berichtigung-eingereicht': 'Die Berichtigung ist dem Vorsitz zur Genehmigung vorgelegt.',
  zurueckgezogen: 'Die Pressemitteilung ist zurückgezogen.',
};

/** The group headings of the list, in the order a press office works through them. */
const stageOrder: { stage: PressStage; heading: string }[] = [
  { stage: 'draft', heading: 'Entwürfe' },
  { stage: 'submitted', heading: 'Eingereicht, zur Freigabe beim Vorsitz' },
  { stage: 'approved', heading: 'Freigegeben, noch nicht veröffentlicht' },
  { stage: 'embargo', heading: 'Unter Sperrfrist' },
  { stage: 'published', heading: 'Veröffentlicht' },
  { stage: 'corrected', heading: 'Berichtigt' },
  { stage: 'withdrawn', heading: 'Zurückgezogen' },
];

/** The moment the list shows for a release, in words. */
const momentOf = (release: PressRelease, stage: PressStage): string => {
  switch (stage) {
    case 'embargo':
      return embargoWords(release.publishAt ?? release.updatedAt);
    case 'published':
      return `veröffentlicht ${germanDateTimeShort(release.publishAt ?? release.updatedAt)}`;
    case 'corrected':
      return `berichtigt ${germanDateTimeShort(release.correctedAt ?? release.updatedAt)}`;
    case 'withdrawn':
      return `zurückgezogen ${germanDateTimeShort(release.withdrawnAt ?? release.updatedAt)}`;
    default:
      return `zuletzt geändert ${germanDateTimeShort(release.updatedAt)}`;
  }
};

const draftOf = (form: (name: string) => string | undefined, bodyId?: string): DraftValues => ({
  bodyId: bodyId ?? form('bodyId') ?? '',
  sessionId: form('sessionId'),
  title: form('title') ?? '',
  dateline: form('dateline') ?? '',
  body: form('body') ?? '',
});

/** The sessions a release may be about: those of the given bodies, a month back and a year ahead. */
const sessionsFor = async (deps: AppDeps, actor: Actor, bodyIds: string[]) => {
  const now = deps.clock.now().getTime();
  const { items } = await listSessions(deps, actor, {
    from: new Date(now - 31 * dayMs).toISOString(),
    to: new Date(now + 400 * dayMs).toISOString(),
    limit: 100,
  });
  return items.filter((s) => bodyIds.includes(s.bodyId) && s.state !== 'cancelled');
};

const draftableBodies = async (deps: AppDeps, actor: Actor) => {
  const { items } = await listBodies(deps, actor, { limit: 100 });
  return items.filter((body) => can(actor.principal, 'press:draft', body.id));
};

/** A release as the preview shows it before it is saved. */
const unsaved = (values: DraftValues, base?: PressRelease): PressRelease => ({
  ...(base ?? {
    id: '',
    bodyId: values.bodyId,
    contacts: [],
    images: [],
    state: 'draft',
    comments: [],
    revisions: [],
    createdBy: '',
    version: 0,
    createdAt: '',
    updatedAt: '',
  }),
  title: values.title,
  dateline: values.dateline,
  body: values.body,
});

const previewOf = async (deps: AppDeps, actor: Actor, values: DraftValues, base?: PressRelease) =>
  values.bodyId === '' ? null : (
    <Article release={unsaved(values, base)} html={await previewPressDraft(deps, actor, values)} />
  );

const newPage = async (
  deps: AppDeps,
  ctx: ConsoleContext,
  values: DraftValues,
  withPreview: boolean,
  idempotencyKey: string = ulid(),
) => {
  const bodies = await draftableBodies(deps, ctx.actor);
  const sessions = await sessionsFor(
    deps,
    ctx.actor,
    bodies.map((b) => b.id),
  );
  const chosen = values.bodyId === '' ? { ...values, bodyId: bodies[0]?.id ?? '' } : values;
  return ctx.page(
    { title: 'Neue Pressemitteilung', section: 'press' },
    <>
      <p>
        <a href="/console/press">Zurück zu den Pressemitteilungen</a>
      </p>
      <h1>Neue Pressemitteilung</h1>
      <DraftForm
        user={ctx.user}
        action="/console/press/new"
        values={chosen}
        bodies={bodies}
        sessions={sessions}
        idempotencyKey={idempotencyKey}
        facts={chosen.sessionId === undefined ? undefined : await liveFacts(deps, chosen.sessionId)}
        preview={withPreview ? await previewOf(deps, ctx.actor, chosen) : null}
        submitLabel="Entwurf anlegen"
      />
    </>,
  );
};

const Facts = ({ release, session }: { release: PressRelease; session: Session | undefined }) => (
  <dl class="facts">
    <dt>Gremium</dt>
    <dd>{release.bodyId.toUpperCase()}</dd>
    <dt>Sitzung</dt>
    <dd>
      {session === undefined ? (
        'ohne Sitzung'
      ) : (
        <a href={`/console/sessions/${session.id}`}>{session.title}</a>
      )}
    </dd>
    <dt>Entwurf</dt>
    <dd>{byAt(release.createdBy, release.createdAt)}</dd>
    {release.approvedAt === undefined ? null : (
      <>
        <dt>Freigabe</dt>
        <dd>{byAt(release.approvedBy, release.approvedAt)}</dd>
      </>
    )}
    {release.embargoUntil === undefined ? null : (
      <>
        <dt>Sperrfrist</dt>
        <dd>{`bis ${germanDateTimeShort(release.embargoUntil)}`}</dd>
      </>
    )}
    {release.preSend ? (
      <>
        <dt>Vorabversand</dt>
        <dd>an die Presseliste, mit Sperrfristvermerk</dd>
      </>
    ) : null}
  </dl>
);

/** What the public sees of the release now: its address, the correction line, the tombstone. */
const PublicTrace = ({ release, stage }: { release: PressRelease; stage: PressStage }) => (
  <section aria-labelledby="oeffentlich">
    <h2 id="oeffentlich">Was die Öffentlichkeit sieht</h2>
    {stage === 'published' || stage === 'corrected' ? (
      <p>
        Öffentlich seit {germanDateTimeShort(release.publishAt ?? release.updatedAt)} unter{' '}
        <a
          href={`/public/press-releases/${release.id}`}
        >{`/public/press-releases/${release.id}`}</a>
        .
      </p>
    ) : stage === 'embargo' ? (
      <p>
        {`Noch nichts: Die Pressemitteilung erscheint am ${germanDateTimeShort(release.publishAt ?? release.updatedAt)}, wenn die Sperrfrist endet, und nicht früher.`}
      </p>
    ) : stage === 'withdrawn' ? (
      <>
        <p>
          Sie erscheint in keiner Liste und keinem Feed mehr; unter ihrer Adresse steht nur noch
          dieser Hinweis:
        </p>
        <blockquote>
          <p>
            {`Die Pressemitteilung „${release.title}“ wurde am ${germanDateTime(release.withdrawnAt ?? release.updatedAt, 'Europe/Berlin')} zurückgezogen.`}
          </p>
        </blockquote>
        <p>{`Grund (nur intern): ${release.withdrawnReason ?? '–'}`}</p>
      </>
    ) : (
      <p>Noch nichts; die Pressemitteilung ist nicht veröffentlicht.</p>
    )}
    {release.revisions.length === 0 ? null : (
      <>
        <h3>Berichtigungen</h3>
        <p class="hint">
          Die öffentliche Seite trägt den Vermerk „korrigiert am …“ mit dem Grund der letzten
          Berichtigung; Feeds zeigen sie als Aktualisierung desselben Eintrags.
        </p>
        <ol>
          {release.revisions.map((revision) => (
            <li>
              {`${germanDateTimeShort(revision.at)}, ${revision.by}: ${revision.note}`}
              <span class="hint">{`Frühere Überschrift: ${revision.title}`}</span>
            </li>
          ))}
        </ol>
      </>
    )}
  </section>
);

const releasePage = async (
  deps: AppDeps,
  c: Context<AppEnv>,
  ctx: ConsoleContext,
  releaseId: string,
  entered?: DraftValues,
) => {
  const release = await getPressRelease(deps, ctx.actor, releaseId);
  const principal = ctx.actor.principal;
  const mayDraft = can(principal, 'press:draft', release.bodyId);
  const mayApprove = can(principal, 'press:approve', release.bodyId);
  const stage = pressStage(release, deps.clock.now());
  const session =
    release.sessionId === undefined
      ? undefined
      : await getSession(deps, ctx.actor, release.sessionId).catch(() => undefined);
  const base = `/console/press/${release.id}`;
  const editing = release.state === 'draft' && mayDraft;
  const values: DraftValues = entered ?? {
    bodyId: release.bodyId,
    sessionId: release.sessionId,
    title: release.title,
    dateline: release.dateline,
    body: release.body,
  };
  const preview =
    entered === undefined ? (
      <Article
        release={release}
        html={(await previewPressRelease(deps, ctx.actor, release.id)).html}
      />
    ) : (
      await previewOf(deps, ctx.actor, values, release)
    );
  const out = release.state === 'scheduled' || release.state === 'published';
  return ctx.page(
    { title: release.title, section: 'press' },
    <>
      <p>
        <a href="/console/press">Zurück zu den Pressemitteilungen</a>
      </p>
      <h1>{release.title}</h1>
      <p>
        Stand: <StageBadge stage={stage} />
        {stage === 'embargo' ? (
          <>
            {' '}
            <strong id="sperrfrist">{embargoWords(release.publishAt ?? '')}</strong>
          </>
        ) : null}
      </p>
      <Notice text={noticeOf(c, notices)} />
      <Facts release={release} session={session} />
      {release.comments.length === 0 ? null : (
        <section aria-labelledby="hinweise">
          <h2 id="hinweise">Hinweise des Vorsitzes</h2>
          <ul>
            {release.comments.map((comment) => (
              <li>{`${germanDateTimeShort(comment.at)}, ${comment.by}: ${comment.text}`}</li>
            ))}
          </ul>
        </section>
      )}
      {editing ? (
        <>
          <h2>Entwurf bearbeiten</h2>
          <DraftForm
            user={ctx.user}
            action={`${base}/draft`}
            values={values}
            sessions={await sessionsFor(deps, ctx.actor, [release.bodyId])}
            version={release.version}
            facts={
              values.sessionId === undefined ? undefined : await liveFacts(deps, values.sessionId)
            }
            preview={preview}
            submitLabel="Entwurf speichern"
          />
        </>
      ) : (
        <PreviewPanel>{preview}</PreviewPanel>
      )}
      {release.state === 'submitted' && mayDraft && !mayApprove ? (
        <p class="notice">Die Pressemitteilung liegt dem Vorsitz zur Freigabe vor.</p>
      ) : null}
      {release.state === 'submitted' && mayApprove ? (
        <>
          <PostForm user={ctx.user} action={`${base}/approval`}>
            <fieldset>
              <legend>Freigeben</legend>
              <p class="hint">
                Mit der Freigabe werden die Live-Fakten festgeschrieben und der Text so gesetzt, wie
                er erscheint.
              </p>
              <BerlinTimeField
                name="sperrfrist"
                label="Sperrfrist (Berliner Zeit, freiwillig)"
                hint="Ohne Sperrfrist erscheint die Pressemitteilung, sobald sie veröffentlicht wird; mit Sperrfrist zu diesem Zeitpunkt und nicht früher."
              />
              <label class="choice" for="feld-vorab">
                <input type="checkbox" id="feld-vorab" name="vorab" value="ja" /> Vorab an die
                Presseliste senden, mit Sperrfristvermerk
              </label>
              <div class="actions">
                <button type="submit">Freigeben</button>
              </div>
            </fieldset>
          </PostForm>
          <PostForm user={ctx.user} action={`${base}/return`}>
            <fieldset>
              <legend>Zur Überarbeitung zurückgeben</legend>
              <label for="feld-kommentar">Hinweis an die Pressestelle</label>
              <textarea id="feld-kommentar" name="kommentar" rows={3} required></textarea>
              <div class="actions">
                <button type="submit" class="secondary">
                  Zurückgeben
                </button>
              </div>
            </fieldset>
          </PostForm>
        </>
      ) : null}
      {release.state === 'approved' && (mayDraft || mayApprove) ? (
        <section aria-labelledby="veroeffentlichen">
          <h2 id="veroeffentlichen">Veröffentlichen</h2>
          <PostForm user={ctx.user} action={`${base}/publication`}>
            <div class="actions">
              <button type="submit">Jetzt veröffentlichen</button>
            </div>
          </PostForm>
          <PostForm user={ctx.user} action={`${base}/publication`}>
            <fieldset>
              <legend>Zu einem späteren Zeitpunkt veröffentlichen</legend>
              <BerlinTimeField
                name="zeitpunkt"
                label="Zeitpunkt (Berliner Zeit)"
                hint="Dieser Zeitpunkt wird die Sperrfrist: Vorher erscheint die Pressemitteilung nirgends."
                required
              />
              <div class="actions">
                <button type="submit" class="secondary">
                  Zum Zeitpunkt veröffentlichen
                </button>
              </div>
            </fieldset>
          </PostForm>
        </section>
      ) : null}
      {out && release.pendingCorrection !== undefined ? (
        <section aria-labelledby="berichtigung-offen">
          <h2 id="berichtigung-offen">Berichtigung zur Genehmigung</h2>
          <p>
            {`${byAt(release.pendingCorrection.by, release.pendingCorrection.at)}. Grund: ${release.pendingCorrection.note}`}
          </p>
          {release.pendingCorrection.title === undefined ? null : (
            <p>{`Überschrift neu: ${release.pendingCorrection.title}`}</p>
          )}
          {release.pendingCorrection.body === undefined ? null : (
            <pre class="press-source">{release.pendingCorrection.body}</pre>
          )}
          {mayApprove ? (
            <PostForm user={ctx.user} action={`${base}/correction-approval`}>
              <input type="hidden" name="version" value={String(release.version)} />
              <div class="actions">
                <button type="submit">Berichtigung genehmigen und veröffentlichen</button>
              </div>
            </PostForm>
          ) : (
            <p class="notice">Die Berichtigung liegt dem Vorsitz zur Genehmigung vor.</p>
          )}
        </section>
      ) : null}
      {out && release.pendingCorrection === undefined && (mayDraft || mayApprove) ? (
        <PostForm user={ctx.user} action={`${base}/corrections`}>
          <fieldset>
            <legend>Berichtigen</legend>
            <p class="hint">
              {mayApprove
                ? 'Ihre Berichtigung gilt sofort; wer die Pressemitteilung schon erhalten hat, bekommt sie erneut.'
                : 'Die Berichtigung gilt, sobald der Vorsitz sie genehmigt; bis dahin bleibt der freigegebene Wortlaut öffentlich.'}
            </p>
            <input type="hidden" name="version" value={String(release.version)} />
            <label for="feld-korrektur-titel">Überschrift</label>
            <input
              id="feld-korrektur-titel"
              name="title"
              type="text"
              value={release.title}
              required
            />
            <label for="feld-korrektur-text">Text (Markdown)</label>
            <textarea id="feld-korrektur-text" name="body" rows={10} required>
              {release.body}
            </textarea>
            <label for="feld-grund">
              Grund der Berichtigung
              <span class="hint" id="feld-grund-hinweis">
                Erscheint öffentlich im Vermerk „korrigiert am …“.
              </span>
            </label>
            <input
              id="feld-grund"
              name="grund"
              type="text"
              required
              aria-describedby="feld-grund-hinweis"
            />
            <div class="actions">
              <button type="submit">
                {mayApprove
                  ? 'Berichtigung veröffentlichen'
                  : 'Berichtigung zur Genehmigung vorlegen'}
              </button>
            </div>
          </fieldset>
        </PostForm>
      ) : null}
      {(release.state === 'approved' || out) && (mayDraft || mayApprove) ? (
        <PostForm user={ctx.user} action={`${base}/withdrawal`}>
          <fieldset>
            <legend>Zurückziehen</legend>
            <label for="feld-rueckzug">
              Grund
              <span class="hint" id="feld-rueckzug-hinweis">
                Nur intern; öffentlich bleibt unter der Adresse ein Hinweis auf den Rückzug.
              </span>
            </label>
            <input
              id="feld-rueckzug"
              name="grund"
              type="text"
              required
              aria-describedby="feld-rueckzug-hinweis"
            />
            <div class="actions">
              <button type="submit" class="danger">
                Pressemitteilung zurückziehen
              </button>
            </div>
          </fieldset>
        </PostForm>
      ) : null}
      <PublicTrace release={release} stage={stage} />
      <p>
        <a href={`/console/audit/press-release/${release.id}`}>Verlauf dieser Pressemitteilung</a>
      </p>
    </>,
  );
};

const releaseIdOf = (c: Context<AppEnv>) => c.req.param('releaseId') ?? '';
const versionOf = (form: (name: string) => string | undefined) => {
  const value = Number(form('version'));
  return Number.isInteger(value) ? value : undefined;
};

/**
 * The press office in the console: the releases of the person's bodies by
 * stage, drafting with a live preview rendered as published, the chair's
 * approval with an embargo in Berlin time, publication, corrections and
 * withdrawal, and the press list's figures (never its addresses).
 */
export const pressRoutes = (deps: AppDeps): ConsoleRoute[] => [
  consoleRoute(
    {
      method: 'get',
      path: '/console/press',
      operationId: 'consolePressList',
      summary: 'Pressemitteilungen der eigenen Gremien nach Stand, und die Presseliste in Zahlen',
      access: [...access],
    },
    async (c, ctx) => {
      const now = deps.clock.now();
      const [{ items }, figures] = await Promise.all([
        listPressReleases(deps, ctx.actor, { limit: 100 }),
        pressListFigures(deps, ctx.actor),
      ]);
      const staged = items.map((release) => ({ release, stage: pressStage(release, now) }));
      const mayDraft = can(ctx.actor.principal, 'press:draft');
      return ctx.page(
        { title: 'Presse', section: 'press' },
        <>
          <h1>Pressemitteilungen</h1>
          <Notice text={noticeOf(c, notices)} />
          {mayDraft ? (
            <p>
              <a class="button" href="/console/press/new">
                Neue Pressemitteilung
              </a>
            </p>
          ) : null}
          {items.length === 0 ? <p>Es gibt noch keine Pressemitteilungen.</p> : null}
          {stageOrder.map(({ stage, heading }) => {
            const group = staged.filter((entry) => entry.stage === stage);
            if (group.length === 0) return null;
            return (
              <div class="table-scroll">
                <table>
                  <caption>{`${heading} (${group.length})`}</caption>
                  <thead>
                    <tr>
                      <th scope="col">Überschrift</th>
                      <th scope="col">Gremium</th>
                      <th scope="col">Stand</th>
                    </tr>
                  </thead>
                  <tbody>
                    {group.map(({ release }) => (
                      <tr>
                        <td>
                          <a href={`/console/press/${release.id}`}>{release.title}</a>
                          {release.pendingCorrection === undefined ? null : (
                            <span class="hint">Berichtigung wartet auf Genehmigung</span>
                          )}
                        </td>
                        <td>{release.bodyId.toUpperCase()}</td>
                        <td>
                          <span class="visually-hidden">{`${stageNames[stage]}: `}</span>
                          {momentOf(release, stage)}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            );
          })}
          <PressListFiguresView figures={figures} />
        </>,
      );
    },
  ),
  consoleRoute(
    {
      method: 'get',
      path: '/console/press/new',
      operationId: 'consolePressNew',
      summary: 'Neue Pressemitteilung entwerfen',
      access: ['admin', 'press'],
    },
    async (_c, ctx) => newPage(deps, ctx, { bodyId: '', title: '', dateline: '', body: '' }, false),
  ),
  consoleRoute(
    {
      method: 'post',
      path: '/console/press/new',
      operationId: 'consolePressCreate',
      summary: 'Entwurf anlegen (oder ohne Skript: Vorschau zeigen)',
      access: ['admin', 'press'],
    },
    async (c, ctx) => {
      const form = await readForm(c);
      const values = draftOf(form);
      if (form('aktion') === 'vorschau')
        return newPage(deps, ctx, values, true, form('schluessel') ?? ulid());
      const { value } = await createPressRelease(
        deps,
        ctx.actor,
        {
          bodyId: values.bodyId,
          title: values.title,
          dateline: values.dateline,
          body: values.body,
          ...(values.sessionId === undefined ? {} : { sessionId: values.sessionId }),
        },
        form('schluessel') ?? ulid(),
      );
      return seeOther(c, `/console/press/${value.id}`, 'angelegt');
    },
  ),
  consoleRoute(
    {
      method: 'post',
      path: '/console/press/preview',
      operationId: 'consolePressPreview',
      summary: 'Vorschau des Entwurfs, wie veröffentlicht (htmx-Fragment)',
      access: [...access],
    },
    async (c, ctx) => {
      const values = draftOf(await readForm(c));
      const html = await previewPressDraft(deps, ctx.actor, values);
      return c.html(await (<Article release={unsaved(values)} html={html} />).toString(), 200, {
        'Cache-Control': 'no-store',
      });
    },
  ),
  consoleRoute(
    {
      method: 'get',
      path: '/console/press/{releaseId}',
      operationId: 'consolePressRelease',
      summary: 'Eine Pressemitteilung: Entwurf, Freigabe, Veröffentlichung, Berichtigung',
      access: [...access],
    },
    async (c, ctx) => releasePage(deps, c, ctx, releaseIdOf(c)),
  ),
  consoleRoute(
    {
      method: 'post',
      path: '/console/press/{releaseId}/draft',
      operationId: 'consolePressSaveDraft',
      summary: 'Entwurf speichern, einreichen oder ohne Skript in der Vorschau zeigen',
      access: ['admin', 'press'],
    },
    async (c, ctx) => {
      const id = releaseIdOf(c);
      const form = await readForm(c);
      const release = await getPressRelease(deps, ctx.actor, id);
      const values = draftOf(form, release.bodyId);
      if (form('aktion') === 'vorschau') return releasePage(deps, c, ctx, id, values);
      await updatePressRelease(
        deps,
        ctx.actor,
        id,
        {
          title: values.title,
          dateline: values.dateline,
          body: values.body,
          ...(values.sessionId === undefined ? {} : { sessionId: values.sessionId }),
        },
        versionOf(form),
      );
      if (form('aktion') === 'einreichen') {
        await submitPressRelease(deps, ctx.actor, id);
        return seeOther(c, `/console/press/${id}`, 'eingereicht');
      }
      return seeOther(c, `/console/press/${id}`, 'gespeichert');
    },
  ),
  consoleRoute(
    {
      method: 'post',
      path: '/console/press/{releaseId}/submission',
      operationId: 'consolePressSubmit',
      summary: 'Entwurf dem Vorsitz zur Freigabe vorlegen',
      access: ['admin', 'press'],
    },
    async (c, ctx) => {
      const id = releaseIdOf(c);
      await submitPressRelease(deps, ctx.actor, id);
      return seeOther(c, `/console/press/${id}`, 'eingereicht');
    },
  ),
  consoleRoute(
    {
      method: 'post',
      path: '/console/press/{releaseId}/return',
      operationId: 'consolePressReturn',
      summary: 'Eingereichte Pressemitteilung mit Hinweis zurückgeben (Vorsitz)',
      access: ['admin', 'chair'],
    },
    async (c, ctx) => {
      const id = releaseIdOf(c);
      const form = await readForm(c);
      await returnPressRelease(deps, ctx.actor, id, { comment: form('kommentar') ?? '' });
      return seeOther(c, `/console/press/${id}`, 'zurueckgegeben');
    },
  ),
  consoleRoute(
    {
      method: 'post',
      path: '/console/press/{releaseId}/approval',
      operationId: 'consolePressApprove',
      summary: 'Freigeben, mit Sperrfrist in Berliner Zeit (Vorsitz)',
      access: ['admin', 'chair'],
    },
    async (c, ctx) => {
      const id = releaseIdOf(c);
      const form = await readForm(c);
      const embargo = form('sperrfrist');
      const approved = await approvePressRelease(deps, ctx.actor, id, {
        ...(embargo === undefined ? {} : { embargoUntil: berlinWallTime(embargo).toISOString() }),
        preSend: form('vorab') === 'ja',
      });
      return seeOther(
        c,
        `/console/press/${id}`,
        approved.state === 'scheduled' ? 'geplant' : 'freigegeben',
      );
    },
  ),
  consoleRoute(
    {
      method: 'post',
      path: '/console/press/{releaseId}/publication',
      operationId: 'consolePressPublish',
      summary: 'Freigegebene Pressemitteilung jetzt oder zu einem Zeitpunkt veröffentlichen',
      access: ['admin', 'chair', 'press'],
    },
    async (c, ctx) => {
      const id = releaseIdOf(c);
      const form = await readForm(c);
      const at = form('zeitpunkt');
      const published = await publishPressRelease(deps, ctx.actor, id, {
        ...(at === undefined ? {} : { at: berlinWallTime(at).toISOString() }),
      });
      return seeOther(
        c,
        `/console/press/${id}`,
        published.state === 'scheduled' ? 'geplant' : 'veroeffentlicht',
      );
    },
  ),
  consoleRoute(
    {
      method: 'post',
      path: '/console/press/{releaseId}/corrections',
      operationId: 'consolePressCorrect',
      summary: 'Berichtigen: sofort durch den Vorsitz, zur Genehmigung durch die Pressestelle',
      access: ['admin', 'chair', 'press'],
    },
    async (c, ctx) => {
      const id = releaseIdOf(c);
      const form = await readForm(c);
      const corrected = await correctPressRelease(
        deps,
        ctx.actor,
        id,
        {
          ...(form('title') === undefined ? {} : { title: form('title') }),
          ...(form('body') === undefined ? {} : { body: form('body') }),
          note: form('grund') ?? '',
        },
        versionOf(form),
      );
      return seeOther(
        c,
        `/console/press/${id}`,
        corrected.pendingCorrection === undefined ? 'berichtigt' : 'berichtigung-eingereicht',
      );
    },
  ),
  consoleRoute(
    {
      method: 'post',
      path: '/console/press/{releaseId}/correction-approval',
      operationId: 'consolePressApproveCorrection',
      summary: 'Berichtigung der Pressestelle genehmigen (Vorsitz)',
      access: ['admin', 'chair'],
    },
    async (c, ctx) => {
      const id = releaseIdOf(c);
      const form = await readForm(c);
      await approvePressCorrection(deps, ctx.actor, id, versionOf(form));
      return seeOther(c, `/console/press/${id}`, 'berichtigt');
    },
  ),
  consoleRoute(
    {
      method: 'post',
      path: '/console/press/{releaseId}/withdrawal',
      operationId: 'consolePressWithdraw',
      summary: 'Pressemitteilung zurückziehen, mit Grund',
      access: ['admin', 'chair', 'press'],
    },
    async (c, ctx) => {
      const id = releaseIdOf(c);
      const form = await readForm(c);
      await withdrawPressRelease(deps, ctx.actor, id, { reason: form('grund') ?? '' });
      return seeOther(c, `/console/press/${id}`, 'zurueckgezogen');
    },
  ),
];
