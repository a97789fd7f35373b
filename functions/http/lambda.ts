import { lambdaHandler } from './lambda-app.js';
import { apiRoutes } from './routes/api-routes.js';
import { signInRoutes } from './routes/auth.js';

/** The API function: every JSON route of the product and the browser sign-in, kept light for a fast cold start. */
export const handler = lambdaHandler('conference-api', (deps) => ({
  routes: apiRoutes(deps),
  mounts: [signInRoutes(deps)],
}));
