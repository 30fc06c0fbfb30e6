/** Sample content for the local chat, so a new user sees /digest and /topic work at once. */
import { buildDigest } from '../digest/index.js';
import type { Logger } from '../log.js';
import { loadBundledSamples } from '../sources/index.js';
import type { Store } from '../store/types.js';

/**
 * Makes sure a fresh store has something to show: when it holds no recent article, the bundled
 * sample articles (re-dated to `now`) are stored and a digest is built from them.
 */
export async function seedConsoleStore(opts: {
  store: Store;
  now: Date;
  log?: Logger;
  windowHours?: number;
  maxStories?: number;
  ttlMs?: number;
}): Promise<{ articles: number; stories: number }> {
  const { store, now } = opts;
  const windowHours = opts.windowHours ?? 24;
  let articles = await store.articles.listSince(new Date(now.getTime() - windowHours * 3_600_000));
  let seeded = false;
  if (articles.length === 0) {
    articles = loadBundledSamples(now);
    await store.articles.putMany(articles, opts.ttlMs ?? 7 * 86_400_000);
    seeded = true;
  }
  const latest = await store.digests.latest();
  const stale = !latest || Date.parse(latest.builtAt) < now.getTime() - windowHours * 3_600_000;
  let digest = latest;
  // a digest from an earlier run is rebuilt when it is older than the window or the samples were re-dated
  if (seeded || stale || !digest) {
    digest = buildDigest(articles, {
      now,
      windowHours,
      ...(opts.maxStories ? { maxStories: opts.maxStories } : {}),
      ...(latest ? { previous: latest } : {}),
    });
    await store.digests.put(digest);
  }
  opts.log?.debug({ articles: articles.length, stories: digest.stories.length }, 'console seeded');
  return { articles: articles.length, stories: digest.stories.length };
}
