import { Telegram, TelegramError } from 'telegraf';
import { afterEach, describe, expect, it } from 'vitest';
import {
  botApiErrors,
  startFakeBotApi,
  type FakeBotApi,
} from '../../../src/testkit/fake-bot-api.js';

const TOKEN = '123456789:AAExampleTokenForTests_abcdefghijk';
let api: FakeBotApi | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

async function rejection(p: Promise<unknown>): Promise<TelegramError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(TelegramError);
    return err as TelegramError;
  }
  throw new Error('expected a rejection');
}

describe('fake Bot API server', () => {
  it('answers JSON calls and records them', async () => {
    api = await startFakeBotApi({ username: 'demo_bot' });
    const tg = new Telegram(TOKEN, { apiRoot: api.apiRoot });
    expect((await tg.getMe()).username).toBe('demo_bot');
    const msg = await tg.sendMessage(5, '<b>hi</b>', { parse_mode: 'HTML', message_thread_id: 3 });
    expect(msg).toMatchObject({ text: '<b>hi</b>', chat: { id: 5 }, message_thread_id: 3 });
    expect(await tg.sendChatAction(5, 'typing')).toBe(true);
    expect(api.sent(5)).toMatchObject([{ text: '<b>hi</b>', chatId: 5 }]);
    expect(api.callsOf('sendMessage')[0]).toMatchObject({
      token: TOKEN,
      chatId: 5,
      payload: { parse_mode: 'HTML', message_thread_id: 3 },
    });
    await expect(tg.sendMessage(5, 'x'.repeat(4097))).rejects.toThrow('message is too long');
  });

  it('parses multipart bodies (files, stringified markup)', async () => {
    api = await startFakeBotApi();
    const tg = new Telegram(TOKEN, { apiRoot: api.apiRoot });
    await tg.sendDocument(
      9,
      { source: Buffer.from('hello'), filename: 'a.txt' },
      { caption: 'عربي', reply_markup: { inline_keyboard: [[{ text: 'b', callback_data: 'd' }]] } },
    );
    const call = api.callsOf('sendDocument')[0]!;
    expect(call.payload).toMatchObject({
      chat_id: 9,
      caption: 'عربي',
      reply_markup: { inline_keyboard: [[{ text: 'b', callback_data: 'd' }]] },
    });
    expect(call.files).toEqual({ document: { filename: 'a.txt', size: 5 } });
  });

  it('returns programmed errors as Telegram does', async () => {
    api = await startFakeBotApi({ token: TOKEN });
    const tg = new Telegram(TOKEN, { apiRoot: api.apiRoot });
    api.respondWith('sendMessage', (c) => {
      switch (c.chatId) {
        case 1:
          return botApiErrors.blocked();
        case 2:
          return botApiErrors.tooManyRequests(7);
        case 3:
          return botApiErrors.chatNotFound();
        case 4:
          return botApiErrors.migrated(-1004);
        case 5:
          return botApiErrors.serverError(502);
        default:
          return undefined;
      }
    });
    const blocked = await rejection(tg.sendMessage(1, 'x'));
    expect([blocked.code, blocked.description]).toEqual([
      403,
      'Forbidden: bot was blocked by the user',
    ]);
    expect((await rejection(tg.sendMessage(2, 'x'))).parameters).toEqual({ retry_after: 7 });
    expect((await rejection(tg.sendMessage(3, 'x'))).description).toBe(
      'Bad Request: chat not found',
    );
    expect((await rejection(tg.sendMessage(4, 'x'))).parameters).toEqual({
      migrate_to_chat_id: -1004,
    });
    expect((await rejection(tg.sendMessage(5, 'x'))).code).toBe(502);
    expect((await tg.sendMessage(6, 'ok')).text).toBe('ok');
    // failNext is one-shot; '*' sees every method first
    api.failNext('sendMessage', botApiErrors.tooManyRequests(1), { chatId: 6 });
    await rejection(tg.sendMessage(6, 'x'));
    expect((await tg.sendMessage(6, 'again')).text).toBe('again');
    const seen: string[] = [];
    api.respondWith('*', (c) => {
      seen.push(c.method);
      return undefined;
    });
    await tg.getMe();
    expect(seen).toEqual(['getMe']);
    // a wrong token is refused
    const other = new Telegram('1:wrong', { apiRoot: api.apiRoot });
    expect((await rejection(other.getMe())).code).toBe(401);
  });

  it('long-polls: queued updates, offsets confirm, close releases pollers', async () => {
    api = await startFakeBotApi();
    const tg = new Telegram(TOKEN, { apiRoot: api.apiRoot });
    const id1 = api.pushUpdate({ message: { text: 'a' } });
    const first = await tg.callApi('getUpdates', { offset: 0, timeout: 5 });
    expect(first.map((u) => u.update_id)).toEqual([id1]);
    const waiting = tg.callApi('getUpdates', { offset: id1 + 1, timeout: 5 });
    setTimeout(() => api!.pushUpdate({ message: { text: 'b' } }), 50);
    const second = await waiting;
    expect(second).toHaveLength(1);
    await api.waitForConfirm(id1);
    const pending = tg.callApi('getUpdates', { offset: second[0]!.update_id + 1, timeout: 5 });
    const started = Date.now();
    await api.close();
    expect(await pending).toEqual([]);
    expect(Date.now() - started).toBeLessThan(2000);
    api = undefined;
  });
});
