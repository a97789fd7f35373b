import * as z from 'zod/mini';
import { StaffInputSchema, StaffPatchSchema, StaffSchema } from '../../../shared/domain/staff.js';
import {
  createStaff,
  getStaff,
  listStaff,
  removeStaff,
  type StaffDeps,
  signOutStaff,
  updateStaff,
} from '../../../shared/use-cases/staff.js';
import { actorOf, created, ifMatchVersion, withEtag } from '../conditional.js';
import { type Route, route } from '../route.js';
import { IfMatchHeaders, VersionedResponses } from './headers.js';
import { ListQuerySchema, pageOf } from './list-query.js';
import { IdSchema } from './params.js';

const now = '2026-11-23T08:00:00.000Z';
const exampleInput = {
  email: 'referat@de-by.example.org',
  name: 'Anna Huber',
  salutation: 'Frau Regierungsdirektorin',
  phone: '+49 89 2192-0',
  grants: [{ bodyId: 'imk', role: 'member', memberId: 'DE-BY' }],
};
const exampleStaff = {
  id: '01JDEMOSTAFF00000000000000',
  ...exampleInput,
  admin: false,
  version: 1,
  createdAt: now,
  updatedAt: now,
};

const StaffParams = z.strictObject({ staffId: IdSchema });
const tags = ['staff'] as const;
const access = ['admin', 'secretariat'] as const;
const whoManages =
  "Admins manage every staff member; a body's secretariat gives and takes that body's `member` and `press` grants.";

/**
 * Routes of `/v1/staff`: the staff directory, which the access tokens'
 * roles and bodies come from.
 *
 * @example
 * ```ts
 * const routes = staffRoutes({ repo, clock, staff: directory, accounts });
 * ```
 */
export const staffRoutes = (deps: StaffDeps): Route[] => [
  route(
    {
      method: 'get',
      path: '/v1/staff',
      operationId: 'listStaff',
      summary: 'List the staff members and their grants',
      description: 'An admin sees everyone; a secretariat the people with a grant of its bodies.',
      tags,
      access,
      query: ListQuerySchema,
      responses: {
        200: {
          description: 'One page of staff members, by address',
          schema: pageOf(StaffSchema),
          example: { items: [exampleStaff] },
        },
      },
    },
    async (c, { query }) => c.json(await listStaff(deps, actorOf(c), query)),
  ),
  route(
    {
      method: 'post',
      path: '/v1/staff',
      operationId: 'createStaff',
      summary: 'Add a staff member and send the invitation to sign in',
      description: `${whoManages} A \`member\` grant names the member (a Land) of that body the person works for.`,
      tags,
      access,
      body: StaffInputSchema,
      bodyExample: exampleInput,
      responses: {
        201: { description: 'Added', schema: StaffSchema, example: exampleStaff },
        404: { description: "A member grant's member is not part of the body" },
        409: { description: 'A staff member with this address exists' },
      },
    },
    async (c, { body }) => {
      const staff = await createStaff(deps, actorOf(c), body);
      return created(c, { value: staff, replayed: false }, `/v1/staff/${staff.id}`);
    },
  ),
  route(
    {
      method: 'get',
      path: '/v1/staff/{staffId}',
      operationId: 'getStaff',
      summary: 'One staff member with their grants',
      tags,
      access,
      params: StaffParams,
      responses: {
        200: { description: 'The staff member', schema: StaffSchema, example: exampleStaff },
        404: { description: 'No such staff member' },
      },
    },
    async (c, { params }) => withEtag(c, await getStaff(deps, actorOf(c), params.staffId)),
  ),
  route(
    {
      method: 'patch',
      path: '/v1/staff/{staffId}',
      operationId: 'updateStaff',
      summary: "Change a staff member's name, contact, admin flag or grants",
      description: `${whoManages} Changed grants take effect with the person's next token, at the latest when the current access token expires (one hour); \`POST /v1/staff/{staffId}/sign-out\` ends the sessions at once.`,
      tags,
      access,
      params: StaffParams,
      headers: IfMatchHeaders,
      body: StaffPatchSchema,
      bodyExample: { grants: [{ bodyId: 'imk', role: 'press' }] },
      responses: {
        200: {
          description: 'The changed staff member',
          schema: StaffSchema,
          example: exampleStaff,
        },
        ...VersionedResponses,
      },
    },
    async (c, { params, body }) =>
      withEtag(c, await updateStaff(deps, actorOf(c), params.staffId, body, ifMatchVersion(c))),
  ),
  route(
    {
      method: 'delete',
      path: '/v1/staff/{staffId}',
      operationId: 'removeStaff',
      summary: 'Remove a staff member: no more grants, account disabled and signed out',
      description: whoManages,
      tags,
      access,
      params: StaffParams,
      headers: IfMatchHeaders,
      responses: { 204: { description: 'Removed' }, ...VersionedResponses },
    },
    async (c, { params }) => {
      await removeStaff(deps, actorOf(c), params.staffId, ifMatchVersion(c));
      return c.body(null, 204);
    },
  ),
  route(
    {
      method: 'post',
      path: '/v1/staff/{staffId}/sign-out',
      operationId: 'signOutStaff',
      summary: 'Sign a staff member out everywhere',
      description:
        'Ends every session (the refresh tokens stop working), so that changed grants apply at the next sign-in instead of the next refresh. Access tokens already issued stay valid until they expire (one hour).',
      tags,
      access,
      params: StaffParams,
      responses: {
        204: { description: 'Signed out' },
        404: { description: 'No such staff member' },
      },
    },
    async (c, { params }) => {
      await signOutStaff(deps, actorOf(c), params.staffId);
      return c.body(null, 204);
    },
  ),
];
