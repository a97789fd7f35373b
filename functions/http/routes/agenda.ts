import * as z from 'zod/mini';
import {
  AgendaItemInputSchema,
  AgendaItemPatchSchema,
  AgendaItemSchema,
  ReorderInputSchema,
} from '../../../shared/domain/agenda.js';
import { SessionSchema } from '../../../shared/domain/session.js';
import {
  addAgendaItem,
  getAgendaItem,
  listAgenda,
  removeAgendaItem,
  reorderAgenda,
  updateAgendaItem,
} from '../../../shared/use-cases/agenda.js';
import { approveAgenda } from '../../../shared/use-cases/agenda-approval.js';
import type { UseCaseDeps } from '../../../shared/use-cases/context.js';
import { actorOf, created, idempotencyKey, ifMatchVersion, withEtag } from '../conditional.js';
import { type Route, route } from '../route.js';
import { IdempotencyHeaders, IfMatchHeaders, VersionedResponses } from './headers.js';
import { IdSchema as SessionIdSchema } from './params.js';

const SessionParams = z.strictObject({ sessionId: SessionIdSchema });
const ItemParams = z.strictObject({ sessionId: SessionIdSchema, itemId: SessionIdSchema });
const exampleInput = {
  number: '3',
  title: 'Bekämpfung der Internetkriminalität',
  registeredBy: 'DE-NW',
  rapporteur: 'Nordrhein-Westfalen',
  public: false,
};
const exampleItem = {
  id: '01JDEMOITEM000000000000000',
  sessionId: '01JDEMOSESSION000000000000',
  bodyId: 'imk',
  position: 3,
  ...exampleInput,
  version: 1,
  createdAt: '2026-11-23T08:00:00.000Z',
  updatedAt: '2026-11-23T08:00:00.000Z',
};
const tags = ['agenda'] as const;

