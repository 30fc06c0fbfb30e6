import { afterEach, describe, expect, it } from 'vitest';
import type { Article } from '../../../src/domain.js';
import {
  fakeTranslator,
  NOW,
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

const DIGEST = sampleDigest([
  story(1, { title: 'افتتاح معرض الكتاب في العاصمة' }),
  story(2, { title: 'ارتفاع أسعار الذهب في الأسواق' }),
  story(3, { title: 'فوز المنتخب في المباراة الودية' }),
  story(4, { title: 'أمطار غزيرة في المناطق الساحلية' }),
]);

describe('a topic question that nothing recent matches, through telegraf', () => {
  it('says so plainly and suggests the top 3 headlines of the latest digest', async () => {
    h = await startHarness({ digest: DIGEST });
    const reply = texts(await h.say({ chatId: 7, text: '/topic بركان', languageCode: 'ar' }));
    expect(reply).toHaveLength(1);
    const text = reply[0]!;
    expect(text).toContain('لا شيء عن «بركان»');
    expect(text).toContain('أبرز عناوين اليوم:');
    expect(text).toContain('1. <a href="https://www.aljazeera.net/news/1">افتتاح معرض الكتاب');
    expect(text).toContain('2. <a href="https://www.aljazeera.net/news/2">ارتفاع أسعار الذهب');
    expect(text).toContain('3. <a href="https://www.aljazeera.net/news/3">فوز المنتخب');
    expect(text).not.toContain('أمطار غزيرة');
  });

  it('gives the headlines in the reader’s language when they can be translated', async () => {
    h = await startHarness({ digest: DIGEST });
    await h.say({ chatId: 8, text: '/lang de', languageCode: 'en' });
    const text = texts(await h.say({ chatId: 8, text: '/topic بركان', languageCode: 'en' }))[0]!;
    expect(text).toContain('Nothing about “بركان”');
    expect(text).toContain('Today’s top headlines:');
    expect(text).toContain('[de] افتتاح معرض الكتاب');
  });

  it('names the articles that mention the subject in passing, escaped and translated', async () => {
    const mention = (id: string, title: string): Article => ({
      id,
      url: `https://www.bbc.com/arabic/${id}`,
      sourceId: 'bbc',
      sourceName: 'بي بي سي',
      title,
      text: 'نص الخبر.',
      publishedAt: NOW.toISOString(),
      fetchedAt: NOW.toISOString(),
      language: 'ar',
    });
    const mentions = [
      mention('b1', 'ثالث استقالة في مجلس الأمن القومي بعد تعيين بولتون'),
      mention('b2', 'تحليل: واشنطن <بين> خيارين في سوريا'),
    ];
    h = await startHarness({ digest: DIGEST, mentions });
    const text = texts(await h.say({ chatId: 11, text: '/topic بولتون', languageCode: 'ar' }))[0]!;
    expect(text).toContain('لا شيء عن «بولتون»');
    expect(text).toContain(
      'ورد ذكره عرضًا في:\n\u200f1. <a href="https://www.bbc.com/arabic/b1">ثالث استقالة في مجلس الأمن القومي',
    );
    expect(text).toContain(
      '2. <a href="https://www.bbc.com/arabic/b2">تحليل: واشنطن &lt;بين&gt; خيارين',
    );
    // The mentions first, then the day's headlines.
    expect(text.indexOf('ورد ذكره')).toBeLessThan(text.indexOf('أبرز عناوين اليوم:'));

    await h.say({ chatId: 12, text: '/lang de', languageCode: 'en' });
    const german = texts(
      await h.say({ chatId: 12, text: '/topic بولتون', languageCode: 'en' }),
    )[0]!;
    expect(german).toContain('Named in passing in:');
    expect(german).toContain('[de] ثالث استقالة');
  });

  it('starts each line with the mark of its direction: right to left for Arabic lines only', async () => {
    const latin = sampleDigest([story(1, { title: 'CNN: وزير الخارجية يصل إلى القاهرة' })]);
    h = await startHarness({ digest: latin });
    const arabic = texts(await h.say({ chatId: 21, text: '/topic بركان', languageCode: 'ar' }))[0]!;
    // A headline that starts with a Latin word runs right to left in an Arabic chat.
    for (const line of arabic.split('\n').filter(Boolean)) expect(line).toMatch(/^\u200f/);

    await h.say({ chatId: 22, text: '/lang en', languageCode: 'en' });
    const english = texts(
      await h.say({ chatId: 22, text: '/topic volcano', languageCode: 'en' }),
    )[0]!;
    expect(english).toContain('1. <a href="https://www.aljazeera.net/news/1">[en] CNN:');
    expect(english).not.toContain('\u200f');
  });

  it('gives the Arabic headlines with the reason when translation is down, right to left', async () => {
    h = await startHarness({ digest: DIGEST, translator: fakeTranslator({ fail: true }) });
    await h.say({ chatId: 23, text: '/lang en', languageCode: 'en' });
    const text = texts(await h.say({ chatId: 23, text: '/topic بركان', languageCode: 'en' }))[0]!;
    const lines = text.split('\n');
    expect(lines[0]).toContain('Nothing about “بركان”');
    expect(lines[0]).not.toMatch(/^\u200f/);
    // The notice a translated digest gives in an outage, in the reader's words.
    expect(lines.some((l) => /^<i>.*translat/i.test(l))).toBe(true);
    expect(text).toContain(
      '\u200f1. <a href="https://www.aljazeera.net/news/1">افتتاح معرض الكتاب',
    );
  });

  it('says nothing matches, without headlines, when there is no digest yet', async () => {
    h = await startHarness({ digest: null });
    const text = texts(await h.say({ chatId: 9, text: '/topic بركان', languageCode: 'en' }))[0]!;
    expect(text).toContain('Nothing about “بركان”');
    expect(text).not.toContain('top headlines');
  });

  it('answers a story number alone with how to open a story, not "nothing about 2"', async () => {
    h = await startHarness({ digest: DIGEST });
    for (const [text, languageCode, says] of [
      ['2', 'en', 'press its number under the digest'],
      ['٣', 'ar', 'اضغط رقمها تحت الخلاصة'],
      ['12', 'fr', 'appuyez sur son numéro'],
    ] as const) {
      const reply = texts(await h.say({ chatId: 10, text, languageCode }));
      expect(reply).toHaveLength(1);
      expect(reply[0]).toContain(says);
      expect(reply[0]).not.toMatch(/Nothing about|لا شيء عن|Rien sur/);
    }
    // A longer number is a question (a year, a UN resolution).
    const year = texts(await h.say({ chatId: 10, text: '2018', languageCode: 'en' }))[0]!;
    expect(year).toContain('Nothing about “2018”');
  });
});
