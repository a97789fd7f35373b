import type { Context } from 'hono';
import * as z from 'zod/mini';
import { NotFoundError, ValidationError } from '../../../shared/domain/errors.js';
import {
  AnswerInputSchema,
  InvitationSchema,
  SendInvitationsInputSchema,
} from '../../../shared/domain/invitation.js';
import { LinkRefusedError } from '../../../shared/domain/link-token.js';
import {
  AnswerClosedError,
  getAttendance,
  type InvitationDeps,
  openAnswerLink,
  recordAnswer,
  recordAnswerForInvitee,
  sendInvitations,
} from '../../../shared/use-cases/invitations.js';
import type { AppDeps } from '../app.js';
import type { AppEnv } from '../app-env.js';
import { actorOf } from '../conditional.js';
import { answerPage, refusedPage } from '../pages/answer-page.js';
import { type Route, route } from '../route.js';
import { SessionParams } from './sessions.js';

const InvitationParams = z.strictObject({
  sessionId: SessionParams.shape.sessionId,
  invitationId: SessionParams.shape.sessionId,
});
const exampleInvitation = {
  id: '01JDEMOINVITATION000000000',
  sessionId: '01JDEMOSESSION000000000000',
  bodyId: 'imk',
  memberId: 'DE-BY',
  personId: '01JDEMOPERSON0000000000000',
  name: 'Josef Brandl',
  email: 'minister@de-by.example.org',
  capacity: 'principal',
  answer: { status: 'accepted', channel: 'secretariat', at: '2027-02-01T10:00:00.000Z' },
  version: 2,
  createdAt: '2026-11-23T08:00:00.000Z',
  updatedAt: '2027-02-01T10:00:00.000Z',
};
const TokenParams = z.strictObject({ token: z.string().check(z.minLength(1), z.maxLength(800)) });
const ChoiceQuery = z.strictObject({
  antwort: z.optional(z.enum(['zusage', 'absage', 'vertretung'])),
});

const BoardSchema = z.object({
  sessionId: z.string(),
  lines: z.array(
    z.object({
      memberId: z.string(),
      name: z.string(),
      voting: z.boolean(),
      status: z.string(),
      attendee: z.optional(z.string()),
      channel: z.optional(z.string()),
      answeredAt: z.optional(z.string()),
    }),
  ),
  counts: z.record(z.string(), z.number()),
  pressSentence: z.string(),
});

const invitationDeps = (deps: AppDeps): InvitationDeps => ({
  ...deps,
  linkSecret: deps.linkSecret(),
});

/** Renders a refused or unknown link as a page, with a 4xx status. */
const refused = (c: Context<AppEnv>, error: unknown) => {
  if (error instanceof LinkRefusedError) {
    return c.html(refusedPage(error.reason), error.reason === 'expired' ? 410 : 403);
  }
  if (error instanceof NotFoundError) return c.html(refusedPage('not-found'), 404);
  throw error;
};

const formAnswer = async (c: Context<AppEnv>) => {
  const type = c.req.header('content-type') ?? '';
  if (!/^(application\/x-www-form-urlencoded|multipart\/form-data)/i.test(type)) {
    throw new ValidationError('The answer must be sent as a form.', [
      { path: 'headers.content-type', message: 'expected application/x-www-form-urlencoded' },
    ]);
  }
  const form = await c.req.parseBody();
  const field = (name: string) => {
    const value = form[name];
    return typeof value === 'string' && value.trim() !== '' ? value : undefined;
  };
  return {
    status: field('status'),
    ...(field('comment') ? { comment: field('comment') } : {}),
    ...(field('deputyName') ? { deputyName: field('deputyName') } : {}),
    ...(field('deputyEmail') ? { deputyEmail: field('deputyEmail') } : {}),
  };
};

