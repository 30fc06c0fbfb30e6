/**
 * From a group of articles to a story: the best headline, 2–4 faithful key points drawn across
 * its articles (redundancy across outlets removed), its sources with links, a stable id.
 */
import { normalize, SAYING_VERBS, terms } from '../arabic/index.js';
import type { Article, Story } from '../domain.js';
import { articleTermCounts, publishedMs, skeleton } from './features.js';
import { COMPLEMENTIZERS } from './gist.js';
import { hashString } from './hash.js';
import { asks, dropUnbalancedQuotes, extractKeyPoints } from './keypoints.js';

export interface StoryOptions {
  /**
   * Most key points of a story.
   * @default 4
   */
  maxPoints?: number;
  /**
   * Points already sent (e.g. yesterday): new points must say something else.
   * @default []
   */
  knownPoints?: readonly string[];
  /**
   * The headline already sent for this story (with `knownPoints`): a report whose headline
   * repeats what was sent does not head the update when another report's does not.
   */
  knownTitle?: string;
  /** Story id to use (carried over from a previous digest); derived from the articles otherwise. */
  id?: string;
  /** Ranking score to store on the story. @default 0 */
  score?: number;
  /**
   * Articles (most central first) whose key points are considered.
   * @default 6
   */
  pointArticles?: number;
  /**
   * The articles are already in order of preference (e.g. by relevance to a question): the first
   * one gives the title, no centrality is computed.
   * @default false
   */
  ordered?: boolean;
}

/** The days of the week, as news text writes them ("الاثنين" with or without its hamza). */
const WEEKDAYS = [
  'السبت',
  'الأحد',
  'الاثنين',
  'الإثنين',
  'الثلاثاء',
  'الأربعاء',
  'الخميس',
  'الجمعة',
];

/** Weekday names: every point of a day's story may carry one, whatever it reports. */
const WEEKDAY_KEYS = new Set(terms(WEEKDAYS.join(' ')).map(skeleton));

/** "و16": a figure behind a conjunction. */
const GLUED_FIGURE_RE = /^[وف](\d+)$/;

/** The set of feature keys of a sentence (weekday names aside), for redundancy checks. */
export function pointKeys(text: string): Set<string> {
  // A figure keeps its "and" glued on ("9 قتلى و16 جريحا"): the figure is the key.
  const keys = new Set(terms(text).map((t) => skeleton(GLUED_FIGURE_RE.exec(t)?.[1] ?? t)));
  for (const k of WEEKDAY_KEYS) keys.delete(k);
  return keys;
}

/**
 * Two outlets' leads on one fact ("a rocket on a Damascus market killed 35") share about a third
 * of their words or more, in their own phrasing; points on two different facts of one story share
 * its names and little else (a fifth to under a third on real days).
 */
export const SAME_FACT_OVERLAP = 0.35;

/**
 * A headline that shares this much of the shorter one's words with another (or with a story's
 * points) says the same thing: a digest calls such a story an update of one already sent, and a
 * topic answer heads a story by a headline that does not repeat an older story's.
 */
export const SAME_HEADLINE = 0.75;

/** A figure (10 or more, not a year) that two points both give: most likely one fact. */
function sharesFigure(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  for (const k of a) {
    if (/^\d{2,}$/.test(k) && !/^(19|20)\d\d$/.test(k) && b.has(k)) return true;
  }
  return false;
}

/**
 * True when two points of a story report one fact: a third of the shorter one's words
 * ({@link SAME_FACT_OVERLAP}) in the other, or a quarter with the same figure (the toll, the vote).
 *
 * @example
 * isSameFact(pointKeys('قتل 12 مدنيا بقذيفة على سوق في حمص'), pointKeys('قذيفة على سوق شعبي تقتل 12 شخصا بحمص')); // true
 */
export function isSameFact(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  return isRedundant(a, b, SAME_FACT_OVERLAP) || (isRedundant(a, b, 0.25) && sharesFigure(a, b));
}

/**
 * A word a point quotes as what something was called: "واصفا إياه بـ"الكارثة"", "بأنها "كارثة""
 * (described it as "a catastrophe"), "أن الاتفاق "مهم"" (that the deal is "important"). Names in
 * quotes (صحيفة "لوموند") and scare quotes (لـ"الثوار") come after neither "ب" nor "أن" + a word.
 */
