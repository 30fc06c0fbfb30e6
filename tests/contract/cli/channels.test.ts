/** `khulasa channels add|remove|list` on a SQLite store, looking up @names on a fake Bot API. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../src/cli.js';
import { createStore } from '../../../src/store/index.js';
import { startFakeBotApi, type FakeBotApi } from '../../../src/testkit/fake-bot-api.js';

const TOKEN = '123456789:AAExampleTokenFromBotFather_abcdefgh';
const dir = mkdtempSync(join(tmpdir(), 'khulasa-channels-'));
const STORE_URL = `sqlite://${join(dir, 'khulasa.sqlite')}`;
let api: FakeBotApi;

beforeAll(async () => {
  api = await startFakeBotApi({ token: TOKEN });
  api.respondWith('getChat', (call) =>
    call.payload.chat_id === '@akhbar_channel'
      ? { result: { id: -1009876543210, type: 'channel', title: 'أخبار' } }
      : { error_code: 400, description: 'Bad Request: chat not found' },
  );
});
afterAll(async () => {
  await api.close();
  rmSync(dir, { recursive: true, force: true });
});

async function run(args: string[], env: Record<string, string> = {}) {
  let out = '';
  let err = '';
  const stdout = new PassThrough().on('data', (c: Buffer) => (out += c.toString()));
  const stderr = new PassThrough().on('data', (c: Buffer) => (err += c.toString()));
  const code = await main(['channels', ...args], {
    stdin: new PassThrough(),
    stdout,
    stderr,
    env: { STORE_URL, ...env },
    interactive: false,
  });
  return { code, out, err };
}

describe('khulasa channels', () => {
  it('adds a channel by id with its own time, zone and language', async () => {
    const r = await run([
      'add',
      '-1001234567890',
      '--time',
      '08:30',
      '--tz',
      'Asia/Amman',
      '--lang',
      'en',
    ]);
    expect(r).toMatchObject({ code: 0 });
    expect(r.out).toMatch(/added channel -1001234567890/);
    const store = await createStore(STORE_URL);
    expect(await store.subscribers.get(-1001234567890)).toMatchObject({
      chatType: 'channel',
      active: true,
      deliveryTime: '08:30',
      timeZone: 'Asia/Amman',
      language: 'en',
    });
    await store.close();
  });

  it('looks up @name with the Bot API', async () => {
    const r = await run(['add', '@akhbar_channel'], {
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: api.apiRoot,
    });
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/\(-1009876543210\): every day at 07:00 UTC, language ar/);
  });

  it('lists the channels, then removes one', async () => {
    const list = await run(['list']);
    expect(list.out.trim().split('\n')).toEqual([
      '-1009876543210\tactive\t07:00 UTC\tar',
      '-1001234567890\tactive\t08:30 Asia/Amman\ten',
    ]);
    expect((await run(['remove', '-1001234567890'])).code).toBe(0);
    expect((await run(['list'])).out.trim().split('\n')).toHaveLength(1);
    expect((await run(['remove', '-1001234567890'])).code).toBe(1);
  });

  it.each([
    [['add'], /needs @name/],
    [['add', 'mychannel'], /expected @channelname/],
    [['add', '@akhbar_channel'], /needs TELEGRAM_BOT_TOKEN/],
    [['add', '-1001234567890', '--time', '25:00'], /--time/],
    [['add', '-1001234567890', '--tz', 'Mars/Base'], /--tz/],
    [['list', '--lang', 'en'], /options of add/],
    [['rename'], /expected add, remove or list/],
  ])('refuses %j with exit 2', async (args, message) => {
    const r = await run(args);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
  });
});
