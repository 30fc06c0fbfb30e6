/**
 * The reader's digest through the real telegraf client and the fake Bot API: the format setting,
 * and /digest honouring the reader's topics (with "all stories", or the top headlines on a day
 * without them).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { parseCallback } from '../../../src/bot/callback-data.js';
import { buttonsOf, sampleDigest, startHarness, story, texts, type Harness } from './harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('/format', () => {
  it('switches between one screen and every point, editing its menu in place', async () => {
    h = await startHarness();
    const chatId = 61;
    let calls = await h.say({ chatId, text: '/digest', languageCode: 'ar' });
    expect(texts(calls)[0]).not.toContain('•');

    calls = await h.say({ chatId, text: '/format', languageCode: 'ar' });
    const menu = calls.find((c) => c.method === 'sendMessage')!;
    const [brief, full] = buttonsOf(menu);
    expect(brief!.text.startsWith('✓')).toBe(true);
    expect(parseCallback(full!.callback_data)).toEqual({ kind: 'format', format: 'full' });

    calls = await h.press({ chatId, data: full!.callback_data });
    const edit = calls.find((c) => c.method === 'editMessageText');
    expect(edit).toBeDefined();
    expect(calls.some((c) => c.method === 'sendMessage')).toBe(false);
    expect((await h.store.subscribers.get(chatId))?.format).toBe('full');

    calls = await h.say({ chatId, text: '/digest', languageCode: 'ar' });
    expect(texts(calls)[0]).toContain('• قال مسؤولون إن الجولة 1 من المحادثات بدأت.');
    expect((await h.say({ chatId, text: '/settings', languageCode: 'ar' })).length).toBeGreaterThan(
      0,
    );

    calls = await h.say({ chatId, text: '/format brief', languageCode: 'ar' });
    expect((await h.store.subscribers.get(chatId))?.format).toBe('brief');
  });
});

describe('/digest and followed topics', () => {
  it('shows the followed stories with an "all stories" button', async () => {
    const digest = sampleDigest([
      story(1),
      story(2, { title: 'الانتخابات في العراق تدخل يومها الأخير', points: ['نقطة عن العراق.'] }),
      story(3),
    ]);
    h = await startHarness({ digest });
    const chatId = 62;
    await h.say({ chatId, text: '/subscribe', languageCode: 'ar' });
    await h.say({ chatId, text: '/follow العراق', languageCode: 'ar' });
    let calls = await h.say({ chatId, text: '/digest', languageCode: 'ar' });
    const msg = calls.find((c) => c.method === 'sendMessage')!;
    expect(String(msg.payload.text)).toContain('الانتخابات في العراق');
    expect(String(msg.payload.text)).not.toContain('مفاوضات غزة');
    const all = buttonsOf(msg).find((b) => parseCallback(b.callback_data)?.kind === 'all');
    expect(all).toBeDefined();
    calls = await h.press({ chatId, data: all!.callback_data });
    const every = texts(calls)[0]!;
    expect(every).toContain('مفاوضات غزة تتواصل في القاهرة 1');
    expect(every).toContain('الانتخابات في العراق');
  });

  it('on a day without the followed topics, says so and shows the top headlines', async () => {
    h = await startHarness();
    const chatId = 63;
    await h.say({ chatId, text: '/subscribe', languageCode: 'en' });
    await h.say({ chatId, text: '/follow المغرب', languageCode: 'en' });
    const [text] = texts(await h.say({ chatId, text: '/digest', languageCode: 'en' }));
    expect(text).toContain('Nothing on your topics (المغرب) today');
    expect(text).toContain('مفاوضات غزة تتواصل في القاهرة 1');
  });
});
