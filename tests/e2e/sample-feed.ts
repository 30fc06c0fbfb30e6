/** An RSS feed of the bundled sample articles, served from 127.0.0.1, for end-to-end tests. */
import { writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import type { Article } from '../../src/domain.js';
import { loadBundledSamples } from '../../src/sources/index.js';

const escapeXml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The samples (those `only` keeps) as RSS 2.0, dated around `now`. */
export function samplesRss(now: Date, only: (a: Article) => boolean = () => true): string {
  const items = loadBundledSamples(now)
    .filter(only)
    .map(
      (a) => `<item><title>${escapeXml(a.title)}</title><link>${escapeXml(a.url)}</link>
<guid>${escapeXml(a.url)}</guid><pubDate>${new Date(a.publishedAt).toUTCString()}</pubDate>
<description>${escapeXml(a.text)}</description></item>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>
<title>وكالة الاختبار</title><link>http://127.0.0.1/</link><description>test</description>
${items}</channel></rss>`;
}

export interface SampleFeed {
  url: string;
  server: Server;
  hits(): number;
  /** With `held`, requests wait until this is called. */
  release(): void;
}

/** Serves {@link samplesRss}; with `held`, every answer waits for `release()`. */
export async function startSampleFeed(
  now: Date,
  opts: { held?: boolean; only?: (a: Article) => boolean } = {},
): Promise<SampleFeed> {
  const xml = samplesRss(now, opts.only);
  let release: () => void = () => {};
  const released = opts.held
    ? new Promise<void>((resolve) => (release = resolve))
    : Promise.resolve();
  let hits = 0;
  const server = createServer((_req, res) => {
    hits++;
    void released.then(() =>
      res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' }).end(xml),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return { url: `http://127.0.0.1:${port}/feed.xml`, server, hits: () => hits, release };
}

/** Writes a sources file in `dir` that reads the feeds at `urls`; returns its path. */
export function writeSourcesFile(dir: string, ...urls: string[]): string {
  const path = join(dir, 'sources.json');
  const sources = urls.map((url, i) => ({
    id: i === 0 ? 'local-test' : `local-test-${i + 1}`,
    name: 'وكالة الاختبار',
    url,
    kind: 'feed',
  }));
  writeFileSync(path, JSON.stringify({ sources }));
  return path;
}
