import { createHmac, timingSafeEqual } from 'node:crypto';
import { UnauthorizedError } from './errors.js';
import { msg } from './messages.js';

/** What a link may be used for; a token signed for one purpose is refused for any other. */
export type LinkPurpose =
  | 'invitation-answer'
  | 'ballot-answer'
  | 'press-confirm'
  | 'press-unsubscribe'
  | 'release-answer'
  | 'session-release-answer'
  | 'paper-download';

export interface LinkClaims {
  /** The object the link is bound to, e.g. an invitation id. */
  subject: string;
  purpose: LinkPurpose;
  /** Epoch seconds after which the link is refused. */
  expiresAt: number;
}

const encode = (value: string) => Buffer.from(value, 'utf8').toString('base64url');
const mac = (secret: string, payload: string) =>
  createHmac('sha256', secret).update(payload).digest('base64url');

/** Why a link was refused, shown to the person as a clear page. */
export class LinkRefusedError extends UnauthorizedError {
  constructor(
    readonly reason:
      | 'malformed'
      | 'tampered'
      | 'expired'
      | 'wrong-purpose'
      | 'revoked'
      | 'superseded',
  ) {
    super(msg('link.refused', { reason }));
  }
}

/**
 * Signs link claims with HMAC-SHA-256: `<payload>.<signature>`, both base64url.
 *
 * @example
 * ```ts
 * const token = signLink(secret, { subject: invitation.id, purpose: 'invitation-answer', expiresAt });
 * ```
 */
export const signLink = (secret: string, claims: LinkClaims): string => {
  const payload = encode(JSON.stringify([claims.subject, claims.purpose, claims.expiresAt]));
  return `${payload}.${mac(secret, payload)}`;
};

/** Verifies a link token for a purpose at a time; throws `LinkRefusedError` with the reason. */
export const verifyLink = (
  secret: string,
  token: string,
  purpose: LinkPurpose,
  now: Date,
): LinkClaims => {
  const [payload, signature, extra] = token.split('.');
  if (
    payload === undefined ||
    signature === undefined ||
    extra !== undefined ||
    payload.length > 600
  ) {
    throw new LinkRefusedError('malformed');
  }
  const expected = Buffer.from(mac(secret, payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given))
    throw new LinkRefusedError('tampered');
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    throw new LinkRefusedError('malformed');
  }
  if (!Array.isArray(decoded) || decoded.length !== 3) throw new LinkRefusedError('malformed');
  const [subject, claimedPurpose, expiresAt] = decoded as [unknown, unknown, unknown];
  if (typeof subject !== 'string' || typeof expiresAt !== 'number')
    throw new LinkRefusedError('malformed');
  if (claimedPurpose !== purpose) throw new LinkRefusedError('wrong-purpose');
  if (now.getTime() / 1000 > expiresAt) throw new LinkRefusedError('expired');
  return { subject, purpose, expiresAt };
};
