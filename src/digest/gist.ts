/**
 * The one-screen digest's "gist": one short key sentence per story, cut from a key point at a
 * clause boundary, never inside a word. Works on any language the points may be in (Arabic, or a
 * translation), since it only looks at punctuation, spaces and a few Arabic clause openers.
 */
import { normalize, terms } from '../arabic/index.js';
import { GLOSSARY_ARABIC_WORDS } from './glossary.js';

/**
 * Most words of a gist.
 * @default 25
 */
export const GIST_MAX_WORDS = 25;

/** Punctuation after which a clause may end (Arabic comma and semicolon included). */
const CLAUSE_END = /[،,؛;:—–]$/u;
/** Sentence-final punctuation (kept when the whole sentence fits). */
const SENTENCE_END = /[.!?؟…]$/u;

/**
 * Arabic words that open a subordinate or coordinate clause: a cut may fall just before them.
 * Normalized (alef forms folded, teh marbuta as heh), as `normalize` makes them.
 */
const CLAUSE_OPENERS = new Set(
  [
    'الذي',
    'التي',
    'الذين',
    'والذي',
    'والتي',
    'والذين',
    'اللذين',
    'اللتين',
    'حيث',
    'بينما',
    'فيما',
    'وذلك',
    'وهو',
    'وهي',
    'بعدما',
    'عقب',
    'اثر',
    'وسط',
    'مشيرا',
    'مشيره',
    'مضيفا',
    'مضيفه',
    'موضحا',
    'مؤكدا',
    'قائلا',
    'لافتا',
    'بحسب',
    'حسب',
    'وفقا',
    'وفق',
    'كما',
    'لكن',
    'الا',
    'رغم',
    'بسبب',
    'بهدف',
    // What it came after, before or during, and what it answered or led to: a cut before
    // them keeps the event ("…approved the asylum bill | after heated debates").
    'بعد',
    'قبل',
    'خلال',
    'غداة',
    'عندما',
    'ردا',
    'مما',
  ].map((w) => normalize(w)),
);

/**
 * Prepositions that open a sentence with its circumstance (time, cause, concession) before the
 * main clause. Normalized.
 */
const FRONTED = new Set(
  ['بعد', 'قبل', 'عقب', 'إثر', 'خلال', 'رغم', 'برغم', 'بعدما', 'وسط', 'منذ'].map((w) =>
    normalize(w),
  ),
);

/**
 * What "في" (in) opens a sentence's circumstance with: "في الوقت الذي…" / "في حين…" (while), and
 * the occasion of what was said ("في خطاب أمام أنصاره، قال…", in a speech). "في" before a place
 * or a scene most often opens the main clause itself ("في فرنسا بدأت السلطات…"). Normalized,
 * without ال.
 */
const FRONTED_IN = new Set(
  [
    'وقت',
    'حين',
    'خطاب',
    'مقابلة',
    'كلمة',
    'تصريحات',
    'تصريح',
    'بيان',
    'مؤتمر',
    'حديث',
    'لقاء',
    'رسالة',
    'تغريدة',
  ].map((w) => normalize(w).replace(/^ال/u, '')),
);

/** Latin clause openers for translated points. */
const LATIN_OPENERS = new Set([
  'which',
  'who',
  'where',
  'while',
  'after',
  'according',
  'amid',
  'as',
  'because',
  'but',
  'saying',
  'adding',
  'qui',
  'où',
  'alors',
  'après',
  'selon',
  'tandis',
  'mais',
  'car',
]);

/**
 * "that" (إن، أن، بأن، أنه …): what was said follows it, so a cut never falls just before one
 * ("قالت المتحدثة، الثلاثاء، | إن …" would keep only who spoke) nor just after one.
 */
export const COMPLEMENTIZERS: readonly string[] = [
  'إن',
  'أن',
  'بأن',
  'إنه',
  'أنه',
  'بأنه',
  'إنها',
  'أنها',
  'بأنها',
  'لأن',
].map((w) => normalize(w));
const COMPLEMENTIZER_SET = new Set(COMPLEMENTIZERS);

/**
 * Verbs of saying that open a news lead ("قال المتحدث، الثلاثاء، إن …"): before their "that"
 * comes only who spoke and when. These take what was said straight after "that"; a إلى or عن
 * before it belongs to the frame ("أفاد، في رسالة وجهها إلى الحلف، أن …").
 */
