import * as z from 'zod/mini';
import {
  CorrectionInputSchema,
  ReleaseAnswerInputSchema,
  ReleaseProposalInputSchema,
  ResolutionInputSchema,
  ResolutionPatchSchema,
  ResolutionSchema,
  SessionReleaseProposalInputSchema,
  StatementInputSchema,
  VoteGridInputSchema,
  VotesInputSchema,
  voteGridRows,
} from '../../../shared/domain/resolution.js';
import type { UseCaseDeps } from '../../../shared/use-cases/context.js';
import {
  addStatement,
  answerRelease,
  asSeenBy,
  correctResolution,
  createResolution,
  decideResolution,
  getResolution,
  listSessionResolutions,
  proposeRelease,
  recordVotes,
  updateResolution,
} from '../../../shared/use-cases/resolutions.js';
import { recordVoteGrid } from '../../../shared/use-cases/resolutions-grid.js';
import { proposeSessionRelease } from '../../../shared/use-cases/session-release.js';
import { actorOf, created, idempotencyKey, ifMatchVersion, withEtag } from '../conditional.js';
import { type Route, route } from '../route.js';
import { IdempotencyHeaders, IfMatchHeaders, VersionedResponses } from './headers.js';
import { IdSchema, SessionParams } from './params.js';

const ItemParams = z.strictObject({ sessionId: IdSchema, itemId: IdSchema });
const ResolutionParams = z.strictObject({ resolutionId: IdSchema });
const tags = ['resolutions'] as const;

const exampleInput = {
  title: 'Umgang mit dem Krieg in der Ukraine und den damit verbundenen Auswirkungen',
  text: 'Die Innenminister und -senatoren der Länder streben eine gemeinsame Koordinierung der Maßnahmen an.\n\nDies bezieht sich auf die Koordinierung, Registrierung und Unterbringung Flüchtender.',
  reports: [{ title: 'Bericht des AK II zur Unterbringung' }],
};
export const exampleResolution = {
  id: '01JDEMORESOLUTION000000000',
  bodyId: 'imk',
  sessionId: '01JDEMOSESSION000000000000',
  itemId: '01JDEMOITEM000000000000000',
  title: exampleInput.title,
  text: exampleInput.text,
  state: 'released',
  outcome: 'passed',
  decidedAt: '2027-03-06T11:00:00.000Z',
  tally: { yes: 16, no: 0, abstain: 0, absent: 0 },
  votes: {
    'DE-HH': {
      vote: 'yes',
      channel: 'secretariat',
      at: '2027-03-06T10:55:00.000Z',
      by: 'geschaeftsstelle@imk.example.org',
    },
  },
  statements: [
    {
      id: '01JDEMOSTATEMENT0000000000',
      memberIds: ['DE-BY'],
      text: 'Bayern hält eine Obergrenze für erforderlich.',
      at: '2027-03-06T10:58:00.000Z',
    },
  ],
  reports: [
    { id: '01JDEMOREPORT0000000000000', title: exampleInput.reports[0]?.title, released: true },
  ],
  revisions: [],
  release: {
    proposedAt: '2027-03-06T12:00:00.000Z',
    proposedBy: 'vorsitz@de-hh.example.org',
    objectionDeadline: '2027-03-09T12:00:00.000Z',
    consents: [],
    objections: [],
    settledAt: '2027-03-09T12:05:00.000Z',
  },
  version: 24,
  createdAt: '2027-03-06T10:30:00.000Z',
  updatedAt: '2027-03-09T12:05:00.000Z',
};

const ok = (description: string) => ({
  200: { description, schema: ResolutionSchema, example: exampleResolution },
});

