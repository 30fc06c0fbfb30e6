/**
 * `khulasa eval --topics QUERIES.jsonl --articles ARTICLES.jsonl --labels STORIES.json`: how
 * often a topic question's first story is the one a reader meant, and how often a question about
 * something absent gets "nothing". Each question is asked of its own day's articles (with
 * `--archive`, also of the archive's articles of the days before, as a running service's store
 * holds them); a question not in Arabic goes through the offline glossary (the evaluation never
 * calls a provider).
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import type { Article } from '../domain.js';
import {
  RELEVANCE_FLOOR,
  TOPIC_DAYS,
  answerTopic,
  createSearchIndex,
  offlineToArabic,
  publishedMs,
} from '../digest/index.js';
import { detectByScript } from '../translate/index.js';
import { UsageError, writeLine, type CliIO, type ParsedArgs } from './command.js';
import {
  articlesByDay,
  dayBefore,
  dayStartMs,
  newestTime,
  readArchive,
  readLabelledArticles,
} from './eval-clusters.js';

const QuerySchema = z.object({
  query: z.string().min(1),
  language: z.string().default('ar'),
  /** YYYY-MM-DD or YYYYMMDD. */
  day: z.string().regex(/^\d{4}-?\d{2}-?\d{2}$/),
  /** The story slug the first answer should be, or null for "nothing". */
  expected: z.string().nullable(),
});
export type TopicQuery = z.infer<typeof QuerySchema>;

/** The outcome of one question at one floor. */
export interface TopicOutcome {
  query: TopicQuery;
  /** The Arabic words searched. */
  searched: string;
  /** The label most of the first story's articles carry (null: nothing answered or no majority). */
  got: string | null;
  /** The first story's title, when there is one. */
  title?: string;
  /** True when the first story holds no article of the question's day (asked with history). */
  earlier?: boolean;
  correct: boolean;
}

/** Top-1 accuracy and "nothing" accuracy at one floor. */
export interface TopicScore {
  floor: number;
  top1: { correct: number; total: number };
  nothing: { correct: number; total: number };
  outcomes: TopicOutcome[];
  /** Questions not asked: asked at a time of day (`at`), their story had no article yet. */
  unasked: number;
}

/** Reads the question file: one JSON object a line; a bad line is an error naming it. */
export async function readTopicQueries(path: string): Promise<TopicQuery[]> {
  const text = await readFile(path, 'utf8');
  const out: TopicQuery[] = [];
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch {
      throw new Error(`${path}:${i + 1}: not JSON`);
    }
    const parsed = QuerySchema.safeParse(raw);
    if (!parsed.success) {
      throw new Error(
        `${path}:${i + 1}: expected {"query","language","day":"YYYY-MM-DD","expected":slug|null}`,
      );
    }
    out.push(parsed.data);
  });
  return out;
}

/**
 * The Arabic words a question is searched with, offline: Arabic as it is, else the glossary and
 * the names it does not know in Arabic letters (as the bot does without a translator).
 */
export function offlineArabicQuery(q: string): string {
  if (detectByScript(q).language === 'ar') return q;
  return offlineToArabic(q) ?? q;
}

/**
 * The label most (more than half) of the labelled articles carry, or null. The caller gives a
 * story's articles of the question's day only: a story of the day that also gathers yesterday's
 * reports of it is still the day's story (yesterday's carry yesterday's labels, when the labels
 * cover the archive), and a story of yesterday alone tells nothing of the day.
 */
function majority(ids: readonly string[], labels: Readonly<Record<string, string>>): string | null {
  const counts = new Map<string, number>();
  let labelled = 0;
  for (const id of ids) {
    const l = labels[id];
    if (l === undefined) continue;
    labelled++;
    counts.set(l, (counts.get(l) ?? 0) + 1);
  }
  for (const [label, c] of counts) if (c * 2 > labelled) return label;
  return null;
}

/**
 * Asks every question of its day's articles at each floor and scores the first story; with a
 * `history`, the index also holds its articles of the days before (those the answer's window
 * reaches). A question is asked at the end of its day (its newest article), or with `at`
 * (minutes after midnight UTC) at that time of its day, of the articles published by then; a
 * question whose story has no article by then is not asked. Pure apart from the clock-free
 * search: the caller reads the files.
 */
