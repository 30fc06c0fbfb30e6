import { afterEach, describe, expect, it } from 'vitest';
import { createBot } from '../../../src/bot/bot.js';
import type { BotDeps } from '../../../src/bot/deps.js';
import { launchBot, type StopBot } from '../../../src/bot/launch.js';
import { parseConfig } from '../../../src/config/index.js';
import { silentLogger } from '../../../src/log.js';
import { createStore } from '../../../src/store/index.js';
import type { Store } from '../../../src/store/types.js';
import { startFakeBotApi, textUpdate, type FakeBotApi } from '../../../src/testkit/fake-bot-api.js';
import { fakeTranslator, NOW, TOKEN } from './harness.js';

const SECRET = 'webhook-secret-0123456789';
let api: FakeBotApi | undefined;
let store: Store | undefined;
let stop: StopBot | undefined;
afterEach(async () => {
  await stop?.();
  await api?.close();
  await store?.close();
  stop = api = store = undefined;
});

function depsFor(config: ReturnType<typeof parseConfig>, s: Store): BotDeps {
  return {
    config,
    log: silentLogger(),
    store: s,
    translator: fakeTranslator(),
    now: () => NOW,
    getDigest: () => s.digests.latest(),
    searchTopic: async () => ({ stories: [] }),
    translateDigest: async (digest) => ({
      digest,
      outcome: { texts: [], provider: 'none', chars: 0, cached: 0 },
    }),
    toArabicQuery: async (query) => ({ query, language: 'ar' }),
    sources: { list: async () => [], check: async () => undefined },
  };
}

describe('polling mode', () => {
  it('rejects a bad token at launch and reports a conflict that stops polling', async () => {
    api = await startFakeBotApi({ token: TOKEN });
    store = await createStore('memory://');
    const wrong = parseConfig({
      TELEGRAM_BOT_TOKEN: '123456789:AAWrongTokenForTests_abcdefghijkl',
      TELEGRAM_API_ROOT: api.apiRoot,
    });
    const deps = depsFor(wrong, store);
    await expect(launchBot(createBot(deps), wrong.telegram, deps.log)).rejects.toThrow(
      'Unauthorized',
    );

    const config = parseConfig({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: api.apiRoot });
    api.respondWith('getUpdates', () => ({
      error_code: 409,
      description: 'Conflict: terminated by other getUpdates request',
    }));
    let fatal: unknown;
    const reported = new Promise<void>((resolve) => {
      void launchBot(createBot(depsFor(config, store!)), config.telegram, deps.log, {
        onFatal: (err) => {
          fatal = err;
          resolve();
        },
      }).then((s) => (stop = s));
    });
    await reported;
    expect(String(fatal)).toContain('Conflict');
  });
});

describe('webhook mode', () => {
  it('registers the webhook with its secret and accepts only signed POSTs', async () => {
    api = await startFakeBotApi({ token: TOKEN });
    store = await createStore('memory://');
    const config = parseConfig({
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: api.apiRoot,
      WEBHOOK_URL: 'https://bot.example.com/tg-hook',
      WEBHOOK_SECRET: SECRET,
    });
    expect(config.telegram.mode).toBe('webhook');
    const deps = depsFor(config, store);
    let port = 0;
    stop = await launchBot(createBot(deps), config.telegram, deps.log, {
      host: '127.0.0.1',
      port: 0,
      onListening: (p) => (port = p),
    });
    const setWebhook = api.callsOf('setWebhook')[0]!;
    expect(setWebhook.payload).toMatchObject({
      url: 'https://bot.example.com/tg-hook',
      secret_token: SECRET,
    });
    expect(api.callsOf('getUpdates')).toHaveLength(0);

    const post = (headers: Record<string, string>, path = '/tg-hook', body?: string) =>
      fetch(`http://127.0.0.1:${port}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body:
          body ??
          JSON.stringify({
            update_id: 1,
            ...textUpdate({ chatId: 70, text: '/help', languageCode: 'en' }),
          }),
      });
    expect((await post({})).status).toBe(403);
    expect(
      (await post({ 'x-telegram-bot-api-secret-token': 'wrong-secret-0123456789' })).status,
    ).toBe(403);
    expect((await post({ 'x-telegram-bot-api-secret-token': SECRET }, '/other')).status).toBe(403);
    expect(
      (await post({ 'x-telegram-bot-api-secret-token': SECRET }, '/tg-hook', '{oops')).status,
    ).toBe(415);
    expect(api.sent(70)).toHaveLength(0);

    const ok = await post({ 'x-telegram-bot-api-secret-token': SECRET });
    expect(ok.status).toBe(200);
    expect(api.sent(70)[0]!.text).toContain('<b>Commands</b>');

    // a malformed update is acknowledged, not retried forever by Telegram
    const bad = await post(
      { 'x-telegram-bot-api-secret-token': SECRET },
      '/tg-hook',
      '{"update_id":"x"}',
    );
    expect(bad.status).toBe(200);
  });
});
