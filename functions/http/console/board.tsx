import { createHash } from 'node:crypto';
import { ValidationError } from '../../../shared/domain/errors.js';
import type {
  AnswerChannel,
  AnsweredBy,
  AnswerStatus,
  AttendanceBoard,
  BoardLine,
  Invitation,
} from '../../../shared/domain/invitation.js';
import { msg } from '../../../shared/domain/messages.js';
import { can } from '../../../shared/domain/policy.js';
import type { Session } from '../../../shared/domain/session.js';
import {
  applySessionInboundMail,
  dismissSessionInboundMail,
  type ListedInboundRecord,
  listSessionInboundMail,
} from '../../../shared/use-cases/inbound-review.js';
import { getAttendance, recordAnswerForInvitee } from '../../../shared/use-cases/invitations.js';
import { listSessionInvitations } from '../../../shared/use-cases/session-mail.js';
import { getSession } from '../../../shared/use-cases/sessions.js';
import type { AppDeps } from '../app.js';
import { invitationDeps } from '../routes/invitations.js';
import { readForm } from '../routes/link-pages.js';
import { germanDateTimeShort, inMemberOrder, Notice, PostForm } from './components.js';
import { type ConsoleRoute, consoleRoute, noticeOf, seeOther } from './console-route.js';
import type { SignedInUser } from './layout.js';
import { capacityNames } from './mails.js';
import { SessionBreadcrumb } from './sessions.js';

/** The German names of the answers, of the board's states and of the channels. */
export const answerNames: Record<BoardLine['status'], { text: string; tone: string }> = {
  accepted: { text: 'Zusage', tone: 'badge ok' },
  declined: { text: 'Absage', tone: 'badge bad' },
  tentative: { text: 'unter Vorbehalt', tone: 'badge warn' },
  represented: { text: 'vertreten', tone: 'badge ok' },
  pending: { text: 'offen', tone: 'badge' },
  not_invited: { text: 'nicht eingeladen', tone: 'badge' },
};
export const channelNames: Record<AnswerChannel, string> = {
  link: 'Antwortlink',
  calendar: 'Kalender',
  mail: 'Antwort per Mail',
  secretariat: 'Geschäftsstelle (Telefon o. Ä.)',
};
const byNames: Record<AnsweredBy['capacity'], string> = {
  principal: 'selbst',
  office_contact: 'Büro',
  deputy: 'Vertretung',
  other: 'weitere Adresse',
};

const capacityOrder: Record<Invitation['capacity'], number> = {
  principal: 0,
  deputy: 1,
  office_contact: 2,
};

const boardPath = (sessionId: string) => `/console/sessions/${sessionId}/board`;

/** What the board shows: the member lines and, for the secretariat, the invitees. */
interface BoardView {
  session: Session;
  board: AttendanceBoard;
  invitations: Invitation[] | undefined;
}

const boardView = async (
  deps: AppDeps,
  actor: { principal: SignedInUser['principal'] },
  sessionId: string,
): Promise<BoardView> => {
  const session = await getSession(deps, actor, sessionId);
  const manages = can(actor.principal, 'sessions:manage', session.bodyId);
  const [board, invitations] = await Promise.all([
    getAttendance(deps, actor, session.id),
    manages ? listSessionInvitations(deps, actor, session.id) : Promise.resolve(undefined),
  ]);
  return { session, board, invitations };
};

/** A short fingerprint of what the board shows: a poll that finds it unchanged swaps nothing. */
const fingerprintOf = (view: BoardView) =>
  createHash('sha256')
    .update(
      JSON.stringify([
        view.board.lines,
        view.board.pressSentence,
        view.invitations?.map((i) => [i.id, i.state, i.answer]),
      ]),
    )
    .digest('base64url')
    .slice(0, 16);

const latestAnswer = (board: AttendanceBoard) =>
  board.lines.reduce((latest, line) => {
    const at = line.answeredAt ?? '';
    return at > latest ? at : latest;
  }, '');

