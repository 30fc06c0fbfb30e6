/**
 * A service that has never read anything: the first /digest sent right after it starts polling
 * gets the digest itself (one message with a story keyboard), not "try again later"; a topic
 * question asked before the sources were ever read says so instead of "nothing about X".
 */
import type { Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/index.js';
import { silentLogger } from '../../src/log.js';
import { startService, type RunningService } from '../../src/main.js';
import { startFakeBotApi, textUpdate, type FakeBotApi } from '../../src/testkit/fake-bot-api.js';
import { startSampleFeed, writeSourcesFile } from './sample-feed.js';

const TOKEN = '123456789:AAExampleTokenFromBotFather_abcdefgh';
const READER = 5151;

describe('the first digest after a start', () => {
  let service: RunningService | undefined;
  let botApi: FakeBotApi | undefined;
  let feed: Server | undefined;
  let dir: string | undefined;

  afterEach(async () => {
    await service?.stop();
    await botApi?.close();
    feed?.closeAllConnections();
    await new Promise((resolve) => feed?.close(resolve));
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('answers the first /digest with the digest, on a store that never saw an article', async () => {
    const started = Date.now();
    const news = await startSampleFeed(new Date(), { held: true });
    feed = news.server;
    botApi = await startFakeBotApi({ token: TOKEN, maxPollSeconds: 1 });
    dir = mkdtempSync(join(tmpdir(), 'khulasa-first-'));
    const sourcesFile = writeSourcesFile(dir, news.url);
    const config = parseConfig({
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: botApi.apiRoot,
      STORE_URL: 'memory://',
      SOURCES_FILE: sourcesFile,
      ALLOW_PRIVATE_SOURCES: 'true',
      LOG_LEVEL: 'silent',
    });
    service = await startService(config, { log: silentLogger() });
    expect(await service.store.digests.latest()).toBeUndefined();

    // Before the sources were ever read, a topic question is not told "nothing in 7 days".
    const topic = botApi.pushUpdate(textUpdate({ chatId: READER, text: '/topic غزة' }));
    await botApi.waitForConfirm(topic, 15_000);
    const early = await botApi.waitFor((c) => c.method === 'sendMessage', 15_000);
    expect(String(early.payload.text)).toContain('أقرأ');
    expect(String(early.payload.text)).not.toContain('لا شيء');

    // The first /digest waits for the start-up reading of the sources rather than refusing.
    const before = botApi.sent(READER).length;
    botApi.pushUpdate(textUpdate({ chatId: READER, text: '/Digest' }));
    await new Promise((resolve) => setTimeout(resolve, 300));
    news.release();
    await botApi.waitFor(() => botApi!.sent(READER).length > before, 60_000);
    const answer = botApi.sent(READER).slice(before);
    expect(answer).toHaveLength(1);
    expect(answer[0]!.text).toContain('خلاصة اليوم');
    const digest = await service.store.digests.latest();
    expect(digest?.stories.length).toBeGreaterThan(0);
    expect(answer[0]!.text).toContain(`1. ${digest!.stories[0]!.title}`);
    const keyboard = answer[0]!.payload.reply_markup as {
      inline_keyboard: { text: string; callback_data: string }[][];
    };
    expect(keyboard.inline_keyboard.flat().map((b) => b.text)).toEqual(
      digest!.stories.map((_, i) => `${i + 1}`),
    );
    expect(Date.now() - started).toBeLessThan(60_000);
  }, 90_000);

  it('answers a /digest sent while some sources are still being read with all of them', async () => {
    // One source answers at once (the water summit), the other is slow (every other story).
    const now = new Date();
    const quick = await startSampleFeed(now, { only: (a) => a.id.includes('water-summit') });
    const slow = await startSampleFeed(now, {
      held: true,
      only: (a) => !a.id.includes('water-summit'),
    });
    feed = quick.server;
    const slowServer = slow.server;
    try {
      botApi = await startFakeBotApi({ token: TOKEN, maxPollSeconds: 1 });
      dir = mkdtempSync(join(tmpdir(), 'khulasa-first-'));
      const config = parseConfig({
        TELEGRAM_BOT_TOKEN: TOKEN,
        TELEGRAM_API_ROOT: botApi.apiRoot,
        STORE_URL: 'memory://',
        SOURCES_FILE: writeSourcesFile(dir, quick.url, slow.url),
        ALLOW_PRIVATE_SOURCES: 'true',
        LOG_LEVEL: 'silent',
      });
      service = await startService(config, { log: silentLogger() });
      const store = service.store;
      // The quick source is stored; the slow one is still being read.
      const deadline = Date.now() + 15_000;
      while ((await store.articles.listSince(new Date(0))).length === 0) {
        if (Date.now() > deadline) throw new Error('the quick source was never stored');
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      botApi.pushUpdate(textUpdate({ chatId: READER, text: '/digest' }));
      await new Promise((resolve) => setTimeout(resolve, 500));
      slow.release();
      await botApi.waitFor(() => botApi!.sent(READER).length > 0, 60_000);
      const answer = botApi.sent(READER);
      expect(answer).toHaveLength(1);
      // Not a digest of the one story read so far: the slow source's stories are in it.
      expect(answer[0]!.text).toContain('الإسكندرية');
      const keyboard = answer[0]!.payload.reply_markup as {
        inline_keyboard: { text: string }[][];
      };
      expect(keyboard.inline_keyboard.flat().length).toBeGreaterThan(1);
    } finally {
      slowServer.closeAllConnections();
      await new Promise((resolve) => slowServer.close(resolve));
    }
  }, 90_000);
});
