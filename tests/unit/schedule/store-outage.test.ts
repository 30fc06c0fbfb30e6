import { describe, expect, it } from 'vitest';
import { runDeliveryPass } from '../../../src/schedule/delivery.js';
import { memoryStore } from '../../support/failing-store.js';
import { digestAt, fakeTelegram, makeDeps, subscriber } from './helpers.js';

const NOW = new Date('2026-03-01T07:00:10Z');

async function flakyStore(failures: number) {
  const store = await memoryStore();
  store.fail('deliveries.update', {
    times: failures,
    error: new Error('connect ECONNREFUSED 127.0.0.1:6379'),
  });
  return store;
}

describe('delivery while the store is briefly unreachable', () => {
  it('retries the write that records a sent digest: the next pass sends nothing again', async () => {
    const telegram = fakeTelegram();
    const store = await flakyStore(4);
    await store.digests.put(digestAt(NOW));
    for (const id of [1, 2]) await store.subscribers.upsert(id, () => subscriber(id));
    const deps = await makeDeps({ store, telegram, now: () => NOW });
    const first = await runDeliveryPass(deps, { now: NOW, all: true });
    expect(first).toMatchObject({ sent: 2, failed: 0 });
    expect(store.callsTo('deliveries.update').filter((c) => c.failed)).toHaveLength(4);
    const sentOnce = telegram.calls.length;
    const again = await runDeliveryPass(deps, { now: NOW, all: true });
    expect(again.sent).toBe(0);
    expect(telegram.calls.length).toBe(sentOnce);
  });

  it('gives the send up as failed once the store stays away longer than storeRetryMaxMs', async () => {
    const telegram = fakeTelegram();
    const store = await flakyStore(Infinity);
    await store.digests.put(digestAt(NOW));
    await store.subscribers.upsert(1, () => subscriber(1));
    const deps = { ...(await makeDeps({ store, telegram, now: () => NOW })), storeRetryMaxMs: 300 };
    const started = Date.now();
    const report = await runDeliveryPass(deps, { now: NOW, all: true });
    expect(report.failed).toBe(1);
    expect(Date.now() - started).toBeLessThan(3000);
  });
});
