import type { Member } from '../../../shared/domain/body.js';
import { can, requirePermission } from '../../../shared/domain/policy.js';
import {
  decide,
  type Resolution,
  type VoteGridInput,
  type VoteValue,
  VoteValueSchema,
} from '../../../shared/domain/resolution.js';
import { recordVoteGrid } from '../../../shared/use-cases/resolutions-grid.js';
import type { AppDeps } from '../app.js';
import { readForm } from '../routes/link-pages.js';
import { inMemberOrder, Notice, PostForm } from './components.js';
import { type ConsoleRoute, consoleRoute, noticeOf, seeOther } from './console-route.js';
import {
  DecisionNav,
  loadDecisions,
  ResolutionStateBadge,
  requireSameVersion,
  resultText,
  ruleName,
  SessionHeading,
  voteNames,
} from './resolutions.js';

const voteValues = VoteValueSchema.options;

/** The form field of one cell: a member's vote on a resolution. */
const cellName = (resolutionId: string, memberId: string) => `stimme-${resolutionId}-${memberId}`;

/** A short column heading: "Beschluss 1" with the title for screen readers and print. */
const columnLabel = (index: number) => `Beschluss ${index + 1}`;

const Summary = ({
  resolution,
  members,
  rule,
}: {
  resolution: Resolution;
  members: readonly Member[];
  rule: Parameters<typeof decide>[0];
}) => {
  const decided = resultText(resolution, rule);
  if (decided !== undefined) return <span>{decided}</span>;
  const votes = Object.fromEntries(
    Object.entries(resolution.votes).map(([memberId, cast]) => [memberId, cast.vote]),
  );
  const now = decide(rule, members, votes);
  const counted = `${now.tally.yes} Ja, ${now.tally.no} Nein, ${now.tally.abstain} Enthaltung`;
  const reached =
    rule.kind === 'unanimity'
      ? now.outcome === 'passed'
        ? 'Einstimmigkeit erreicht'
        : 'Einstimmigkeit nicht erreicht'
      : now.outcome === 'passed'
        ? 'Mehrheit erreicht'
        : 'Mehrheit nicht erreicht';
  return (
    <span>
      {counted}; {now.tally.absent} ohne Stimme. <strong>{reached}</strong>
    </span>
  );
};

const notices = { gespeichert: 'Die Stimmen sind gespeichert.' };

/** Resolutions per part of the grid: 17 members × 6 columns keep a page well under 60 KB. */
const perPart = 6;

/**
 * The vote grid of a session: members × resolutions in one form, saved
 * with one submit through the vote grid use case.
 */
