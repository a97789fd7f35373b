import * as z from 'zod/mini';
import { AnswerInputSchema } from '../../../shared/domain/invitation.js';
import {
  applyProcedureInboundMail,
  applySessionInboundMail,
  dismissProcedureInboundMail,
  dismissSessionInboundMail,
  listProcedureInboundMail,
} from '../../../shared/use-cases/inbound-review.js';
import type { AppDeps } from '../app.js';
import { actorOf } from '../conditional.js';
import { type Route, route } from '../route.js';
import { IdSchema } from './params.js';

/** One inbound mail as the review lists show it. */
export const InboundRecordSchema = z.object({
  /** The id the apply and dismiss routes take (a hash of the Message-ID). */
  id: z.string(),
  messageId: z.string(),
  receivedAt: z.string(),
  from: z.string(),
  subject: z.string(),
  state: z.enum(['processing', 'applied', 'unchanged', 'ignored', 'review', 'dismissed']),
  reason: z.optional(z.string()),
  invitationId: z.optional(z.string()),
  procedureId: z.optional(z.string()),
  ballotId: z.optional(z.string()),
  channel: z.optional(z.string()),
  /** The answer a reply from an unknown address of the member's mail domain carries: apply it without a status. */
  proposal: z.optional(z.object({ status: z.string(), sender: z.string() })),
  verdicts: z.optional(z.record(z.string(), z.string())),
  delivery: z.optional(z.enum(['ses', 'local'])),
  resolvedBy: z.optional(z.string()),
  resolvedAt: z.optional(z.string()),
  note: z.optional(z.string()),
});

const InboundIdSchema = z
  .string()
  .check(z.regex(/^[A-Za-z0-9_-]{43}$/, 'an inbound mail id (as listed)'));
const SessionMailParams = z.strictObject({ sessionId: IdSchema, inboundId: InboundIdSchema });
const ProcedureParams = z.strictObject({ procedureId: IdSchema });
const ProcedureMailParams = z.strictObject({ procedureId: IdSchema, inboundId: InboundIdSchema });

const NoteSchema = z.optional(z.string().check(z.trim(), z.maxLength(1000)));
const DismissSchema = z.strictObject({ note: NoteSchema });
const ApplyAnswerSchema = z.strictObject({
  ...AnswerInputSchema.shape,
  /** Absent: the answer the message carries (`proposal`), naming its sender. */
  status: z.optional(AnswerInputSchema.shape.status),
  note: NoteSchema,
});
const ApplyVotesSchema = z.strictObject({
  /** One vote per resolution id of the procedure, as read in the mail. */
  votes: z.record(z.string().check(z.maxLength(40)), z.enum(['yes', 'no', 'abstain'])),
  statements: z.optional(z.record(z.string().check(z.maxLength(40)), z.string())),
  note: NoteSchema,
});

const exampleId = 'n4bQgYhMfWWaL-qgxVrQFaO_TxsrC4Is0V1sN0ZxJ2c';
const exampleBallotMail = {
  id: exampleId,
  messageId: '<reply-7@de-th.example.org>',
  receivedAt: '2027-03-10T09:00:00.000Z',
  from: 'minister@de-th.example.org',
  subject: 'AW: Umlaufverfahren: Gemeinsame Unterbringung',
  state: 'review',
  reason: 'contradictory votes: "Zustimmung" and "Ablehnung"',
  procedureId: '01JDEMOPROCEDURE0000000000',
  ballotId: '01JDEMOBALLOT0000000000000',
  channel: 'mail',
  verdicts: { dkim: 'PASS', dmarc: 'PASS', spf: 'PASS', spam: 'PASS', virus: 'PASS' },
  delivery: 'ses',
};
const exampleSessionMail = {
  id: exampleId,
  messageId: '<reply-2@de-he.example.org>',
  receivedAt: '2027-02-02T09:05:00.000Z',
  from: 'minister@de-he.example.org',
  subject: 'AW: Einladung: Konstituierende Sitzung der IMK',
  state: 'applied',
  reason: 'contradictory answer: "Zusage" and "kann leider nicht teilnehmen"',
  invitationId: '01JDEMOINVITAT10N000000001',
  channel: 'mail',
  verdicts: { dkim: 'PASS', dmarc: 'PASS', spf: 'PASS', spam: 'PASS', virus: 'PASS' },
  delivery: 'ses',
  resolvedBy: 'gs@imk.example.org',
  resolvedAt: '2027-02-02T10:00:00.000Z',
  note: 'Zusage telefonisch bestätigt',
};
const resolvedExample = {
  ...exampleBallotMail,
  state: 'applied',
  resolvedBy: 'gs@imk.example.org',
  resolvedAt: '2027-03-10T10:00:00.000Z',
  note: 'telefonisch bestätigt',
};

const reviewResponses = (what: string) => ({
  404: { description: `No such ${what}, or no such message in its list` },
  409: { description: 'The message is not waiting for review, or the answer can no longer change' },
});

