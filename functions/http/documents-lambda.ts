import { join } from 'node:path';
import { useAssetFiles } from './console/assets.js';
import { lambdaHandler } from './lambda-app.js';
import { lazyRoutes } from './lazy-routes.js';
import { documentRouteGroups } from './routes/document-route-groups.js';

// The pages link the console's stylesheet by its hash: the file lies beside this bundle.
useAssetFiles((name) => join(import.meta.dirname, name));

/**
 * The documents function: routes that render pages and files (the answer
 * pages behind invitation, written-procedure and press-list links, the
 * session calendar, the public sessions of a body and their calendar, a
 * session's public page, the public page of released resolutions, the press
 * area with its list, release pages, feeds and the press list's form).
 * Renderers are heavy, so they live here and never in the API function;
 * each group of routes loads with its first request.
 */
export const handler = lambdaHandler('conference-documents', (deps) => ({
  routes: lazyRoutes(deps, documentRouteGroups),
}));
