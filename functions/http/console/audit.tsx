import { type AuditEntry, AuditObjectTypeSchema } from '../../../shared/domain/audit.js';
import type { Staff } from '../../../shared/domain/staff.js';
import { listAgenda } from '../../../shared/use-cases/agenda.js';
import { listAudit } from '../../../shared/use-cases/audit.js';
import { getBody, getMember, listChairPeriods } from '../../../shared/use-cases/bodies.js';
import { getSession } from '../../../shared/use-cases/sessions.js';
import type { AppDeps } from '../app.js';
import { germanAt } from './berlin-dates.js';
import { type ConsoleRoute, consoleRoute } from './console-route.js';

/**
 * What each recorded action did, as the rest of a German sentence after
 * "… hat am 3. März 2027 um 10:12 Uhr": `{object}` stands for the object
 * ("TOP 3", "die Sitzung"). Every action the product records has its text;
 * a unit test holds this list against the use cases.
 */
export const auditPhrases: Record<string, string> = {
  'body.create': 'das Gremium angelegt',
  'body.update': 'die Einstellungen des Gremiums geändert',
  'member.create': 'das Mitglied{name} aufgenommen',
  'member.update': 'die Angaben oder Personen des Mitglieds{name} geändert',
  'member.delete': 'das Mitglied{name} entfernt',
  'chair-period.create': 'einen Vorsitzzeitraum eingetragen',
  'session.create': 'die Sitzung angelegt',
  'session.update': 'die Angaben der Sitzung geändert',
  'session.invited': 'die Einladungen zur Sitzung versandt',
  'session.invitations-sent': 'weitere Einladungen zur Sitzung versandt',
  'session.reminders-sent': 'an die Rückmeldung zur Sitzung erinnert',
  'session.in_session': 'die Sitzung eröffnet',
  'session.concluded': 'die Sitzung abgeschlossen',
  'session.cancelled': 'die Sitzung abgesagt',
  'session.agenda-approved': 'die Tagesordnung freigegeben',
  'protocol.approve': 'die Ergebnisniederschrift der Sitzung freigegeben',
  'session.escalated':
    'die Einladung an Mitglieder ohne Antwort weitergegeben, an ihre Vertretungen oder Büros',
  'session.mail-retried': 'eine nicht zugestellte Einladung erneut versandt',
  'session.agenda-approval-outdated':
    'die Tagesordnung nach ihrer Freigabe geändert; der Vorsitz gibt sie erneut frei',
  'agenda-item.create': '{object} angelegt',
  'agenda-item.update': '{object} geändert',
  'agenda-item.delete': '{object} gestrichen',
  'agenda-item.move': '{object} verschoben',
  'invitation.accepted': 'die Teilnahme an der Sitzung zugesagt',
  'invitation.declined': 'die Teilnahme an der Sitzung abgesagt',
  'invitation.tentative': 'die Teilnahme an der Sitzung unter Vorbehalt zugesagt',
  'invitation.represented': 'für die Sitzung eine Vertretung benannt',
  'invitation.bounced': 'vermerkt, dass eine Einladung nicht zugestellt werden konnte',
  'invitation.complained': 'vermerkt, dass eine Einladung als unerwünscht gemeldet wurde',
  'invitation.deputy-confirmed': 'eine benannte Vertretung bestätigt',
  'invitation.revoked': 'eine Einladung zurückgenommen',
  'resolution.create': 'den Beschlussvorschlag angelegt',
  'resolution.update': 'den Beschlussvorschlag geändert',
  'resolution.votes': 'Stimmen zum Beschluss erfasst',
  'resolution.decide': 'das Ergebnis des Beschlusses festgestellt',
  'resolution.statement': 'eine Protokollerklärung zum Beschluss erfasst',
  'resolution.correct': 'den Beschluss berichtigt',
  'resolution.release-proposed': 'die Freigabe des Beschlusses vorgeschlagen',
  'resolution.release-settled': 'das Freigabeverfahren des Beschlusses abgeschlossen',
  'written-procedure.start': 'das Umlaufverfahren eingeleitet',
  'written-procedure.answer': 'im Umlaufverfahren abgestimmt',
  'written-procedure.remind': 'an das Umlaufverfahren erinnert',
  'written-procedure.close': 'das Umlaufverfahren abgeschlossen',
  'press-release.create': 'die Pressemitteilung entworfen',
  'press-release.update': 'die Pressemitteilung überarbeitet',
  'press-release.submit': 'die Pressemitteilung zur Freigabe eingereicht',
  'press-release.approve': 'die Pressemitteilung freigegeben',
  'press-release.return': 'die Pressemitteilung zur Überarbeitung zurückgegeben',
  'press-release.publish': 'die Pressemitteilung veröffentlicht',
  'press-release.published': 'die Pressemitteilung zur Sperrfrist veröffentlicht',
  'press-release.withdraw': 'die Pressemitteilung zurückgezogen',
  'press-release.correct': 'eine Berichtigung der Pressemitteilung entworfen',
  'press-release.correction-submitted': 'eine Berichtigung der Pressemitteilung eingereicht',
  'press-release.correction-approved': 'die Berichtigung der Pressemitteilung freigegeben',
  'subscriber.subscribe': 'sich für die Presseliste angemeldet',
  'subscriber.confirmed': 'die Anmeldung zur Presseliste bestätigt',
  'subscriber.unsubscribed': 'sich von der Presseliste abgemeldet',
  'outbox.retry': 'die Mail erneut auf den Weg gebracht',
  'staff.create': 'die Person angelegt und zur Anmeldung eingeladen',
  'staff.update': 'die Angaben oder Rechte der Person geändert',
  'staff.remove': 'die Person entfernt und ihren Zugang gesperrt',
  'staff.sign-out': 'die Person überall abgemeldet',
  'paper.attach': 'die Unterlage beigefügt',
  'paper.new-version': 'eine neue Fassung der Unterlage beigefügt',
  'paper.download': 'die Unterlage heruntergeladen',
  'paper.scan-clean': 'die Unterlage auf Schadsoftware geprüft und freigegeben',
  'paper.scan-failed': 'die Unterlage nicht prüfen können; sie wird nicht verteilt',
  'paper.quarantine': 'in der Unterlage Schadsoftware gefunden und sie gesperrt',
  'paper.keep': 'die Unterlage zur dauerhaften Aufbewahrung bestimmt',
  'paper.release-keep': 'die dauerhafte Aufbewahrung der Unterlage aufgehoben',
  'paper.delete': 'die Unterlage nach Ablauf der Aufbewahrungsfrist gelöscht',
};

