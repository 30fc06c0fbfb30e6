/**
 * Outgoing HTTP through a proxy: HTTPS_PROXY / HTTP_PROXY / NO_PROXY (or their lower-case
 * forms), as curl reads them. The entry point parses them once (`proxyFromEnv`) and installs
 * them (`useProxy`); the Bot API client and the feed fetcher ask `proxyFor(url)`. The Google
 * client libraries read the same variables themselves.
 */
import http from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';
import tls from 'node:tls';
import { ConfigError } from './config/index.js';

export interface ProxySettings {
  /** For http:// targets. */
  http?: URL;
  /** For https:// targets. */
  https?: URL;
  /** NO_PROXY entries: host names, .suffixes, *.suffixes, host:port, or "*". */
  noProxy: string[];
}

type Env = Record<string, string | undefined>;

function proxyUrl(env: Env, name: string): URL | undefined {
  const raw = (env[name] ?? env[name.toLowerCase()])?.trim();
  if (!raw) return undefined;
  // "proxy:3128" without a scheme is common; curl reads it as http://.
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `http://${raw}`;
  if (!URL.canParse(withScheme) || !/^https?:$/.test(new URL(withScheme).protocol)) {
    throw new ConfigError(name, 'must be an http:// or https:// proxy URL', 'http://proxy:3128');
  }
  return new URL(withScheme);
}

/** The proxy settings in an environment; undefined when no proxy is set. */
export function proxyFromEnv(env: Env): ProxySettings | undefined {
  const httpsProxy = proxyUrl(env, 'HTTPS_PROXY');
  const httpProxy = proxyUrl(env, 'HTTP_PROXY');
  if (!httpsProxy && !httpProxy) return undefined;
  const noProxy = (env.NO_PROXY ?? env.no_proxy ?? '')
    .split(/[\s,]+/)
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  // Like curl: HTTPS_PROXY alone serves https only; HTTP_PROXY alone serves http only.
  return {
    ...(httpProxy ? { http: httpProxy } : {}),
    ...(httpsProxy ? { https: httpsProxy } : {}),
    noProxy,
  };
}

function defaultPort(url: URL): string {
  return url.port || (url.protocol === 'https:' ? '443' : '80');
}

/** True when NO_PROXY exempts the URL. */
export function bypassesProxy(target: URL, noProxy: readonly string[]): boolean {
  const host = target.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const port = defaultPort(target);
  return noProxy.some((entry) => {
    if (entry === '*') return true;
    let name = entry;
    const m = /^(.*):(\d+)$/.exec(entry);
    if (m && !entry.includes(']') && (entry.match(/:/g) ?? []).length === 1) {
      if (m[2] !== port) return false;
      name = m[1]!;
    }
    name = name.replace(/^\[|\]$/g, '').replace(/^\*?\./, '.');
    if (name.startsWith('.')) return host.endsWith(name) || host === name.slice(1);
    return host === name || host.endsWith(`.${name}`);
  });
}

let installed: ProxySettings | undefined;

/** Installs the process's proxy settings (undefined: connect directly). */
export function useProxy(settings: ProxySettings | undefined): void {
  installed = settings;
}

/** The proxy a request to `url` goes through, if any. */
export function proxyFor(url: string | URL, settings = installed): URL | undefined {
  if (!settings) return undefined;
  const target = typeof url === 'string' ? new URL(url) : url;
  const proxy = target.protocol === 'https:' ? settings.https : settings.http;
  if (!proxy || bypassesProxy(target, settings.noProxy)) return undefined;
  return proxy;
}

/** The Proxy-Authorization header for a proxy URL with user:password, if any. */
export function proxyAuthorization(proxy: URL): Record<string, string> {
  if (!proxy.username) return {};
  const user = decodeURIComponent(proxy.username);
  const pass = decodeURIComponent(proxy.password);
  return { 'proxy-authorization': `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}` };
}

type Callback = (err: Error | null, socket?: Socket) => void;

/** Opens a CONNECT tunnel to host:port through the proxy. */
function openTunnel(
  proxy: URL,
  host: string,
  port: number,
  done: (err: Error | null, s?: Socket) => void,
) {
  const mod = proxy.protocol === 'https:' ? https : http;
  const authority = `${host.includes(':') ? `[${host}]` : host}:${port}`;
  const req = mod.request({
    host: proxy.hostname.replace(/^\[|\]$/g, ''),
    port: defaultPort(proxy),
    method: 'CONNECT',
    path: authority,
    headers: { host: authority, ...proxyAuthorization(proxy) },
    agent: false,
  });
  req.once('connect', (res, socket) => {
    if (res.statusCode !== 200) {
      socket.destroy();
      done(new Error(`proxy ${proxy.host} refused CONNECT ${authority}: HTTP ${res.statusCode}`));
      return;
    }
    done(null, socket);
  });
  req.once('error', (err) => done(err));
  req.end();
}

/**
 * An agent whose every connection is a CONNECT tunnel through `proxy`, wrapped in TLS when the
 * target is https. Works for any client that takes an `agent` (node-fetch, http.request).
 */
export function createTunnelAgent(
  proxy: URL,
  secure: boolean,
  options: https.AgentOptions = { keepAlive: true },
): http.Agent {
  const Base = secure ? https.Agent : http.Agent;
  const agent = new Base(options);
  const connect = (opts: Record<string, unknown>, cb: Callback): undefined => {
    const host = String(opts.host ?? opts.hostname ?? 'localhost');
    const port = Number(opts.port ?? (secure ? 443 : 80));
    openTunnel(proxy, host, port, (err, socket) => {
      if (err || !socket) return cb(err ?? new Error('no tunnel'));
      if (!secure) return cb(null, socket);
      const servername = (opts.servername as string | undefined) ?? host;
      const secured = tls.connect({ ...(opts as tls.ConnectionOptions), socket, servername });
      secured.once('secureConnect', () => cb(null, secured));
      secured.once('error', (e) => cb(e));
    });
    return undefined;
  };
  // Node's agents accept a createConnection that answers through its callback.
  (agent as unknown as { createConnection: typeof connect }).createConnection = connect;
  return agent;
}

const agents = new Map<string, http.Agent>();

/** The agent for requests to `url` (undefined: no proxy), one per proxy and scheme. */
export function proxyAgentFor(url: string | URL, settings = installed): http.Agent | undefined {
  const proxy = proxyFor(url, settings);
  if (!proxy) return undefined;
  const secure = (typeof url === 'string' ? new URL(url) : url).protocol === 'https:';
  const key = `${secure}:${proxy.href}`;
  let agent = agents.get(key);
  if (!agent) agents.set(key, (agent = createTunnelAgent(proxy, secure)));
  return agent;
}