export const voteRoutes = (deps: AppDeps): ConsoleRoute[] => [
  consoleRoute(
    {
      method: 'get',
      path: '/console/sessions/{sessionId}/votes',
      operationId: 'consoleVoteGrid',
      summary: 'Abstimmung: Mitglieder × Beschlüsse in einem Formular',
      access: 'staff',
    },
    async (c, ctx) => {
      const { session, body, resolutions } = await loadDecisions(
        deps,
        ctx.actor,
        c.req.param('sessionId') ?? '',
      );
      const all = resolutions.filter((r) => r.procedureId === undefined);
      // Many resolutions are shown in parts of `perPart` columns, so a page stays small.
      const parts = Math.max(1, Math.ceil(all.length / perPart));
      const part = Math.min(
        parts,
        Math.max(1, Number.parseInt(c.req.query('teil') ?? '1', 10) || 1),
      );
      const start = (part - 1) * perPart;
      const columns = all.slice(start, start + perPart);
      const manage = can(ctx.user.principal, 'resolutions:manage', session.bodyId);
      const open = manage && columns.some((r) => r.state === 'draft');
      const grid = (
        <div class="table-scroll vote-grid-wrap">
          <table class="vote-grid" aria-labelledby="abstimmung-titel">
            <thead>
              <tr>
                <th scope="col">Mitglied</th>
                {columns.map((resolution, index) => (
                  <th scope="col" id={`spalte-${resolution.id}`}>
                    {columnLabel(start + index)}
                    <span class="column-title">{resolution.title}</span>
                    <ResolutionStateBadge state={resolution.state} />
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {body.members.toSorted(inMemberOrder).map((member) => (
                <tr>
                  <th scope="row" id={`zeile-${member.memberId}`}>
                    {member.name}
                    {member.voting ? null : <span class="hint">Gast ohne Stimmrecht</span>}
                  </th>
                  {columns.map((resolution, index) => {
                    const cast = resolution.votes[member.memberId];
                    if (!member.voting) return <td class="no-vote">ohne Stimme</td>;
                    if (resolution.state !== 'draft' || !manage) {
                      return <td>{cast === undefined ? '–' : voteNames[cast.vote]}</td>;
                    }
                    const id = cellName(resolution.id, member.memberId);
                    return (
                      <td>
                        <label for={id} class="visually-hidden">
                          Stimme {member.name} zu {columnLabel(start + index)}
                        </label>
                        <select id={id} name={id}>
                          <option value="" selected={cast === undefined}>
                            – offen –
                          </option>
                          {voteValues.map((value) => (
                            <option value={value} selected={cast?.vote === value}>
                              {voteNames[value]}
                            </option>
                          ))}
                        </select>
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">Zwischenstand</th>
                {columns.map((resolution) => (
                  <td>
                    <Summary
                      resolution={resolution}
                      members={body.members}
                      rule={body.decisionRule}
                    />
                  </td>
                ))}
              </tr>
              {open ? (
                <tr class="decide-row">
                  <th scope="row">Nach dem Speichern beschließen</th>
                  {columns.map((resolution, index) =>
                    resolution.state === 'draft' ? (
                      <td>
                        <input
                          type="hidden"
                          name={`version-${resolution.id}`}
                          value={String(resolution.version)}
                        />
                        <label class="choice" for={`beschliessen-${resolution.id}`}>
                          <input
                            type="checkbox"
                            id={`beschliessen-${resolution.id}`}
                            name="beschliessen"
                            value={resolution.id}
                          />{' '}
                          {columnLabel(start + index)} beschließen
                        </label>
                      </td>
                    ) : (
                      <td>–</td>
                    ),
                  )}
                </tr>
              ) : null}
            </tfoot>
          </table>
        </div>
      );
      return ctx.page(
        { title: `Abstimmung: ${session.title}`, section: 'bodies' },
        <>
          <SessionHeading session={session} title="Abstimmung" />
          <DecisionNav sessionId={session.id} current="votes" />
          <Notice text={noticeOf(c, notices)} />
          <h2 id="abstimmung-titel">
            Stimmen der Mitglieder zu den Beschlüssen ({ruleName(body.decisionRule)})
          </h2>
          {columns.length === 0 ? (
            <p>
              Es gibt noch keine Beschlüsse.{' '}
              <a href={`/console/sessions/${session.id}/resolutions`}>Beschluss anlegen</a>
            </p>
          ) : (
            <>
              {parts > 1 ? (
                <nav aria-label="Teile des Abstimmungsrasters">
                  <ul class="pagination">
                    {Array.from({ length: parts }, (_, i) => (
                      <li>
                        <a
                          href={`/console/sessions/${session.id}/votes?teil=${i + 1}`}
                          aria-current={i + 1 === part ? 'page' : undefined}
                        >
                          Beschlüsse {i * perPart + 1}–{Math.min(all.length, (i + 1) * perPart)}
                        </a>
                      </li>
                    ))}
                  </ul>
                </nav>
              ) : null}
              <ol class="column-key" start={start + 1}>
                {columns.map((resolution) => (
                  <li>{resolution.title}</li>
                ))}
              </ol>
              {open ? (
                <PostForm user={ctx.user} action={`/console/sessions/${session.id}/votes`}>
                  <input type="hidden" name="teil" value={String(part)} />
                  <p class="hint">
                    Mit der Tabulatortaste gelangen Sie Zeile für Zeile von Feld zu Feld; die
                    Pfeiltasten wählen die Stimme. Leer gelassene Felder bleiben offen.
                  </p>
                  {grid}
                  <div class="actions">
                    <button type="submit">Stimmen speichern</button>
                  </div>
                </PostForm>
              ) : (
                grid
              )}
            </>
          )}
        </>,
      );
    },
  ),
  consoleRoute(
    {
      method: 'post',
      path: '/console/sessions/{sessionId}/votes',
      operationId: 'consoleRecordVoteGrid',
      summary: 'Stimmen des Abstimmungsrasters in einem Schritt speichern',
      access: 'staff',
    },
    async (c, ctx) => {
      const form = await readForm(c);
      const { session, body, resolutions } = await loadDecisions(
        deps,
        ctx.actor,
        c.req.param('sessionId') ?? '',
      );
      requirePermission(ctx.user.principal, 'resolutions:manage', session.bodyId);
      const decideNow = new Set(form.all('beschliessen'));
      const rows: VoteGridInput['rows'] = [];
      for (const resolution of resolutions) {
        if (resolution.state !== 'draft' || resolution.procedureId !== undefined) continue;
        const sent = form(`version-${resolution.id}`);
        // A row the form did not show (a resolution added meanwhile) is left alone.
        if (sent === undefined) continue;
        requireSameVersion(resolution, sent);
        const votes = body.members.flatMap((member) => {
          const value = form(cellName(resolution.id, member.memberId));
          return member.voting && value !== undefined && voteValues.includes(value as VoteValue)
            ? [{ memberId: member.memberId, vote: value as VoteValue }]
            : [];
        });
        const changed = votes.filter(
          ({ memberId, vote }) => resolution.votes[memberId]?.vote !== vote,
        );
        const decideRow = decideNow.has(resolution.id);
        if (changed.length > 0 || decideRow) {
          rows.push({ resolutionId: resolution.id, votes: changed, decide: decideRow });
        }
      }
      if (rows.length > 0) await recordVoteGrid(deps, ctx.actor, session.id, { rows });
      const part = /^\d{1,3}$/.test(form('teil') ?? '') ? `?teil=${form('teil')}` : '';
      return seeOther(c, `/console/sessions/${session.id}/votes${part}`, 'gespeichert');
    },
  ),
];
