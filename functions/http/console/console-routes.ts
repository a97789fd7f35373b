import type { AppDeps, Mount } from '../app.js';
import { agendaRoutes } from './agenda.js';
import { type AssetName, mountConsoleAssets } from './assets.js';
import { auditRoutes } from './audit.js';
import { boardRoutes } from './board.js';
import { bodyRoutes } from './bodies.js';
import { calendarRoutes } from './calendar.js';
import type { ConsoleRoute } from './console-route.js';
import { mailRoutes } from './mails.js';
import { overviewRoutes } from './overview.js';
import { paperRoutes } from './papers.js';
import { pressRoutes } from './press.js';
import { procedureRoutes } from './procedures.js';
import { protocolRoutes } from './protocol.js';
import { releaseRoutes } from './release.js';
import { resolutionRoutes } from './resolutions.js';
import { sessionRoutes } from './sessions.js';
import { staffRoutes } from './staff.js';
import { voteRoutes } from './votes.js';

/** Every page and form action of the console, for the app and the role matrix. */
export const consoleRoutes = (deps: AppDeps): ConsoleRoute[] => [
  ...overviewRoutes(deps),
  ...calendarRoutes(deps),
  ...bodyRoutes(deps),
  ...staffRoutes(deps),
  ...auditRoutes(deps),
  ...sessionRoutes(deps),
  ...agendaRoutes(deps),
  ...paperRoutes(deps),
  ...mailRoutes(deps),
  ...boardRoutes(deps),
  ...pressRoutes(deps),
  ...resolutionRoutes(deps),
  ...voteRoutes(deps),
  ...releaseRoutes(deps),
  ...protocolRoutes(deps),
  ...procedureRoutes(deps),
];

/**
 * Mounts the console (its pages under `/console`, its assets under
 * `/assets`) on an app that has the browser sign-in.
 *
 * @example
 * ```ts
 * createApp(deps, [], consoleMount(deps), signInRoutes(deps));
 * ```
 */
export const consoleMount =
  (deps: AppDeps, locate?: (name: AssetName) => string): Mount =>
  (app) => {
    mountConsoleAssets(app, locate);
    for (const r of consoleRoutes(deps)) r.register(app, deps.tokenVerifier);
  };
