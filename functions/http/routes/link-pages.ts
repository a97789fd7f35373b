import type { Context } from 'hono';
import type { HtmlEscapedString } from 'hono/utils/html';
import * as z from 'zod/mini';
import { NotFoundError, ValidationError } from '../../../shared/domain/errors.js';
import { LinkRefusedError } from '../../../shared/domain/link-token.js';
import { msg } from '../../../shared/domain/messages.js';
import type { AppDeps } from '../app.js';
import type { AppEnv } from '../app-env.js';
import { refusedPage } from '../pages/answer-page.js';
import { type Route, route } from '../route.js';

/**
 * What every page behind a signed mail link shares: the token parameter, the
 * HTML response, the link key, the refusal page, the form reader, and the
 * GET route that shows a page without changing anything.
 */

export const TokenParams = z.strictObject({
  token: z.string().check(z.minLength(1), z.maxLength(800)),
});

/** The documented response of a German HTML page. */
export const htmlPage = {
  contentType: 'text/html',
  schema: z.string(),
  example: '<!doctype html>…',
};

/**
 * True when a browser asks for a page: `text/html` is named, and before any
 * `application/json`. No Accept, any type, and JSON keep the JSON answer.
 *
 * @example
 * ```ts
 * wantsHtml('text/html,application/xhtml+xml;q=0.9'); // true
 * wantsHtml('application/json'); // false
 * ```
 */
export const wantsHtml = (accept: string | undefined) => {
  const value = (accept ?? '').toLowerCase();
  const htmlAt = value.indexOf('text/html');
  const jsonAt = value.indexOf('application/json');
  return htmlAt !== -1 && (jsonAt === -1 || htmlAt < jsonAt);
};

/** The app's dependencies with the link key resolved. */
export const linkDeps = async (deps: AppDeps) => ({ ...deps, linkSecret: await deps.linkSecret() });

/**
 * Renders a refused or unknown link as a page, with a 4xx status. Like the
 * pages of valid links it is never cached (a shared cache must not keep a
 * page under a personal link) and sends no referrer.
 */
export const refused = (c: Context<AppEnv>, error: unknown) => {
  c.header('Cache-Control', 'no-store');
  c.header('Referrer-Policy', 'no-referrer');
  if (error instanceof LinkRefusedError) {
    const gone =
      error.reason === 'expired' || error.reason === 'revoked' || error.reason === 'superseded';
    return c.html(refusedPage(error.reason), gone ? 410 : 403);
  }
  if (error instanceof NotFoundError) return c.html(refusedPage('not-found'), 404);
  throw error;
};

/**
 * Reads a link page's form; anything but a form is a 400. The reader gives
 * a field's trimmed-to-nothing-is-absent value, and `all(name)` every value
 * of a repeated field (checkboxes).
 */
export const readForm = async (c: Context<AppEnv>) => {
  const type = c.req.header('content-type') ?? '';
  if (!/^(application\/x-www-form-urlencoded|multipart\/form-data)/i.test(type)) {
    throw new ValidationError(msg('request.form-expected'), [
      { path: 'headers.content-type', message: msg('field.expected-form') },
    ]);
  }
  // A body that does not parse as the form it claims to be (a broken multipart boundary) is a 400.
  const form = await c.req.parseBody({ all: true }).catch(() => {
    throw new ValidationError(msg('request.form-expected'), [
      { path: 'body', message: msg('field.expected-form') },
    ]);
  });
  const values = (name: string) => {
    const value = form[name];
    return (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter(
      (entry): entry is string => typeof entry === 'string',
    );
  };
  const field = (name: string) => {
    const value = values(name).at(-1);
    return value !== undefined && value.trim() !== '' ? value : undefined;
  };
  return Object.assign(field, { all: values });
};

/**
 * The GET route of a link page: opens the link (refused links get their
 * page), preselects the mail's `?antwort=` choice, and changes nothing.
 */
export const openLinkPageRoute = <Opened, Choice extends string>(spec: {
  path: string;
  operationId: string;
  summary: string;
  tags: readonly string[];
  choices: readonly [Choice, ...Choice[]];
  open: (token: string) => Promise<Opened>;
  page: (
    opened: Opened,
    choice: Choice | undefined,
    action: string,
  ) => HtmlEscapedString | Promise<HtmlEscapedString>;
}): Route =>
  route(
    {
      method: 'get',
      path: spec.path,
      operationId: spec.operationId,
      summary: spec.summary,
      tags: spec.tags,
      access: 'public',
      params: TokenParams,
      query: z.strictObject({ antwort: z.optional(z.enum(spec.choices)) }),
      responses: {
        200: { description: 'German HTML page with a form', ...htmlPage },
        403: { description: 'Tampered or wrong-purpose link (HTML page)' },
        410: { description: 'Expired link (HTML page)' },
      },
    },
    async (c, { params, query }) => {
      try {
        const opened = await spec.open(params.token);
        c.header('Cache-Control', 'no-store');
        c.header('Referrer-Policy', 'no-referrer');
        return c.html(
          spec.page(
            opened,
            query.antwort as Choice | undefined,
            spec.path.replace('{token}', params.token),
          ),
        );
      } catch (error) {
        return refused(c, error);
      }
    },
  );
