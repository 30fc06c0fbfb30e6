import { afterEach, describe, expect, it } from 'vitest';
import { botApiErrors } from '../../../src/testkit/fake-bot-api.js';
import { startHarness, texts, type Harness } from './harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('groups and forum topics', () => {
  it('answers commands addressed to it, ignores other bots and chatter', async () => {
    h = await startHarness();
    const group = -100123;
    const en = { languageCode: 'en', chatType: 'group' as const };
    let calls = await h.say({ chatId: group, text: '/digest@khulasa_test_bot', ...en });
    expect(texts(calls)[0]).toContain('Today’s digest');
    calls = await h.say({ chatId: group, text: '/digest@other_bot', ...en });
    expect(texts(calls)).toEqual([]);
    calls = await h.say({ chatId: group, text: 'غزة اليوم', ...en });
    expect(texts(calls)).toEqual([]);
    calls = await h.say({ chatId: group, text: '/subscribe@khulasa_test_bot', ...en });
    expect(texts(calls)[0]).toContain('Subscribed');
    expect(await h.store.subscribers.get(group)).toMatchObject({ chatType: 'group', active: true });
  });

  it('lets only group admins change the group’s settings', async () => {
    h = await startHarness();
    const group = -100555;
    h.api.respondWith('getChatMember', (c) =>
      c.payload.user_id === 201
        ? { result: { status: 'member', user: { id: 201, is_bot: false, first_name: 'M' } } }
        : undefined,
    );
    const member = { chatType: 'supergroup' as const, fromId: 201, languageCode: 'en' };
    let calls = await h.say({ chatId: group, text: '/subscribe', ...member });
    expect(texts(calls)).toEqual(['Only the admins of this group can change its digest settings.']);
    calls = await h.say({ chatId: group, text: '/time 08:00', ...member });
    expect(texts(calls)).toEqual(['Only the admins of this group can change its digest settings.']);
    calls = await h.press({ chatId: group, data: 'l:fr', fromId: 201, languageCode: 'en' });
    expect(texts(calls)).toEqual([]);
    expect(calls.find((c) => c.method === 'answerCallbackQuery')!.payload.text).toContain(
      'Only the admins',
    );
    expect(await h.store.subscribers.get(group)).toBeUndefined();
    // reading is open to everyone
    expect(texts(await h.say({ chatId: group, text: '/digest', ...member }))[0]).toContain(
      'Today’s digest',
    );
    // an admin may
    calls = await h.say({
      chatId: group,
      text: '/subscribe',
      chatType: 'supergroup',
      fromId: 202,
      languageCode: 'en',
    });
    expect(texts(calls)[0]).toContain('Subscribed');
    expect(h.api.callsOf('getChatMember').map((c) => c.payload.user_id)).toEqual([
      201, 201, 201, 202,
    ]);
  });

  it('replies inside the forum topic and remembers it for deliveries', async () => {
    h = await startHarness();
    const forum = -100777;
    let calls = await h.say({ chatId: forum, text: '/subscribe', threadId: 7, languageCode: 'en' });
    const reply = calls.find((c) => c.method === 'sendMessage')!;
    expect(reply.payload.message_thread_id).toBe(7);
    expect(await h.store.subscribers.get(forum)).toMatchObject({ threadId: 7, active: true });
    calls = await h.say({ chatId: forum, text: '/digest', threadId: 7, languageCode: 'en' });
    for (const c of calls.filter((c) => c.chatId === forum)) {
      expect(c.payload.message_thread_id).toBe(7);
    }
    expect(calls.some((c) => c.method === 'sendChatAction')).toBe(true);
    // a menu button pressed in the topic changes its own message there, posting nothing new
    calls = await h.press({ chatId: forum, data: 't', threadId: 7, languageCode: 'en' });
    expect(calls.some((c) => c.method === 'sendMessage')).toBe(false);
    expect(calls.find((c) => c.method === 'editMessageText')!.payload.chat_id).toBe(forum);
  });

  it('follows a group that became a supergroup, and stops when removed', async () => {
    h = await startHarness();
    await h.say({ chatId: -300, text: '/subscribe', chatType: 'group', languageCode: 'en' });
    await h.send({
      message: {
        message_id: 5,
        date: 1,
        chat: { id: -300, type: 'group', title: 'G' },
        from: { id: 1, is_bot: false, first_name: 'A' },
        migrate_to_chat_id: -1000300,
      },
    });
    expect(await h.store.subscribers.get(-300)).toBeUndefined();
    expect(await h.store.subscribers.get(-1000300)).toMatchObject({ active: true });
    await h.send({
      my_chat_member: {
        chat: { id: -1000300, type: 'supergroup', title: 'G' },
        from: { id: 1, is_bot: false, first_name: 'A' },
        date: 1,
        old_chat_member: { status: 'member', user: { id: 7, is_bot: true, first_name: 'K' } },
        new_chat_member: {
          status: 'kicked',
          until_date: 0,
          user: { id: 7, is_bot: true, first_name: 'K' },
        },
      },
    });
    expect((await h.store.subscribers.get(-1000300))!.active).toBe(false);
  });
});

