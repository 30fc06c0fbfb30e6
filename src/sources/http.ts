/**
 * The only HTTP client of the sources adapter. Every request has a connect timeout and a total
 * deadline, a size cap enforced while the body streams in (after decompression, so a gzip bomb
 * is stopped too), at most five redirects, a descriptive User-Agent, conditional GET headers, and
 * a slot in a per-host and a global concurrency limit. When private addresses are not allowed,
 * every connection (redirects included) resolves through `guardedLookup`.
 */
import http, { type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import zlib from 'node:zlib';
import pLimit, { type LimitFunction } from 'p-limit';
import { FeedFetchError } from './errors.js';
import { proxyAgentFor, proxyAuthorization, proxyFor } from '../proxy.js';
import {
  BlockedAddressError,
  checkSourceUrl,
  guardedLookup,
  isPrivateAddress,
} from './net-guard.js';

/** Feeds larger than this are refused (5 MiB). */
export const FEED_MAX_BYTES = 5 * 1024 * 1024;
/** Article pages larger than this are refused (3 MiB). */
export const PAGE_MAX_BYTES = 3 * 1024 * 1024;

export const USER_AGENT =
  'Khulasa/0.1 (Arabic news digest bot; reads public RSS/Atom feeds; polite: conditional GET, backoff)';

export interface HttpClientOptions {
  /** Allow loopback/private/link-local targets. @default false */
  allowPrivate?: boolean;
  /** @default 10000 */
  connectTimeoutMs?: number;
  /** Whole request, redirects and body included. @default 30000 */
  totalTimeoutMs?: number;
  /** @default 5 */
  maxRedirects?: number;
  /** Requests in flight at once, all hosts together. @default 16 */
  concurrency?: number;
  /** Requests in flight at once to one host. @default 4 */
  perHost?: number;
  /** @default USER_AGENT */
  userAgent?: string;
}

export interface GetOptions {
  maxBytes: number;
  accept?: string;
  etag?: string;
  lastModified?: string;
}

export interface HttpResponse {
  /** The URL after redirects. */
  url: string;
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** True on 304 (or an empty 200 answering a conditional request). */
  notModified: boolean;
}

export interface HttpClient {
  get(url: string, opts: GetOptions): Promise<HttpResponse>;
  /** Closes kept-alive connections. */
  close(): void;
}

function checkOption(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1) {
    throw new TypeError(`Expected \`${name}\` to be a whole number from 1 and up, got ${value}`);
  }
  return value;
}

