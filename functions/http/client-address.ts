import type { Context } from 'hono';
import type { AppEnv } from './app-env.js';

interface SourceContext {
  /** HTTP API (payload 2.0) and function URLs. */
  http?: { sourceIp?: string };
  /** REST API (payload 1.0). */
  identity?: { sourceIp?: string };
}

/**
 * The network address of the client, as the platform saw it: behind
 * CloudFront the viewer address CloudFront reported (trusted only once the
 * request carried CloudFront's origin secret, see `originVerify`), else the
 * source IP that API Gateway reports in the event, locally the peer of the
 * Node socket. Never a header a client can set to anything. Undefined when neither is there (`app.request()` in tests).
 *
 * @example
 * ```ts
 * await subscribe(deps, body, clientAddress(c));
 * ```
 */
export const clientAddress = (c: Context<AppEnv>): string | undefined => {
  const viewer = c.get('viewerAddress');
  if (viewer !== undefined) return viewer;
  const env = c.env as AppEnv['Bindings'] | undefined;
  const source = env?.event?.requestContext as SourceContext | undefined;
  return (
    source?.http?.sourceIp ?? source?.identity?.sourceIp ?? env?.incoming?.socket.remoteAddress
  );
};
