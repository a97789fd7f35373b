import type { RouteGroup } from '../lazy-routes.js';

/**
 * The routes of the documents function (answer pages behind links, the
 * calendar, public pages and the press area), by module, each loaded on
 * first use (see `lazyRouteGroup`). A test checks them against the modules.
 */
export const documentRouteGroups: readonly RouteGroup[] = [
  {
    routes: [['get', '/v1/sessions/{sessionId}/calendar.ics']],
    load: async () => (await import('./documents.js')).documentRoutes,
  },
  {
    routes: [
      ['get', '/links/invitations/{token}'],
      ['post', '/links/invitations/{token}'],
    ],
    load: async () => (await import('./answer-links.js')).answerLinkRoutes,
  },
  {
    routes: [
      ['get', '/links/ballots/{token}'],
      ['post', '/links/ballots/{token}'],
    ],
    load: async () => (await import('./ballot-links.js')).ballotLinkRoutes,
  },
  {
    routes: [
      ['get', '/links/releases/{token}'],
      ['post', '/links/releases/{token}'],
      ['get', '/links/session-releases/{token}'],
      ['post', '/links/session-releases/{token}'],
    ],
    load: async () => (await import('./release-links.js')).releaseLinkRoutes,
  },
  {
    routes: [['get', '/links/papers/{token}']],
    load: async () => (await import('./papers.js')).paperLinkRoutes,
  },
  {
    routes: [['get', '/public/sessions/{sessionId}/resolutions']],
    load: async () => (await import('./public-resolutions.js')).publicResolutionRoutes,
  },
  {
    routes: [
      ['get', '/public/bodies/{bodyId}/sessions'],
      ['get', '/public/bodies/{bodyId}/sessions.ics'],
      ['get', '/public/sessions/{sessionId}'],
    ],
    load: async () => (await import('./public-resolutions.js')).publicSessionRoutes,
  },
  {
    routes: [
      ['get', '/public/press-releases'],
      ['get', '/public/press-releases/{releaseId}'],
      ['get', '/public/feeds/press-releases.atom'],
      ['get', '/public/feeds/press-releases.rss'],
      ['get', '/public/feeds/press-releases.json'],
      ['get', '/public/press-list/subscription'],
      ['post', '/public/press-list/subscription'],
      ['get', '/links/press-list/confirm/{token}'],
      ['post', '/links/press-list/confirm/{token}'],
      ['get', '/links/press-list/unsubscribe/{token}'],
      ['post', '/links/press-list/unsubscribe/{token}'],
    ],
    load: async () => (await import('./press-pages.js')).pressPageRoutes,
  },
];