const SAYS_THAT = new Set(
  [
    ...['قال', 'قالت', 'أكد', 'أكدت', 'ذكر', 'ذكرت', 'أوضح', 'أوضحت', 'أفاد', 'أفادت'],
    ...['صرح', 'صرحت', 'اعتبر', 'اعتبرت', 'رأى', 'رأت', 'أضاف', 'أضافت', 'زعم', 'زعمت'],
    ...['نفى', 'نفت'],
  ].map((w) => normalize(w)),
);

/**
 * Verbs of saying whose content may also follow عن (what was announced or revealed) or إلى
 * (what was called for or pointed to), as well as "that".
 */
const ANNOUNCING = new Set(
  [
    ...['أعلن', 'أعلنت', 'أشار', 'أشارت', 'كشف', 'كشفت', 'نقل', 'نقلت', 'دعا', 'دعت'],
    ...['طالب', 'طالبت', 'حذر', 'حذرت'],
  ].map((w) => normalize(w)),
);

/** What follows a verb of saying: "that", or what was announced (عن) or called for (إلى). */
const SAID_OPENERS = new Set([...COMPLEMENTIZERS, ...['عن', 'إلى'].map((w) => normalize(w))]);

/**
 * The index of the word that opens what a lead's verb of saying says ("that", else عن or إلى);
 * -1 without one.
 */
function saidAt(all: readonly string[]): number {
  const verb = normalize(all[0]!);
  if (!SAYS_THAT.has(verb) && !ANNOUNCING.has(verb)) return -1;
  const that = SAYS_THAT.has(verb) ? all.findIndex((w) => COMPLEMENTIZER_SET.has(leading(w))) : -1;
  // Without a "that", what was said is the verb's object ("اعتبرت إيران الإقالة إشارة إلى …").
  return that >= 0 ? that : all.findIndex((w) => SAID_OPENERS.has(leading(w)));
}

/**
 * Words a cut phrase must not end on (a preposition or particle waiting for what follows), in
 * Arabic (normalized) and in the Latin languages points are translated into.
 */
const DANGLING = new Set([
  ...['في', 'من', 'الى', 'على', 'عن', 'مع', 'او', 'و', 'ان', 'بين', 'حول', 'ضد', 'عبر', 'خلال'].map(
    (w) => normalize(w),
  ),
  ...['بعد', 'قبل', 'عند', 'لدى', 'حتى', 'منذ', 'نحو', 'دون', 'الذي', 'التي', 'لا', 'لم', 'لن'].map(
    (w) => normalize(w),
  ),
  ...COMPLEMENTIZERS,
  // "was" waits for what it was: "وكان | لافتاً …" is not a clause end.
  ...['كان', 'كانت', 'وكان', 'وكانت', 'يكون', 'تكون', 'ليس', 'ليست'].map((w) => normalize(w)),
  ...['of', 'in', 'on', 'to', 'for', 'the', 'a', 'an', 'and', 'or', 'with', 'by', 'at', 'from'],
  ...['de', 'la', 'le', 'les', 'des', 'du', 'en', 'et', 'ou', 'à', 'au', 'aux', 'sur', 'par'],
  // "that" of a translated point: what was said follows.
  ...['that', 'que'],
]);

