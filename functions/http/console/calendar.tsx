import { dateTimeFormat } from '../../../shared/domain/date-format.js';
import type { Session } from '../../../shared/domain/session.js';
import { listSessions } from '../../../shared/use-cases/sessions.js';
import type { AppDeps } from '../app.js';
import {
  berlinDay,
  germanDay,
  type Month,
  monthKey,
  monthName,
  monthOf,
  monthWeeks,
  parseMonth,
  shiftMonth,
} from './berlin-dates.js';
import { sessionStateNames } from './components.js';
import { type ConsoleRoute, consoleRoute } from './console-route.js';

const weekdays = [
  ['Mo', 'Montag'],
  ['Di', 'Dienstag'],
  ['Mi', 'Mittwoch'],
  ['Do', 'Donnerstag'],
  ['Fr', 'Freitag'],
  ['Sa', 'Samstag'],
  ['So', 'Sonntag'],
] as const;

const timeOf = (at: string, timeZone: string) =>
  dateTimeFormat('de-DE', { timeZone, hour: '2-digit', minute: '2-digit' }).format(new Date(at));

/** The instants a month's grid spans, a day wider on each side for the time zone. */
const rangeOf = (weeks: string[][]) => {
  const first = weeks[0]?.[0] ?? '2000-01-01';
  const last = weeks.at(-1)?.at(-1) ?? first;
  const from = new Date(`${first}T00:00:00Z`).getTime() - 86_400_000;
  const to = new Date(`${last}T23:59:59Z`).getTime() + 86_400_000;
  return { from: new Date(from).toISOString(), to: new Date(to).toISOString() };
};

const DayCell = (props: { day: string; month: Month; today: string; sessions: Session[] }) => {
  const inMonth = props.day.slice(0, 7) === monthKey(props.month);
  const isToday = props.day === props.today;
  const classes = [inMonth ? '' : 'other-month', isToday ? 'today' : ''].filter(Boolean).join(' ');
  return (
    <td class={classes || undefined} aria-current={isToday ? 'date' : undefined}>
      <span class="day-number">
        <span aria-hidden="true">{Number(props.day.slice(8, 10))}</span>
        <span class="visually-hidden">{germanDay(props.day)}</span>
        {isToday ? <span class="today-label"> (heute)</span> : null}
      </span>
      {props.sessions.length === 0 ? null : (
        <ul class="day-sessions">
          {props.sessions.map((session) => (
            <li>
              <a href={`/console/sessions/${session.id}`}>
                {timeOf(session.startsAt, session.timeZone)} Uhr: {session.title}
              </a>{' '}
              <span class="hint">({sessionStateNames[session.state]})</span>
            </li>
          ))}
        </ul>
      )}
    </td>
  );
};

/** The month calendar of the sessions of one's bodies: `/console/calendar?monat=2027-03`. */
export const calendarRoutes = (deps: AppDeps): ConsoleRoute[] => [
  consoleRoute(
    {
      method: 'get',
      path: '/console/calendar',
      operationId: 'consoleCalendar',
      summary: 'Monatskalender der Sitzungen der eigenen Gremien',
      access: 'staff',
    },
    async (c, ctx) => {
      const now = deps.clock.now();
      const month = parseMonth(c.req.query('monat')) ?? monthOf(now);
      const weeks = monthWeeks(month);
      const { items } = await listSessions(deps, ctx.actor, { ...rangeOf(weeks), limit: 100 });
      const byDay = new Map<string, Session[]>();
      for (const session of items) {
        const day = berlinDay(session.startsAt);
        byDay.set(day, [...(byDay.get(day) ?? []), session]);
      }
      const [previous, next] = [shiftMonth(month, -1), shiftMonth(month, 1)];
      const title = `Kalender ${monthName(month)}`;
      return ctx.page(
        { title, section: 'overview' },
        <>
          <h1 id="kalender">{title}</h1>
          <nav aria-label="Monate" class="actions">
            <a href={`/console/calendar?monat=${monthKey(previous)}`}>
              ← Vormonat<span class="visually-hidden"> ({monthName(previous)})</span>
            </a>
            <a href={`/console/calendar?monat=${monthKey(monthOf(now))}`}>Aktueller Monat</a>
            <a href={`/console/calendar?monat=${monthKey(next)}`}>
              Folgemonat<span class="visually-hidden"> ({monthName(next)})</span> →
            </a>
            <a href="/console">Zur Übersicht</a>
          </nav>
          <div class="table-scroll">
            <table class="calendar" aria-labelledby="kalender">
              <thead>
                <tr>
                  {weekdays.map(([short, long]) => (
                    <th scope="col">
                      <abbr title={long}>{short}</abbr>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {weeks.map((week) => (
                  <tr>
                    {week.map((day) => (
                      <DayCell
                        day={day}
                        month={month}
                        today={berlinDay(now)}
                        sessions={byDay.get(day) ?? []}
                      />
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p class="hint">Alle Zeiten in deutscher Zeit (Europe/Berlin).</p>
        </>,
      );
    },
  ),
];
