import type { Context } from 'hono';
import { html } from 'hono/html';
import * as z from 'zod/mini';
import type { AnswerChannel } from '../../../shared/domain/invitation.js';
import { germanDuration } from '../../../shared/domain/reachability.js';
import { germanDateTime } from '../../../shared/mail/dates.js';
import type { UseCaseDeps } from '../../../shared/use-cases/context.js';
import {
  getReachability,
  type ReachabilityReport,
} from '../../../shared/use-cases/reachability.js';
import type { AppEnv } from '../app-env.js';
import { actorOf } from '../conditional.js';
import { pageOf } from '../pages/answer-page.js';
import { type Route, route } from '../route.js';
import { SessionParams } from './params.js';

/** "1 Minute", "15 Minuten". */
const minutesText = (minutes: number) => (minutes === 1 ? '1 Minute' : `${minutes} Minuten`);

const tags = ['sessions'] as const;

const ReachabilityQuery = z.strictObject({
  /** Who answered later than this many minutes counts as not reached (default 15). */
  within: z._default(
    z.pipe(
      z.string().check(z.regex(/^\d{1,4}$/, 'a whole number of minutes from 1 to 1440')),
      z.pipe(z.transform(Number), z.number().check(z.int(), z.gte(1), z.lte(1440))),
    ),
    15,
  ),
});

const channelNames: Record<AnswerChannel, string> = {
  link: 'Link in der E-Mail',
  mail: 'Antwort per E-Mail',
  calendar: 'Kalender',
  secretariat: 'über die Geschäftsstelle',
};

const capacityNames = {
  principal: 'Hausleitung',
  deputy: 'Vertretung',
  office_contact: 'Büro',
} as const;

const duration = (seconds: number | undefined) =>
  seconds === undefined ? 'keine Antwort' : germanDuration(seconds);

/** The report as the German page the secretariat reads after a drill. */
export const reachabilityPage = (report: ReachabilityReport) => {
  const { summary, session } = report;
  const when = (at: string) => germanDateTime(at, session.timeZone);
  return pageOf(session.exercise)(
    `Erreichbarkeit: ${session.title}`,
    html`<h1>Erreichbarkeit: ${session.title}</h1>
<p>${report.bodyName}<br>Beginn: ${when(session.startsAt)}<br>Als erreicht gilt, wer innerhalb von ${minutesText(report.withinMinutes)} geantwortet hat.</p>
<h2>Überblick</h2>
<ul>
<li>Geantwortet haben ${summary.answered} von ${summary.invited} Mitgliedern.</li>
<li>Median bis zur Antwort: ${duration(summary.medianSeconds)}</li>
${summary.slowest ? html`<li>Am längsten brauchte: ${summary.slowest.name} (${germanDuration(summary.slowest.seconds)})</li>` : ''}
<li>Nicht innerhalb von ${minutesText(report.withinMinutes)} erreicht: ${summary.notReached.length === 0 ? 'niemand' : summary.notReached.map((member) => member.name).join(', ')}</li>
</ul>
<h2>Nach Mitglied</h2>
<table>
<thead><tr><th scope="col">Mitglied</th><th scope="col">Erste Antwort von</th><th scope="col">Weg</th><th scope="col">Zeit bis zur Antwort</th><th scope="col">Erreicht</th></tr></thead>
<tbody>${report.members.map(
      (member) =>
        html`<tr><th scope="row">${member.name}</th><td>${member.answeredBy ? `${member.answeredBy.name} (${capacityNames[member.answeredBy.capacity]})` : '–'}</td><td>${member.channel ? channelNames[member.channel] : '–'}</td><td>${duration(member.seconds)}</td><td>${member.reached ? 'ja' : 'nein'}</td></tr>`,
    )}</tbody>
</table>
<h2>Nach Person</h2>
<table>
<thead><tr><th scope="col">Person</th><th scope="col">Als</th><th scope="col">E-Mail versandt</th><th scope="col">Antwort</th><th scope="col">Weg</th><th scope="col">Zeit</th></tr></thead>
<tbody>${report.people.map(
      (person) =>
        html`<tr><th scope="row">${person.name}</th><td>${capacityNames[person.capacity]}</td><td>${when(person.sentAt)}</td><td>${person.answeredAt ? when(person.answeredAt) : '–'}</td><td>${person.channel ? channelNames[person.channel] : '–'}</td><td>${duration(person.seconds)}</td></tr>`,
    )}</tbody>
</table>
<h2>Vergleich mit früheren Übungen</h2>
${
  report.earlier.length === 0
    ? html`<p>Das Gremium hat noch keine frühere Übung.</p>`
    : html`<table>
<thead><tr><th scope="col">Übung</th><th scope="col">Geantwortet</th><th scope="col">Median</th><th scope="col">Nicht erreicht</th></tr></thead>
<tbody><tr><th scope="row">diese: ${session.title}</th><td>${summary.answered} von ${summary.invited}</td><td>${duration(summary.medianSeconds)}</td><td>${summary.notReached.length}</td></tr>
${report.earlier.map(
  (drill) =>
    html`<tr><th scope="row">${drill.title} (${when(drill.startsAt)})</th><td>${drill.summary.answered} von ${drill.summary.invited}</td><td>${duration(drill.summary.medianSeconds)}</td><td>${drill.summary.notReached.length}</td></tr>`,
)}</tbody>
</table>`
}`,
  );
};

