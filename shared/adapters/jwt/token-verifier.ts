import { createRemoteJWKSet, errors, type JWTPayload, type JWTVerifyGetKey, jwtVerify } from 'jose';
import { UnauthorizedError } from '../../domain/errors.js';
import { msg } from '../../domain/messages.js';
import { type Principal, type Role, roles } from '../../domain/roles.js';
import { bodiesClaim, grantsClaim, parseGrantClaims } from '../../domain/staff.js';
import type { TokenVerifier } from '../../ports/token-verifier.js';

export interface JwtVerifierOptions {
  issuer: string;
  /** App client ids whose access tokens are accepted (Cognito puts it in `client_id`, not `aud`). */
  clientIds: readonly string[];
  /** Where the signing keys come from: a remote JWKS in AWS and locally, a local set in unit tests. */
  keys: JWTVerifyGetKey;
  /** Milliseconds since the epoch; the system clock unless a test sets one. */
  now?: () => number;
}

/** How many verified tokens a process remembers (a token is about 1 KB). */
const rememberedTokens = 500;
/** A verified token is checked afresh after this long, as the key set is (`cacheMaxAge`). */
const rememberFor = 600_000;

const stringArray = (value: unknown): string[] => {
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
  if (typeof value === 'string') return value.split(/[\s,]+/).filter((item) => item.length > 0);
  return [];
};

const toPrincipal = (payload: JWTPayload): Principal => ({
  subject: payload.sub ?? '',
  email: typeof payload.email === 'string' ? payload.email.toLowerCase() : undefined,
  roles: stringArray(payload['cognito:groups']).filter((group): group is Role =>
    (roles as readonly string[]).includes(group),
  ),
  bodies: stringArray(payload[bodiesClaim]),
  ...(payload[grantsClaim] === undefined
    ? {}
    : { grants: parseGrantClaims(stringArray(payload[grantsClaim])) }),
});

/**
 * Verifies one staff access token with jose: signature against the
 * issuer's keys, issuer, expiry, and the Cognito access-token rules
 * (`token_use` is `access`, `client_id` one of ours). The same code runs in
 * AWS and locally; only the key source differs.
 */
const verifyAfresh = async (options: JwtVerifierOptions, token: string) => {
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, options.keys, {
      issuer: options.issuer,
      algorithms: ['RS256', 'ES256'],
      clockTolerance: 5,
      requiredClaims: ['sub', 'exp', 'iat'],
      ...(options.now === undefined ? {} : { currentDate: new Date(options.now()) }),
    }));
  } catch (error) {
    if (error instanceof errors.JOSEError) {
      const reason =
        error instanceof errors.JWTExpired ? msg('auth.token-expired') : msg('auth.token-invalid');
      throw new UnauthorizedError(reason, error);
    }
    throw error;
  }
  if (payload.token_use !== 'access') {
    throw new UnauthorizedError(msg('auth.id-token'));
  }
  if (typeof payload.client_id !== 'string' || !options.clientIds.includes(payload.client_id)) {
    throw new UnauthorizedError(msg('auth.unknown-client'));
  }
  return { principal: toPrincipal(payload), expiresAt: (payload.exp ?? 0) * 1000 };
};

/**
 * Verifies access tokens. A token once verified is remembered (by its exact
 * text) until it expires, for at most ten minutes, so that a browser or
 * client that sends the same token with every request pays for the
 * signature check once: the same token always yields the same principal.
 * Refusals are not remembered.
 *
 * @example
 * ```ts
 * const verifier = createJwtVerifier({ issuer, clientIds: ['abc'], keys: remoteKeySet(jwksUrl) });
 * ```
 */
export const createJwtVerifier = (options: JwtVerifierOptions): TokenVerifier => {
  const now = options.now ?? Date.now;
  const remembered = new Map<string, { principal: Principal; until: number }>();
  return {
    async verify(token) {
      const known = remembered.get(token);
      if (known !== undefined && now() < known.until) return known.principal;
      remembered.delete(token);
      const { principal, expiresAt } = await verifyAfresh(options, token);
      if (remembered.size >= rememberedTokens) {
        remembered.delete(remembered.keys().next().value as string);
      }
      remembered.set(token, { principal, until: Math.min(expiresAt, now() + rememberFor) });
      return principal;
    },
  };
};

/** A key set fetched from a JWKS URL on first use and cached by jose. */
export const remoteKeySet = (jwksUrl: string): JWTVerifyGetKey =>
  createRemoteJWKSet(new URL(jwksUrl), {
    cooldownDuration: 30_000,
    cacheMaxAge: 600_000,
    timeoutDuration: 10_000,
  });
