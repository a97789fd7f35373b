import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Env, Hono } from 'hono';
import { html } from 'hono/html';

/** Where the API docs (Swagger UI) are served; their page runs the product's own scripts. */
export const docsPath = '/docs';

/**
 * The Swagger UI files the docs page loads, with their types: served by the
 * product itself from the `swagger-ui-dist` package (pinned in package.json),
 * so `/docs` needs no CDN and works offline.
 */
export const swaggerUiFiles = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
} as const;

/** Where the installed `swagger-ui-dist` package lies (the local server and the CDK bundling read it). */
export const swaggerUiDistFolder = () =>
  dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));

/** Starts the Swagger UI over the OpenAPI document: a file of its own, as the page runs no inline script. */
const startScript = `window.ui = SwaggerUIBundle({
  url: '/openapi.json',
  dom_id: '#swagger-ui',
  deepLinking: true,
  validatorUrl: 'none',
});
`;

const docsPage = () => html`<!doctype html>
<html lang="de">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>API-Dokumentation – Konferenzkoordination</title>
<link rel="stylesheet" href="${docsPath}/swagger-ui.css">
</head>
<body>
<div id="swagger-ui"></div>
<noscript><p>Die API-Dokumentation braucht JavaScript. Das OpenAPI-Dokument steht unter <a href="/openapi.json">/openapi.json</a>.</p></noscript>
<script src="${docsPath}/swagger-ui-bundle.js"></script>
<script src="${docsPath}/start.js"></script>
</body>
</html>`;

/** The assets are fixed for a deployment: browsers may keep them for a day. */
const assetCache = 'public, max-age=86400';

/**
 * Serves the Swagger UI at `/docs` with its files under `/docs/…`, read once
 * from `folder` (beside the docs function's bundle in AWS, the npm package
 * locally). Only the named files are served.
 *
 * @example
 * ```ts
 * mountDocsPage(app, swaggerUiDistFolder);
 * ```
 */
export const mountDocsPage = <E extends Env>(app: Hono<E>, folder: () => string): void => {
  const files = new Map<string, Promise<Buffer>>();
  app.get(docsPath, (c) => c.html(docsPage()));
  app.get(`${docsPath}/start.js`, (c) =>
    c.body(startScript, 200, {
      'Content-Type': 'text/javascript; charset=utf-8',
      'Cache-Control': assetCache,
    }),
  );
  app.get(`${docsPath}/:file`, async (c) => {
    const name = c.req.param('file');
    if (!Object.hasOwn(swaggerUiFiles, name)) return c.notFound();
    const content = files.get(name) ?? readFile(join(folder(), name));
    files.set(name, content);
    return c.body(new Uint8Array(await content), 200, {
      'Content-Type': swaggerUiFiles[name as keyof typeof swaggerUiFiles],
      'Cache-Control': assetCache,
    });
  });
};
