import type { Context, Hono } from 'hono';
import type * as z from 'zod/mini';
import { ValidationError } from '../../shared/domain/errors.js';
import { msg } from '../../shared/domain/messages.js';
import type { Role } from '../../shared/domain/roles.js';
import type { TokenVerifier } from '../../shared/ports/token-verifier.js';
import { parseInput } from '../../shared/use-cases/parse-input.js';
import { authorize, principalFor } from '../middleware/authorize.js';
import type { AppEnv } from './app-env.js';

type Schema = z.ZodMiniType;

/** Who may call a route: anyone, any signed-in staff member, or the listed roles. */
export type Access = 'public' | 'staff' | readonly Role[];

export interface ResponseSpec {
  description: string;
  schema?: Schema;
  example?: unknown;
  /** Defaults to `application/json`. */
  contentType?: string;
}

/**
 * Everything known about one route: it drives the Hono registration, the
 * request validation and the OpenAPI document, so they cannot disagree.
 */
export interface RouteDefinition<
  P extends Schema | undefined = Schema | undefined,
  Q extends Schema | undefined = Schema | undefined,
  B extends Schema | undefined = Schema | undefined,
> {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** OpenAPI style, with `{param}`. */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tags: readonly string[];
  access: Access;
  params?: P;
  query?: Q;
  body?: B;
  bodyExample?: unknown;
  /** Headers the route reads (documented; checked by the handler). */
  headers?: Schema;
  responses: Readonly<Record<number, ResponseSpec>>;
}

type Parsed<S> = S extends Schema ? z.output<S> : undefined;

export interface RouteInput<P, Q, B> {
  params: Parsed<P>;
  query: Parsed<Q>;
  body: Parsed<B>;
}

export type RouteHandler<P, Q, B> = (
  c: Context<AppEnv>,
  input: RouteInput<P, Q, B>,
) => Response | Promise<Response>;

/** What an app can register: a route, or a group of routes whose module loads on first use. */
export interface Registrable {
  register(app: Hono<AppEnv>, verifier: TokenVerifier): void;
}

/** A route definition with its handler, ready to be registered. */
export interface Route extends Registrable {
  definition: RouteDefinition;
  /**
   * Answers a request already matched to this route's path: checks the
   * caller's access as the registered route does, then serves it (for
   * routes registered by a lazily loaded group).
   */
  handle(c: Context<AppEnv>, verifier: TokenVerifier): Promise<Response>;
}

export const honoPath = (path: string) => path.replace(/\{([A-Za-z0-9_]+)\}/g, ':$1');

const readJsonBody = async (c: Context<AppEnv>): Promise<unknown> => {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/([a-z.+-]*\+)?json\b/i.test(type)) {
    throw new ValidationError(msg('request.not-json'), [
      { path: 'headers.content-type', message: msg('field.expected-json') },
    ]);
  }
  const text = await c.req.text();
  try {
    return JSON.parse(text);
  } catch (error) {
    throw Object.assign(
      new ValidationError(msg('request.malformed-json'), [
        {
          path: 'body',
          message: msg('field.malformed-json', {
            reason: error instanceof Error ? error.message : 'malformed JSON',
          }),
        },
      ]),
      { cause: error },
    );
  }
};

/**
 * Gives a write's answer the `ETag` of the object it returns, when the
 * handler did not: every versioned object a write answers with carries its
 * new version, so a client can chain the next `If-Match` without a GET.
 */
const withVersionTag = async (response: Response): Promise<Response> => {
  if (!response.ok || response.headers.has('etag')) return response;
  if (!/^application\/json\b/i.test(response.headers.get('content-type') ?? '')) return response;
  const value: unknown = await response.clone().json();
  if (typeof value !== 'object' || value === null || !('version' in value)) return response;
  if (typeof value.version !== 'number') return response;
  response.headers.set('ETag', `"${value.version}"`);
  return response;
};

/**
 * Defines a route: the definition documents it, the handler serves it. The
 * handler receives params, query and body already validated and typed.
 *
 * @example
 * ```ts
 * export const getBodyRoute = route(
 *   { method: 'get', path: '/v1/bodies/{bodyId}', params: BodyParams, access: 'staff', ... },
 *   async (c, { params }) => c.json(await getBody(deps, params.bodyId)),
 * );
 * ```
 */
export const route = <
  P extends Schema | undefined = undefined,
  Q extends Schema | undefined = undefined,
  B extends Schema | undefined = undefined,
>(
  definition: RouteDefinition<P, Q, B>,
  handler: RouteHandler<P, Q, B>,
): Route => {
  const serve = async (c: Context<AppEnv>) => {
    const params = definition.params
      ? parseInput(definition.params, c.req.param(), 'params')
      : undefined;
    const query = definition.query
      ? parseInput(definition.query, c.req.query(), 'query')
      : undefined;
    const body = definition.body
      ? parseInput(definition.body, await readJsonBody(c), 'body')
      : undefined;
    const response = await handler(c, { params, query, body } as RouteInput<P, Q, B>);
    return definition.method === 'get' ? response : withVersionTag(response);
  };
  return {
    definition: definition as RouteDefinition,
    register(app, verifier) {
      app.on(
        definition.method.toUpperCase(),
        honoPath(definition.path),
        authorize(definition.access, verifier),
        serve,
      );
    },
    async handle(c, verifier) {
      if (definition.access !== 'public') {
        c.set('principal', await principalFor(c, definition.access, verifier));
      }
      return serve(c);
    },
  };
};
