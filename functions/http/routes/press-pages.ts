import * as z from 'zod/mini';
import {
  ApproveInputSchema,
  CorrectionInputSchema,
  PressReleaseSchema,
  publicView,
} from '../../../shared/domain/press-release.js';
import {
  approvePressRelease,
  correctPressRelease,
  previewPressRelease,
} from '../../../shared/use-cases/press-approval.js';
import {
  confirmSubscription,
  openPressListLink,
  unsubscribe,
} from '../../../shared/use-cases/press-list.js';
import {
  listPublicPressReleases,
  publicPressRelease,
} from '../../../shared/use-cases/press-releases.js';
import type { AppDeps } from '../app.js';
import { actorOf, ifMatchVersion, withEtag } from '../conditional.js';
import { type FeedFormat, feedTypes, pressFeed } from '../feeds.js';
import {
  pressListPage,
  pressNotFoundPage,
  pressReleasePage,
  tombstonePage,
} from '../pages/press-page.js';
import { type Route, route } from '../route.js';
import { refused } from './answer-links.js';
import { IfMatchHeaders, VersionedResponses } from './headers.js';
import { IdSchema } from './params.js';
import { examplePressRelease } from './press-releases.js';

const ReleaseParams = z.strictObject({ releaseId: IdSchema });
const TokenParams = z.strictObject({ token: z.string().check(z.minLength(1), z.maxLength(800)) });
const tags = ['press releases'] as const;
const htmlPage = { contentType: 'text/html', schema: z.string(), example: '<!doctype html>…' };
const ok = (description: string) => ({
  200: { description, schema: PressReleaseSchema, example: examplePressRelease },
});
/** How many releases a feed carries. */
const feedSize = 50;

const wantsJson = (accept: string | undefined) =>
  /application\/json/i.test(accept ?? '') && !/text\/html/i.test(accept ?? '');

const origin = (url: string) => new URL(url).origin;

const linkDeps = async (deps: AppDeps) => ({ ...deps, linkSecret: await deps.linkSecret() });

const feedRoute = (deps: AppDeps, format: FeedFormat) =>
  route(
    {
      method: 'get',
      path: `/public/feeds/press-releases.${format}`,
      operationId: `pressFeed${format[0]?.toUpperCase()}${format.slice(1)}`,
      summary: `The press releases as ${{ atom: 'an Atom', rss: 'an RSS 2.0', json: 'a JSON Feed' }[format]} feed`,
      description:
        'Corrections appear as updates of the same entry; withdrawn releases leave the feed.',
      tags: ['public'],
      access: 'public',
      responses: {
        200: {
          description: 'The feed',
          contentType: feedTypes[format].split(';')[0] as string,
          schema: z.string(),
          example:
            format === 'json' ? '{"version":"https://jsonfeed.org/version/1", …}' : '<?xml …',
        },
      },
    },
    async (c) => {
      const page = await listPublicPressReleases(deps, { limit: feedSize });
      c.header('Cache-Control', 'public, max-age=30');
      return c.body(
        pressFeed(page.items, {
          base: origin(c.req.url),
          title: 'Ständige Konferenz der Innenminister und -senatoren der Länder',
          format,
          now: deps.clock.now(),
        }),
        200,
        { 'Content-Type': feedTypes[format] },
      );
    },
  );

const pressListLinkRoutes = (deps: AppDeps, kind: 'confirm' | 'unsubscribe'): Route[] => {
  const purpose = kind === 'confirm' ? 'press-confirm' : 'press-unsubscribe';
  const path = `/links/press-list/${kind}/{token}`;
  const act = kind === 'confirm' ? confirmSubscription : unsubscribe;
  return [
    route(
      {
        method: 'get',
        path,
        operationId: kind === 'confirm' ? 'openPressListConfirmation' : 'openPressListUnsubscribe',
        summary:
          kind === 'confirm'
            ? 'The page that confirms a press list subscription (opening it changes nothing)'
            : 'The page that ends a press list subscription (opening it changes nothing)',
        tags: ['public'],
        access: 'public',
        params: TokenParams,
        responses: {
          200: { description: 'German HTML page with a button', ...htmlPage },
          403: { description: 'Tampered or wrong-purpose link' },
          410: { description: 'Expired link' },
        },
      },
      async (c, { params }) => {
        try {
          const subscriber = await openPressListLink(await linkDeps(deps), params.token, purpose);
          c.header('Cache-Control', 'no-store');
          return c.html(
            pressListPage(kind, subscriber.email, `/links/press-list/${kind}/${params.token}`),
          );
        } catch (error) {
          return refused(c, error);
        }
      },
    ),
    route(
      {
        method: 'post',
        path,
        operationId: kind === 'confirm' ? 'confirmPressList' : 'unsubscribePressList',
        summary:
          kind === 'confirm'
            ? 'Confirm a press list subscription (double opt-in)'
            : 'Unsubscribe from the press list in one click (RFC 8058 List-Unsubscribe-Post)',
        tags: ['public'],
        access: 'public',
        params: TokenParams,
        responses: {
          200: { description: 'German HTML page', ...htmlPage },
          403: { description: 'Tampered or wrong-purpose link' },
          410: { description: 'Expired link' },
        },
      },
      async (c, { params }) => {
        try {
          const subscriber = await act(await linkDeps(deps), params.token);
          c.header('Cache-Control', 'no-store');
          return c.html(
            pressListPage(kind === 'confirm' ? 'confirmed' : 'unsubscribed', subscriber.email, ''),
          );
        } catch (error) {
          return refused(c, error);
        }
      },
    ),
  ];
};