const DESCRIBED_AS =
  /(?:^|[\s(])(?:بـ|ب|ب[أا]ن(?:ه|ها|هم)?|[أا]ن\s+\S+)\s*["«“]\s*([^\s"»”]{2,25})\s*["»”]/gu;

/** The keys of the words a point quotes as what something was called (see `DESCRIBED_AS`). */
export function describedAs(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.matchAll(DESCRIBED_AS)) {
    for (const t of terms(m[1]!)) if (t.length >= 3) out.add(skeleton(t));
  }
  return out;
}

/**
 * Two points that call the same thing by the same quoted word, and share a fifth of their
 * words besides (the speaker, the thing): one fact in two outlets' words ("واصفا إياه
 * بـ"الكارثة"" and "وصف ترامب الاتفاقية… بأنها "كارثة"").
 */
export const SAME_DESCRIPTION_OVERLAP = 0.2;

/**
 * True when two sentences say much the same: most terms of the shorter one appear in the other.
 *
 * @example
 * isRedundant(pointKeys('ضرب زلزال جنوب تركيا'), pointKeys('زلزال قوي ضرب جنوب تركيا')); // true
 */
export function isRedundant(a: ReadonlySet<string>, b: ReadonlySet<string>, limit = 0.5): boolean {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  if (small.size === 0) return true;
  let shared = 0;
  for (const k of small) if (large.has(k)) shared++;
  return shared / small.size >= limit;
}

/** The id a story gets when it is new: derived from its earliest article. */
export function storyIdFor(articles: readonly Article[]): string {
  let first = articles[0]!;
  for (const a of articles) {
    const ta = publishedMs(a);
    const tf = publishedMs(first);
    if (ta < tf || (ta === tf && a.id < first.id)) first = a;
  }
  return `s-${hashString(first.id)}`;
}

function cosine(a: Map<string, number>, b: Map<string, number>): number {
  let d = 0;
  let na = 0;
  let nb = 0;
  for (const [k, w] of a) {
    na += w * w;
    const x = b.get(k);
    if (x !== undefined) d += w * x;
  }
  for (const w of b.values()) nb += w * w;
  return na && nb ? d / Math.sqrt(na * nb) : 0;
}

/**
 * Articles of a group ordered by how central they are (cosine to the group's summed term
 * counts), ties by time then id. The first one's title is the story's title.
 */
export function byCentrality(articles: readonly Article[]): Article[] {
  if (articles.length <= 1) return [...articles];
  const vectors = articles.map((a) => {
    const counts = articleTermCounts(a);
    const out = new Map<string, number>();
    for (const [k, v] of counts) out.set(skeleton(k), (out.get(skeleton(k)) ?? 0) + v);
    return out;
  });
  const sum = new Map<string, number>();
  for (const v of vectors) for (const [k, w] of v) sum.set(k, (sum.get(k) ?? 0) + w);
  const scored = articles.map((a, i) => ({ a, s: cosine(vectors[i]!, sum) }));
  scored.sort(
    (x, y) => y.s - x.s || publishedMs(x.a) - publishedMs(y.a) || (x.a.id < y.a.id ? -1 : 1),
  );
  return scored.map((x) => x.a);
}

/** Distinct outlets of a group of articles (an article's `alsoIn` outlets included), first seen first. */
export function storySources(articles: readonly Article[]): { name: string; url: string }[] {
  const seen = new Map<string, { name: string; url: string }>();
  for (const a of articles) {
    const key = a.sourceId || a.sourceName;
    if (!seen.has(key)) seen.set(key, { name: a.sourceName || a.sourceId, url: a.url });
    for (const o of a.alsoIn ?? []) {
      if (!seen.has(o.sourceId)) seen.set(o.sourceId, { name: o.name, url: o.url });
    }
  }
  return [...seen.values()];
}

/** Verbs of saying that an article's later sentences open with, the speaker left to the one before. */
const SAYING = new Set([...SAYING_VERBS, 'أشار', 'أشارت'].map((w) => normalize(w)));
/** "That" (the gist's own list) and "saying": what was said comes next. */
const SAID = new Set([...COMPLEMENTIZERS, ...['أنهم', 'قائلا', 'قائلة'].map((w) => normalize(w))]);
/**
 * Prepositions that follow a verb of saying whose subject is a pronoun ("قال في مؤتمر صحفي: …",
 * he said at a press conference): a named speaker comes between them ("قال الوزير في …").
 */
const SAID_WHERE = new Set(
  ['في', 'خلال', 'أمام', 'عبر', 'على', 'لدى', 'عقب', 'أثناء'].map((w) => normalize(w)),
);
/**
 * A speaker named by role alone ("the source", "the official", "the spokesman"): the one the
 * sentence before named. "قال المتحدث باسم الشرطة" names whose spokesman; "أضاف المصدر أن" does
 * not.
 */
