import { lambdaHandler } from './lambda-app.js';
import { lazyRoutes } from './lazy-routes.js';
import { apiRouteGroups } from './routes/api-route-groups.js';
import { signInRoutes } from './routes/auth.js';

/**
 * The API function: every JSON route of the product and the browser
 * sign-in. Each resource's routes (schemas, use cases) load with its first
 * request, so a cold start reads only the app and what that request needs.
 */
export const handler = lambdaHandler('conference-api', (deps) => ({
  routes: lazyRoutes(deps, apiRouteGroups),
  mounts: [signInRoutes(deps)],
}));
