import type { MiddlewareHandler } from 'hono';
import { docsPath } from '../http/openapi/docs-page.js';
import { pageStyleSource } from '../http/pages/page-style.js';

/** What every policy holds: nothing by default, no framing, no `<base>`, no plugins, forms to here. */
const common = [
  "default-src 'none'",
  "base-uri 'none'",
  "object-src 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
];

/**
 * The policy of the German pages (link pages, public pages, previews): no
 * script at all, only the pages' own stylesheet (by its hash, or as served here), images from
 * here or by https (a press release's images).
 */
export const pagePolicy = [
  ...common,
  `style-src 'self' ${pageStyleSource}`,
  "img-src 'self' https:",
].join('; ');

/**
 * The policy of the console: its scripts and stylesheet as the product
 * serves them (htmx and its own small script; nothing inline), requests
 * to this product only.
 */
export const consolePolicy = [
  ...common,
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' https:",
  "connect-src 'self'",
].join('; ');

const policyFor = (path: string) =>
  path === docsPath ? docsPolicy : /^\/console(\/|$)/.test(path) ? consolePolicy : pagePolicy;

/**
 * The policy of the docs page: the Swagger UI's script and stylesheet as the
 * product serves them, its icons (data: URLs in its stylesheet), and
 * requests to this API only (the OpenAPI document and "Try it out").
 */
export const docsPolicy = [
  ...common,
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
].join('; ');

/**
 * Sends a strict Content-Security-Policy with every HTML response: the one
 * place that sets it, for the pages of every function and the docs page.
 * Other responses (JSON, feeds, calendars, PDFs) are not rendered as pages
 * and get none.
 *
 * @example
 * ```ts
 * app.use(contentSecurityPolicy());
 * ```
 */
export const contentSecurityPolicy = (): MiddlewareHandler => async (c, next) => {
  await next();
  if (!/^text\/html\b/i.test(c.res.headers.get('content-type') ?? '')) return;
  const policy = policyFor(c.req.path);
  // A page whose form posts straight to the papers store names that one origin, and only it.
  const formOrigin = c.get('formActionOrigin');
  c.res.headers.set(
    'Content-Security-Policy',
    formOrigin === undefined
      ? policy
      : policy.replace("form-action 'self'", `form-action 'self' ${formOrigin}`),
  );
};