/** One CSV field: quoted, and never read as a formula by a spreadsheet. */
const field = (value: string | number | undefined) => {
  const text = value === undefined ? '' : String(value);
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return `"${safe.replaceAll('"', '""')}"`;
};

/**
 * The report as CSV for a spreadsheet: one row per person, German headers,
 * semicolons (as German spreadsheets expect), CRLF line ends.
 */
export const reachabilityCsv = (report: ReachabilityReport): string => {
  const members = new Map(report.members.map((member) => [member.memberId, member]));
  const header = [
    'Mitglied',
    'Person',
    'Als',
    'E-Mail versandt',
    'Antwort',
    'Weg',
    'Sekunden bis zur Antwort',
    `Innerhalb von ${minutesText(report.withinMinutes)}`,
    'Übung',
  ];
  const rows = report.people.map((person) => [
    members.get(person.memberId)?.name ?? person.memberId,
    person.name,
    capacityNames[person.capacity],
    person.sentAt,
    person.answeredAt,
    person.channel === undefined ? undefined : channelNames[person.channel],
    person.seconds,
    person.reached ? 'ja' : 'nein',
    report.session.exercise ? 'ja' : 'nein',
  ]);
  return `${[header, ...rows].map((row) => row.map(field).join(';')).join('\r\n')}\r\n`;
};

const wants = (c: Context<AppEnv>, type: string) => {
  const accept = (c.req.header('accept') ?? '').toLowerCase();
  const at = accept.indexOf(type);
  const json = accept.indexOf('application/json');
  return at !== -1 && (json === -1 || at < json);
};

const csvAnswer = (c: Context<AppEnv>, report: ReachabilityReport) => {
  c.header('Content-Disposition', `attachment; filename="erreichbarkeit-${report.session.id}.csv"`);
  return c.body(reachabilityCsv(report), 200, { 'Content-Type': 'text/csv; charset=utf-8' });
};

const SummarySchema = z.object({
  invited: z.number(),
  answered: z.number(),
  medianSeconds: z.optional(z.number()),
  slowest: z.optional(z.object({ memberId: z.string(), name: z.string(), seconds: z.number() })),
  notReached: z.array(z.object({ memberId: z.string(), name: z.string() })),
  byChannel: z.record(z.string(), z.object({ count: z.number(), medianSeconds: z.number() })),
});

