import * as z from 'zod/mini';
import { BodyIdSchema } from '../../../shared/domain/body.js';
import {
  SessionInputSchema,
  SessionPatchSchema,
  SessionSchema,
  SessionStateSchema,
} from '../../../shared/domain/session.js';
import { sendInvitations } from '../../../shared/use-cases/invitations.js';
import {
  changeSessionState,
  getSession,
  listSessions,
  planSession,
  updateSession,
} from '../../../shared/use-cases/sessions.js';
import type { AppDeps } from '../app.js';
import { actorOf, created, idempotencyKey, ifMatchVersion, withEtag } from '../conditional.js';
import { type Route, route } from '../route.js';
import { IdempotencyHeaders, IfMatchHeaders, VersionedResponses } from './headers.js';
import { invitationDeps } from './invitations.js';
import { ListQuerySchema, pageOf } from './list-query.js';
import { SessionParams } from './params.js';

export const SessionIdSchema = z
  .string()
  .check(z.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'an id (ULID)'));
const BodyParams = z.strictObject({ bodyId: BodyIdSchema });
const day = z
  .string()
  .check(z.regex(/^\d{4}-\d{2}-\d{2}(T[\d:.+-]+Z?)?$/, 'a date such as 2027-03-01'));
const CalendarQuerySchema = z.strictObject({
  ...ListQuerySchema.shape,
  from: day,
  to: day,
  body: z.optional(BodyIdSchema),
});
const TransitionSchema = z.strictObject({ to: SessionStateSchema });

const exampleInput = {
  kind: 'constitutive',
  format: 'in_person',
  title: 'Konstituierende Sitzung der IMK',
  startsAt: '2027-03-03T10:00:00+01:00',
  endsAt: '2027-03-06T14:00:00+01:00',
  timeZone: 'Europe/Berlin',
  place: {
    city: 'Hamburg',
    building: 'Hamburger Rathaus',
    room: 'Ratsstube',
    address: 'Rathausmarkt 1, 20095 Hamburg',
  },
  hostMemberId: 'DE-HH',
  answerDeadline: '2027-02-17T18:00:00+01:00',
};
const exampleSession = {
  id: '01JDEMOSESSION000000000000',
  bodyId: 'imk',
  number: 1,
  numbering: 'running',
  ...exampleInput,
  state: 'planned',
  version: 1,
  createdAt: '2026-11-23T08:00:00.000Z',
  updatedAt: '2026-11-23T08:00:00.000Z',
};
const tags = ['sessions'] as const;

