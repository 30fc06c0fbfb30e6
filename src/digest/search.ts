/**
 * Topic search: stories ranked by where the query's words are — headline first, lead next, body
 * last, related-links and navigation lines never — with clitic-aware Arabic matching, and a
 * relevance floor under which the answer is "nothing". Pure: the caller passes the clock.
 */
import {
  TermIdList,
  TokenNumbers,
  isStopword,
  normalize,
  splitSentences,
  stem,
  tokenize,
} from '../arabic/index.js';
import type { Article, Story } from '../domain.js';
import { CLUSTER_FEATURES, IDF_PRIOR, clusterArticles, type Clusterer } from './cluster.js';
import { kthLargest } from './select.js';
import {
  createVocabulary,
  publishedMs,
  skeleton,
  termIdCounts,
  type TermIdCounts,
} from './features.js';
import { GLOSSARY_ARABIC_WORDS } from './glossary.js';
import {
  buildStory,
  byCentrality,
  headedByNews,
  isPressReview,
  isRedundant,
  pointKeys,
  reportsFirst,
  SAME_HEADLINE,
  storyIdFor,
} from './story.js';

/** How much one query word counts by where it stands in an article. */
export const ZONE_WEIGHTS = {
  title: 1,
  lead: 0.75,
  /** A body match; each further occurrence adds {@link ZONE_WEIGHTS.bodyRepeat}, twice at most. */
  body: 0.3,
  bodyRepeat: 0.05,
} as const;

/**
 * The least relevance (0–1, see {@link SearchIndex.search}) of a story's best article for the
 * story to be an answer: about every query word in the lead, or most of them in the headline.
 * Calibrated on two labelled news days (`khulasa eval --topics`).
 */
export const RELEVANCE_FLOOR = 0.6;

const Z_TITLE = 3;
const Z_LEAD = 2;
const Z_BODY = 1;

/** Lead: the first paragraph, widened to the second when the first is shorter than this. */
const LEAD_MIN_CHARS = 120;
/** The body is read this far: what matters to a question is said early. */
const BODY_MAX_CHARS = 1500;
/** A lead counts this many characters at most (the rest is body). */
const LEAD_MAX_CHARS = 400;
/**
 * …and this many sentences: a wire lead's third sentence is most often a round-up of other news
 * ("in the north, Turkish police deployed in Afrin"), not what the article is about.
 */
const LEAD_SENTENCES = 2;

/** Single-letter proclitics: a conjunction (و ف) then a preposition (ب ل ك). */
const CONJUNCTIONS = new Set(['و', 'ف']);
const PREPOSITIONS = new Set(['ب', 'ل', 'ك']);
/** A clitic is stripped only when at least this many letters remain. */
const MIN_BASE = 3;
const ARABIC_LETTER = /^[\u0621-\u064A]/;

/**
 * Lines that lead away from the article (normalized, start of line): "اقرأ أيضا", "للمزيد",
 * "شاهد أيضا", "روابط ذات صلة"… The short lines right after one are its list of links.
 */
const NAVIGATION_START =
  /^(?:[-–—•»«*>|:\s]*)(?:اقرا ايضا|اقرا المزيد|اقرا|للمزيد|المزيد|شاهد ايضا|شاهد المزيد|طالع ايضا|طالع|انظر ايضا|مواضيع ذات صله|مواضيع متعلقه|اخبار ذات صله|ذات صله|روابط|تابعونا|تابعوا|اشترك|read more|related|see also|lire aussi|a lire aussi|voir aussi)(?=$|[\s:.،,؛\-–—]|\p{P})/u;
/** A line of a link list: short, with no full stop. */
const LINK_LINE_MAX = 110;

/** A word's match keys (see {@link wordKeys}), and those of them that are loose. */
export interface WordKeys {
  keys: readonly string[];
  /**
   * The keys that meet more than the word's spellings, each three letters: a stem only a
   * second stemming pass gives (روح of روحاني, Rouhani; لبن of اللبنانية), and the skeleton of
   * a long stem whose consonants are three (تفر of التيفور, T4), which is an Arabic root. They
   * let an adjective meet its country (الإيرانية and إيران) and a plural its singular (صواريخ
   * and صاروخ), and they meet ordinary words as well (روحيا "spiritually", توفير "providing"),
   * so a match by one counts three quarters of its place ({@link LOOSE_MATCH}); such a long
   * stem is also matched as written, in full.
   */
  loose: ReadonlySet<string>;
  /**
   * A word that may be a name in -ون (بولتون, Bolton; تيلرسون) or -ان (بركان, a volcano;
   * طالبان): its full form's key and the key of the stem the stemmer leaves (بولت, برك), which a
   * plural shares with its singular (مهندسون, مهندس) but a name shares with another name (Usain
   * Bolt's بولت), and a three-letter stem with any word of its root (بركة, a pool or Ben
   * Barka). `ending` is the suffix; `root` says the stem left is three letters or fewer;
   * `adjective` is the key the word's relative adjectives give (الإيرانية of إيران, بركاني of
   * بركان). See `asName` in {@link createSearchIndex}.
   */
  name?: {
    full: string;
    stripped: string;
    ending: 'ون' | 'ان';
    root: boolean;
    adjective: string;
  };
}

/** A word's keys as the index reads it: with its normalized form, and its second reading. */
interface IndexedWord extends WordKeys {
  form: string;
  /**
   * A word that reads two ways, a preposition before a word or a word before a suffix
   * ("لولاية": ل + ولاية, "for a term", or لولا + ية, Lula's): the stem keys only the second
   * reading gives, and `rest`, the word after the preposition. An index decides by its own
   * articles which reading is right (see `segmented` in {@link createSearchIndex}); a query keeps
   * both.
   */
  whole?: { keys: readonly string[]; rest: string };
}

const keyMemo = new Map<string, IndexedWord>();
const KEY_MEMO_LIMIT = 200_000;

