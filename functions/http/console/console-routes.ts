import type { AppDeps, Mount } from '../app.js';
import { agendaRoutes } from './agenda.js';
import { type AssetName, mountConsoleAssets } from './assets.js';
import { boardRoutes } from './board.js';
import type { ConsoleRoute } from './console-route.js';
import { mailRoutes } from './mails.js';
import { overviewRoutes } from './overview.js';
import { pressRoutes } from './press.js';
import { sessionRoutes } from './sessions.js';

/** Every page and form action of the console, for the app and the role matrix. */
export const consoleRoutes = (deps: AppDeps): ConsoleRoute[] => [
  ...overviewRoutes(deps),
  ...sessionRoutes(deps),
  ...agendaRoutes(deps),
  ...mailRoutes(deps),
  ...boardRoutes(deps),
  ...pressRoutes(deps),
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
