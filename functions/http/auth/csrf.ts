import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';

/** The form field that carries the CSRF token of a form post. */
export const csrfField = '_csrf';

/** The header that carries it for script requests. */
export const csrfHeader = 'X-CSRF-Token';

/** Methods that change nothing, which need no CSRF token. */
const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * A fresh synchronizer token: 32 random bytes, kept in the encrypted
 * session cookie and written into every form of the session's pages.
 *
 * @example
 * ```ts
 * const csrf = newCsrfToken(); // 43 characters, base64url
 * ```
 */
export const newCsrfToken = (): string => randomBytes(32).toString('base64url');

/**
 * True when the method changes state and so needs a CSRF token.
 *
 * @example
 * ```ts
 * changesState('POST'); // true
 * ```
 */
export const changesState = (method: string): boolean => !safeMethods.has(method.toUpperCase());

/**
 * Compares the session's token with the one a request carries, in constant time.
 *
 * @example
 * ```ts
 * csrfTokenMatches(session.csrf, await csrfTokenOf(c));
 * ```
 */
export const csrfTokenMatches = (expected: string, given: string | undefined): boolean => {
  if (given === undefined) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
};

const formTypes = /^(application\/x-www-form-urlencoded|multipart\/form-data)\b/i;

/**
 * The CSRF token a request carries: the `X-CSRF-Token` header, or the
 * `_csrf` field of a form post. Hono keeps the parsed form, so the route
 * can still read it.
 *
 * @example
 * ```ts
 * const given = await csrfTokenOf(c);
 * ```
 */
export const csrfTokenOf = async (c: Context): Promise<string | undefined> => {
  const header = c.req.header(csrfHeader);
  if (header !== undefined) return header;
  if (!formTypes.test(c.req.header('content-type') ?? '')) return undefined;
  const form = await c.req.parseBody();
  const field = form[csrfField];
  return typeof field === 'string' ? field : undefined;
};

/**
 * False when the request says it comes from another site: by `Origin`,
 * or, where that is `null` (our pages send `Referrer-Policy: no-referrer`,
 * so browsers hide the origin of their form posts) or missing, by
 * `Sec-Fetch-Site`. A second line behind the token, which decides alone
 * when a browser sends neither.
 *
 * @example
 * ```ts
 * sameOrigin(c, 'https://konferenz.example.org');
 * ```
 */
export const sameOrigin = (c: Context, publicBaseUrl: string): boolean => {
  const origin = c.req.header('origin');
  if (origin !== undefined && origin !== 'null') return origin === new URL(publicBaseUrl).origin;
  const site = c.req.header('sec-fetch-site');
  return site === undefined || site === 'same-origin' || site === 'none';
};
