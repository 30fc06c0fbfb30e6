import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../../src/cli.js';
import type { CliIO } from '../../../src/cli/command.js';
import { createStore } from '../../../src/store/index.js';
import { benchDigest } from '../../../src/testkit/digests.js';
import { renderDigest } from '../../../src/bot/index.js';
import {
  startRateLimitedBotApi,
  type RateLimitedBotApi,
} from '../../../src/testkit/rate-limited-bot-api.js';

function io(env: Record<string, string>) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d: Buffer) => (out += d.toString()));
  stderr.on('data', (d: Buffer) => (err += d.toString()));
  const cli: CliIO = { stdin: new PassThrough(), stdout, stderr, env, interactive: false };
  return { cli, out: () => out, err: () => err };
}

let fake: RateLimitedBotApi | undefined;
let dir: string | undefined;
afterEach(async () => {
  await fake?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  fake = undefined;
  dir = undefined;
});

describe('khulasa deliver', () => {
  it('needs a bot token: exit 2 with one line', async () => {
    const t = io({ STORE_URL: 'memory://' });
    expect(await main(['deliver', '--json'], t.cli)).toBe(2);
    expect(t.err()).toMatch(/^khulasa: TELEGRAM_BOT_TOKEN is needed/);
    expect(t.err().trim().split('\n')).toHaveLength(1);
  });

  it('runs one pass over every active subscriber with --all and prints the JSON report; a second run sends nothing', async () => {
    dir = mkdtempSync(join(tmpdir(), 'khulasa-deliver-'));
    const storeUrl = `sqlite://${join(dir, 's.sqlite')}`;
    const store = await createStore(storeUrl);
    const now = new Date();
    const digest = benchDigest(now, `cli-${now.getTime()}`);
    await store.digests.put(digest);
    for (const chatId of [11, 12, 13]) {
      await store.subscribers.upsert(chatId, () => ({
        chatId,
        chatType: 'private',
        language: 'ar',
        deliveryTime: '07:00',
        timeZone: 'UTC',
        topics: [],
        active: chatId !== 13,
        createdAt: now.toISOString(),
        updatedAt: now.toISOString(),
      }));
    }
    await store.close();
    fake = await startRateLimitedBotApi({ rate: 30 });
    const env = {
      TELEGRAM_BOT_TOKEN: '123456:AAtestTokenForTheFakeBotApi_abcdef',
      TELEGRAM_API_ROOT: fake.apiRoot,
      STORE_URL: storeUrl,
      TRANSLATE_PROVIDER: 'none',
    };
    const t = io(env);
    expect(await main(['deliver', '--all', '--json'], t.cli)).toBe(0);
    const report = JSON.parse(t.out());
    expect(Object.keys(report)).toEqual([
      'digest',
      'sent',
      'skipped',
      'blocked',
      'failed',
      'durationMs',
    ]);
    expect(report).toMatchObject({ digest: digest.id, sent: 2, skipped: 0, blocked: 0, failed: 0 });
    const parts = renderDigest(digest, { ui: 'ar' }).length;
    expect(fake.sent(11)).toBe(parts);
    expect(fake.sent(13)).toBe(0);
    const again = io(env);
    expect(await main(['deliver', '--all'], again.cli)).toBe(0);
    expect(again.out()).toMatch(
      /^digest cli-\d+: sent 0, skipped 2, blocked 0, failed 0 in \d+\.\d s\n$/,
    );
    expect(fake.sent(11)).toBe(parts);
  });
});
