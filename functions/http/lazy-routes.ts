import type { Context } from 'hono';
import type { TokenVerifier } from '../../shared/ports/token-verifier.js';
import type { AppDeps } from './app.js';
import type { AppEnv } from './app-env.js';
import { honoPath, type Registrable, type RouteDefinition } from './route.js';

/** A route as the router needs to know it before its module is loaded. */
export type RouteKey = readonly [method: RouteDefinition['method'], path: string];

/** A route of the API or a page of the console: its method and path, and how it answers. */
export interface Servable {
  definition: { method: string; path: string };
  handle(c: Context<AppEnv>, verifier: TokenVerifier): Promise<Response>;
}

/**
 * Routes of one module, named by method and path, with the loader of the
 * module. A function's entry lists its groups; the router knows every path
 * from the start, and a group's module (its schemas, use cases and pages)
 * is loaded when one of its routes is first asked for. A test checks that
 * each list names exactly the routes its module defines, in their order.
 */
export interface RouteGroup {
  routes: readonly RouteKey[];
  load: () => Promise<(deps: AppDeps) => readonly Servable[]>;
}

/**
 * Registers a group's paths at once and loads its module on the first
 * request to one of them. A load that failed is tried again on the next
 * request. The routes are registered in the same order as the module
 * defines them, so matching is the same as when they are registered eagerly.
 *
 * @example
 * ```ts
 * createApp(deps, [lazyRouteGroup(deps, { routes: [['get', '/health']], load: async () => (await import('./routes/system.js')).systemRoutes })]);
 * ```
 */
export const lazyRouteGroup = (deps: AppDeps, group: RouteGroup): Registrable => {
  let loading: Promise<readonly Servable[]> | undefined;
  const routes = () => {
    loading ??= group.load().then((make) => make(deps));
    loading.catch(() => {
      loading = undefined;
    });
    return loading;
  };
  return {
    register(app, verifier) {
      for (const [method, path] of group.routes) {
        app.on(method.toUpperCase(), honoPath(path), async (c) => {
          const target = (await routes()).find(
            (r) => r.definition.method === method && r.definition.path === path,
          );
          if (target === undefined) throw new Error(`The route module has no ${method} ${path}.`);
          return target.handle(c, verifier);
        });
      }
    },
  };
};

/** Every group of a function, each to be loaded on first use. */
export const lazyRoutes = (deps: AppDeps, groups: readonly RouteGroup[]): Registrable[] =>
  groups.map((group) => lazyRouteGroup(deps, group));