/** Creates a client; close it when the pass is over. */
export function createHttpClient(options: HttpClientOptions = {}): HttpClient {
  const allowPrivate = options.allowPrivate ?? false;
  const connectTimeoutMs = checkOption('connectTimeoutMs', options.connectTimeoutMs, 10_000);
  const totalTimeoutMs = checkOption('totalTimeoutMs', options.totalTimeoutMs, 30_000);
  const maxRedirects = options.maxRedirects ?? 5;
  const perHost = checkOption('perHost', options.perHost, 4);
  const global = pLimit(checkOption('concurrency', options.concurrency, 16));
  const hosts = new Map<string, LimitFunction>();
  const agentOptions = { keepAlive: true, maxSockets: perHost, scheduling: 'fifo' as const };
  const agents = { 'http:': new http.Agent(agentOptions), 'https:': new https.Agent(agentOptions) };
  const userAgent = options.userAgent ?? USER_AGENT;

  /** Runs `fn` holding a slot of its host, then one of all hosts (both first come, first served). */
  async function withSlot<T>(host: string, fn: () => Promise<T>): Promise<T> {
    let limit = hosts.get(host);
    if (!limit) hosts.set(host, (limit = pLimit(perHost)));
    try {
      return await limit(() => global(fn));
    } finally {
      // A pass may touch thousands of hosts: forget the ones with nothing in flight or waiting.
      if (limit.activeCount === 0 && limit.pendingCount === 0) hosts.delete(host);
    }
  }

  function once(
    url: URL,
    opts: GetOptions,
    deadline: number,
  ): Promise<{ res: IncomingMessage; body?: Buffer }> {
    return new Promise((resolve, reject) => {
      const href = url.href;
      const remaining = deadline - Date.now();
      if (remaining <= 0) {
        reject(
          new FeedFetchError(`timed out after ${totalTimeoutMs} ms: ${href}`, href, 'timeout'),
        );
        return;
      }
      const host = url.hostname.replace(/^\[|\]$/g, '');
      if (!allowPrivate && isIP(host) && isPrivateAddress(host)) {
        reject(
          new FeedFetchError(
            `refusing private or local address ${host}: ${href}`,
            href,
            'blocked-address',
          ),
        );
        return;
      }
      const headers: Record<string, string> = {
        'user-agent': userAgent,
        accept: opts.accept ?? '*/*',
        'accept-encoding': 'gzip, deflate, br',
      };
      if (opts.etag) headers['if-none-match'] = opts.etag;
      if (opts.lastModified) headers['if-modified-since'] = opts.lastModified;
      const proxy = proxyFor(url);
      let settled = false;
      const fail = (err: FeedFetchError) => {
        if (settled) return;
        settled = true;
        clearTimeout(totalTimer);
        clearTimeout(connectTimer);
        req.destroy();
        reject(err);
      };
      // Through a proxy (the target's addresses were checked before): https in a CONNECT
      // tunnel, http as an absolute-URI request to the proxy, as proxies expect each.
      const req = !proxy
        ? (url.protocol === 'https:' ? https : http).request(url, {
            method: 'GET',
            headers,
            agent: agents[url.protocol as 'http:' | 'https:'],
            ...(allowPrivate ? {} : { lookup: guardedLookup }),
          })
        : url.protocol === 'https:'
          ? https.request(url, { method: 'GET', headers, agent: proxyAgentFor(url) })
          : (proxy.protocol === 'https:' ? https : http).request({
              host: proxy.hostname.replace(/^\[|\]$/g, ''),
              port: proxy.port || (proxy.protocol === 'https:' ? 443 : 80),
              method: 'GET',
              path: url.href,
              headers: { ...headers, host: url.host, ...proxyAuthorization(proxy) },
            });
      let connectTimer: NodeJS.Timeout | undefined;
      const totalTimer = setTimeout(
        () =>
          fail(
            new FeedFetchError(`timed out after ${totalTimeoutMs} ms: ${href}`, href, 'timeout'),
          ),
        remaining,
      );
      req.on('socket', (socket) => {
        if (!socket.connecting) return;
        connectTimer = setTimeout(
          () =>
            fail(
              new FeedFetchError(
                `could not connect within ${connectTimeoutMs} ms: ${href}`,
                href,
                'timeout',
              ),
            ),
          connectTimeoutMs,
        );
        socket.once('connect', () => clearTimeout(connectTimer));
      });
      req.on('error', (err: NodeJS.ErrnoException) => {
        if (err instanceof BlockedAddressError) {
          fail(new FeedFetchError(`refusing ${err.message}: ${href}`, href, 'blocked-address'));
          return;
        }
        const code = err.code ?? '';
        const reason = /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH/.test(code)
          ? 'connect'
          : 'network';
        const what =
          code === 'ENOTFOUND' || code === 'EAI_AGAIN'
            ? `cannot resolve ${url.hostname} (${code})`
            : code === 'ECONNREFUSED'
              ? `connection refused (${code})`
              : `${code || err.message}`;
        fail(
          new FeedFetchError(`${what} fetching ${href}`, href, reason, undefined, { cause: err }),
        );
      });
      req.on('response', (res) => {
        clearTimeout(connectTimer);
        const status = res.statusCode ?? 0;
        if (status >= 300 && status < 400 && status !== 304) {
          res.resume();
          settled = true;
          clearTimeout(totalTimer);
          resolve({ res });
          return;
        }
        if (status === 304) {
          res.resume();
          settled = true;
          clearTimeout(totalTimer);
          resolve({ res, body: Buffer.alloc(0) });
          return;
        }
        if (status < 200 || status >= 300) {
          res.resume();
          fail(new FeedFetchError(`HTTP ${status} from ${href}`, href, 'http-status', status));
          return;
        }
        const declared = Number(res.headers['content-length']);
        const encoding = String(res.headers['content-encoding'] ?? 'identity').toLowerCase();
        const tooLarge = () =>
          new FeedFetchError(
            `body larger than ${opts.maxBytes} bytes: ${href}`,
            href,
            'too-large',
            status,
          );
        if (encoding === 'identity' && Number.isFinite(declared) && declared > opts.maxBytes) {
          res.resume();
          fail(tooLarge());
          return;
        }
        let stream: NodeJS.ReadableStream = res;
        if (encoding === 'gzip' || encoding === 'x-gzip') stream = res.pipe(zlib.createGunzip());
        else if (encoding === 'deflate') stream = res.pipe(zlib.createInflate());
        else if (encoding === 'br') stream = res.pipe(zlib.createBrotliDecompress());
        const chunks: Buffer[] = [];
        let size = 0;
        stream.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > opts.maxBytes) {
            res.destroy();
            fail(tooLarge());
            return;
          }
          chunks.push(chunk);
        });
        stream.on('error', (err: Error) =>
          fail(
            new FeedFetchError(`${err.message} reading ${href}`, href, 'network', status, {
              cause: err,
            }),
          ),
        );
        res.on('close', () => {
          if (!res.complete) {
            fail(new FeedFetchError(`connection closed early by ${href}`, href, 'network', status));
          }
        });
        stream.on('end', () => {
          if (settled) return;
          settled = true;
          clearTimeout(totalTimer);
          resolve({ res, body: Buffer.concat(chunks, size) });
        });
      });
      req.end();
    });
  }

  /**
   * The proxy resolves the target's name, so the private-address check cannot happen at connect
   * time as without one: the target's addresses are checked here first.
   */
  async function checkBeforeProxy(url: URL, rawUrl: string): Promise<void> {
    try {
      await checkSourceUrl(url.href, { allowPrivate: false });
    } catch (err) {
      const problem = (err as { problem?: string }).problem;
      throw new FeedFetchError(
        `refusing ${(err as Error).message}: ${url.href}`,
        rawUrl,
        problem === 'unresolvable' ? 'connect' : 'blocked-address',
      );
    }
  }

  async function get(rawUrl: string, opts: GetOptions): Promise<HttpResponse> {
    let url: URL;
    try {
      url = new URL(rawUrl);
    } catch {
      throw new FeedFetchError(`not a URL: ${rawUrl}`, rawUrl, 'bad-url');
    }
    const deadline = Date.now() + totalTimeoutMs;
    const seen = new Set<string>();
    for (let hop = 0; ; hop += 1) {
      if (url.protocol !== 'http:' && url.protocol !== 'https:') {
        throw new FeedFetchError(`only http(s) can be fetched: ${url.href}`, rawUrl, 'bad-url');
      }
      seen.add(url.href);
      if (!allowPrivate && proxyFor(url)) await checkBeforeProxy(url, rawUrl);
      const { res, body } = await withSlot(url.host, () => once(url, opts, deadline));
      const status = res.statusCode ?? 0;
      if (body === undefined) {
        const location = res.headers.location;
        if (!location) {
          throw new FeedFetchError(
            `HTTP ${status} without Location from ${url.href}`,
            rawUrl,
            'http-status',
            status,
          );
        }
        const next = new URL(location, url);
        if (seen.has(next.href)) {
          throw new FeedFetchError(
            `redirect loop at ${next.href}`,
            rawUrl,
            'redirect-loop',
            status,
          );
        }
        if (hop + 1 > maxRedirects) {
          throw new FeedFetchError(
            `more than ${maxRedirects} redirects from ${rawUrl}`,
            rawUrl,
            'too-many-redirects',
            status,
          );
        }
        url = next;
        continue;
      }
      const conditional = Boolean(opts.etag || opts.lastModified);
      const notModified =
        status === 304 || (conditional && status === 200 && res.headers['content-length'] === '0');
      return { url: url.href, status, headers: res.headers, body, notModified };
    }
  }

  return {
    get,
    close() {
      agents['http:'].destroy();
      agents['https:'].destroy();
    },
  };
}
