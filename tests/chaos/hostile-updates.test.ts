/**
 * Scenario 8: hostile updates. /addsource from a non-admin, /addsource by an admin with private,
 * loopback, decimal/hex/octal, IPv6-mapped and DNS-rebinding addresses while private sources
 * are off, HTML and bidi overrides in topic queries and feed titles. A real listener on the
 * loopback port every refused address points at fails the test if anything ever reaches it,
 * and a DNS stub records every lookup.
 */
import type * as DnsModule from 'node:dns';
import { createRequire, syncBuiltinESMExports } from 'node:module';
import { createServer, isIP, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log.js';
import { checkSourceUrl, collectArticles, runIngest } from '../../src/sources/index.js';
import { createServer as createHttpServer } from 'node:http';
import {
  ADMIN,
  sampleDigest,
  startHarness,
  story,
  texts,
  type Harness,
} from '../contract/bot/harness.js';
import { chaosBackends } from './backends.js';

const dns = createRequire(import.meta.url)('node:dns') as typeof DnsModule;
const realLookup = dns.lookup;
const lookups: string[] = [];
let rebindAnswers = 0;

/** Public-looking first answer, loopback afterwards: the DNS-rebinding trick. */
function stubLookup(host: string, options: unknown, callback?: (...args: unknown[]) => void): void {
  const cb = (typeof options === 'function' ? options : callback) as (...args: unknown[]) => void;
  const all = typeof options === 'object' && options !== null && (options as { all?: boolean }).all;
  // Literal addresses (servers listening, clients of 127.0.0.1) resolve as they always do.
  if (isIP(host)) return void (realLookup as (...a: unknown[]) => void)(host, options, callback);
  lookups.push(host);
  const answer = (address: string, family: number) =>
    all ? cb(null, [{ address, family }]) : cb(null, address, family);
  if (host === 'rebind.chaos.test') {
    rebindAnswers++;
    return rebindAnswers === 1 ? answer('93.184.216.34', 4) : answer('127.0.0.1', 4);
  }
  if (host === 'localhost') return answer('127.0.0.1', 4);
  const err = Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
  cb(err);
}

let listener: Server;
let port = 0;
const reached: string[] = [];

beforeAll(async () => {
  listener = createServer((socket) => {
    reached.push(String(socket.remoteAddress));
    socket.destroy();
  });
  await new Promise<void>((resolve) =>
    listener.listen({ port: 0, host: '::', ipv6Only: false }, resolve),
  );
  port = (listener.address() as AddressInfo).port;
  (dns as { lookup: unknown }).lookup = stubLookup;
  syncBuiltinESMExports();
});

afterAll(async () => {
  (dns as { lookup: unknown }).lookup = realLookup;
  syncBuiltinESMExports();
  await new Promise<void>((resolve) => listener.close(() => resolve()));
});

const BIDI = /[\u202A-\u202E\u2066-\u2069]/u;

describe.each(chaosBackends)('hostile updates on $name', ({ make }) => {
  let h: Harness | undefined;
  let cleanup: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await h?.close();
    await cleanup?.();
    h = undefined;
  });

  async function harness(digest = sampleDigest()) {
    const backend = make();
    cleanup = backend.cleanup;
    h = await startHarness({
      storeUrl: backend.url,
      digest,
      env: { ALLOW_PRIVATE_SOURCES: 'false' },
      checkSource: (url) => checkSourceUrl(url, { allowPrivate: false }),
    });
    return h;
  }

  it('/addsource from a non-admin is refused before any lookup', async () => {
    const bot = await harness();
    const before = lookups.length;
    const reply = texts(
      await bot.say({ chatId: 4321, text: '/addsource https://news.example/rss' }),
    );
    expect(reply.join('\n')).toMatch(/operator|لمشغّل/);
    expect(await bot.store.sources.list()).toEqual([]);
    expect(lookups.length).toBe(before);
  });

  it('an admin cannot add private, loopback or disguised addresses; rebinding is caught at the fetch', async () => {
    const bot = await harness();
    const refused = [
      `http://127.0.0.1:${port}/feed`,
      `http://127.1:${port}/feed`,
      `http://2130706433:${port}/feed`,
      `http://0x7f000001:${port}/feed`,
      `http://0177.0.0.1:${port}/feed`,
      `http://10.0.0.7:${port}/feed`,
      `http://192.168.1.1:${port}/feed`,
      'http://169.254.169.254/latest/meta-data/',
      `http://[::1]:${port}/feed`,
      `http://[::ffff:127.0.0.1]:${port}/feed`,
      `http://[::ffff:7f00:1]:${port}/feed`,
      `http://[fd00::2]:${port}/feed`,
      `http://localhost:${port}/feed`,
      'javascript:alert(1)',
      'file:///etc/passwd',
    ];
    for (const url of refused) {
      const reply = texts(await bot.say({ chatId: ADMIN, text: `/addsource ${url}` })).join('\n');
      expect(reply, url).toMatch(/Cannot add|تعذّرت/);
    }
    expect(await bot.store.sources.list()).toEqual([]);
    expect(reached).toEqual([]);

    // Rebinding: the check sees a public address, the fetch's own lookup then gets loopback.
    rebindAnswers = 0;
    const rebinding = `http://rebind.chaos.test:${port}/feed`;
    await bot.say({ chatId: ADMIN, text: `/addsource ${rebinding}` });
    const added = await bot.store.sources.list();
    expect(added.map((s) => s.url)).toEqual([rebinding]);
    const report = await runIngest(
      {
        store: bot.store,
        log: silentLogger(),
        now: () => new Date(),
        sources: added,
        allowPrivate: false,
        ttlMs: 86_400_000,
      },
      { force: true, http: { totalTimeoutMs: 2000, connectTimeoutMs: 1000 } },
    );
    expect(report.sources[0]).toMatchObject({ status: 'failed' });
    expect(report.sources[0]!.error).toMatch(/private or local address \(127\.0\.0\.1\)/);
    expect(rebindAnswers).toBeGreaterThanOrEqual(2);
    expect(reached).toEqual([]);
  });

  it('HTML and bidi overrides in feed titles and topic queries never reach a message raw', async () => {
    const evil =
      'غزة <script>alert(1)</script> \u202Eمقلوب\u202C \u2067معزول\u2069 <b onclick="x">عريض</b>';
    const esc = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    const feed = `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>${esc(evil)}</title><link>https://news.example/</link>
<item><title>${esc(evil)}</title><link>https://news.example/1</link><description>${esc(`${evil} وقال المتحدث إن الاجتماع سيعقد الأسبوع المقبل في العاصمة بحضور الوزراء المعنيين.`)}</description></item></channel></rss>`;
    const served = await startFeedServer(feed);
    let articles: Awaited<ReturnType<typeof collectArticles>>['articles'];
    try {
      ({ articles } = await collectArticles([served.url], {
        now: new Date(),
        http: { totalTimeoutMs: 2000 },
      }));
    } finally {
      await served.close();
    }
    expect(articles).toHaveLength(1);
    const a = articles[0]!;
    expect(a.title).not.toMatch(BIDI);
    expect(a.text).not.toMatch(BIDI);
    const bot = await harness(
      sampleDigest([story(1, { title: a.title, points: [a.text.split('\n')[0]!] }), story(2)]),
    );
    const sent = [
      ...texts(await bot.say({ chatId: 77, text: '/digest' })),
      ...texts(await bot.say({ chatId: 77, text: `/topic ${evil}` })),
      ...texts(await bot.say({ chatId: 77, text: '/topic <i>غزة</i>\u202E\u2066' })),
    ];
    expect(sent.length).toBeGreaterThan(2);
    for (const text of sent) {
      expect(text).not.toMatch(/<script|<b onclick|<i>غزة/i);
      expect(text).not.toMatch(BIDI);
    }
  });
});

/** Serves one feed on 127.0.0.1 (a literal address: no lookup). */
async function startFeedServer(body: string): Promise<{ url: string; close(): Promise<void> }> {
  const server = createHttpServer((_req, res) =>
    res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' }).end(body),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port: p } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${p}/feed.xml`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
