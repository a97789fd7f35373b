import type { AgendaItem } from '../../../shared/domain/agenda.js';
import { NotFoundError } from '../../../shared/domain/errors.js';
import {
  classificationLabel,
  formatLabel,
  germanFileSize,
  type Paper,
  type PaperKind,
  PaperKindSchema,
  type PaperVersion,
  paperKindLabel,
  type ScanState,
} from '../../../shared/domain/paper.js';
import { can, requirePermission } from '../../../shared/domain/policy.js';
import { listAgenda } from '../../../shared/use-cases/agenda.js';
import { getBody } from '../../../shared/use-cases/bodies.js';
import {
  attachPaper,
  downloadPaperAsStaff,
  keepPaper,
  listSessionPapers,
  requestPaperUpload,
} from '../../../shared/use-cases/papers.js';
import { getSession } from '../../../shared/use-cases/sessions.js';
import type { AppDeps } from '../app.js';
import { readForm } from '../routes/link-pages.js';
import { paperDeps } from '../routes/papers.js';
import { germanDateTimeShort, Notice, PostForm, TextField } from './components.js';
import { type ConsoleRoute, consoleRoute, noticeOf, seeOther } from './console-route.js';
import { SessionBreadcrumb } from './sessions.js';

const papersPath = (sessionId: string) => `/console/sessions/${sessionId}/papers`;

const notices = {
  beigefuegt: 'Die Unterlage ist beigefügt.',
  aufbewahrt: 'Die Unterlage wird über die Aufbewahrungsfrist hinaus aufbewahrt.',
  freigegeben: 'Die Unterlage wird mit Ablauf der Aufbewahrungsfrist gelöscht.',
};

/** How far a file's malware scan is, in German, with the badge's tone. */
const scanBadges: Record<ScanState, { text: string; tone: string }> = {
  pending: { text: 'Virenprüfung läuft', tone: 'badge warn' },
  clean: { text: 'geprüft', tone: 'badge ok' },
  unchecked: { text: 'lokal nicht geprüft', tone: 'badge warn' },
  threat: { text: 'gesperrt: Schadsoftware', tone: 'badge danger' },
  failed: { text: 'nicht prüfbar – nicht verteilt', tone: 'badge danger' },
};

const ScanBadge = ({ version }: { version: PaperVersion }) => {
  const badge = scanBadges[version.scan];
  return <span class={badge.tone}>{badge.text}</span>;
};

