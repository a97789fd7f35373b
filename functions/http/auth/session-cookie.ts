import { hkdfSync } from 'node:crypto';
import { EncryptJWT, errors, jwtDecrypt } from 'jose';
import * as z from 'zod/mini';
import type { Clock } from '../../../shared/ports/clock.js';

/**
 * The three cookies of the browser sign-in. The `__Host-` prefix makes the
 * browser insist on `Secure`, `Path=/` and no `Domain`, so no other host
 * can set or read them.
 */
export const cookieNames = {
  /** The signed-in session: the access token, short-lived like it. */
  session: '__Host-session',
  /** The refresh token that renews the session, kept apart so the session stays small. */
  refresh: '__Host-refresh',
  /** A sign-in under way: state, nonce and PKCE verifier until the callback. */
  pending: '__Host-signin',
} as const;

export type CookieKind = keyof typeof cookieNames;

const SessionSchema = z.object({
  accessToken: z.string().check(z.minLength(1)),
  email: z.string(),
  /** The synchronizer token every form post of this session must carry. */
  csrf: z.string().check(z.minLength(16)),
});
const RefreshSchema = z.object({
  refreshToken: z.string().check(z.minLength(1)),
  email: z.string(),
  csrf: z.string().check(z.minLength(16)),
});
const PendingSchema = z.object({
  state: z.string().check(z.minLength(16)),
  nonce: z.string().check(z.minLength(16)),
  codeVerifier: z.string().check(z.minLength(43)),
  returnTo: z.string().check(z.startsWith('/')),
});

const schemas = { session: SessionSchema, refresh: RefreshSchema, pending: PendingSchema } as const;

/** What each cookie holds, before encryption. */
export type CookieValue<K extends CookieKind> = z.infer<(typeof schemas)[K]>;
export type SignInSession = CookieValue<'session'>;

/** Encrypts and decrypts the sign-in cookies. */
export interface CookieSealer {
  /** The cookie's value: a JWE (`dir`, `A256GCM`) that expires at `expiresAt`. */
  seal<K extends CookieKind>(kind: K, value: CookieValue<K>, expiresAt: Date): Promise<string>;
  /** The cookie's content; `undefined` when it is missing, expired, tampered with or of another kind. */
  open<K extends CookieKind>(
    kind: K,
    sealed: string | undefined,
  ): Promise<CookieValue<K> | undefined>;
}

/** The cookie key: derived from the configured secret, so that the secret itself is never the key. */
const cookieKey = (secret: string): Uint8Array =>
  new Uint8Array(hkdfSync('sha256', secret, 'conference-sign-in', 'cookie encryption', 32));

/**
 * Seals the sign-in cookies with a key derived from the session secret
 * (a Secrets Manager secret in AWS, `.local/session-key` locally). Each
 * cookie names its kind as the audience, so one cannot stand in for another.
 *
 * @example
 * ```ts
 * const sealer = cookieSealer(async () => secret, systemClock);
 * const value = await sealer.seal('pending', pending, new Date(Date.now() + 600_000));
 * await sealer.open('pending', value); // the same pending sign-in
 * ```
 */
export const cookieSealer = (secret: () => Promise<string>, clock: Clock): CookieSealer => {
  let key: Promise<Uint8Array> | undefined;
  const keyOf = () => {
    key ??= secret().then(cookieKey);
    key.catch(() => {
      key = undefined;
    });
    return key;
  };
  return {
    async seal(kind, value, expiresAt) {
      return new EncryptJWT({ value })
        .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' })
        .setAudience(kind)
        .setIssuedAt(Math.floor(clock.now().getTime() / 1000))
        .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
        .encrypt(await keyOf());
    },
    async open(kind, sealed) {
      if (sealed === undefined || sealed === '') return undefined;
      try {
        const { payload } = await jwtDecrypt(sealed, await keyOf(), {
          audience: kind,
          currentDate: clock.now(),
          keyManagementAlgorithms: ['dir'],
          contentEncryptionAlgorithms: ['A256GCM'],
        });
        const parsed = schemas[kind].safeParse(payload.value);
        return parsed.success ? (parsed.data as CookieValue<typeof kind>) : undefined;
      } catch (error) {
        // A cookie that does not open is no session; anything else is a fault.
        if (error instanceof errors.JOSEError) return undefined;
        throw error;
      }
    },
  };
};

/** The attributes of every sign-in cookie. */
export const cookieAttributes = (maxAgeSeconds: number) =>
  ({
    httpOnly: true,
    secure: true,
    sameSite: 'Lax',
    path: '/',
    maxAge: Math.max(0, Math.floor(maxAgeSeconds)),
  }) as const;