/** Actors that are the product itself, not a person. */
const systemActors = new Set(['system', 'admin:create']);

/** The German titles of the audited kinds, for the page heading. */
const kindTitles: Record<string, string> = {
  body: 'Gremium',
  member: 'Mitglied',
  'chair-period': 'Vorsitzzeitraum',
  session: 'Sitzung',
  'agenda-item': 'Tagesordnungspunkt',
  resolution: 'Beschluss',
  'written-procedure': 'Umlaufverfahren',
  'press-release': 'Pressemitteilung',
  subscriber: 'Anmeldung zur Presseliste',
  outbox: 'Mail im Postausgang',
  staff: 'Person',
  paper: 'Unterlage',
};

/** How a sentence names who acted: "Frau Regierungsdirektorin Anna Huber", an address, or "das System". */
export const actorLabel = (actor: string, staff: Staff | undefined): string => {
  if (systemActors.has(actor)) return 'das System';
  if (actor === 'malware-scan') return 'die Virenprüfung';
  if (staff === undefined) return actor;
  return staff.salutation ? `${staff.salutation} ${staff.name}` : staff.name;
};

/**
 * One audit entry as a German sentence.
 *
 * @example
 * ```ts
 * auditSentence(entry, 'Frau Anna Huber', 'TOP 3');
 * // 'Frau Anna Huber hat am 3. März 2027 um 10:12 Uhr TOP 3 verschoben.'
 * ```
 */
export const auditSentence = (entry: AuditEntry, who: string, object = ''): string => {
  const phrase = auditPhrases[entry.action] ?? `die Aktion „${entry.action}“ ausgeführt`;
  // "das System" opens the sentence with a capital; names and addresses stay as they are.
  const subject = who.startsWith('das ') ? `D${who.slice(1)}` : who;
  const what = phrase
    .replace('{object}', object || 'den Tagesordnungspunkt')
    .replace('{name}', object ? ` ${object}` : '');
  return `${subject} hat ${germanAt(entry.at)} ${what}.`;
};

/** Field names as the secretariat speaks of them, for "Geändert: …". */
const fieldNames: Record<string, string> = {
  title: 'Titel',
  name: 'Bezeichnung',
  shortName: 'Kurzname',
  kind: 'Art',
  decisionRule: 'Beschlussregel',
  chairMemberId: 'Vorsitz',
  startsAt: 'Beginn',
  endsAt: 'Ende',
  place: 'Ort',
  videoLink: 'Videolink',
  answerDeadline: 'Rückmeldefrist',
  people: 'Personen',
  voting: 'Stimmrecht',
  grants: 'Rechte',
  state: 'Stand',
  position: 'Reihenfolge',
  number: 'Nummer',
  public: 'Öffentlichkeit',
  text: 'Text',
  votes: 'Stimmen',
  agendaApproval: 'Freigabe der Tagesordnung',
};

