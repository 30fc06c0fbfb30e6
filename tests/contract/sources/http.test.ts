import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FeedFetchError } from '../../../src/sources/errors.js';
import { createHttpClient, USER_AGENT, type HttpClient } from '../../../src/sources/http.js';
import {
  big,
  drip,
  hang,
  redirect,
  serve,
  startServer,
  status,
  type TestServer,
} from './feed-server.js';

let server: TestServer;
let client: HttpClient;
const MB = 1024 * 1024;

beforeAll(async () => {
  server = await startServer({
    '/ok': serve('<rss/>'),
    '/404': status(404),
    '/500': status(500),
    '/hang': hang,
    '/drip': drip(50),
    '/big-declared': big(6 * MB, true),
    '/big-streamed': big(6 * MB, false),
    '/gzip-bomb': (_req, res) => {
      res.writeHead(200, { 'content-encoding': 'gzip', 'content-type': 'application/rss+xml' });
      res.end(gzipSync(Buffer.alloc(20 * MB, 0x20)));
    },
    '/gzip': (_req, res) => {
      res
        .writeHead(200, { 'content-encoding': 'gzip' })
        .end(gzipSync(Buffer.from('<rss>مرحبا</rss>')));
    },
    '/loop-a': redirect('/loop-b'),
    '/loop-b': redirect('/loop-a', 301),
    '/to-ok': redirect('/ok', 307),
    '/no-location': (_req, res) => res.writeHead(302).end(),
    '/etag': serve('<rss/>', 'application/rss+xml', {
      etag: '"v1"',
      lastModified: 'Sat, 28 Nov 2026 10:00:00 GMT',
    }),
    '/empty-200': (_req, res) => res.writeHead(200, { 'content-length': '0' }).end(),
    '/slow': serve('<rss/>', 'application/rss+xml', { delayMs: 150 }),
    '/to-file': redirect('file:///etc/passwd'),
  });
  for (let i = 0; i < 7; i += 1) server.route(`/chain-${i}`, redirect(`/chain-${i + 1}`));
  server.route('/chain-7', serve('<rss/>'));
  client = createHttpClient({ allowPrivate: true, connectTimeoutMs: 1000, totalTimeoutMs: 800 });
});

afterAll(async () => {
  client.close();
  await server.close();
});

async function failure(path: string, maxBytes = 5 * MB, c = client): Promise<FeedFetchError> {
  const err = await c.get(`${server.url}${path}`, { maxBytes }).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(FeedFetchError);
  expect((err as FeedFetchError).name).toBe('FeedFetchError');
  expect((err as FeedFetchError).url).toBe(`${server.url}${path}`);
  return err as FeedFetchError;
}