const ROLE_ONLY = new Set(
  ['المصدر', 'المسؤول', 'المسؤولة', 'المتحدث', 'المتحدثة'].map((w) => normalize(w)),
);
/**
 * A correspondent by possessive alone: "قال مراسلنا" (our correspondent said), "مراسله" (its
 * correspondent). Among other outlets' points "our" reads as the digest's own, and "its" as
 * nobody's.
 */
const POSSESSED_REPORTER = /^(?:مراسل|موفد|مندوب)ت?(?:ه|ها|هم|نا)$/u;
/** Verbs a correspondent reports with: the verbs of saying, and "reported", "mentioned". */
const REPORTING = new Set([
  ...SAYING,
  ...['أفاد', 'أفادت', 'ذكر', 'ذكرت', 'نقل', 'نقلت'].map((w) => normalize(w)),
]);
/**
 * Verbs that state, argue or recount ("أكد", "اعتبر", "جادل", "روى", "لفت"): right before "that"
 * ("جادل بأن…", he argued that…; "لفت إلى أن…", he pointed out that…) their subject is a
 * pronoun, the one the sentence before named. With a subject between them ("أكد الوزير أن…")
 * the point names its speaker.
 */
const STATING = new Set(
  [
    ...['أكد', 'أكدت', 'اعتبر', 'اعتبرت', 'رأى', 'رأت', 'جادل', 'جادلت', 'روى', 'روت'],
    ...['لفت', 'لفتت', 'شدد', 'شددت', 'حذر', 'حذرت', 'كشف', 'كشفت', 'زعم', 'زعمت'],
    ...['نفى', 'نفت', 'ذكر', 'ذكرت', 'أعلن', 'أعلنت', 'أشار', 'أشارت'],
  ].map((w) => normalize(w)),
);
/** "إلى" of "لفت إلى أن…", "أشار إلى أن…". */
const TO = normalize('إلى');
/** A quotation opened right after the verb (not a quoted name: أضافت "وام" أن…). */
const QUOTATION = /^["«“](?!.*["»”][:،,]?$)/u;

/**
 * A point whose speaker is in the sentence before it ("أضاف أن عدد القتلى بلغ 5": he added
 * that…; "قال في مؤتمر صحفي: …", he said at a press conference; "جادل بأن…", he argued
 * that…: see `STATING`), or is an outlet's correspondent by possessive alone ("قال مراسلنا"):
 * among other outlets' points, nobody knows who "he" is, and "our" is not the digest's.
 */
function speakerless(point: string): boolean {
  const [verb, next, third] = point.split(/\s+/u, 3);
  if (verb === undefined || next === undefined) return false;
  const bare = verb.replace(/[:،,]+$/u, '');
  const saying = normalize(bare);
  const written = next.replace(/[:،,]+$/u, '');
  const after = normalize(written);
  // As written: normalized, "مراسلة" (a correspondent, f.) would read "مراسله" (his).
  if (REPORTING.has(saying) && POSSESSED_REPORTER.test(written)) return true;
  // "وجادل" keeps its "و" when cleaning does not know the verb: the verb is the same.
  const stating = STATING.has(saying) || (/^[وف]/u.test(saying) && STATING.has(saying.slice(1)));
  if (stating && bare === verb) {
    const then = third === undefined ? '' : normalize(third.replace(/[:،,]+$/u, ''));
    if (SAID.has(after) || (after === TO && SAID.has(then))) return true;
  }
  if (!SAYING.has(saying)) return false;
  if (bare !== verb || QUOTATION.test(next) || SAID.has(after) || SAID_WHERE.has(after)) {
    return true;
  }
  // "أضاف المصدر أن …" (the source added that…): the speaker is the one named before.
  if (!ROLE_ONLY.has(after) || third === undefined) return false;
  const then = normalize(third.replace(/[:،,]+$/u, ''));
  return written !== next || SAID.has(then) || SAID_WHERE.has(then);
}

/**
 * A point that opens on "this", "these", "that" or "it" ("هذا السياسي الشاب…", "هذه الأولويات
 * هي…", "هؤلاء القادة…", "هو ما يعني…"), or on "that came" ("جاء ذلك في تغريدة…، حيث قال: …",
 * that came in a tweet, where he said…): what it points at is in its article's sentence before,
 * which in a story of several outlets' points the reader is not shown. "هذا العام" (this year)
 * and the like point at the calendar.
 */
