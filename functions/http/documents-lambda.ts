import { lambdaHandler } from './lambda-app.js';
import { answerLinkRoutes } from './routes/answer-links.js';
import { documentRoutes } from './routes/documents.js';

/**
 * The documents function: routes that render pages and files (the answer
 * pages behind invitation links, the session calendar). Renderers are heavy,
 * so they live here and never in the API function.
 */
export const handler = lambdaHandler('conference-documents', (deps) => ({
  routes: [...documentRoutes(deps), ...answerLinkRoutes(deps)],
}));