/** Routes of a session's agenda items (TOPs). */
export const agendaRoutes = (deps: UseCaseDeps): Route[] => [
  route(
    {
      method: 'get',
      path: '/v1/sessions/{sessionId}/agenda-items',
      operationId: 'listAgenda',
      summary: 'The agenda of a session, in order',
      description: 'Members and press see the public items only.',
      tags,
      access: 'staff',
      params: SessionParams,
      responses: {
        200: {
          description: 'The agenda',
          schema: z.object({ items: z.array(AgendaItemSchema) }),
          example: { items: [exampleItem] },
        },
      },
    },
    async (c, { params }) =>
      c.json({ items: await listAgenda(deps, actorOf(c), params.sessionId) }),
  ),
  route(
    {
      method: 'post',
      path: '/v1/sessions/{sessionId}/agenda-items',
      operationId: 'addAgendaItem',
      summary: 'Add an agenda item at the end',
      tags,
      access: 'staff',
      params: SessionParams,
      headers: IdempotencyHeaders,
      body: AgendaItemInputSchema,
      bodyExample: exampleInput,
      responses: {
        201: { description: 'Added', schema: AgendaItemSchema, example: exampleItem },
        ...VersionedResponses,
      },
    },
    async (c, { params, body }) => {
      const result = await addAgendaItem(
        deps,
        actorOf(c),
        params.sessionId,
        body,
        idempotencyKey(c),
      );
      return created(c, result, `/v1/sessions/${params.sessionId}/agenda-items/${result.value.id}`);
    },
  ),
  route(
    {
      method: 'post',
      path: '/v1/sessions/{sessionId}/agenda-items/reorder',
      operationId: 'reorderAgenda',
      summary: 'Put the agenda in a new order',
      description: 'Name every item id once; all positions change in one transaction.',
      tags,
      access: 'staff',
      params: SessionParams,
      body: ReorderInputSchema,
      bodyExample: { order: ['01JDEMOITEM000000000000002', '01JDEMOITEM000000000000001'] },
      responses: {
        200: {
          description: 'The agenda in its new order',
          schema: z.object({ items: z.array(AgendaItemSchema) }),
          example: { items: [exampleItem] },
        },
        422: { description: 'Not every item named once' },
      },
    },
    async (c, { params, body }) =>
      c.json({ items: await reorderAgenda(deps, actorOf(c), params.sessionId, body) }),
  ),
  route(
    {
      method: 'get',
      path: '/v1/sessions/{sessionId}/agenda-items/{itemId}',
      operationId: 'getAgendaItem',
      summary: 'One agenda item',
      tags,
      access: 'staff',
      params: ItemParams,
      responses: {
        200: { description: 'The item', schema: AgendaItemSchema, example: exampleItem },
        404: { description: 'No such item' },
      },
    },
    async (c, { params }) =>
      withEtag(c, await getAgendaItem(deps, actorOf(c), params.sessionId, params.itemId)),
  ),
  route(
    {
      method: 'patch',
      path: '/v1/sessions/{sessionId}/agenda-items/{itemId}',
      operationId: 'updateAgendaItem',
      summary: 'Change an agenda item',
      tags,
      access: 'staff',
      params: ItemParams,
      headers: IfMatchHeaders,
      body: AgendaItemPatchSchema,
      bodyExample: { public: true },
      responses: {
        200: { description: 'The changed item', schema: AgendaItemSchema, example: exampleItem },
        ...VersionedResponses,
      },
    },
    async (c, { params, body }) =>
      withEtag(
        c,
        await updateAgendaItem(
          deps,
          actorOf(c),
          params.sessionId,
          params.itemId,
          body,
          ifMatchVersion(c),
        ),
      ),
  ),
  route(
    {
      method: 'delete',
      path: '/v1/sessions/{sessionId}/agenda-items/{itemId}',
      operationId: 'removeAgendaItem',
      summary: 'Remove an agenda item',
      tags,
      access: 'staff',
      params: ItemParams,
      headers: IfMatchHeaders,
      responses: { 204: { description: 'Removed' }, ...VersionedResponses },
    },
    async (c, { params }) => {
      await removeAgendaItem(deps, actorOf(c), params.sessionId, params.itemId, ifMatchVersion(c));
      return c.body(null, 204);
    },
  ),
  route(
    {
      method: 'post',
      path: '/v1/sessions/{sessionId}/agenda-approval',
      operationId: 'approveAgenda',
      summary: "The chair approves the session's agenda as it stands",
      description:
        'Chair of the body (or admin) only; send the session ETag in If-Match. Adding, changing, removing or reordering a TOP afterwards marks the approval `outdated` (with `outdatedAt` and `outdatedBy`); the chair then approves again. 412 also when the agenda changed while approving.',
      tags,
      access: 'staff',
      params: SessionParams,
      headers: IfMatchHeaders,
      responses: {
        200: {
          description: 'The session with its agenda approval',
          schema: SessionSchema,
          example: {
            id: '01JDEMOSESSION000000000000',
            bodyId: 'imk',
            number: 1,
            kind: 'constitutive',
            title: 'Konstituierende Sitzung der IMK',
            startsAt: '2027-03-03T10:00:00+01:00',
            endsAt: '2027-03-06T14:00:00+01:00',
            timeZone: 'Europe/Berlin',
            place: { city: 'Hamburg', building: 'Hamburger Rathaus', room: 'Ratsstube' },
            agendaApproval: {
              by: 'vorsitz@de-hh.example.org',
              at: '2027-02-01T09:00:00.000Z',
              itemCount: 4,
              outdated: false,
            },
            state: 'invited',
            version: 3,
            createdAt: '2026-11-23T08:00:00.000Z',
            updatedAt: '2027-02-01T09:00:00.000Z',
          },
        },
        ...VersionedResponses,
        422: { description: 'The agenda is empty' },
      },
    },
    async (c, { params }) =>
      withEtag(c, await approveAgenda(deps, actorOf(c), params.sessionId, ifMatchVersion(c))),
  ),
];