export function scoreTopics(
  queries: readonly TopicQuery[],
  articles: readonly Article[],
  labels: Readonly<Record<string, string>>,
  floors: readonly number[],
  history: readonly Article[] = [],
  at?: number,
): TopicScore[] {
  const byDay = articlesByDay(articles);
  const pastByDay = articlesByDay(history);
  type DayIndex = {
    index: ReturnType<typeof createSearchIndex>;
    now: Date;
    ids: Set<string>;
    stories: Set<string>;
  };
  const indexes = new Map<string, DayIndex>();
  const dayIndex = (day: string): DayIndex => {
    let hit = indexes.get(day);
    if (!hit) {
      const cutoff = at === undefined ? Infinity : dayStartMs(day) + at * 60_000;
      const list = (byDay.get(day) ?? []).filter((a) => !(publishedMs(a) > cutoff));
      const ids = new Set(list.map((a) => a.id));
      const past: Article[] = [];
      for (let back = 1; back <= TOPIC_DAYS; back++) {
        for (const a of pastByDay.get(dayBefore(day, back)) ?? []) if (!ids.has(a.id)) past.push(a);
      }
      const now = new Date(at === undefined ? newestTime(list) : cutoff);
      const stories = new Set(list.flatMap((a) => (labels[a.id] ? [labels[a.id]!] : [])));
      hit = { index: createSearchIndex([...past, ...list]), now, ids, stories };
      indexes.set(day, hit);
    }
    return hit;
  };
  const dayOfQuery = (q: TopicQuery): string => q.day.replace(/-/g, '');
  // Asked at a time of day, a question about a story not yet reported is not a question.
  const asked = queries.filter(
    (q) =>
      at === undefined || q.expected === null || dayIndex(dayOfQuery(q)).stories.has(q.expected),
  );
  return floors.map((floor) => {
    const outcomes = asked.map((query): TopicOutcome => {
      const { index, now, ids } = dayIndex(dayOfQuery(query));
      const searched = offlineArabicQuery(query.query);
      const answer = answerTopic(index, searched, { now, days: TOPIC_DAYS, floor });
      const first = answer.stories[0];
      // The story the first one tells of the question's day: the label most of its articles of
      // that day carry (its part of the evening before, asked in the morning, is labelled as
      // the evening's story).
      const ofDay = first ? first.articles.flatMap((a) => (ids.has(a.id) ? [a.id] : [])) : [];
      const got = majority(ofDay, labels);
      // "Nothing" is about the question's day: with history, an answer of the days before only
      // (not the news of the day the question is about) is not a wrong answer.
      const correct =
        query.expected === null
          ? answer.stories.every((s) => s.articles.every((a) => !ids.has(a.id)))
          : got === query.expected;
      return {
        query,
        searched,
        got,
        ...(first ? { title: first.title } : {}),
        ...(first && ofDay.length === 0 ? { earlier: true } : {}),
        correct,
      };
    });
    const count = (pick: (o: TopicOutcome) => boolean): { correct: number; total: number } => {
      const chosen = outcomes.filter(pick);
      return { correct: chosen.filter((o) => o.correct).length, total: chosen.length };
    };
    return {
      floor,
      top1: count((o) => o.query.expected !== null),
      nothing: count((o) => o.query.expected === null),
      outcomes,
      unasked: queries.length - asked.length,
    };
  });
}

/** "8/10 = 80.0%"; "none asked" when there is no such question (not a score of 0%). */
const pct = (c: { correct: number; total: number }): string =>
  c.total ? `${c.correct}/${c.total} = ${((100 * c.correct) / c.total).toFixed(1)}%` : 'none asked';

