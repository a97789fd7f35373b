import type { Context } from 'hono';
import * as z from 'zod/mini';
import { BodyIdSchema } from '../../../shared/domain/body.js';
import type { UseCaseDeps } from '../../../shared/use-cases/context.js';
import {
  OParlUrls,
  oparlAgendaItem,
  oparlBodies,
  oparlBody,
  oparlFile,
  oparlLocation,
  oparlMeeting,
  oparlMeetings,
  oparlMembership,
  oparlOrganization,
  oparlOrganizations,
  oparlPaper,
  oparlPapers,
  oparlPeople,
  oparlPerson,
  systemObject,
} from '../../../shared/use-cases/oparl.js';
import type { AppEnv } from '../app-env.js';
import { type Route, type RouteDefinition, route } from '../route.js';
import { ListQuerySchema } from './list-query.js';
import { IdSchema } from './params.js';

const ObjectSchema = z.looseObject({ id: z.string(), type: z.string() });
const ListSchema = z.object({
  data: z.array(ObjectSchema),
  pagination: z.object({ elementsPerPage: z.number() }),
  links: z.object({ next: z.optional(z.string()) }),
});
const base = 'https://api.imk.example.org/oparl/v1';
const exampleObject = (name: string, path: string) => ({
  id: `${base}${path}`,
  type: `https://schema.oparl.org/1.1/${name}`,
  created: '2026-11-23T08:00:00.000Z',
  modified: '2026-11-23T08:00:00.000Z',
});
const BodyParams = z.strictObject({ bodyId: BodyIdSchema });
const PersonParams = z.strictObject({ bodyId: BodyIdSchema, personId: IdSchema });
const MeetingParams = z.strictObject({ sessionId: IdSchema });
const ItemParams = z.strictObject({ sessionId: IdSchema, itemId: IdSchema });
const FileParams = z.strictObject({ sessionId: IdSchema, paperId: IdSchema });
const PaperParams = z.strictObject({ resolutionId: IdSchema });

const urlsOf = (c: Context<AppEnv>) => new OParlUrls(`${new URL(c.req.url).origin}/oparl/v1`);

const answer = async (c: Context<AppEnv>, value: Promise<unknown>) => {
  const body = await value;
  c.header('Cache-Control', 'public, max-age=60');
  c.header('Access-Control-Allow-Origin', '*');
  return c.json(body);
};

type OParlDefinition = Pick<RouteDefinition, 'path' | 'operationId' | 'summary'> & {
  object: string;
  list?: boolean;
};

const define = <P extends z.ZodMiniType | undefined, Q extends z.ZodMiniType | undefined>(
  spec: OParlDefinition & { params?: P; query?: Q },
  handler: Parameters<typeof route<P, Q, undefined>>[1],
): Route =>
  route<P, Q, undefined>(
    {
      method: 'get',
      path: spec.path,
      operationId: spec.operationId,
      summary: spec.summary,
      tags: ['oparl'],
      access: 'public',
      ...(spec.params ? { params: spec.params } : {}),
      ...(spec.query ? { query: spec.query } : {}),
      responses: {
        200: spec.list
          ? {
              description: `An OParl list of ${spec.object} objects`,
              schema: ListSchema,
              example: {
                data: [exampleObject(spec.object, '/…')],
                pagination: { elementsPerPage: 25 },
                links: {},
              },
            }
          : {
              description: `An OParl ${spec.object}`,
              schema: ObjectSchema,
              example: exampleObject(spec.object, spec.path.replace('/oparl/v1', '')),
            },
        404: { description: 'Unknown, or not public' },
      },
    } as RouteDefinition<P, Q, undefined>,
    handler,
  );

/**
 * The OParl 1.1 read API under `/oparl/v1`: public, no token, ids as URLs,
 * lists with `data`, `pagination` and `links`. Only what is public.
 */
