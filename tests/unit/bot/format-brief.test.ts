import { describe, expect, it } from 'vitest';
import type { Digest, Story } from '../../../src/domain.js';
import {
  BRIEF_BUDGET_8,
  renderDigest,
  renderTopicAnswer,
  visibleText,
} from '../../../src/bot/format.js';
import { parseCallback } from '../../../src/bot/callback-data.js';

const LONG_POINT =
  'قال المتحدث باسم الحكومة في مؤتمر صحفي عقده مساء اليوم في العاصمة إن الوزارات المعنية بدأت تنفيذ خطة شاملة لإعادة تأهيل الطرق والجسور التي تضررت من السيول الأخيرة، مؤكدا أن الأعمال ستستمر حتى نهاية العام المقبل بتمويل من الموازنة العامة وقروض ميسرة';

function story(i: number, over: Partial<Story> = {}): Story {
  return {
    id: `s${i}`,
    title: `عنوان القصة رقم ${i} عن أحداث اليوم في المنطقة`,
    points: [`${LONG_POINT} ${i}.`, `النقطة الثانية في القصة ${i}.`],
    sources: [{ name: 'الجزيرة', url: `https://www.aljazeera.net/news/${i}` }],
    articles: [
      { id: `a${i}`, source: 'الجزيرة', title: 't', url: `https://www.aljazeera.net/news/${i}` },
      { id: `b${i}`, source: 'BBC', title: 't', url: `https://www.bbc.com/arabic/${i}` },
      { id: `c${i}`, source: 'bbc', title: 't', url: `https://www.bbc.com/arabic/x${i}` },
    ],
    score: 10 - i,
    latestAt: '2026-11-28T19:05:00.000Z',
    ...over,
  };
}

function digest(stories: Story[], language = 'ar'): Digest {
  return {
    id: 'd-2026-11-28',
    window: { from: '2026-11-27T21:00:00.000Z', to: '2026-11-28T21:00:00.000Z' },
    builtAt: '2026-11-28T21:00:00.000Z',
    language,
    stories,
  };
}