const DEMONSTRATIVE_OPENING = new RegExp(
  `^(?:جاءت?\\s+)?(?:هذا|هذه|هؤلاء|هذان|هاتان|تلك|ذلك|هو|هي)\\s+(?!(?:${[
    ...['العام', 'الأسبوع', 'الاسبوع', 'الشهر', 'اليوم', 'الصباح', 'المساء'],
    ...WEEKDAYS,
  ].join('|')})(?![\\p{L}\\p{M}]))`,
  'u',
);

/**
 * Key points across a story's articles: each article's own key points (from the Arabic engine)
 * taken round-robin from the most central article outwards, skipping any point that repeats
 * one already chosen or already known (in its words, or by calling the same thing by the same
 * quoted word: see `describedAs`), and, with several articles, a point whose speaker is named
 * only in the sentence before it and any point of a press review (see `isPressReview`). The
 * engine offers no sentence that leans on the one before it (the tail of a cut sentence, "that
 * came after…").
 */
export function storyPoints(
  centralFirst: readonly Article[],
  opts: { maxPoints?: number; knownPoints?: readonly string[]; pointArticles?: number } = {},
): string[] {
  const maxPoints = opts.maxPoints ?? 4;
  // One article's own points suffice for a singleton; a wider story draws on several outlets.
  const perArticle = centralFirst.length === 1 ? Math.min(maxPoints, 3) : 3;
  const drawn = centralFirst.slice(0, opts.pointArticles ?? 6);
  // With several articles to draw on, a press review gives none: its lead lists the day's
  // subjects and its body quotes papers on each of them, where the others report the story.
  const several = drawn.length > 1;
  const lists = drawn.map((a) =>
    several && isPressReview(a.text)
      ? []
      : extractKeyPoints(a.text, { title: a.title, points: perArticle, skipQuestions: true }),
  );
  const chosen: string[] = [];
  const chosenKeys: Set<string>[] = (opts.knownPoints ?? []).map(pointKeys);
  const chosenQuotes: Set<string>[] = (opts.knownPoints ?? []).map(describedAs);
  const limit = centralFirst.length === 1 ? perArticle : maxPoints;
  for (let round = 0; round < perArticle && chosen.length < limit; round++) {
    for (const list of lists) {
      if (chosen.length >= limit) break;
      const p = list[round];
      if (!p) continue;
      // With several articles, one that only asks (a video's caption of questions) gives none:
      // the others tell.
      if (several && (speakerless(p) || asks(p) || DEMONSTRATIVE_OPENING.test(p))) {
        continue;
      }
      const keys = pointKeys(p);
      if (keys.size === 0 || chosenKeys.some((k) => isSameFact(keys, k))) continue;
      const quotes = describedAs(p);
      const sameDescription = (k: Set<string>, i: number): boolean =>
        quotes.size > 0 &&
        [...chosenQuotes[i]!].some((q) => quotes.has(q)) &&
        isRedundant(keys, k, SAME_DESCRIPTION_OVERLAP);
      if (chosenKeys.some(sameDescription)) continue;
      chosen.push(p);
      chosenKeys.push(keys);
      chosenQuotes.push(quotes);
    }
  }
  return chosen;
}

/**
 * A headline that labels a video, a live stream, photos or an infographic ("شاهد.. …",
 * "فيديو: …", "مباشر: …", also with a few words of its own: "فيديو مذهل لضربة سوريا.. …"): the
 * caption of a medium, where a report's headline says what happened. "شاهد عيان" (an
 * eyewitness) is not one.
 */
const MEDIA_CAPTION =
  /^(?!شاهد عيان)(?:شاهد|شاهدوا|فيديو|بالفيديو|مباشر|بالصور|صور|انفوغرافيك|إنفوغرافيك|انفوجرافيك|إنفوجرافيك)(?:\s*(?:\.\.|…|:|-|–)|(?:\s+[^\s.:…]+){1,4}\s*(?:\.\.|…|:))/u;

/**
 * A headline that asks ("ما هو غاز الأعصاب؟", "هل يكرر ترامب سيناريو بوش؟"): an explainer's or an
 * analysis's, where a report's headline says what happened.
 */