describe('HTTP client', () => {
  it('fetches a body with a descriptive User-Agent', async () => {
    const res = await client.get(`${server.url}/ok`, { maxBytes: 1000 });
    expect(res.body.toString()).toBe('<rss/>');
    expect(res.status).toBe(200);
    const seen = server.requests.find((r) => r.path === '/ok')!;
    expect(seen.headers['user-agent']).toBe(USER_AGENT);
    expect(USER_AGENT).toMatch(/Khulasa\/\d/);
  });

  it.each([
    ['/404', 404],
    ['/500', 500],
  ])('turns %s into a FeedFetchError with the status', async (path, code) => {
    const err = await failure(path);
    expect(err.reason).toBe('http-status');
    expect(err.status).toBe(code);
    expect(err.message).toContain(`HTTP ${code}`);
  });

  it('times out a server that never answers', async () => {
    const started = Date.now();
    expect((await failure('/hang')).reason).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('times out a server that drips bytes (total deadline, not idle time)', async () => {
    const started = Date.now();
    expect((await failure('/drip')).reason).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('reports a refused connection', async () => {
    const c = createHttpClient({ allowPrivate: true, connectTimeoutMs: 300, totalTimeoutMs: 2000 });
    const err = await c.get('http://127.0.0.1:9/feed', { maxBytes: 100 }).catch((e: unknown) => e);
    c.close();
    expect(err).toBeInstanceOf(FeedFetchError);
    expect((err as FeedFetchError).reason).toBe('connect');
  });

  it('refuses a body larger than the cap by its Content-Length', async () => {
    expect((await failure('/big-declared')).reason).toBe('too-large');
  });

  it('stops a body without Content-Length once it passes the cap while streaming', async () => {
    const err = await failure('/big-streamed');
    expect(err.reason).toBe('too-large');
    expect(err.message).toContain(String(5 * MB));
  });

  it('caps the decompressed size (gzip bomb)', async () => {
    expect((await failure('/gzip-bomb')).reason).toBe('too-large');
  });

  it('decompresses gzip', async () => {
    const res = await client.get(`${server.url}/gzip`, { maxBytes: 1000 });
    expect(res.body.toString()).toBe('<rss>مرحبا</rss>');
  });

  it('follows a redirect and reports the final URL', async () => {
    const res = await client.get(`${server.url}/to-ok`, { maxBytes: 1000 });
    expect(res.url).toBe(`${server.url}/ok`);
  });

  it('detects a redirect loop', async () => {
    expect((await failure('/loop-a')).reason).toBe('redirect-loop');
  });

  it('follows at most 5 redirects', async () => {
    expect((await failure('/chain-0')).reason).toBe('too-many-redirects');
    const res = await client.get(`${server.url}/chain-2`, { maxBytes: 100 });
    expect(res.url).toBe(`${server.url}/chain-7`);
  });

  it('refuses redirects without Location or to other schemes', async () => {
    expect((await failure('/no-location')).reason).toBe('http-status');
    expect((await failure('/to-file')).reason).toBe('bad-url');
  });

  it('sends conditional headers and reports 304 as not modified', async () => {
    const first = await client.get(`${server.url}/etag`, { maxBytes: 100 });
    expect(first.headers.etag).toBe('"v1"');
    const second = await client.get(`${server.url}/etag`, { maxBytes: 100, etag: '"v1"' });
    expect(second.notModified).toBe(true);
    expect(second.status).toBe(304);
    const byDate = await client.get(`${server.url}/etag`, {
      maxBytes: 100,
      lastModified: 'Sat, 28 Nov 2026 10:00:00 GMT',
    });
    expect(byDate.notModified).toBe(true);
    const last = server.requests.filter((r) => r.path === '/etag').at(-1)!;
    expect(last.headers['if-modified-since']).toBe('Sat, 28 Nov 2026 10:00:00 GMT');
  });

  it('treats an empty 200 answering a conditional request as not modified', async () => {
    const res = await client.get(`${server.url}/empty-200`, { maxBytes: 100, etag: '"x"' });
    expect(res.notModified).toBe(true);
  });

  it('keeps at most perHost requests in flight to one host', async () => {
    const c = createHttpClient({ allowPrivate: true, perHost: 2, concurrency: 10 });
    server.inFlight.max = 0;
    await Promise.all(
      Array.from({ length: 8 }, () => c.get(`${server.url}/slow`, { maxBytes: 100 })),
    );
    c.close();
    expect(server.inFlight.max).toBe(2);
  });

  it('rejects bad options with a helpful message', () => {
    expect(() => createHttpClient({ perHost: 0 })).toThrow(
      'Expected `perHost` to be a whole number from 1 and up, got 0',
    );
  });
});

describe('HTTP client without private addresses', () => {
  it('refuses loopback literals and names that resolve to loopback, on every hop', async () => {
    const strict = createHttpClient({ allowPrivate: false, totalTimeoutMs: 2000 });
    const before = server.requests.length;
    try {
      for (const url of [
        `${server.url}/ok`,
        `${server.url.replace('127.0.0.1', 'localhost')}/ok`,
      ]) {
        const err = await strict.get(url, { maxBytes: 100 }).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(FeedFetchError);
        expect((err as FeedFetchError).reason).toBe('blocked-address');
      }
      const viaRedirect = `${server.url.replace('127.0.0.1', 'localhost')}/to-ok`;
      const err = await strict.get(viaRedirect, { maxBytes: 100 }).catch((e: unknown) => e);
      expect((err as FeedFetchError).reason).toBe('blocked-address');
      expect(server.requests.length).toBe(before);
    } finally {
      strict.close();
    }
  });
});
