/**
 * Key points of an article: its own sentences that carry it, picked by what works for news —
 * centrality over stemmed TF-IDF (LexRank), closeness to the whole text (centroid), position,
 * length and overlap with the title — with redundancy control (MMR) under a points and words
 * budget. Points are cleaned only in meaning-preserving ways (see {@link cleanPoint}).
 *
 * Lower-level pieces are exported for ranking sentences across several articles of a story:
 * {@link scoreSentences} scores the sentences of many documents with shared term weights and
 * {@link pickSentences} picks among them with the same budgets and redundancy control.
 */
import {
  cliticFaRest,
  cliticWawRest,
  countTokens,
  SAYING_VERBS,
  splitParagraph,
  splitParagraphs,
  stripDiacritics,
  terms,
  tokenize,
} from '../arabic/index.js';
import { isBoilerplate, stripDateline } from './boilerplate.js';

/** One document to draw sentences from. */
export interface KeyPointSource {
  text: string;
  title?: string;
}

/** A sparse unit vector: term ids in increasing order and their weights. */
export interface SparseVector {
  ids: Int32Array;
  weights: Float64Array;
}

/** A scored candidate sentence. */
export interface SentenceCandidate {
  /** Index of the document in the input list. */
  doc: number;
  /** Index of the sentence in its document. */
  index: number;
  /** The sentence as written (uncleaned). */
  text: string;
  /** Words in the sentence. */
  words: number;
  /** Salience, 0..1 (higher is better). */
  score: number;
  /** TF-IDF vector (unit length), for redundancy checks. */
  vector: SparseVector;
}

/** Weights of the salience features (they are mixed linearly). */
export interface SalienceWeights {
  /** LexRank centrality. */
  centrality: number;
  /** Cosine with the whole document. */
  centroid: number;
  /** Position prior: 1 for the first sentence, decaying. */
  position: number;
  /** Cosine with the title. */
  title: number;
  /** Relative position: 1 at the start of the document, 0 at its end. */
  relative: number;
  /** 1 for the first sentence of a paragraph. */
  paragraph: number;
  /** How widely the sentence's terms recur in other sentences (SumBasic-like), scaled to max 1. */
  frequency: number;
}

export interface ScoreOptions {
  /** @default DEFAULT_WEIGHTS */
  weights?: Partial<SalienceWeights>;
  /** How fast the position prior decays: prior = 1 / (1 + index)^decay. @default 1 */
  positionDecay?: number;
  /** Most sentences considered per document (the rest are ignored). @default 250 */
  maxSentences?: number;
  /** Sentences with fewer words are not candidates. @default 3 */
  minWords?: number;
  /** Leave out headings (short lines without final punctuation). @default true */
  skipHeadings?: boolean;
  /**
   * Leave out questions (see `QUESTION_RE`) from a document that has statements too. A
   * digest's point should tell; an extract measured against human summaries keeps them, as
   * their writers sometimes did.
   * @default false
   */
  skipQuestions?: boolean;
  /** Words below which a sentence's score is scaled down proportionally. @default 6 */
  shortWords?: number;
  /** LexRank's random jumps favour opening sentences (by the position prior). @default true */
  biasedCentrality?: boolean;
}

export interface PickOptions {
  /**
   * Most points.
   * @default 3
   */
  points?: number;
  /** Most words in total; at least one point is always returned. @default unlimited */
  words?: number;
  /**
   * MMR trade-off: 1 ignores redundancy, lower values penalise similarity to chosen points.
   * @default 0.95
   */
  lambda?: number;
  /** A candidate this similar (cosine) to a chosen one is never picked. @default 0.6 */
  maxSimilarity?: number;
  /**
   * Pick the best sentences until the total reaches the words budget, the last one crossing it,
   * as the Lead baseline of evaluations does (first sentences until the total reaches the
   * budget). A best sentence that would end mostly past the budget waits: the room left is first
   * filled with the best sentences that fit (a sentence is never cut). By default the total never
   * exceeds the budget, except for a first point that alone is longer.
   * @default false
   */
  overflow?: boolean;
  /** Bonus (in score units, 0..1) for a sentence next to one already picked. @default 0 */
  adjacency?: number;
  /**
   * A candidate is never picked when this share of the distinct terms of the shorter of it and a
   * chosen point appear in both (catches paraphrases that TF-IDF cosine misses, since the
   * article's recurring names weigh little there).
   * @default 0.7
   */
  maxOverlap?: number;
  /**
   * The {@link maxOverlap} block applies only when at least this share of the candidate's own
   * distinct terms are in the chosen point: a long sentence that contains a short chosen one but
   * is mostly new is not a paraphrase of it.
   * @default 0.3
   */
  minRepeatShare?: number;
}

export interface KeyPointOptions extends ScoreOptions {
  /** The article's title: sentences that share its terms score higher. */
  title?: string;
  /**
   * Most points.
   * @default 3
   */
  points?: number;
  /** Most words in total over all points; at least one point is always returned. */
  words?: number;
  /** @default 0.95 */
  lambda?: number;
  /** See {@link PickOptions.overflow}. @default false */
  overflow?: boolean;
  /** See {@link PickOptions.maxSimilarity}. @default 0.6 */
  maxSimilarity?: number;
  /** See {@link PickOptions.adjacency}. @default 0 */
  adjacency?: number;
  /** See {@link PickOptions.maxOverlap}. @default 0.7 */
  maxOverlap?: number;
  /** See {@link PickOptions.minRepeatShare}. @default 0.3 */
  minRepeatShare?: number;
  /**
   * Apply {@link cleanPoint} to the points; without it they are the sentences exactly as
   * written (whitespace trimmed).
   * @default true
   */
  clean?: boolean;
}

/** The mix that scored best on news summaries (see `khulasa eval`). */
export const DEFAULT_WEIGHTS: Readonly<SalienceWeights> = {
  centrality: 0.35,
  centroid: 0,
  position: 0.35,
  title: 0.15,
  relative: 0.45,
  paragraph: 0,
  frequency: 0,
};

