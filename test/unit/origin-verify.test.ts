import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { AppEnv } from '../../functions/http/app-env.js';
import { clientAddress } from '../../functions/http/client-address.js';
import { originVerify, viewerAddress } from '../../functions/middleware/origin-verify.js';
import { AppError } from '../../shared/domain/errors.js';

const secret = 'k'.repeat(40);

/** A small app behind the middleware that tells which client address it saw. */
const appWith = (originSecret: (() => Promise<string>) | undefined) => {
  const app = new Hono<AppEnv>();
  app.use(originVerify(originSecret));
  app.get('/who', (c) => c.json({ address: clientAddress(c) ?? null }));
  app.onError((error, c) =>
    c.json({ error: error.message }, error instanceof AppError ? (error.status as 403) : 500),
  );
  return app;
};

/** The Lambda bindings as hono/aws-lambda gives them: API Gateway saw the CloudFront edge. */
const fromEdge = { event: { requestContext: { http: { sourceIp: '130.176.1.1' } } } } as never;

describe('Middleware: originVerify', () => {
  it('refuses a request that did not come through CloudFront', async () => {
    const app = appWith(async () => secret);
    const missing = await app.request('/who', {}, fromEdge);
    const wrong = await app.request('/who', { headers: { 'x-origin-verify': 'guess' } }, fromEdge);
    expect(missing.status).toBe(403);
    expect(wrong.status).toBe(403);
    expect(await wrong.json()).toEqual({
      error: 'This API answers through its public address only.',
    });
  });

  it('takes the viewer address CloudFront appended, not what the client wrote before it', async () => {
    const app = appWith(async () => secret);
    const response = await app.request(
      '/who',
      {
        headers: {
          'x-origin-verify': secret,
          // The client claims 10.0.0.1; CloudFront appended the real viewer, API Gateway the edge.
          'x-forwarded-for': '10.0.0.1, 203.0.113.9, 130.176.1.1',
        },
      },
      fromEdge,
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ address: '203.0.113.9' });
  });

  it('checks nothing and trusts no header where there is no secret (locally, in tests)', async () => {
    const app = appWith(undefined);
    const response = await app.request(
      '/who',
      { headers: { 'x-forwarded-for': '10.0.0.1' } },
      fromEdge,
    );
    expect(await response.json()).toEqual({ address: '130.176.1.1' });
  });
});

describe('Function: viewerAddress', () => {
  it('reads the last hop before the edge, and copes with short headers', () => {
    expect(viewerAddress('203.0.113.9, 130.176.1.1', '130.176.1.1')).toBe('203.0.113.9');
    expect(viewerAddress('203.0.113.9', '130.176.1.1')).toBe('203.0.113.9');
    expect(viewerAddress('130.176.1.1', '130.176.1.1')).toBeUndefined();
    expect(viewerAddress(undefined, '130.176.1.1')).toBeUndefined();
    expect(viewerAddress(' 2001:db8::1 ,130.176.1.1', '130.176.1.1')).toBe('2001:db8::1');
  });
});