/** A word without the quotes, brackets and punctuation around it. */
const bareWord = (word: string): string => word.replace(/^[("«“]+|[)"»”.,،؛;:!?؟]+$/gu, '');

/** A normalized word in `set`, alone or after "and" (و، ف): وأنه، فإن. */
const withAnd = (set: ReadonlySet<string>, n: string): boolean =>
  set.has(n) || (/^[وف]/u.test(n) && set.has(n.slice(1)));

function dangles(word: string): boolean {
  const bare = bareWord(word);
  const n = normalize(bare);
  // "and that" (وأنه، فإن) waits for what was said as much as "that" does.
  return withAnd(COMPLEMENTIZER_SET, n) || DANGLING.has(n) || DANGLING.has(bare.toLowerCase());
}

const leading = (word: string): string => normalize(word.replace(/^[("«“]+/gu, ''));

function opensReport(word: string): boolean {
  return COMPLEMENTIZER_SET.has(leading(word));
}

/**
 * Prepositions a verb takes its "that" through: "حذر من أن…" (warned that), "خلص إلى أن…"
 * (concluded that). Not "على أن", which as often means "provided that" ("…الترشح للانتخابات،
 * على أن يتم الكشف عن برنامجه…").
 */
const BEFORE_THAT = new Set(['من', 'إلى'].map((w) => normalize(w)));

/** Word `i` of `all` is such a preposition and a "that" follows it. */
function opensReportAfter(all: readonly string[], i: number): boolean {
  const next = all[i + 1];
  return next !== undefined && BEFORE_THAT.has(leading(all[i]!)) && opensReport(next);
}

function isOpener(word: string): boolean {
  const bare = bareWord(word);
  return CLAUSE_OPENERS.has(normalize(bare)) || LATIN_OPENERS.has(bare.toLowerCase());
}

/** "فيما يبدو" (as it seems): a word of the clause it stands in, not "while" opening another. */
const WHILE = normalize('فيما');
const SEEMS = normalize('يبدو');
/** "في" (in), which opens a circumstance before some words (see `FRONTED_IN`). */
const IN = normalize('في');

/** Word `i` of `all` opens a clause (see {@link isOpener}). */
function opensClause(all: readonly string[], i: number): boolean {
  if (!isOpener(all[i]!)) return false;
  const next = all[i + 1];
  return !(leading(all[i]!) === WHILE && next !== undefined && leading(next) === SEEMS);
}

/** A word with a letter or digit (not a stray quote mark or dash). */
const hasLetter = (word: string): boolean => /[\p{L}\p{N}]/u.test(word);

/** "That" without a pronoun (أن، إن، بأن، لأن, and with و or ف): a subject follows it. */
const BARE_THAT = new Set(['إن', 'أن', 'بأن', 'لأن'].map((w) => normalize(w)));

/** Names a verb-like test must not take for a verb (ترامب, تركيا, …). Normalized. */
const NAMES = new Set(GLOSSARY_ARABIC_WORDS.map((w) => normalize(w)));

/**
 * Words of the news that the verb hint below would take for verbs: nouns and particles (يوم،
 * تحت، فيما، تقرير) and first names (سيرغي، يوليا، تيريزا) that open like the present tense.
 * Normalized; also after و، ف، ب or ل.
 */
const NOT_VERBS = new Set(
  (
    'يوم يوما نحو تحت تجاه تلك فيما فيه فيها فيهم نهاية تقرير تقارير تصريحات نفس تاريخ ' +
    'سيرغي سيرجي يوليا تيريزا نيكي نيكولاس ياسر يوسف يحيى ناصر نبيل'
  )
    .split(' ')
    .map((w) => normalize(w)),
);

/** A verbal noun of the تفعيل pattern (تحرير، تطوير، تعزيز): five letters, ي fourth. */
const TAFIIL = /^ت\p{L}\p{L}ي\p{L}$/u;

/**
 * A word that looks like a verb: a prefix of the present tense (يقول، تعتزم، ستطرد، وسينسحب) or
 * the past's feminine ending (أنجزت، قررت; not a plural in ات), no article, and not a known
 * name, a word of {@link NOT_VERBS} or a تفعيل noun. Only a hint, without a tagger: a verb it
 * misses leaves a cut as it was.
 */
function looksLikeVerb(word: string): boolean {
  const n = normalize(bareWord(word));
  if (NAMES.has(n) || n.length < 3 || /^[وف]?ال/u.test(n)) return false;
  const stem = n.replace(/^[وفبل]/u, '');
  if (NOT_VERBS.has(n) || NOT_VERBS.has(stem) || TAFIIL.test(n) || TAFIIL.test(stem)) return false;
  return /^[وف]?س?[يتن]/u.test(n) || (/[^ا]ت$/u.test(n) && n.length >= 4);
}

/** Words that open a predicate after its subject: a verb, or one of these (قد، لن، غير، كان). */
const PREDICATE_OPENERS = new Set(
  'قد لن لم سوف غير هو هي كان كانت ليس ليست'.split(' ').map((w) => normalize(w)),
);

function opensPredicate(word: string): boolean {
  return PREDICATE_OPENERS.has(normalize(bareWord(word))) || looksLikeVerb(word);
}

/**
 * Words after which a "that" clause may still lack its predicate: up to this many, with no verb
 * among them after the subject, the clause has only named who or what ("…كشف أن الرئيس
 * الأميركي، دونالد ترامب").
 */
const THAT_SUBJECT_WORDS = 4;

/**
 * …and up to this many when the cut falls on the comma that closes the subject, right before
 * its predicate: news writes a long subject with its apposition that way ("…أن العميل المزدوج
 * الروسي السابق سيرغي سكريبال، | تعرض مع ابنته…").
 */
const THAT_SUBJECT_MAX = 12;

/** How many more words a subject may have when an apposition follows it. */
const APPOSITION_WORDS = 6;

/** The index of the words' last bare "that", or -1. */
function lastThat(kept: readonly string[]): number {
  return kept.findLastIndex((w) => withAnd(BARE_THAT, leading(w)));
}

/**
 * The kept words end inside what was said, before its predicate: their last bare "that" is
 * followed by a subject (not a verb: "أن يسقط" is "to fall") and at most `limit` words, none of
 * them after the first a verb.
 */
function endsBeforePredicate(kept: readonly string[], limit = THAT_SUBJECT_WORDS): boolean {
  const t = lastThat(kept);
  if (t < 0) return false;
  const rest = kept.slice(t + 1).filter(hasLetter);
  if (rest.length === 0 || rest.length > limit || looksLikeVerb(rest[0]!)) return false;
  return !rest.slice(1).some(looksLikeVerb);
}

/**
 * A cut on a comma (or other clause mark) that closes a "that" clause's subject: the kept
 * words end in such a subject of up to `THAT_SUBJECT_MAX` words with no clause mark inside it
 * (or one, before an apposition: `APPOSITION_WORDS` more), and the next word opens its
 * predicate.
 */
function cutsSubjectFromPredicate(kept: readonly string[], next: string): boolean {
  if (!opensPredicate(next)) return false;
  const t = lastThat(kept);
  const marks = kept.slice(t + 1, -1).flatMap((w, k) => (CLAUSE_END.test(w) ? [t + 1 + k] : []));
  if (marks.length === 0) return endsBeforePredicate(kept, THAT_SUBJECT_MAX);
  // A subject with its apposition between two commas ("…بأن القتال في الغوطة الشرقية، الجيب
  // الخاضع لسيطرة المعارضة، | قد دفع…"): the apposition names again, with "ال".
  const apposition = kept[marks[0]! + 1];
  return (
    marks.length === 1 &&
    apposition !== undefined &&
    /^ال/u.test(leading(apposition)) &&
    endsBeforePredicate(kept, THAT_SUBJECT_MAX + APPOSITION_WORDS)
  );
}

/**
 * A cut phrase that still ends a clause: at least `floor` words, its last word with a letter
 * neither waiting for what follows nor opening a clause of its own.
 */
function endsClause(kept: string, floor: number): boolean {
  const ws = words(kept).filter(hasLetter);
  const last = ws[ws.length - 1];
  return ws.length >= floor && last !== undefined && !dangles(last) && !isOpener(last);
}

/** Words of a text: runs of non-space characters. */
function words(text: string): string[] {
  return text.split(/\s+/u).filter((w) => w.length > 0);
}

/** Drops trailing clause punctuation and dangling quotes/brackets that lost their partner. */
function tidyEnd(text: string): string {
  let out = text.replace(/[\s،,؛;:—–-]+$/u, '');
  const opens = (out.match(/[«“(]/gu) ?? []).length;
  const closes = (out.match(/[»”)]/gu) ?? []).length;
  if (opens > closes) out = out.replace(/\s*[«“(][^«“(]*$/u, '').replace(/[\s،,؛;:—–-]+$/u, '');
  const quotes = (out.match(/"/g) ?? []).length;
  if (quotes % 2 === 1) out = out.replace(/\s*"[^"]*$/u, '').replace(/[\s،,؛;:—–-]+$/u, '');
  // A clause mark inside the closing quote, as some outlets place it ("…كانت "فعالة للغاية،"").
  return out.replace(/[،,؛;:]+(["»”])$/u, '$1');
}

/**
 * Cuts a sentence to at most `maxWords` words: whole when it fits; otherwise at the last clause
 * boundary (after ، , ؛ ; : or before a clause opener such as الذي، حيث، بينما) that keeps at
 * least half the allowance and is not followed by what was said (إن، أن …), else at the word
 * limit with an ellipsis. Never mid-word.
 *
 * @example
 * shortenToClause('قال الوزير إن المحادثات ستستأنف الأسبوع المقبل، مشيرا إلى أن الوفدين اتفقا على جدول أعمال يشمل ملفات الحدود والمياه والتجارة والأمن والطاقة', 12)
 * // 'قال الوزير إن المحادثات ستستأنف الأسبوع المقبل'
 */
export function shortenToClause(sentence: string, maxWords: number = GIST_MAX_WORDS): string {
  const text = sentence.replace(/\s+/gu, ' ').trim();
  const all = words(text);
  if (all.length <= maxWords) return text;
  // A shorter clause is most often only its frame: who spoke, when, "in a statement".
  const floor = Math.max(3, Math.ceil(maxWords / 2));
  // After a verb of saying, a clause ends at the earliest two words into what was said.
  const said = saidAt(all);
  // A sentence opening on "after …" / "despite …" / "while …": its first clause is only the
  // circumstance ("بعد شتم عباس السفير، | ندد البيت الأبيض …"), not a clause that says something.
  const fronted =
    FRONTED.has(leading(all[0]!)) ||
    (leading(all[0]!) === IN &&
      all.length > 1 &&
      FRONTED_IN.has(leading(all[1]!).replace(/^ال/u, '')));
  const firstEnd = fronted ? all.findIndex((w) => CLAUSE_END.test(w)) : -1;
  // Once a cut is found to split a subject from its predicate, no cut after that subject's
  // "that" ends a clause either (all of them are inside the subject).
  let subjectOf = all.length;
  for (
    let i = Math.min(maxWords, all.length - 1);
    i >= Math.max(floor, said + 3, firstEnd + 2);
    i--
  ) {
    // a cut after word i-1 (keeping words 0..i-1), judged by its last word with a letter: a
    // stray quote mark (…وذلك بعد " بعد…) is dropped by tidyEnd, and what it leaves is the end.
    let j = i - 1;
    while (j > 0 && !hasLetter(all[j]!)) j--;
    const last = all[j]!;
    // Nor does a clause end on its own opener ("…ملابسات وفاته، وذلك | بحسب ما كتب والده").
    if (opensReport(all[i]!) || opensReportAfter(all, i) || dangles(last) || isOpener(last)) {
      continue;
    }
    if ((CLAUSE_END.test(last) && !SENTENCE_END.test(last)) || opensClause(all, i)) {
      // Judged as the reader gets it: a quotation the cut leaves open is dropped by tidyEnd,
      // and what it leaves must still end a clause ("…حالياً، وأنه | "وبالرغم…، " is not one).
      const kept = tidyEnd(all.slice(0, i).join(' '));
      const keptWords = words(kept);
      if (!endsClause(kept, floor) || endsBeforePredicate(keptWords)) continue;
      // tidyEnd drops words only at the end: the kept words' indices are those of `all`.
      if (CLAUSE_END.test(last) && cutsSubjectFromPredicate(keptWords, all[i]!)) {
        subjectOf = lastThat(keptWords);
        continue;
      }
      if (i <= subjectOf) return kept;
    }
  }
  // At the word limit: end on a whole phrase, not on "في" or on the word right after it.
  let end = maxWords;
  for (const back of [1, 2]) {
    if (end - back > floor && dangles(all[end - back]!)) {
      end -= back;
      break;
    }
  }
  return `${tidyEnd(all.slice(0, end).join(' '))}…`;
}

/** Share of `b`'s content terms that also occur in `a`. */
function overlap(a: string, b: string): number {
  const ta = new Set(terms(a));
  const tb = [...new Set(terms(b))];
  if (tb.length === 0) return 1;
  return tb.filter((x) => ta.has(x)).length / tb.length;
}

/**
 * The gist of a story: its first key point that says more than the headline (most of its terms
 * not already in the headline), shortened by {@link shortenToClause}; the first point when every
 * point repeats the headline; empty without points.
 *
 * @example
 * storyGist({ title: 'زلزال في تركيا', points: ['ضرب زلزال تركيا', 'قتل 12 شخصا في زلزال ضرب جنوب تركيا فجر اليوم'] })
 */
export function storyGist(
  story: { title: string; points: readonly string[] },
  maxWords: number = GIST_MAX_WORDS,
): string {
  const points = story.points.map((p) => p.trim()).filter((p) => p.length > 0);
  if (points.length === 0) return '';
  const chosen = points.find((p) => overlap(story.title, p) < 0.75) ?? points[0]!;
  return shortenToClause(chosen, maxWords);
}

/**
 * How many distinct outlets carried a story (by the outlet names of its articles, else of its
 * sources); at least 1.
 *
 * @example
 * countOutlets({ articles: [{ source: 'BBC' }, { source: 'bbc' }, { source: 'CNN' }], sources: [] }) // 2
 */
export function countOutlets(story: {
  articles: readonly { source: string }[];
  sources: readonly { name: string }[];
}): number {
  const names = new Set<string>();
  for (const a of story.articles) if (a.source.trim()) names.add(a.source.trim().toLowerCase());
  if (names.size === 0) for (const s of story.sources) names.add(s.name.trim().toLowerCase());
  return Math.max(1, names.size);
}
