import type { Context } from 'hono';
import * as z from 'zod/mini';
import {
  ConflictError,
  UnprocessableError,
  ValidationError,
} from '../../../shared/domain/errors.js';
import { answerReleaseByLink, openReleaseLink } from '../../../shared/use-cases/resolutions.js';
import type { AppDeps } from '../app.js';
import type { AppEnv } from '../app-env.js';
import { releasePage } from '../pages/release-page.js';
import { type Route, route } from '../route.js';
import { refused } from './answer-links.js';

const TokenParams = z.strictObject({ token: z.string().check(z.minLength(1), z.maxLength(800)) });
const ChoiceQuery = z.strictObject({
  antwort: z.optional(z.enum(['einverstanden', 'widerspruch'])),
});
const htmlPage = { contentType: 'text/html', schema: z.string(), example: '<!doctype html>…' };
const linkDeps = async (deps: AppDeps) => ({ ...deps, linkSecret: await deps.linkSecret() });

/** The release form: the answer, the reports objected to, and a reason. */
const readReleaseForm = async (c: Context<AppEnv>) => {
  const type = c.req.header('content-type') ?? '';
  if (!/^(application\/x-www-form-urlencoded|multipart\/form-data)/i.test(type)) {
    throw new ValidationError('The answer must be sent as a form.', [
      { path: 'headers.content-type', message: 'expected application/x-www-form-urlencoded' },
    ]);
  }
  const form = await c.req.parseBody({ all: true });
  const one = (name: string) => {
    const value = form[name];
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
  };
  const reports = form.reportIds;
  return {
    answer: one('answer'),
    reason: one('reason')?.slice(0, 1000),
    reportIds: (Array.isArray(reports) ? reports : reports === undefined ? [] : [reports]).filter(
      (value): value is string => typeof value === 'string',
    ),
  };
};

/**
 * The pages behind a release mail's links, where a Land consents to or
 * objects against publishing a resolution: public, HTML, served by the
 * documents function.
 */
export const releaseLinkRoutes = (deps: AppDeps): Route[] => [
  route(
    {
      method: 'get',
      path: '/links/releases/{token}',
      operationId: 'openReleasePage',
      summary:
        "A Land's page to consent to or object against a release (opening it changes nothing)",
      tags: ['resolutions'],
      access: 'public',
      params: TokenParams,
      query: ChoiceQuery,
      responses: {
        200: { description: 'German HTML page with a form', ...htmlPage },
        403: { description: 'Tampered or wrong-purpose link (HTML page)' },
        410: { description: 'Expired link (HTML page)' },
      },
    },
    async (c, { params, query }) => {
      try {
        const opened = await openReleaseLink(await linkDeps(deps), params.token);
        c.header('Cache-Control', 'no-store');
        c.header('Referrer-Policy', 'no-referrer');
        return c.html(
          releasePage({
            ...opened,
            choice: query.antwort,
            action: `/links/releases/${params.token}`,
          }),
        );
      } catch (error) {
        return refused(c, error);
      }
    },
  ),
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
            releasePage({ ...opened, choice: undefined, action, message: error.message }),
            422,
          );
        }
        throw error;
      }
    },
  ),
];
