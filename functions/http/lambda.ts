import { lambdaHandler } from './lambda-app.js';
import { apiRoutes } from './routes/api-routes.js';

/** The API function: every JSON route of the product, kept light for a fast cold start. */
export const handler = lambdaHandler('conference-api', (deps) => ({ routes: apiRoutes(deps) }));
