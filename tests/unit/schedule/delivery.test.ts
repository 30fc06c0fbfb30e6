import { describe, expect, it } from 'vitest';
import { createSender } from '../../../src/bot/sender.js';
import { META_LAST_TICK, buildDigestNow } from '../../../src/schedule/build.js';
import { resumeDeliveries, runDeliveryPass } from '../../../src/schedule/delivery.js';
import { memoryStore } from '../../support/failing-store.js';
import {
  digestAt,
  fakeTelegram,
  makeDeps,
  outbox,
  subscribe,
  subscriber,
  tgError,
} from './helpers.js';

const at = (iso: string) => new Date(iso);

async function setup(now: Date) {
  const clock = { now };
  const store = await memoryStore();
  const telegram = fakeTelegram();
  const deps = await makeDeps({ store, telegram, now: () => clock.now });
  return { clock, store, telegram, deps };
}

describe('runDeliveryPass', () => {
  it('serves the subscribers due this minute, every part in order, and records the outbox', async () => {
    const { store, telegram, deps } = await setup(at('2026-03-01T07:00:10Z'));
    await subscribe(
      store,
      subscriber(1),
      subscriber(2, { deliveryTime: '08:00' }),
      subscriber(3, { deliveryTime: '10:00', timeZone: 'Asia/Riyadh' }), // 07:00Z
      subscriber(4, { active: false }),
    );
    const report = await runDeliveryPass(deps, { now: deps.now() });
    expect(report).toMatchObject({ sent: 2, skipped: 0, blocked: 0, failed: 0 });
    expect(Object.keys(report).sort()).toEqual([
      'blocked',
      'digest',
      'durationMs',
      'failed',
      'sent',
      'skipped',
    ]);
    expect(telegram.calls.filter((c) => c.chatId === 1).map((c) => c.text)).toEqual([
      `<b>ar</b> ${report.digest} part 1`,
      `<b>ar</b> ${report.digest} part 2`,
    ]);
    expect(telegram.calls.map((c) => c.chatId).sort()).toEqual([1, 1, 3, 3]);
    expect(await store.deliveries.get(report.digest!, 1)).toMatchObject({
      status: 'sent',
      partsSent: 2,
    });
    expect((await store.subscribers.get(1))!.lastDigestId).toBe(report.digest);
    expect(await store.meta.get(META_LAST_TICK)).toBe('2026-03-01T07:00:00.000Z');
    // The same minute again: nobody gets it twice.
    const again = await runDeliveryPass(deps, { now: deps.now() });
    expect(again).toMatchObject({ sent: 0, skipped: 2 });
    expect(telegram.calls).toHaveLength(4);
  });

  it('builds the digest first when none exists or the latest is stale', async () => {
    const { store, deps } = await setup(at('2026-03-01T07:00:10Z'));
    await store.digests.put(digestAt(at('2026-03-01T04:00:00Z'), 'old'));
    await subscribe(store, subscriber(1));
    const report = await runDeliveryPass(deps, { now: deps.now(), all: true });
    expect(report.digest).not.toBe('old');
    expect((await store.digests.latest())!.id).toBe(report.digest);
  });

  it('translates once per language before the fan-out', async () => {
    const { store, telegram, deps } = await setup(at('2026-03-01T07:00:10Z'));
    const langs = ['en', 'en', 'fr', 'en', 'ar', 'fr'];
    await subscribe(store, ...langs.map((language, i) => subscriber(i + 1, { language })));
    await subscribe(store, subscriber(7, { language: 'en', topics: ['خبر 1'] }));
    const report = await runDeliveryPass(deps, { now: deps.now(), all: true });
    expect(report.sent).toBe(7);
    expect(deps.translated.sort()).toEqual([`${report.digest}:en`, `${report.digest}:fr`]);
    expect(telegram.calls.find((c) => c.chatId === 3)!.text).toMatch(/^<b>fr<\/b>/);
  });

  it('after downtime serves the subscribers due meanwhile, the same day only', async () => {
    const { store, telegram, deps } = await setup(at('2026-03-01T09:00:10Z'));
    await store.meta.set(META_LAST_TICK, '2026-03-01T05:00:00.000Z');
    await subscribe(
      store,
      subscriber(1, { deliveryTime: '06:00' }),
      subscriber(2, { deliveryTime: '08:59' }),
      subscriber(3, { deliveryTime: '04:00' }), // before the downtime: served then
      subscriber(4, { deliveryTime: '10:00' }), // later today
      subscriber(5, { deliveryTime: '09:00' }), // due now
    );
    const report = await runDeliveryPass(deps, { now: deps.now() });
    expect(report.sent).toBe(3);
    expect([...new Set(telegram.calls.map((c) => c.chatId))].sort()).toEqual([1, 2, 5]);
    expect(await store.meta.get(META_LAST_TICK)).toBe('2026-03-01T09:00:00.000Z');
  });

  it('does not serve a reader twice the same day when a newer digest was built after a crash', async () => {
    const { store, telegram, deps } = await setup(at('2026-03-01T09:00:10Z'));
    const morning = digestAt(at('2026-03-01T06:05:00Z'), 'morning');
    await store.digests.put(morning);
    await store.meta.set(META_LAST_TICK, '2026-03-01T06:59:00.000Z');
    await subscribe(
      store,
      subscriber(1, { lastDigestId: 'morning' }), // got it at 07:00, then the crash
      subscriber(2, { lastDigestId: 'yesterday' }), // still waiting
    );
    const report = await runDeliveryPass(deps, { now: deps.now() });
    expect(report).toMatchObject({ sent: 1, skipped: 1 });
    expect(telegram.calls.map((c) => c.chatId)).toEqual([2, 2]);
  });

  it('marks chats that blocked the bot or vanished inactive, keeping their settings', async () => {
    const { store, telegram, deps } = await setup(at('2026-03-01T07:00:10Z'));
    await subscribe(
      store,
      subscriber(1, { language: 'en', topics: ['x'], deliveryTime: '07:00' }),
      subscriber(2),
      subscriber(3),
    );
    telegram.behave = (chatId) => {
      if (chatId === 1) throw tgError(403, 'Forbidden: bot was blocked by the user');
      if (chatId === 2) throw tgError(400, 'Bad Request: chat not found');
    };
    deps.filterTopics = (d) => d;
    const report = await runDeliveryPass(deps, { now: deps.now(), all: true });
    expect(report).toMatchObject({ sent: 1, blocked: 2, failed: 0 });
    expect(await store.subscribers.get(1)).toMatchObject({
      active: false,
      language: 'en',
      topics: ['x'],
      deliveryTime: '07:00',
    });
    expect((await store.subscribers.get(2))!.active).toBe(false);
    expect((await store.subscribers.get(3))!.active).toBe(true);
    expect((await store.deliveries.get(report.digest!, 1))!.status).toBe('blocked');
  });

  it('follows a group migrated to a supergroup and resends there', async () => {
    const { store, telegram, deps } = await setup(at('2026-03-01T07:00:10Z'));
    await subscribe(store, subscriber(-10, { topics: [] }));
    telegram.behave = (chatId) => {
      if (chatId === -10) {
        throw tgError(400, 'Bad Request: group chat was upgraded to a supergroup chat', {
          migrate_to_chat_id: -10010,
        });
      }
    };
    const report = await runDeliveryPass(deps, { now: deps.now(), all: true });
    expect(report.sent).toBe(1);
    expect(await store.subscribers.get(-10)).toBeUndefined();
    expect(await store.subscribers.get(-10010)).toMatchObject({
      active: true,
      lastDigestId: report.digest,
    });
    expect(telegram.calls.map((c) => c.chatId)).toEqual([-10010, -10010]);
    expect((await store.deliveries.get(report.digest!, -10))!.status).toBe('skipped');
    expect((await store.deliveries.get(report.digest!, -10010))!.status).toBe('sent');
  });

  it('retries 5xx answers, then counts the chat as failed without disturbing the others', async () => {
    const { store, telegram, deps } = await setup(at('2026-03-01T07:00:10Z'));
    for (let i = 1; i <= 5; i++) await subscribe(store, subscriber(i));
    let flaky = 0;
    telegram.behave = (chatId) => {
      if (chatId === 2 && flaky++ < 2) throw tgError(502, 'Bad Gateway');
      if (chatId === 4) throw tgError(500, 'Internal Server Error');
    };
    const report = await runDeliveryPass(deps, { now: deps.now(), all: true });
    expect(report).toMatchObject({ sent: 4, failed: 1, blocked: 0 });
    expect(telegram.calls.filter((c) => c.chatId === 2)).toHaveLength(2);
    expect(await store.deliveries.get(report.digest!, 4)).toMatchObject({
      status: 'failed',
      attempts: 1,
    });
    // A later resume retries it once Telegram is back.
    telegram.behave = undefined;
    const resumed = await resumeDeliveries(deps, { now: deps.now() });
    expect(resumed.sent).toBe(1);
    expect(telegram.calls.filter((c) => c.chatId === 4)).toHaveLength(2);
  });

  it('resumes after a crash from the outbox: only the parts not yet sent, never a finished chat', async () => {
    const { clock, store, deps } = await setup(at('2026-03-01T07:00:10Z'));
    for (let i = 1; i <= 4; i++) await subscribe(store, subscriber(i));
    const digest = await buildDigestNow(deps, clock.now);
    // The crashed process: chat 1 done, chat 2 got part 1 of 2, chat 3 claimed but nothing sent.
    const lease = (owner: string) => ({
      leaseOwner: owner,
      leaseUntil: '2026-03-01T07:02:00.000Z',
    });
    await store.deliveries.update({
      digestId: digest.id,
      chatId: 1,
      status: 'sent',
      partsSent: 2,
      attempts: 1,
      updatedAt: '',
    });
    await store.subscribers.patch(1, { lastDigestId: digest.id });
    await store.deliveries.update({
      digestId: digest.id,
      chatId: 2,
      status: 'sending',
      partsSent: 1,
      attempts: 1,
      updatedAt: '',
      ...lease('dead'),
    });
    await store.deliveries.update({
      digestId: digest.id,
      chatId: 3,
      status: 'sending',
      partsSent: 0,
      attempts: 1,
      updatedAt: '',
      ...lease('dead'),
    });
    // Chat 5: sent, but the process died before noting it on the subscriber.
    await subscribe(store, subscriber(5));
    await store.deliveries.update({
      digestId: digest.id,
      chatId: 5,
      status: 'sent',
      partsSent: 2,
      attempts: 1,
      updatedAt: '',
    });
    // Restarted before the dead owner's lease lapsed: those two are left alone.
    const telegram = fakeTelegram();
    const restarted = { ...deps, sender: createSender(telegram, { perChatIntervalMs: 0 }) };
    const early = await runDeliveryPass(restarted, { now: clock.now, all: true });
    expect(early).toMatchObject({ sent: 1, skipped: 4 });
    expect(telegram.calls.map((c) => c.chatId)).toEqual([4, 4]);
    expect((await store.subscribers.get(5))!.lastDigestId).toBe(digest.id);
    // After the lease: the outbox resume finishes them.
    clock.now = at('2026-03-01T07:03:00Z');
    const resumed = await resumeDeliveries(restarted, { now: clock.now });
    expect(resumed.sent).toBe(2);
    expect(telegram.calls.filter((c) => c.chatId === 2).map((c) => c.text)).toEqual([
      `<b>ar</b> ${digest.id} part 2`,
    ]);
    expect(telegram.calls.filter((c) => c.chatId === 3)).toHaveLength(2);
    expect(telegram.calls.filter((c) => c.chatId === 1)).toHaveLength(0);
  });

  it('a process restarted under the same name takes back its own leases at once', async () => {
    const { clock, store, deps } = await setup(at('2026-03-01T07:00:10Z'));
    await subscribe(store, subscriber(1));
    const digest = await buildDigestNow(deps, clock.now);
    await store.deliveries.update({
      digestId: digest.id,
      chatId: 1,
      status: 'sending',
      partsSent: 1,
      attempts: 1,
      updatedAt: '',
      leaseOwner: deps.instanceId,
      leaseUntil: '2026-03-01T07:02:00.000Z',
    });
    const telegram = fakeTelegram();
    const report = await runDeliveryPass(
      { ...deps, sender: createSender(telegram) },
      { now: clock.now, all: true },
    );
    expect(report.sent).toBe(1);
    expect(telegram.calls.map((c) => c.text)).toEqual([`<b>ar</b> ${digest.id} part 2`]);
  });

  it('hands back unfinished sends when stopped, and counts them nowhere', async () => {
    const { store, deps } = await setup(at('2026-03-01T07:00:10Z'));
    for (let i = 1; i <= 3; i++) await subscribe(store, subscriber(i));
    const telegram = fakeTelegram();
    const sender = createSender(telegram, { perChatIntervalMs: 60_000 });
    const controller = new AbortController();
    const pass = runDeliveryPass(
      { ...deps, sender },
      { now: deps.now(), all: true, signal: controller.signal },
    );
    await new Promise((r) => setTimeout(r, 50));
    controller.abort();
    sender.stop();
    const report = await pass;
    expect(report).toMatchObject({ sent: 0, failed: 0, blocked: 0 });
    const recs = await outbox(store, report.digest!);
    expect(recs).toHaveLength(3);
    for (const r of recs) {
      expect(r).toMatchObject({ status: 'pending', partsSent: 1 });
      expect(r.leaseOwner).toBeUndefined();
    }
  });
});

describe('buildDigestNow', () => {
  it('records a failed build for the alerts and /healthz, then rethrows', async () => {
    const store = await memoryStore();
    const deps = await makeDeps({
      store,
      build: () => {
        throw new Error('cluster exploded\nat stack');
      },
    });
    await expect(buildDigestNow(deps, at('2026-03-01T07:05:00Z'))).rejects.toThrow(
      'cluster exploded',
    );
    expect(await store.meta.get('schedule:lastBuildError')).toEqual({
      at: '2026-03-01T07:05:00.000Z',
      message: 'cluster exploded',
    });
  });
});
