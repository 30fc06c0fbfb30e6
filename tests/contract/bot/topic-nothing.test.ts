import { afterEach, describe, expect, it } from 'vitest';
import { sampleDigest, startHarness, story, texts, type Harness } from './harness.js';

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

  it('says nothing matches, without headlines, when there is no digest yet', async () => {
    h = await startHarness({ digest: null });
    const text = texts(await h.say({ chatId: 9, text: '/topic بركان', languageCode: 'en' }))[0]!;
    expect(text).toContain('Nothing about “بركان”');
    expect(text).not.toContain('top headlines');
  });
});
