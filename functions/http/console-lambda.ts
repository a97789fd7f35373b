import { join } from 'node:path';
import { lazyConsoleMount } from './console/console-route-groups.js';
import { lambdaHandler } from './lambda-app.js';

/**
 * The console function: the secretariat's and press office's pages under
 * `/console` and their assets (copied beside the bundle). The browser
 * sign-in (`/auth/*`) stays with the API function; its session cookie is
 * read here with the same key.
 */
export const handler = lambdaHandler('conference-console', (deps) => ({
  routes: [],
  mounts: [lazyConsoleMount(deps, (name) => join(import.meta.dirname, name))],
}));