/** Shorter stems are ordinary words whose skeletons collide (بليد and بلاد). */
const SKELETON_MIN = 5;

/**
 * The key a stem is matched by: from 5 letters, its consonant skeleton (so ترامب meets ترمب and
 * كيماوي meets كيميائي). A two-letter skeleton is marked so that it only meets another long
 * stem's, never a two-letter word (سوريا is not سر).
 */
function stemKey(s: string): string {
  if (s.length < SKELETON_MIN) return s;
  const sk = skeleton(s);
  return sk.length >= 3 ? sk : `~${sk}`;
}

/**
 * The key a stem is matched by firmly (see {@link WordKeys.loose}): its {@link stemKey}, except
 * that three consonants are an Arabic root (التيفور, T4, and توفير, "providing", share تفر), so
 * a long stem whose skeleton is three letters is matched as written; the skeleton still meets a
 * spelling with other vowels, loosely.
 */
function firmKey(s: string): string {
  const key = stemKey(s);
  return key.length === 3 && key !== s && !key.startsWith('~') ? `=${s}` : key;
}

/**
 * The key of a stem in -ان as the base of a relative adjective (ايران of الإيرانية), marked: a
 * name in -ان asked by its full form meets its adjectives by it, and nothing else (a skeleton
 * would meet other words: طالبان's is طلبين's, "two requests", under the -ين rule).
 */
const adjectiveKey = (s: string): string => `*${s}`;

/**
 * The country a stem names without its final ا or يا (تركيا → ترك, فرنسا → فرنس), so that the
 * country meets its adjective (التركية, الفرنسي); undefined for a stem too short to be one.
 */
function countryBase(s: string): string | undefined {
  if (s.length < 5 || !s.endsWith('ا')) return undefined;
  return s.endsWith('يا') ? s.slice(0, -2) : s.slice(0, -1);
}

/**
 * The bases of the places the glossary names (سور of سوريا, ترك of تركيا). Such a base is often
 * an ordinary word too (سور "verses, wall", ترك "left"), so a place and its adjectives meet on a
 * marked key that the bare word never gives.
 */
const PLACE_BASES: ReadonlySet<string> = new Set(
  GLOSSARY_ARABIC_WORDS.map((w) => countryBase(normalize(w))).filter(
    (b): b is string => b !== undefined,
  ),
);
const placeKey = (base: string): string => `^${base}`;

/** The relative adjective's endings, normalized: السوري, السوريه, السوريين, السوريون. */
const ADJECTIVE_END = /(?:ي|يه|يين|يون|يات)$/u;

/**
 * The match keys of one raw word: its light10 stem, the stems left after a single-letter
 * proclitic or two (و ف, then ب ل ك) when 3+ letters remain, and a country name's base; each
 * as its consonant skeleton. Two words match when their keys meet, so "لكرة" matches "كرة",
 * "وبغداد" matches "بغداد" and "تركيا" matches "التركية"; a stopword has none.
 *
 * @example wordKeys('لكرة').includes(wordKeys('كرة')[0]) // true
 */
export function wordKeys(raw: string): readonly string[] {
  return keysOf(raw).keys;
}

