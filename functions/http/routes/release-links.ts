import type { Context } from 'hono';
import { ConflictError, UnprocessableError } from '../../../shared/domain/errors.js';
import { renderMessage } from '../../../shared/domain/messages.js';
import { resolutionLimits } from '../../../shared/domain/resolution.js';
import { answerReleaseByLink, openReleaseLink } from '../../../shared/use-cases/resolutions.js';
import {
  answerSessionReleaseByLink,
  type BatchAnswer,
  type OpenedSessionRelease,
  openSessionReleaseLink,
} from '../../../shared/use-cases/session-release.js';
import type { AppDeps } from '../app.js';
import type { AppEnv } from '../app-env.js';
import { releasePage } from '../pages/release-page.js';
import { batchFields, sessionReleasePage } from '../pages/session-release-page.js';
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

/** The answers of a session-wide release form: one per resolution given a choice. */
const readBatchForm = async (
  c: Context<AppEnv>,
  opened: OpenedSessionRelease,
): Promise<BatchAnswer[]> => {
  const field = await readForm(c);
  return opened.resolutions.flatMap((resolution): BatchAnswer[] => {
    const names = batchFields(resolution.id);
    const answer = field(names.answer)?.trim();
    if (answer !== 'consent' && answer !== 'object') return [];
    return [
      {
        resolutionId: resolution.id,
        answer,
        reason: field(names.reason)?.trim().slice(0, resolutionLimits.objectionReasonLength),
        reportIds: field.all(names.reports),
      },
    ];
  });
};

/** The pages behind a session-wide release mail: one page, a choice per resolution. */
const sessionReleaseLinkRoutes = (deps: AppDeps): Route[] => [
  openLinkPageRoute({
    path: '/links/session-releases/{token}',
    operationId: 'openSessionReleasePage',
    summary:
      "A Land's page to consent to or object against the release of several resolutions of a session (opening it changes nothing)",
    tags: ['resolutions'],
    choices: ['einverstanden'],
    open: async (token) => openSessionReleaseLink(await linkDeps(deps), token),
    page: (opened, choice, action) => sessionReleasePage({ ...opened, choice, action }),
  }),
  route(
    {
      method: 'post',
      path: '/links/session-releases/{token}',
      operationId: 'submitSessionReleaseAnswers',
      summary:
        "Record a Land's answers from its session-wide release page (form fields per resolution id: antwort-<id> = consent|object, berichte-<id>, begruendung-<id>)",
      tags: ['resolutions'],
      access: 'public',
      params: TokenParams,
      responses: {
        200: { description: 'German HTML page confirming the answers', ...htmlPage },
        400: { description: 'Not a form' },
        409: { description: 'Every resolution of the page is already settled (HTML page)' },
        422: { description: 'No answer chosen, or an unknown report (HTML page)' },
      },
    },
    async (c, { params }) => {
      const links = await linkDeps(deps);
      let opened: OpenedSessionRelease;
      try {
        opened = await openSessionReleaseLink(links, params.token);
      } catch (error) {
        return refused(c, error);
      }
      const answers = await readBatchForm(c, opened);
      const action = `/links/session-releases/${params.token}`;
      c.header('Cache-Control', 'no-store');
      if (!opened.open) {
        return c.html(sessionReleasePage({ ...opened, choice: undefined, action }), 409);
      }
      if (answers.length === 0) {
        const message = 'Bitte wählen Sie mindestens bei einem Beschluss eine Antwort.';
        return c.html(sessionReleasePage({ ...opened, choice: undefined, action, message }), 422);
      }
      const minister =
        opened.member.people.find((person) => person.capacity === 'principal')?.email ??
        opened.member.memberId;
      try {
        const resolutions = await answerSessionReleaseByLink(links, opened, answers, minister);
        return c.html(
          sessionReleasePage({
            ...opened,
            resolutions,
            choice: undefined,
            action,
            message: 'Vielen Dank, Ihre Antworten sind gespeichert.',
          }),
        );
      } catch (error) {
        if (!(error instanceof UnprocessableError)) throw error;
        return c.html(
          sessionReleasePage({
            ...opened,
            choice: undefined,
            action,
            message: 'Ein gewählter Bericht gehört nicht zu seinem Beschluss.',
          }),
          422,
        );
      }
    },
  ),
];

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
  ...sessionReleaseLinkRoutes(deps),
];
