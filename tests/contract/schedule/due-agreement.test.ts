/**
 * The scheduler's catch-up filter (src/time/instant.ts) must agree with the store's due index
 * minute by minute, across daylight-saving changes, or a reader could be dropped or doubled.
 */
import { describe, expect, it } from 'vitest';
import { createStore } from '../../../src/store/index.js';
import { isDueAt } from '../../../src/time/index.js';
import type { Subscriber } from '../../../src/store/types.js';

const ZONES = [
  'Europe/Berlin',
  'America/New_York',
  'Asia/Riyadh',
  'Australia/Lord_Howe',
  'Africa/Casablanca',
];
const TIMES = ['00:00', '01:30', '02:00', '02:30', '03:00', '07:00', '23:59'];

describe('due selection agrees with the store across DST', () => {
  it.each([
    ['spring forward in Europe', '2026-03-28T20:00:00Z'],
    ['fall back in Europe', '2026-10-24T20:00:00Z'],
    ['spring forward in the US', '2026-03-07T23:00:00Z'],
  ])('%s', async (_name, startIso) => {
    const store = await createStore('memory://');
    const subs: Subscriber[] = [];
    let id = 1;
    for (const timeZone of ZONES) {
      for (const deliveryTime of TIMES) {
        subs.push({
          chatId: id++,
          chatType: 'private',
          language: 'ar',
          deliveryTime,
          timeZone,
          topics: [],
          active: true,
          createdAt: startIso,
          updatedAt: startIso,
        });
      }
    }
    for (const s of subs) await store.subscribers.upsert(s.chatId, () => s);
    const start = Date.parse(startIso);
    const served = new Map<number, number>();
    for (let t = start; t < start + 12 * 3_600_000; t += 60_000) {
      const minute = new Date(t);
      const fromStore = (await store.subscribers.dueAt(minute))
        .map((s) => s.chatId)
        .sort((a, b) => a - b);
      const ours = subs.filter((s) => isDueAt(s, minute)).map((s) => s.chatId);
      expect(fromStore, minute.toISOString()).toEqual(ours);
      for (const c of ours) served.set(c, (served.get(c) ?? 0) + 1);
    }
    await store.close();
    // Nobody is due twice in the 12 hours around the change.
    for (const [chatId, n] of served) expect(n, String(chatId)).toBe(1);
  });
});
