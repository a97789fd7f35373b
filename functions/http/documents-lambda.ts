import { join } from 'node:path';
import { useAssetFiles } from './console/assets.js';
import { lambdaHandler } from './lambda-app.js';
import { answerLinkRoutes } from './routes/answer-links.js';
import { ballotLinkRoutes } from './routes/ballot-links.js';
import { documentRoutes } from './routes/documents.js';
import { paperLinkRoutes } from './routes/papers.js';
import { pressPageRoutes } from './routes/press-pages.js';
import { publicResolutionRoutes, publicSessionRoutes } from './routes/public-resolutions.js';
import { releaseLinkRoutes } from './routes/release-links.js';

// The pages link the console's stylesheet by its hash: the file lies beside this bundle.
useAssetFiles((name) => join(import.meta.dirname, name));

/**
 * The documents function: routes that render pages and files (the answer
 * pages behind invitation, written-procedure and press-list links, the
 * session calendar, the public sessions of a body and their calendar, a
 * session's public page, the public page of released resolutions, the press
 * area with its list, release pages, feeds and the press list's form).
 * Renderers are heavy, so they live here and never in the API function.
 */
export const handler = lambdaHandler('conference-documents', (deps) => ({
  routes: [
    ...documentRoutes(deps),
    ...answerLinkRoutes(deps),
    ...ballotLinkRoutes(deps),
    ...releaseLinkRoutes(deps),
    ...paperLinkRoutes(deps),
    ...publicResolutionRoutes(deps),
    ...publicSessionRoutes(deps),
    ...pressPageRoutes(deps),
  ],
}));
