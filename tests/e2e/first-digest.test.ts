/**
 * A service that has never read anything: the first /digest sent right after it starts polling
 * gets the digest itself (one message with a story keyboard), not "try again later"; a topic
 * question asked before the sources were ever read says so instead of "nothing about X".
 */
import { createServer, type Server } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/index.js';
import { silentLogger } from '../../src/log.js';
import { startService, type RunningService } from '../../src/main.js';
import { loadBundledSamples } from '../../src/sources/index.js';
import { startFakeBotApi, textUpdate, type FakeBotApi } from '../../src/testkit/fake-bot-api.js';

const TOKEN = '123456789:AAExampleTokenFromBotFather_abcdefgh';
const READER = 5151;

const escapeXml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** An RSS feed of the bundled samples that answers only once `release()` is called. */
async function startHeldFeed(now: Date): Promise<{ url: string; server: Server; release(): void }> {
  const items = loadBundledSamples(now)
    .map(
      (a) => `<item><title>${escapeXml(a.title)}</title><link>${escapeXml(a.url)}</link>
<guid>${escapeXml(a.url)}</guid><pubDate>${new Date(a.publishedAt).toUTCString()}</pubDate>
<description>${escapeXml(a.text)}</description></item>`,
    )
    .join('\n');
  const xml = `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>
<title>وكالة الاختبار</title><link>http://127.0.0.1/</link><description>test</description>
${items}</channel></rss>`;
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const server = createServer((_req, res) => {
    void released.then(() =>
      res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' }).end(xml),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return { url: `http://127.0.0.1:${port}/feed.xml`, server, release };
}

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
    const news = await startHeldFeed(new Date());
    feed = news.server;
    botApi = await startFakeBotApi({ token: TOKEN, maxPollSeconds: 1 });
    dir = mkdtempSync(join(tmpdir(), 'khulasa-first-'));
    const sourcesFile = join(dir, 'sources.json');
    writeFileSync(
      sourcesFile,
      JSON.stringify({
        sources: [{ id: 'local-test', name: 'وكالة الاختبار', url: news.url, kind: 'feed' }],
      }),
    );
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
});