/** Routes of resolutions (Beschlüsse): drafting, votes, decision, statements, corrections, release. */
export const resolutionRoutes = (deps: UseCaseDeps): Route[] => [
  route(
    {
      method: 'post',
      path: '/v1/sessions/{sessionId}/agenda-items/{itemId}/resolutions',
      operationId: 'createResolution',
      summary: 'Draft a resolution on an agenda item',
      description:
        'Paragraphs of the text are separated by a blank line; they are numbered when published.',
      tags,
      access: 'staff',
      params: ItemParams,
      headers: IdempotencyHeaders,
      body: ResolutionInputSchema,
      bodyExample: exampleInput,
      responses: {
        201: { description: 'Drafted', schema: ResolutionSchema, example: exampleResolution },
        ...VersionedResponses,
      },
    },
    async (c, { params, body }) => {
      const result = await createResolution(
        deps,
        actorOf(c),
        params.sessionId,
        params.itemId,
        body,
        idempotencyKey(c),
      );
      return created(c, result, `/v1/resolutions/${result.value.id}`);
    },
  ),
  route(
    {
      method: 'get',
      path: '/v1/sessions/{sessionId}/resolutions',
      operationId: 'listSessionResolutions',
      summary: "A session's resolutions in agenda order, in every state",
      tags,
      access: 'staff',
      params: SessionParams,
      responses: {
        200: {
          description: 'The resolutions',
          schema: z.object({ items: z.array(ResolutionSchema) }),
          example: { items: [exampleResolution] },
        },
        404: { description: 'No such session' },
      },
    },
    async (c, { params }) =>
      c.json({ items: await listSessionResolutions(deps, actorOf(c), params.sessionId) }),
  ),
  route(
    {
      method: 'get',
      path: '/v1/resolutions/{resolutionId}',
      operationId: 'getResolution',
      summary: 'One resolution with its votes, statements, revisions and release',
      tags,
      access: 'staff',
      params: ResolutionParams,
      responses: { ...ok('The resolution'), 404: { description: 'No such resolution' } },
    },
    async (c, { params }) =>
      withEtag(c, await getResolution(deps, actorOf(c), params.resolutionId)),
  ),
  route(
    {
      method: 'patch',
      path: '/v1/resolutions/{resolutionId}',
      operationId: 'updateResolution',
      summary: 'Edit a draft; the earlier wording is kept as a revision',
      tags,
      access: 'staff',
      params: ResolutionParams,
      headers: IfMatchHeaders,
      body: ResolutionPatchSchema,
      bodyExample: { text: exampleInput.text },
      responses: { ...ok('The edited draft'), ...VersionedResponses },
    },
    async (c, { params, body }) =>
      withEtag(
        c,
        await updateResolution(deps, actorOf(c), params.resolutionId, body, ifMatchVersion(c)),
      ),
  ),
  route(
    {
      method: 'put',
      path: '/v1/resolutions/{resolutionId}/votes',
      operationId: 'recordVotes',
      summary: 'Record the votes of one or more voting members',
      description:
        'Only while the resolution is a draft. A guest (the Bund) has no vote (422). The same vote again changes nothing; concurrent calls never lose or double a vote.',
      tags,
      access: 'staff',
      params: ResolutionParams,
      body: VotesInputSchema,
      bodyExample: {
        votes: [
          { memberId: 'DE-HH', vote: 'yes' },
          { memberId: 'DE-BY', vote: 'yes', deputy: 'Staatssekretär Beispiel' },
          { memberId: 'DE-SN', vote: 'abstain' },
        ],
      },
      responses: {
        ...ok('The resolution with the votes'),
        404: { description: 'No such resolution' },
        409: { description: 'Already decided' },
        422: { description: 'A guest or unknown member' },
      },
    },
    async (c, { params, body }) =>
      withEtag(c, await recordVotes(deps, actorOf(c), params.resolutionId, body)),
  ),
  route(
    {
      method: 'put',
      path: '/v1/sessions/{sessionId}/votes',
      operationId: 'recordVoteGrid',
      summary: 'Record the votes and decisions of a session in one call (members × resolutions)',
      description: `One row per resolution of the session (at most ${voteGridRows}), each with its members' votes and, with \`decide: true\`, the decision right after them. All rows are written in one transaction: either every row counts or none does, and a refused row is named in the problem's \`errors\` (\`body.rows.<n>…\`). As with single votes, a guest (the Bund) has no vote, a represented member votes through the deputy, votes do not change after the decision, and the same grid again changes nothing. Each item of the answer carries its \`version\` for the next \`If-Match\`.`,
      tags,
      access: 'staff',
      params: SessionParams,
      body: VoteGridInputSchema,
      bodyExample: {
        rows: [
          {
            resolutionId: '01JDEMRES0000000000000000A',
            votes: [
              { memberId: 'DE-HH', vote: 'yes' },
              { memberId: 'DE-BY', vote: 'yes', deputy: 'Staatssekretär Beispiel' },
              { memberId: 'DE-SN', vote: 'abstain' },
            ],
            decide: true,
          },
        ],
      },
      responses: {
        200: {
          description: 'The resolutions of the rows, in row order, as they are now',
          schema: z.object({ items: z.array(ResolutionSchema) }),
          example: { items: [exampleResolution] },
        },
        404: { description: 'No such session' },
        409: { description: 'A resolution of a row is decided, or belongs to a written procedure' },
        422: { description: 'A guest or unknown member, or a resolution of another session' },
      },
    },
    async (c, { params, body }) =>
      c.json({ items: await recordVoteGrid(deps, actorOf(c), params.sessionId, body) }),
  ),
  route(
    {
      method: 'post',
      path: '/v1/resolutions/{resolutionId}/decision',
      operationId: 'decideResolution',
      summary: "Close the vote: the result follows from the votes and the body's rule",
      description:
        'Voting members without a vote count as absent. Repeating the call returns the decided resolution unchanged.',
      tags,
      access: 'staff',
      params: ResolutionParams,
      responses: {
        ...ok('The decided resolution'),
        404: { description: 'No such resolution' },
        409: { description: 'Part of a written procedure' },
      },
    },
    async (c, { params }) =>
      withEtag(c, await decideResolution(deps, actorOf(c), params.resolutionId)),
  ),
  route(
    {
      method: 'post',
      path: '/v1/resolutions/{resolutionId}/statements',
      operationId: 'addStatement',
      summary: 'Attach a protocol statement (Protokollerklärung) of one or more members',
      tags,
      access: 'staff',
      params: ResolutionParams,
      body: StatementInputSchema,
      bodyExample: {
        memberIds: ['DE-BY'],
        text: 'Bayern hält eine Obergrenze für erforderlich.',
      },
      responses: {
        ...ok('The resolution with the statement'),
        404: { description: 'No such resolution' },
        422: { description: 'Unknown member' },
      },
    },
    async (c, { params, body }) =>
      withEtag(c, await addStatement(deps, actorOf(c), params.resolutionId, body)),
  ),
  route(
    {
      method: 'post',
      path: '/v1/resolutions/{resolutionId}/corrections',
      operationId: 'correctResolution',
      summary: 'Correct a decided resolution, with a visible trace and reason',
      tags,
      access: 'staff',
      params: ResolutionParams,
      headers: IfMatchHeaders,
      body: CorrectionInputSchema,
      bodyExample: {
        text: exampleInput.text,
        note: 'Schreibfehler im zweiten Absatz berichtigt.',
      },
      responses: { ...ok('The corrected resolution'), ...VersionedResponses },
    },
    async (c, { params, body }) =>
      withEtag(
        c,
        await correctResolution(deps, actorOf(c), params.resolutionId, body, ifMatchVersion(c)),
      ),
  ),
  route(
    {
      method: 'post',
      path: '/v1/resolutions/{resolutionId}/release-proposal',
      operationId: 'proposeRelease',
      summary: 'The chair proposes to release a passed resolution for publication',
      description:
        'Chair of the body (or admin) only. The voting Länder may object within objectionHours; without objection the resolution is released when the period ends or when all have consented.',
      tags,
      access: 'staff',
      params: ResolutionParams,
      body: ReleaseProposalInputSchema,
      bodyExample: { objectionHours: 72 },
      responses: {
        ...ok('The resolution with the pending release'),
        404: { description: 'No such resolution' },
        409: { description: 'Not a passed, decided resolution' },
      },
    },
    async (c, { params, body }) =>
      withEtag(c, await proposeRelease(deps, actorOf(c), params.resolutionId, body)),
  ),
  route(
    {
      method: 'post',
      path: '/v1/sessions/{sessionId}/release-proposal',
      operationId: 'proposeSessionRelease',
      summary: 'The chair proposes to release several passed resolutions of a session in one call',
      description:
        'Chair of the body (or admin) only. Each voting Land gets one mail with one page listing the resolutions, where it consents or objects per resolution; each resolution is then settled on its own, as if proposed alone. Resolutions proposed before are left as they are; a repeated request mails no one again.',
      tags,
      access: 'staff',
      params: SessionParams,
      body: SessionReleaseProposalInputSchema,
      bodyExample: {
        resolutionIds: ['01JDEMORESOLUTION000000000', '01JDEMORESOLUTION000000001'],
        objectionHours: 72,
      },
      responses: {
        200: {
          description:
            'The resolutions with their pending releases, and the batch the Länder answer on one page (absent when nothing new was proposed)',
          schema: z.object({ batchId: z.optional(z.string()), items: z.array(ResolutionSchema) }),
          example: { batchId: '01JDEMORELEASEBATCH0000000', items: [exampleResolution] },
        },
        404: { description: 'No such session, or a resolution not of this session' },
        409: { description: 'A resolution is not passed and decided' },
        422: {
          description: 'Too short an objection period, or not a voting member in consentedBy',
        },
      },
    },
    async (c, { params, body }) => {
      const actor = actorOf(c);
      const proposal = await proposeSessionRelease(deps, actor, params.sessionId, body);
      return c.json({
        ...(proposal.batchId === undefined ? {} : { batchId: proposal.batchId }),
        items: proposal.resolutions.map((resolution) => asSeenBy(actor, resolution)),
      });
    },
  ),
  route(
    {
      method: 'post',
      path: '/v1/resolutions/{resolutionId}/release-answers',
      operationId: 'answerRelease',
      summary: "Record a voting Land's consent to or objection against the release",
      description:
        'An objection keeps the resolution internal; an objection naming reports withholds only those reports ("nicht freigegeben").',
      tags,
      access: 'staff',
      params: ResolutionParams,
      body: ReleaseAnswerInputSchema,
      bodyExample: {
        memberId: 'DE-SN',
        answer: 'object',
        reason: 'Vertraulich bis zur Kabinettsbefassung.',
      },
      responses: {
        ...ok('The resolution with the answer'),
        404: { description: 'No such resolution' },
        409: { description: 'No release proposed, or already settled' },
        422: { description: 'Not a voting member, or an unknown report' },
      },
    },
    async (c, { params, body }) =>
      withEtag(c, await answerRelease(deps, actorOf(c), params.resolutionId, body)),
  ),
];