const QUESTION = /[؟?]["»”']?$/u;

/**
 * The articles with the reports before the media captions (see `MEDIA_CAPTION`), the
 * questions (see `QUESTION`) and the press reviews (see `isPressReview`), each part in its
 * order: a story is headed by a report, and its lead is the first point.
 */
export function reportsFirst(articles: readonly Article[]): Article[] {
  return [...articles.filter((a) => !isAside(a)), ...articles.filter(isAside)];
}

/** A medium's caption, a question or a press review: not a report (see {@link reportsFirst}). */
function isAside(a: Article): boolean {
  const title = a.title.trim();
  return MEDIA_CAPTION.test(title) || QUESTION.test(title) || isPressReview(a.text);
}

/**
 * An update's articles (most central report first) headed by its news: when the first one's
 * headline repeats what was sent (`sent`: the headline and points of the story already
 * delivered; see {@link SAME_HEADLINE}), the reports whose headlines do not go first, in their
 * order (the day after a strike, "Putin warns of chaos" over "the sites the strikes hit").
 * Otherwise, or when every report repeats it, the order is kept.
 */
export function newsFirst(centralFirst: readonly Article[], sent: string): Article[] {
  const sentKeys = pointKeys(sent);
  return headedByNews(
    centralFirst,
    (a) => isRedundant(pointKeys(a.title), sentKeys, SAME_HEADLINE),
    { eligible: (a) => !isAside(a) },
  );
}

/**
 * Articles (in order of preference) headed by what is new: when the first one `repeats` what
 * the reader already has, the `eligible` ones that do not go first, in their order, if the
 * first of them `mayLead`. Otherwise the order is kept. An update's headline (see
 * {@link newsFirst}) and a topic answer's story behind an older one of the answer are chosen so.
 */
export function headedByNews(
  articles: readonly Article[],
  repeats: (a: Article) => boolean,
  opts: { eligible?: (a: Article) => boolean; mayLead?: (a: Article) => boolean } = {},
): Article[] {
  const head = articles[0];
  if (!head || !repeats(head)) return [...articles];
  const fresh = articles.filter((a) => !repeats(a) && (opts.eligible?.(a) ?? true));
  if (fresh.length === 0 || !(opts.mayLead?.(fresh[0]!) ?? true)) return [...articles];
  const freshIds = new Set(fresh.map((a) => a.id));
  return [...fresh, ...articles.filter((a) => !freshIds.has(a.id))];
}

/**
 * The opening of a press review, an outlet's daily round-up of what the papers say ("في الصحف
 * اليوم: …", "اهتمت الصحف اليوم بـ…", "أهم العناوين التي تناولتها الصحف: …", "نتوقف عند تعليق
 * الصحف…"): its lead lists the day's subjects, and its body quotes papers on each of them.
 */
const PRESS_REVIEW =
  /^(?:في\s+(?:ال)?صحف\s+اليوم|(?:اهتمت|تابعت|انصب\s+اهتمام)\s+الصحف|نتوقف\s+عند[^.؟!\n]{0,60}الصحف)|^[^.؟!\n]{0,200}أهم\s+(?:العناوين|المواضيع)\s+التي\s+تناولتها\s+الصحف/u;

/**
 * True when a text is a press review (see `PRESS_REVIEW`): about none of the subjects its lead
 * names more than about the others, so it heads no story, gives a story of several articles no
 * point, and answers a topic question only by its headline.
 *
 * @example
 * isPressReview('في الصحف اليوم: الانتخابات في روسيا، والغوطة الشرقية…'); // true
 */
export function isPressReview(text: string): boolean {
  return PRESS_REVIEW.test(text.trimStart().slice(0, 400));
}

/**
 * Builds one story from a group of articles.
 *
 * @example
 * const story = buildStory(group, { id: previousId });
 */
export function buildStory(group: readonly Article[], opts: StoryOptions = {}): Story {
  // The most central report leads, not a video's caption: its headline is the story's, and its
  // lead the first point (a live stream's caption says only that a press conference is on).
  let central = opts.ordered ? [...group] : reportsFirst(byCentrality(group));
  if (opts.knownTitle !== undefined && !opts.ordered) {
    central = newsFirst(central, [opts.knownTitle, ...(opts.knownPoints ?? [])].join(' '));
  }
  const points = storyPoints(central, opts);
  let latest = -Infinity;
  let latestAt: string | undefined;
  for (const a of group) {
    const t = publishedMs(a);
    if (t > latest) {
      latest = t;
      latestAt = new Date(t).toISOString();
    }
  }
  const story: Story = {
    id: opts.id ?? storyIdFor(group),
    // A headline's lone quote mark ('"Open Britain calls…' with no closing mark) goes.
    title: dropUnbalancedQuotes(central[0]!.title).replace(/\s+/g, ' ').trim(),
    points,
    sources: storySources(central),
    articles: group.map((a) => ({ id: a.id, source: a.sourceName, title: a.title, url: a.url })),
    score: opts.score ?? 0,
  };
  if (latestAt) story.latestAt = latestAt;
  return story;
}