/** What changed since the last poll, for the live region to announce. */
const changeText = (board: AttendanceBoard, since: string | undefined) => {
  const fresh = board.lines.filter(
    (line) => since !== undefined && (line.answeredAt ?? '') > since,
  );
  if (fresh.length === 0) return 'Die Übersicht wurde aktualisiert.';
  return `Neue Antworten: ${fresh.map((line) => `${line.name} (${answerNames[line.status].text})`).join(', ')}.`;
};

const answerText = (answer: Invitation['answer']) =>
  answer === undefined
    ? 'offen'
    : `${answerNames[answer.status].text}${answer.deputy ? ` – vertreten durch ${answer.deputy.name}` : ''}, ${channelNames[answer.channel]}`;

const Totals = ({ board }: { board: AttendanceBoard }) => (
  <ul class="board-totals" aria-label="Summen">
    {(['accepted', 'represented', 'tentative', 'declined', 'pending', 'not_invited'] as const).map(
      (status) => (
        <li>
          <span class="board-total-count">{board.counts[status] ?? 0}</span>{' '}
          {answerNames[status].text}
        </li>
      ),
    )}
  </ul>
);

const BoardRow = ({
  line,
  session,
  invitees,
}: {
  line: BoardLine;
  session: Session;
  invitees: Invitation[] | undefined;
}) => (
  <tr>
    <th scope="row">
      {line.name}
      {line.voting ? null : <span class="hint">ohne Stimmrecht</span>}
    </th>
    <td>
      <span class={answerNames[line.status].tone}>{answerNames[line.status].text}</span>
      {line.attendee ? <span class="hint">{line.attendee}</span> : null}
    </td>
    <td>{line.channel ? channelNames[line.channel] : '–'}</td>
    <td>
      {line.answeredBy ? `${line.answeredBy.name} (${byNames[line.answeredBy.capacity]})` : '–'}
      {line.answeredAt ? (
        <span class="hint">
          <time datetime={line.answeredAt}>
            {germanDateTimeShort(line.answeredAt, session.timeZone)}
          </time>
        </span>
      ) : null}
    </td>
    {invitees === undefined ? null : (
      <td class="board-invitees">
        {invitees.length === 0 ? (
          '–'
        ) : (
          <ul class="board-people">
            {invitees.map((invitation) => (
              <li>
                {invitation.name} ({capacityNames[invitation.capacity]}
                {invitation.state === 'pending' ? ', noch zu bestätigen' : ''}
                {invitation.state === 'revoked' ? ', zurückgezogen' : ''}):{' '}
                {answerText(invitation.answer)}
              </li>
            ))}
          </ul>
        )}
        {line.deliveryProblem ? (
          <p class="board-problem">
            Zustellproblem
            {line.deliveryProblem.email ? ` bei ${line.deliveryProblem.email}` : ''}:{' '}
            {line.deliveryProblem.problem === 'bounced' ? 'unzustellbar' : 'Beschwerde'}
          </p>
        ) : null}
        {line.pendingDeputy ? (
          <p class="board-problem">Vertretung {line.pendingDeputy.name} wartet auf Bestätigung.</p>
        ) : null}
      </td>
    )}
    <td class="board-sign" />
  </tr>
);