/**
 * The press routes that render: approval and corrections (they render the
 * Markdown once and store it), the staff preview, the public page of a
 * release, the feeds, and the press list's link pages. Served by the
 * documents function, so the Markdown renderer never loads in the API.
 */
export const pressPageRoutes = (deps: AppDeps): Route[] => [
  route(
    {
      method: 'post',
      path: '/v1/press-releases/{releaseId}/approval',
      operationId: 'approvePressRelease',
      summary: 'Approve a submitted release, optionally under embargo (chair)',
      description:
        'Freezes the live facts and renders the text. With `embargoUntil` in the future the release is scheduled and appears nowhere public before that instant; with `preSend` the press list receives it now, marked "Sperrfrist: …".',
      tags,
      access: 'staff',
      params: ReleaseParams,
      body: ApproveInputSchema,
      bodyExample: { embargoUntil: '2027-02-10T11:00:00+01:00', preSend: false },
      responses: {
        ...ok('Approved (or scheduled)'),
        ...VersionedResponses,
        422: { description: 'preSend without an embargo in the future' },
      },
    },
    async (c, { params, body }) =>
      withEtag(c, await approvePressRelease(deps, actorOf(c), params.releaseId, body)),
  ),
  route(
    {
      method: 'post',
      path: '/v1/press-releases/{releaseId}/corrections',
      operationId: 'correctPressRelease',
      summary: 'Correct a published release; it is marked "korrigiert" with the time',
      tags,
      access: 'staff',
      params: ReleaseParams,
      headers: IfMatchHeaders,
      body: CorrectionInputSchema,
      bodyExample: { title: examplePressRelease.title, note: 'Datum berichtigt.' },
      responses: { ...ok('Corrected'), ...VersionedResponses },
    },
    async (c, { params, body }) =>
      withEtag(
        c,
        await correctPressRelease(deps, actorOf(c), params.releaseId, body, ifMatchVersion(c)),
      ),
  ),
  route(
    {
      method: 'get',
      path: '/v1/press-releases/{releaseId}/preview',
      operationId: 'previewPressRelease',
      summary: 'The release as it would be published now, with live facts (HTML)',
      tags,
      access: 'staff',
      params: ReleaseParams,
      responses: {
        200: { description: 'German HTML page', ...htmlPage },
        404: { description: 'No such release' },
      },
    },
    async (c, { params }) => {
      const { release, html } = await previewPressRelease(deps, actorOf(c), params.releaseId);
      c.header('Cache-Control', 'no-store');
      return c.html(pressReleasePage(release, html, { preview: true }));
    },
  ),
  route(
    {
      method: 'get',
      path: '/public/press-releases/{releaseId}',
      operationId: 'getPublicPressRelease',
      summary: 'One published press release: an HTML page, or JSON by Accept (no token)',
      description:
        'Before its embargo a release is 404 like an unknown one; a withdrawn release leaves a tombstone (410).',
      tags: ['public'],
      access: 'public',
      params: ReleaseParams,
      responses: {
        200: { description: 'German HTML page', ...htmlPage },
        404: { description: 'Unknown, or not yet public' },
        410: { description: 'Withdrawn (tombstone page)' },
      },
    },
    async (c, { params }) => {
      const release = await publicPressRelease(deps, params.releaseId);
      c.header('Vary', 'Accept');
      if (release === undefined) {
        c.header('Cache-Control', 'no-store');
        return c.html(pressNotFoundPage(), 404);
      }
      c.header('Cache-Control', 'public, max-age=30');
      if (release.state === 'withdrawn') return c.html(tombstonePage(release), 410);
      if (wantsJson(c.req.header('accept'))) return c.json(publicView(release));
      return c.html(pressReleasePage(release, release.html ?? ''));
    },
  ),
  feedRoute(deps, 'atom'),
  feedRoute(deps, 'rss'),
  feedRoute(deps, 'json'),
  ...pressListLinkRoutes(deps, 'confirm'),
  ...pressListLinkRoutes(deps, 'unsubscribe'),
];