describe('Telegram errors while replying', () => {
  it('403: switches the subscription off and keeps serving others', async () => {
    h = await startHarness();
    await h.say({ chatId: 55, text: '/subscribe', languageCode: 'en' });
    h.api.failNext('sendMessage', botApiErrors.blocked(), { chatId: 55, times: 5 });
    const calls = await h.say({ chatId: 55, text: '/digest', languageCode: 'en' });
    // one attempt, no apology attempt to a chat that blocked us
    expect(calls.filter((c) => c.method === 'sendMessage')).toHaveLength(1);
    expect((await h.store.subscribers.get(55))!.active).toBe(false);
    expect(texts(await h.say({ chatId: 56, text: '/help', languageCode: 'en' }))[0]).toContain(
      'Commands',
    );
  });

  it('400 migrated: moves the subscription to the supergroup and answers there', async () => {
    h = await startHarness();
    await h.say({ chatId: -900, text: '/subscribe', chatType: 'group', languageCode: 'en' });
    h.api.failNext('sendMessage', botApiErrors.migrated(-100900), { chatId: -900 });
    const calls = await h.say({
      chatId: -900,
      text: '/help',
      chatType: 'group',
      languageCode: 'en',
    });
    expect(calls.filter((c) => c.method === 'sendMessage').map((c) => c.chatId)).toEqual([
      -900, -100900,
    ]);
    expect(h.api.sent(-100900)[0]!.text).toContain('Commands');
    expect(await h.store.subscribers.get(-900)).toBeUndefined();
    expect(await h.store.subscribers.get(-100900)).toMatchObject({ active: true });
  });

  it('429 with a short retry_after: waits and sends again', async () => {
    h = await startHarness();
    h.api.failNext('sendMessage', botApiErrors.tooManyRequests(1), { chatId: 57 });
    const started = Date.now();
    const calls = await h.say({ chatId: 57, text: '/help', languageCode: 'en' });
    const attempts = calls.filter((c) => c.method === 'sendMessage');
    expect(attempts).toHaveLength(2);
    expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(950);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(h.api.sent(57)).toHaveLength(1);
  });

  it('429 with a long retry_after: gives up on this reply without stalling the bot', async () => {
    h = await startHarness();
    h.api.failNext('sendMessage', botApiErrors.tooManyRequests(600), { chatId: 58 });
    const started = Date.now();
    const calls = await h.say({ chatId: 58, text: '/help', languageCode: 'en' });
    expect(Date.now() - started).toBeLessThan(3000);
    expect(calls.filter((c) => c.method === 'sendMessage')).toHaveLength(1);
    expect(texts(await h.say({ chatId: 59, text: '/help', languageCode: 'en' }))).toHaveLength(1);
  });

  it('500: the error boundary apologises briefly', async () => {
    h = await startHarness();
    h.api.failNext('sendMessage', botApiErrors.serverError(500), { chatId: 60 });
    const calls = await h.say({ chatId: 60, text: '/settings', languageCode: 'en' });
    expect(texts(calls)).toEqual([
      expect.stringContaining('<b>Your settings</b>'),
      'Sorry, something went wrong. Please try again in a minute.',
    ]);
    expect(h.api.sent(60).map((m) => m.text)).toEqual([
      'Sorry, something went wrong. Please try again in a minute.',
    ]);
  });

  it('a handler failure (store down) is logged and answered, polling goes on', async () => {
    h = await startHarness();
    const original = h.store.digests.latest.bind(h.store.digests);
    h.store.digests.latest = async () => {
      throw new Error('store unavailable');
    };
    const calls = await h.say({ chatId: 61, text: '/digest', languageCode: 'en' });
    expect(texts(calls)).toEqual(['Sorry, something went wrong. Please try again in a minute.']);
    h.store.digests.latest = original;
    expect(texts(await h.say({ chatId: 61, text: '/digest', languageCode: 'en' }))[0]).toContain(
      'Today’s digest',
    );
  });
});

