import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildDigest, skeleton } from '../../../src/digest/index.js';
import type { Article } from '../../../src/domain.js';
import { silentLogger } from '../../../src/log.js';
import { buildDigestNow } from '../../../src/schedule/build.js';
import type { BuildOptions } from '../../../src/schedule/deps.js';
import { loadHistory, recordHistory } from '../../../src/schedule/history.js';
import { createStore } from '../../../src/store/index.js';
import type { Store } from '../../../src/store/types.js';

const at = (iso: string, id: string, title: string, text: string): Article => ({
  id,
  url: `https://news.example/${id}`,
  sourceId: 'example',
  sourceName: 'Example',
  title,
  text,
  publishedAt: iso,
  fetchedAt: iso,
  language: 'ar',
});

const QUAKE = 'ضرب زلزال قوي مدينة ساحلية وأدى إلى انهيار عدد من المباني القديمة.';
const VOTE = 'بدأ الناخبون الإدلاء بأصواتهم في انتخابات البلديات وسط إقبال متوسط.';

let store: Store;
beforeEach(async () => {
  store = await createStore('memory://');
});
afterEach(() => store.close());

describe('clustering history in the store', () => {
  it('records articles under their UTC publication day and sums the days before a window', async () => {
    await recordHistory(
      store,
      [
        at('2026-03-01T23:30:00Z', 'a', 'زلزال', QUAKE),
        at('2026-03-02T00:30:00Z', 'b', 'انتخابات', VOTE),
        at('2026-03-02T09:00:00Z', 'c', 'زلزال جديد', QUAKE),
      ],
      7,
    );
    const [d1, d2] = await store.termFrequencies!.get(['2026-03-01', '2026-03-02']);
    expect([d1!.docs, d2!.docs]).toEqual([1, 2]);
    expect(d2!.df.get(skeleton('زلزال'))).toBe(1);
    // A window starting on 03-03 reads 03-02 and 03-01; one starting on 03-02 only 03-01.
    const both = await loadHistory(store, new Date('2026-03-03T06:00:00Z'), 7);
    expect(both?.docs).toBe(3);
    expect(both?.df.get(skeleton('زلزال'))).toBe(2);
    const one = await loadHistory(store, new Date('2026-03-02T06:00:00Z'), 7);
    expect(one?.docs).toBe(1);
    expect(await loadHistory(store, new Date('2026-03-03T06:00:00Z'), 1)).toMatchObject({
      docs: 2,
    });
  });

  it('has no history when nothing was recorded or the background is off', async () => {
    expect(await loadHistory(store, new Date('2026-03-03T06:00:00Z'), 7)).toBeUndefined();
    await recordHistory(store, [at('2026-03-02T09:00:00Z', 'c', 'زلزال', QUAKE)], 7);
    expect(await loadHistory(store, new Date('2026-03-03T06:00:00Z'), 0)).toBeUndefined();
  });

  it('a scheduled build clusters against the recorded days before its window', async () => {
    const now = new Date('2026-03-03T06:00:00Z');
    await recordHistory(store, [at('2026-03-01T10:00:00Z', 'old', 'انتخابات', VOTE)], 7);
    await store.articles.putMany([at('2026-03-03T05:00:00Z', 'n1', 'زلزال', QUAKE)], 86_400_000);
    const seen: BuildOptions[] = [];
    const config = {
      DIGEST_WINDOW_HOURS: 24,
      DIGEST_MAX_STORIES: 8,
      INGEST_INTERVAL_MINUTES: 15,
      SEND_RATE_PER_SECOND: 30,
      CLUSTER_BACKGROUND_DAYS: 7,
    };
    const build = (articles: Article[], opts: BuildOptions) => {
      seen.push(opts);
      return buildDigest(articles, opts);
    };
    const digest = await buildDigestNow({ store, log: silentLogger(), build, config }, now);
    expect(digest.stories.length).toBe(1);
    expect(seen[0]!.background?.docs).toBe(1);
    await buildDigestNow(
      { store, log: silentLogger(), build, config: { ...config, CLUSTER_BACKGROUND_DAYS: 0 } },
      now,
    );
    expect(seen[1]!.background).toBeUndefined();
  });
});
