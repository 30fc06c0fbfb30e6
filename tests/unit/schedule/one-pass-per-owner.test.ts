import { describe, expect, it } from 'vitest';
import { runDeliveryPass } from '../../../src/schedule/delivery.js';
import { memoryStore } from '../../support/failing-store.js';
import { digestAt, fakeTelegram, makeDeps, subscribe, subscriber } from './helpers.js';

describe('two delivery passes of one process at once', () => {
  it('take turns, so a chat claimed by one is not sent again by the other', async () => {
    const now = new Date('2026-03-01T07:00:10Z');
    const store = await memoryStore();
    const telegram = fakeTelegram();
    // every message takes a moment, so the second pass starts while the first is sending
    telegram.behave = () => new Promise((resolve) => setTimeout(resolve, 30));
    const deps = await makeDeps({ store, telegram, now: () => now });
    await store.digests.put(digestAt(now));
    await subscribe(store, subscriber(1), subscriber(2), subscriber(3));
    const [a, b] = await Promise.all([
      runDeliveryPass(deps, { now, all: true }),
      runDeliveryPass(deps, { now, all: true }),
    ]);
    // the render makes 2 parts a reader: each chat got them once
    const perChat = new Map<number, number>();
    for (const c of telegram.calls) perChat.set(c.chatId, (perChat.get(c.chatId) ?? 0) + 1);
    expect([...perChat.entries()].sort()).toEqual([
      [1, 2],
      [2, 2],
      [3, 2],
    ]);
    expect(a.sent + b.sent).toBe(3);
  });
});
