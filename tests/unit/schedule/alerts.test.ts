import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/log.js';
import { META_LAST_BUILD_ERROR, collectAlerts, sendAlerts } from '../../../src/schedule/alerts.js';
import { createStore } from '../../../src/store/index.js';
import type { Store } from '../../../src/store/types.js';
import { usageKeys } from '../../../src/translate/index.js';

const NOW = new Date('2026-03-02T12:00:00Z');
const hoursAgo = (h: number) => new Date(NOW.getTime() - h * 3_600_000).toISOString();

let store: Store;
beforeEach(async () => {
  store = await createStore('memory://');
});
afterEach(async () => {
  await store.close();
});

function admins(ids: number[], failFor: number[] = []) {
  const got: { chatId: number; html: string }[] = [];
  return {
    got,
    deps: {
      store,
      log: silentLogger(),
      adminChatIds: ids,
      dailyCharLimit: 1000,
      async send(chatId: number, html: string) {
        if (failFor.includes(chatId)) throw new Error('Forbidden: bot was blocked by the user');
        got.push({ chatId, html });
      },
    },
  };
}

describe('operator alerts', () => {
  it('tells admins about a source failing for a day, once', async () => {
    await store.feeds.put({
      sourceId: 'gone',
      status: 'failing',
      failures: 96,
      failingSince: hoursAgo(25),
      lastError: 'HTTP 404 <html>',
    });
    await store.feeds.put({
      sourceId: 'flaky',
      status: 'failing',
      failures: 3,
      failingSince: hoursAgo(2),
    });
    await store.feeds.put({ sourceId: 'fine', status: 'ok', failures: 0 });
    const { got, deps } = admins([1, 2]);
    expect(await sendAlerts(deps, NOW)).toEqual([`source-failing:gone:${hoursAgo(25)}`]);
    expect(got.map((g) => g.chatId)).toEqual([1, 2]);
    expect(got[0]!.html).toContain('gone');
    expect(got[0]!.html).toContain('&lt;html&gt;');
    expect(got[0]!.html).not.toContain('<html>');
    // The next minutes: nothing new.
    expect(await sendAlerts(deps, new Date(NOW.getTime() + 60_000))).toEqual([]);
    expect(got).toHaveLength(2);
  });

  it('alerts again when a source recovers and fails for another day', async () => {
    await store.feeds.put({
      sourceId: 'x',
      status: 'failing',
      failures: 50,
      failingSince: hoursAgo(30),
    });
    const { deps } = admins([1]);
    expect(await sendAlerts(deps, NOW)).toHaveLength(1);
    await store.feeds.put({
      sourceId: 'x',
      status: 'failing',
      failures: 50,
      failingSince: hoursAgo(24.5),
    });
    expect(await sendAlerts(deps, NOW)).toHaveLength(1);
  });

  it('reports a failed build once', async () => {
    await store.meta.set(META_LAST_BUILD_ERROR, { at: hoursAgo(1), message: 'boom\nstack' });
    const { got, deps } = admins([7]);
    expect(await sendAlerts(deps, NOW)).toEqual([`build-failed:${hoursAgo(1)}`]);
    expect(got[0]!.html).toContain('boom');
    expect(got[0]!.html).not.toContain('stack');
    expect(await sendAlerts(deps, NOW)).toEqual([]);
  });

  it.each([
    [700, []],
    [800, ['translation-budget-80:2026-03-02']],
    [1000, ['translation-budget-80:2026-03-02', 'translation-budget-100:2026-03-02']],
  ])('translation budget at %i of 1000 characters → %j', async (used, keys) => {
    await store.counters.incr(usageKeys.chars('2026-03-02'), used);
    const alerts = await collectAlerts({ store, dailyCharLimit: 1000 }, NOW);
    expect(alerts.map((a) => a.key)).toEqual(keys);
  });

  it('sends 80% then, later the same day, only 100%', async () => {
    const { got, deps } = admins([1]);
    await store.counters.incr(usageKeys.chars('2026-03-02'), 850);
    expect(await sendAlerts(deps, NOW)).toEqual(['translation-budget-80:2026-03-02']);
    await store.counters.incr(usageKeys.chars('2026-03-02'), 200);
    expect(await sendAlerts(deps, NOW)).toEqual(['translation-budget-100:2026-03-02']);
    expect(got).toHaveLength(2);
  });

  it('keeps trying while no admin could be reached, and stops once one was', async () => {
    await store.meta.set(META_LAST_BUILD_ERROR, { at: hoursAgo(1), message: 'boom' });
    const blocked = admins([5], [5]);
    expect(await sendAlerts(blocked.deps, NOW)).toEqual([]);
    const partly = admins([5, 6], [5]);
    expect(await sendAlerts(partly.deps, NOW)).toHaveLength(1);
    expect(partly.got.map((g) => g.chatId)).toEqual([6]);
  });

  it('does nothing without admins', async () => {
    await store.meta.set(META_LAST_BUILD_ERROR, { at: hoursAgo(1), message: 'boom' });
    expect(await sendAlerts(admins([]).deps, NOW)).toEqual([]);
  });
});