/** The audit trail of one object as sentences: `/console/audit/{kind}/{id}`. */
export const auditRoutes = (deps: AppDeps): ConsoleRoute[] => [
  consoleRoute(
    {
      method: 'get',
      path: '/console/audit/{kind}/{id}',
      operationId: 'consoleAudit',
      summary: 'Änderungsverlauf eines Objekts in ganzen Sätzen',
      access: 'staff',
    },
    async (c, ctx) => {
      const kind = c.req.param('kind') ?? '';
      const id = decodeURIComponent(c.req.param('id') ?? '');
      const { items } = await listAudit(deps, ctx.actor, `${kind}:${id}`, { limit: 200 });
      // A session's trail includes its agenda items', named by their TOP number.
      const labels = new Map<string, string>();
      let entries = items;
      // What the heading calls the object, and where the page leads back to.
      let subject = id;
      let back: { href: string; label: string } | undefined;
      if (kind === 'body') {
        // A body's trail includes its members' and chair periods'.
        const [body, periods] = await Promise.all([
          getBody(deps, ctx.actor, id),
          listChairPeriods(deps, ctx.actor, id),
        ]);
        const objects = [
          ...body.members.map((member) => `member:${id}/${member.memberId}`),
          ...periods.map((period) => `chair-period:${id}/${period.from}`),
        ];
        const trails = await Promise.all(
          objects.map((object) => listAudit(deps, ctx.actor, object, { limit: 100 })),
        );
        for (const member of body.members) labels.set(`${id}/${member.memberId}`, member.name);
        subject = body.shortName;
        back = { href: `/console/bodies/${id}`, label: body.shortName };
        entries = [...items, ...trails.flatMap((trail) => trail.items)];
      } else if (kind === 'member') {
        const member = await getMember(
          deps,
          ctx.actor,
          id.split('/')[0] ?? '',
          id.split('/')[1] ?? '',
        );
        labels.set(id, member.name);
        subject = `${member.name} (${member.bodyId})`;
        back = {
          href: `/console/bodies/${member.bodyId}/members/${member.memberId}`,
          label: member.name,
        };
      } else if (kind === 'session') {
        const [agenda, session] = await Promise.all([
          listAgenda(deps, ctx.actor, id),
          getSession(deps, ctx.actor, id),
        ]);
        subject = session.title;
        back = { href: `/console/sessions/${id}`, label: session.title };
        const trails = await Promise.all(
          agenda.map((item) =>
            listAudit(deps, ctx.actor, `agenda-item:${item.id}`, { limit: 100 }),
          ),
        );
        for (const item of agenda) labels.set(item.id, `TOP ${item.number}`);
        entries = [...items, ...trails.flatMap((trail) => trail.items)];
      }
      const newest = [...entries].sort((a, b) =>
        a.at === b.at ? b.id.localeCompare(a.id) : b.at.localeCompare(a.at),
      );
      const actors = [...new Set(newest.map((entry) => entry.actor))];
      const found = await Promise.all(
        actors.map((actor) =>
          systemActors.has(actor) || !actor.includes('@')
            ? undefined
            : deps.staff.findStaffByEmail(actor),
        ),
      );
      const staffOf = new Map(actors.map((actor, index) => [actor, found[index]]));
      const title = `Änderungsverlauf: ${kindTitles[kind] ?? kind} ${subject}`;
      return ctx.page(
        { title, section: kind === 'staff' ? 'staff' : 'bodies' },
        <>
          {back === undefined ? null : (
            <p>
              <a href={back.href}>← {back.label}</a>
            </p>
          )}
          <h1>
            Änderungsverlauf{' '}
            <span class="hint">
              {kindTitles[kind] ?? kind} {subject}
            </span>
          </h1>
          {AuditObjectTypeSchema.options.includes(kind as never) && newest.length === 0 ? (
            <p>Für dieses Objekt ist noch nichts verzeichnet.</p>
          ) : (
            <ol class="audit-trail" aria-label="Einträge, neueste zuerst">
              {newest.map((entry) => {
                const changed = entry.changedFields
                  .map((field) => fieldNames[field])
                  .filter((name): name is string => name !== undefined);
                return (
                  <li>
                    {auditSentence(
                      entry,
                      actorLabel(entry.actor, staffOf.get(entry.actor)),
                      labels.get(entry.objectId),
                    )}
                    {entry.action.endsWith('.update') && changed.length > 0 ? (
                      <span class="hint">Geändert: {changed.join(', ')}</span>
                    ) : null}
                  </li>
                );
              })}
            </ol>
          )}
        </>,
      );
    },
  ),
];