describe('renderDigest, brief (one screen)', () => {
  it('is one message with a numbered headline, a short gist, outlets and time per story', () => {
    const messages = renderDigest(digest([story(1), story(2)]), {
      ui: 'ar',
      timeZone: 'Asia/Riyadh',
    });
    expect(messages).toHaveLength(1);
    const html = messages[0]!.html;
    // 21:00 UTC on Saturday is already Sunday in Riyadh
    expect(html).toContain('<b>خلاصة اليوم</b> · الأحد، 29 نوفمبر');
    expect(html).toContain('<b>1. عنوان القصة رقم 1 عن أحداث اليوم في المنطقة</b>');
    expect(html).toContain('قال المتحدث باسم الحكومة');
    expect(html).not.toContain('النقطة الثانية'); // only one key sentence per story
    expect(html).toContain('<i>مصدران · السبت 22:05</i>');
    expect(html).not.toContain('<a ');
  });

  it('gives one button per story that opens it, and parses back', () => {
    const [msg] = renderDigest(digest(Array.from({ length: 8 }, (_, i) => story(i))), {
      ui: 'en',
    });
    const buttons = msg!.replyMarkup!.inline_keyboard.flat();
    expect(buttons.map((b) => b.text)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8']);
    const data = buttons.map((b) => parseCallback('callback_data' in b ? b.callback_data : ''));
    expect(data[3]).toEqual({ kind: 'story', index: 3, ref: 'd-2026-11-28' });
  });

  it(`keeps 8 stories of long sentences within ${BRIEF_BUDGET_8} visible characters`, () => {
    const title = (i: number) =>
      `عنوان طويل للقصة رقم ${i} عن أحداث اليوم في المنطقة وما تبعها من ردود فعل دولية واسعة`;
    const stories = Array.from({ length: 8 }, (_, i) => story(i, { title: title(i) }));
    const messages = renderDigest(digest(stories), { ui: 'ar' });
    // at full length (25 words a gist) these stories would not fit
    expect(stories.reduce((n, s) => n + s.title.length + 150, 0)).toBeGreaterThan(BRIEF_BUDGET_8);
    expect(messages).toHaveLength(1);
    expect(visibleText(messages[0]!.html).length).toBeLessThanOrEqual(BRIEF_BUDGET_8 + 40);
    // and shorter gists were chosen rather than dropping stories
    for (let i = 0; i < 8; i++) expect(messages[0]!.html).toContain(`${i + 1}. عنوان طويل`);
  });

  it('shortens the longest gist first, leaving the others whole, when a digest is just over', () => {
    const words = (n: number, tag: string) =>
      Array.from({ length: n }, (_, k) => `كلمة${tag}${k}`).join(' ');
    // Seven 22-word sentences and one of 25: whole, they are a little over one screen.
    const stories = [0, 1, 2, 3, 4, 5, 6, 7].map((i) =>
      story(i, {
        title: `عنوان القصة رقم ${i} عن أحداث اليوم`,
        points: [`${words(i === 0 ? 25 : 22, String.fromCharCode(0x627 + i))}.`],
      }),
    );
    const [msg] = renderDigest(digest(stories), { ui: 'ar' });
    expect(visibleText(msg!.html).length).toBeLessThanOrEqual(BRIEF_BUDGET_8);
    // One gist had to give way, and only the longest did.
    const cut = stories.filter((s) => !msg!.html.includes(s.points[0]!));
    expect(cut.map((s) => s.id)).toEqual(['s0']);
  });

  it('keeps a whole 25-word gist when a few stories leave room, notice and topics included', () => {
    const [msg] = renderDigest(digest([story(1)]), {
      ui: 'en',
      notice: 'Translation is not set up on this bot, so here is the Arabic original.',
      topics: { followed: ['Gaza'] },
    });
    const gist = msg!.html.split('\n').find((l) => l.includes('قال المتحدث'))!;
    expect(gist.replace(/\u200f/g, '').split(/\s+/).length).toBeGreaterThanOrEqual(20);
  });

  it('is one message for 10 stories', () => {
    const messages = renderDigest(digest(Array.from({ length: 10 }, (_, i) => story(i))), {
      ui: 'fr',
    });
    expect(messages).toHaveLength(1);
  });

  it('escapes feed text in headlines and gists', () => {
    const evil = story(1, {
      title: '<script>x</script> & co',
      points: ['<b>bold</b> claim & more'],
    });
    const [msg] = renderDigest(digest([evil]), { ui: 'en' });
    expect(msg!.html).toContain('&lt;script&gt;x&lt;/script&gt; &amp; co');
    expect(msg!.html).toContain('&lt;b&gt;bold&lt;/b&gt; claim &amp; more');
  });

  it('in a channel: headlines link to the article, no buttons', () => {
    const [msg] = renderDigest(digest([story(1)]), { ui: 'ar', channel: true });
    expect(msg!.replyMarkup).toBeUndefined();
    expect(msg!.html).toContain('<a href="https://www.aljazeera.net/news/1">');
  });

  it('names the followed topics and offers every story', () => {
    const [msg] = renderDigest(digest([story(1)]), {
      ui: 'en',
      topics: { followed: ['Gaza'] },
    });
    expect(msg!.html).toContain('Stories about your topics: Gaza');
    const last = msg!.replyMarkup!.inline_keyboard.at(-1)!;
    expect(parseCallback('callback_data' in last[0]! ? last[0].callback_data : '')).toEqual({
      kind: 'all',
      ref: 'd-2026-11-28',
    });
  });

  it('on a day without the followed topics: says so and shows the top 3 headlines', () => {
    const [msg] = renderDigest(digest(Array.from({ length: 6 }, (_, i) => story(i))), {
      ui: 'en',
      topics: { followed: ['Morocco'], missed: true },
    });
    expect(msg!.html).toContain('Nothing on your topics (Morocco) today');
    expect(msg!.html).toContain('3. عنوان');
    expect(msg!.html).not.toContain('4. عنوان');
  });

  it('dates an untranslated digest in the bot’s language for a non-Arabic reader', () => {
    const [msg] = renderDigest(digest([story(1)]), { ui: 'en', timeZone: 'UTC' });
    expect(msg!.html).toContain('<b>Today’s digest</b> · Saturday, November 28');
    expect(msg!.html).toContain('2 outlets · 19:05');
  });
});

describe('renderTopicAnswer, brief', () => {
  it('uses the one-screen form with buttons that open each story', () => {
    const [msg] = renderTopicAnswer('غزة', [story(1), story(2)], {
      ui: 'ar',
      language: 'ar',
      originalRef: '?abc',
    });
    expect(msg!.html).toContain('<b>1. عنوان القصة رقم 1');
    expect(msg!.html).not.toContain('النقطة الثانية');
    const data = msg!
      .replyMarkup!.inline_keyboard.flat()
      .map((b) => ('callback_data' in b ? b.callback_data : ''));
    expect(data).toEqual(['v:0:?abc', 'v:1:?abc']);
  });

  it('names the weekday of stories from before the day the answer is given', () => {
    // Both stories are from Saturday 19:05 UTC; the question is asked on Sunday.
    const [msg] = renderTopicAnswer('غزة', [story(1), story(2)], {
      ui: 'en',
      language: 'ar',
      now: new Date('2026-11-29T08:00:00Z'),
    });
    expect(msg!.html).toContain('2 outlets · Saturday 19:05');
    const [sameDay] = renderTopicAnswer('غزة', [story(1)], {
      ui: 'en',
      language: 'ar',
      now: new Date('2026-11-28T20:00:00Z'),
    });
    expect(sameDay!.html).toContain('2 outlets · 19:05');
    expect(sameDay!.html).not.toContain('Saturday 19:05');
  });
});
