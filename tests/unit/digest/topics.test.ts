import { describe, expect, it } from 'vitest';
import type { Digest, Story } from '../../../src/domain.js';
import { filterByTopics } from '../../../src/digest/index.js';

function story(id: string, title: string, points: string[]): Story {
  return { id, title, points, sources: [], articles: [], score: 1 };
}

const arabic: Digest = {
  id: 'd1',
  window: { from: '2026-03-01T00:00:00.000Z', to: '2026-03-02T00:00:00.000Z' },
  builtAt: '2026-03-02T00:00:00.000Z',
  language: 'ar',
  stories: [
    story('gaza', 'مفاوضات غزّة تتواصل في القاهرة', ['قال مسؤولون إن الجولة الثالثة بدأت.']),
    story('quake', 'زلزال يضرب جنوب تركيا', ['بلغت قوة الزلزال 6.1 درجة.']),
    story('rates', 'المركزي يثبت أسعار الفائدة', ['قرر البنك الإبقاء على الفائدة.']),
    story('custody', 'توقيف الرئيس الفرنسي الأسبق ساركوزي', [
      'أوقفت الشرطة ساركوزي صباح الثلاثاء.',
    ]),
    story('hearing', 'البرلمان يستدعي زوكربرغ', ['طلب النواب حضور مؤسس فيسبوك مارك زوكربرغ.']),
  ],
};
// The same digest in English, as translation gives it (same story ids).
const english: Digest = {
  ...arabic,
  language: 'en',
  stories: [
    story('gaza', 'Gaza talks continue in Cairo', ['Officials said the third round began.']),
    story('quake', 'Earthquake hits southern Turkey', ['The quake measured 6.1.']),
    story('rates', 'Central bank holds interest rates', ['The bank kept rates unchanged.']),
    story('custody', 'Former French president Sarkozy held', ['Police held Sarkozy on Tuesday.']),
    story('hearing', 'Parliament summons Zuckerberg', ['MPs asked Mark Zuckerberg to appear.']),
  ],
};
const ids = (d: Digest) => d.stories.map((s) => s.id);

describe('filterByTopics', () => {
  it('matches Arabic topics whatever the spelling variant or diacritics', () => {
    expect(ids(filterByTopics(arabic, ['غزه']))).toEqual(['gaza']);
    expect(ids(filterByTopics(arabic, ['الزلزال', 'الفائدة']))).toEqual(['quake', 'rates']);
  });

  it('matches in the reader’s language, case aside, and in the Arabic original', () => {
    expect(ids(filterByTopics(english, ['EARTHQUAKE'], arabic))).toEqual(['quake']);
    // An Arabic topic for an English reader: found in the original of the same story.
    expect(ids(filterByTopics(english, ['غزة'], arabic))).toEqual(['gaza']);
  });

  it('matches a known English or French name against the Arabic digest', () => {
    expect(ids(filterByTopics(arabic, ['Gaza']))).toEqual(['gaza']);
  });

  it('matches a name the glossary does not know, spelled in Arabic letters', () => {
    expect(ids(filterByTopics(arabic, ['Sarkozy']))).toEqual(['custody']);
    expect(ids(filterByTopics(arabic, ['Macron']))).toEqual([]);
  });

  it('matches such a name under the press’s own spelling of it', () => {
    // spelled زوكيربيرغ from the English; the press writes زوكربرغ
    expect(ids(filterByTopics(arabic, ['Zuckerberg']))).toEqual(['hearing']);
  });

  it('keeps nothing when no story is about the topics, and everything without topics', () => {
    expect(ids(filterByTopics(english, ['elections'], arabic))).toEqual([]);
    expect(ids(filterByTopics(english, [' ', ''], arabic))).toEqual(ids(english));
  });
});