export const oparlRoutes = (deps: UseCaseDeps): Route[] => [
  define(
    { path: '/oparl/v1', operationId: 'oparlSystem', summary: 'OParl System', object: 'System' },
    (c) => answer(c, Promise.resolve(systemObject(urlsOf(c), '2026-11-23T00:00:00.000Z'))),
  ),
  define(
    {
      path: '/oparl/v1/bodies',
      operationId: 'oparlBodies',
      summary: 'OParl Body list',
      object: 'Body',
      list: true,
      query: ListQuerySchema,
    },
    (c, { query }) =>
      answer(c, oparlBodies(deps, urlsOf(c), { limit: query.limit, next: query.next })),
  ),
  define(
    {
      path: '/oparl/v1/bodies/{bodyId}',
      operationId: 'oparlBody',
      summary: 'OParl Body',
      object: 'Body',
      params: BodyParams,
    },
    (c, { params }) => answer(c, oparlBody(deps, urlsOf(c), params.bodyId)),
  ),
  define(
    {
      path: '/oparl/v1/bodies/{bodyId}/organizations',
      operationId: 'oparlOrganizations',
      summary: 'OParl Organization list of a body',
      object: 'Organization',
      list: true,
      params: BodyParams,
    },
    (c, { params }) => answer(c, oparlOrganizations(deps, urlsOf(c), params.bodyId)),
  ),
  define(
    {
      path: '/oparl/v1/organizations/{bodyId}',
      operationId: 'oparlOrganization',
      summary: 'OParl Organization',
      object: 'Organization',
      params: BodyParams,
    },
    (c, { params }) => answer(c, oparlOrganization(deps, urlsOf(c), params.bodyId)),
  ),
  define(
    {
      path: '/oparl/v1/bodies/{bodyId}/people',
      operationId: 'oparlPeople',
      summary: 'OParl Person list of a body (the ministers)',
      object: 'Person',
      list: true,
      params: BodyParams,
    },
    (c, { params }) => answer(c, oparlPeople(deps, urlsOf(c), params.bodyId)),
  ),
  define(
    {
      path: '/oparl/v1/bodies/{bodyId}/people/{personId}',
      operationId: 'oparlPerson',
      summary: 'OParl Person',
      object: 'Person',
      params: PersonParams,
    },
    (c, { params }) => answer(c, oparlPerson(deps, urlsOf(c), params.bodyId, params.personId)),
  ),
  define(
    {
      path: '/oparl/v1/bodies/{bodyId}/memberships/{personId}',
      operationId: 'oparlMembership',
      summary: 'OParl Membership (the Bund has votingRight false)',
      object: 'Membership',
      params: PersonParams,
    },
    (c, { params }) => answer(c, oparlMembership(deps, urlsOf(c), params.bodyId, params.personId)),
  ),
  define(
    {
      path: '/oparl/v1/bodies/{bodyId}/meetings',
      operationId: 'oparlMeetings',
      summary: 'OParl Meeting list of a body',
      object: 'Meeting',
      list: true,
      params: BodyParams,
      query: ListQuerySchema,
    },
    (c, { params, query }) =>
      answer(
        c,
        oparlMeetings(deps, urlsOf(c), params.bodyId, { limit: query.limit, next: query.next }),
      ),
  ),
  define(
    {
      path: '/oparl/v1/meetings/{sessionId}',
      operationId: 'oparlMeeting',
      summary: 'OParl Meeting',
      object: 'Meeting',
      params: MeetingParams,
    },
    (c, { params }) => answer(c, oparlMeeting(deps, urlsOf(c), params.sessionId)),
  ),
  define(
    {
      path: '/oparl/v1/meetings/{sessionId}/location',
      operationId: 'oparlLocation',
      summary: 'OParl Location of a meeting',
      object: 'Location',
      params: MeetingParams,
    },
    (c, { params }) => answer(c, oparlLocation(deps, urlsOf(c), params.sessionId)),
  ),
  define(
    {
      path: '/oparl/v1/meetings/{sessionId}/agenda-items/{itemId}',
      operationId: 'oparlAgendaItem',
      summary: 'OParl AgendaItem (public items only)',
      object: 'AgendaItem',
      params: ItemParams,
    },
    (c, { params }) => answer(c, oparlAgendaItem(deps, urlsOf(c), params.sessionId, params.itemId)),
  ),
  define(
    {
      path: '/oparl/v1/meetings/{sessionId}/files/{paperId}',
      operationId: 'oparlFile',
      summary: 'OParl File (a public paper of a released agenda item)',
      object: 'File',
      params: FileParams,
    },
    (c, { params }) => answer(c, oparlFile(deps, urlsOf(c), params.sessionId, params.paperId)),
  ),
  define(
    {
      path: '/oparl/v1/bodies/{bodyId}/papers',
      operationId: 'oparlPapers',
      summary: 'OParl Paper list of a body (released resolutions)',
      object: 'Paper',
      list: true,
      params: BodyParams,
      query: ListQuerySchema,
    },
    (c, { params, query }) =>
      answer(
        c,
        oparlPapers(deps, urlsOf(c), params.bodyId, { limit: query.limit, next: query.next }),
      ),
  ),
  define(
    {
      path: '/oparl/v1/papers/{resolutionId}',
      operationId: 'oparlPaper',
      summary: 'OParl Paper (a released resolution)',
      object: 'Paper',
      params: PaperParams,
    },
    (c, { params }) => answer(c, oparlPaper(deps, urlsOf(c), params.resolutionId)),
  ),
];
