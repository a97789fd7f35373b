import * as z from 'zod/mini';
import {
  BodyCreateSchema,
  BodyIdSchema,
  BodyPatchSchema,
  BodySchema,
  BodyWithMembersViewSchema,
  ChairPeriodInputSchema,
  ChairPeriodSchema,
  CreatedBodySchema,
  MemberIdSchema,
  MemberInputSchema,
  MemberPatchSchema,
  MemberSchema,
  MemberViewSchema,
} from '../../../shared/domain/body.js';
import {
  addMember,
  createBody,
  getBody,
  getMember,
  listBodies,
  listChairPeriods,
  proposeChairPeriod,
  recordChairPeriod,
  removeMember,
  updateBody,
  updateMember,
} from '../../../shared/use-cases/bodies.js';
import type { UseCaseDeps } from '../../../shared/use-cases/context.js';
import { actorOf, created, idempotencyKey, ifMatchVersion, withEtag } from '../conditional.js';
import { type Route, route } from '../route.js';
import { IdempotencyHeaders, IfMatchHeaders, VersionedResponses } from './headers.js';
import { ListQuerySchema, pageOf } from './list-query.js';

const now = '2026-11-23T08:00:00.000Z';
const exampleBody = {
  id: 'imk',
  name: 'Ständige Konferenz der Innenminister und -senatoren der Länder',
  shortName: 'IMK',
  kind: 'plenary',
  decisionRule: { kind: 'unanimity' },
  chairMemberId: 'DE-HH',
  version: 1,
  createdAt: now,
  updatedAt: now,
};
const exampleMember = {
  bodyId: 'imk',
  memberId: 'DE-HH',
  name: 'Hamburg',
  voting: true,
  people: [
    {
      id: '01JDEMO0000000000000000000',
      capacity: 'principal',
      name: 'Ernesto B. Dutschke',
      function: 'Senator für Inneres, Hamburg',
      email: 'minister@de-hh.example.org',
      language: 'de',
    },
  ],
  version: 1,
  createdAt: now,
  updatedAt: now,
};
const exampleMemberInput = {
  memberId: 'DE-HH',
  name: 'Hamburg',
  voting: true,
  people: [
    {
      capacity: 'principal',
      name: 'Ernesto B. Dutschke',
      function: 'Senator für Inneres, Hamburg',
      email: 'minister@de-hh.example.org',
    },
  ],
};
const examplePeriod = { memberId: 'DE-HE', from: '2028-01-01', to: '2028-12-31' };

const BodyParams = z.strictObject({ bodyId: BodyIdSchema });
const MemberParams = z.strictObject({ bodyId: BodyIdSchema, memberId: MemberIdSchema });
const tags = ['bodies'] as const;

