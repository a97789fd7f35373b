import type { Context, MiddlewareHandler } from 'hono';
import { ForbiddenError, UnauthorizedError } from '../../shared/domain/errors.js';
import { hasAnyRole, type Principal } from '../../shared/domain/roles.js';
import type { TokenVerifier } from '../../shared/ports/token-verifier.js';
import type { AppEnv } from '../http/app-env.js';
import type { Access } from '../http/route.js';

/** The token of a `Bearer` header; the scheme is case-insensitive (RFC 9110, section 11.1). */
const bearer = (header: string | undefined): string => {
  const match = /^bearer +([A-Za-z0-9_.~+/=-]+)$/i.exec(header ?? '');
  if (match?.[1] === undefined) throw new UnauthorizedError();
  return match[1];
};

/**
 * The verified caller of a staff route: the bearer token, or else the
 * browser's session (see `sessionCookie`), checked against the route's access.
 * A `UnauthorizedError` without either, a `ForbiddenError` without the role.
 *
 * @example
 * ```ts
 * const principal = await principalFor(c, ['secretariat'], verifier);
 * ```
 */
export const principalFor = async (
  c: Context<AppEnv>,
  access: Exclude<Access, 'public'>,
  verifier: TokenVerifier,
): Promise<Principal> => {
  // The session cookie stands in for the bearer token (see `sessionCookie`).
  const session = c.get('signInSession');
  const principal =
    session === undefined
      ? await verifier.verify(bearer(c.req.header('authorization')))
      : await session.principal();
  if (access === 'staff' ? principal.roles.length === 0 : !hasAnyRole(principal, access)) {
    throw new ForbiddenError();
  }
  return principal;
};

/**
 * Requires a verified bearer token (or the browser's session) on staff routes and checks the caller's
 * roles against the route's access; public routes pass straight through.
 *
 * @example
 * ```ts
 * app.get('/v1/bodies', authorize('staff', verifier), handler);
 * ```
 */
export const authorize =
  (access: Access, verifier: TokenVerifier): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    if (access === 'public') return next();
    c.set('principal', await principalFor(c, access, verifier));
    await next();
  };
