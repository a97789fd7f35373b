import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  linkSecretResolver,
  secretsExtensionUrl,
} from '../../shared/adapters/secrets/link-secret.js';

const arn = 'arn:aws:secretsmanager:eu-central-1:000000000000:secret:LinkKey-abc';
const key = 'k'.repeat(48);

describe('Function: linkSecretResolver', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('uses a key given directly without asking anyone', async () => {
    const fetch = vi.fn();
    vi.stubGlobal('fetch', fetch);
    expect(await linkSecretResolver({ linkSecret: { value: key } })()).toBe(key);
    expect(fetch).not.toHaveBeenCalled();
  });

  it('reads the key once through the secrets extension, with the session token', async () => {
    const fetch = vi.fn(
      async () => new Response(JSON.stringify({ SecretString: key }), { status: 200 }),
    );
    vi.stubGlobal('fetch', fetch);
    const resolve = linkSecretResolver(
      { linkSecret: { arn } },
      { AWS_SESSION_TOKEN: 'session-token' },
    );

    expect(await resolve()).toBe(key);
    expect(await resolve()).toBe(key);

    expect(fetch).toHaveBeenCalledTimes(1);
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe(
      `${secretsExtensionUrl}/secretsmanager/get?secretId=${encodeURIComponent(arn)}`,
    );
    expect(init.headers).toEqual({ 'X-Aws-Parameters-Secrets-Token': 'session-token' });
  });

  it('does not keep a failure: the next call tries again', async () => {
    const fetch = vi
      .fn()
      .mockResolvedValueOnce(new Response('denied', { status: 403 }))
      .mockResolvedValueOnce(new Response(JSON.stringify({ SecretString: key }), { status: 200 }));
    vi.stubGlobal('fetch', fetch);
    const resolve = linkSecretResolver({ linkSecret: { arn } }, {});
    await expect(resolve()).rejects.toThrow('answered 403');
    expect(await resolve()).toBe(key);
  });

  it('refuses a key that is too short to sign links', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response(JSON.stringify({ SecretString: 'short' }))),
    );
    await expect(linkSecretResolver({ linkSecret: { arn } }, {})()).rejects.toThrow(
      'shorter than 32',
    );
  });
});
