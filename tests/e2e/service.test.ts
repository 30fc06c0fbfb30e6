/**
 * The wired application end to end: news served from 127.0.0.1 → ingest → digest build → the
 * per-minute tick delivers to a subscriber whose local time came due → the fake Bot API receives
 * the digest in the subscriber's language, translated by the fake Translation server through the
 * real @google-cloud/translate client.
 */
import type { Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseConfig } from '../../src/config/index.js';
import { silentLogger } from '../../src/log.js';
import { startService, type RunningService } from '../../src/main.js';
import { startFakeBotApi, textUpdate, type FakeBotApi } from '../../src/testkit/fake-bot-api.js';
import {
  startFakeTranslateServer,
  type FakeTranslateServer,
} from '../../src/testkit/fake-translate-server.js';
import { startSampleFeed, writeSourcesFile } from './sample-feed.js';

const TOKEN = '123456789:AAExampleTokenFromBotFather_abcdefgh';
const READER = 4242;

describe('the wired service', () => {
  let service: RunningService | undefined;
  let botApi: FakeBotApi | undefined;
  let translate: FakeTranslateServer | undefined;
  let feed: Server | undefined;
  let dir: string | undefined;
  const savedEndpoint = process.env.GOOGLE_CLOUD_TRANSLATE_ENDPOINT;

  afterEach(async () => {
    await service?.stop();
    vi.useRealTimers();
    await botApi?.close();
    await translate?.close();
    await new Promise((resolve) => feed?.close(resolve));
    if (dir) rmSync(dir, { recursive: true, force: true });
    if (savedEndpoint === undefined) delete process.env.GOOGLE_CLOUD_TRANSLATE_ENDPOINT;
    else process.env.GOOGLE_CLOUD_TRANSLATE_ENDPOINT = savedEndpoint;
  });

  it('delivers the daily digest at the reader’s local time, in the reader’s language, once', async () => {
    // 03:58:30 UTC is 06:58:30 in Riyadh: the reader's 07:00 comes due in 90 seconds.
    const start = new Date('2026-03-02T03:58:30Z');
    vi.useFakeTimers({ now: start, shouldAdvanceTime: true });

    const news = await startSampleFeed(start);
    feed = news.server;
    botApi = await startFakeBotApi({ token: TOKEN, maxPollSeconds: 1 });
    translate = await startFakeTranslateServer({ key: 'test-api-key-123' });
    process.env.GOOGLE_CLOUD_TRANSLATE_ENDPOINT = translate.v2Url;
    dir = mkdtempSync(join(tmpdir(), 'khulasa-e2e-'));
    const sourcesFile = writeSourcesFile(dir, news.url);
    const config = parseConfig({
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: botApi.apiRoot,
      STORE_URL: 'memory://',
      SOURCES_FILE: sourcesFile,
      ALLOW_PRIVATE_SOURCES: 'true',
      GOOGLE_TRANSLATE_API_KEY: 'test-api-key-123',
      LOG_LEVEL: 'silent',
    });
    service = await startService(config, { log: silentLogger() });

    // The reader subscribes and picks English at 07:00 Riyadh time.
    for (const text of ['/start', '/subscribe', '/lang en', '/time 07:00 Asia/Riyadh']) {
      const id = botApi.pushUpdate(textUpdate({ chatId: READER, text, languageCode: 'en' }));
      await botApi.waitForConfirm(id, 15_000);
    }
    const reader = await service.store.subscribers.get(READER);
    expect(reader).toMatchObject({
      active: true,
      language: 'en',
      deliveryTime: '07:00',
      timeZone: 'Asia/Riyadh',
    });

    // Ingest from the local feed and build, as the cron jobs do.
    await service.scheduler.run('ingest');
    expect(news.hits()).toBeGreaterThan(0);
    expect((await service.store.articles.listSince(new Date(0))).length).toBeGreaterThan(5);
    await service.scheduler.run('build');
    const digest = await service.store.digests.latest();
    expect(digest?.stories.length).toBeGreaterThan(0);

    const before = botApi.sent(READER).length;
    translate.reset();
    // Let the clock reach 04:00 UTC (07:00 in Riyadh) and the per-minute tick fire; the jump
    // ends a second after it, so little fake time passes over requests already in flight.
    await vi.advanceTimersByTimeAsync(Math.max(0, Date.parse('2026-03-02T04:00:01Z') - Date.now()));
    // Wait until the outbox says the whole digest (every part) was sent. The wait is in real
    // time (the fake clock follows it): jumping the clock ahead here would fire the translation
    // request's timeout before the fake server, a real socket, had time to answer.
    for (let i = 0; i < 150; i++) {
      if ((await service.store.deliveries.get(digest!.id, READER))?.status === 'sent') break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect((await service.store.deliveries.get(digest!.id, READER))?.status).toBe('sent');
    const delivered = botApi.sent(READER).slice(before);
    expect(delivered.length).toBeGreaterThan(0);
    const text = delivered.map((m) => m.text).join('\n');
    // Translated by the fake server ("[en] …"), with the first story's title in it.
    expect(text).toContain('[en]');
    expect(text).toContain(`[en] ${digest!.stories[0]!.title}`);
    expect(translate.chars).toBeGreaterThan(0);
    expect(delivered[0]!.payload.parse_mode).toBe('HTML');

    // The next ticks do not send the same digest again.
    const count = botApi.sent(READER).length;
    await vi.advanceTimersByTimeAsync(3 * 60_000);
    expect(botApi.sent(READER).length).toBe(count);
    expect((await service.store.subscribers.get(READER))?.lastDigestId).toBe(digest!.id);
  }, 60_000);
});
