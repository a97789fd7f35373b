import { lambdaHandler } from './lambda-app.js';
import { answerLinkRoutes } from './routes/answer-links.js';
import { ballotLinkRoutes } from './routes/ballot-links.js';
import { documentRoutes } from './routes/documents.js';
import { pressPageRoutes } from './routes/press-pages.js';
import { publicResolutionRoutes } from './routes/public-resolutions.js';
import { releaseLinkRoutes } from './routes/release-links.js';

/**
 * The documents function: routes that render pages and files (the answer
 * pages behind invitation, written-procedure and press-list links, the
 * session calendar, the public page of released resolutions, press release
 * pages and feeds). Renderers are heavy,
 * so they live here and never in the API function.
 */
export const handler = lambdaHandler('conference-documents', (deps) => ({
  routes: [
    ...documentRoutes(deps),
    ...answerLinkRoutes(deps),
    ...ballotLinkRoutes(deps),
    ...releaseLinkRoutes(deps),
    ...publicResolutionRoutes(deps),
    ...pressPageRoutes(deps),
  ],
}));
