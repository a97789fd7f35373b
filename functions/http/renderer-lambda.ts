import { join } from 'node:path';
import { useAssetFiles } from './console/assets.js';
import { lambdaHandler } from './lambda-app.js';
import { lazyRoutes } from './lazy-routes.js';
import { rendererRouteGroups } from './routes/renderer-route-groups.js';

// The preview page links the console's stylesheet by its hash: the file lies beside this bundle.
useAssetFiles((name) => join(import.meta.dirname, name));

/**
 * The renderer function: the public PDF collection of released resolutions,
 * the result protocol as PDF,
 * and the press steps that render Markdown (approval, corrections, preview).
 * The PDF library and the Markdown renderer with its HTML sanitiser are the
 * largest dependencies of the product, so they live here, apart from the
 * API and the pages, and load only for these rarely called routes; each
 * group of routes loads with its first request.
 */
export const handler = lambdaHandler('conference-renderer', (deps) => ({
  routes: lazyRoutes(deps, rendererRouteGroups),
}));
