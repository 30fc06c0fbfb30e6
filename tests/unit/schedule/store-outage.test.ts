import { describe, expect, it } from 'vitest';
import { runDeliveryPass } from '../../../src/schedule/delivery.js';
import { digestAt, fakeStore, fakeTelegram, makeDeps, subscriber } from './helpers.js';

const NOW = new Date('2026-03-01T07:00:10Z');

function flakyStore(failures: number) {
  const store = fakeStore(() => NOW);
  const update = store.deliveries.update.bind(store.deliveries);
  let left = failures;
  store.deliveries.update = async (rec) => {
    if (left > 0) {
      left--;
      throw new Error('connect ECONNREFUSED 127.0.0.1:6379');
    }
    return update(rec);
  };
  return store;
}

describe('delivery while the store is briefly unreachable', () => {
  it('retries the write that records a sent digest: the next pass sends nothing again', async () => {
    const telegram = fakeTelegram();
    const store = flakyStore(4);
    await store.digests.put(digestAt(NOW));
    for (const id of [1, 2]) await store.subscribers.upsert(id, () => subscriber(id));
    const deps = makeDeps({ store, telegram, now: () => NOW });
    const first = await runDeliveryPass(deps, { now: NOW, all: true });
    expect(first).toMatchObject({ sent: 2, failed: 0 });
    const sentOnce = telegram.calls.length;
    const again = await runDeliveryPass(deps, { now: NOW, all: true });
    expect(again.sent).toBe(0);
    expect(telegram.calls.length).toBe(sentOnce);
  });

  it('gives the send up as failed once the store stays away longer than storeRetryMaxMs', async () => {
    const telegram = fakeTelegram();
    const store = flakyStore(Infinity);
    await store.digests.put(digestAt(NOW));
    await store.subscribers.upsert(1, () => subscriber(1));
    const deps = { ...makeDeps({ store, telegram, now: () => NOW }), storeRetryMaxMs: 300 };
    const started = Date.now();
    const report = await runDeliveryPass(deps, { now: NOW, all: true });
    expect(report.failed).toBe(1);
    expect(Date.now() - started).toBeLessThan(3000);
  });
});
