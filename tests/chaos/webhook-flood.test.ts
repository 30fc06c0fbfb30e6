/**
 * Scenario 8, the webhook half: 1,000 hostile requests in well under 10 s (malformed JSON,
 * oversized bodies, unknown update types, missing or wrong secrets). The webhook answers every
 * one without a 5xx, none makes the bot send anything, memory stays bounded, and a genuine
 * update right after is answered.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createBot } from '../../src/bot/bot.js';
import type { BotDeps } from '../../src/bot/deps.js';
import { launchBot, type StopBot } from '../../src/bot/launch.js';
import { parseConfig } from '../../src/config/index.js';
import { silentLogger } from '../../src/log.js';
import { createStore } from '../../src/store/index.js';
import type { Store } from '../../src/store/types.js';
import { startFakeBotApi, textUpdate, type FakeBotApi } from '../../src/testkit/fake-bot-api.js';
import { CHAOS_SECRETS } from '../../src/testkit/chaos.js';
import { fakeTranslator, NOW } from '../contract/bot/harness.js';
import { chaosBackends } from './backends.js';

const SECRET = 'chaos-webhook-secret-0123456789';

function depsFor(config: ReturnType<typeof parseConfig>, store: Store): BotDeps {
  return {
    config,
    log: silentLogger(),
    store,
    translator: fakeTranslator(),
    now: () => NOW,
    getDigest: () => store.digests.latest(),
    searchTopic: async () => ({ stories: [] }),
    translateDigest: async (digest) => ({
      digest,
      outcome: { texts: [], provider: 'none', chars: 0, cached: 0 },
    }),
    toArabicQuery: async (query) => ({ query, language: 'ar' }),
    sources: { list: async () => [], check: async () => undefined },
  };
}

describe.each(chaosBackends)('webhook flood on $name', ({ make }) => {
  let api: FakeBotApi | undefined;
  let store: Store | undefined;
  let stop: StopBot | undefined;
  let cleanup: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await stop?.();
    await api?.close();
    await store?.close();
    await cleanup?.();
  });

  it('answers 1,000 hostile requests without a 5xx or a reply, then serves a real update', async () => {
    const backend = make();
    cleanup = backend.cleanup;
    api = await startFakeBotApi({ token: CHAOS_SECRETS.botToken });
    store = await createStore(backend.url);
    const config = parseConfig({
      TELEGRAM_BOT_TOKEN: CHAOS_SECRETS.botToken,
      TELEGRAM_API_ROOT: api.apiRoot,
      WEBHOOK_URL: 'https://bot.example.com/tg-hook',
      WEBHOOK_SECRET: SECRET,
    });
    let port = 0;
    stop = await launchBot(createBot(depsFor(config, store)), config.telegram, silentLogger(), {
      host: '127.0.0.1',
      port: 0,
      onListening: (p) => (port = p),
    });
    const url = `http://127.0.0.1:${port}/tg-hook`;
    const signed = {
      'content-type': 'application/json',
      'x-telegram-bot-api-secret-token': SECRET,
    };
    const big = JSON.stringify({ update_id: 5, message: { text: 'x'.repeat(2 * 1024 * 1024) } });
    const kinds: { headers: Record<string, string>; body: string }[] = [
      { headers: signed, body: '{"update_id": 1, "message": {' },
      { headers: signed, body: 'not json at all \u0000\uFFFF' },
      { headers: signed, body: big },
      { headers: signed, body: JSON.stringify({ update_id: 2, future_update_kind: { a: 1 } }) },
      { headers: signed, body: JSON.stringify({ update_id: 3, message: { chat: 'nope' } }) },
      { headers: signed, body: '[]' },
      { headers: signed, body: 'null' },
      {
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(textUpdate({ chatId: 9, text: '/start' })),
      },
      {
        headers: { ...signed, 'x-telegram-bot-api-secret-token': 'wrong' },
        body: JSON.stringify(textUpdate({ chatId: 9, text: '/start' })),
      },
    ];
    const statuses = new Map<number, number>();
    const rssBefore = process.memoryUsage().rss;
    let peakRss = rssBefore;
    const started = Date.now();
    const total = 1000;
    let next = 0;
    const worker = async () => {
      while (next < total) {
        const k = kinds[next++ % kinds.length]!;
        const status = await fetch(url, { method: 'POST', headers: k.headers, body: k.body })
          .then(async (r) => {
            await r.arrayBuffer().catch(() => undefined);
            return r.status;
          })
          .catch(() => 0);
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
        peakRss = Math.max(peakRss, process.memoryUsage().rss);
      }
    };
    await Promise.all(Array.from({ length: 25 }, worker));
    const elapsed = Date.now() - started;
    // The flood is sent as fast as 25 clients can (about 6 s here on a loaded 2-core machine);
    // the bound leaves room for a slower CI runner.
    expect(elapsed).toBeLessThan(15_000);
    expect([...statuses.values()].reduce((a, b) => a + b, 0)).toBe(total);
    for (const status of statuses.keys()) {
      expect(status, `statuses ${JSON.stringify([...statuses])}`).toBeGreaterThanOrEqual(200);
      expect(status).toBeLessThan(500);
    }
    expect(statuses.get(403)).toBeGreaterThan(0);
    // Oversized bodies are refused before they are parsed.
    expect(statuses.get(413)).toBe(Math.ceil((total - 2) / kinds.length));
    expect(api.sent()).toHaveLength(0);
    expect((peakRss - rssBefore) / 1048576).toBeLessThan(300);

    const ok = await fetch(url, {
      method: 'POST',
      headers: signed,
      body: JSON.stringify({
        update_id: 99,
        ...textUpdate({ chatId: 70, text: '/help', languageCode: 'en' }),
      }),
    });
    expect(ok.status).toBe(200);
    expect(api.sent(70)).toHaveLength(1);
  });
});
