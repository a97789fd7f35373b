import * as z from 'zod/mini';
import { TooManyRequestsError } from '../../../shared/domain/errors.js';
import { renderMessage } from '../../../shared/domain/messages.js';
import { SubscribeInputSchema } from '../../../shared/domain/press-list.js';
import {
  type PressRelease,
  PublicPressReleaseSchema,
  publicView,
} from '../../../shared/domain/press-release.js';
import {
  confirmSubscription,
  openPressListLink,
  subscribe,
  unsubscribe,
} from '../../../shared/use-cases/press-list.js';
import {
  listPublicPressReleases,
  publicPressRelease,
} from '../../../shared/use-cases/press-releases.js';
import type { AppDeps } from '../app.js';
import { clientAddress } from '../client-address.js';
import { type FeedFormat, feedTypes, pressFeed } from '../feeds.js';
import {
  pressListPage,
  pressNotFoundPage,
  pressReleasePage,
  tombstonePage,
} from '../pages/press-page.js';
import { pressListingPage, subscriptionPage } from '../public/press-area.js';
import { type Route, route } from '../route.js';
import { htmlPage, linkDeps, readForm, refused, TokenParams, wantsHtml } from './link-pages.js';
import { ListQuerySchema, pageOf } from './list-query.js';
import { IdSchema } from './params.js';

const ReleaseParams = z.strictObject({ releaseId: IdSchema });
/** How many releases a feed carries. */
const feedSize = 50;

const wantsJson = (accept: string | undefined) =>
  /application\/json/i.test(accept ?? '') && !/text\/html/i.test(accept ?? '');

/** A published release as the list's example shows it. */
const exampleListed = {
  id: '01JDEMOPRESS00000000000000',
  title: 'Konstituierende Sitzung der IMK findet in Hamburg statt',
  dateline: 'HAMBURG',
  html: '<p>Die konstituierende Sitzung …</p>',
  contacts: [{ name: 'Pressestelle der Behörde für Inneres', phone: '+49 40 42839-0' }],
  images: [],
  publishedAt: '2027-02-10T10:00:00.000Z',
};

/**
 * The published releases, newest first: JSON for programs (no Accept, or
 * `application/json`), the German page for browsers (`text/html` first).
 */
const pressListRoute = (deps: AppDeps) =>
  route(
    {
      method: 'get',
      path: '/public/press-releases',
      operationId: 'listPublicPressReleases',
      summary: 'Published press releases, newest first (no token): JSON, or HTML by Accept',
      description:
        'A release under embargo appears at its embargo, to the second, and not before. Browsers (`Accept: text/html`) get the German page with the feeds linked and the press list form; `next` pages on.',
      tags: ['public'],
      access: 'public',
      query: ListQuerySchema,
      responses: {
        200: {
          description: 'One page of releases',
          schema: pageOf(PublicPressReleaseSchema),
          example: { items: [exampleListed] },
        },
      },
    },
    async (c, { query }) => {
      const page = await listPublicPressReleases(deps, { limit: query.limit, next: query.next });
      c.header('Cache-Control', 'public, max-age=30');
      c.header('Vary', 'Accept');
      if (wantsHtml(c.req.header('accept'))) {
        return c.html(
          pressListingPage({
            releases: page.items as PressRelease[],
            next: page.next,
            paged: query.next !== undefined,
            limit: query.limit,
          }),
        );
      }
      return c.json({
        items: page.items.map(publicView),
        ...(page.next ? { next: page.next } : {}),
      });
    },
  );

const subscriptionPath = '/public/press-list/subscription';

/**
 * The press list's form for browsers: the page, and its plain POST, which
 * asks for the same double opt-in as the JSON `POST /public/press-list` and
 * answers the same page for every address.
 */
const subscriptionRoutes = (deps: AppDeps): Route[] => [
  route(
    {
      method: 'get',
      path: subscriptionPath,
      operationId: 'openPressListSubscription',
      summary: 'The German page with the press list form (works without script)',
      tags: ['public'],
      access: 'public',
      responses: { 200: { description: 'German HTML page with a form', ...htmlPage } },
    },
    (c) => {
      c.header('Cache-Control', 'public, max-age=300');
      return c.html(subscriptionPage({ kind: 'form', form: {} }));
    },
  ),
  route(
    {
      method: 'post',
      path: subscriptionPath,
      operationId: 'submitPressListSubscription',
      summary:
        'Subscribe to the press list from the form (fields: email, name): double opt-in by mail',
      description:
        'The same request as `POST /public/press-list`, from an HTML form: the answer page says that a confirmation mail is on its way, whether the address is new or known. A wrong address shows the form again (422); too many sign-ups from one client, 429.',
      tags: ['public'],
      access: 'public',
      responses: {
        200: { description: 'German HTML page: what happens next', ...htmlPage },
        400: { description: 'Not a form' },
        422: { description: 'Not an e-mail address: the form again, with the error' },
        429: { description: 'Too many requests from this client (HTML page, Retry-After)' },
      },
    },
    async (c) => {
      const field = await readForm(c);
      const form = { email: field('email')?.trim(), name: field('name')?.trim() };
      c.header('Cache-Control', 'no-store');
      const parsed = SubscribeInputSchema.safeParse({
        email: form.email ?? '',
        ...(form.name ? { name: form.name } : {}),
      });
      if (!parsed.success) {
        const nameWrong = parsed.error.issues.some((issue) => issue.path[0] === 'name');
        return c.html(
          subscriptionPage({
            kind: 'form',
            form: {
              ...form,
              error: nameWrong
                ? 'Bitte geben Sie den Namen in einer Zeile und mit höchstens 120 Zeichen an.'
                : 'Bitte geben Sie eine gültige E-Mail-Adresse an, zum Beispiel redaktion@zeitung.de.',
            },
          }),
          422,
        );
      }
      try {
        await subscribe(deps, parsed.data, clientAddress(c));
      } catch (error) {
        if (!(error instanceof TooManyRequestsError)) throw error;
        c.header('Retry-After', String(error.retryAfterSeconds));
        return c.html(
          subscriptionPage({ kind: 'too-many', text: renderMessage(error.detail, 'de') }),
          429,
        );
      }
      return c.html(subscriptionPage({ kind: 'requested', email: parsed.data.email }));
    },
  ),
];

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
 * The public press pages: the list of releases (JSON or HTML by Accept), a
 * release's page, the feeds, the press list's form and its link pages.
 * Served by the documents function.
 */
export const pressPageRoutes = (deps: AppDeps): Route[] => [
  pressListRoute(deps),
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
  ...subscriptionRoutes(deps),
  ...pressListLinkRoutes(deps, 'confirm'),
  ...pressListLinkRoutes(deps, 'unsubscribe'),
];
