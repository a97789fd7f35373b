import { timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { originVerifyHeader } from '../../shared/config/origin.js';
import { ForbiddenError } from '../../shared/domain/errors.js';
import { msg } from '../../shared/domain/messages.js';
import type { AppEnv } from '../http/app-env.js';

const sameSecret = (given: string, expected: string) => {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
};

/**
 * The viewer's address as CloudFront reported it: CloudFront appends the
 * address it saw to `X-Forwarded-For`, and API Gateway may append the
 * address of the CloudFront edge after it (the event's source IP). Entries
 * before CloudFront's are whatever the client sent and are ignored.
 *
 * @example
 * ```ts
 * viewerAddress('1.2.3.4, 203.0.113.9, 130.176.1.1', '130.176.1.1'); // '203.0.113.9'
 * ```
 */
export const viewerAddress = (
  forwardedFor: string | undefined,
  sourceIp: string | undefined,
): string | undefined => {
  const hops = (forwardedFor ?? '')
    .split(',')
    .map((hop) => hop.trim())
    .filter((hop) => hop !== '');
  if (hops.length > 0 && hops.at(-1) === sourceIp) hops.pop();
  return hops.at(-1);
};

/**
 * Lets requests through only when they carry CloudFront's origin-verify
 * secret (in AWS; locally and in tests there is none to check), and then
 * records the viewer's address for per-client limits. Anything else gets
 * 403: the API answers through its public address only.
 *
 * @example
 * ```ts
 * app.use(originVerify(deps.originSecret));
 * ```
 */
export const originVerify =
  (secret: (() => Promise<string>) | undefined): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    if (secret === undefined) return next();
    const given = c.req.header(originVerifyHeader);
    if (given === undefined || !sameSecret(given, await secret())) {
      throw new ForbiddenError(msg('forbidden.public-address-only'));
    }
    const source = (c.env as AppEnv['Bindings'] | undefined)?.event?.requestContext as
      | { http?: { sourceIp?: string } }
      | undefined;
    const viewer = viewerAddress(c.req.header('x-forwarded-for'), source?.http?.sourceIp);
    if (viewer !== undefined) c.set('viewerAddress', viewer);
    return next();
  };
