import { lambdaHandler } from './lambda-app.js';
import { resolutionsPdfRoutes } from './routes/public-resolutions.js';

/**
 * The PDF function: renders the public collection of a session's released
 * resolutions. The PDF library is the largest dependency of the product, so
 * it has a function of its own.
 */
export const handler = lambdaHandler('conference-resolutions-pdf', (deps) => ({
  routes: resolutionsPdfRoutes(deps),
}));
