/** Synthetic digests for delivery tests and benches (Arabic-like words, stable ids). */
import type { Digest, Story } from '../domain.js';

const WORDS =
  'أعلنت الحكومة اليوم خطة جديدة لدعم المزارعين في المناطق الريفية بعد موسم جاف أثر على المحاصيل وقال الوزير إن البرنامج يبدأ الشهر المقبل ويشمل قروضا ميسرة ومعدات للري'.split(
    ' ',
  );

function sentence(seed: number, words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(WORDS[(seed * 7 + i * 13) % WORDS.length]!);
  return `${out.join(' ')}.`;
}

/** A synthetic digest; `long` makes it render into several messages in the full layout. */
export function benchDigest(now: Date, id: string, long = false): Digest {
  const stories: Story[] = Array.from({ length: 8 }, (_, i) => ({
    id: `story-${i}`,
    title: sentence(i, 8),
    points: Array.from({ length: 3 }, (_, p) => sentence(i * 3 + p, long ? 60 : 18)),
    sources: [{ name: `مصدر ${i}`, url: `https://news.example/${i}` }],
    articles: [
      { id: `a${i}`, source: `src${i}`, title: sentence(i, 6), url: `https://news.example/${i}` },
    ],
    score: 10 - i,
  }));
  return {
    id,
    window: { from: new Date(now.getTime() - 86_400_000).toISOString(), to: now.toISOString() },
    builtAt: now.toISOString(),
    language: 'ar',
    stories,
  };
}