/** Input beyond this many characters is not read: an article is never this long. */
const MAX_CHARS = 200_000;
/** Sentences shorter than this (in words) are headings or fragments, not points. */
const MIN_WORDS = 3;
/**
 * Sentences longer than this are split at clause commas; a clause still longer is kept whole (a
 * long sentence is text like any other, and the budget or the length factor decides on it).
 */
const MAX_WORDS = 120;
/** Pieces longer than this many characters are not sentences (runs of symbols, markup). */
const MAX_SENTENCE_CHARS = 2000;

/**
 * Words in a text: its word tokens (letter runs and numbers), as budgets count them.
 * @example countWords('قال الرئيس: «نعم».') // 3
 */
export function countWords(text: string): number {
  return countTokens(text);
}

function cosine(a: SparseVector, b: SparseVector): number {
  const ai = a.ids;
  const bi = b.ids;
  let i = 0;
  let j = 0;
  let dot = 0;
  while (i < ai.length && j < bi.length) {
    const x = ai[i]!;
    const y = bi[j]!;
    if (x === y) dot += a.weights[i++]! * b.weights[j++]!;
    else if (x < y) i++;
    else j++;
  }
  return dot;
}

/**
 * Distinct terms two vectors share, as a share of the shorter one's and of the first one's.
 */