/**
 * The review routes of replies by mail: a written procedure's list, and
 * applying or dismissing a message in review, for sessions and procedures.
 */
export const inboundMailRoutes = (deps: AppDeps): Route[] => [
  route(
    {
      method: 'get',
      path: '/v1/written-procedures/{procedureId}/inbound-mail',
      operationId: 'listProcedureInboundMail',
      summary: 'Replies by mail to a written procedure: votes applied and what waits for review',
      tags: ['written procedures'],
      access: 'staff',
      params: ProcedureParams,
      responses: {
        200: {
          description: 'Inbound mail, oldest first',
          schema: z.object({ items: z.array(InboundRecordSchema) }),
          example: { items: [exampleBallotMail] },
        },
        404: { description: 'No such procedure' },
      },
    },
    async (c, { params }) =>
      c.json({ items: await listProcedureInboundMail(deps, actorOf(c), params.procedureId) }),
  ),
  route(
    {
      method: 'post',
      path: '/v1/sessions/{sessionId}/inbound-mail/{inboundId}/apply',
      operationId: 'applySessionInboundMail',
      summary: 'Apply a reply in review with the answer the secretariat read in it',
      description:
        "Records the answer on the reply's invitation as the secretariat's (audited under its name) and marks the message `applied`. Without `status`, the answer the message carries (`proposal`, a reply from an unknown address of the member's mail domain) is applied and its sender named on the attendance board.",
      tags: ['invitations'],
      access: 'staff',
      params: SessionMailParams,
      body: ApplyAnswerSchema,
      bodyExample: { status: 'accepted', note: 'Zusage telefonisch bestätigt' },
      responses: {
        200: {
          description: 'The message, applied',
          schema: InboundRecordSchema,
          example: exampleSessionMail,
        },
        ...reviewResponses('session'),
        422: { description: 'No status given, and the message carries no answer' },
      },
    },
    async (c, { params, body }) =>
      c.json(
        await applySessionInboundMail(
          { ...deps, linkSecret: await deps.linkSecret() },
          actorOf(c),
          params.sessionId,
          params.inboundId,
          body,
        ),
      ),
  ),
  route(
    {
      method: 'post',
      path: '/v1/sessions/{sessionId}/inbound-mail/{inboundId}/dismiss',
      operationId: 'dismissSessionInboundMail',
      summary: 'Set a reply in review aside, changing no answer',
      tags: ['invitations'],
      access: 'staff',
      params: SessionMailParams,
      body: DismissSchema,
      bodyExample: { note: 'telefonisch geklärt' },
      responses: {
        200: {
          description: 'The message, dismissed',
          schema: InboundRecordSchema,
          example: { ...exampleSessionMail, state: 'dismissed', note: 'telefonisch geklärt' },
        },
        ...reviewResponses('session'),
      },
    },
    async (c, { params, body }) =>
      c.json(
        await dismissSessionInboundMail(deps, actorOf(c), params.sessionId, params.inboundId, body),
      ),
  ),
  route(
    {
      method: 'post',
      path: '/v1/written-procedures/{procedureId}/inbound-mail/{inboundId}/apply',
      operationId: 'applyProcedureInboundMail',
      summary: 'Apply a reply in review with the votes the secretariat read in it',
      description:
        "Records the votes (one per resolution) on the reply's ballot as the secretariat's (audited under its name) and marks the message `applied`.",
      tags: ['written procedures'],
      access: 'staff',
      params: ProcedureMailParams,
      body: ApplyVotesSchema,
      bodyExample: { votes: { '01JDEMORESOLUTION000000000': 'yes' } },
      responses: {
        200: {
          description: 'The message, applied',
          schema: InboundRecordSchema,
          example: resolvedExample,
        },
        ...reviewResponses('procedure'),
        422: { description: 'Not every resolution answered, or a guest without a vote' },
      },
    },
    async (c, { params, body }) =>
      c.json(
        await applyProcedureInboundMail(
          deps,
          actorOf(c),
          params.procedureId,
          params.inboundId,
          body,
        ),
      ),
  ),
  route(
    {
      method: 'post',
      path: '/v1/written-procedures/{procedureId}/inbound-mail/{inboundId}/dismiss',
      operationId: 'dismissProcedureInboundMail',
      summary: 'Set a reply in review aside, changing no vote',
      tags: ['written procedures'],
      access: 'staff',
      params: ProcedureMailParams,
      body: DismissSchema,
      bodyExample: { note: 'Stimme per Brief eingegangen' },
      responses: {
        200: {
          description: 'The message, dismissed',
          schema: InboundRecordSchema,
          example: { ...resolvedExample, state: 'dismissed' },
        },
        ...reviewResponses('procedure'),
      },
    },
    async (c, { params, body }) =>
      c.json(
        await dismissProcedureInboundMail(
          deps,
          actorOf(c),
          params.procedureId,
          params.inboundId,
          body,
        ),
      ),
  ),
];