describe('odd input', () => {
  it('survives malformed updates and keeps answering', async () => {
    h = await startHarness();
    const malformed = [
      { message: { text: 'no chat, no sender' } },
      { message: { chat: { id: 62 }, text: 42 } },
      { edited_message: null },
      { weird_update_kind: { x: 1 } },
      { callback_query: { id: 'q', data: 'x'.repeat(300), from: { id: 62 } } },
    ];
    for (const update of malformed) {
      const calls = await h.send(update);
      expect(texts(calls)).toEqual([]);
    }
    // a well-formed press of a button pointing at a digest that does not exist
    const calls = await h.send({
      callback_query: {
        id: 'q2',
        data: 'o:1:nope',
        from: { id: 62, is_bot: false, first_name: 'R', language_code: 'en' },
        chat_instance: '1',
        message: { message_id: 1, date: 1, chat: { id: 62, type: 'private' } },
      },
    });
    expect(texts(calls)).toEqual(['That story is no longer stored.']);
    expect(texts(await h.say({ chatId: 62, text: '/help', languageCode: 'en' }))[0]).toContain(
      'Commands',
    );
  });

  it('answers a 10,000-character message within Telegram limits', async () => {
    h = await startHarness();
    const long = 'غزة <b>&amp; '.repeat(834).slice(0, 10_000);
    expect(long).toHaveLength(10_000);
    const calls = await h.say({ chatId: 63, text: long, languageCode: 'en' });
    const sent = texts(calls);
    expect(sent.length).toBeGreaterThanOrEqual(2);
    expect(sent[0]).toContain('I searched its first 300 characters');
    expect(sent.join('\n')).toContain('مفاوضات غزة');
    for (const text of sent) {
      expect(text.length).toBeLessThanOrEqual(4096);
      expect(text).not.toContain('<b>&amp;');
    }
  });

  it('a 10,000-character /topic and /time and /lang arguments are handled', async () => {
    h = await startHarness();
    const junk = 'x'.repeat(10_000);
    expect(
      texts(await h.say({ chatId: 64, text: `/lang ${junk}`, languageCode: 'en' }))[0]!.length,
    ).toBeLessThan(300);
    expect(
      texts(await h.say({ chatId: 64, text: `/time 07:00 ${junk}`, languageCode: 'en' }))[0]!
        .length,
    ).toBeLessThan(300);
    const topic = texts(await h.say({ chatId: 64, text: `/topic ${junk}`, languageCode: 'en' }));
    for (const t of topic) expect(t.length).toBeLessThanOrEqual(4096);
  });
});

describe('connection', () => {
  it('honours an API root with a path (no trailing slash needed)', async () => {
    h = await startHarness({ basePath: '/custom/tg' });
    expect(h.api.apiRoot).toMatch(/\/custom\/tg$/);
    expect(h.api.callsOf('getMe')).toHaveLength(1);
    expect(texts(await h.say({ chatId: 65, text: '/help', languageCode: 'en' }))[0]).toContain(
      'Commands',
    );
  });
});
