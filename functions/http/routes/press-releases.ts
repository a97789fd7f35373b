import * as z from 'zod/mini';
import { SubscribeInputSchema } from '../../../shared/domain/press-list.js';
import {
  PressReleaseInputSchema,
  PressReleasePatchSchema,
  PressReleaseSchema,
  ReturnInputSchema,
  WithdrawInputSchema,
} from '../../../shared/domain/press-release.js';
import type { UseCaseDeps } from '../../../shared/use-cases/context.js';
import { subscribe } from '../../../shared/use-cases/press-list.js';
import {
  createPressRelease,
  getPressRelease,
  listPressReleases,
  publishPressRelease,
  returnPressRelease,
  submitPressRelease,
  updatePressRelease,
  withdrawPressRelease,
} from '../../../shared/use-cases/press-releases.js';
import { clientAddress } from '../client-address.js';
import { actorOf, created, idempotencyKey, ifMatchVersion, withEtag } from '../conditional.js';
import { type Route, route } from '../route.js';
import { IdempotencyHeaders, IfMatchHeaders, VersionedResponses } from './headers.js';
import { ListQuerySchema, pageOf } from './list-query.js';
import { IdSchema } from './params.js';

const ReleaseParams = z.strictObject({ releaseId: IdSchema });
const tags = ['press releases'] as const;

export const examplePressInput = {
  bodyId: 'imk',
  title: 'Konstituierende Sitzung der IMK findet in Hamburg statt',
  dateline: 'HAMBURG',
  body: 'Die konstituierende Sitzung der Ständigen Konferenz der Innenminister und -senatoren der Länder wird in der Freien und Hansestadt Hamburg stattfinden.\n\nVom {{termin}} werden die Ministerinnen und Minister in der {{ort}} beraten.\n\n{{teilnahme}}',
  contacts: [{ name: 'Pressestelle der Behörde für Inneres', phone: '+49 40 42839-0' }],
  sessionId: '01JDEMOSESSION000000000000',
  images: [
    {
      url: 'https://www.example.org/hamburger-rathaus.jpg',
      alt: 'Das Hamburger Rathaus',
      caption: 'Konstituierende Sitzung der IMK im Hamburger Rathaus',
    },
  ],
};
export const examplePressRelease = {
  id: '01JDEMOPRESS00000000000000',
  ...examplePressInput,
  state: 'scheduled',
  comments: [],
  facts: {
    attendance:
      'Bisher bestätigten die Ministerinnen und Minister aus Bayern, Hamburg, Nordrhein-Westfalen und Thüringen sowie der Bundesinnenminister ihre Teilnahme.',
    resolutions: [],
    dates: '3.–6. März 2027',
    place: 'Ratsstube, Hamburger Rathaus, Hamburg',
  },
  html: '<p>Die konstituierende Sitzung …</p>',
  approvedAt: '2027-02-10T09:00:00.000Z',
  approvedBy: 'vorsitz@de-hh.example.org',
  embargoUntil: '2027-02-10T10:00:00.000Z',
  publishAt: '2027-02-10T10:00:00.000Z',
  revisions: [],
  createdBy: 'presse@de-hh.example.org',
  version: 4,
  createdAt: '2027-02-09T15:00:00.000Z',
  updatedAt: '2027-02-10T09:00:00.000Z',
};
const ok = (description: string) => ({
  200: { description, schema: PressReleaseSchema, example: examplePressRelease },
});
const PublicationInputSchema = z.strictObject({
  /** Publish at this instant (which becomes the embargo); absent: now. */
  at: z.optional(z.iso.datetime({ offset: true })),
});

