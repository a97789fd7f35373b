import type { Context, Hono } from 'hono';
import type { Child } from 'hono/jsx';
import { AppError, UnauthorizedError } from '../../../shared/domain/errors.js';
import type { Principal } from '../../../shared/domain/roles.js';
import type { TokenVerifier } from '../../../shared/ports/token-verifier.js';
import type { Actor } from '../../../shared/use-cases/context.js';
import { principalFor } from '../../middleware/authorize.js';
import type { AppEnv } from '../app-env.js';
import { authPaths } from '../auth/oidc-client.js';
import { problemFor } from '../problem.js';
import { type Access, honoPath } from '../route.js';
import { ConsoleFrame, consoleDocument, PublicFrame, type SignedInUser } from './layout.js';

/** Who may open a console page: any staff member, or the listed roles. */
export type ConsoleAccess = Exclude<Access, 'public'>;

/** What the role matrix and the route list know of a console route. */
export interface ConsoleRouteDefinition {
  method: 'get' | 'post';
  /** With `{param}`, as the API's routes. */
  path: string;
  operationId: string;
  summary: string;
  access: ConsoleAccess;
}

/** What a console page's handler gets besides Hono's context. */
export interface ConsoleContext {
  user: SignedInUser;
  actor: Actor;
  /**
   * Renders a page in the console's frame, with `Cache-Control: no-store`.
   *
   * @example
   * ```tsx
   * return ctx.page({ title: 'Übersicht', section: 'overview' }, <h1>Übersicht</h1>);
   * ```
   */
  page(
    options: { title: string; section?: string; status?: number },
    content: Child,
  ): Promise<Response>;
}

export interface ConsoleRoute {
  definition: ConsoleRouteDefinition;
  register(app: Hono<AppEnv>, verifier: TokenVerifier): void;
  /** Answers a request already matched to this page's path (for pages loaded on first use). */
  handle(c: Context<AppEnv>, verifier: TokenVerifier): Promise<Response>;
}

export type ConsoleHandler = (c: Context<AppEnv>, ctx: ConsoleContext) => Promise<Response>;

const signedInUser = async (c: Context<AppEnv>, principal: Principal): Promise<SignedInUser> => {
  const session = await c.get('signInSession')?.current();
  return {
    principal,
    email: principal.email ?? session?.email ?? principal.subject,
    csrf: session?.csrf ?? '',
  };
};

/**
 * The German page of a refused request: the problem's title, detail and
 * field errors, with its status; inside the console's frame when the
 * person is known.
 */
const errorPage = async (c: Context<AppEnv>, error: AppError, user: SignedInUser | undefined) => {
  const { document } = problemFor(error, c);
  const issues = Array.isArray(document.errors)
    ? document.errors.map((entry: { message?: unknown }) => String(entry.message ?? ''))
    : [];
  const content = (
    <>
      <h1>{document.title}</h1>
      <div class="notice error" role="alert" id="problem">
        <p>{document.detail}</p>
        {issues.length === 0 ? null : (
          <ul>
            {issues.map((message) => (
              <li>{message}</li>
            ))}
          </ul>
        )}
      </div>
      <p>
        <a href="/console">Zur Übersicht</a>
      </p>
    </>
  );
  c.header('Cache-Control', 'no-store');
  if (user === undefined) {
    return c.html(
      await consoleDocument(<PublicFrame title={document.title}>{content}</PublicFrame>),
      document.status as 400,
    );
  }
  return c.html(
    await consoleDocument(
      <ConsoleFrame title={document.title} user={user}>
        {content}
      </ConsoleFrame>,
    ),
    document.status as 400,
  );
};

/**
 * Defines a console page or form action. The signed-in person comes from
 * the session cookie (a bearer token works too, as for the API); someone
 * signed out who opens a page is sent to the sign-in and back; a form post
 * needs the session's CSRF token (see `sessionCookie`). A refused request
 * gets a German page with the problem's status; every answer is `no-store`.
 *
 * @example
 * ```tsx
 * consoleRoute(
 *   { method: 'get', path: '/console', operationId: 'consoleOverview', summary: 'Übersicht', access: 'staff' },
 *   async (c, ctx) => ctx.page({ title: 'Übersicht' }, <h1>Übersicht</h1>),
 * );
 * ```
 */
export const consoleRoute = (
  definition: ConsoleRouteDefinition,
  handler: ConsoleHandler,
): ConsoleRoute => {
  const handle = async (c: Context<AppEnv>, verifier: TokenVerifier): Promise<Response> => {
    c.header('Cache-Control', 'no-store');
    let user: SignedInUser | undefined;
    try {
      user = await signedInUser(c, await principalFor(c, definition.access, verifier));
      const signedIn = user;
      return await handler(c, {
        user: signedIn,
        actor: { principal: signedIn.principal },
        page: async ({ title, section, status = 200 }, content) => {
          c.header('Cache-Control', 'no-store');
          return c.html(
            await consoleDocument(
              <ConsoleFrame title={title} user={signedIn} {...(section ? { section } : {})}>
                {content}
              </ConsoleFrame>,
            ),
            status as 200,
          );
        },
      });
    } catch (error) {
      if (error instanceof UnauthorizedError && definition.method === 'get') {
        const back = new URL(c.req.url);
        return c.redirect(
          `${authPaths.login}?returnTo=${encodeURIComponent(back.pathname + back.search)}`,
          303,
        );
      }
      if (error instanceof AppError && error.status < 500) return errorPage(c, error, user);
      throw error;
    }
  };
  return {
    definition,
    register(app, verifier) {
      app.on(definition.method.toUpperCase(), honoPath(definition.path), (c) =>
        handle(c, verifier),
      );
    },
    handle,
  };
};

/**
 * After a form post: back to a page with a notice key (POST, redirect, GET),
 * so a reload never sends the form again.
 *
 * @example
 * ```ts
 * return seeOther(c, `/console/sessions/${id}`, 'gespeichert');
 * ```
 */
export const seeOther = (c: Context<AppEnv>, path: string, notice?: string) => {
  const target = new URL(path, 'http://x');
  if (notice !== undefined) target.searchParams.set('hinweis', notice);
  return c.redirect(target.pathname + target.search + target.hash, 303);
};

/**
 * The notice a page shows after a redirect, from its own texts by key;
 * unknown keys show nothing (the query is the visitor's, never shown as it is).
 *
 * @example
 * ```ts
 * const notice = noticeOf(c, { gespeichert: 'Die Sitzung ist gespeichert.' });
 * ```
 */
export const noticeOf = (c: Context<AppEnv>, texts: Record<string, string>): string | undefined => {
  const key = c.req.query('hinweis');
  return key !== undefined && Object.hasOwn(texts, key) ? texts[key] : undefined;
};
