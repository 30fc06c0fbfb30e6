/**
 * HTTPS_PROXY / HTTP_PROXY / NO_PROXY: the feed fetcher (after checking the target's address),
 * the Bot API client and the translation client all go through a proxy the test starts on
 * 127.0.0.1, which records what it was asked for.
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createBot } from '../../src/bot/bot.js';
import type { BotDeps } from '../../src/bot/deps.js';
import { parseConfig } from '../../src/config/index.js';
import { silentLogger } from '../../src/log.js';
import {
  bypassesProxy,
  createTunnelAgent,
  proxyFor,
  proxyFromEnv,
  useProxy,
} from '../../src/proxy.js';
import { createHttpClient } from '../../src/sources/http.js';
import { startFakeBotApi, type FakeBotApi } from '../../src/testkit/fake-bot-api.js';
import {
  startFakeTranslateServer,
  type FakeTranslateServer,
} from '../../src/testkit/fake-translate-server.js';
import { createGoogleV2Provider } from '../../src/translate/index.js';

const TOKEN = '123456789:AAExampleTokenFromBotFather_abcdefgh';
const TLS = join(import.meta.dirname, '..', 'fixtures', 'tls');
const cert = readFileSync(join(TLS, 'localhost.crt'));
const key = readFileSync(join(TLS, 'localhost.key'));

interface TestProxy {
  url: URL;
  seen: string[];
  close(): Promise<void>;
}

/** A forwarding proxy: CONNECT tunnels and absolute-URI requests, each recorded. */
async function startProxy(): Promise<TestProxy> {
  const seen: string[] = [];
  const sockets = new Set<net.Socket>();
  const server = http.createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    const up = http.request(
      new URL(req.url!),
      { method: req.method, headers: req.headers },
      (r) => {
        res.writeHead(r.statusCode ?? 502, r.headers);
        r.pipe(res);
      },
    );
    up.on('error', () => res.writeHead(502).end());
    req.pipe(up);
  });
  server.on('connect', (req: http.IncomingMessage, socket: net.Socket, head: Buffer) => {
    seen.push(`CONNECT ${req.url}`);
    sockets.add(socket);
    const [host, port] = [req.url!.slice(0, req.url!.lastIndexOf(':')), req.url!.split(':').pop()];
    const up = net.connect(Number(port), host, () => {
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      up.write(head);
      up.pipe(socket);
      socket.pipe(up);
    });
    sockets.add(up);
    up.on('error', () => socket.destroy());
    socket.on('error', () => up.destroy());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as net.AddressInfo).port;
  return {
    url: new URL(`http://127.0.0.1:${port}`),
    seen,
    close: async () => {
      for (const s of sockets) s.destroy();
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  };
}

let proxy: TestProxy;
let feed: http.Server;
let feedUrl: string;
let secure: https.Server;
let secureUrl: string;

beforeAll(async () => {
  proxy = await startProxy();
  const rss = '<rss version="2.0"><channel><title>t</title></channel></rss>';
  feed = http.createServer((_req, res) =>
    res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss),
  );
  await new Promise<void>((r) => feed.listen(0, '127.0.0.1', r));
  feedUrl = `http://127.0.0.1:${(feed.address() as net.AddressInfo).port}/feed.xml`;
  secure = https.createServer({ cert, key }, (_req, res) => res.end('secret feed'));
  await new Promise<void>((r) => secure.listen(0, '127.0.0.1', r));
  secureUrl = `https://localhost:${(secure.address() as net.AddressInfo).port}/`;
});
afterAll(async () => {
  useProxy(undefined);
  await proxy.close();
  feed.closeAllConnections();
  secure.closeAllConnections();
  await new Promise((r) => feed.close(r));
  await new Promise((r) => secure.close(r));
});
afterEach(() => {
  useProxy(undefined);
  proxy.seen.length = 0;
});

describe('proxy settings', () => {
  it('reads both cases, adds http:// to a bare host:port and refuses other schemes', () => {
    expect(proxyFromEnv({})).toBeUndefined();
    const s = proxyFromEnv({ https_proxy: 'proxy.lan:3128', NO_PROXY: 'localhost, .internal' })!;
    expect(s.https?.href).toBe('http://proxy.lan:3128/');
    expect(s.http).toBeUndefined();
    expect(s.noProxy).toEqual(['localhost', '.internal']);
    expect(() => proxyFromEnv({ HTTP_PROXY: 'socks5://p:1080' })).toThrow(/^HTTP_PROXY:/);
  });

  it.each([
    ['https://api.telegram.org/x', ['telegram.org'], true],
    ['https://api.telegram.org/x', ['.telegram.org'], true],
    ['https://api.telegram.org/x', ['*.telegram.org'], true],
    ['https://telegram.org.evil.example/', ['telegram.org'], false],
    ['http://feeds.example:8080/', ['feeds.example:8080'], true],
    ['http://feeds.example/', ['feeds.example:8080'], false],
    ['http://127.0.0.1:9/', ['127.0.0.1'], true],
    ['http://anything.example/', ['*'], true],
    ['http://anything.example/', [], false],
  ])('NO_PROXY: %s with %j → bypass %s', (url, entries, bypass) => {
    expect(bypassesProxy(new URL(url), entries)).toBe(bypass);
  });

  it('picks the proxy by the target’s scheme', () => {
    const s = proxyFromEnv({ HTTP_PROXY: 'http://a:1', HTTPS_PROXY: 'http://b:2' });
    expect(proxyFor('http://x.example/', s)?.host).toBe('a:1');
    expect(proxyFor('https://x.example/', s)?.host).toBe('b:2');
  });
});

