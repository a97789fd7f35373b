import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { AppEnv } from '../../functions/http/app-env.js';
import { clientAddress } from '../../functions/http/client-address.js';
import { clientKey, pressListQuota, quotaWindow } from '../../shared/domain/client-quota.js';

describe('Function: clientKey', () => {
  it.each([
    ['203.0.113.7', '203.0.113.7'],
    ['::ffff:203.0.113.7', '203.0.113.7'],
    ['2001:db8:1:2::7', '2001:0db8:0001:0002::/64'],
    ['2001:DB8:1:2:ffff:ffff:ffff:ffff', '2001:0db8:0001:0002::/64'],
    ['2001:db8::1', '2001:0db8:0000:0000::/64'],
    ['fe80::1%eth0', 'fe80:0000:0000:0000::/64'],
    ['::1', '0000:0000:0000:0000::/64'],
    [undefined, 'unknown'],
    ['', 'unknown'],
    ['not an address', 'unknown'],
  ])('counts %s as %s', (address, key) => {
    expect(clientKey(address)).toBe(key);
  });
});

describe('Function: quotaWindow', () => {
  it('puts an instant in its fixed window, which expires at the window end', () => {
    const window = quotaWindow(pressListQuota, '203.0.113.7', new Date('2027-03-01T09:59:59Z'));
    expect(window).toEqual({
      name: 'press-list',
      client: '203.0.113.7',
      start: '2027-03-01T09:00:00.000Z',
      limit: 10,
      expiresAt: Date.parse('2027-03-01T10:00:00Z') / 1000,
    });
  });
});

describe('Function: clientAddress', () => {
  const app = new Hono<AppEnv>().get('/', (c) => c.text(clientAddress(c) ?? 'none'));
  const read = async (env: unknown) =>
    (await app.request('/', { headers: { 'x-forwarded-for': '192.0.2.99' } }, env as never)).text();

  it('reads the source IP of an API Gateway HTTP API or REST API event', async () => {
    expect(await read({ event: { requestContext: { http: { sourceIp: '203.0.113.1' } } } })).toBe(
      '203.0.113.1',
    );
    expect(
      await read({ event: { requestContext: { identity: { sourceIp: '203.0.113.2' } } } }),
    ).toBe('203.0.113.2');
  });

  it('reads the socket peer on Node, and never X-Forwarded-For', async () => {
    expect(await read({ incoming: { socket: { remoteAddress: '127.0.0.1' } } })).toBe('127.0.0.1');
    expect(await read({})).toBe('none');
  });
});
