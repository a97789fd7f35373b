import * as z from 'zod/mini';
import type { UseCaseDeps } from '../../../shared/use-cases/context.js';
import { listOutbox, retryOutboxEntry } from '../../../shared/use-cases/outbox.js';
import { actorOf } from '../conditional.js';
import { type Route, route } from '../route.js';
import { ListQuerySchema, pageOf } from './list-query.js';
import { IdSchema } from './params.js';

/** The outbox entry as an admin sees it: what it is about, its state and why. */
const OutboxEntrySchema = z.looseObject({
  id: z.string(),
  kind: z.string(),
  state: z.enum(['queued', 'sending', 'sent', 'failed', 'unknown', 'superseded']),
  attempts: z.number(),
  failure: z.optional(z.string()),
  redriveOf: z.optional(z.string()),
  redrives: z.optional(z.number()),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const exampleEntry = {
  id: '01JDEMOOUTBOX0000000000000',
  kind: 'invitation',
  state: 'unknown',
  attempts: 1,
  failure: 'claimed for sending and never settled: it may or may not have gone out',
  sessionId: '01JDEMOSESSION000000000000',
  invitationId: '01JDEMOINVITATION000000000',
  createdAt: '2027-02-01T10:00:00.000Z',
  updatedAt: '2027-02-01T10:00:05.000Z',
};

const OutboxQuerySchema = z.strictObject({
  ...ListQuerySchema.shape,
  state: z.enum(['failed', 'unknown', 'queued']),
});

/** The admin's view of mail that did not go out as it should, and sending it again. */
export const outboxRoutes = (deps: UseCaseDeps): Route[] => [
  route(
    {
      method: 'get',
      path: '/v1/outbox',
      operationId: 'listOutbox',
      summary: 'Mails that failed, may or may not have gone out (unknown), or still wait (admin)',
      tags: ['outbox'],
      access: 'staff',
      query: OutboxQuerySchema,
      responses: {
        200: {
          description: 'One page of outbox entries, oldest first',
          schema: pageOf(OutboxEntrySchema),
          example: { items: [exampleEntry] },
        },
      },
    },
    async (c, { query }) =>
      c.json(
        await listOutbox(deps, actorOf(c), query.state, { limit: query.limit, next: query.next }),
      ),
  ),
  route(
    {
      method: 'post',
      path: '/v1/outbox/{outboxId}/retry',
      operationId: 'retryOutboxEntry',
      summary: 'Send a failed or unknown mail again, as a fresh entry (admin, audited)',
      description:
        'For an `unknown` entry this is the decision that the mail may reach its recipient twice.',
      tags: ['outbox'],
      access: 'staff',
      params: z.strictObject({ outboxId: IdSchema }),
      responses: {
        200: {
          description: 'The fresh entry that takes the old one’s place',
          schema: OutboxEntrySchema,
          example: { ...exampleEntry, id: '01JDEMOOUTBOX0000000000001', state: 'queued' },
        },
        404: { description: 'No such entry' },
        409: { description: 'The entry is neither failed nor unknown' },
      },
    },
    async (c, { params }) => c.json(await retryOutboxEntry(deps, actorOf(c), params.outboxId)),
  ),
];
