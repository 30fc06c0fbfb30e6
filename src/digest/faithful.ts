/**
 * The whole-word rule of key points: a point is a run of whole words of one article. The only
 * edits allowed are dropping words before the run (a leading connective, a dateline) and a
 * clitic "و"/"ف" on its first word when what remains is itself a word (see
 * {@link cliticWawRest}). Punctuation, quote marks and spacing do not count: only word tokens are
 * compared, exactly as written.
 */
import { cliticWawRest, tokenize } from '../arabic/index.js';

/**
 * The word positions of a text, by word, and by what a word leaves once an allowed clitic
 * "و"/"ف" is dropped ("وقال" is also found under "قال", "وافقت" under nothing).
 */
type WordIndex = { tokens: string[]; at: Map<string, number[]>; unglued: Map<string, number[]> };

function push(map: Map<string, number[]>, key: string, i: number): void {
  const list = map.get(key);
  if (list) list.push(i);
  else map.set(key, [i]);
}

function indexOf(text: string): WordIndex {
  const tokens = tokenize(text);
  const at = new Map<string, number[]>();
  const unglued = new Map<string, number[]>();
  tokens.forEach((t, i) => {
    push(at, t, i);
    // "ف" follows the rules of "و": "فقال", "فإن".
    if (t.startsWith('و') || t.startsWith('ف')) {
      const rest = cliticWawRest(`و${t.slice(1)}`);
      if (rest !== undefined) push(unglued, rest, i);
    }
  });
  return { tokens, at, unglued };
}

function runAt(index: WordIndex, words: readonly string[], start: number): boolean {
  if (start + words.length > index.tokens.length) return false;
  for (let k = 1; k < words.length; k++) if (index.tokens[start + k] !== words[k]) return false;
  return true;
}

function holdsRun(index: WordIndex, words: readonly string[]): boolean {
  if (words.length === 0) return true;
  const first = words[0]!;
  for (const i of index.at.get(first) ?? []) if (runAt(index, words, i)) return true;
  // The first word may have lost an allowed clitic "و"/"ف".
  for (const i of index.unglued.get(first) ?? []) if (runAt(index, words, i)) return true;
  return false;
}

/**
 * A checker bound to a set of article texts: true for a point that is a run of whole words of
 * one of them (see the module comment). Indexing the texts once makes checking many points cheap.
 *
 * @example
 * const faithful = createFaithfulnessCheck([article.text]);
 * faithful('قال الوزير إن الخطة جاهزة.'); // true when the article says "وقال الوزير إن الخطة جاهزة"
 */
export function createFaithfulnessCheck(texts: readonly string[]): (point: string) => boolean {
  const indexes = texts.map(indexOf);
  return (point) => {
    const words = tokenize(point);
    return indexes.some((ix) => holdsRun(ix, words));
  };
}

/**
 * True when `point` is a run of whole words of `articleText` or of one of several texts, up to
 * one allowed clitic on its first word.
 *
 * @example isFaithfulPoint('قال الوزير', 'وقال الوزير إن الخطة جاهزة.') // true
 * @example isFaithfulPoint('افقت الحكومة', 'وافقت الحكومة على الخطة.') // false
 */
export function isFaithfulPoint(point: string, articleText: string | readonly string[]): boolean {
  return createFaithfulnessCheck(typeof articleText === 'string' ? [articleText] : articleText)(
    point,
  );
}

/**
 * The points of a list that break the whole-word rule against the given texts, in order.
 * @example wholeWordViolations(story.points, articles.map((a) => a.text)) // []
 */
export function wholeWordViolations(
  points: readonly string[],
  texts: string | readonly string[],
): string[] {
  const check = createFaithfulnessCheck(typeof texts === 'string' ? [texts] : texts);
  return points.filter((p) => !check(p));
}
