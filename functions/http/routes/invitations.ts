import * as z from 'zod/mini';
import {
  AnswerInputSchema,
  InvitationSchema,
  SendInvitationsInputSchema,
} from '../../../shared/domain/invitation.js';
import { listSessionInboundMail } from '../../../shared/use-cases/inbound-review.js';
import {
  confirmDeputy,
  getAttendance,
  type InvitationDeps,
  recordAnswerForInvitee,
  revokeInvitation,
  sendInvitations,
} from '../../../shared/use-cases/invitations.js';
import type { AppDeps } from '../app.js';
import { actorOf } from '../conditional.js';
import { type Route, route } from '../route.js';
import { InboundRecordSchema } from './inbound-mail.js';
import { InvitationParams, SessionParams } from './params.js';

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
      /** Who answered: the invitee, or an office contact writing for the minister (address for contact readers only). */
      answeredBy: z.optional(
        z.object({ name: z.string(), email: z.optional(z.string()), capacity: z.string() }),
      ),
      deliveryProblem: z.optional(z.object({ email: z.optional(z.string()), problem: z.string() })),
      pendingDeputy: z.optional(
        z.object({ invitationId: z.string(), name: z.string(), email: z.optional(z.string()) }),
      ),
      /** The escalation steps taken because the member did not answer: to its deputies, then its office contacts. */
      escalations: z.optional(z.array(z.object({ step: z.string(), at: z.string() }))),
      /** For a member that is an organisation of the body: its kind, the gender of its name, its place. */
      organisation: z.optional(
        z.object({ kind: z.string(), gender: z.string(), order: z.optional(z.number()) }),
      ),
    }),
  ),
  counts: z.record(z.string(), z.number()),
  pressSentence: z.string(),
});

export const invitationDeps = async (deps: AppDeps): Promise<InvitationDeps> => ({
  ...deps,
  linkSecret: await deps.linkSecret(),
});

/** Staff routes of invitations: sending, answers taken by phone, and the attendance board. */
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
      c.json(
        await sendInvitations(await invitationDeps(deps), actorOf(c), params.sessionId, body),
        202,
      ),
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
    async (c, { params, body }) => {
      const invitation = await recordAnswerForInvitee(
        await invitationDeps(deps),
        actorOf(c),
        params.sessionId,
        params.invitationId,
        body,
      );
      deps.countAnswer?.('secretariat');
      return c.json(invitation);
    },
  ),
  route(
    {
      method: 'post',
      path: '/v1/sessions/{sessionId}/invitations/{invitationId}/confirmation',
      operationId: 'confirmDeputy',
      summary: "Confirm a deputy named by link from an address outside the member's mail domains",
      description:
        'Until the secretariat confirms, such a deputy gets no mail and has no links. Confirming sends the invitation.',
      tags: ['invitations'],
      access: 'staff',
      params: InvitationParams,
      responses: {
        200: {
          description: 'The confirmed invitation; its mail is on its way',
          schema: InvitationSchema,
          example: {
            ...exampleInvitation,
            capacity: 'deputy',
            invitedBy: '01JDEMOINVITATION000000001',
          },
        },
        404: { description: 'No such invitation' },
        409: { description: 'The invitation was revoked, or the session takes no invitations' },
      },
    },
    async (c, { params }) =>
      c.json(
        await confirmDeputy(
          await invitationDeps(deps),
          actorOf(c),
          params.sessionId,
          params.invitationId,
        ),
      ),
  ),
  route(
    {
      method: 'delete',
      path: '/v1/sessions/{sessionId}/invitations/{invitationId}',
      operationId: 'revokeInvitation',
      summary: 'Withdraw an invitation: its links stop working, and its holder is told once',
      description:
        "Revoking a minister's invitation also revokes the deputy they named. The invitation is kept, marked `revoked`, and the change is audited.",
      tags: ['invitations'],
      access: 'staff',
      params: InvitationParams,
      responses: {
        200: {
          description: 'The revoked invitation',
          schema: InvitationSchema,
          example: {
            ...exampleInvitation,
            state: 'revoked',
            revokedAt: '2027-02-02T09:00:00.000Z',
          },
        },
        404: { description: 'No such invitation' },
      },
    },
    async (c, { params }) =>
      c.json(
        await revokeInvitation(
          await invitationDeps(deps),
          actorOf(c),
          params.sessionId,
          params.invitationId,
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
                channel: 'mail',
                answeredAt: '2027-02-01T10:00:00.000Z',
                answeredBy: {
                  name: 'Büro des Staatsministers',
                  email: 'ministerbuero@stmi.bayern.de',
                  capacity: 'office_contact',
                },
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
      path: '/v1/sessions/{sessionId}/inbound-mail',
      operationId: 'listInboundMail',
      summary: 'Replies by mail about a session: applied answers and what waits for review',
      tags: ['invitations'],
      access: 'staff',
      params: SessionParams,
      responses: {
        200: {
          description: 'Inbound mail, oldest first',
          schema: z.object({ items: z.array(InboundRecordSchema) }),
          example: {
            items: [
              {
                id: 'n4bQgYhMfWWaL-qgxVrQFaO_TxsrC4Is0V1sN0ZxJ2c',
                messageId: '<reply-1@de-by.example.org>',
                receivedAt: '2027-02-02T09:00:00.000Z',
                from: 'minister@de-by.example.org',
                subject: 'AW: Einladung: Konstituierende Sitzung der IMK',
                state: 'applied',
                invitationId: '01JDEMOINVITAT10N000000000',
                channel: 'mail',
                verdicts: { dkim: 'PASS', dmarc: 'PASS', spf: 'PASS', spam: 'PASS', virus: 'PASS' },
                delivery: 'ses',
              },
              {
                id: 'Qm9Xb3JsZF9pbmJvdW5kX21haWxfaWRfZXhhbXBsZTI',
                messageId: '<reply-2@de-he.example.org>',
                receivedAt: '2027-02-02T09:05:00.000Z',
                from: 'minister@de-he.example.org',
                subject: 'AW: Einladung: Konstituierende Sitzung der IMK',
                state: 'review',
                reason:
                  'not authenticated: dmarc GRAY, dkim PASS (signed by bulk.example.net; From domain de-he.example.org)',
                invitationId: '01JDEMOINVITAT10N000000001',
                verdicts: { dkim: 'PASS', dmarc: 'GRAY', spf: 'PASS', spam: 'PASS', virus: 'PASS' },
                delivery: 'ses',
              },
            ],
          },
        },
      },
    },
    async (c, { params }) =>
      c.json({ items: await listSessionInboundMail(deps, actorOf(c), params.sessionId) }),
  ),
];
