/** `khulasa doctor` against a fake Bot API, a fake Translation server and a local feed. */
import { createServer, type Server } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatChecks, runChecks } from '../../../src/cli/doctor.js';
import { startFakeBotApi, type FakeBotApi } from '../../../src/testkit/fake-bot-api.js';
import {
  startFakeTranslateServer,
  type FakeTranslateServer,
} from '../../../src/testkit/fake-translate-server.js';

const TOKEN = '123456789:AAExampleTokenFromBotFather_abcdefgh';
const RSS = `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>t</title>
<item><title>خبر تجريبي</title><link>http://127.0.0.1/a</link><description>نص الخبر التجريبي الأول.</description></item>
</channel></rss>`;

let botApi: FakeBotApi;
let translate: FakeTranslateServer;
let feed: Server;
let feedUrl: string;
let dir: string;
const saved = process.env.GOOGLE_CLOUD_TRANSLATE_ENDPOINT;

beforeAll(async () => {
  botApi = await startFakeBotApi({ token: TOKEN });
  translate = await startFakeTranslateServer({ key: 'test-api-key-123' });
  process.env.GOOGLE_CLOUD_TRANSLATE_ENDPOINT = translate.v2Url;
  feed = createServer((req, res) => {
    if (req.url === '/feed.xml')
      res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(RSS);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => feed.listen(0, '127.0.0.1', resolve));
  feedUrl = `http://127.0.0.1:${(feed.address() as { port: number }).port}`;
  dir = mkdtempSync(join(tmpdir(), 'khulasa-doctor-'));
});

afterAll(async () => {
  await botApi.close();
  await translate.close();
  await new Promise((resolve) => feed.close(resolve));
  rmSync(dir, { recursive: true, force: true });
  if (saved === undefined) delete process.env.GOOGLE_CLOUD_TRANSLATE_ENDPOINT;
  else process.env.GOOGLE_CLOUD_TRANSLATE_ENDPOINT = saved;
});

function sourcesFile(urls: Record<string, string>): string {
  const file = join(dir, `sources-${Object.keys(urls).join('-')}.json`);
  const sources = Object.entries(urls).map(([id, url]) => ({ id, name: id, url, kind: 'feed' }));
  writeFileSync(file, JSON.stringify({ sources }));
  return file;
}

describe('khulasa doctor', () => {
  it('reports every part working', async () => {
    const checks = await runChecks({
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: botApi.apiRoot,
      STORE_URL: 'memory://',
      GOOGLE_TRANSLATE_API_KEY: 'test-api-key-123',
      SOURCES_FILE: sourcesFile({ local: `${feedUrl}/feed.xml` }),
    });
    const text = formatChecks(checks);
    expect(
      checks.every((c) => c.ok),
      text,
    ).toBe(true);
    expect(checks.map((c) => c.name)).toEqual([
      'configuration',
      'store',
      'telegram',
      'translation',
      'source local',
    ]);
    expect(text).toContain('@khulasa_test_bot');
    expect(text).toContain('All checks passed.');
  });

  it('says what to fix for a refused token, a bad key and a missing feed, and never prints secrets', async () => {
    const wrongToken = '987654321:AAWrongTokenWrongTokenWrongToken_xyz';
    const checks = await runChecks({
      TELEGRAM_BOT_TOKEN: wrongToken,
      TELEGRAM_API_ROOT: botApi.apiRoot,
      STORE_URL: 'memory://',
      GOOGLE_TRANSLATE_API_KEY: 'wrong-api-key-456',
      SOURCES_FILE: sourcesFile({ good: `${feedUrl}/feed.xml`, gone: `${feedUrl}/missing.xml` }),
    });
    const byName = Object.fromEntries(checks.map((c) => [c.name, c]));
    expect(byName.telegram?.ok).toBe(false);
    expect(byName.telegram?.fix).toMatch(/BotFather/);
    expect(byName.translation?.ok).toBe(false);
    expect(byName['source good']?.ok).toBe(true);
    expect(byName['source gone']?.ok).toBe(false);
    expect(byName['source gone']?.fix).toBeTruthy();
    const text = formatChecks(checks);
    expect(text).not.toContain(wrongToken);
    expect(text).not.toContain('wrong-api-key-456');
    expect(text).toMatch(/3 of 6 checks failed/);
  });

  it('reports a bad setting as one failed check naming the variable', async () => {
    const checks = await runChecks({ STORE_URL: 'ftp://x' });
    expect(checks).toHaveLength(1);
    expect(checks[0]).toMatchObject({ name: 'configuration', ok: false });
    expect(checks[0]?.detail).toContain('STORE_URL');
  });
});
