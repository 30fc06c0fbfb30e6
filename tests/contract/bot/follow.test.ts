import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, texts, type Harness } from './harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('/follow and /unfollow with the real telegraf client', () => {
  it('keeps a chat’s topic filters, spelling variants aside, and says what changed', async () => {
    h = await startHarness();
    const chatId = 77;
    const say = async (text: string) =>
      texts(await h!.say({ chatId, text, languageCode: 'en' }))[0]!;

    expect(await say('/follow')).toContain('every story');
    // Nothing to remove: no settings are written for it.
    expect(await say('/unfollow غزة')).toContain('You do not follow “غزة”');
    expect(await h.store.subscribers.get(chatId)).toBeUndefined();

    let reply = await say('/follow   غزة  ');
    expect(reply).toContain('Following “غزة”');
    expect(reply).toContain('/subscribe'); // not subscribed yet: says how
    expect(await h.store.subscribers.get(chatId)).toMatchObject({ topics: ['غزة'], active: false });

    expect(await say('/follow غزه')).toContain('already follow “غزه”');
    await say('/subscribe');
    reply = await say('/follow <b>Hamas</b> & co');
    expect(reply).toContain('&lt;b&gt;Hamas&lt;/b&gt; &amp; co'); // escaped, never markup
    expect(reply).not.toContain('/subscribe');
    expect(await say('/settings')).toContain('Topics: غزة · &lt;b&gt;Hamas&lt;/b&gt; &amp; co');

    expect(await say(`/follow ${'س'.repeat(61)}`)).toContain('at most 60 characters');
    for (let i = 3; i <= 10; i++) await say(`/follow موضوع ${i}`);
    expect((await h.store.subscribers.get(chatId))!.topics).toHaveLength(10);
    expect(await say('/follow واحد أكثر')).toContain('already follow 10 topics');

    reply = await say('/unfollow غزّة');
    expect(reply).toContain('Stopped following “غزّة”');
    expect((await h.store.subscribers.get(chatId))!.topics).not.toContain('غزة');
    // /unfollow alone asks first (the whole exchange is in talk.test.ts)
    const calls = await h.say({ chatId, text: '/unfollow', languageCode: 'en' });
    expect(texts(calls)[0]).toContain('Stop following all 9 topics');
    const markup = calls.find((c) => c.method === 'sendMessage')!.payload.reply_markup as {
      inline_keyboard: { callback_data: string }[][];
    };
    await h.press({ chatId, data: markup.inline_keyboard[0]![0]!.callback_data });
    expect(await h.store.subscribers.get(chatId)).toMatchObject({ topics: [], active: true });
  });

  it('lets only admins change a group’s topics', async () => {
    h = await startHarness();
    h.api.respondWith('getChatMember', (c) =>
      c.payload.user_id === 201
        ? { result: { status: 'member', user: { id: 201, is_bot: false, first_name: 'M' } } }
        : undefined,
    );
    const member = { chatType: 'supergroup' as const, fromId: 201, languageCode: 'en' };
    for (const text of ['/follow غزة', '/unfollow']) {
      const calls = await h.say({ chatId: -100, text, ...member });
      expect(texts(calls)).toEqual([
        'Only the admins of this group can change its digest settings.',
      ]);
    }
    // Anyone may see the topics.
    expect(texts(await h.say({ chatId: -100, text: '/follow', ...member }))[0]).toContain(
      'every story',
    );
    expect(await h.store.subscribers.get(-100)).toBeUndefined();
  });
});
