import type { AppDeps } from '../app.js';
import { allRoutes } from '../routes/all-routes.js';
import { buildOpenApiDocument } from './document.js';

/** Route factories only capture their dependencies; describing the routes never calls them. */
const describeOnly = new Proxy({} as AppDeps, {
  get() {
    throw new Error('Route definitions were asked to handle a request.');
  },
});

/**
 * The OpenAPI document of every route of the product. The CDK app writes it
 * next to the docs function at synth time; locally it is built on request.
 */
export const productDocument = () =>
  buildOpenApiDocument(allRoutes(describeOnly).map((r) => r.definition));
