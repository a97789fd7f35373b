import * as z from 'zod/mini';
import { BodyIdSchema } from '../../../shared/domain/body.js';
import { ResolutionSchema } from '../../../shared/domain/resolution.js';
import {
  BallotSchema,
  WrittenProcedureInputSchema,
  WrittenProcedureSchema,
} from '../../../shared/domain/written-procedure.js';
import type { UseCaseDeps } from '../../../shared/use-cases/context.js';
import {
  getWrittenProcedure,
  listWrittenProcedures,
  recordBallotForMember,
  startWrittenProcedure,
} from '../../../shared/use-cases/written-procedures.js';
import { actorOf, created, idempotencyKey, withEtag } from '../conditional.js';
import { type Route, route } from '../route.js';
import { IdempotencyHeaders } from './headers.js';
import { ListQuerySchema, pageOf } from './list-query.js';
import { IdSchema } from './params.js';
import { exampleResolution } from './resolutions.js';

const BodyParams = z.strictObject({ bodyId: BodyIdSchema });
const ProcedureParams = z.strictObject({ procedureId: IdSchema });
const BallotParams = z.strictObject({ procedureId: IdSchema, ballotId: IdSchema });
const BallotAnswerSchema = z.strictObject({
  /** One vote per resolution id of the procedure. */
  votes: z.record(z.string().check(z.maxLength(40)), z.enum(['yes', 'no', 'abstain'])),
  statements: z.optional(z.record(z.string().check(z.maxLength(40)), z.string())),
});
const tags = ['written procedures'] as const;

const exampleInput = {
  title: 'Gemeinsame Unterbringung von Geflüchteten aus der Ukraine',
  resolutions: [
    {
      title: 'Koordinierung der Unterbringung',
      text: 'Die Länder stimmen die Unterbringung über eine gemeinsame Stelle ab.\n\nDer Bund wird gebeten, die Kosten anteilig zu tragen.',
    },
  ],
  deadline: '2027-03-20T12:00:00+01:00',
  reminderOffsetsHours: [24],
};
const exampleProcedure = {
  id: '01JDEMOPROCEDURE0000000000',
  bodyId: 'imk',
  title: exampleInput.title,
  deadline: '2027-03-20T11:00:00.000Z',
  state: 'open',
  resolutionIds: ['01JDEMORESOLUTION000000000'],
  voters: ['DE-BW', 'DE-BY', 'DE-HH'],
  answered: ['DE-HH'],
  reminderOffsetsHours: [24],
  remindersSent: [],
  createdBy: 'geschaeftsstelle@imk.example.org',
  version: 2,
  createdAt: '2027-03-13T09:00:00.000Z',
  updatedAt: '2027-03-13T10:12:00.000Z',
};
const exampleBallot = {
  id: '01JDEMOBALLOT0000000000000',
  procedureId: exampleProcedure.id,
  bodyId: 'imk',
  memberId: 'DE-HH',
  personId: '01JDEMOPERSON0000000000000',
  name: 'Senator Beispiel',
  email: 'senator@de-hh.example.org',
  voting: true,
  votes: { '01JDEMORESOLUTION000000000': 'yes' },
  channel: 'link',
  answeredAt: '2027-03-13T10:12:00.000Z',
  version: 2,
  createdAt: '2027-03-13T09:00:00.000Z',
  updatedAt: '2027-03-13T10:12:00.000Z',
};

/** Routes of written procedures (Umlaufverfahren). */
export const writtenProcedureRoutes = (deps: UseCaseDeps): Route[] => [
  route(
    {
      method: 'post',
      path: '/v1/bodies/{bodyId}/written-procedures',
      operationId: 'startWrittenProcedure',
      summary: 'Put resolution texts to all voting members by mail, with a deadline',
      description:
        "Each minister gets a German mail with signed links (Zustimmung, Ablehnung, Enthaltung) and may answer by reply mail. Reminders go to those who have not answered; the procedure closes at the deadline or when all have answered, silence counting as the body's rule says; everyone is mailed the result.",
      tags,
      access: 'staff',
      params: BodyParams,
      headers: IdempotencyHeaders,
      body: WrittenProcedureInputSchema,
      bodyExample: exampleInput,
      responses: {
        201: { description: 'Started', schema: WrittenProcedureSchema, example: exampleProcedure },
        404: { description: 'No such body' },
        422: { description: 'Deadline in the past, or no voting members' },
      },
    },
    async (c, { params, body }) => {
      const result = await startWrittenProcedure(
        deps,
        actorOf(c),
        params.bodyId,
        body,
        idempotencyKey(c),
      );
      return created(c, result, `/v1/written-procedures/${result.value.id}`);
    },
  ),
  route(
    {
      method: 'get',
      path: '/v1/bodies/{bodyId}/written-procedures',
      operationId: 'listWrittenProcedures',
      summary: "A body's written procedures, newest first",
      tags,
      access: 'staff',
      params: BodyParams,
      query: ListQuerySchema,
      responses: {
        200: {
          description: 'One page of procedures',
          schema: pageOf(WrittenProcedureSchema),
          example: { items: [exampleProcedure] },
        },
        404: { description: 'No such body' },
      },
    },
    async (c, { params, query }) =>
      c.json(
        await listWrittenProcedures(deps, actorOf(c), params.bodyId, {
          limit: query.limit,
          next: query.next,
        }),
      ),
  ),
  route(
    {
      method: 'get',
      path: '/v1/written-procedures/{procedureId}',
      operationId: 'getWrittenProcedure',
      summary: 'A written procedure: its resolutions, and who has answered how',
      tags,
      access: 'staff',
      params: ProcedureParams,
      responses: {
        200: {
          description: 'The procedure',
          schema: z.object({
            ...WrittenProcedureSchema.shape,
            resolutions: z.array(ResolutionSchema),
            ballots: z.array(
              z.object({
                ...BallotSchema.shape,
                /** Only for the body's secretariat, chair and admins. */
                email: z.optional(z.string()),
              }),
            ),
          }),
          example: {
            ...exampleProcedure,
            resolutions: [{ ...exampleResolution, procedureId: exampleProcedure.id }],
            ballots: [exampleBallot],
          },
        },
        404: { description: 'No such procedure' },
      },
    },
    async (c, { params }) => {
      const view = await getWrittenProcedure(deps, actorOf(c), params.procedureId);
      return withEtag(c, {
        ...view.procedure,
        resolutions: view.resolutions,
        ballots: view.ballots,
      });
    },
  ),
  route(
    {
      method: 'post',
      path: '/v1/written-procedures/{procedureId}/ballots/{ballotId}/answer',
      operationId: 'recordBallotForMember',
      summary: "Record a Land's answer the secretariat took by phone or in writing",
      description:
        "The same path as the ballot page and reply mail, audited under the secretariat's name with the channel `secretariat`. A resolution in a written procedure takes votes only this way.",
      tags,
      access: 'staff',
      params: BallotParams,
      body: BallotAnswerSchema,
      bodyExample: { votes: { '01JDEMORESOLUTION000000000': 'yes' } },
      responses: {
        200: {
          description: 'The ballot with its answer',
          schema: BallotSchema,
          example: exampleBallot,
        },
        404: { description: 'No such procedure or ballot' },
        409: { description: 'The procedure is closed' },
        422: { description: 'Not every resolution answered, or a guest without a vote' },
      },
    },
    async (c, { params, body }) =>
      c.json(await recordBallotForMember(deps, actorOf(c), params, body)),
  ),
];