const ReportSchema = z.object({
  session: z.object({
    id: z.string(),
    bodyId: z.string(),
    title: z.string(),
    startsAt: z.string(),
    timeZone: z.string(),
    exercise: z.boolean(),
  }),
  bodyName: z.string(),
  withinMinutes: z.number(),
  members: z.array(
    z.object({
      memberId: z.string(),
      name: z.string(),
      voting: z.boolean(),
      firstSentAt: z.string(),
      answeredAt: z.optional(z.string()),
      answeredBy: z.optional(z.object({ name: z.string(), capacity: z.string() })),
      channel: z.optional(z.string()),
      seconds: z.optional(z.number()),
      reached: z.boolean(),
    }),
  ),
  people: z.array(
    z.object({
      memberId: z.string(),
      name: z.string(),
      capacity: z.string(),
      sentAt: z.string(),
      answeredAt: z.optional(z.string()),
      channel: z.optional(z.string()),
      seconds: z.optional(z.number()),
      reached: z.boolean(),
    }),
  ),
  summary: SummarySchema,
  earlier: z.array(
    z.object({
      sessionId: z.string(),
      title: z.string(),
      startsAt: z.string(),
      summary: SummarySchema,
    }),
  ),
});

const example = {
  session: {
    id: '01JDEMOSESSION000000000000',
    bodyId: 'imas-th',
    title: 'Stabsrahmenübung Stromausfall',
    startsAt: '2027-05-10T07:00:00.000Z',
    timeZone: 'Europe/Berlin',
    exercise: true,
  },
  bodyName: 'Interministerieller Arbeitsstab für Notfalllagen Thüringen',
  withinMinutes: 15,
  members: [
    {
      memberId: 'th-tsk',
      name: 'Thüringer Staatskanzlei',
      voting: true,
      firstSentAt: '2027-05-10T06:00:02.000Z',
      answeredAt: '2027-05-10T06:04:02.000Z',
      answeredBy: { name: 'Dr. Katrin Adler', capacity: 'principal' },
      channel: 'link',
      seconds: 240,
      reached: true,
    },
  ],
  people: [],
  summary: {
    invited: 9,
    answered: 8,
    medianSeconds: 300,
    slowest: {
      memberId: 'th-tmdi',
      name: 'Ministerium für Digitales und Infrastruktur',
      seconds: 1500,
    },
    notReached: [{ memberId: 'th-tmdi', name: 'Ministerium für Digitales und Infrastruktur' }],
    byChannel: { link: { count: 7, medianSeconds: 280 } },
  },
  earlier: [],
};

/** The reachability report of a session: JSON, German HTML or CSV. */
export const reachabilityRoutes = (deps: UseCaseDeps): Route[] => [
  route(
    {
      method: 'get',
      path: '/v1/sessions/{sessionId}/reachability',
      operationId: 'getReachability',
      summary: 'Who was reached when: the reachability report of a drill or crisis session',
      description:
        'Per member and person the time from the invitation mail leaving to the answer, by channel; the median, the slowest member, who was not reached within `within` minutes (default 15), and the body’s earlier exercises. `Accept: text/html` gives the German page, `Accept: text/csv` the spreadsheet.',
      tags,
      access: ['admin', 'secretariat', 'chair'],
      params: SessionParams,
      query: ReachabilityQuery,
      responses: {
        200: { description: 'The report', schema: ReportSchema, example },
        404: { description: 'No such session' },
      },
    },
    async (c, { params, query }) => {
      const report = await getReachability(deps, actorOf(c), params.sessionId, query.within);
      c.header('Vary', 'Accept');
      if (wants(c, 'text/csv')) return csvAnswer(c, report);
      if (wants(c, 'text/html')) return c.html(reachabilityPage(report));
      return c.json(report);
    },
  ),
  route(
    {
      method: 'get',
      path: '/v1/sessions/{sessionId}/reachability.csv',
      operationId: 'getReachabilityCsv',
      summary: 'The reachability report as CSV, one row per person',
      tags,
      access: ['admin', 'secretariat', 'chair'],
      params: SessionParams,
      query: ReachabilityQuery,
      responses: {
        200: {
          description: 'CSV with German headers, separated by semicolons',
          contentType: 'text/csv',
          schema: z.string(),
          example:
            '"Mitglied";"Person";"Als";"E-Mail versandt";"Antwort";"Weg";"Sekunden bis zur Antwort";"Innerhalb von 15 Minuten";"Übung"\r\n',
        },
        404: { description: 'No such session' },
      },
    },
    async (c, { params, query }) =>
      csvAnswer(c, await getReachability(deps, actorOf(c), params.sessionId, query.within)),
  ),
];
