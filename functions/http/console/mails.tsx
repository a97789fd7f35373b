import type { Invitation } from '../../../shared/domain/invitation.js';
import { getBody } from '../../../shared/use-cases/bodies.js';
import { sendInvitations } from '../../../shared/use-cases/invitations.js';
import {
  type InviteeMail,
  listSessionInvitations,
  listSessionMail,
  type MailState,
  retrySessionMail,
} from '../../../shared/use-cases/session-mail.js';
import { getSession } from '../../../shared/use-cases/sessions.js';
import type { AppDeps } from '../app.js';
import { invitationDeps } from '../routes/invitations.js';
import { readForm } from '../routes/link-pages.js';
import { Notice, PostForm } from './components.js';
import { type ConsoleRoute, consoleRoute, noticeOf, seeOther } from './console-route.js';
import { SessionBreadcrumb } from './sessions.js';

/** The German names of a mail's states, with the badge's tone. */
export const mailStateNames: Record<MailState, { text: string; tone: string }> = {
  queued: { text: 'wartet auf Versand', tone: 'badge' },
  sending: { text: 'wird versandt', tone: 'badge' },
  sent: { text: 'versandt', tone: 'badge ok' },
  bounced: { text: 'unzustellbar', tone: 'badge bad' },
  complained: { text: 'Beschwerde des Empfängers', tone: 'badge bad' },
  failed: { text: 'fehlgeschlagen', tone: 'badge bad' },
  unknown: { text: 'ungeklärt – vielleicht versandt', tone: 'badge warn' },
  none: { text: 'kein Versand – Vertretung noch zu bestätigen', tone: 'badge warn' },
  revoked: { text: 'Einladung zurückgezogen', tone: 'badge' },
};

/** The German names of the mails to an invitee. */
const mailKindNames: Record<NonNullable<InviteeMail['kind']>, string> = {
  invitation: 'Einladung',
  update: 'Aktualisierung',
  cancel: 'Absage',
  reminder: 'Erinnerung',
  revoked: 'Rücknahme',
  'papers-added': 'Nachgereichte Unterlagen',
};

/** How an invitee takes part, in German. */
export const capacityNames: Record<Invitation['capacity'], string> = {
  principal: 'Ministerin/Minister',
  office_contact: 'Büro, in Kopie',
  deputy: 'Vertretung',
};

const collator = new Intl.Collator('de');
const capacityOrder: Record<Invitation['capacity'], number> = {
  principal: 0,
  deputy: 1,
  office_contact: 2,
};

const mailNotices = {
  erneut: 'Die Mail wird erneut versandt.',
};

const sentNotice = (count: number) =>
  count === 0
    ? 'Alle Vorgesehenen waren bereits eingeladen; es wurde keine Mail versandt.'
    : count === 1
      ? 'Die Einladung an 1 Person ist auf dem Weg.'
      : `Die Einladungen an ${count} Personen sind auf dem Weg.`;

/**
 * Invitations and delivery: the confirmation before sending (with the number
 * of people who get a mail), sending, and where every mail stands, with
 * sending a failed one again.
 */
