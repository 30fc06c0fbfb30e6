import { afterEach, describe, expect, it } from 'vitest';
import { parseCallback } from '../../../src/bot/callback-data.js';
import {
  buttonsOf,
  ADMIN,
  sampleDigest,
  startHarness,
  story,
  texts,
  type Harness,
} from './harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('a reader’s whole conversation with the real telegraf client', () => {
  it('start → subscribe → lang → time → digest → original → topic → unsubscribe', async () => {
    h = await startHarness();
    const chatId = 42;

    // setMyCommands in English (default) and Arabic, plus the admin menu
    const menus = h.api.callsOf('setMyCommands');
    const arabic = menus.find((c) => c.payload.language_code === 'ar');
    expect((arabic!.payload.commands as { description: string }[])[0]!.description).toBe(
      'آخر خلاصة الآن',
    );
    expect(menus.some((c) => !c.payload.language_code && !c.payload.scope)).toBe(true);
    expect(
      menus.some((c) => (c.payload.scope as { chat_id?: number } | undefined)?.chat_id === ADMIN),
    ).toBe(true);

    // /start: welcome in the reader's Telegram language, three buttons
    let calls = await h.say({ chatId, text: '/start', languageCode: 'en' });
    const welcome = calls.find((c) => c.method === 'sendMessage')!;
    expect(welcome.payload.text).toContain('<b>Khulasa</b>');
    expect(welcome.payload.parse_mode).toBe('HTML');
    // the first run asks for the language first (the whole first run is in talk.test.ts)
    const startButtons = buttonsOf(welcome);
    expect(new Set(startButtons.map((b) => parseCallback(b.callback_data)?.kind))).toEqual(
      new Set(['setup-lang']),
    );
    expect(await h.store.subscribers.get(chatId)).toBeUndefined();

    calls = await h.say({ chatId, text: '/subscribe', languageCode: 'en' });
    expect(texts(calls)[0]).toContain('Subscribed');
    expect(await h.store.subscribers.get(chatId)).toMatchObject({
      active: true,
      language: 'en',
      deliveryTime: '07:00',
      timeZone: 'Africa/Cairo',
      chatType: 'private',
    });

    // /lang shows a keyboard; pressing French sets it
    calls = await h.say({ chatId, text: '/lang', languageCode: 'en' });
    const langButtons = buttonsOf(calls.find((c) => c.method === 'sendMessage'));
    const french = langButtons.find((b) => b.text === 'Français')!;
    expect(langButtons.find((b) => b.text.startsWith('✓'))?.text).toBe('✓ English');
    calls = await h.press({ chatId, data: french.callback_data });
    // the menu changes in place, and the bot now speaks French too
    expect(texts(calls)).toEqual([]);
    const edited = calls.find((c) => c.method === 'editMessageText')!;
    expect(edited.payload.text).toBe('🌐 Langue choisie : Français (fr).');
    expect(buttonsOf(edited).find((b) => b.text.startsWith('✓'))?.text).toBe('✓ Français');
    expect((await h.store.subscribers.get(chatId))!.language).toBe('fr');

    // any supported code is accepted; unknown ones are refused
    expect(texts(await h.say({ chatId, text: '/lang xx' }))[0]).toContain('« xx »');
    expect(texts(await h.say({ chatId, text: '/lang sw' }))[0]).toContain('(sw)');
    // German stories, English words (the bot has no German strings)
    expect(texts(await h.say({ chatId, text: '/lang de' }))[0]).toBe(
      '🌐 Language set: Deutsch (de).',
    );

    // /time validates and is DST-safe
    expect(texts(await h.say({ chatId, text: '/time 25:00' }))[0]).toContain('24-hour');
    expect(texts(await h.say({ chatId, text: '/time 07:30 Mars/Base' }))[0]).toContain(
      '“Mars/Base” is not a time zone',
    );
    calls = await h.say({ chatId, text: '/time 07:30 Asia/Riyadh' });
    expect(texts(calls)[0]).toContain('07:30 (Asia/Riyadh)');
    expect(texts(calls)[0]).toContain('2026-11-29 07:30');
    expect(await h.store.subscribers.get(chatId)).toMatchObject({
      deliveryTime: '07:30',
      timeZone: 'Asia/Riyadh',
    });

    // /settings
    expect(texts(await h.say({ chatId, text: '/settings' }))[0]).toContain('Asia/Riyadh');

    // /digest: typing first, then the digest translated, one screen with a button per story
    calls = await h.say({ chatId, text: '/digest' });
    const typing = calls.findIndex((c) => c.method === 'sendChatAction');
    const firstMessage = calls.findIndex((c) => c.method === 'sendMessage');
    expect(typing).toBeGreaterThanOrEqual(0);
    expect(typing).toBeLessThan(firstMessage);
    expect(calls[typing]!.payload.action).toBe('typing');
    const digestMsg = calls[firstMessage]!;
    expect(digestMsg.payload.text).toContain('[de] مفاوضات غزة تتواصل في القاهرة 1');
    expect(digestMsg.payload.link_preview_options).toEqual({ is_disabled: true });
    const storyButtons = buttonsOf(digestMsg);
    expect(storyButtons.map((b) => b.text)).toEqual(['1', '2', '3']);
    expect(parseCallback(storyButtons[1]!.callback_data)).toMatchObject({
      kind: 'story',
      index: 1,
    });

    // a story's button opens its key points, translated, with its Arabic original one press away
    calls = await h.press({ chatId, data: storyButtons[1]!.callback_data });
    const opened = calls.find((c) => c.method === 'sendMessage')!;
    expect(opened.payload.text).toContain('<b>2. [de] مفاوضات غزة تتواصل في القاهرة 2</b>');
    const [toOriginal] = buttonsOf(opened);
    expect(parseCallback(toOriginal!.callback_data)).toMatchObject({ kind: 'original', index: 1 });
    calls = await h.press({ chatId, data: toOriginal!.callback_data });
    const original = texts(calls)[0]!;
    expect(original).toContain('<b>2. مفاوضات غزة تتواصل في القاهرة 2</b>');
    expect(original).not.toContain('[de]');

    // /topic in Arabic, answered in German, with buttons for the Arabic original
    calls = await h.say({ chatId, text: '/topic غزة' });
    expect(texts(calls)[0]).toContain('[de] مفاوضات غزة');
    const topicButtons = buttonsOf(calls.find((c) => c.method === 'sendMessage'));
    expect(topicButtons.length).toBeGreaterThan(0);
    expect(parseCallback(topicButtons[0]!.callback_data)).toMatchObject({ kind: 'story' });
    calls = await h.press({ chatId, data: topicButtons[0]!.callback_data });
    const topicStory = calls.find((c) => c.method === 'sendMessage')!;
    expect(topicStory.payload.text).toContain('<b>1. [de] مفاوضات غزة');
    calls = await h.press({ chatId, data: buttonsOf(topicStory)[0]!.callback_data });
    expect(texts(calls)[0]).toContain('<b>1. مفاوضات غزة');
    expect(texts(calls)[0]).not.toContain('[de]');
    // plain text in English is a topic question too, translated to Arabic first
    calls = await h.say({ chatId, text: 'Gaza' });
    expect(h.translator.requests.some((r) => r[0] === 'Gaza')).toBe(true);
    expect(texts(calls)[0]).toContain('“Gaza”');
    expect(texts(calls)[0]).toContain('[de] مفاوضات غزة');
    // nothing found
    expect(texts(await h.say({ chatId, text: '/topic زلزال' }))[0]).toContain('Nothing about');

    // /unsubscribe
    calls = await h.say({ chatId, text: '/unsubscribe' });
    expect(texts(calls)[0]).toContain('Unsubscribed');
    expect((await h.store.subscribers.get(chatId))!.active).toBe(false);

    // /start brings an inactive subscriber back
    calls = await h.say({ chatId, text: '/start' });
    expect(texts(calls)[0]).toContain('Welcome back');
    expect((await h.store.subscribers.get(chatId))!.active).toBe(true);
  });

  it('speaks Arabic to an Arabic Telegram client and answers /help, /sources', async () => {
    h = await startHarness();
    const [start] = texts(await h.say({ chatId: 7, text: '/start', languageCode: 'ar' }));
    expect(start).toContain('زبدة الأخبار العربية');
    const [help] = texts(await h.say({ chatId: 7, text: '/help', languageCode: 'ar' }));
    expect(help).toContain('<b>الأوامر</b>');
    expect(help).not.toContain('/stats');
    const [sources] = texts(await h.say({ chatId: 7, text: '/sources', languageCode: 'ar' }));
    expect(sources).toContain('<a href="https://www.aljazeera.net/feed">الجزيرة</a>');
    // the Arabic digest has story buttons only, no translation buttons
    const calls = await h.say({ chatId: 7, text: '/digest', languageCode: 'ar' });
    const digest = calls.find((c) => c.method === 'sendMessage')!;
    expect(digest.payload.text).toContain('خلاصة اليوم');
    const kinds = buttonsOf(digest).map((b) => parseCallback(b.callback_data)?.kind);
    expect(new Set(kinds)).toEqual(new Set(['story']));
    // an unknown command gets a one-line hint towards /help
    expect(texts(await h.say({ chatId: 7, text: '/nope', languageCode: 'ar' }))).toEqual([
      'لا أعرف الأمر /nope. أرسل /help لترى الأوامر.',
    ]);
  });

  it('/start does not subscribe a reader who only chose a language', async () => {
    h = await startHarness();
    await h.say({ chatId: 13, text: '/lang en', languageCode: 'en' });
    expect(await h.store.subscribers.get(13)).toMatchObject({ active: false, language: 'en' });
    const [welcome] = texts(await h.say({ chatId: 13, text: '/start', languageCode: 'en' }));
    expect(welcome).toContain('<b>Khulasa</b>');
    expect((await h.store.subscribers.get(13))!.active).toBe(false);
  });

  it('shows the Arabic original with a notice when translation fails', async () => {
    const { fakeTranslator } = await import('./harness.js');
    h = await startHarness({ translator: fakeTranslator({ fail: true }) });
    await h.say({ chatId: 8, text: '/lang de' });
    const [msg] = texts(await h.say({ chatId: 8, text: '/digest' }));
    expect(msg).toContain('arabische Original');
    expect(msg).toContain('مفاوضات غزة تتواصل في القاهرة 1');
  });

  it('says so politely when there is no digest yet', async () => {
    h = await startHarness({ digest: null });
    expect(texts(await h.say({ chatId: 9, text: '/digest', languageCode: 'en' }))[0]).toContain(
      'No digest yet',
    );
  });

  it('limits on-demand requests per reader with a polite reply', async () => {
    h = await startHarness({ limits: { requests: 2, windowMs: 60_000 } });
    await h.say({ chatId: 10, text: '/digest', languageCode: 'en' });
    await h.say({ chatId: 10, text: '/topic غزة', languageCode: 'en' });
    const calls = await h.say({ chatId: 10, text: '/digest', languageCode: 'en' });
    expect(texts(calls)).toEqual(['One moment please: you can ask again in 30 s.']);
    expect(calls.some((c) => c.method === 'sendChatAction')).toBe(false);
    // another reader is not affected
    expect(texts(await h.say({ chatId: 11, text: '/digest', languageCode: 'en' }))[0]).toContain(
      'Today’s digest',
    );
  });

  it('admin commands: refused to readers, working for the operator', async () => {
    const checked: string[] = [];
    h = await startHarness({
      checkSource: async (url) => {
        checked.push(url);
        if (url.includes('10.0.0.1')) throw new Error('private address');
      },
    });
    expect(texts(await h.say({ chatId: 5, text: '/stats', languageCode: 'en' }))[0]).toBe(
      'This command is for the operator of this bot.',
    );
    await h.say({ chatId: 5, text: '/subscribe', languageCode: 'en' });
    const [stats] = texts(await h.say({ chatId: ADMIN, text: '/stats', languageCode: 'en' }));
    expect(stats).toContain('Subscribers: 1 active of 1');
    expect(stats).toContain('Latest digest: 2026-11-28 10:00 UTC, 3');
    expect(
      texts(
        await h.say({ chatId: ADMIN, text: '/addsource http://10.0.0.1/feed', languageCode: 'en' }),
      )[0],
    ).toContain('private address');
    const [added] = texts(
      await h.say({
        chatId: ADMIN,
        text: '/addsource https://www.example.org/rss?x=1&y=2',
        languageCode: 'en',
      }),
    );
    expect(added).toContain('Added source example-org: https://www.example.org/rss?x=1&amp;y=2');
    expect(await h.store.sources.list()).toHaveLength(1);
    expect(
      texts(await h.say({ chatId: ADMIN, text: '/sources', languageCode: 'en' }))[0],
    ).toContain('<code>example-org</code>');
    expect(
      texts(await h.say({ chatId: ADMIN, text: '/sourcestatus', languageCode: 'en' }))[0],
    ).toContain('No source has been read yet');
    await h.store.feeds.put({
      sourceId: 'example-org',
      failures: 3,
      status: 'failing',
      lastError: 'HTTP 500 <oops>',
    });
    expect(
      texts(await h.say({ chatId: ADMIN, text: '/sourcestatus', languageCode: 'en' }))[0],
    ).toContain('⚠️ <code>example-org</code> · 3 failures · <i>HTTP 500 &lt;oops&gt;</i>');
    expect(
      texts(
        await h.say({ chatId: ADMIN, text: '/removesource example-org', languageCode: 'en' }),
      )[0],
    ).toBe('Removed source example-org.');
    expect(await h.store.sources.list()).toHaveLength(0);
    expect(checked).toEqual(['http://10.0.0.1/feed', 'https://www.example.org/rss?x=1&y=2']);
  });

  it('escapes injection strings in titles, points and source names', async () => {
    const evil = story(1, {
      title: '<b>x</b> & <a href="https://evil.example">click</a>',
      points: ['</code><pre>', '&amp; &#x3C;'],
      sources: [{ name: '<i>Evil</i>', url: 'javascript:alert(1)' }],
    });
    h = await startHarness({ digest: sampleDigest([evil]) });
    const calls = await h.say({ chatId: 12, text: '/digest', languageCode: 'ar' });
    const brief = texts(calls)[0]!;
    expect(brief).toContain(
      '&lt;b&gt;x&lt;/b&gt; &amp; &lt;a href=&quot;https://evil.example&quot;&gt;click&lt;/a&gt;',
    );
    expect(brief).toContain('&lt;/code&gt;&lt;pre&gt;');
    const [open] = buttonsOf(calls.find((c) => c.method === 'sendMessage'));
    const [msg] = texts(await h.press({ chatId: 12, data: open!.callback_data }));
    expect(msg).toContain('&amp;amp; &amp;#x3C;');
    expect(msg).toContain('&lt;i&gt;Evil&lt;/i&gt;');
    expect(msg).not.toContain('javascript:');
  });
});
