/**
 * Limits on what one client may ask of a public route, counted in fixed
 * windows. A client is its network address as the platform reports it; an
 * IPv6 address counts by its /64 prefix, because one host (or one home
 * connection) usually holds the whole prefix and could otherwise change its
 * address with every request.
 */

/** How many requests of one kind a client may make per window. */
export interface ClientQuota {
  /** Names the quota in storage, e.g. `press-list`. */
  name: string;
  limit: number;
  windowMs: number;
}

/** Confirmation requests to the press list: ten an hour from one client. */
export const pressListQuota: ClientQuota = { name: 'press-list', limit: 10, windowMs: 3_600_000 };

/** One window of a quota for one client, as counted in storage. */
export interface QuotaWindow {
  name: string;
  client: string;
  /** The window's start (ISO instant). */
  start: string;
  limit: number;
  /** When the count may be forgotten (epoch seconds): the window's end. */
  expiresAt: number;
}

const ipv4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/**
 * The client a request counts against: an IPv4 address as it is, an IPv6
 * address by its /64 prefix (`2001:0db8:0001:0002::/64`), an IPv4 address
 * mapped into IPv6 as IPv4, and `unknown` when the platform gave none.
 *
 * @example
 * ```ts
 * clientKey('2001:db8:1:2::7'); // '2001:0db8:0001:0002::/64'
 * ```
 */
export const clientKey = (address: string | undefined): string => {
  const ip = (address ?? '').trim().toLowerCase().split('%')[0] ?? '';
  const mapped = ip.replace(/^::ffff:/, '');
  if (ipv4.test(mapped)) return mapped;
  if (!ip.includes(':')) return 'unknown';
  const [head = '', tail] = ip.split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === undefined || tail === '' ? [] : tail.split(':');
  const zeros =
    tail === undefined ? [] : Array(Math.max(0, 8 - left.length - right.length)).fill('0');
  const groups = [...left, ...zeros, ...right].slice(0, 4);
  return `${groups.map((group) => group.padStart(4, '0')).join(':')}::/64`;
};

/** The window of `quota` that `now` falls in, for one client. */
export const quotaWindow = (quota: ClientQuota, client: string, now: Date): QuotaWindow => {
  const start = Math.floor(now.getTime() / quota.windowMs) * quota.windowMs;
  return {
    name: quota.name,
    client,
    start: new Date(start).toISOString(),
    limit: quota.limit,
    expiresAt: Math.ceil((start + quota.windowMs) / 1000),
  };
};