describe('feeds through the proxy', () => {
  it('fetches an http feed as an absolute-URI request to the proxy', async () => {
    useProxy({ http: proxy.url, noProxy: [] });
    const client = createHttpClient({ allowPrivate: true });
    const res = await client.get(feedUrl, { maxBytes: 10_000 });
    client.close();
    expect(res.body.toString()).toContain('<rss');
    expect(proxy.seen).toEqual([`GET ${feedUrl}`]);
  });

  it('checks the target address before the proxy is asked', async () => {
    useProxy({ http: proxy.url, noProxy: [] });
    const client = createHttpClient({ allowPrivate: false });
    await expect(client.get(feedUrl, { maxBytes: 10_000 })).rejects.toMatchObject({
      reason: 'blocked-address',
    });
    client.close();
    expect(proxy.seen).toEqual([]);
  });

  it('connects directly to hosts in NO_PROXY', async () => {
    useProxy({ http: proxy.url, noProxy: ['127.0.0.1'] });
    const client = createHttpClient({ allowPrivate: true });
    await client.get(feedUrl, { maxBytes: 10_000 });
    client.close();
    expect(proxy.seen).toEqual([]);
  });

  it('tunnels https with CONNECT and checks the server certificate end to end', async () => {
    const agent = createTunnelAgent(proxy.url, true, { ca: cert, keepAlive: false });
    const body = await new Promise<string>((resolve, reject) => {
      https
        .get(secureUrl, { agent }, (res) => {
          let text = '';
          res.on('data', (c: Buffer) => (text += c.toString()));
          res.on('end', () => resolve(text));
        })
        .on('error', reject);
    });
    expect(body).toBe('secret feed');
    expect(proxy.seen).toEqual([`CONNECT localhost:${new URL(secureUrl).port}`]);

    const untrusted = createTunnelAgent(proxy.url, true, { keepAlive: false });
    await expect(
      new Promise((resolve, reject) =>
        https.get(secureUrl, { agent: untrusted }, resolve).on('error', reject),
      ),
    ).rejects.toThrow(/self.signed|certificate/i);
  });
});

describe('the Bot API through the proxy', () => {
  let api: FakeBotApi;
  beforeAll(async () => {
    api = await startFakeBotApi({ token: TOKEN });
  });
  afterAll(() => api.close());

  it('sends telegraf’s calls through a CONNECT tunnel', async () => {
    useProxy({ http: proxy.url, noProxy: [] });
    const config = parseConfig({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: api.apiRoot });
    const bot = createBot({ config, log: silentLogger() } as unknown as BotDeps);
    const me = await bot.telegram.getMe();
    expect(me.username).toBe('khulasa_test_bot');
    expect(proxy.seen).toEqual([`CONNECT ${new URL(api.apiRoot).host}`]);
  });

  it('answers updates through the proxy too', async () => {
    // Another spelling of the proxy, so no tunnel of the previous test is reused.
    useProxy({ http: new URL(`http://localhost:${proxy.url.port}`), noProxy: [] });
    const config = parseConfig({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: api.apiRoot });
    const store = { subscribers: { get: async () => undefined } };
    const bot = createBot({ config, log: silentLogger(), store } as unknown as BotDeps, {
      botInfo: { id: 1, is_bot: true, first_name: 'K', username: 'khulasa_test_bot' } as never,
    });
    await bot.handleUpdate({
      update_id: 1,
      message: {
        message_id: 1,
        date: 0,
        chat: { id: 5, type: 'private', first_name: 'R' },
        from: { id: 5, is_bot: false, first_name: 'R' },
        text: '/whoami',
        entities: [{ type: 'bot_command', offset: 0, length: 7 }],
      },
    } as never);
    expect(api.sent(5)).toHaveLength(1);
    expect(proxy.seen.length).toBeGreaterThan(0);
    expect(proxy.seen.every((l) => l === `CONNECT ${new URL(api.apiRoot).host}`)).toBe(true);
  });
});

describe('translation through the proxy', () => {
  let server: FakeTranslateServer;
  const saved = { ...process.env };
  beforeAll(async () => {
    server = await startFakeTranslateServer({ key: 'AIzaTestKey-0123456789' });
  });
  afterAll(async () => {
    for (const k of ['HTTP_PROXY', 'NO_PROXY', 'GOOGLE_CLOUD_TRANSLATE_ENDPOINT']) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
    await server.close();
  });

  it('lets the Google client read HTTP_PROXY itself', async () => {
    process.env.HTTP_PROXY = proxy.url.href;
    process.env.NO_PROXY = '';
    process.env.GOOGLE_CLOUD_TRANSLATE_ENDPOINT = `${server.v2Url}/`;
    const p = createGoogleV2Provider({ apiKey: 'AIzaTestKey-0123456789' });
    const out = await p.translateBatch(['خبر'], 'ar', 'en', 2000);
    expect(out.texts).toEqual(['[en] خبر']);
    expect(proxy.seen.some((l) => l.includes(new URL(server.v2Url).host))).toBe(true);
  });
});