const PaperRow = ({
  paper,
  sessionId,
  timeZone,
  manages,
  user,
}: {
  paper: Paper;
  sessionId: string;
  timeZone: string;
  manages: boolean;
  user: Parameters<typeof PostForm>[0]['user'];
}) => {
  const current = paper.versions[paper.versions.length - 1] as PaperVersion;
  const download = (version: PaperVersion) =>
    `${papersPath(sessionId)}/${paper.id}/download?version=${version.number}`;
  return (
    <tr>
      <th scope="row">
        {paper.title}
        <div class="hint">
          {paperKindLabel[paper.kind]}
          {paper.authorMemberId ? `, eingereicht von ${paper.authorMemberId}` : ''}
        </div>
      </th>
      <td>{classificationLabel[paper.classification]}</td>
      <td>
        {paper.deletedAt !== undefined ? (
          <span class="badge">gelöscht (Aufbewahrungsfrist abgelaufen)</span>
        ) : (
          <ul class="plain">
            {[...paper.versions].reverse().map((version) => (
              <li>
                Fassung {version.number}: {formatLabel[version.format]},{' '}
                {germanFileSize(version.bytes)}, {germanDateTimeShort(version.uploadedAt, timeZone)}{' '}
                <ScanBadge version={version} />{' '}
                {version.scan === 'clean' || version.scan === 'unchecked' ? (
                  <a href={download(version)}>
                    herunterladen
                    <span class="visually-hidden">
                      {' '}
                      ({paper.title}, Fassung {version.number})
                    </span>
                  </a>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </td>
      <td>
        {manages && paper.deletedAt === undefined ? (
          <>
            <a
              class="button secondary"
              href={`${papersPath(sessionId)}/upload?top=${paper.agendaItemId}&paper=${paper.id}`}
            >
              Neue Fassung<span class="visually-hidden"> von {paper.title}</span>
            </a>
            <PostForm
              user={user}
              action={`${papersPath(sessionId)}/${paper.id}/keep`}
              class="inline"
            >
              <input type="hidden" name="keep" value={paper.keep ? 'no' : 'yes'} />
              <button type="submit" class="secondary">
                {paper.keep ? 'Aufbewahrung aufheben' : 'Dauerhaft aufbewahren'}
                <span class="visually-hidden"> ({paper.title})</span>
              </button>
            </PostForm>
          </>
        ) : null}
        {current.scan === 'threat' ? (
          <p class="hint">Die Geschäftsstelle und die hochladende Person sind benachrichtigt.</p>
        ) : null}
      </td>
    </tr>
  );
};

const ItemPapers = (props: {
  item: AgendaItem;
  papers: Paper[];
  sessionId: string;
  timeZone: string;
  manages: boolean;
  user: Parameters<typeof PostForm>[0]['user'];
}) => (
  <section aria-labelledby={`top-${props.item.id}`}>
    <h2 id={`top-${props.item.id}`}>
      TOP {props.item.number}: {props.item.title}
    </h2>
    {props.papers.length === 0 ? (
      <p>Noch keine Unterlagen.</p>
    ) : (
      <table>
        <thead>
          <tr>
            <th scope="col">Unterlage</th>
            <th scope="col">Einstufung</th>
            <th scope="col">Fassungen</th>
            <th scope="col">Aktionen</th>
          </tr>
        </thead>
        <tbody>
          {props.papers.map((paper) => (
            <PaperRow
              paper={paper}
              sessionId={props.sessionId}
              timeZone={props.timeZone}
              manages={props.manages}
              user={props.user}
            />
          ))}
        </tbody>
      </table>
    )}
    {props.manages ? (
      <p>
        <a class="button" href={`${papersPath(props.sessionId)}/upload?top=${props.item.id}`}>
          Unterlage hinzufügen<span class="visually-hidden"> zu TOP {props.item.number}</span>
        </a>
      </p>
    ) : null}
  </section>
);

/** Where the store sends the browser back after an upload: the product's public address. */
const publicOrigin = (deps: AppDeps, requestUrl: string) =>
  deps.signIn?.publicBaseUrl ?? new URL(requestUrl).origin;

/** The console pages of session papers: list, upload, describe and attach, download, keep. */
export const paperRoutes = (deps: AppDeps): ConsoleRoute[] => [
  consoleRoute(
    {
      method: 'get',
      path: '/console/sessions/{sessionId}/papers',
      operationId: 'consolePapers',
      summary: 'Unterlagen einer Sitzung nach Tagesordnungspunkten',
      access: 'staff',
    },
    async (c, ctx) => {
      const sessionId = c.req.param('sessionId') ?? '';
      const session = await getSession(deps, ctx.actor, sessionId);
      const [papers, agenda] = await Promise.all([
        listSessionPapers(deps, ctx.actor, sessionId),
        listAgenda(deps, ctx.actor, sessionId),
      ]);
      const manages =
        session.state !== 'cancelled' &&
        can(ctx.user.principal, 'sessions:manage', session.bodyId) &&
        deps.papers !== undefined;
      return ctx.page(
        { title: `Unterlagen – ${session.title}`, section: 'bodies' },
        <>
          <SessionBreadcrumb session={session} here="Unterlagen" />
          <h1>Unterlagen</h1>
          <Notice text={noticeOf(c, notices)} />
          {deps.papers?.scanning === 'local' ? (
            <p class="notice warn">
              In dieser lokalen Umgebung gibt es keine Virenprüfung: Unterlagen werden sofort
              verteilt und als „lokal nicht geprüft“ gekennzeichnet.
            </p>
          ) : null}
          <p>
            <a class="button secondary" href={`/console/sessions/${sessionId}/folder.pdf`}>
              Sitzungsmappe als PDF
            </a>
          </p>
          <p>
            Öffentliche Unterlagen sieht jede Person, die den Tagesordnungspunkt sieht; interne die
            registrierten Ansprechpersonen und alle Eingeladenen; vertrauliche nur die registrierten
            Ansprechpersonen des Gremiums. Eingeladene erhalten persönliche Links, jeder Abruf wird
            protokolliert.
          </p>
          {agenda.map((item) => (
            <ItemPapers
              item={item}
              papers={papers.filter((paper) => paper.agendaItemId === item.id)}
              sessionId={sessionId}
              timeZone={session.timeZone}
              manages={manages}
              user={ctx.user}
            />
          ))}
        </>,
      );
    },
  ),
  consoleRoute(
    {
      method: 'get',
      path: '/console/sessions/{sessionId}/papers/upload',
      operationId: 'consolePaperUpload',
      summary: 'Datei einer Unterlage hochladen (direkt in den Speicher)',
      access: 'staff',
    },
    async (c, ctx) => {
      const sessionId = c.req.param('sessionId') ?? '';
      const session = await getSession(deps, ctx.actor, sessionId);
      const itemId = c.req.query('top') ?? '';
      const item = await deps.repo.getAgendaItem(sessionId, itemId);
      if (item === undefined) throw new NotFoundError('Agenda item', itemId);
      const paperId = c.req.query('paper');
      const back = new URL(`${papersPath(sessionId)}/describe`, publicOrigin(deps, c.req.url));
      back.searchParams.set('top', item.id);
      if (paperId) back.searchParams.set('paper', paperId);
      // The store sends the browser back with this upload's id in the address.
      const form = await requestPaperUpload(
        await paperDeps(deps),
        ctx.actor,
        sessionId,
        { fileName: 'Unterlage' },
        { successRedirect: (uploadId) => `${back.toString()}&upload=${uploadId}` },
      );
      c.set('formActionOrigin', new URL(form.url).origin);
      return ctx.page(
        { title: `Unterlage hochladen – ${session.title}`, section: 'bodies' },
        <>
          <SessionBreadcrumb session={session} here="Unterlage hochladen" />
          <h1>
            Unterlage zu TOP {item.number} hochladen{paperId ? ' (neue Fassung)' : ''}
          </h1>
          <p>
            Erlaubt sind PDF-, Word- (DOCX), Excel- (XLSX) und OpenDocument-Textdateien (ODT) sowie
            PNG- und JPEG-Bilder bis {Math.round(form.maxBytes / (1024 * 1024))} MB. Die Datei geht
            direkt in den geschützten Speicher; im nächsten Schritt beschreiben Sie sie.
          </p>
          <form method="post" action={form.url} enctype="multipart/form-data">
            {Object.entries(form.fields).map(([name, value]) => (
              <input type="hidden" name={name} value={value} />
            ))}
            <label for="feld-datei">Datei</label>
            <input
              type="file"
              id="feld-datei"
              name="file"
              required
              accept=".pdf,.docx,.xlsx,.odt,.png,.jpg,.jpeg"
            />
            <button type="submit">Hochladen</button>
          </form>
        </>,
      );
    },
  ),
  consoleRoute(
    {
      method: 'get',
      path: '/console/sessions/{sessionId}/papers/describe',
      operationId: 'consolePaperDescribe',
      summary: 'Hochgeladene Datei beschreiben und beifügen',
      access: 'staff',
    },
    async (c, ctx) => {
      const sessionId = c.req.param('sessionId') ?? '';
      const session = await getSession(deps, ctx.actor, sessionId);
      requirePermission(ctx.user.principal, 'sessions:manage', session.bodyId);
      const itemId = c.req.query('top') ?? '';
      const uploadId = c.req.query('upload') ?? '';
      const paperId = c.req.query('paper');
      const [item, body, existing] = await Promise.all([
        deps.repo.getAgendaItem(sessionId, itemId),
        getBody(deps, ctx.actor, session.bodyId),
        paperId ? deps.repo.getPaper(sessionId, paperId) : Promise.resolve(undefined),
      ]);
      if (item === undefined) throw new NotFoundError('Agenda item', itemId);
      const kind: PaperKind = existing?.kind ?? 'report';
      return ctx.page(
        { title: `Unterlage beschreiben – ${session.title}`, section: 'bodies' },
        <>
          <SessionBreadcrumb session={session} here="Unterlage beschreiben" />
          <h1>Unterlage zu TOP {item.number} beschreiben</h1>
          <p class="notice success" role="status">
            Die Datei ist hochgeladen. Beim Beifügen werden Art und Größe der Datei geprüft.
          </p>
          <PostForm user={ctx.user} action={`${papersPath(sessionId)}/attach`}>
            <input type="hidden" name="top" value={item.id} />
            <input type="hidden" name="uploadId" value={uploadId} />
            {existing ? <input type="hidden" name="paperId" value={existing.id} /> : null}
            <TextField name="title" label="Titel" value={existing?.title} required />
            <fieldset>
              <legend>Art</legend>
              {PaperKindSchema.options.map((option) => (
                <label class="choice" for={`art-${option}`}>
                  <input
                    type="radio"
                    id={`art-${option}`}
                    name="kind"
                    value={option}
                    checked={option === kind}
                  />{' '}
                  {paperKindLabel[option]}
                </label>
              ))}
            </fieldset>
            <fieldset>
              <legend>Einstufung</legend>
              {(['public', 'internal', 'confidential'] as const).map((option) => (
                <label class="choice" for={`einstufung-${option}`}>
                  <input
                    type="radio"
                    id={`einstufung-${option}`}
                    name="classification"
                    value={option}
                    checked={option === (existing?.classification ?? 'internal')}
                  />{' '}
                  {
                    {
                      public: 'Öffentlich (nach Freigabe auch auf der öffentlichen Sitzungsseite)',
                      internal: 'Intern (registrierte Ansprechpersonen und Eingeladene)',
                      confidential:
                        'Vertraulich (nur registrierte Ansprechpersonen, nie als Anhang)',
                    }[option]
                  }
                </label>
              ))}
            </fieldset>
            <label for="feld-autor">Eingereicht von</label>
            <select id="feld-autor" name="authorMemberId">
              <option value="">– niemand –</option>
              {body.members.map((member) => (
                <option
                  value={member.memberId}
                  selected={(existing?.authorMemberId ?? item.registeredBy) === member.memberId}
                >
                  {member.name}
                </option>
              ))}
            </select>
            <TextField
              name="fileName"
              label="Dateiname beim Herunterladen"
              hint="Ohne Endung; sie ergibt sich aus dem Inhalt der Datei."
            />
            <button type="submit">Beifügen</button>
          </PostForm>
        </>,
      );
    },
  ),
  consoleRoute(
    {
      method: 'post',
      path: '/console/sessions/{sessionId}/papers/attach',
      operationId: 'consolePaperAttach',
      summary: 'Hochgeladene Datei einem Tagesordnungspunkt beifügen',
      access: 'staff',
    },
    async (c, ctx) => {
      const sessionId = c.req.param('sessionId') ?? '';
      const form = await readForm(c);
      const optional = (name: 'authorMemberId' | 'paperId' | 'fileName') => {
        const value = form(name)?.trim();
        return value ? { [name]: value } : {};
      };
      await attachPaper(await paperDeps(deps), ctx.actor, sessionId, form('top') ?? '', {
        uploadId: form('uploadId') ?? '',
        title: form('title')?.trim() ?? '',
        kind: (form('kind') ?? 'report') as PaperKind,
        classification: (form('classification') ?? '') as Paper['classification'],
        ...optional('authorMemberId'),
        ...optional('paperId'),
        ...optional('fileName'),
      });
      return seeOther(c, papersPath(sessionId), 'beigefuegt');
    },
  ),
  consoleRoute(
    {
      method: 'get',
      path: '/console/sessions/{sessionId}/papers/{paperId}/download',
      operationId: 'consolePaperDownload',
      summary: 'Unterlage herunterladen (wird protokolliert)',
      access: 'staff',
    },
    async (c, ctx) => {
      const version = Number(c.req.query('version'));
      const { url } = await downloadPaperAsStaff(
        await paperDeps(deps),
        ctx.actor,
        c.req.param('sessionId') ?? '',
        c.req.param('paperId') ?? '',
        Number.isInteger(version) && version > 0 ? version : undefined,
      );
      c.header('Referrer-Policy', 'no-referrer');
      return c.redirect(url, 302);
    },
  ),
  consoleRoute(
    {
      method: 'post',
      path: '/console/sessions/{sessionId}/papers/{paperId}/keep',
      operationId: 'consolePaperKeep',
      summary: 'Unterlage dauerhaft aufbewahren oder die Aufbewahrung aufheben',
      access: 'staff',
    },
    async (c, ctx) => {
      const sessionId = c.req.param('sessionId') ?? '';
      const keep = (await readForm(c))('keep') === 'yes';
      await keepPaper(
        await paperDeps(deps),
        ctx.actor,
        sessionId,
        c.req.param('paperId') ?? '',
        keep,
      );
      return seeOther(c, papersPath(sessionId), keep ? 'aufbewahrt' : 'freigegeben');
    },
  ),
];
