import { type AppDeps, createApp } from '../app.js';
import { consoleMount } from '../console/console-routes.js';
import type { Route } from '../route.js';
import { answerLinkRoutes } from './answer-links.js';
import { apiRoutes } from './api-routes.js';
import { signInRoutes } from './auth.js';
import { ballotLinkRoutes } from './ballot-links.js';
import { documentRoutes } from './documents.js';
import { paperLinkRoutes } from './papers.js';
import { pressPageRoutes } from './press-pages.js';
import { pressRenderRoutes } from './press-render.js';
import { protocolPdfRoutes } from './protocol-pdf.js';
import { publicResolutionRoutes, publicSessionRoutes } from './public-resolutions.js';
import { releaseLinkRoutes } from './release-links.js';
import { resolutionsPdfRoutes } from './resolutions-pdf.js';
import { consoleDocumentsMount, sessionFolderRoutes } from './session-folder.js';
import { mountDocumentation } from './system.js';

/** Every route of the product, in the order of the OpenAPI document. */
export const allRoutes = (deps: AppDeps): Route[] => [
  ...apiRoutes(deps),
  ...documentRoutes(deps),
  ...answerLinkRoutes(deps),
  ...ballotLinkRoutes(deps),
  ...releaseLinkRoutes(deps),
  ...paperLinkRoutes(deps),
  ...publicResolutionRoutes(deps),
  ...publicSessionRoutes(deps),
  ...resolutionsPdfRoutes(deps),
  ...sessionFolderRoutes(deps),
  ...protocolPdfRoutes(deps),
  ...pressPageRoutes(deps),
  ...pressRenderRoutes(deps),
];

/** `/openapi.json` and `/docs`, describing every route of the product. */
export const documentation = (deps: AppDeps) => (app: Parameters<typeof mountDocumentation>[0]) =>
  mountDocumentation(app, () => allRoutes(deps));

/**
 * The whole product in one app, with its documentation and the console: what `npm start`
 * serves and what the tests call.
 */
export const createFullApp = (deps: AppDeps) =>
  createApp(
    deps,
    allRoutes(deps),
    documentation(deps),
    signInRoutes(deps),
    consoleMount(deps),
    consoleDocumentsMount(deps),
  );