/** {@link wordKeys} with the loose ones marked; memoized. */
function keysOf(raw: string): IndexedWord {
  const hit = keyMemo.get(raw);
  if (hit) return hit;
  const w = normalize(raw);
  const keys = new Set<string>();
  /** Stems only a second light10 pass gives, down to three letters (روحاني → روحان → روح). */
  const short = new Set<string>();
  /** Keys some other stem of the word gives as well. */
  const firm = new Set<string>();
  /** The place this word names (its base and stem): met through the marked key only. */
  const places = new Set<string>();
  const place = (base: string): void => {
    keys.add(placeKey(base));
    places.add(base);
  };
  let name: WordKeys['name'];
  /** The marked full-form keys of the word's forms that may be names (see `name`). */
  const fullKeys: string[] = [];
  /** Forms matched as written only (see the reading of "لل…" below). */
  const asWritten: string[] = [];
  if (w.length >= 2 && !isStopword(w)) {
    const stems = [stem(w)];
    if (ARABIC_LETTER.test(w)) {
      const forms = [w];
      let rest = w;
      if (CONJUNCTIONS.has(rest[0]!) && rest.length - 1 >= MIN_BASE) {
        rest = rest.slice(1);
        if (!isStopword(rest)) {
          stems.push(stem(rest));
          forms.push(rest);
        }
      }
      if (PREPOSITIONS.has(rest[0]!) && rest.length - 1 >= MIN_BASE) {
        const base = rest.slice(1);
        if (!isStopword(base)) {
          // "لل…" is ل and the article, nearly always ("للولايات", for the states). Read as ل
          // before a word in ل ("للبنان", for Lebanon) it is that word as written, not a stem
          // of it: the stem of "لولايات" is لولا, Lula.
          if (rest[0] === 'ل' && base[0] === 'ل') asWritten.push(base);
          else stems.push(stem(base));
          forms.push(base);
        }
      }
      for (const f of forms) {
        // A name in -ين loses it to the stemmer (كولفين → كولف; it gives a few, بوتين among
        // them, their -ن spelling); other outlets write it without the ي (كولفن): the word's -ن
        // spelling is a key too. A name seldom takes the article; a plural in -ين (الطرفين) often
        // does.
        if (f.length >= 5 && f.endsWith('ين') && stem(f).length <= 4 && !f.startsWith('ال'))
          stems.push(`${f.slice(0, -2)}ن`);
        // A name in -ون loses it as a plural does (بولتون → بولت), a word in -ان as a dual does
        // (بركان → برك): its full form is a key too, marked, and the query decides by the
        // articles which the word is (see `asName`).
        const ending = f.slice(-2);
        // The article before a word in -ان: "الإخوان" is a match for "إخوان" asked by its full
        // form (a plural in -ون with the article is a plural, and stays one).
        if (ending === 'ان' && f.startsWith('ال') && f.length >= 7) {
          const bare = f.slice(2);
          if (stem(bare) === bare.slice(0, -2)) fullKeys.push(`+${stemKey(bare)}`);
        }
        if (
          f.length >= 5 &&
          (ending === 'ون' || ending === 'ان') &&
          !f.startsWith('ال') &&
          stem(f) === f.slice(0, -2)
        ) {
          // Each form's: "لطهران" is a match for "طهران" asked by its full form.
          const full = `+${stemKey(f)}`;
          fullKeys.push(full);
          name ??= {
            full,
            stripped: stemKey(stem(f)),
            ending,
            root: f.length - 2 <= 3,
            adjective: adjectiveKey(f),
          };
        }
        const base = countryBase(f);
        if (base === undefined || !PLACE_BASES.has(base)) continue;
        place(base);
        // The name's own skeleton (ترك of تركيا) would meet the bare word as well.
        places.add(stem(f));
      }
      const adjective = ADJECTIVE_END.test(w);
      for (const s of [...stems]) {
        // light10 takes one suffix per pass: الإيرانية gives ايران where إيران gives اير.
        const again = stem(s);
        if (again !== s) {
          stems.push(again);
          if (again.length <= 3 && s.length >= 5) short.add(again);
        }
        const base = countryBase(s);
        if (base !== undefined) {
          if (PLACE_BASES.has(base)) place(base);
          else stems.push(base);
        }
        if (adjective) {
          if (PLACE_BASES.has(s)) keys.add(placeKey(s));
          if (PLACE_BASES.has(again)) keys.add(placeKey(again));
        }
      }
    }
    for (const s of stems) {
      if (s.length < 2 || places.has(s)) continue;
      const key = stemKey(s);
      keys.add(key);
      if (short.has(s)) continue;
      const own = firmKey(s);
      if (own !== key) keys.add(own);
      firm.add(own);
      // A relative adjective's base in -ان (ايران of الإيرانية, طالبان of الطالبانية): the name
      // asked by its full form meets it (see `asName`).
      if (s.length >= 5 && s.endsWith('ان')) {
        keys.add(adjectiveKey(s));
        firm.add(adjectiveKey(s));
      }
    }
  }
  // After the stems' keys: a word's first key is its own stem's.
  for (const k of asWritten.map(firmKey)) {
    keys.add(k);
    firm.add(k);
  }
  for (const k of fullKeys) {
    keys.add(k);
    firm.add(k);
  }
  const loose = new Set([...keys].filter((k) => !firm.has(k) && !k.startsWith('^')));
  const whole = twoReadings(w, keys);
  const out: IndexedWord = {
    form: w,
    // Loose keys last: a word's first key is its own.
    keys: [...[...keys].filter((k) => !loose.has(k)), ...loose],
    loose: loose.size > 0 ? loose : NO_KEYS,
    ...(name ? { name } : {}),
    ...(whole ? { whole } : {}),
  };
  if (keyMemo.size >= KEY_MEMO_LIMIT) keyMemo.clear();
  keyMemo.set(raw, out);
  return out;
}

const NO_KEYS: ReadonlySet<string> = new Set();

/**
 * Prepositions whose words may read two ways (see {@link IndexedWord.whole}). Not ك: "like" is
 * rare before a word, and never before a verb, while names and adjectives in ك are common
 * ("كيري" is Kerry, not ك + يرى; "كاملة", "كبيرة").
 */
const SPLIT_PREPOSITIONS = new Set(['ب', 'ل']);

/**
 * The second reading of a word in ب or ل that the stemmer cuts a suffix from (see
 * {@link IndexedWord.whole}): the stem keys that the word after the preposition does not give,
 * or undefined when the word has one reading.
 */
function twoReadings(w: string, keys: ReadonlySet<string>): IndexedWord['whole'] {
  if (!SPLIT_PREPOSITIONS.has(w[0]!) || w.length - 1 < MIN_BASE || stem(w) === w) return undefined;
  const rest = w.slice(1);
  if (isStopword(rest)) return undefined;
  const restKeys = keysOf(rest).keys;
  // A name's marked keys (+ * ^) stay: a name is asked by them, and a name's reading is rare.
  const own = [...keys].filter((k) => !restKeys.includes(k) && !/^[+*^]/.test(k));
  return own.length > 0 && restKeys.some((k) => keys.has(k)) ? { keys: own, rest } : undefined;
}