function overlap(a: SparseVector, b: SparseVector): { shorter: number; first: number } {
  const small = Math.min(a.ids.length, b.ids.length);
  if (small === 0) return { shorter: 0, first: 0 };
  let i = 0;
  let j = 0;
  let shared = 0;
  while (i < a.ids.length && j < b.ids.length) {
    const x = a.ids[i]!;
    const y = b.ids[j]!;
    if (x === y) {
      shared++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return { shorter: shared / small, first: shared / a.ids.length };
}

/**
 * Splits an over-long sentence at clause punctuation into pieces of at most MAX_WORDS where the
 * punctuation allows; a clause longer than that stays one piece.
 */
function clauses(sentence: string): string[] {
  const parts = sentence.split(/(?<=[،,؛;:])\s+/u);
  const out: string[] = [];
  let cur = '';
  for (const p of parts) {
    const next = cur ? `${cur} ${p}` : p;
    if (cur && countWords(next) > MAX_WORDS) {
      out.push(cur);
      cur = p;
    } else cur = next;
  }
  if (cur) out.push(cur);
  return out;
}

/** A sentence of a document with its terms, before weighting. */
interface RawSentence {
  doc: number;
  index: number;
  text: string;
  words: number;
  terms: string[];
  /** A heading (short, no final punctuation): not a candidate. */
  heading: boolean;
  /** First sentence of its paragraph. */
  opens: boolean;
  /** Points at a "here" or a "this" it never names (see `pointsBack`): not a candidate. */
  deictic: boolean;
  /** Asks rather than tells (see `QUESTION_RE`, `ScoreOptions.skipQuestions`). */
  question: boolean;
}

/**
 * A sentence that asks ("ما هي نقاط التباين بين الرياض وباريس؟", "هل يواصل النادي حلمه
 * الأوروبي؟"): an explainer's or a video's heading, which tells the reader nothing yet. A
 * question inside a quote ("…: "هل أنت جاد؟"") or reported ("تساءل الوزير…؟") is what someone
 * said, and stays.
 */
const QUESTION_RE = /[؟?]\s*$/u;
const REPORTED_RE = new RegExp(
  `^(?:و)?(?:${[...SAYING_VERBS, 'تساءل', 'تساءلت', 'سأل', 'سألت', 'أكد', 'أكدت'].join('|')})(?![\\p{L}])`,
  'u',
);

/** The sentence asks rather than tells (see `QUESTION_RE`). */
export function asks(sentence: string): boolean {
  return QUESTION_RE.test(sentence) && !REPORTED_RE.test(sentence);
}

/**
 * "Here" (هنا, وهنا) among a sentence's first four words: "إلى هنا لا يبدو الأمر غريبا" (so far
 * it seems nothing strange), "لا تتوقف القائمة هنا" (the list does not stop here), "الحضور هنا
 * لا يقتنعون" (those present here are not convinced). The place or the point in the text it
 * refers to is in what came before, which a reader of a key point does not have. "هناك" (there
 * is) is another word.
 */
const HERE_RE = /^(?:\S+\s+){0,3}[«"“(]?[وف]?هنا(?![\p{L}\p{M}])/u;

/**
 * "This comes after…" ("(و)يأتي ذلك بعد…", "تأتي هذه الخطوة في…", "يأتي هذا القرار على خلفية…"):
 * a sentence that places the one before it; on its own a reader does not know what "this" is.
 * The past "جاء ذلك في تغريدة…، حيث قال: «…»" (that came in a tweet, where he said…) stays: it
 * names who spoke and carries the quote, after the sentence it places (a story of several
 * outlets, whose points are not in article order, leaves it out: see `storyPoints`).
 */
const COMES_RE = /^[وف]?(?:يأتي|تأتي)\s+(?:ذلك|هذا|هذه)(?![\p{L}\p{M}])/u;

/**
 * "These questions" among a sentence's first four words: "يجيب عن هذه الأسئلة الباحث…" (the
 * researcher answers these questions) answers questions the reader was not shown.
 */
const THESE_QUESTIONS_RE =
  /^(?:\S+\s+){0,3}(?:هذه\s+(?:الأسئلة|التساؤلات)|هذا\s+السؤال)(?![\p{L}\p{M}])/u;

/**
 * A sentence whose subject is the sentence before it: "(و)ذلك في إطار…", "ذلك غداة…", "ذلك
 * بعد أن…" (that came as part of…, the day after…, after…). On its own a reader does not know
 * what "that" is. "ذلك الرجل" (that man) names its own.
 */
const THAT_RE =
  /^و?ذلك\s+(?:في|غداة|بعد|بعدما|قبل|عقب|إثر|اثر|وسط|مع|رغم|بسبب|بهدف|خلال|حين|عندما|لأن|أن|إن|على|ضمن|تزامنا)\s/u;

/**
 * A sentence that opens on the participle of a verb of saying ("مضيفا أن…", adding that…;
 * "مشيرا إلى أن…", pointing out that…) or on "بما" ("بما يفتح الباب…", in a way that opens…):
 * the tail of a sentence an outlet cut with a full stop, with no verb and no subject of its own.
 * "بما أن…" (since…) opens a sentence of its own.
 */
const PARTICIPLE_RE =
  /^(?:(?:مضيف|مشير|مؤكد|لافت|موضح|معتبر|منوه|مشدد)(?:ا|ة|ين)?|[وف]?بما(?!\s+[أا]ن))\s/u;

/**
 * A short sentence that only says whose word the one before it was, or what it added: "حسب ما
 * أفادت الشرطة الصومالية." (according to the Somali police), "وفقا لوكالة السودان للأنباء
 * (سونا).", "بالإضافة إلى مواضيع إقليمية ومحلية أخرى." — an outlet's full stop cut them from
 * their sentence. Longer ones open a sentence of their own ("وبحسب الدعوى فإن…").
 */
const ATTRIBUTION_TAIL_RE =
  /^[وف]?(?:وفقا|وفق|حسب|بحسب|نقلا\s+عن|طبقا|استنادا|بالإضافة|بالاضافة|إضافة|اضافة)(?![\p{L}\p{M}])/u;
/** At most this many words make an attribution a tail (see `ATTRIBUTION_TAIL_RE`). */
const ATTRIBUTION_TAIL_WORDS = 7;

/**
 * "Besides", "in addition to": followed by "that", see `BESIDES_THAT_RE`; with a comma after,
 * `LEADING_CONNECTIVES`.
 */
const BESIDES = [
  'إلى جانب',
  'فضلا عن',
  'فضلاً عن',
  'علاوة على',
  'إضافة إلى',
  'بالإضافة إلى',
  'بالاضافة إلى',
];

/**
 * "Besides that" with no comma after it ("إلى جانب هذا تدور شبهات…", "بالإضافة إلى ذلك قررت…"):
 * what it adds to is in the sentence before. With its comma it is a connective that cleaning
 * drops (see `LEADING_CONNECTIVES`), and what follows stands on its own.
 */
const BESIDES_THAT_RE = new RegExp(
  `^[وف]?(?:${BESIDES.map((b) => b.replace(/ /g, '\\s+')).join('|')})\\s+(?:هذا|ذلك)(?![\\p{L}\\p{M}])(?!\\s*[،,])`,
  'u',
);

/**
 * The sentence points at something only the sentences before it name (see `HERE_RE`,
 * `COMES_RE`, `THESE_QUESTIONS_RE`, `THAT_RE`, `PARTICIPLE_RE`, `ATTRIBUTION_TAIL_RE`,
 * `BESIDES_THAT_RE`).
 */
function pointsBack(sentence: string): boolean {
  const bare = stripDiacritics(sentence);
  return (
    HERE_RE.test(bare) ||
    COMES_RE.test(bare) ||
    THESE_QUESTIONS_RE.test(bare) ||
    THAT_RE.test(bare) ||
    PARTICIPLE_RE.test(bare) ||
    BESIDES_THAT_RE.test(bare) ||
    (ATTRIBUTION_TAIL_RE.test(bare) && countWords(bare) <= ATTRIBUTION_TAIL_WORDS)
  );
}

const FINAL_PUNCT_RE = /[.!?؟…۔"»”')]\s*$/u;

function sentencesOf(doc: number, text: string, maxSentences: number): RawSentence[] {
  const src = text.length > MAX_CHARS ? text.slice(0, MAX_CHARS) : text;
  const out: RawSentence[] = [];
  for (const paragraph of splitParagraphs(src)) {
    if (out.length >= maxSentences) break;
    // A "read more" or "watch" line is dropped whole, with the headline it points to.
    if (isBoilerplate(paragraph)) continue;
    let opens = true;
    for (const s of splitParagraph(paragraph)) {
      if (out.length >= maxSentences) break;
      const counts = { tokens: 0 };
      const sentenceTerms = terms(s, counts);
      const pieces = counts.tokens > MAX_WORDS ? clauses(s) : [s];
      for (const piece of pieces) {
        if (piece.length > MAX_SENTENCE_CHARS || isBoilerplate(piece)) continue;
        const p = stripDateline(piece);
        const w = p === s ? counts.tokens : countWords(p);
        out.push({
          doc,
          index: out.length,
          text: p,
          words: w,
          terms: p === s ? sentenceTerms : terms(p),
          heading: w < 12 && !FINAL_PUNCT_RE.test(p),
          opens,
          deictic: pointsBack(p),
          question: asks(p),
        });
        opens = false;
      }
    }
  }
  return out;
}

/** Term ids of sentences over a shared vocabulary, and how many sentences hold each term. */
interface Vocabulary {
  ids: Map<string, number>;
  df: Int32Array;
  sentenceIds: Int32Array[];
}

function vocabulary(sentences: readonly RawSentence[]): Vocabulary {
  const ids = new Map<string, number>();
  const sentenceIds: Int32Array[] = [];
  let dfList: number[] = [];
  const lastSeen: number[] = [];
  for (let s = 0; s < sentences.length; s++) {
    const ts = sentences[s]!.terms;
    const row = new Int32Array(ts.length);
    for (let k = 0; k < ts.length; k++) {
      let id = ids.get(ts[k]!);
      if (id === undefined) {
        id = ids.size;
        ids.set(ts[k]!, id);
        dfList.push(0);
        lastSeen.push(-1);
      }
      row[k] = id;
      if (lastSeen[id] !== s) {
        lastSeen[id] = s;
        dfList[id]!++;
      }
    }
    sentenceIds.push(row.sort());
  }
  const df = Int32Array.from(dfList);
  dfList = [];
  return { ids, df, sentenceIds };
}

/** A TF-IDF unit vector from sorted term ids (sublinear tf; IDF counts sentences). */
function tfidf(sorted: Int32Array, idf: Float64Array): SparseVector {
  let distinct = 0;
  for (let k = 0; k < sorted.length; k++) if (k === 0 || sorted[k] !== sorted[k - 1]) distinct++;
  const ids = new Int32Array(distinct);
  const weights = new Float64Array(distinct);
  let norm = 0;
  let j = 0;
  for (let k = 0; k < sorted.length;) {
    const id = sorted[k]!;
    let run = 1;
    while (k + run < sorted.length && sorted[k + run] === id) run++;
    const w = (1 + Math.log(run)) * idf[id]!;
    ids[j] = id;
    weights[j++] = w;
    norm += w * w;
    k += run;
  }
  if (norm > 0) {
    norm = Math.sqrt(norm);
    for (let k = 0; k < distinct; k++) weights[k]! /= norm;
  }
  return { ids, weights };
}

function termIdsOf(ts: readonly string[], ids: Map<string, number>): Int32Array {
  const out: number[] = [];
  for (const t of ts) {
    const id = ids.get(t);
    if (id !== undefined) out.push(id);
  }
  return Int32Array.from(out).sort();
}

/** LexRank with continuous (cosine) edges: the stationary distribution, scaled to max 1. */
function lexRank(vectors: readonly SparseVector[], teleport?: Float64Array): Float64Array {
  const n = vectors.length;
  const out = new Float64Array(n);
  if (n === 0) return out;
  // Row-stochastic transitions from cosine similarities (the graph is undirected).
  const sim = new Float64Array(n * n);
  const rowSum = new Float64Array(n);
  // Dot products through a dense scratch row: scatter sentence i, gather each later j.
  let vocab = 0;
  for (const v of vectors)
    for (let k = 0; k < v.ids.length; k++) vocab = Math.max(vocab, v.ids[k]! + 1);
  const dense = new Float64Array(vocab);
  for (let i = 0; i < n; i++) {
    const vi = vectors[i]!;
    for (let k = 0; k < vi.ids.length; k++) dense[vi.ids[k]!] = vi.weights[k]!;
    for (let j = i + 1; j < n; j++) {
      const vj = vectors[j]!;
      let c = 0;
      for (let k = 0; k < vj.ids.length; k++) c += vj.weights[k]! * dense[vj.ids[k]!]!;
      if (c === 0) continue;
      sim[i * n + j] = c;
      sim[j * n + i] = c;
      rowSum[i]! += c;
      rowSum[j]! += c;
    }
    for (let k = 0; k < vi.ids.length; k++) dense[vi.ids[k]!] = 0;
  }
  let total = 0;
  for (let i = 0; i < n; i++) total += rowSum[i]!;
  const d = 0.85;
  // Start from the degree distribution (the undamped answer): a few damped iterations from
  // there rank as well as full convergence on dev data, at a fraction of the cost.
  let p = new Float64Array(n);
  for (let i = 0; i < n; i++) p[i] = total > 0 ? rowSum[i]! / total : 1 / n;
  let q = new Float64Array(n);
  for (let iter = 0; iter < 4; iter++) {
    let dangling = 0;
    for (let j = 0; j < n; j++) q[j] = 0;
    for (let i = 0; i < n; i++) {
      const s = rowSum[i]!;
      if (s === 0) {
        dangling += p[i]!;
        continue;
      }
      const share = (d * p[i]!) / s;
      const row = i * n;
      for (let j = 0; j < n; j++) q[j]! += share * sim[row + j]!;
    }
    let delta = 0;
    for (let j = 0; j < n; j++) {
      const jump = teleport ? teleport[j]! : 1 / n;
      q[j]! += (1 - d + d * dangling) * jump;
      delta += Math.abs(q[j]! - p[j]!);
    }
    const t = p;
    p = q;
    q = t;
    if (delta < 1e-3) break;
  }
  let max = 0;
  for (let i = 0; i < n; i++) max = Math.max(max, p[i]!);
  for (let i = 0; i < n; i++) out[i] = max > 0 ? p[i]! / max : 0;
  return out;
}

/** Cosine of a sparse unit vector with a dense vector of norm `norm`. */
function cosineDense(v: SparseVector, dense: Float64Array, norm: number): number {
  if (norm === 0) return 0;
  let dot = 0;
  for (let k = 0; k < v.ids.length; k++) dot += v.weights[k]! * dense[v.ids[k]!]!;
  return dot / norm;
}

/**
 * Scores the sentences of one or more documents with shared term weights. Salience mixes
 * LexRank centrality (over all documents' sentences, so what several outlets say scores higher),
 * cosine with the document's centroid, a position prior within the document and cosine with
 * its title, scaled by a length factor that discounts fragments. Headings are left out.
 *
 * @example
 * const c = scoreSentences([{ text: a.text, title: a.title }, { text: b.text }]);
 * pickSentences(c, { points: 4, words: 120 }).map((s) => cleanPoint(s.text));
 */
export function scoreSentences(
  docs: readonly KeyPointSource[],
  opts: ScoreOptions = {},
): SentenceCandidate[] {
  const weights = { ...DEFAULT_WEIGHTS, ...opts.weights };
  const decay = opts.positionDecay ?? 1;
  const maxSentences = opts.maxSentences ?? 250;
  const minWords = opts.minWords ?? MIN_WORDS;
  const skipHeadings = opts.skipHeadings ?? true;
  const skipQuestions = opts.skipQuestions ?? false;
  const shortWords = opts.shortWords ?? 6;
  const all: RawSentence[] = [];
  const titles: string[][] = [];
  for (let d = 0; d < docs.length; d++) {
    const sents = sentencesOf(d, docs[d]!.text, maxSentences);
    // A text made only of short unpunctuated lines (a list of headlines): use them as they are.
    if (sents.length > 1 && sents.every((s) => s.heading)) for (const s of sents) s.heading = false;
    all.push(...sents);
    let title = docs[d]!.title ? terms(docs[d]!.title!) : [];
    // Without a title, a heading line at the top serves as one.
    if (title.length === 0 && sents[0]?.heading) title = sents[0].terms;
    titles.push(title);
  }
  const vocab = vocabulary(all);
  const n = Math.max(1, all.length);
  const idf = new Float64Array(vocab.df.length);
  for (let t = 0; t < idf.length; t++) idf[t] = Math.log((n + 1) / (vocab.df[t]! + 0.5));
  const vectors = vocab.sentenceIds.map((ids) => tfidf(ids, idf));
  const titleVectors = titles.map((t) =>
    weights.title !== 0 && t.length > 0 ? tfidf(termIdsOf(t, vocab.ids), idf) : undefined,
  );
  // SumBasic-like: the mean share of sentences holding each of a sentence's distinct terms.
  const frequency = new Float64Array(all.length);
  let maxFrequency = 0;
  if (weights.frequency !== 0) {
    for (let i = 0; i < all.length; i++) {
      const v = vectors[i]!;
      let sum = 0;
      for (let k = 0; k < v.ids.length; k++) sum += vocab.df[v.ids[k]!]! - 1;
      frequency[i] = v.ids.length > 0 ? sum / v.ids.length / n : 0;
      maxFrequency = Math.max(maxFrequency, frequency[i]!);
    }
  }
  // Biased LexRank: random jumps favour each document's opening sentences, so sentences that
  // elaborate the lead rank above equally central asides.
  let teleport: Float64Array | undefined;
  if (opts.biasedCentrality ?? true) {
    teleport = new Float64Array(all.length);
    const seen = new Map<number, number>();
    let sum = 0;
    all.forEach((s, i) => {
      const k = seen.get(s.doc) ?? 0;
      seen.set(s.doc, k + 1);
      teleport![i] = 1 / Math.pow(1 + k, decay);
      sum += teleport![i]!;
    });
    for (let i = 0; i < all.length; i++) teleport[i]! /= sum;
  }
  const central =
    weights.centrality !== 0 ? lexRank(vectors, teleport) : new Float64Array(all.length);
  // Document centroids (dense over the vocabulary).
  const centroids: Float64Array[] = [];
  const centroidNorms: number[] = [];
  if (weights.centroid !== 0) {
    for (let d = 0; d < docs.length; d++) centroids.push(new Float64Array(idf.length));
    for (let i = 0; i < all.length; i++) {
      const v = vectors[i]!;
      const c = centroids[all[i]!.doc]!;
      for (let k = 0; k < v.ids.length; k++) c[v.ids[k]!]! += v.weights[k]!;
    }
    for (const c of centroids) {
      let s = 0;
      for (let t = 0; t < c.length; t++) s += c[t]! * c[t]!;
      centroidNorms.push(Math.sqrt(s));
    }
  }
  const out: SentenceCandidate[] = [];
  const rank = new Map<number, number>();
  const usable = (s: RawSentence): boolean =>
    !((skipHeadings && s.heading) || s.words < minWords || s.deictic);
  // With skipQuestions, a question is a candidate only in a document that has nothing else.
  const tells = new Set<number>();
  if (skipQuestions) for (const s of all) if (usable(s) && !s.question) tells.add(s.doc);
  const isCandidate = (s: RawSentence): boolean =>
    usable(s) && !(skipQuestions && s.question && tells.has(s.doc));
  const perDoc = new Map<number, number>();
  for (const s of all) if (isCandidate(s)) perDoc.set(s.doc, (perDoc.get(s.doc) ?? 0) + 1);
  for (let i = 0; i < all.length; i++) {
    const s = all[i]!;
    if (!isCandidate(s)) continue;
    // Position among the document's candidate sentences (headings do not count).
    const pos = rank.get(s.doc) ?? 0;
    rank.set(s.doc, pos + 1);
    const v = vectors[i]!;
    const title = titleVectors[s.doc]!;
    const salience =
      weights.centrality * central[i]! +
      (weights.centroid !== 0
        ? weights.centroid * cosineDense(v, centroids[s.doc]!, centroidNorms[s.doc]!)
        : 0) +
      weights.position * (1 / Math.pow(1 + pos, decay)) +
      weights.relative * (1 - pos / perDoc.get(s.doc)!) +
      weights.paragraph * (s.opens ? 1 : 0) +
      weights.frequency * (maxFrequency > 0 ? frequency[i]! / maxFrequency : 0) +
      (title ? weights.title * cosine(v, title) : 0);
    const lengthFactor =
      Math.min(1, s.words / shortWords) * (s.words > 60 ? 60 / s.words : 1) ** 0.3;
    out.push({
      doc: s.doc,
      index: s.index,
      text: s.text,
      words: s.words,
      score: salience * lengthFactor,
      vector: v,
    });
  }
  return out;
}

/**
 * Picks sentences by maximal marginal relevance under the budgets: each step takes the candidate
 * with the best `lambda·score − (1−lambda)·(similarity to the chosen ones)` that still fits the
 * word budget. At least one sentence is returned when there is any candidate. The result is in
 * pick order (best first).
 * @example pickSentences(scoreSentences([{ text }]), { points: 3, words: 80 })
 */
export function pickSentences(
  candidates: readonly SentenceCandidate[],
  opts: PickOptions = {},
): SentenceCandidate[] {
  const points = opts.points ?? 3;
  const budget = opts.words ?? Infinity;
  const lambda = opts.lambda ?? 0.95;
  const maxSim = opts.maxSimilarity ?? 0.6;
  const overflow = opts.overflow ?? false;
  const adjacency = opts.adjacency ?? 0;
  const maxOverlap = opts.maxOverlap ?? 0.7;
  const minRepeat = opts.minRepeatShare ?? 0.3;
  const chosen: SentenceCandidate[] = [];
  if (candidates.length === 0 || points < 1) return chosen;
  let maxScore = 0;
  for (const c of candidates) maxScore = Math.max(maxScore, c.score);
  if (maxScore <= 0) maxScore = 1;
  const redundancy = new Float64Array(candidates.length);
  const blocked = new Uint8Array(candidates.length);
  const used = new Uint8Array(candidates.length);
  let words = 0;
  const bestOf = (fitting: boolean): number => {
    let best = -1;
    let bestValue = -Infinity;
    for (let i = 0; i < candidates.length; i++) {
      if (used[i]) continue;
      const c = candidates[i]!;
      if (chosen.length > 0 && (redundancy[i]! >= maxSim || blocked[i])) continue;
      if (fitting && words + c.words > budget) continue;
      const near =
        adjacency > 0 && chosen.some((p) => p.doc === c.doc && Math.abs(p.index - c.index) === 1);
      const value =
        lambda * (c.score / maxScore + (near ? adjacency : 0)) - (1 - lambda) * redundancy[i]!;
      if (value > bestValue) {
        bestValue = value;
        best = i;
      }
    }
    return best;
  };
  while (chosen.length < points && words < budget) {
    // Without `overflow`, sentences that fit; when none does, the first point regardless (there
    // is always one). With `overflow`, the best sentence until the total reaches the budget.
    let best = bestOf(!overflow);
    if (overflow && best !== -1) {
      // A best sentence mostly past the budget would leave the total farther from it than
      // stopping short: the room left goes first to the best sentences that fit, and it is tried
      // again once none does. One at least half within the budget ends the selection at once.
      const room = budget - words;
      if (candidates[best]!.words - room > room) {
        const fitting = bestOf(true);
        if (fitting !== -1) best = fitting;
      }
    }
    if (best === -1 && chosen.length === 0) best = bestOf(false);
    if (best === -1) break;
    const pick = candidates[best]!;
    used[best] = 1;
    chosen.push(pick);
    words += pick.words;
    for (let i = 0; i < candidates.length; i++) {
      if (!used[i]) {
        const v = candidates[i]!.vector;
        redundancy[i] = Math.max(redundancy[i]!, cosine(v, pick.vector));
        const o = overlap(v, pick.vector);
        if (o.shorter >= maxOverlap && o.first >= minRepeat) blocked[i] = 1;
      }
    }
  }
  return chosen;
}

/** Connectives that open a sentence without adding to its meaning, each followed by a comma. */
const LEADING_CONNECTIVES = [
  'في سياق متصل',
  'في سياق آخر',
  'في سياق منفصل',
  'في هذا السياق',
  'في السياق ذاته',
  'في السياق نفسه',
  'في غضون ذلك',
  'في الأثناء',
  'في الوقت نفسه',
  'في الوقت ذاته',
  'في هذه الأثناء',
  'في المقابل',
  'في هذا الصدد',
  'من جهة أخرى',
  'من جهة ثانية',
  'من ناحية أخرى',
  'من جهته',
  'من جهتها',
  'من جانبه',
  'من جانبها',
  'من جهتهم',
  'من جانبهم',
  'على صعيد آخر',
  'على صعيد متصل',
  'إلى ذلك',
  'الى ذلك',
  ...BESIDES.map((b) => `${b} ذلك`),
  'إلى جانب هذا',
  'بدوره',
  'بدورها',
  'بدورهم',
  'كذلك',
  'أيضاً',
  'أيضا',
  'يذكر أن',
];
const CONNECTIVE_RE = new RegExp(
  `^(?:و\\s?)?(?:${LEADING_CONNECTIVES.map((c) => c.replace(/ /g, '\\s+')).join('|')})\\s*[،,]\\s*`,
  'u',
);
/** "فقد " (so… has, or: lost) opening a sentence: see {@link soIndeed}. */
const SO_INDEED = 'فقد ';
/**
 * After "فقد ", the start of a clause that "ف" + "قد" opens (so… has: "فقد أعلن الجيش…" →
 * "قد أعلن الجيش…"), not the object or subject of the verb "فقد" (lost): a noun with the
 * article ("فقد الجيش السيطرة"), a figure or a quantity ("فقد 20 شخصا حياتهم", "فقد أكثر من
 * مئة…") or a noun with a pronoun ("فقد حياته", "فقد منزلها"). Every sentence of the archive
 * and EASC that opens "فقد " is the first kind (77 of 77).
 */
function soIndeed(rest: string): boolean {
  const next = FIRST_WORD_RE.exec(rest)?.[0] ?? '';
  return (
    next.length >= 2 &&
    !/^(?:ال|[إأا]ل)/u.test(next) &&
    !/(?:ه|ها|هم|هما|هن)$/u.test(next) &&
    !QUANTITIES.has(next)
  );
}
/** Words of quantity that open a subject ("فقد نحو 300 شخص وظائفهم", about 300 lost…). */
const QUANTITIES = new Set(
  'أكثر اكثر أقل اقل نحو حوالي حوالى قرابة زهاء ما عشرات مئات آلاف الاف ملايين كل جميع معظم بعض عدد'.split(
    ' ',
  ),
);
/** "قد " (has… / may…) opening a sentence, after its "و" or "ف" went. */
const HAS = 'قد ';
/**
 * A verb that can only be in the past: its first letter is none of the present tense's
 * prefixes (ي ت ن أ). "قد قتل…", "قد كان…", "قد اجتمع…" say what "قتل…" says (has killed:
 * killed); "قد يكون", "قد تكون", "قد لا…" (may be, may not) keep their "قد", and so, to be
 * safe, do "قد تم", "قد أعلن", "قد نشرت".
 */
const PAST_ONLY_RE = /^(?!(?:لا|لن|لم)\s)(?![يتنأإآ])[\u0621-\u064A](?!\S*\s*$)/u;
/** "هذا " before a clitic "و": a filler that opens a sentence ("هذا وكان النائب العام…"). */
const FILLER_THIS = 'هذا ';
/**
 * Openers that stand for someone or something of the sentence before, without a comma after
 * them: "من جهته علق…" (for his part, … commented), "لكن…", "إلا أن…", "غير أنه…" (but,
 * however), "حيث…", "إذ…" (where, as), "لذا…" (so), "بذلك…" (thereby), "ثم…" (then): a
 * point is read on its own, where "but" contrasts with nothing and "so" follows nothing. What
 * follows is a clause of its own ("غير أنه قرر سحبها" → "قرر سحبها", "حيث قتل 49 راكبا" →
 * "قتل 49 راكبا").
 */
const BARE_OPENER_RE =
  /^(?:و\s?)?(?:من\s+(?:جهت|جانب)(?:ه|ها|هم)|بدور(?:ه|ها|هم)|لكن(?:ه|ها|هم)?|(?:إلا|الا|غير)\s+[أا]ن(?:ه|ها|هم)?|(?:حيث|إذ|اذ)(?:\s+[إأا]ن(?:ه|ها|هم)?)?|لذا|لذلك|بذلك|ثم)(?:\s*[،,])?\s+(?=[\p{L}"«“])/u;

/**
 * "كما" (also) before the verb of a sentence ("كما تم توقيع…", "كما دعا البيان…", "كما أن…"):
 * the "also" of a sentence that followed another; the point says the same without it. Not the
 * "as" of "كما هو الحال", "كما في", "كما لو", "كما يلي", "كما سبق", nor before a noun with the
 * article ("كما العادة").
 */
const ALSO_RE =
  /^(?:و\s?)?كما\s+(?:[إأا]ن(?:ه|ها|هم)?\s+)?(?!(?:هو|هي|هم|هما|هن|في|لو|يلي|سبق|تقدم|ذكرنا|أشرنا|اشرنا|قلنا|أسلفنا|نعلم|تعلمون|يعلم|يقال|ال\p{L}+)(?![\p{L}]))(?=[\p{L}"«“])/u;
/** An opener that ends on "أن"/"إن" or "لكن" with no pronoun: its noun is in the accusative. */
const ACCUSATIVE_OPENER_RE = /(?:[أإا]ن|لكن)(?:\s*[،,])?\s*$/u;
/** Words that end in "ا" and are no accusative: demonstratives, particles, names. */
const NOT_ACCUSATIVE = new Set(
  'هذا ما لا إذا اذا كما هنا أمريكا أميركا امريكا اميركا فرنسا كندا أوروبا اوروبا كوبا'.split(' '),
);
/**
 * After "لكنّ", "إلا أنّ", "غير أنّ" (but, however), an indefinite noun carries the accusative
 * "ا" ("غير أن مسؤولا تركيا قال…"): without the opener it would read "مسؤولا تركيا قال…", a
 * subject in the wrong case. Then the opener stays. Names ending in "يا" (روسيا, سوريا) and
 * words with a pronoun ("معارضتها") are not that "ا".
 */
function accusativeAfter(opener: string, rest: string): boolean {
  if (!ACCUSATIVE_OPENER_RE.test(opener)) return false;
  const next = FIRST_WORD_RE.exec(rest)?.[0] ?? '';
  const bare = stripDiacritics(next);
  return (
    bare.length >= 3 &&
    bare.endsWith('ا') &&
    !/(?:يا|ها|نا)$/u.test(bare) &&
    !NOT_ACCUSATIVE.has(bare)
  );
}

/** "…، فإن…": the main clause after an "as …" clause. */
const AS_CLAUSE_RE = /[،,]\s*ف[إا]ن(?![\p{L}])/u;

const QUOTE_PAIRS: readonly [string, string][] = [
  ['«', '»'],
  ['“', '”'],
  ['(', ')'],
];

/** Removes quote marks that have no partner in the sentence. */
const ANY_QUOTE_RE = /["()\u00AB\u00BB\u201C\u201D]/;
/** A quote mark typed twice in a row (`""يجب`): one mark. */
const DOUBLED_QUOTE_RE = /(["\u00AB\u00BB\u201C\u201D])\1+/g;

export function dropUnbalancedQuotes(s: string): string {
  if (!ANY_QUOTE_RE.test(s)) return s;
  let out = s.replace(DOUBLED_QUOTE_RE, '$1');
  for (const [open, close] of QUOTE_PAIRS) {
    const opens = out.split(open).length - 1;
    const closes = out.split(close).length - 1;
    if (opens === closes) continue;
    // Remove unmatched marks with a stack walk.
    const keep: boolean[] = [];
    const stack: number[] = [];
    const chars = [...out];
    chars.forEach((c, i) => {
      keep[i] = true;
      if (c === open) stack.push(i);
      else if (c === close) {
        if (stack.length > 0) stack.pop();
        else keep[i] = false;
      }
    });
    for (const i of stack) keep[i] = false;
    out = chars.map((c, i) => (keep[i] ? c : ' ')).join('');
  }
  if ((out.split('"').length - 1) % 2 === 1) {
    // One stray ASCII quote: drop the one at an end, else the last one.
    if (out.startsWith('"')) out = out.slice(1);
    else if (out.endsWith('"')) out = out.slice(0, -1);
    else {
      const k = out.lastIndexOf('"');
      out = `${out.slice(0, k)} ${out.slice(k + 1)}`;
    }
  }
  return out;
}

const SPACES_RE = /\s+/gu;
/** A "#" glued to the start of a word (a hashtag in the article's markup). */
const HASHTAG_RE = /(^|\s)#(?=\p{L})/gu;
/** Underscores joining the words of a hashtag ("حركة_الشباب"). */
const HASHTAG_JOIN_RE = /(?<=[\p{L}\p{M}\p{N}])_+(?=[\p{L}\p{M}\p{N}])/gu;
/** The first word of a text, with its marks. */
const FIRST_WORD_RE = /^[\p{L}\p{M}\u0640]+/u;
const SPACE_BEFORE_PUNCT_RE = /\s+([.,،؛;:!?؟»”)])/gu;
/** An Arabic comma or semicolon glued to the next word ("ترامب،في بيان"): the outlet's typo. */
const GLUED_COMMA_RE = /(?<=[\p{L}\p{M}])([،؛])(?=\p{L})/gu;
const LEADING_JUNK_RE = /^[\s\-–—•*·،,؛;:.]+/u;
const TRAILING_JUNK = new Set([...' \t\n\r\u00A0،,؛;:-–—']);

/** Drops trailing spaces, commas, colons and dashes (a loop: `/[…]+$/` is quadratic on long runs). */
function trimTrailingJunk(s: string): string {
  let end = s.length;
  while (end > 0 && TRAILING_JUNK.has(s[end - 1]!)) end--;
  return end === s.length ? s : s.slice(0, end);
}

/**
 * Meaning-preserving cleanup of a sentence used as a key point: spaces collapsed, a wire
 * dateline ("(CNN)— ") and a leading connective ("في سياق متصل،", "من جهته،", "بدورها،")
 * dropped, a leading conjunction "و" dropped only when what remains is itself a word (see
 * {@link cliticWawRest}: "وقال" → "قال", "وافقت" kept), and so a leading "ف" ("ففي" → "في": see
 * {@link cliticFaRest}), quote marks without a partner removed,
 * hashtag signs and underscores dropped ("#حركة_الشباب" → "حركة الشباب"), an Arabic comma glued
 * to the next word spaced ("شي،السبت،" → "شي، السبت،"), dangling commas at either end removed.
 * Words are never changed or reordered.
 * @example cleanPoint('وفي سياق متصل، أعلنت الوزارة «خطة جديدة.') // 'أعلنت الوزارة خطة جديدة.'
 */
export function cleanPoint(sentence: string): string {
  let s = stripDateline(sentence.replace(SPACES_RE, ' ').trim());
  s = s.replace(LEADING_JUNK_RE, '');
  for (let k = 0; k < 2; k++) {
    const before = s;
    s = s.replace(CONNECTIVE_RE, '');
    const opener = BARE_OPENER_RE.exec(s);
    if (opener && !accusativeAfter(opener[0], s.slice(opener[0].length))) {
      s = s.slice(opener[0].length);
    }
    // "كما قال الوزير، فإن…" (as the minister said, …) is the "as" of a clause, kept.
    const also = ALSO_RE.exec(s);
    if (also && !AS_CLAUSE_RE.test(s) && !accusativeAfter(also[0], s.slice(also[0].length))) {
      s = s.slice(also[0].length);
    }
    // "هذا وكان…", "هذا وقد…": the newsroom's "and further", no "this" of its own, when the
    // "و" after it is the conjunction ("هذا وضع خطير", this is a grave situation, stays).
    if (s.startsWith(FILLER_THIS)) {
      const next = FIRST_WORD_RE.exec(s.slice(FILLER_THIS.length))?.[0] ?? '';
      if (next.length > 1 && cliticWawRest(next) !== undefined) s = s.slice(FILLER_THIS.length);
    }
    // "و" as its own word, or a clitic "و" or "ف" ("ففي…", "فرغم…": so, then) when what
    // remains is itself a word (else kept).
    if (s.startsWith('و ')) s = s.slice(2);
    else if (s.startsWith(SO_INDEED) && soIndeed(s.slice(SO_INDEED.length))) s = s.slice(1);
    else if (s.startsWith(HAS) && PAST_ONLY_RE.test(s.slice(HAS.length))) s = s.slice(HAS.length);
    else {
      const first = FIRST_WORD_RE.exec(s)?.[0] ?? '';
      // "و" glued to a quote mark or bracket is a word of its own: «و"الاتفاق…» drops it.
      const rest = first === 'و' ? '' : (cliticWawRest(first) ?? cliticFaRest(first));
      if (rest !== undefined) s = rest + s.slice(first.length);
    }
    if (s === before) break;
  }
  s = s.replace(HASHTAG_RE, '$1').replace(HASHTAG_JOIN_RE, ' ');
  s = dropUnbalancedQuotes(s)
    .replace(SPACES_RE, ' ')
    .replace(SPACE_BEFORE_PUNCT_RE, '$1')
    .replace(GLUED_COMMA_RE, '$1 ')
    .trim();
  s = trimTrailingJunk(s.replace(LEADING_JUNK_RE, ''));
  return s;
}

/**
 * Key points of one article: up to `points` of its own sentences (default 3), at most `words`
 * words in total (at least one point), cleaned with {@link cleanPoint}, in article order.
 * Returns [] when the text has no usable sentence.
 * @example extractKeyPoints(article.text, { title: article.title, points: 3 })
 */
export function extractKeyPoints(text: string, opts: KeyPointOptions = {}): string[] {
  const candidates = scoreSentences([{ text, title: opts.title }], opts);
  const picked = pickSentences(candidates, {
    points: opts.points ?? 3,
    words: opts.words,
    lambda: opts.lambda,
    overflow: opts.overflow,
    maxSimilarity: opts.maxSimilarity,
    adjacency: opts.adjacency,
    maxOverlap: opts.maxOverlap,
    minRepeatShare: opts.minRepeatShare,
  });
  return picked
    .sort((a, b) => a.index - b.index)
    .map((c) => (opts.clean === false ? c.text : cleanPoint(c.text)))
    .filter((p) => tokenize(p).length > 0);
}
