import type { AppDeps, Mount } from '../app.js';
import { lazyRouteGroup, type RouteGroup } from '../lazy-routes.js';
import { type AssetName, mountConsoleAssets } from './assets.js';

/**
 * The console's pages and form actions, by module, each loaded with its
 * first request: opening the overview does not load the press editor's
 * Markdown renderer or the vote grid. The same pages, eagerly:
 * `consoleRoutes`. A test checks that both agree.
 */
export const consoleRouteGroups: readonly RouteGroup[] = [
  {
    routes: [['get', '/console']],
    load: async () => (await import('./overview.js')).overviewRoutes,
  },
  {
    routes: [['get', '/console/calendar']],
    load: async () => (await import('./calendar.js')).calendarRoutes,
  },
  {
    routes: [
      ['get', '/console/bodies'],
      ['post', '/console/bodies'],
      ['get', '/console/bodies/{bodyId}'],
      ['post', '/console/bodies/{bodyId}'],
      ['post', '/console/bodies/{bodyId}/chair-periods'],
      ['get', '/console/bodies/{bodyId}/members/{memberId}'],
      ['post', '/console/bodies/{bodyId}/members/{memberId}/people'],
      ['post', '/console/bodies/{bodyId}/members/{memberId}/people/{personId}'],
    ],
    load: async () => (await import('./bodies.js')).bodyRoutes,
  },
  {
    routes: [
      ['get', '/console/staff'],
      ['post', '/console/staff'],
      ['get', '/console/staff/{staffId}'],
      ['post', '/console/staff/{staffId}'],
      ['post', '/console/staff/{staffId}/sign-out'],
      ['post', '/console/staff/{staffId}/remove'],
    ],
    load: async () => (await import('./staff.js')).staffRoutes,
  },
  {
    routes: [['get', '/console/audit/{kind}/{id}']],
    load: async () => (await import('./audit.js')).auditRoutes,
  },
  {
    routes: [
      ['get', '/console/bodies/{bodyId}/sessions/new'],
      ['post', '/console/bodies/{bodyId}/sessions'],
      ['get', '/console/sessions/{sessionId}'],
      ['get', '/console/sessions/{sessionId}/edit'],
      ['post', '/console/sessions/{sessionId}/edit'],
      ['post', '/console/sessions/{sessionId}/state'],
    ],
    load: async () => (await import('./sessions.js')).sessionRoutes,
  },
  {
    routes: [
      ['get', '/console/sessions/{sessionId}/agenda'],
      ['post', '/console/sessions/{sessionId}/agenda'],
      ['post', '/console/sessions/{sessionId}/agenda/order'],
      ['post', '/console/sessions/{sessionId}/agenda/approval'],
      ['get', '/console/sessions/{sessionId}/agenda/{itemId}'],
      ['post', '/console/sessions/{sessionId}/agenda/{itemId}'],
      ['post', '/console/sessions/{sessionId}/agenda/{itemId}/remove'],
      ['post', '/console/sessions/{sessionId}/agenda/{itemId}/move'],
    ],
    load: async () => (await import('./agenda.js')).agendaRoutes,
  },
  {
    routes: [
      ['get', '/console/sessions/{sessionId}/papers'],
      ['get', '/console/sessions/{sessionId}/papers/upload'],
      ['get', '/console/sessions/{sessionId}/papers/describe'],
      ['post', '/console/sessions/{sessionId}/papers/attach'],
      ['get', '/console/sessions/{sessionId}/papers/{paperId}/download'],
      ['post', '/console/sessions/{sessionId}/papers/{paperId}/keep'],
    ],
    load: async () => (await import('./papers.js')).paperRoutes,
  },
  {
    routes: [
      ['get', '/console/sessions/{sessionId}/invitations'],
      ['post', '/console/sessions/{sessionId}/invitations'],
      ['get', '/console/sessions/{sessionId}/mails'],
      ['post', '/console/sessions/{sessionId}/mails/{outboxId}/retry'],
    ],
    load: async () => (await import('./mails.js')).mailRoutes,
  },
  {
    routes: [
      ['get', '/console/sessions/{sessionId}/board'],
      ['get', '/console/sessions/{sessionId}/board/live'],
      ['post', '/console/sessions/{sessionId}/board/phone'],
      ['post', '/console/sessions/{sessionId}/board/replies/{replyId}/apply'],
      ['post', '/console/sessions/{sessionId}/board/replies/{replyId}/dismiss'],
    ],
    load: async () => (await import('./board.js')).boardRoutes,
  },
  {
    routes: [
      ['get', '/console/press'],
      ['get', '/console/press/new'],
      ['post', '/console/press/new'],
      ['post', '/console/press/preview'],
      ['get', '/console/press/{releaseId}'],
      ['post', '/console/press/{releaseId}/draft'],
      ['post', '/console/press/{releaseId}/submission'],
      ['post', '/console/press/{releaseId}/return'],
      ['post', '/console/press/{releaseId}/approval'],
      ['post', '/console/press/{releaseId}/publication'],
      ['post', '/console/press/{releaseId}/corrections'],
      ['post', '/console/press/{releaseId}/correction-approval'],
      ['post', '/console/press/{releaseId}/withdrawal'],
    ],
    load: async () => (await import('./press.js')).pressRoutes,
  },
  {
    routes: [
      ['get', '/console/sessions/{sessionId}/resolutions'],
      ['post', '/console/sessions/{sessionId}/items/{itemId}/resolutions'],
      ['post', '/console/sessions/{sessionId}/resolutions/{resolutionId}/statements'],
      ['post', '/console/sessions/{sessionId}/resolutions/{resolutionId}/decision'],
    ],
    load: async () => (await import('./resolutions.js')).resolutionRoutes,
  },
  {
    routes: [
      ['get', '/console/sessions/{sessionId}/votes'],
      ['post', '/console/sessions/{sessionId}/votes'],
    ],
    load: async () => (await import('./votes.js')).voteRoutes,
  },
  {
    routes: [
      ['get', '/console/sessions/{sessionId}/release'],
      ['post', '/console/sessions/{sessionId}/release'],
    ],
    load: async () => (await import('./release.js')).releaseRoutes,
  },
  {
    routes: [
      ['get', '/console/sessions/{sessionId}/protocol'],
      ['post', '/console/sessions/{sessionId}/protocol/approval'],
    ],
    load: async () => (await import('./protocol.js')).protocolRoutes,
  },
  {
    routes: [
      ['get', '/console/procedures'],
      ['get', '/console/procedures/new'],
      ['post', '/console/procedures'],
      ['get', '/console/procedures/{procedureId}'],
      ['post', '/console/procedures/{procedureId}/remind'],
      ['post', '/console/procedures/{procedureId}/close'],
    ],
    load: async () => (await import('./procedures.js')).procedureRoutes,
  },
];

/**
 * Mounts the console as the console function serves it: its assets, and
 * every page, whose module loads on first use.
 *
 * @example
 * ```ts
 * createApp(deps, [], lazyConsoleMount(deps));
 * ```
 */
export const lazyConsoleMount =
  (deps: AppDeps, locate?: (name: AssetName) => string): Mount =>
  (app) => {
    mountConsoleAssets(app, locate);
    for (const group of consoleRouteGroups) {
      lazyRouteGroup(deps, group).register(app, deps.tokenVerifier);
    }
  };
