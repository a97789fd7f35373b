import type { Context } from 'hono';
import { ConflictError, UnprocessableError } from '../../../shared/domain/errors.js';
import { renderMessage } from '../../../shared/domain/messages.js';
import { resolutionLimits } from '../../../shared/domain/resolution.js';
import { answerReleaseByLink, openReleaseLink } from '../../../shared/use-cases/resolutions.js';
import type { AppDeps } from '../app.js';
import type { AppEnv } from '../app-env.js';
import { releasePage } from '../pages/release-page.js';
import { type Route, route } from '../route.js';
import {
  htmlPage,
  linkDeps,
  openLinkPageRoute,
  readForm,
  refused,
  TokenParams,
} from './link-pages.js';

/** The release form: the answer, the reports objected to, and a reason. */
const readReleaseForm = async (c: Context<AppEnv>) => {
  const field = await readForm(c);
  return {
    answer: field('answer')?.trim(),
    reason: field('reason')?.trim().slice(0, resolutionLimits.objectionReasonLength),
    reportIds: field.all('reportIds'),
  };
};

/**
 * The pages behind a release mail's links, where a Land consents to or
 * objects against publishing a resolution: public, HTML, served by the
 * documents function.
 */
export const releaseLinkRoutes = (deps: AppDeps): Route[] => [
  openLinkPageRoute({
    path: '/links/releases/{token}',
    operationId: 'openReleasePage',
    summary: "A Land's page to consent to or object against a release (opening it changes nothing)",
    tags: ['resolutions'],
    choices: ['einverstanden', 'widerspruch'],
    open: async (token) => openReleaseLink(await linkDeps(deps), token),
    page: (opened, choice, action) => releasePage({ ...opened, choice, action }),
  }),
  route(
    {
      method: 'post',
      path: '/links/releases/{token}',
      operationId: 'submitReleaseAnswer',
      summary:
        "Record a Land's consent or objection from its release page (form fields: answer = consent|object, reportIds, reason)",
      tags: ['resolutions'],
      access: 'public',
      params: TokenParams,
      responses: {
        200: { description: 'German HTML page confirming the answer', ...htmlPage },
        400: { description: 'Not a form' },
        409: { description: 'The release is already settled (HTML page)' },
        422: { description: 'No answer chosen (HTML page)' },
      },
    },
    async (c, { params }) => {
      const links = await linkDeps(deps);
      let opened: Awaited<ReturnType<typeof openReleaseLink>>;
      try {
        opened = await openReleaseLink(links, params.token);
      } catch (error) {
        return refused(c, error);
      }
      const form = await readReleaseForm(c);
      const action = `/links/releases/${params.token}`;
      c.header('Cache-Control', 'no-store');
      if (form.answer !== 'consent' && form.answer !== 'object') {
        return c.html(
          releasePage({
            ...opened,
            choice: undefined,
            action,
            message: 'Bitte wählen Sie eine Antwort.',
          }),
          422,
        );
      }
      const minister =
        opened.member.people.find((person) => person.capacity === 'principal')?.email ??
        opened.member.memberId;
      try {
        const resolution = await answerReleaseByLink(
          links,
          opened,
          form.answer,
          form.reason,
          minister,
          form.answer === 'object' ? form.reportIds : [],
        );
        return c.html(
          releasePage({
            ...opened,
            resolution,
            open: resolution.release?.settledAt === undefined,
            choice: undefined,
            action,
            message: 'Vielen Dank, Ihre Antwort ist gespeichert.',
          }),
        );
      } catch (error) {
        if (error instanceof ConflictError) {
          return c.html(releasePage({ ...opened, open: false, choice: undefined, action }), 409);
        }
        if (error instanceof UnprocessableError) {
          return c.html(
            releasePage({
              ...opened,
              choice: undefined,
              action,
              message: renderMessage(error.detail, 'de'),
            }),
            422,
          );
        }
        throw error;
      }
    },
  ),
];