/** Runs the evaluation and prints the figures, each miss, and a sweep of the floor. */
export async function evalTopics(args: ParsedArgs, io: CliIO): Promise<number> {
  const queriesPath = String(args.values.topics);
  const articlesPath = args.values.articles;
  const labelsPath = args.values.labels;
  if (typeof articlesPath !== 'string' || typeof labelsPath !== 'string') {
    throw new UsageError('--topics needs --articles ARTICLES.jsonl and --labels STORIES.json');
  }
  let floor = RELEVANCE_FLOOR;
  if (args.values.floor !== undefined) {
    floor = Number(args.values.floor);
    if (!(floor >= 0 && floor <= 1)) {
      throw new UsageError(
        `Expected --floor to be a number from 0 to 1, got '${String(args.values.floor)}'`,
      );
    }
  }
  let at: number | undefined;
  if (args.values.at !== undefined) {
    const m = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(String(args.values.at));
    if (!m) {
      throw new UsageError(
        `Expected --at to be a time of day HH:MM (UTC), got '${String(args.values.at)}'`,
      );
    }
    at = Number(m[1]) * 60 + Number(m[2]);
  }
  const queries = await readTopicQueries(queriesPath).catch((err: NodeJS.ErrnoException) => {
    throw new Error(`cannot read topic questions ${queriesPath}: ${err.code ?? err.message}`);
  });
  const { articles, labels } = await readLabelledArticles(articlesPath, labelsPath);
  const archive = await readArchive(args);
  const archivePath = archive?.path;
  const history = archive?.articles ?? [];
  // Stories a question expects that no label of an article names: the labels belong to other
  // articles, and every such question would count as a miss.
  const ids = new Set(articles.map((a) => a.id));
  const stories = new Set(
    Object.entries(labels)
      .filter(([id]) => ids.has(id))
      .map(([, story]) => story),
  );
  const unknown = new Set(
    queries.flatMap((q) => (q.expected !== null && !stories.has(q.expected) ? [q.expected] : [])),
  );
  if (unknown.size > 0) {
    io.stderr.write(
      `khulasa: ${unknown.size} of the expected stories label no article of ${articlesPath} (${[...unknown].slice(0, 3).join(', ')}${unknown.size > 3 ? ', …' : ''}); their questions count as misses\n`,
    );
  }
  const round = (x: number): number => Math.round(x * 100) / 100;
  const floors = [...new Set([floor - 0.1, floor - 0.05, floor, floor + 0.05, floor + 0.1])]
    .map(round)
    .filter((f) => f >= 0 && f <= 1);
  const scores = scoreTopics(queries, articles, labels, floors, history, at);
  const main = scores.find((s) => s.floor === round(floor))!;
  if (args.values.json) {
    const brief = (s: TopicScore): Record<string, unknown> => ({
      floor: s.floor,
      top1: s.top1,
      nothing: s.nothing,
      unasked: s.unasked,
    });
    await writeLine(
      io.stdout,
      JSON.stringify({
        ...brief(main),
        misses: main.outcomes.filter((o) => !o.correct),
        sweep: scores.map(brief),
      }),
    );
    return 0;
  }
  const languages = [...new Set(queries.map((q) => q.language))];
  const lines = [
    `topic relevance: ${queries.length} questions from ${queriesPath}, each asked of its day's articles (${articlesPath})${archivePath === undefined ? '' : ` and of the ${TOPIC_DAYS} days before it (${archivePath})`}; relevance floor ${main.floor}`,
    ...(at === undefined
      ? []
      : [
          `asked at ${String(args.values.at).padStart(5, '0')} UTC of each day, of the articles published by then; ${main.unasked} whose story had none yet not asked`,
        ]),
    `top-1 accuracy     ${pct(main.top1)}${main.top1.total ? ' (target ≥ 90%)' : ''}`,
    `"nothing" correct  ${pct(main.nothing)}${main.nothing.total ? ' (target ≥ 90%)' : ''}`,
    `by language        ${languages
      .map((l) => {
        const mine = main.outcomes.filter((o) => o.query.language === l);
        return `${l} ${mine.filter((o) => o.correct).length}/${mine.length}`;
      })
      .join(', ')}`,
  ];
  const misses = main.outcomes.filter((o) => !o.correct);
  lines.push('', misses.length ? `misses (${misses.length}):` : 'no misses');
  for (const o of misses) {
    const q = o.query;
    const asked = o.searched === q.query ? '' : ` → ${o.searched}`;
    const got =
      o.title === undefined
        ? 'nothing'
        : `${o.got ?? (o.earlier ? 'a story of the days before' : 'no majority label')} («${o.title}»)`;
    lines.push(
      `  ${q.day} ${q.language} "${q.query}"${asked}: expected ${q.expected ?? 'nothing'}, got ${got}`,
    );
  }
  lines.push('', 'floor sweep:');
  for (const s of scores) {
    lines.push(
      `  floor ${s.floor.toFixed(2)}  top-1 ${pct(s.top1)}  "nothing" ${pct(s.nothing)}${s === main ? '  (default)' : ''}`,
    );
  }
  await writeLine(io.stdout, lines.join('\n'));
  return 0;
}
