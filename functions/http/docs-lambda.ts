import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Tracer } from '@aws-lambda-powertools/tracer';
import type { Context } from 'aws-lambda';
import { Hono } from 'hono';
import { handle, type LambdaEvent } from 'hono/aws-lambda';
import { secureHeaders } from 'hono/secure-headers';
import { createLogger } from '../../shared/observability/logger.js';
import { contentSecurityPolicy } from '../middleware/content-security-policy.js';
import { observedHandler } from '../middleware/observed-handler.js';
import { mountDocsPage } from './openapi/docs-page.js';
import { openApiFileName } from './openapi/file-name.js';

let document: Promise<string> | undefined;

const app = new Hono();
app.use(secureHeaders({ contentSecurityPolicy: undefined }));
app.use(contentSecurityPolicy());
app.get('/openapi.json', async (c) => {
  // Written beside the bundle at synth time by the CDK stack.
  document ??= readFile(join(import.meta.dirname, openApiFileName), 'utf8');
  return c.body(await document, 200, { 'Content-Type': 'application/json' });
});
// The Swagger UI's files are copied beside the bundle at synth time as well.
mountDocsPage(app, () => import.meta.dirname);

const serve = handle(app);

/**
 * The docs function: serves the OpenAPI document that was built from the
 * route definitions at synth time, and the Swagger UI over it, with its
 * files. It reads no table and verifies no token: everything it serves is
 * public.
 */
export const handler = observedHandler(
  (event: LambdaEvent, context: Context) => serve(event, context),
  {
    logger: createLogger('conference-docs'),
    tracer: new Tracer({ serviceName: 'conference-docs' }),
  },
);
