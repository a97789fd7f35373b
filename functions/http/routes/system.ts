import type { Hono } from 'hono';
import * as z from 'zod/mini';
import type { AppEnv } from '../app-env.js';
import { mountDocsPage, swaggerUiDistFolder } from '../openapi/docs-page.js';
import { buildOpenApiDocument } from '../openapi/document.js';
import { type Route, route } from '../route.js';

const HealthSchema = z.object({ status: z.literal('ok') });

/** `GET /health`: answers without touching any dependency. */
export const healthRoute = (): Route =>
  route(
    {
      method: 'get',
      path: '/health',
      operationId: 'health',
      summary: 'Liveness check',
      tags: ['system'],
      access: 'public',
      responses: {
        200: { description: 'The API is up', schema: HealthSchema, example: { status: 'ok' } },
      },
    },
    (c) => c.json({ status: 'ok' as const }),
  );

/**
 * Serves `/openapi.json`, built from the route definitions on first request
 * and kept, and `/docs`, the Swagger UI over it, from the npm package's files.
 */
export const mountDocumentation = (app: Hono<AppEnv>, routes: () => readonly Route[]): void => {
  let document: ReturnType<typeof buildOpenApiDocument> | undefined;
  app.get('/openapi.json', (c) => {
    document ??= buildOpenApiDocument(routes().map((r) => r.definition));
    return c.json(document);
  });
  mountDocsPage(app, swaggerUiDistFolder);
};
