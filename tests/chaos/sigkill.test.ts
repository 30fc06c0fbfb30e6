/**
 * Scenario 3: SIGKILL during an ingest pass (the real `khulasa ingest` in a child process) and
 * during digest builds (a child building in a loop). After each kill the store opens, a second
 * run completes, no article is stored twice or lost, the digest rebuilds and each reader gets
 * it exactly once.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createStore } from '../../src/store/index.js';
import {
  captureLogs,
  chaosFeed,
  chaosSubscriber,
  deliveryRig,
  tallyServed,
  waitUntil,
} from '../../src/testkit/chaos.js';
import { chaosBackends } from './backends.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FEEDS = 8;
const ITEMS = 6;

function run(args: string[], env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

const exited = (p: ChildProcess) =>
  new Promise<number | null>((resolve) => {
    if (p.exitCode !== null || p.signalCode !== null) resolve(p.exitCode);
    else p.once('exit', (code) => resolve(code));
  });

describe.each(chaosBackends)('SIGKILL on $name', ({ make }) => {
  let server: Server | undefined;
  let dir: string | undefined;
  let cleanup: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    if (dir) rmSync(dir, { recursive: true, force: true });
    await cleanup?.();
  });

  it('during an ingest pass: the rerun stores every article once', async () => {
    const backend = make();
    cleanup = backend.cleanup;
    // Slow feeds: the pass is still running when the kill comes.
    let requests = 0;
    server = createServer((req, res) => {
      requests++;
      const i = Number(/feed-(\d+)/.exec(req.url ?? '')?.[1] ?? 0);
      setTimeout(
        () =>
          res
            .writeHead(200, { 'content-type': 'application/rss+xml' })
            .end(chaosFeed(`منفذ ${i}`, ITEMS, `https://n${i}.example`)),
        150 * i,
      );
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    dir = mkdtempSync(join(tmpdir(), 'khulasa-kill-'));
    const sources = join(dir, 'sources.json');
    writeFileSync(
      sources,
      JSON.stringify({
        sources: Array.from({ length: FEEDS }, (_, i) => ({
          id: `feed-${i + 1}`,
          name: `منفذ ${i + 1}`,
          url: `${base}/feed-${i + 1}.xml`,
          kind: 'feed',
        })),
      }),
    );
    const env = { STORE_URL: backend.url };
    const first = run(['bin/khulasa.js', 'ingest', '--sources', sources], env);
    // Kill once some feeds were answered and stored, others not yet.
    const store = await createStore(backend.url);
    try {
      expect(
        await waitUntil(
          async () => (await store.articles.listSince(new Date(0))).length > 0,
          30_000,
          20,
        ),
      ).toBe(true);
      first.kill('SIGKILL');
      await exited(first);
      const partial = (await store.articles.listSince(new Date(0))).length;
      expect(partial).toBeLessThan(FEEDS * ITEMS);

      const second = run(['bin/khulasa.js', 'ingest', '--sources', sources], env);
      let err = '';
      second.stderr!.on('data', (b: Buffer) => (err += b.toString()));
      expect(await exited(second), err).toBe(0);
      const articles = await store.articles.listSince(new Date(0));
      const ids = articles.map((a) => a.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids.length).toBe(FEEDS * ITEMS);
      expect(new Set(articles.map((a) => a.url)).size).toBe(FEEDS * ITEMS);
      expect(requests).toBeGreaterThanOrEqual(FEEDS + 1);
    } finally {
      await store.close();
    }
  }, 90_000);

  it('during digest builds: the store opens, the digest rebuilds, each reader is served once', async () => {
    const backend = make();
    cleanup = backend.cleanup;
    const logs = captureLogs();
    const readers = [chaosSubscriber(1), chaosSubscriber(2), chaosSubscriber(3)];
    // Articles to build from.
    const seed = await createStore(backend.url);
    const { parseFeed } = await import('../../src/sources/parse-feed.js');
    const { toArticle } = await import('../../src/sources/article.js');
    const now = new Date();
    for (let i = 0; i < 6; i++) {
      const feed = parseFeed(chaosFeed(`منفذ ${i}`, 5, `https://n${i}.example`));
      const articles = feed.items
        .map((it) =>
          toArticle(
            { url: it.url, title: it.title, text: it.summary, publishedAt: it.publishedAt },
            { id: `s${i}`, name: `منفذ ${i}` },
            now,
          ),
        )
        .filter((a) => a !== undefined);
      await seed.articles.putMany(articles, 86_400_000);
    }
    await seed.close();

    const child = run(
      [
        '--import',
        'tsx',
        fileURLToPath(new URL('./fixtures/build-forever.ts', import.meta.url)),
        backend.url,
      ],
      {},
    );
    let out = '';
    child.stdout!.on('data', (b: Buffer) => (out += b.toString()));
    expect(await waitUntil(() => out.includes('built'), 30_000, 20)).toBe(true);
    // Let it get into the middle of another build, then kill it.
    await new Promise((resolve) => setTimeout(resolve, 150));
    child.kill('SIGKILL');
    await exited(child);

    const rig = await deliveryRig({ storeUrl: backend.url, log: logs.log, subscribers: readers });
    try {
      const latest = await rig.store.digests.latest();
      expect(latest?.stories.length).toBeGreaterThan(0);
      const { buildDigestNow } = await import('../../src/schedule/build.js');
      const rebuilt = await buildDigestNow(rig.deps, new Date(Date.now() + 3_600_000));
      expect(rebuilt.stories.length).toBeGreaterThan(0);
      const { runDeliveryPass } = await import('../../src/schedule/delivery.js');
      await runDeliveryPass(rig.deps, { now: new Date(Date.now() + 3_600_000), all: true });
      await runDeliveryPass(rig.deps, { now: new Date(Date.now() + 3_600_000), all: true });
      const served = await tallyServed({ ...rig, digest: rebuilt }, readers);
      expect(served).toEqual({ once: 3, missed: 0, doubled: 0, blocked: 0 });
    } finally {
      await rig.close();
    }
  }, 90_000);
});