/** The staff steps of a press release that need no renderer, and the public list and press list. */
export const pressReleaseRoutes = (deps: UseCaseDeps): Route[] => [
  route(
    {
      method: 'post',
      path: '/v1/press-releases',
      operationId: 'createPressRelease',
      summary: 'Draft a press release (press officers)',
      description:
        'The body is Markdown. The placeholders {{teilnahme}}, {{beschluesse}}, {{termin}} and {{ort}} show the session’s live facts until the chair approves, and are frozen then.',
      tags,
      access: 'staff',
      headers: IdempotencyHeaders,
      body: PressReleaseInputSchema,
      bodyExample: examplePressInput,
      responses: {
        201: { description: 'Drafted', schema: PressReleaseSchema, example: examplePressRelease },
        403: { description: 'Not a press officer' },
        422: { description: 'Unknown session of the body' },
      },
    },
    async (c, { body }) => {
      const result = await createPressRelease(deps, actorOf(c), body, idempotencyKey(c));
      return created(c, result, `/v1/press-releases/${result.value.id}`);
    },
  ),
  route(
    {
      method: 'get',
      path: '/v1/press-releases',
      operationId: 'listPressReleases',
      summary: 'Every press release in every state, newest first',
      tags,
      access: 'staff',
      query: ListQuerySchema,
      responses: {
        200: {
          description: 'One page',
          schema: pageOf(PressReleaseSchema),
          example: { items: [examplePressRelease] },
        },
      },
    },
    async (c, { query }) =>
      c.json(await listPressReleases(deps, actorOf(c), { limit: query.limit, next: query.next })),
  ),
  route(
    {
      method: 'get',
      path: '/v1/press-releases/{releaseId}',
      operationId: 'getPressRelease',
      summary: 'One press release',
      tags,
      access: 'staff',
      params: ReleaseParams,
      responses: { ...ok('The release'), 404: { description: 'No such release' } },
    },
    async (c, { params }) => withEtag(c, await getPressRelease(deps, actorOf(c), params.releaseId)),
  ),
  route(
    {
      method: 'patch',
      path: '/v1/press-releases/{releaseId}',
      operationId: 'updatePressRelease',
      summary: 'Edit a draft (press officers)',
      tags,
      access: 'staff',
      params: ReleaseParams,
      headers: IfMatchHeaders,
      body: PressReleasePatchSchema,
      bodyExample: { title: examplePressInput.title },
      responses: { ...ok('The edited draft'), ...VersionedResponses },
    },
    async (c, { params, body }) =>
      withEtag(
        c,
        await updatePressRelease(deps, actorOf(c), params.releaseId, body, ifMatchVersion(c)),
      ),
  ),
  route(
    {
      method: 'post',
      path: '/v1/press-releases/{releaseId}/submission',
      operationId: 'submitPressRelease',
      summary: 'Submit a draft to the chair (press officers)',
      tags,
      access: 'staff',
      params: ReleaseParams,
      responses: { ...ok('Submitted'), ...VersionedResponses },
    },
    async (c, { params }) =>
      withEtag(c, await submitPressRelease(deps, actorOf(c), params.releaseId)),
  ),
  route(
    {
      method: 'post',
      path: '/v1/press-releases/{releaseId}/return',
      operationId: 'returnPressRelease',
      summary: 'Send a submitted release back to draft with a comment (chair)',
      tags,
      access: 'staff',
      params: ReleaseParams,
      body: ReturnInputSchema,
      bodyExample: { comment: 'Bitte die Teilnehmerliste aktualisieren.' },
      responses: { ...ok('Back to draft'), ...VersionedResponses },
    },
    async (c, { params, body }) =>
      withEtag(c, await returnPressRelease(deps, actorOf(c), params.releaseId, body)),
  ),
  route(
    {
      method: 'post',
      path: '/v1/press-releases/{releaseId}/publication',
      operationId: 'publishPressRelease',
      summary: 'Publish an approved release now, or schedule it (press officers or chair)',
      tags,
      access: 'staff',
      params: ReleaseParams,
      body: PublicationInputSchema,
      bodyExample: {},
      responses: { ...ok('Published or scheduled'), ...VersionedResponses },
    },
    async (c, { params, body }) =>
      withEtag(c, await publishPressRelease(deps, actorOf(c), params.releaseId, body)),
  ),
  route(
    {
      method: 'post',
      path: '/v1/press-releases/{releaseId}/withdrawal',
      operationId: 'withdrawPressRelease',
      summary: 'Withdraw a release: it leaves lists and feeds; its address shows a tombstone',
      tags,
      access: 'staff',
      params: ReleaseParams,
      body: WithdrawInputSchema,
      bodyExample: { reason: 'Auf Wunsch des Vorsitzes zurückgezogen.' },
      responses: { ...ok('Withdrawn'), ...VersionedResponses },
    },
    async (c, { params, body }) =>
      withEtag(c, await withdrawPressRelease(deps, actorOf(c), params.releaseId, body)),
  ),
  route(
    {
      method: 'post',
      path: '/public/press-list',
      operationId: 'subscribePressList',
      summary: 'Subscribe to the press list (double opt-in by mail)',
      description:
        'Always 202, whether the address is new or known, so that nobody learns who is on the list: the answer only records the request, and does the same work for every address. A confirmation mail follows unless the address is confirmed, was removed for a permanent bounce or a complaint, or had one in the last ten minutes. One client (by the source address API Gateway reports; an IPv6 client by its /64) may ask ten times an hour; then 429 with Retry-After.',
      tags: ['public'],
      access: 'public',
      body: SubscribeInputSchema,
      bodyExample: { email: 'redaktion@zeitung.example.org', name: 'Redaktion Innenpolitik' },
      responses: {
        202: {
          description: 'Accepted',
          schema: z.object({ message: z.string() }),
          example: { message: 'Bitte bestätigen Sie die Anmeldung über den Link in der E-Mail.' },
        },
        429: { description: 'Too many requests from this client; Retry-After says when again' },
      },
    },
    async (c, { body }) => {
      await subscribe(deps, body, clientAddress(c));
      return c.json(
        { message: 'Bitte bestätigen Sie die Anmeldung über den Link in der E-Mail.' },
        202,
      );
    },
  ),
];