/** Routes of `/v1/bodies`: bodies, their members and chair periods. */
export const bodyRoutes = (deps: UseCaseDeps): Route[] => [
  route(
    {
      method: 'get',
      path: '/v1/bodies',
      operationId: 'listBodies',
      summary: 'List the bodies of the conference',
      tags,
      access: 'staff',
      query: ListQuerySchema,
      responses: {
        200: {
          description: 'One page of bodies',
          schema: pageOf(BodySchema),
          example: { items: [exampleBody] },
        },
      },
    },
    async (c, { query }) => c.json(await listBodies(deps, actorOf(c), query)),
  ),
  route(
    {
      method: 'post',
      path: '/v1/bodies',
      operationId: 'createBody',
      summary:
        'Create a body (plenary, working group or crisis staff), with its members if you like',
      description:
        'Admins only. With `members` the members and their people are created in the same transaction; with `copyMembersFrom` the members and people of another body are copied (a working group "like the IMK"). One transaction takes 100 items: the body, each member, each person, an audit entry per body and member, and the idempotency record. A body that needs more is refused with 422 and nothing is created; add the remaining people with PATCH on the member.',
      tags,
      access: 'staff',
      headers: IdempotencyHeaders,
      body: BodyCreateSchema,
      bodyExample: {
        id: 'ak-ii',
        name: 'Arbeitskreis II – Innere Sicherheit',
        shortName: 'AK II',
        kind: 'working_group',
        decisionRule: { kind: 'unanimity' },
        parentBodyId: 'imk',
        copyMembersFrom: 'imk',
      },
      responses: {
        201: {
          description: 'Created, with its members when they were sent or copied',
          schema: CreatedBodySchema,
          example: {
            ...exampleBody,
            id: 'ak-ii',
            members: [{ ...exampleMember, bodyId: 'ak-ii' }],
          },
        },
        409: { description: 'A body with this id exists' },
        422: {
          description:
            'The parent or the body to copy does not exist, or the body needs more than one transaction',
        },
      },
    },
    async (c, { body }) => {
      const result = await createBody(deps, actorOf(c), body, idempotencyKey(c));
      return created(c, result, `/v1/bodies/${result.value.id}`);
    },
  ),
  route(
    {
      method: 'get',
      path: '/v1/bodies/{bodyId}',
      operationId: 'getBody',
      summary: 'A body with its members and their people',
      tags,
      access: 'staff',
      params: BodyParams,
      responses: {
        200: {
          description: 'The body',
          schema: BodyWithMembersViewSchema,
          example: { ...exampleBody, members: [exampleMember] },
        },
        404: { description: 'No such body' },
      },
    },
    async (c, { params }) => withEtag(c, await getBody(deps, actorOf(c), params.bodyId)),
  ),
  route(
    {
      method: 'patch',
      path: '/v1/bodies/{bodyId}',
      operationId: 'updateBody',
      summary: 'Change a body',
      description: 'Admins only.',
      tags,
      access: 'staff',
      params: BodyParams,
      headers: IfMatchHeaders,
      body: BodyPatchSchema,
      bodyExample: { chairMemberId: 'DE-HE' },
      responses: {
        200: { description: 'The changed body', schema: BodySchema, example: exampleBody },
        ...VersionedResponses,
      },
    },
    async (c, { params, body }) =>
      withEtag(c, await updateBody(deps, actorOf(c), params.bodyId, body, ifMatchVersion(c))),
  ),
  route(
    {
      method: 'post',
      path: '/v1/bodies/{bodyId}/members',
      operationId: 'addMember',
      summary: 'Add a member (a Land or the Bund) with its people',
      description: 'A voting member is added by an admin only; a guest also by the secretariat.',
      tags,
      access: 'staff',
      params: BodyParams,
      headers: IdempotencyHeaders,
      body: MemberInputSchema,
      bodyExample: exampleMemberInput,
      responses: {
        201: { description: 'Added', schema: MemberSchema, example: exampleMember },
        404: { description: 'No such body' },
        409: { description: 'The member exists' },
      },
    },
    async (c, { params, body }) => {
      const result = await addMember(deps, actorOf(c), params.bodyId, body, idempotencyKey(c));
      return created(c, result, `/v1/bodies/${params.bodyId}/members/${result.value.memberId}`);
    },
  ),
  route(
    {
      method: 'get',
      path: '/v1/bodies/{bodyId}/members/{memberId}',
      operationId: 'getMember',
      summary: 'One member with its people',
      tags,
      access: 'staff',
      params: MemberParams,
      responses: {
        200: { description: 'The member', schema: MemberViewSchema, example: exampleMember },
        404: { description: 'No such member' },
      },
    },
    async (c, { params }) =>
      withEtag(c, await getMember(deps, actorOf(c), params.bodyId, params.memberId)),
  ),
  route(
    {
      method: 'patch',
      path: '/v1/bodies/{bodyId}/members/{memberId}',
      operationId: 'updateMember',
      summary: "Change a member's name or voting right, or replace its people",
      description:
        'Giving or taking a vote needs an admin, like the decision rule. A person sent again (same address and capacity) keeps their id, and their language unless it is sent.',
      tags,
      access: 'staff',
      params: MemberParams,
      headers: IfMatchHeaders,
      body: MemberPatchSchema,
      bodyExample: { voting: false },
      responses: {
        200: { description: 'The changed member', schema: MemberSchema, example: exampleMember },
        ...VersionedResponses,
      },
    },
    async (c, { params, body }) =>
      withEtag(
        c,
        await updateMember(
          deps,
          actorOf(c),
          params.bodyId,
          params.memberId,
          body,
          ifMatchVersion(c),
        ),
      ),
  ),
  route(
    {
      method: 'delete',
      path: '/v1/bodies/{bodyId}/members/{memberId}',
      operationId: 'removeMember',
      summary: 'Remove a member and its people',
      description: 'A voting member is removed by an admin only.',
      tags,
      access: 'staff',
      params: MemberParams,
      headers: IfMatchHeaders,
      responses: { 204: { description: 'Removed' }, ...VersionedResponses },
    },
    async (c, { params }) => {
      await removeMember(deps, actorOf(c), params.bodyId, params.memberId, ifMatchVersion(c));
      return c.body(null, 204);
    },
  ),
  route(
    {
      method: 'get',
      path: '/v1/bodies/{bodyId}/chair-periods',
      operationId: 'listChairPeriods',
      summary: 'The recorded chair periods of a body',
      tags,
      access: 'staff',
      params: BodyParams,
      responses: {
        200: {
          description: 'Chair periods, oldest first',
          schema: z.object({ items: z.array(ChairPeriodSchema) }),
          example: {
            items: [
              { bodyId: 'imk', ...examplePeriod, version: 1, createdAt: now, updatedAt: now },
            ],
          },
        },
      },
    },
    async (c, { params }) =>
      c.json({ items: await listChairPeriods(deps, actorOf(c), params.bodyId) }),
  ),
  route(
    {
      method: 'get',
      path: '/v1/bodies/{bodyId}/chair-periods/next',
      operationId: 'proposeChairPeriod',
      summary: 'Propose the next chair period by the rotation rule',
      description: 'The chair changes every 1 January to the next Land in alphabetical order.',
      tags,
      access: 'staff',
      params: BodyParams,
      responses: {
        200: {
          description: 'The proposed period',
          schema: z.object({ memberId: z.string(), from: z.string(), to: z.string() }),
          example: examplePeriod,
        },
      },
    },
    async (c, { params }) => c.json(await proposeChairPeriod(deps, actorOf(c), params.bodyId)),
  ),
  route(
    {
      method: 'post',
      path: '/v1/bodies/{bodyId}/chair-periods',
      operationId: 'recordChairPeriod',
      summary: 'Record a chair period',
      tags,
      access: 'staff',
      params: BodyParams,
      body: ChairPeriodInputSchema,
      bodyExample: examplePeriod,
      responses: {
        201: {
          description: 'Recorded',
          schema: ChairPeriodSchema,
          example: { bodyId: 'imk', ...examplePeriod, version: 1, createdAt: now, updatedAt: now },
        },
        422: { description: 'Not a member, or overlapping another period' },
      },
    },
    async (c, { params, body }) => {
      const period = await recordChairPeriod(deps, actorOf(c), params.bodyId, body);
      return created(
        c,
        { value: period, replayed: false },
        `/v1/bodies/${params.bodyId}/chair-periods`,
      );
    },
  ),
];