export const mailRoutes = (deps: AppDeps): ConsoleRoute[] => [
  consoleRoute(
    {
      method: 'get',
      path: '/console/sessions/{sessionId}/invitations',
      operationId: 'consoleInvitationsConfirm',
      summary: 'Einladungen versenden: Bestätigung mit der Zahl der Empfänger',
      access: 'staff',
    },
    async (c, ctx) => {
      const session = await getSession(deps, ctx.actor, c.req.param('sessionId') ?? '');
      const [invitations, body] = await Promise.all([
        listSessionInvitations(deps, ctx.actor, session.id),
        getBody(deps, ctx.actor, session.bodyId),
      ]);
      const invited = new Set(invitations.map((invitation) => invitation.personId));
      const people = body.members.flatMap((member) => member.people);
      const principals = people.filter((p) => p.capacity === 'principal' && !invited.has(p.id));
      const contacts = people.filter((p) => p.capacity === 'office_contact' && !invited.has(p.id));
      const locked = session.state === 'concluded' || session.state === 'cancelled';
      return ctx.page(
        { title: `Einladungen versenden – ${session.title}`, section: 'bodies' },
        <>
          <SessionBreadcrumb session={session} here="Einladungen versenden" />
          <h1>Einladungen versenden</h1>
          {locked ? (
            <p>Zu dieser Sitzung wird nicht mehr eingeladen.</p>
          ) : principals.length === 0 && contacts.length === 0 ? (
            <p>
              Alle Ministerinnen und Minister und alle Büros sind bereits eingeladen.{' '}
              <a href={`/console/sessions/${session.id}/mails`}>Zur Zustellung</a>
            </p>
          ) : (
            <PostForm user={ctx.user} action={`/console/sessions/${session.id}/invitations`}>
              <p id="empfaenger">
                {principals.length === 1
                  ? '1 Ministerin oder Minister erhält'
                  : `${principals.length} Ministerinnen und Minister erhalten`}{' '}
                eine persönliche Einladung mit Antwortlinks und einem Kalendereintrag.
                {invitations.length > 0
                  ? ` Bereits Eingeladene (${invitations.length}) erhalten keine zweite Mail.`
                  : ''}
              </p>
              <fieldset>
                <legend>Büros</legend>
                <label class="choice" for="bueros">
                  <input type="checkbox" id="bueros" name="includeOfficeContacts" value="yes" />{' '}
                  Auch die Büros in Kopie einladen ({contacts.length}{' '}
                  {contacts.length === 1 ? 'weitere Person' : 'weitere Personen'})
                </label>
              </fieldset>
              <div class="actions">
                <button type="submit">
                  Jetzt {principals.length} {principals.length === 1 ? 'Einladung' : 'Einladungen'}{' '}
                  versenden
                </button>
                <a href={`/console/sessions/${session.id}`}>Abbrechen</a>
              </div>
            </PostForm>
          )}
        </>,
      );
    },
  ),
  consoleRoute(
    {
      method: 'post',
      path: '/console/sessions/{sessionId}/invitations',
      operationId: 'consoleInvitationsSend',
      summary: 'Einladungen versenden',
      access: 'staff',
    },
    async (c, ctx) => {
      const sessionId = c.req.param('sessionId') ?? '';
      const form = await readForm(c);
      const { invited } = await sendInvitations(await invitationDeps(deps), ctx.actor, sessionId, {
        includeOfficeContacts: form('includeOfficeContacts') === 'yes',
      });
      return seeOther(c, `/console/sessions/${sessionId}/mails`, `versandt-${invited.length}`);
    },
  ),
  consoleRoute(
    {
      method: 'get',
      path: '/console/sessions/{sessionId}/mails',
      operationId: 'consoleMails',
      summary: 'Einladungen und der Zustellstand jeder Mail',
      access: 'staff',
    },
    async (c, ctx) => {
      const session = await getSession(deps, ctx.actor, c.req.param('sessionId') ?? '');
      const [mails, body] = await Promise.all([
        listSessionMail(deps, ctx.actor, session.id),
        getBody(deps, ctx.actor, session.bodyId),
      ]);
      const names = new Map(body.members.map((m) => [m.memberId, m.name]));
      const land = (mail: InviteeMail) => names.get(mail.invitation.memberId) ?? '';
      mails.sort(
        (a, b) =>
          collator.compare(land(a), land(b)) ||
          capacityOrder[a.invitation.capacity] - capacityOrder[b.invitation.capacity],
      );
      const counts = new Map<MailState, number>();
      for (const mail of mails) counts.set(mail.state, (counts.get(mail.state) ?? 0) + 1);
      const sent = /^versandt-(\d{1,4})$/.exec(c.req.query('hinweis') ?? '');
      const notice = sent ? sentNotice(Number(sent[1])) : noticeOf(c, mailNotices);
      const open = session.state !== 'concluded' && session.state !== 'cancelled';
      return ctx.page(
        { title: `Einladungen und Zustellung – ${session.title}`, section: 'bodies' },
        <>
          <SessionBreadcrumb session={session} here="Einladungen und Zustellung" />
          <h1>Einladungen und Zustellung</h1>
          <Notice text={notice} />
          {open ? (
            <p>
              <a class="button" href={`/console/sessions/${session.id}/invitations`}>
                {mails.length === 0 ? 'Einladungen versenden' : 'Weitere Einladungen versenden'}
              </a>
            </p>
          ) : null}
          {mails.length === 0 ? (
            <p>Zu dieser Sitzung ist noch niemand eingeladen.</p>
          ) : (
            <>
              <h2 id="zusammenfassung">Überblick</h2>
              <ul class="mail-summary" aria-labelledby="zusammenfassung">
                {[...counts.entries()].map(([state, count]) => (
                  <li>
                    <span class={mailStateNames[state].tone}>{mailStateNames[state].text}</span>:{' '}
                    {count}
                  </li>
                ))}
              </ul>
              <p class="hint">
                „Versandt“ heißt: Die Mail wurde dem Mailserver übergeben. Meldet er sie als
                unzustellbar, steht das hier.
              </p>
              <div class="table-scroll">
                <table aria-labelledby="zustellung">
                  <caption id="zustellung">Zustellstand je eingeladener Person</caption>
                  <thead>
                    <tr>
                      <th scope="col">Land</th>
                      <th scope="col">Person</th>
                      <th scope="col">Adresse</th>
                      <th scope="col">Stand</th>
                      <th scope="col">Aktion</th>
                    </tr>
                  </thead>
                  <tbody>
                    {mails.map((mail) => (
                      <tr>
                        <td>{names.get(mail.invitation.memberId) ?? mail.invitation.memberId}</td>
                        <th scope="row">
                          {mail.invitation.name}
                          <span class="hint">{capacityNames[mail.invitation.capacity]}</span>
                        </th>
                        <td>{mail.invitation.email}</td>
                        <td>
                          <span class={mailStateNames[mail.state].tone}>
                            {mailStateNames[mail.state].text}
                          </span>
                          {mail.kind ? <span class="hint">{mailKindNames[mail.kind]}</span> : null}
                          {mail.failure ? (
                            <span class="hint">Meldung des Mailservers: {mail.failure}</span>
                          ) : null}
                        </td>
                        <td>
                          {mail.retryId ? (
                            <PostForm
                              user={ctx.user}
                              action={`/console/sessions/${session.id}/mails/${mail.retryId}/retry`}
                              class="inline"
                            >
                              <button type="submit" class="secondary">
                                Erneut senden
                                <span class="visually-hidden"> an {mail.invitation.name}</span>
                              </button>
                            </PostForm>
                          ) : null}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          )}
        </>,
      );
    },
  ),
  consoleRoute(
    {
      method: 'post',
      path: '/console/sessions/{sessionId}/mails/{outboxId}/retry',
      operationId: 'consoleMailRetry',
      summary: 'Eine fehlgeschlagene Mail erneut senden',
      access: 'staff',
    },
    async (c, ctx) => {
      const sessionId = c.req.param('sessionId') ?? '';
      await retrySessionMail(deps, ctx.actor, sessionId, c.req.param('outboxId') ?? '');
      return seeOther(c, `/console/sessions/${sessionId}/mails`, 'erneut');
    },
  ),
];
