import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildDigest } from '../../../src/digest/index.js';
import { silentLogger } from '../../../src/log.js';
import { buildDigestNow, previousDayDigest } from '../../../src/schedule/build.js';
import { loadBundledSamples } from '../../../src/sources/index.js';
import { createStore } from '../../../src/store/index.js';
import type { Store } from '../../../src/store/types.js';

const T0 = new Date('2026-03-02T06:00:00Z');
const hours = (h: number) => new Date(T0.getTime() + h * 3_600_000);

let store: Store;
beforeEach(async () => {
  store = await createStore('memory://');
  await store.articles.putMany(loadBundledSamples(T0), 7 * 86_400_000);
});
afterEach(async () => {
  await store.close();
});

const deps = () => ({
  store,
  log: silentLogger(),
  build: buildDigest,
  config: {
    DIGEST_WINDOW_HOURS: 24,
    DIGEST_MAX_STORIES: 8,
    INGEST_INTERVAL_MINUTES: 15,
    SEND_RATE_PER_SECOND: 30,
  },
});

describe('digest builds and novelty', () => {
  it('an hourly rebuild keeps the stories nobody has received a day ago', async () => {
    const first = await buildDigestNow(deps(), T0);
    expect(first.stories.length).toBeGreaterThan(3);
    const second = await buildDigestNow(deps(), hours(1));
    expect(second.stories.map((s) => s.id)).toEqual(first.stories.map((s) => s.id));
    expect(second.stories.some((s) => s.update)).toBe(false);
  });

  it('compares with the digest of about a day before', async () => {
    await buildDigestNow(deps(), T0);
    const noon = await buildDigestNow(deps(), hours(6));
    expect(await previousDayDigest(store, hours(12))).toBeUndefined();
    const dayLater = await previousDayDigest(store, hours(26));
    expect(dayLater?.id).toBe(noon.id);
  });

  it('leaves out a story sent a day ago that has nothing new', async () => {
    const yesterday = await buildDigestNow(deps(), T0);
    const today = await buildDigestNow(deps(), hours(22));
    const sentIds = new Set(yesterday.stories.map((s) => s.id));
    for (const story of today.stories) {
      if (sentIds.has(story.id)) expect(story.update).toBe(true);
    }
    expect(today.stories.filter((s) => sentIds.has(s.id) && !s.update)).toEqual([]);
  });
});
