import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { exportJWK, generateKeyPair, importJWK, type JWK, SignJWT } from 'jose';
import type { Role } from '../../shared/domain/roles.js';
import { localPaths } from './paths.js';

/** The app client id of local tokens (in AWS, the Cognito app client's id). */
export const localClientId = 'local-dev';

/** The issuer of local tokens: the local API server itself. */
export const localIssuer = (port: number) => `http://localhost:${port}`;

interface StoredKey {
  privateJwk: JWK;
  publicJwk: JWK;
}

/**
 * Reads the local signing key, making one on first use. The private key never
 * leaves `.local/`; the API server publishes the public half as a JWKS.
 */
export const ensureSigningKey = async (path = localPaths.signingKey): Promise<StoredKey> => {
  if (existsSync(path)) return JSON.parse(readFileSync(path, 'utf8')) as StoredKey;
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const kid = `local-${Date.now().toString(36)}`;
  const stored: StoredKey = {
    privateJwk: { ...(await exportJWK(privateKey)), kid, alg: 'ES256', use: 'sig' },
    publicJwk: { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' },
  };
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, JSON.stringify(stored, null, 2), { mode: 0o600 });
  return stored;
};

export interface LocalTokenClaims {
  email: string;
  roles: readonly Role[];
  bodies: readonly string[];
  /** Per-body roles, `<role>:<bodyId>`, as the pre-token-generation trigger puts them. */
  grants: readonly string[];
  /** Lifetime in seconds; default 12 hours. */
  ttlSeconds?: number;
}

/**
 * Signs an access token shaped like a Cognito one after the pre-token
 * trigger (`token_use`, `client_id`, `cognito:groups`, `bodies`, `grants`)
 * with the local key.
 */
export const signLocalToken = async (key: StoredKey, issuer: string, claims: LocalTokenClaims) => {
  const privateKey = await importJWK(key.privateJwk, 'ES256');
  return new SignJWT({
    token_use: 'access',
    client_id: localClientId,
    'cognito:groups': [...claims.roles],
    email: claims.email,
    bodies: claims.bodies.join(' '),
    grants: claims.grants.join(' '),
    scope: 'aws.cognito.signin.user.admin',
  })
    .setProtectedHeader({ alg: 'ES256', kid: key.privateJwk.kid ?? 'local', typ: 'JWT' })
    .setIssuer(issuer)
    .setSubject(`local|${claims.email}`)
    .setIssuedAt()
    .setExpirationTime(`${claims.ttlSeconds ?? 12 * 3600}s`)
    .sign(privateKey);
};

const ensureSecret = (path: string): string => {
  if (existsSync(path)) return readFileSync(path, 'utf8').trim();
  const secret = randomBytes(32).toString('base64url');
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${secret}\n`, { mode: 0o600 });
  return secret;
};

/** The local link-signing key, made on first use and kept under `.local/`. */
export const ensureLinkSecret = (path = localPaths.linkSecret): string => ensureSecret(path);

/** The local key of the sign-in cookies, made on first use and kept under `.local/`. */
export const ensureSessionKey = (path = localPaths.sessionKey): string => ensureSecret(path);
