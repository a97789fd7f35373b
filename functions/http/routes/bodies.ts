import * as z from 'zod/mini';
import { BodyIdSchema, BodySchema, BodyWithMembersSchema } from '../../../shared/domain/body.js';
import { type BodyUseCaseDeps, getBody, listBodies } from '../../../shared/use-cases/bodies.js';
import { type Route, route } from '../route.js';
import { ListQuerySchema, pageOf } from './list-query.js';

const exampleBody = {
  id: 'imk',
  name: 'Ständige Konferenz der Innenminister und -senatoren der Länder',
  shortName: 'IMK',
  kind: 'plenary',
  decisionRule: { kind: 'unanimity' },
  chairMemberId: 'DE-HH',
  version: 1,
  createdAt: '2026-11-23T08:00:00.000Z',
  updatedAt: '2026-11-23T08:00:00.000Z',
};

const BodyParams = z.strictObject({ bodyId: BodyIdSchema });

/** Routes of `/v1/bodies`. */
export const bodyRoutes = (deps: BodyUseCaseDeps): Route[] => [
  route(
    {
      method: 'get',
      path: '/v1/bodies',
      operationId: 'listBodies',
      summary: 'List the bodies of the conference',
      tags: ['bodies'],
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
    async (c, { query }) => c.json(await listBodies(deps, query)),
  ),
  route(
    {
      method: 'get',
      path: '/v1/bodies/{bodyId}',
      operationId: 'getBody',
      summary: 'A body with its members and their people',
      tags: ['bodies'],
      access: 'staff',
      params: BodyParams,
      responses: {
        200: {
          description: 'The body',
          schema: BodyWithMembersSchema,
          example: {
            ...exampleBody,
            members: [
              {
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
              },
            ],
          },
        },
        404: { description: 'No such body' },
      },
    },
    async (c, { params }) => c.json(await getBody(deps, params.bodyId)),
  ),
];