/** The paragraphs of an article's text that belong to it: navigation and link lists dropped. */
export function contentParagraphs(text: string): string[] {
  const out: string[] = [];
  let inLinks = false;
  for (const line of text.split('\n')) {
    const p = line.trim();
    if (!p) continue;
    const n = normalize(p).toLowerCase();
    if (NAVIGATION_START.test(n)) {
      inLinks = true;
      continue;
    }
    if (inLinks && p.length <= LINK_LINE_MAX && !/[.!؟?]["»”']?$/u.test(p)) continue;
    inLinks = false;
    out.push(p);
  }
  return out;
}

/** The title, lead and body of an article, as the ranking sees them. */
export function articleZones(a: Pick<Article, 'title' | 'text'>): {
  title: string;
  lead: string;
  body: string;
} {
  const paragraphs = contentParagraphs(a.text);
  let lead = '';
  let i = 0;
  while (i < paragraphs.length && lead.length < LEAD_MIN_CHARS) {
    lead = lead ? `${lead}\n${paragraphs[i]!}` : paragraphs[i]!;
    i++;
  }
  let body = paragraphs.slice(i).join('\n');
  const sentences = splitSentences(lead);
  const third = sentences.length > LEAD_SENTENCES ? lead.indexOf(sentences[LEAD_SENTENCES]!) : -1;
  if (third > 0) {
    body = `${lead.slice(third)}\n${body}`;
    lead = lead.slice(0, third).trimEnd();
  }
  if (lead.length > LEAD_MAX_CHARS) {
    const cut = lead.lastIndexOf(' ', LEAD_MAX_CHARS);
    const at = cut > 0 ? cut : LEAD_MAX_CHARS;
    body = `${lead.slice(at)}\n${body}`;
    lead = lead.slice(0, at);
  }
  // A press review's lead lists the day's subjects: it is about none of them.
  if (isPressReview(a.text)) return { title: a.title, lead: '', body: `${lead}\n${body}` };
  return { title: a.title, lead, body };
}

/** The word الله (God), the second half of many names (حزب الله، عبد الله، رام الله). */
function isGod(raw: string): boolean {
  return normalize(raw) === GOD;
}
const GOD = normalize('الله');

/** A word short enough to be half of a name written in two parts (فيس of فيس بوك); not a stopword. */
function isShortPart(raw: string): boolean {
  return (
    raw.length >= 2 && raw.length <= 3 && ARABIC_LETTER.test(raw) && !isStopword(normalize(raw))
  );
}

/** How much of its place a match by a loose key counts (see {@link WordKeys.loose}). */
export const LOOSE_MATCH = 0.75;

/**
 * A query's words, each with its match keys and which of them are loose (words with the same
 * keys counted once).
 */
export function queryWords(query: string): WordKeys[] {
  const seen = new Set<string>();
  const out: WordKeys[] = [];
  for (const raw of tokenize(query)) {
    const word = keysOf(raw);
    if (word.keys.length === 0 || seen.has(word.keys[0]!)) continue;
    seen.add(word.keys[0]!);
    out.push(word);
  }
  return out;
}

/**
 * Offices with two names in Arabic news ("عمدة طهران" is "رئيس بلدية طهران" in the report): a
 * query naming one that finds nothing is asked again with the other (see {@link otherNames}).
 */
const OFFICE_NAMES: readonly (readonly [string, string])[] = [
  ['عمدة', 'رئيس بلدية'],
  ['رئيس الوزراء', 'رئيس الحكومة'],
  ['وزير الخارجية', 'رئيس الدبلوماسية'],
];
/** Each office name as the match keys of its words, with the words of its other name. */
const OFFICE_READINGS = OFFICE_NAMES.flatMap(([a, b]) => [
  [a, b],
  [b, a],
]).map(([name, other]) => ({ keys: name!.split(' ').map((w) => wordKeys(w)[0]), other: other! }));

/**
 * The query with an office it names called by its other name (see `OFFICE_NAMES`), one
 * question per office named; none when it names none.
 *
 * @example
 * otherNames('عمدة طهران'); // ['رئيس بلدية طهران']
 */
export function otherNames(query: string): string[] {
  const raw = tokenize(query);
  const firstKeys = raw.map((w) => wordKeys(w)[0]);
  const out: string[] = [];
  for (let i = 0; i < raw.length; i++) {
    for (const { keys, other } of OFFICE_READINGS) {
      if (keys.every((k, j) => firstKeys[i + j] === k)) {
        out.push([...raw.slice(0, i), other, ...raw.slice(i + keys.length)].join(' '));
      }
    }
  }
  return out;
}

/**
 * The ways to read a query: its words as typed; for each two neighbours that the articles write
 * as one word ("نصر الله" → نصرالله, "تي فور" → تيفور), the reading with them joined; and for a
 * word that the articles also write as two short ones ("فيسبوك" → فيس بوك), the reading with it
 * split. `known` tells whether any article has a key.
 */
export function queryReadings(query: string, known: (key: string) => boolean): WordKeys[][] {
  const typed = tokenize(query);
  // A name in two words with الله is read as one word when the articles have it (each article
  // has it so, see createSearchIndex), and only so: "الحمد الله" is not "Hamad" and "God".
  const raw: string[] = [];
  for (const word of typed) {
    const compound = raw.length > 0 && isGod(word) ? raw[raw.length - 1]! + word : undefined;
    if (compound !== undefined && wordKeys(compound).some(known)) raw[raw.length - 1] = compound;
    else raw.push(word);
  }
  const out = [queryWords(raw.join(' '))];
  const reading = (from: number, to: number, replacement: string[]): WordKeys[] =>
    queryWords([...raw.slice(0, from), ...replacement, ...raw.slice(to)].join(' '));
  for (let i = 0; i + 1 < raw.length; i++) {
    const joined = raw[i]! + raw[i + 1]!;
    if (wordKeys(joined).some(known)) out.push(reading(i, i + 2, [joined]));
  }
  for (let i = 0; i < raw.length; i++) {
    const word = raw[i]!;
    for (let cut = 2; cut <= word.length - 2; cut++) {
      const parts = [word.slice(0, cut), word.slice(cut)];
      if (parts.every((p) => isShortPart(p) && wordKeys(p).some(known))) {
        out.push(reading(i, i + 1, parts));
      }
    }
  }
  return out.filter((words) => words.length > 0);
}

const zoneWeight = (code: number): number => {
  const zone = (code >> 2) & 3;
  if (zone === Z_TITLE) return ZONE_WEIGHTS.title;
  if (zone === Z_LEAD) return ZONE_WEIGHTS.lead;
  return ZONE_WEIGHTS.body + ZONE_WEIGHTS.bodyRepeat * ((code & 3) - 1);
};

/** A topic index over articles; build it with {@link createSearchIndex}. */
export interface SearchIndex {
  readonly size: number;
  /**
   * Articles matching the query, best first, published in (since, until]. An article's score
   * (0–1) is the share of the query's words it has, each weighted by its rarity and by where it
   * stands: 1 when every word is in the headline.
   */
  search(
    query: string,
    opts?: { since?: Date; until?: Date; limit?: number },
  ): { article: Article; score: number }[];
  /** The indexed term counts by article id, reused to cluster the matches without re-reading them. */
  readonly termCounts: ReadonlyMap<string, TermIdCounts>;
}

/**
 * Indexes the articles (duplicates by id are indexed once): each word's match keys with the
 * best place it has in the article (headline, lead, body), navigation lines left out.
 *
 * @example
 * const index = createSearchIndex(articles);
 * index.search('زلزال تركيا', { limit: 10 });
 */
export function createSearchIndex(input: readonly Article[]): SearchIndex {
  const seen = new Set<string>();
  const articles = input.filter((a) => (seen.has(a.id) ? false : (seen.add(a.id), true)));
  const n = articles.length;
  const vocabulary = createVocabulary();
  // Counted as clustering counts them, so a topic answer's stories are the digest's.
  const { docs } = termIdCounts(articles, CLUSTER_FEATURES, vocabulary);
  const termCounts = new Map<string, TermIdCounts>();
  articles.forEach((a, i) => termCounts.set(a.id, docs[i]!));
  const times = new Float64Array(n);
  // Keys are numbered; a word's key numbers are looked up once per distinct spelling, and
  // found again by the scan (see TokenNumbers), with no string made for a word seen before.
  const keyIds = new Map<string, number>();
  const lists: number[][] = [];
  const idOf = (key: string): number => {
    let id = keyIds.get(key);
    if (id === undefined) {
      id = lists.length;
      keyIds.set(key, id);
      lists.push([]);
    }
    return id;
  };
  /**
   * Words with two readings (see {@link IndexedWord.whole}) by the number of a key of their own,
   * under which the keys only the suffix reading gives are posted until `segmented` decides.
   */
  const twoWay = new Map<number, NonNullable<IndexedWord['whole']>>();
  const keyIdsOf = (word: IndexedWord): number[] => {
    const whole = word.whole;
    if (!whole) return word.keys.map(idOf);
    const ids = word.keys.filter((k) => !whole.keys.includes(k)).map(idOf);
    const held = idOf(`<${word.form}`);
    twoWay.set(held, whole);
    ids.push(held);
    return ids;
  };
  /**
   * Reads each word of two readings as the index's articles say: "لولاية" is ل + ولاية when more
   * articles write "ولاية" on its own (or with the article, a conjunction) than have the words of
   * لولا, and لولا + ية otherwise; "لجنة" stays a committee (لجن + ة), "اللجنة" being far commoner
   * than جنة, paradise. Articles, not words: a name is said many times in each of its reports.
   * `formArticles` counts the articles with each normalized form. The suffix reading's keys then
   * get the word's postings.
   */
  const segmented = (formArticles: (form: string) => number): void => {
    /** The postings each key gets from words read with a suffix (a few words' each). */
    const joins = new Map<number, number[]>();
    for (const [held, whole] of twoWay) {
      const id = keyIds.get(whole.keys[0]!);
      const own = id === undefined ? 0 : lists[id]!.length;
      let rest = 0;
      for (const before of REST_BEFORE) rest += formArticles(before + whole.rest);
      if (rest > own) continue;
      for (const key of whole.keys) {
        const id = idOf(key);
        joins.set(id, mergePostings(joins.get(id) ?? [], lists[held]!));
      }
    }
    for (const [id, postings] of joins) lists[id] = mergePostings(lists[id]!, postings);
    // The held postings are in their keys now (or left out): no question asks for them.
    for (const held of twoWay.keys()) lists[held] = [];
    twoWay.clear();
  };
  // The articles' words into `lists`, in a function whose tables (the scan's, of every distinct
  // word) are let go once it returns: the index keeps only the postings.
  const postWords = (): void => {
    let codes = new Int32Array(1024);
    let stamps = new Int32Array(1024).fill(-1);
    /**
     * The key numbers of each word, by word number: word w's are keysOfWords[wordStart[w] ..
     * wordStart[w + 1]) (flat, so that a word costs one read of memory, not an array's); and
     * whether the word is الله.
     */
    const wordStart = new TermIdList();
    wordStart.push(0);
    const keysOfWords = new TermIdList();
    const isGodWord: boolean[] = [];
    /** Each word's normalized form, the articles that have it, and the last of them. */
    const forms: string[] = [];
    const wordArticles: number[] = [];
    const lastArticle: number[] = [];
    const words = new TokenNumbers((raw) => {
      const word = keysOf(raw);
      for (const id of keyIdsOf(word)) keysOfWords.push(id);
      wordStart.push(keysOfWords.length);
      isGodWord.push(isGod(raw));
      forms.push(word.form);
      wordArticles.push(0);
      lastArticle.push(-1);
      return isGodWord.length - 1;
    });
    const compoundIds = new Map<string, number[]>();
    const present: number[] = [];
    articles.forEach((a, d) => {
      times[d] = publishedMs(a);
      present.length = 0;
      const zones = articleZones(a);
      /**
       * Notes the keys ids[from, to) in `zone` of article `d`: each key's best zone, and its
       * repeats in the body.
       */
      const note = (ids: ArrayLike<number>, zone: number, from = 0, to = ids.length): void => {
        for (let k = from; k < to; k++) {
          const id = ids[k]!;
          if (id >= codes.length) {
            const size = Math.max(codes.length * 2, id + 1);
            const grown = new Int32Array(size);
            grown.set(codes);
            codes = grown;
            const grownStamps = new Int32Array(size).fill(-1);
            grownStamps.set(stamps);
            stamps = grownStamps;
          }
          if (stamps[id] !== d) {
            stamps[id] = d;
            codes[id] = zone * 4 + 1;
            present.push(id);
          } else if (zone === Z_BODY && codes[id]! >> 2 === Z_BODY && (codes[id]! & 3) < 3) {
            codes[id]!++;
          }
        }
      };
      const add = (text: string, zone: number, limit = text.length): void => {
        let previous = -1;
        let previousEnd = 0;
        words.scan(
          text,
          (w, start, end) => {
            note(keysOfWords.ids, zone, wordStart.ids[w]!, wordStart.ids[w + 1]!);
            if (lastArticle[w] !== d) {
              lastArticle[w] = d;
              wordArticles[w]!++;
            }
            // A name in two words with الله (حزب الله، رام الله، الحمد الله) is also one word.
            if (previous >= 0 && isGodWord[w]) {
              const raw = text.slice(previous, previousEnd) + text.slice(start, end);
              let ids = compoundIds.get(raw);
              if (ids === undefined) compoundIds.set(raw, (ids = keyIdsOf(keysOf(raw))));
              note(ids, zone);
            }
            previous = start;
            previousEnd = end;
          },
          limit,
        );
      };
      add(zones.title, Z_TITLE);
      add(zones.lead, Z_LEAD);
      add(zones.body, Z_BODY, BODY_MAX_CHARS);
      for (const id of present) lists[id]!.push(d * 16 + codes[id]!);
    });
    if (twoWay.size === 0) return;
    const formArticles = new Map<string, number>();
    for (const whole of twoWay.values()) {
      for (const before of REST_BEFORE) formArticles.set(before + whole.rest, 0);
    }
    for (let w = 0; w < forms.length; w++) {
      const count = formArticles.get(forms[w]!);
      if (count !== undefined) formArticles.set(forms[w]!, count + wordArticles[w]!);
    }
    segmented((form) => formArticles.get(form) ?? 0);
  };
  postWords();
  const postings = lists.map((l) => Int32Array.from(l));
  lists.length = 0;
  // Equally relevant articles come newest first: a broad question ("سوريا") matches hundreds
  // of headlines equally, and the reader asks what is happening now, not what sorts first.
  const newest = (d: number): number => (Number.isNaN(times[d]!) ? -Infinity : times[d]!);
  const order = articles
    .map((_, i) => i)
    .sort((x, y) => newest(y) - newest(x) || cmp(articles[x]!.id, articles[y]!.id));
  const rank = new Int32Array(n);
  order.forEach((d, r) => (rank[d] = r));
  const EMPTY = new Int32Array(0);
  const postingsOf = (key: string): Int32Array => {
    const id = keyIds.get(key);
    return id === undefined ? EMPTY : postings[id]!;
  };

  /**
   * A query word that may be a name (see {@link WordKeys.name}) is read by its full form:
   * - in -ان, always, with its relative adjectives: its stem meets other words ("بركان", a
   *   volcano, met Ben Barka's بركة and Bercow's بيركو; "طالبان", the Taliban, a student's
   *   طالب; "سلمان", "السلمية", peaceful), a dual of the same noun at best, while "إيران" still
   *   finds "الخارجية الإيرانية" and "إخوان" finds "الإخوان";
   * - in -ون, when at least half the articles with its stem have that form: so "بولتون" finds
   *   Bolton and not Usain Bolt (بولت), while "مهندسون" still finds "مهندس", whose articles
   *   mostly write other forms; and when none has it and the stem is a bare root ("زيتون",
   *   olives, is not زيت, oil).
   */
  const asName = (word: WordKeys): WordKeys => {
    const name = word.name;
    if (!name) return word;
    if (name.ending === 'ان') return { keys: [name.full, name.adjective], loose: NO_KEYS };
    const full = postingsOf(name.full).length;
    const byName = full === 0 ? name.root : 2 * full >= postingsOf(name.stripped).length;
    return byName ? { keys: [name.full], loose: NO_KEYS } : word;
  };

  // Scratch space reused by every query: values by article, and lists of articles (a list
  // holds an article at most once, so n places suffice; nothing grows while a query runs).
  const wordBest = new Float32Array(n);
  const sums = new Float64Array(n);
  const matched = new Uint8Array(n);
  const best = new Float64Array(n);
  const hit = new Int32Array(n);
  const matching = new Int32Array(n);
  const touched = new Int32Array(n);
  const touchedScores = new Float64Array(n);
  let touchedCount = 0;

  /**
   * Adds each matching article's score for one reading of the query into `best` (keeping the
   * larger), and the articles it touched first to `touched`.
   */
  function scoreWords(words: readonly WordKeys[], lo: number, hi: number): void {
    // A multi-word question needs most of its words: "ترامب سوريا" is not about any Trump story.
    const need = words.length <= 2 ? words.length : Math.ceil(words.length * 0.6);
    let docCount = 0;
    let total = 0;
    for (const { keys, loose } of words) {
      let hitCount = 0;
      for (const key of keys) {
        const list = postingsOf(key);
        const factor = loose.has(key) ? LOOSE_MATCH : 1;
        for (let k = 0; k < list.length; k++) {
          const p = list[k]!;
          const d = p >> 4;
          const w = factor * zoneWeight(p & 15);
          if (wordBest[d] === 0) hit[hitCount++] = d;
          if (w > wordBest[d]!) wordBest[d] = w;
        }
      }
      // Rarer words say more about the topic; a word no article has weighs the most.
      const weight = Math.log(1 + n / Math.max(1, hitCount));
      total += weight;
      for (let k = 0; k < hitCount; k++) {
        const d = hit[k]!;
        const t = times[d]!;
        if (t > lo && t <= hi) {
          if (matched[d] === 0) matching[docCount++] = d;
          sums[d] = sums[d]! + weight * wordBest[d]!;
          matched[d] = matched[d]! + 1;
        }
        wordBest[d] = 0;
      }
    }
    for (let k = 0; k < docCount; k++) {
      const d = matching[k]!;
      if (matched[d]! >= need) {
        const score = sums[d]! / total;
        if (best[d] === 0) touched[touchedCount++] = d;
        if (score > best[d]!) best[d] = score;
      }
      sums[d] = 0;
      matched[d] = 0;
    }
  }

  return {
    size: n,
    termCounts,
    search(query, opts = {}) {
      if (n === 0) return [];
      const lo = opts.since ? opts.since.getTime() : -Infinity;
      const hi = opts.until ? opts.until.getTime() : Infinity;
      touchedCount = 0;
      for (const words of queryReadings(query, (key) => postingsOf(key).length > 0)) {
        scoreWords(words.map(asName), lo, hi);
      }
      const limit = opts.limit ?? 50;
      // Only the best `limit` are sorted: the cut is the limit-th best score, selected.
      let cut = -Infinity;
      if (touchedCount > limit * 2) {
        for (let k = 0; k < touchedCount; k++) touchedScores[k] = best[touched[k]!]!;
        cut = kthLargest(touchedScores, limit, 0, touchedCount);
      }
      const hits: { d: number; s: number }[] = [];
      for (let k = 0; k < touchedCount; k++) {
        const d = touched[k]!;
        if (best[d]! >= cut) hits.push({ d, s: best[d]! });
        best[d] = 0;
      }
      hits.sort((x, y) => y.s - x.s || rank[x.d]! - rank[y.d]!);
      return hits
        .slice(0, limit)
        .map(({ d, s }) => ({ article: articles[d]!, score: Math.round(s * 1e6) / 1e6 }));
    },
  };
}

/**
 * What a word after a preposition is seen with on its own, as evidence of that reading: nothing
 * or a conjunction, then the article or not (normalized).
 */
const REST_BEFORE = ['', ...CONJUNCTIONS].flatMap((c) => [c, `${c}ال`]);

/**
 * Two postings lists of one key as one (each in article order, an article at most once): an
 * article in both at its better zone, its body repeats added up to the most a posting holds.
 */
function mergePostings(into: readonly number[], from: readonly number[]): number[] {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < into.length && j < from.length) {
    const a = into[i]!;
    const b = from[j]!;
    if (a >> 4 !== b >> 4) {
      out.push(a >> 4 < b >> 4 ? (i++, a) : (j++, b));
      continue;
    }
    i++;
    j++;
    const za = (a >> 2) & 3;
    const zb = (b >> 2) & 3;
    if (za !== zb) out.push(za > zb ? a : b);
    else if (za === Z_BODY) out.push(a - (a & 3) + Math.min(3, (a & 3) + (b & 3)));
    else out.push(a);
  }
  while (i < into.length) out.push(into[i++]!);
  while (j < from.length) out.push(from[j++]!);
  return out;
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * A story's articles for a topic answer, already by relevance: the most relevant lead, and
 * among equally relevant ones the most central (a report, where an id order could put a video
 * caption first: every Douma headline names the attack). A story here spans at most a day (see
 * {@link dayByDay}), so its lead is of the day it tells.
 */
function mostRelevantFirst(
  byRelevance: readonly Article[],
  scoreOf: ReadonlyMap<string, number>,
): Article[] {
  const best = scoreOf.get(byRelevance[0]!.id) ?? 0;
  let tied = 1;
  while (tied < byRelevance.length && (scoreOf.get(byRelevance[tied]!.id) ?? 0) === best) tied++;
  if (tied === 1) return [...byRelevance];
  // Among them, a report before a video's caption.
  return [...reportsFirst(byCentrality(byRelevance.slice(0, tied))), ...byRelevance.slice(tied)];
}

/**
 * What a day of age takes off a topic story's score (relevance 0–1, plus up to 0.15 for more
 * articles): a reader asking about a subject asks for its news, so today's story of three
 * outlets leads yesterday's of six (asked by its name, a subject's stories whose headlines name
 * it are all at relevance 1, and only size and age then tell them apart), while a lone brief of
 * today does not lead a story of eight from a day ago.
 */
const RECENCY_PER_DAY = 0.1;

/** Days from `ms` back to `now` (0 for undated or future). */
const ageInDays = (now: Date, ms: number): number =>
  Number.isFinite(ms) ? Math.max(0, (now.getTime() - ms) / 86_400_000) : 0;

/** A day, the span of one topic story (see {@link dayByDay}). */
const DAY_MS = 24 * 3_600_000;

/**
 * A story of a topic answer headed by what is new in it: its articles whose headlines repeat an
 * older story's of the answer ("الحوثيون يعلنون مقتل…" again the next morning, when the day's
 * news is the vow of revenge) go after those that do not, when one of those is as relevant
 * to the question (see {@link headedByNews}). Otherwise the articles are as they were (ordered
 * by relevance).
 */
function newFirst(
  part: readonly Article[],
  earlierTitles: readonly Set<string>[],
  scoreOf: ReadonlyMap<string, number>,
  titleKeys: ReadonlyMap<string, Set<string>>,
): Article[] {
  if (earlierTitles.length === 0) return [...part];
  const best = scoreOf.get(part[0]!.id) ?? 0;
  return headedByNews(
    part,
    (a) => earlierTitles.some((k) => isRedundant(titleKeys.get(a.id)!, k, SAME_HEADLINE)),
    // Only a headline as relevant to the question: a less relevant one may be another event's
    // that the topic's clustering let in.
    { mayLead: (a) => (scoreOf.get(a.id) ?? 0) >= best },
  );
}

/**
 * A topic's matches told day by day: a group spanning more than a day (a subject followed for
 * days, which its name alone holds together: "Afrin" from its capture to the looting after)
 * is cut into the 24-hour spans back from the question, each a story of its own, so that
 * "today" is the last 24 hours of every story of the answer, not yesterday's reports with a
 * later one; a group within one day is left whole.
 */
function dayByDay(group: readonly Article[], now: number): Article[][] {
  const times = group.map((a) => publishedMs(a));
  const dated = times.filter((t) => !Number.isNaN(t));
  if (dated.length === 0) return [[...group]];
  const newest = Math.max(...dated);
  if (newest - Math.min(...dated) <= DAY_MS) return [[...group]];
  // Articles dated after the question (a clock a little behind an outlet's) are of today.
  const end = Math.max(now, newest);
  const days = new Map<number, Article[]>();
  group.forEach((a, i) => {
    const t = times[i]!;
    const day = Number.isNaN(t) ? 0 : Math.floor((end - t) / DAY_MS);
    const list = days.get(day);
    if (list) list.push(a);
    else days.set(day, [a]);
  });
  return [...days.values()];
}

/** Days a reader's topic question looks back over: a subject followed for a week. */
export const TOPIC_DAYS = 7;

export interface TopicOptions {
  /** The time of the question. */
  now: Date;
  /**
   * How many days back to look.
   * @default 3
   */
  days?: number;
  /**
   * Most stories in the answer.
   * @default 5
   */
  maxStories?: number;
  /**
   * Matching articles considered.
   * @default 30
   */
  maxArticles?: number;
  /**
   * Least relevance of a story's best article (0–1).
   * @default RELEVANCE_FLOOR
   */
  floor?: number;
  /** Swappable clustering algorithm. @default clusterArticles */
  clusterer?: Clusterer;
}

/** A topic answer: the stories above the relevance floor, best first; `nothing` when none is. */
export interface TopicAnswer {
  query: string;
  stories: Story[];
  nothing: boolean;
  /**
   * When nothing passes the floor: the articles that name the subject in passing (in their
   * body), best first, at most {@link MAX_MENTIONS}; empty otherwise. A reader who asks about
   * someone named only in passing ("Bolton", the day after his appointment) learns where, rather
   * than that the news never named him.
   */
  mentions: Article[];
}

/** Most articles a "nothing" answer names as mentioning the subject in passing. */
export const MAX_MENTIONS = 3;

/**
 * Answers a topic question: the stories of the last `days` days whose best article passes the
 * relevance floor, best first, each with its key points. None passing gives `stories: []` and
 * `nothing: true` (the caller says plainly that nothing recent matches).
 *
 * @example
 * answerTopic(index, 'زلزال', { now, days: 3 }).nothing; // true when no story is about it
 */
export function answerTopic(index: SearchIndex, query: string, opts: TopicOptions): TopicAnswer {
  const days = opts.days ?? 3;
  const floor = opts.floor ?? RELEVANCE_FLOOR;
  const since = new Date(opts.now.getTime() - days * 86_400_000);
  const until = new Date(opts.now.getTime() + 10 * 60_000);
  const window = { since, until, limit: opts.maxArticles ?? 30 };
  const passes = (found: ReturnType<SearchIndex['search']>): boolean =>
    found.length > 0 && found[0]!.score >= floor;
  let hits = index.search(query, window);
  // An office the reports call by its other name: asked so only when the words as typed find
  // nothing, since a common word of the other name ("رئيس", "الحكومة") meets other offices too.
  for (const other of passes(hits) ? [] : otherNames(query)) {
    const found = index.search(other, window);
    if (passes(found)) {
      hits = found;
      break;
    }
  }
  const none = (): TopicAnswer => ({
    query,
    stories: [],
    nothing: true,
    mentions: hits.slice(0, MAX_MENTIONS).map((h) => h.article),
  });
  if (!passes(hits)) return none();
  // Weaker matches still join the story they belong to; alone they are never an answer.
  const kept = hits.filter((h) => h.score >= floor / 2);
  const scoreOf = new Map(kept.map((h) => [h.article.id, h.score]));
  const keptArticles = kept.map((h) => h.article);
  // The matches are clustered with the query's own words in: they are rare in the index, and
  // when they name one event (دوما, الكيماوي) they are what its reports have in common. Left
  // out, the reports of that event fell apart into as many stories as angles.
  const groups = (opts.clusterer ?? clusterArticles)(keptArticles, {
    termCounts: index.termCounts,
    // Matches are no day's news but one topic's, every one with its words: at the prior of a
    // day with history they fall into its events, where a day's prior without history split
    // one event's reports (the UN rights chief's speech, twice).
    priorWithoutHistory: IDF_PRIOR,
  });
  const byRelevance = (x: Article, y: Article): number =>
    (scoreOf.get(y.id) ?? 0) - (scoreOf.get(x.id) ?? 0) || cmp(x.id, y.id);
  const ranked = groups
    .map((g) => [...g].sort(byRelevance))
    .flatMap((group) => {
      const strong = group.filter((a) => (scoreOf.get(a.id) ?? 0) >= floor).length;
      // The best article decides; more articles about it help a little.
      const best = scoreOf.get(group[0]!.id) ?? 0;
      const score =
        Math.round((best + Math.min(0.15, 0.05 * Math.log2(Math.max(1, strong)))) * 1e6) / 1e6;
      // A subject followed for days is told day by day, each day as relevant as the subject.
      return dayByDay(group, opts.now.getTime()).map((part) => ({
        group: part,
        relevance: scoreOf.get(part[0]!.id) ?? 0,
        score,
        latest: Math.max(...part.map((a) => publishedMs(a) || -Infinity)),
        id: storyIdFor(part),
      }));
    })
    .filter((r) => r.relevance >= floor)
    // A little less for each day back: of two stories about the same, the reader asks for the
    // news; equally placed, the newest first (a subject's days: its latest day first).
    .map((r) => ({ ...r, rank: r.score - RECENCY_PER_DAY * ageInDays(opts.now, r.latest) }))
    .sort((a, b) => b.rank - a.rank || b.latest - a.latest || cmp(a.id, b.id))
    .slice(0, opts.maxStories ?? 5);
  if (ranked.length === 0) return none();
  // Each story headed by what is new in it: not by a headline an older story of the answer
  // already carries (a day's part, or a day's second wave of one event).
  const titleKeys = new Map(
    ranked.flatMap((r) => r.group.map((a) => [a.id, pointKeys(a.title)] as const)),
  );
  const titles = ranked.map((r) => r.group.map((a) => titleKeys.get(a.id)!));
  return {
    query,
    nothing: false,
    mentions: [],
    stories: ranked.map((r) =>
      buildStory(
        newFirst(
          mostRelevantFirst(r.group, scoreOf),
          ranked.flatMap((other, j) => (other.latest < r.latest ? titles[j]! : [])),
          scoreOf,
          titleKeys,
        ),
        { id: r.id, score: r.score, pointArticles: 1, ordered: true },
      ),
    ),
  };
}