/** The part of the board that updates itself: totals, press sentence and the table. */
const LiveBoard = ({ view }: { view: BoardView }) => {
  const { session, board, invitations } = view;
  const poll = `${boardPath(session.id)}/live?stand=${fingerprintOf(view)}&seit=${encodeURIComponent(latestAnswer(board))}`;
  return (
    <div id="board-live" hx-get={poll} hx-trigger="every 3s" hx-swap="outerHTML">
      <Totals board={board} />
      <h2 id="pressesatz-titel">Satz für die Presse</h2>
      <p id="pressesatz" class="press-sentence">
        {board.pressSentence}
      </p>
      <div class="table-scroll">
        <table aria-labelledby="teilnahme-titel" class="board-table">
          <caption id="teilnahme-titel">Teilnahme je Land</caption>
          <thead>
            <tr>
              <th scope="col">Land</th>
              <th scope="col">Antwort</th>
              <th scope="col">Weg</th>
              <th scope="col">Geantwortet von</th>
              {invitations === undefined ? null : (
                <th scope="col" class="board-invitees">
                  Eingeladene
                </th>
              )}
              <th scope="col" class="board-sign">
                Unterschrift
              </th>
            </tr>
          </thead>
          <tbody>
            {board.lines.toSorted(inMemberOrder).map((line) => (
              <BoardRow
                line={line}
                session={session}
                invitees={invitations
                  ?.filter((i) => i.memberId === line.memberId)
                  .sort((a, b) => capacityOrder[a.capacity] - capacityOrder[b.capacity])}
              />
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
};

const PhoneForm = ({ view, user }: { view: BoardView; user: SignedInUser }) => {
  const lines = new Map(view.board.lines.map((line) => [line.memberId, line.name]));
  const active = (view.invitations ?? []).filter((i) => i.state === undefined);
  const members = [...new Set(active.map((i) => i.memberId))];
  if (active.length === 0) return null;
  return (
    <section aria-labelledby="telefon" class="no-print">
      <h2 id="telefon">Antwort eintragen, die telefonisch kam</h2>
      <PostForm user={user} action={`${boardPath(view.session.id)}/phone`}>
        <label for="telefon-person">Land und Person</label>
        <select id="telefon-person" name="invitationId" required>
          <option value="">– bitte wählen –</option>
          {members.map((memberId) => (
            <optgroup label={lines.get(memberId) ?? memberId}>
              {active
                .filter((i) => i.memberId === memberId)
                .map((i) => (
                  <option value={i.id}>
                    {i.name} ({capacityNames[i.capacity]})
                  </option>
                ))}
            </optgroup>
          ))}
        </select>
        <fieldset>
          <legend>Antwort</legend>
          {(['accepted', 'declined', 'tentative', 'represented'] as const).map((status) => (
            <label class="choice" for={`telefon-${status}`}>
              <input type="radio" id={`telefon-${status}`} name="status" value={status} required />{' '}
              {phoneAnswerNames[status]}
            </label>
          ))}
        </fieldset>
        <label for="telefon-vertretung">
          Vertreten durch
          <span class="hint" id="telefon-vertretung-hinweis">
            Nur bei „Vertretung“: Name der Person, die an Stelle der Ministerin oder des Ministers
            teilnimmt.
          </span>
        </label>
        <input
          type="text"
          id="telefon-vertretung"
          name="deputyName"
          aria-describedby="telefon-vertretung-hinweis"
        />
        <label for="telefon-notiz">Notiz</label>
        <input type="text" id="telefon-notiz" name="comment" placeholder="z. B. Anruf des Büros" />
        <div class="actions">
          <button type="submit">Antwort eintragen</button>
        </div>
      </PostForm>
    </section>
  );
};

const phoneAnswerNames: Record<AnswerStatus, string> = {
  accepted: 'Zusage',
  declined: 'Absage',
  tentative: 'Zusage unter Vorbehalt',
  represented: 'Vertretung',
};

const ReviewList = ({
  view,
  replies,
  user,
}: {
  view: BoardView;
  replies: ListedInboundRecord[];
  user: SignedInUser;
}) => {
  const waiting = replies.filter((reply) => reply.state === 'review');
  const who = new Map((view.invitations ?? []).map((i) => [i.id, i]));
  const lines = new Map(view.board.lines.map((line) => [line.memberId, line.name]));
  return (
    <section aria-labelledby="pruefung" class="no-print">
      <h2 id="pruefung">Antworten per Mail zur Prüfung</h2>
      {waiting.length === 0 ? (
        <p>Keine Mail wartet auf Prüfung.</p>
      ) : (
        <ul class="review-list">
          {waiting.map((reply, index) => {
            const invitation = reply.invitationId ? who.get(reply.invitationId) : undefined;
            const id = `antwort-${index}`;
            return (
              <li class="card" aria-labelledby={`${id}-titel`}>
                <h3 id={`${id}-titel`}>
                  {invitation
                    ? `${lines.get(invitation.memberId) ?? invitation.memberId}: ${invitation.name}`
                    : reply.from}
                </h3>
                <dl class="facts">
                  <dt>Von</dt>
                  <dd>{reply.from}</dd>
                  <dt>Betreff</dt>
                  <dd>{reply.subject}</dd>
                  <dt>Eingang</dt>
                  <dd>{germanDateTimeShort(reply.receivedAt, view.session.timeZone)}</dd>
                  {reply.reason ? (
                    <>
                      <dt>Grund der Prüfung</dt>
                      <dd>{reply.reason}</dd>
                    </>
                  ) : null}
                  {reply.proposal ? (
                    <>
                      <dt>Erkannte Antwort</dt>
                      <dd>{answerNames[reply.proposal.status].text}</dd>
                    </>
                  ) : null}
                </dl>
                {reply.invitationId ? (
                  <PostForm
                    user={user}
                    action={`${boardPath(view.session.id)}/replies/${reply.id}/apply`}
                  >
                    <label for={`${id}-antwort`}>Antwort, die Sie in der Mail lesen</label>
                    <select id={`${id}-antwort`} name="status" required>
                      {(['accepted', 'declined', 'tentative'] as const).map((status) => (
                        <option value={status} selected={reply.proposal?.status === status}>
                          {phoneAnswerNames[status]}
                        </option>
                      ))}
                    </select>
                    <label for={`${id}-notiz`}>Notiz</label>
                    <input type="text" id={`${id}-notiz`} name="note" />
                    <div class="actions">
                      <button type="submit">
                        Übernehmen<span class="visually-hidden"> ({reply.from})</span>
                      </button>
                    </div>
                  </PostForm>
                ) : null}
                <PostForm
                  user={user}
                  action={`${boardPath(view.session.id)}/replies/${reply.id}/dismiss`}
                >
                  <label for={`${id}-grund`}>Notiz zum Verwerfen</label>
                  <input type="text" id={`${id}-grund`} name="note" />
                  <div class="actions">
                    <button type="submit" class="secondary">
                      Verwerfen<span class="visually-hidden"> ({reply.from})</span>
                    </button>
                  </div>
                </PostForm>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
};

const boardNotices = {
  eingetragen: 'Die Antwort ist eingetragen.',
  uebernommen: 'Die Antwort aus der Mail ist übernommen.',
  verworfen: 'Die Mail ist verworfen; keine Antwort wurde geändert.',
};

/**
 * The live attendance board: every member's answer with channel and who
 * answered, the totals and the press sentence, updating itself every 3
 * seconds (without JavaScript by the "Aktualisieren" link); answers taken
 * by phone, and the mail replies waiting for review.
 */
export const boardRoutes = (deps: AppDeps): ConsoleRoute[] => [
  consoleRoute(
    {
      method: 'get',
      path: '/console/sessions/{sessionId}/board',
      operationId: 'consoleBoard',
      summary: 'Teilnahme: Live-Übersicht der Antworten',
      access: 'staff',
    },
    async (c, ctx) => {
      const view = await boardView(deps, ctx.actor, c.req.param('sessionId') ?? '');
      const manages = view.invitations !== undefined;
      const replies = manages ? await listSessionInboundMail(deps, ctx.actor, view.session.id) : [];
      return ctx.page(
        { title: `Teilnahme – ${view.session.title}`, section: 'bodies' },
        <>
          <SessionBreadcrumb session={view.session} here="Teilnahme" />
          <h1>Teilnahme: {view.session.title}</h1>
          <p class="print-only">
            Teilnahmeliste, Stand{' '}
            {germanDateTimeShort(deps.clock.now().toISOString(), view.session.timeZone)}
          </p>
          <div class="no-print">
            <Notice text={noticeOf(c, boardNotices)} />
          </div>
          <div class="actions no-print">
            <p id="board-status" class="board-status" role="status" aria-live="polite">
              Die Übersicht aktualisiert sich von selbst.
            </p>
            <a href={boardPath(view.session.id)}>Aktualisieren</a>
            <button
              type="button"
              class="secondary"
              data-copy="#pressesatz"
              id="pressesatz-kopieren"
            >
              Satz für die Presse kopieren
            </button>
            <span id="pressesatz-kopieren-status" role="status" aria-live="polite" />
          </div>
          <LiveBoard view={view} />
          {manages ? <PhoneForm view={view} user={ctx.user} /> : null}
          {manages ? <ReviewList view={view} replies={replies} user={ctx.user} /> : null}
        </>,
      );
    },
  ),
  consoleRoute(
    {
      method: 'get',
      path: '/console/sessions/{sessionId}/board/live',
      operationId: 'consoleBoardLive',
      summary: 'Teilnahme: der sich selbst aktualisierende Teil (Fragment)',
      access: 'staff',
    },
    async (c, ctx) => {
      const view = await boardView(deps, ctx.actor, c.req.param('sessionId') ?? '');
      if (c.req.query('stand') === fingerprintOf(view)) return c.body(null, 204);
      const since = c.req.query('seit');
      return c.html(
        <>
          <LiveBoard view={view} />
          <p id="board-status" hx-swap-oob="innerHTML">
            {since === undefined
              ? 'Die Übersicht wurde aktualisiert.'
              : changeText(view.board, since)}
          </p>
        </>,
      );
    },
  ),
  consoleRoute(
    {
      method: 'post',
      path: '/console/sessions/{sessionId}/board/phone',
      operationId: 'consoleBoardPhone',
      summary: 'Telefonisch erhaltene Antwort eintragen',
      access: 'staff',
    },
    async (c, ctx) => {
      const sessionId = c.req.param('sessionId') ?? '';
      const form = await readForm(c);
      const status = form('status');
      const invitationId = form('invitationId');
      if (invitationId === undefined || status === undefined) {
        throw new ValidationError(
          msg('request.invalid-input', { location: 'body' }),
          [
            ...(invitationId === undefined ? ['invitationId'] : []),
            ...(status === undefined ? ['status'] : []),
          ].map((name) => ({ path: `body.${name}`, message: msg('console.field-required') })),
        );
      }
      const deputyName = form('deputyName')?.trim();
      const comment = form('comment')?.trim();
      await recordAnswerForInvitee(await invitationDeps(deps), ctx.actor, sessionId, invitationId, {
        status: status as AnswerStatus,
        ...(comment ? { comment } : {}),
        ...(deputyName && status === 'represented' ? { deputyName } : {}),
      });
      deps.countAnswer?.('secretariat');
      return seeOther(c, boardPath(sessionId), 'eingetragen');
    },
  ),
  consoleRoute(
    {
      method: 'post',
      path: '/console/sessions/{sessionId}/board/replies/{replyId}/apply',
      operationId: 'consoleBoardReplyApply',
      summary: 'Antwort aus einer Mail übernehmen',
      access: 'staff',
    },
    async (c, ctx) => {
      const sessionId = c.req.param('sessionId') ?? '';
      const form = await readForm(c);
      const status = form('status');
      const note = form('note')?.trim();
      await applySessionInboundMail(
        await invitationDeps(deps),
        ctx.actor,
        sessionId,
        c.req.param('replyId') ?? '',
        {
          ...(status === undefined ? {} : { status: status as AnswerStatus }),
          ...(note ? { note } : {}),
        },
      );
      return seeOther(c, boardPath(sessionId), 'uebernommen');
    },
  ),
  consoleRoute(
    {
      method: 'post',
      path: '/console/sessions/{sessionId}/board/replies/{replyId}/dismiss',
      operationId: 'consoleBoardReplyDismiss',
      summary: 'Mail verwerfen, ohne eine Antwort zu ändern',
      access: 'staff',
    },
    async (c, ctx) => {
      const sessionId = c.req.param('sessionId') ?? '';
      const note = (await readForm(c))('note')?.trim();
      await dismissSessionInboundMail(deps, ctx.actor, sessionId, c.req.param('replyId') ?? '', {
        ...(note ? { note } : {}),
      });
      return seeOther(c, boardPath(sessionId), 'verworfen');
    },
  ),
];