/** Routes of sessions: plan, read, calendar, change, life cycle. */
export const sessionRoutes = (deps: AppDeps): Route[] => [
  route(
    {
      method: 'post',
      path: '/v1/bodies/{bodyId}/sessions',
      operationId: 'planSession',
      summary: 'Plan a session of a body',
      description:
        'Kind (`regular`, `constitutive`, `extraordinary`) and format (`in_person`, `video`, `hybrid`; derived from place and video link when left out) are separate; the kind `video` of the first API version is read as an extraordinary session by video. The session gets the next number of its series by the body’s `sessionNumbering`: by default regular and constitutive sessions take the running number (`numbering: running`, "221. Sitzung") and extraordinary ones count per year (`numbering: yearly`, `numberYear`, "2. Sonderkonferenz 2027"). It starts as `planned`. With `sendInvitations: true` (for a crisis session at short notice) every minister is invited at once and the session answers as `invited`.',
      tags,
      access: 'staff',
      params: BodyParams,
      headers: IdempotencyHeaders,
      body: SessionInputSchema,
      bodyExample: exampleInput,
      responses: {
        201: { description: 'Planned', schema: SessionSchema, example: exampleSession },
        404: { description: 'No such body' },
        422: { description: 'Host, preparatory session or format not valid' },
      },
    },
    async (c, { params, body }) => {
      const actor = actorOf(c);
      const result = await planSession(deps, actor, params.bodyId, body, idempotencyKey(c));
      if (body.sendInvitations === true) {
        // The crisis fast path: the invitations go out with the session.
        const { invited } = await sendInvitations(
          await invitationDeps(deps),
          actor,
          result.value.id,
          {},
        );
        c.header('X-Invitations-Sent', String(invited.length));
        const current = await deps.repo.getSession(result.value.id);
        return created(
          c,
          { ...result, value: current ?? result.value },
          `/v1/sessions/${result.value.id}`,
        );
      }
      return created(c, result, `/v1/sessions/${result.value.id}`);
    },
  ),
  route(
    {
      method: 'get',
      path: '/v1/sessions',
      operationId: 'listSessions',
      summary: "The secretariat's calendar: sessions starting between two dates",
      tags,
      access: 'staff',
      query: CalendarQuerySchema,
      responses: {
        200: {
          description: 'One page of sessions by start',
          schema: pageOf(SessionSchema),
          example: { items: [exampleSession] },
        },
      },
    },
    async (c, { query }) =>
      c.json(
        await listSessions(deps, actorOf(c), {
          from: query.from,
          to: query.to,
          bodyId: query.body,
          limit: query.limit,
          next: query.next,
        }),
      ),
  ),
  route(
    {
      method: 'get',
      path: '/v1/sessions/{sessionId}',
      operationId: 'getSession',
      summary: 'One session',
      tags,
      access: 'staff',
      params: SessionParams,
      responses: {
        200: { description: 'The session', schema: SessionSchema, example: exampleSession },
        404: { description: 'No such session' },
      },
    },
    async (c, { params }) => withEtag(c, await getSession(deps, actorOf(c), params.sessionId)),
  ),
  route(
    {
      method: 'patch',
      path: '/v1/sessions/{sessionId}',
      operationId: 'updateSession',
      summary: 'Change a session (title, kind, format, times, place, video link, host, deadline)',
      description:
        'A change of time, format, place or video link sends every invitee an update that lists what changed ("Neuer Beginn: 10:30 Uhr statt 10:00 Uhr"). Answers stand unless the session moves to other days, to another city, or from video to a place; only those whose answer no longer stands are asked again. The kind may change only within its numbering series (422 otherwise).',
      tags,
      access: 'staff',
      params: SessionParams,
      headers: IfMatchHeaders,
      body: SessionPatchSchema,
      bodyExample: { endsAt: '2027-03-06T16:00:00+01:00' },
      responses: {
        200: { description: 'The changed session', schema: SessionSchema, example: exampleSession },
        ...VersionedResponses,
      },
    },
    async (c, { params, body }) =>
      withEtag(c, await updateSession(deps, actorOf(c), params.sessionId, body, ifMatchVersion(c))),
  ),
  route(
    {
      method: 'post',
      path: '/v1/sessions/{sessionId}/transitions',
      operationId: 'changeSessionState',
      summary: 'Move a session along planned → invited → in_session → concluded, or cancel it',
      description: 'An illegal transition answers 409 with the allowed ones.',
      tags,
      access: 'staff',
      params: SessionParams,
      headers: IfMatchHeaders,
      body: TransitionSchema,
      bodyExample: { to: 'invited' },
      responses: {
        200: {
          description: 'The session in its new state',
          schema: SessionSchema,
          example: { ...exampleSession, state: 'invited', version: 2 },
        },
        ...VersionedResponses,
      },
    },
    async (c, { params, body }) =>
      withEtag(
        c,
        await changeSessionState(deps, actorOf(c), params.sessionId, body.to, ifMatchVersion(c)),
      ),
  ),
  route(
    {
      method: 'delete',
      path: '/v1/sessions/{sessionId}',
      operationId: 'cancelSession',
      summary: 'Cancel a session (it stays, in state cancelled)',
      tags,
      access: 'staff',
      params: SessionParams,
      headers: IfMatchHeaders,
      responses: {
        200: {
          description: 'The cancelled session',
          schema: SessionSchema,
          example: { ...exampleSession, state: 'cancelled', version: 2 },
        },
        ...VersionedResponses,
      },
    },
    async (c, { params }) =>
      withEtag(
        c,
        await changeSessionState(
          deps,
          actorOf(c),
          params.sessionId,
          'cancelled',
          ifMatchVersion(c),
        ),
      ),
  ),
];
