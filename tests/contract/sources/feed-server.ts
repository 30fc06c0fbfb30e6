/** A local HTTP server for the sources tests: routes are plain handlers, every request is recorded. */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Handler = (req: IncomingMessage, res: ServerResponse) => void;

export interface TestServer {
  url: string;
  requests: { path: string; headers: IncomingMessage['headers'] }[];
  /** Requests in flight right now, and the most ever seen at once. */
  inFlight: { now: number; max: number };
  route(path: string, handler: Handler): void;
  close(): Promise<void>;
}

export async function startServer(routes: Record<string, Handler> = {}): Promise<TestServer> {
  const table = new Map(Object.entries(routes));
  const requests: TestServer['requests'] = [];
  const inFlight = { now: 0, max: 0 };
  const server = http.createServer((req, res) => {
    const path = req.url ?? '/';
    requests.push({ path, headers: req.headers });
    inFlight.now += 1;
    inFlight.max = Math.max(inFlight.max, inFlight.now);
    res.on('close', () => {
      inFlight.now -= 1;
    });
    const handler = table.get(path.split('?')[0]!);
    if (!handler) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    inFlight,
    route: (path, handler) => table.set(path, handler),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Serves a body with a content type, honouring If-None-Match when an etag is given. */
export function serve(
  body: string | Buffer,
  contentType = 'application/rss+xml; charset=utf-8',
  opts: { etag?: string; lastModified?: string; delayMs?: number } = {},
): Handler {
  return (req, res) => {
    const send = () => {
      if (opts.etag && req.headers['if-none-match'] === opts.etag) {
        res.writeHead(304, { etag: opts.etag }).end();
        return;
      }
      if (opts.lastModified && req.headers['if-modified-since'] === opts.lastModified) {
        res.writeHead(304).end();
        return;
      }
      const headers: Record<string, string> = { 'content-type': contentType };
      if (opts.etag) headers.etag = opts.etag;
      if (opts.lastModified) headers['last-modified'] = opts.lastModified;
      res.writeHead(200, headers).end(body);
    };
    if (opts.delayMs) setTimeout(send, opts.delayMs);
    else send();
  };
}

export const status =
  (code: number): Handler =>
  (_req, res) =>
    res.writeHead(code, { 'content-type': 'text/plain' }).end(`status ${code}`);

export const redirect =
  (to: string, code = 302): Handler =>
  (_req, res) =>
    res.writeHead(code, { location: to }).end();

/** Accepts the request and never answers. */
export const hang: Handler = () => undefined;

/** Sends headers, then one byte every `everyMs` forever. */
export const drip =
  (everyMs = 100): Handler =>
  (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/rss+xml' });
    res.write('<rss>');
    const timer = setInterval(() => res.write(' '), everyMs);
    res.on('close', () => clearInterval(timer));
  };

/** A body of `bytes` bytes, streamed in 64 KiB chunks, with or without Content-Length. */
export const big =
  (bytes: number, withLength: boolean): Handler =>
  (_req, res) => {
    const headers: Record<string, string | number> = { 'content-type': 'application/rss+xml' };
    if (withLength) headers['content-length'] = bytes;
    res.writeHead(200, headers);
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    let sent = 0;
    const pump = () => {
      while (sent < bytes) {
        const n = Math.min(chunk.length, bytes - sent);
        sent += n;
        if (!res.write(n === chunk.length ? chunk : chunk.subarray(0, n))) {
          res.once('drain', pump);
          return;
        }
      }
      res.end();
    };
    pump();
  };

/** A tiny RSS 2.0 feed of the given items. */
export function rssFeed(
  title: string,
  items: {
    title: string;
    link?: string;
    guid?: string;
    description?: string;
    pubDate?: string;
    content?: string;
  }[],
): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  return `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>${esc(title)}</title><link>https://example.com/</link>
${items
  .map(
    (i) =>
      `<item><title>${esc(i.title)}</title>${i.link ? `<link>${esc(i.link)}</link>` : ''}${i.guid ? `<guid>${esc(i.guid)}</guid>` : ''}${i.description ? `<description>${esc(i.description)}</description>` : ''}${i.content ? `<content:encoded>${esc(i.content)}</content:encoded>` : ''}${i.pubDate ? `<pubDate>${i.pubDate}</pubDate>` : ''}</item>`,
  )
  .join('\n')}
</channel></rss>`;
}
