/**
 * Seeded synthetic Arabic-like articles for benchmarks: pseudo-words built from Arabic letters,
 * a Zipf-like common vocabulary, and events with their own names, covered by one to a dozen
 * outlets. Not real text (and not copied from anything): only its statistics look like news.
 */
import type { Article } from '../domain.js';

/** mulberry32: a small seeded PRNG returning floats in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const LETTERS = [...'ابتثجحخدذرزسشصضطظعغفقكلمنهوي'];
const PREFIXES = ['', '', '', '', 'ال', 'ال', 'وال', 'و'];
const SUFFIXES = ['', '', '', '', '', 'ة', 'ات'];
const OUTLETS = ['العربية', 'بي بي سي', 'سي إن إن', 'فرانس 24', 'سكاي نيوز', 'الجزيرة', 'الشرق'];

export interface SyntheticOptions {
  /** @default 1 */
  seed?: number;
  /** The newest article's time; the others go back `spanHours`. */
  end?: Date;
  /** @default 72 */
  spanHours?: number;
}

/**
 * `n` synthetic articles; about half the events are covered once, the rest by 2–12 articles.
 *
 * @example
 * syntheticArticles(1000, { seed: 7 }).length; // 1000
 */
export function syntheticArticles(n: number, opts: SyntheticOptions = {}): Article[] {
  const rand = seededRandom(opts.seed ?? 1);
  const end = (opts.end ?? new Date(Date.UTC(2026, 0, 1))).getTime();
  const span = (opts.spanHours ?? 72) * 3_600_000;
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const word = (): string => {
    const len = 3 + Math.floor(rand() * 5);
    let w = '';
    for (let i = 0; i < len; i++) w += pick(LETTERS);
    return w;
  };
  const common = Array.from({ length: 4000 }, word);
  // Zipf-like: low indices far more often.
  const commonWord = (): string => common[Math.floor(Math.pow(rand(), 3) * common.length)]!;
  const inflect = (w: string): string => pick(PREFIXES) + w + pick(SUFFIXES);
  const sentence = (names: readonly string[], len: number): string => {
    const words: string[] = [];
    for (let i = 0; i < len; i++) {
      words.push(inflect(names.length && rand() < 0.25 ? pick(names) : commonWord()));
    }
    return words.join(' ');
  };

  const out: Article[] = [];
  let event = 0;
  while (out.length < n) {
    const size = rand() < 0.5 ? 1 : 2 + Math.floor(Math.pow(rand(), 2) * 11);
    const names = Array.from({ length: 6 + Math.floor(rand() * 6) }, word);
    const centre = end - rand() * span;
    for (let k = 0; k < size && out.length < n; k++) {
      const outlet = pick(OUTLETS);
      const t = Math.min(end, centre + (rand() - 0.5) * 6 * 3_600_000);
      const sentences = Array.from({ length: 8 + Math.floor(rand() * 8) }, () =>
        sentence(names, 12 + Math.floor(rand() * 14)),
      );
      const id = `syn-${event}-${k}`;
      out.push({
        id,
        url: `https://example.org/${id}`,
        sourceId: outlet,
        sourceName: outlet,
        title: sentence(names, 6 + Math.floor(rand() * 6)),
        text: sentences.join('. ') + '.',
        publishedAt: new Date(t).toISOString(),
        fetchedAt: new Date(t).toISOString(),
        language: 'ar',
      });
    }
    event++;
  }
  return out;
}