/** Routes of invitations: sending, the attendance board, and the personal answer links. */
export const invitationRoutes = (deps: AppDeps): Route[] => [
  route(
    {
      method: 'post',
      path: '/v1/sessions/{sessionId}/invitations',
      operationId: 'sendInvitations',
      summary: "Invite every member's minister (and office contacts in copy), or the given people",
      description:
        'Each invitee gets a personal mail with answer links and a calendar invitation. People invited before are skipped, so a retry sends nothing twice.',
      tags: ['invitations'],
      access: 'staff',
      params: SessionParams,
      body: SendInvitationsInputSchema,
      bodyExample: { includeOfficeContacts: true },
      responses: {
        202: {
          description: 'Invitations stored; the mails are on their way',
          schema: z.object({ invited: z.array(InvitationSchema), alreadyInvited: z.number() }),
          example: { invited: [], alreadyInvited: 17 },
        },
        404: { description: 'No such session' },
        409: { description: 'The session is concluded or cancelled' },
      },
    },
    async (c, { params, body }) =>
      c.json(await sendInvitations(invitationDeps(deps), actorOf(c), params.sessionId, body), 202),
  ),
  route(
    {
      method: 'post',
      path: '/v1/sessions/{sessionId}/invitations/{invitationId}/answer',
      operationId: 'recordAnswerForInvitee',
      summary: 'Record an answer the secretariat took by phone or in person',
      tags: ['invitations'],
      access: 'staff',
      params: InvitationParams,
      body: AnswerInputSchema,
      bodyExample: { status: 'accepted', comment: 'telefonisch, Büro der Ministerin' },
      responses: {
        200: {
          description: 'The invitation with its answer',
          schema: InvitationSchema,
          example: exampleInvitation,
        },
        404: { description: 'No such invitation' },
        409: { description: 'The deadline has passed' },
      },
    },
    async (c, { params, body }) =>
      c.json(
        await recordAnswerForInvitee(
          invitationDeps(deps),
          actorOf(c),
          params.sessionId,
          params.invitationId,
          body,
        ),
      ),
  ),
  route(
    {
      method: 'get',
      path: '/v1/sessions/{sessionId}/attendance',
      operationId: 'getAttendance',
      summary: 'The attendance board: who comes, through which channel, and the press sentence',
      tags: ['invitations'],
      access: 'staff',
      params: SessionParams,
      responses: {
        200: {
          description: 'One line per member',
          schema: BoardSchema,
          example: {
            sessionId: '01JDEMOSESSION000000000000',
            lines: [
              {
                memberId: 'DE-BY',
                name: 'Bayern',
                voting: true,
                status: 'accepted',
                attendee: 'Josef Brandl',
                channel: 'link',
                answeredAt: '2027-02-01T10:00:00.000Z',
              },
            ],
            counts: {
              accepted: 1,
              declined: 0,
              tentative: 0,
              represented: 0,
              pending: 16,
              not_invited: 0,
            },
            pressSentence:
              'Bisher bestätigte die Ministerin bzw. der Minister aus Bayern ihre Teilnahme.',
          },
        },
      },
    },
    async (c, { params }) => c.json(await getAttendance(deps, actorOf(c), params.sessionId)),
  ),
  route(
    {
      method: 'get',
      path: '/links/invitations/{token}',
      operationId: 'openAnswerPage',
      summary: 'The personal answer page of an invitation (opening it changes nothing)',
      tags: ['invitations'],
      access: 'public',
      params: TokenParams,
      query: ChoiceQuery,
      responses: {
        200: {
          description: 'German HTML page with a form',
          contentType: 'text/html',
          schema: z.string(),
          example: '<!doctype html>…',
        },
        403: { description: 'Tampered or wrong-purpose link (HTML page)' },
        410: { description: 'Expired link (HTML page)' },
      },
    },
    async (c, { params, query }) => {
      try {
        const opened = await openAnswerLink(invitationDeps(deps), params.token);
        c.header('Cache-Control', 'no-store');
        c.header('Referrer-Policy', 'no-referrer');
        return c.html(
          answerPage({
            ...opened,
            choice: query.antwort,
            action: `/links/invitations/${params.token}`,
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
      const links = invitationDeps(deps);
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
        );
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
        throw error;
      }
    },
  ),
];
