/**
 * A reader's topic filters on a digest: the stories that mention one of the topics, in the
 * reader's language or in the Arabic original, spelling variants and known names aside.
 */
import { normalize, tokenize } from '../arabic/index.js';
import type { Digest } from '../domain.js';
import { offlineToArabic } from './glossary.js';
import { wordKeys } from './search.js';

/**
 * What a topic filter looks for: the topic as typed, and for a topic in Latin letters the
 * Arabic of its names (the glossary's, or the name spelled in Arabic letters: "Sarkozy" is
 * ساركوزي in an Arabic digest; every one of those words must appear), all normalized.
 */
function topicNeedles(topic: string): string[][] {
  const alternatives = [[normalize(topic).trim()]];
  const arabic = /\p{Script=Latin}/u.test(topic) ? offlineToArabic(topic) : undefined;
  if (arabic) alternatives.push(arabic.split(' ').map((w) => normalize(w)));
  return alternatives.filter((words) => words.every((w) => w.length > 0));
}

/**
 * Keeps the stories whose title or points mention one of the topics, in the reader's language
 * or in the Arabic original (`original`, by story id): case, diacritics and Arabic spelling
 * variants aside, and "Gaza" or "Afghanistan" also match their Arabic names.
 *
 * @example
 * filterByTopics(digest, ['غزه']).stories // the stories that mention غزة (or غزّة)
 */
export function filterByTopics(digest: Digest, topics: string[], original?: Digest): Digest {
  const wanted = topics.flatMap(topicNeedles);
  if (wanted.length === 0) return digest;
  const arabic = new Map(original?.stories.map((s) => [s.id, s]) ?? []);
  const text = (s: { title: string; points: string[] }) =>
    normalize(`${s.title}\n${s.points.join('\n')}`);
  const stories = digest.stories.filter((s) => {
    const source = arabic.get(s.id);
    const hay = source && source !== s ? `${text(s)}\n${text(source)}` : text(s);
    // Words also meet by the search's match keys (stem, consonant skeleton): a name spelled in
    // Arabic letters from its English (زوكيربيرغ) meets the press's spelling (زوكربرغ).
    let keys: Set<string> | undefined;
    const found = (w: string): boolean => {
      if (hay.includes(w)) return true;
      keys ??= new Set(tokenize(hay).flatMap((t) => wordKeys(t)));
      return wordKeys(w).some((k) => keys!.has(k));
    };
    return wanted.some((words) => words.every(found));
  });
  return { ...digest, stories };
}
