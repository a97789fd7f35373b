import type { Context } from 'hono';
import * as z from 'zod/mini';
import { AnswerInputSchema } from '../../../shared/domain/invitation.js';
import {
  AnswerClosedError,
  DeputyRefusedError,
  openAnswerLink,
  recordAnswer,
} from '../../../shared/use-cases/invitations.js';
import type { AppDeps } from '../app.js';
import type { AppEnv } from '../app-env.js';
import { answerPage } from '../pages/answer-page.js';
import { type Route, route } from '../route.js';
import { invitationDeps } from './invitations.js';
import { openLinkPageRoute, readForm, refused, TokenParams } from './link-pages.js';

const formAnswer = async (c: Context<AppEnv>) => {
  const field = await readForm(c);
  return {
    status: field('status'),
    ...(field('comment') ? { comment: field('comment') } : {}),
    ...(field('deputyName') ? { deputyName: field('deputyName') } : {}),
    ...(field('deputyEmail') ? { deputyEmail: field('deputyEmail') } : {}),
  };
};

/**
 * The personal answer pages behind the links in invitations: public, HTML,
 * and served by the documents function with the other rendered pages.
 */
export const answerLinkRoutes = (deps: AppDeps): Route[] => [
  openLinkPageRoute({
    path: '/links/invitations/{token}',
    operationId: 'openAnswerPage',
    summary: 'The personal answer page of an invitation (opening it changes nothing)',
    tags: ['invitations'],
    choices: ['zusage', 'absage', 'vertretung'],
    open: async (token) => openAnswerLink(await invitationDeps(deps), token),
    page: (opened, choice, action) => answerPage({ ...opened, choice, action }),
  }),
  route(
    {
      method: 'post',
      path: '/links/invitations/{token}',
      operationId: 'submitAnswer',
      summary:
        'Record the answer from the answer page (form fields: status, comment, deputyName, deputyEmail)',
      description:
        'Repeating the same answer changes nothing; a different one replaces it until the deadline.',
      tags: ['invitations'],
      access: 'public',
      params: TokenParams,
      responses: {
        200: {
          description: 'German HTML page confirming the answer',
          contentType: 'text/html',
          schema: z.string(),
          example: '<!doctype html>…',
        },
        400: { description: 'Not a form' },
        409: { description: 'The deadline has passed (HTML page)' },
      },
    },
    async (c, { params }) => {
      const links = await invitationDeps(deps);
      let opened: Awaited<ReturnType<typeof openAnswerLink>>;
      try {
        opened = await openAnswerLink(links, params.token);
      } catch (error) {
        return refused(c, error);
      }
      const input = await formAnswer(c);
      const action = `/links/invitations/${params.token}`;
      c.header('Cache-Control', 'no-store');
      try {
        const parsed = AnswerInputSchema.safeParse(input);
        if (!parsed.success || (parsed.data.status === 'represented' && !parsed.data.deputyName)) {
          return c.html(
            answerPage({
              ...opened,
              choice: undefined,
              action,
              message:
                'Bitte wählen Sie eine Antwort und nennen Sie bei einer Vertretung deren Namen.',
            }),
            422,
          );
        }
        const { invitation } = await recordAnswer(
          links,
          { sessionId: opened.session.id, invitationId: opened.invitation.id },
          parsed.data,
          'link',
          opened.invitation.email,
          opened,
        );
        deps.countAnswer?.('link');
        return c.html(
          answerPage({
            ...opened,
            invitation,
            choice: undefined,
            action,
            message: 'Vielen Dank, Ihre Antwort ist gespeichert.',
          }),
        );
      } catch (error) {
        if (error instanceof AnswerClosedError) {
          return c.html(answerPage({ ...opened, open: false, choice: undefined, action }), 409);
        }
        if (error instanceof DeputyRefusedError) {
          return c.html(
            answerPage({ ...opened, choice: undefined, action, message: error.page }),
            422,
          );
        }
        throw error;
      }
    },
  ),
];
