/**
 * Which addresses a source may point at. Sources added at run time (the bot's /addsource) must
 * not reach the operator's own network: loopback, private, link-local, carrier-grade NAT,
 * multicast and reserved ranges are refused, for IPv4 and IPv6 (including IPv4 embedded in
 * IPv6), after DNS resolution. The same check runs again inside every connection the HTTP
 * adapter opens (see `guardedLookup`), so a redirect or a DNS answer that changes between the
 * check and the fetch cannot slip through.
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import { SourceUrlError } from './errors.js';

const BLOCKED = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8], // "this" network
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local (cloud metadata lives here)
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved and broadcast
] as const) {
  BLOCKED.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // old site-local
  ['ff00::', 8], // multicast
  ['2001:db8::', 32], // documentation
  ['100::', 64], // discard
] as const) {
  BLOCKED.addSubnet(net, prefix, 'ipv6');
}

/** Parses an IPv6 literal into 8 groups, or undefined. */
function ipv6Groups(address: string): number[] | undefined {
  let text = address.toLowerCase().replace(/%.*$/, '');
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const parts = dotted[1]!.split('.').map(Number);
    text =
      text.slice(0, -dotted[1]!.length) +
      `${((parts[0]! << 8) | parts[1]!).toString(16)}:${((parts[2]! << 8) | parts[3]!).toString(16)}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const head = halves[0] ? halves[0].split(':') : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 0) return undefined;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  const out = groups.map((g) => parseInt(g, 16));
  return out.length === 8 && out.every((n) => Number.isInteger(n) && n >= 0 && n <= 0xffff)
    ? out
    : undefined;
}

function embeddedIPv4(groups: number[]): string | undefined {
  const v4 = (hi: number, lo: number) => `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  const zeros = (n: number) => groups.slice(0, n).every((g) => g === 0);
  // ::ffff:a.b.c.d (mapped), ::a.b.c.d (compatible), 64:ff9b::a.b.c.d (NAT64)
  if (zeros(5) && groups[5] === 0xffff) return v4(groups[6]!, groups[7]!);
  if (zeros(6) && (groups[6]! !== 0 || groups[7]! > 1)) return v4(groups[6]!, groups[7]!);
  if (groups[0] === 0x64 && groups[1] === 0xff9b && groups.slice(2, 6).every((g) => g === 0)) {
    return v4(groups[6]!, groups[7]!);
  }
  if (groups[0] === 0x2002) return v4(groups[1]!, groups[2]!); // 6to4
  return undefined;
}

/**
 * True when the address is loopback, private, link-local or otherwise not on the public
 * internet. Anything that is not an IP address counts as private (fail closed).
 *
 * @example isPrivateAddress('10.1.2.3') // true
 * @example isPrivateAddress('::ffff:127.0.0.1') // true
 * @example isPrivateAddress('8.8.8.8') // false
 */
export function isPrivateAddress(address: string): boolean {
  const plain = address.replace(/^\[|\]$/g, '');
  const family = isIP(plain);
  if (family === 4) return BLOCKED.check(plain, 'ipv4');
  if (family !== 6) return true;
  const groups = ipv6Groups(plain);
  if (!groups) return true;
  const v4 = embeddedIPv4(groups);
  if (v4 !== undefined) return BLOCKED.check(v4, 'ipv4');
  return BLOCKED.check(plain.replace(/%.*$/, ''), 'ipv6');
}

function resolveAll(host: string): Promise<LookupAddress[]> {
  return new Promise((resolve, reject) => {
    dnsLookup(host, { all: true, verbatim: true }, (err, addresses) =>
      err ? reject(err) : resolve(addresses),
    );
  });
}

/**
 * Checks that a source address may be used: http(s) only, and unless `allowPrivate`, every
 * address its host resolves to is public. Throws {@link SourceUrlError} (problem "bad-url",
 * "bad-scheme", "private-address" or "unresolvable").
 *
 * @example await checkSourceUrl('https://www.example.com/rss', { allowPrivate: false })
 */
export async function checkSourceUrl(url: string, opts: { allowPrivate: boolean }): Promise<void> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new SourceUrlError(`not a URL: ${url}`, url, 'bad-url');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new SourceUrlError(
      `only http:// and https:// sources are allowed, got ${parsed.protocol}//`,
      url,
      'bad-scheme',
    );
  }
  if (opts.allowPrivate) return;
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host)) {
    if (isPrivateAddress(host)) {
      throw new SourceUrlError(
        `${host} is a private or local address; set ALLOW_PRIVATE_SOURCES=true to allow it`,
        url,
        'private-address',
      );
    }
    return;
  }
  let addresses: LookupAddress[];
  try {
    addresses = await resolveAll(host);
  } catch (err) {
    throw new SourceUrlError(
      `cannot resolve ${host} (${(err as NodeJS.ErrnoException).code ?? 'DNS error'})`,
      url,
      'unresolvable',
    );
  }
  const bad = addresses.find((a) => isPrivateAddress(a.address));
  if (addresses.length === 0 || bad) {
    throw new SourceUrlError(
      `${host} resolves to a private or local address (${bad?.address ?? 'none'}); set ALLOW_PRIVATE_SOURCES=true to allow it`,
      url,
      'private-address',
    );
  }
}

/** Error raised inside a connection when its host resolves to a private address. */
export class BlockedAddressError extends Error {
  override readonly name = 'BlockedAddressError';
  constructor(
    readonly host: string,
    readonly address: string,
  ) {
    super(`${host} resolves to a private or local address (${address})`);
  }
}

/**
 * A `lookup` for http.request that refuses private answers: used for every connection when
 * private sources are not allowed, so redirects and DNS changes are covered too.
 */
export const guardedLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true, verbatim: true }, (err, addresses) => {
    if (err) return (callback as (e: Error) => void)(err);
    const list = addresses as LookupAddress[];
    const bad = list.find((a) => isPrivateAddress(a.address));
    if (bad || list.length === 0) {
      return (callback as (e: Error) => void)(
        new BlockedAddressError(hostname, bad?.address ?? 'none'),
      );
    }
    if ((options as { all?: boolean }).all) {
      return (callback as (e: null, a: LookupAddress[]) => void)(null, list);
    }
    (callback as (e: null, a: string, f: number) => void)(null, list[0]!.address, list[0]!.family);
  });
};
