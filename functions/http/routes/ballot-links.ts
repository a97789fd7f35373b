import { UnprocessableError } from '../../../shared/domain/errors.js';
import { resolutionLimits } from '../../../shared/domain/resolution.js';
import {
  openBallotLink,
  ProcedureClosedError,
  recordBallot,
  StatementTooLongError,
} from '../../../shared/use-cases/written-procedures.js';
import type { AppDeps } from '../app.js';
import { ballotPage } from '../pages/ballot-page.js';
import { type Route, route } from '../route.js';
import {
  htmlPage,
  linkDeps,
  openLinkPageRoute,
  readForm,
  refused,
  TokenParams,
} from './link-pages.js';

/**
 * The personal pages behind a written procedure's links: public, HTML, and
 * served by the documents function with the invitation answer pages.
 */
export const ballotLinkRoutes = (deps: AppDeps): Route[] => [
  openLinkPageRoute({
    path: '/links/ballots/{token}',
    operationId: 'openBallotPage',
    summary: "The personal page of a written procedure's ballot (opening it changes nothing)",
    tags: ['written procedures'],
    choices: ['zustimmung', 'ablehnung', 'enthaltung'],
    open: async (token) => openBallotLink(await linkDeps(deps), token),
    page: (opened, choice, action) => ballotPage({ ...opened, choice, action }),
  }),
  route(
    {
      method: 'post',
      path: '/links/ballots/{token}',
      operationId: 'submitBallot',
      summary:
        'Record the answer from the ballot page (form fields: vote-<resolutionId> = yes|no|abstain, statement-<resolutionId>)',
      description:
        'Every proposal must be answered. The same answer again changes nothing; a different one replaces it until the procedure closes.',
      tags: ['written procedures'],
      access: 'public',
      params: TokenParams,
      responses: {
        200: { description: 'German HTML page confirming the answer', ...htmlPage },
        400: { description: 'Not a form' },
        409: { description: 'The procedure is closed (HTML page)' },
        422: { description: 'A proposal unanswered (HTML page)' },
      },
    },
    async (c, { params }) => {
      const links = await linkDeps(deps);
      let opened: Awaited<ReturnType<typeof openBallotLink>>;
      try {
        opened = await openBallotLink(links, params.token);
      } catch (error) {
        return refused(c, error);
      }
      const field = await readForm(c);
      const action = `/links/ballots/${params.token}`;
      c.header('Cache-Control', 'no-store');
      const votes: Record<string, 'yes' | 'no' | 'abstain'> = {};
      const statements: Record<string, string> = {};
      for (const resolution of opened.resolutions) {
        const vote = field(`vote-${resolution.id}`);
        if (vote === 'yes' || vote === 'no' || vote === 'abstain') votes[resolution.id] = vote;
        const statement = field(`statement-${resolution.id}`);
        if (statement !== undefined) statements[resolution.id] = statement;
      }
      try {
        const { ballot } = await recordBallot(
          links,
          { procedureId: opened.procedure.id, ballotId: opened.ballot.id },
          { votes, statements },
          'link',
          opened.ballot.email,
        );
        const after = await openBallotLink(links, params.token);
        return c.html(
          ballotPage({
            ...after,
            ballot,
            choice: undefined,
            action,
            message: 'Vielen Dank, Ihre Antwort ist gespeichert.',
          }),
        );
      } catch (error) {
        if (error instanceof ProcedureClosedError) {
          return c.html(ballotPage({ ...opened, open: false, choice: undefined, action }), 409);
        }
        if (error instanceof UnprocessableError) {
          return c.html(
            ballotPage({
              ...opened,
              choice: undefined,
              action,
              message:
                error instanceof StatementTooLongError
                  ? `Eine Protokollerklärung darf höchstens ${resolutionLimits.statementLength.toLocaleString('de-DE')} Zeichen lang sein; Ihre Antwort ist nicht gespeichert.`
                  : 'Bitte beantworten Sie jeden Beschlussvorschlag.',
            }),
            422,
          );
        }
        throw error;
      }
    },
  ),
];
