import * as z from 'zod/mini';
import { publicView } from '../../../shared/domain/press-release.js';
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
import { type FeedFormat, feedTypes, pressFeed } from '../feeds.js';
import {
  pressListPage,
  pressNotFoundPage,
  pressReleasePage,
  tombstonePage,
} from '../pages/press-page.js';
import { type Route, route } from '../route.js';
import { htmlPage, linkDeps, refused, TokenParams } from './link-pages.js';
import { IdSchema } from './params.js';

const ReleaseParams = z.strictObject({ releaseId: IdSchema });
/** How many releases a feed carries. */
const feedSize = 50;

const wantsJson = (accept: string | undefined) =>
  /application\/json/i.test(accept ?? '') && !/text\/html/i.test(accept ?? '');

const origin = (url: string) => new URL(url).origin;

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
  const gone =
    kind === 'confirm'
      ? 'Expired link, or one whose subscription ended since (an old link signs nobody up again)'
      : 'Expired link';
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
          410: { description: gone },
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
          410: { description: gone },
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
 * The public press pages: a release's page, the feeds, and the press list's
 * link pages. Served by the documents function.
 */
export const pressPageRoutes = (deps: AppDeps): Route[] => [
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
