/**
 * The delivery pass with the real pieces: telegraf's Telegram client against the rate-limited
 * fake Bot API on 127.0.0.1, the memory store, the bot's renderer and the "none" translator.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { Telegram } from 'telegraf';
import { parseConfig } from '../../../src/config/index.js';
import { silentLogger } from '../../../src/log.js';
import { createStore } from '../../../src/store/index.js';
import type { Store, Subscriber } from '../../../src/store/types.js';
import { createTranslatorFromConfig } from '../../../src/translate/index.js';
import { renderDigest } from '../../../src/bot/index.js';
import { createMetrics } from '../../../src/ops/metrics.js';
import { createScheduleDeps } from '../../../src/app/schedule-deps.js';
import { runDeliveryPass } from '../../../src/schedule/delivery.js';
import { benchDigest } from '../../../src/testkit/digests.js';
import { subscriber } from '../../unit/schedule/helpers.js';
import {
  startRateLimitedBotApi,
  type RateLimitedBotApi,
} from '../../../src/testkit/rate-limited-bot-api.js';

const TOKEN = '123456:AAtestTokenForTheFakeBotApi_abcdef';
let fake: RateLimitedBotApi | undefined;
let store: Store | undefined;

afterEach(async () => {
  await fake?.close();
  await store?.close();
  fake = undefined;
  store = undefined;
});

async function setup(subs: Subscriber[], senderOptions = {}, long = false) {
  fake = await startRateLimitedBotApi({ rate: 30, keepTexts: true });
  store = await createStore('memory://');
  const now = new Date();
  const digest = benchDigest(now, `contract-${now.getTime()}`, long);
  await store.digests.put(digest);
  // the full layout, so that a long digest takes several messages
  const format = long ? ('full' as const) : undefined;
  for (const s of subs) await store.subscribers.upsert(s.chatId, () => ({ ...s, format }));
  const config = parseConfig({ SEND_RATE_PER_SECOND: '30', TRANSLATE_PROVIDER: 'none' });
  const metrics = createMetrics();
  const translator = createTranslatorFromConfig(config, { store, log: silentLogger() });
  const deps = createScheduleDeps({
    config,
    log: silentLogger(),
    store,
    translator,
    telegram: new Telegram(TOKEN, { apiRoot: `${fake.apiRoot}/`, webhookReply: false }),
    metrics,
    instanceId: 'contract',
    sender: { backoffMs: 20, ...senderOptions },
  });
  const parts = renderDigest(digest, { ui: 'ar', ...(format ? { format } : {}) });
  return { deps, digest, parts, metrics, now, fake: fake!, store: store! };
}

describe('delivery through telegraf and the rate-limited fake Bot API', () => {
  it('delivers every part in order, as HTML without previews, and honours the 429s it provokes', async () => {
    // A sender that ignores the per-chat pace makes the fake answer 429 with retry_after.
    const {
      deps,
      digest,
      parts,
      metrics,
      fake: api,
    } = await setup([subscriber(1), subscriber(2)], { perChatIntervalMs: 0, marginMs: 0 }, true);
    expect(parts.length).toBeGreaterThan(1);
    const report = await runDeliveryPass(deps, { now: new Date(), all: true });
    expect(report).toMatchObject({ digest: digest.id, sent: 2, failed: 0 });
    expect(api.chats.get(1)!.texts).toEqual(parts.map((p) => p.html));
    expect(api.chats.get(2)!.texts).toEqual(parts.map((p) => p.html));
    expect(api.stats.rejected429).toBeGreaterThan(0);
    expect(await metrics.registry.getSingleMetricAsString('khulasa_telegram_errors_total')).toMatch(
      new RegExp(`khulasa_telegram_errors_total\\{code="429"\\} ${api.stats.rejected429}$`, 'm'),
    );
  });

  it('marks blocked and vanished chats inactive, follows migrations, and retries 5xx', async () => {
    const {
      deps,
      parts,
      store: st,
      fake: api,
    } = await setup([subscriber(1), subscriber(2), subscriber(3), subscriber(-40), subscriber(5)]);
    let fails = 0;
    api.behave({
      blocked: (id) => id === 1,
      notFound: (id) => id === 2,
      migrated: new Map([[-40, -10040]]),
      fail: (id) => (id === 5 && fails++ < 2 ? 502 : undefined),
    });
    const report = await runDeliveryPass(deps, { now: new Date(), all: true });
    expect(report).toMatchObject({ sent: 3, blocked: 2, failed: 0 });
    expect((await st.subscribers.get(1))!.active).toBe(false);
    expect((await st.subscribers.get(2))!.active).toBe(false);
    expect(await st.subscribers.get(-40)).toBeUndefined();
    expect((await st.subscribers.get(-10040))!.active).toBe(true);
    expect(api.sent(-10040)).toBe(parts.length);
    expect(api.sent(5)).toBe(parts.length);
    expect(api.stats.failed5xx).toBe(2);
    // Run again: nobody gets it twice.
    const again = await runDeliveryPass(deps, { now: new Date(), all: true });
    expect(again.sent).toBe(0);
    expect(api.sent(3)).toBe(parts.length);
  });
});
