/**
 * `khulasa eval --clusters ARTICLES.jsonl --labels STORIES.json [--archive ARCHIVE.jsonl]`:
 * B-cubed and pairwise precision / recall / F1 of khulasa's story clustering, per day and
 * overall, beside two baselines measured in the same run (every article alone; exact duplicates
 * merged). With an archive, the archive's articles of the days before each day are that day's
 * history (document frequencies), as a running service has them in its store. `--sweep` also
 * prints khulasa's per-day figures with each tuned setting a notch either way.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { Article, Digest } from '../domain.js';
import {
  addFrequencies,
  buildDigest,
  dominantEvent,
  documentFrequencies,
  evaluateClustering,
  type ClusterOptions,
  type ClusterScore,
  type DocumentFrequencies,
  type OngoingEvent,
} from '../digest/index.js';
import { intOption, writeLine, type CliIO, type ParsedArgs } from './command.js';
import { readArticlesFile } from './digest.js';

const LabelsSchema = z.object({ labels: z.record(z.string(), z.string()) });

/** The day of an article: the last 8 digits of its id when it ends with a date, else its UTC date. */
export function dayOf(a: Article): string {
  const m = /(\d{8})$/.exec(a.id);
  return m ? m[1]! : a.publishedAt.slice(0, 10).replace(/-/g, '');
}

const f = (x: number): string => x.toFixed(3);

/** Midnight UTC starting a YYYYMMDD day (ms). */
export function dayStartMs(day: string): number {
  return Date.UTC(+day.slice(0, 4), +day.slice(4, 6) - 1, +day.slice(6, 8));
}

/** The day `days` before a YYYYMMDD day, as YYYYMMDD. */
export function dayBefore(day: string, days: number): string {
  const t = dayStartMs(day) - days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10).replace(/-/g, '');
}

/** The publication time of the newest of some articles (ms; 0 when none is dated). */
export function newestTime(articles: readonly Article[]): number {
  let latest = 0;
  for (const a of articles) latest = Math.max(latest, Date.parse(a.publishedAt) || 0);
  return latest;
}

/** The `--archive` file's articles (undefined without the option), one clear line on failure. */
export async function readArchive(
  args: ParsedArgs,
): Promise<{ path: string; articles: Article[] } | undefined> {
  if (args.values.archive === undefined) return undefined;
  const path = String(args.values.archive);
  const articles = await readArticlesFile(path).catch((err: NodeJS.ErrnoException) => {
    throw new Error(`cannot read archive ${path}: ${err.code ?? err.message}`);
  });
  return { path, articles };
}

/** Articles by their day (see {@link dayOf}), each day's in the order given. */
export function articlesByDay(articles: readonly Article[]): Map<string, Article[]> {
  const byDay = new Map<string, Article[]>();
  for (const a of articles) {
    const d = dayOf(a);
    const list = byDay.get(d);
    if (list) list.push(a);
    else byDay.set(d, [a]);
  }
  return byDay;
}

/**
 * For each day, the document frequencies of the archive's articles of the `days` days before
 * it (never the day itself or later); undefined when the archive has none of them.
 */
export function archiveBackground(
  archive: readonly Article[],
  days: number,
): (day: string) => DocumentFrequencies | undefined {
  const byDay = articlesByDay(archive);
  const tables = new Map<string, DocumentFrequencies>();
  const tableOf = (d: string): DocumentFrequencies | undefined => {
    const list = byDay.get(d);
    if (!list) return undefined;
    let t = tables.get(d);
    if (!t) tables.set(d, (t = documentFrequencies(list)));
    return t;
  };
  return (day) => {
    const found: DocumentFrequencies[] = [];
    for (let k = 1; k <= days; k++) {
      const t = tableOf(dayBefore(day, k));
      if (t) found.push(t);
    }
    return found.length ? addFrequencies(found) : undefined;
  };
}

/**
 * For each day, the dominant event of the archive's day before, as a running service reads it
 * from the digest it built then: that day's articles over that day's history, built in turn
 * with the digest of the day before it, as each day's is. Undefined when the archive has no
 * article of the day before. Those digests are built at the default settings: a sweep varies
 * the day's own clustering, not what the days before told it.
 */
export function archiveOngoing(
  archive: readonly Article[],
  background: (day: string) => DocumentFrequencies | undefined,
): (day: string) => OngoingEvent | undefined {
  const byDay = articlesByDay(archive);
  const digests = new Map<string, Digest | undefined>();
  // Days in order, so that each digest's day before is built first (no deep recursion).
  const digestOf = (day: string): Digest | undefined => {
    if (digests.has(day)) return digests.get(day);
    const chain: string[] = [];
    for (let d = day; byDay.has(d) && !digests.has(d); d = dayBefore(d, 1)) chain.unshift(d);
    for (const d of chain) {
      const list = byDay.get(d)!;
      const history = background(d);
      const previous = digests.get(dayBefore(d, 1));
      // A day of an outlet's time zone may span more than 24 hours of UTC.
      digests.set(
        d,
        buildDigest(list, {
          now: new Date(newestTime(list)),
          windowHours: 48,
          ...(history ? { background: history } : {}),
          ...(previous ? { previous } : {}),
        }),
      );
    }
    return digests.get(day);
  };
  return (day) => {
    const digest = digestOf(dayBefore(day, 1));
    return digest
      ? dominantEvent(
          digest.stories.map((s) => s.articles),
          digest.articleCount,
        )
      : undefined;
  };
}

/**
 * The bars a sweep's summary counts notches under: the B-cubed F1 a tuned day should keep, and
 * the floor no day should fall through.
 */
const SWEEP_BARS = [0.93, 0.9];

/** Settings a sweep varies, each with its default and one notch. */
const SWEEP: { name: keyof ClusterOptions; value: number; notch: number }[] = [
  { name: 'threshold', value: 0.22, notch: 0.02 },
  { name: 'backgroundWeight', value: 0.1, notch: 0.05 },
  { name: 'titleWeight', value: 5, notch: 1 },
  { name: 'tailWeight', value: 0.3, notch: 0.1 },
  { name: 'attachFloor', value: 0.14, notch: 0.02 },
  { name: 'bigFloor', value: 0.18, notch: 0.02 },
  { name: 'absorbFloor', value: 0.18, notch: 0.02 },
  { name: 'bigMargin', value: 0.85, notch: 0.05 },
  { name: 'dominantShare', value: 0.15, notch: 0.05 },
  { name: 'anchorFloor', value: 0.08, notch: 0.02 },
  { name: 'strongShare', value: 0.25, notch: 0.05 },
  { name: 'ongoingShare', value: 0.3, notch: 0.05 },
  { name: 'aspectShare', value: 0.4, notch: 0.1 },
  { name: 'neighbourShare', value: 0.9, notch: 0.05 },
  { name: 'frontMargin', value: 0.03, notch: 0.01 },
  { name: 'sameEventTerms', value: 3, notch: 1 },
  { name: 'sameEventCosine', value: 0.35, notch: 0.05 },
];

/** The labels of one file ({"labels": {id: story}}), each failure one clear line naming it. */
async function readLabelsFile(path: string): Promise<Record<string, string>> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(path, 'utf8'));
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    throw new Error(`cannot read labels ${path}: ${e.code ?? e.message}`);
  }
  const parsed = LabelsSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`${path} has no "labels": {id: story} object`);
  return parsed.data.labels;
}

/**
 * An articles file and its story labels: one file ({"labels": {id: story}}), or a folder whose
 * `*.stories.json` files are read together (one per day, as in eval/labels). Each failure is one
 * clear line naming the file.
 */
export async function readLabelledArticles(
  articlesPath: string,
  labelsPath: string,
): Promise<{ articles: Article[]; labels: Record<string, string> }> {
  const articles = await readArticlesFile(articlesPath).catch((err: NodeJS.ErrnoException) => {
    throw new Error(`cannot read articles ${articlesPath}: ${err.code ?? err.message}`);
  });
  if (articles.length === 0) throw new Error(`no articles in ${articlesPath}`);
  const isFolder = await stat(labelsPath).then(
    (st) => st.isDirectory(),
    () => false,
  );
  if (!isFolder) return { articles, labels: await readLabelsFile(labelsPath) };
  const files = (await readdir(labelsPath)).filter((f) => f.endsWith('.stories.json')).sort();
  if (files.length === 0) throw new Error(`no *.stories.json files in ${labelsPath}`);
  const labels: Record<string, string> = {};
  for (const f of files) Object.assign(labels, await readLabelsFile(join(labelsPath, f)));
  return { articles, labels };
}

/** Runs the evaluation and prints a table (or JSON with --json); returns the exit code. */
export async function evalClusters(args: ParsedArgs, io: CliIO): Promise<number> {
  const articlesPath = String(args.values.clusters);
  const labelsPath = String(args.values.labels);
  const { articles, labels } = await readLabelledArticles(articlesPath, labelsPath);
  const labelled = Object.keys(labels);
  if (labelled.length === 0) throw new Error(`no labels in ${labelsPath}`);
  const ids = new Set(articles.map((a) => a.id));
  const missing = labelled.filter((id) => !ids.has(id)).length;
  if (missing === labelled.length) {
    throw new Error(`none of the ${labelled.length} labelled ids is an article of ${articlesPath}`);
  }
  // Labels of articles the file lacks are not scored: say so, a mismatched pair of files would
  // otherwise print figures over a part of the labels.
  if (missing > 0) {
    io.stderr.write(
      `khulasa: ${missing} of ${labelled.length} labelled ids are not articles of ${articlesPath}; scoring the other ${labelled.length - missing}\n`,
    );
  }
  let background: ((day: string) => DocumentFrequencies | undefined) | undefined;
  let ongoing: ((day: string) => OngoingEvent | undefined) | undefined;
  const archive = await readArchive(args);
  const archivePath = archive?.path;
  if (archive) {
    background = archiveBackground(
      archive.articles,
      intOption(args, 'background-days', 7, { max: 60 }),
    );
    ongoing = archiveOngoing(archive.articles, background);
  }
  const started = performance.now();
  const scores = evaluateClustering(
    articles,
    labels,
    background ? { dayOf, background, ...(ongoing ? { ongoing } : {}) } : { dayOf },
  );
  const ms = performance.now() - started;
  const note =
    'duplicates are NOT removed before scoring: every labelled article counts; khulasa merges exact duplicates as its first step';
  if (args.values.json) {
    await writeLine(io.stdout, JSON.stringify({ articles: articles.length, note, scores }));
    return 0;
  }
  const header = `${'system'.padEnd(24)} ${'day'.padEnd(9)} ${'n'.padStart(4)} ${'gold'.padStart(4)} ${'pred'.padStart(4)}   B3 P   B3 R   B3 F1   pair P pair R pair F1`;
  const row = (s: ClusterScore): string =>
    `${s.system.padEnd(24)} ${s.day.padEnd(9)} ${String(s.articles).padStart(4)} ${String(s.stories).padStart(4)} ${String(s.clusters).padStart(4)}   ${f(s.bcubed.precision)}  ${f(s.bcubed.recall)}  ${f(s.bcubed.f1)}   ${f(s.pairwise.precision)}  ${f(s.pairwise.recall)}  ${f(s.pairwise.f1)}`;
  const lines = [
    `clustering of ${articles.length} articles from ${articlesPath}, each day on its own`,
    note,
    archivePath === undefined
      ? 'history: none (document frequencies from the day itself)'
      : `history: the archive's articles of the days before each day (${archivePath})`,
    '',
    header,
    ...scores.map(row),
    '',
    `khulasa overall B-cubed F1 ${f(scores.find((s) => s.system === 'khulasa' && s.day === 'overall')!.bcubed.f1)} (all systems scored in ${Math.round(ms)} ms)`,
  ];
  if (args.values.sweep) {
    const khulasaDays = scores.filter((s) => s.system === 'khulasa').map((s) => s.day);
    lines.push('', `sweep: khulasa B-cubed F1 (P) per day, one setting a notch either way`);
    lines.push(`${'setting'.padEnd(24)} ${khulasaDays.map((d) => d.padStart(15)).join(' ')}`);
    /** Per day: the F1 at the defaults, the lowest a notch gave and where, notches under each bar. */
    const days = new Map<string, { at: number; low: number; where: string; under: number[] }>();
    let notches = 0;
    for (const s of scores) {
      if (s.system === 'khulasa') {
        days.set(s.day, {
          at: s.bcubed.f1,
          low: Infinity,
          where: '',
          under: SWEEP_BARS.map(() => 0),
        });
      }
    }
    for (const { name, value, notch } of SWEEP) {
      for (const v of [value - notch, value, value + notch]) {
        const swept = evaluateClustering(articles, labels, {
          dayOf,
          systems: ['khulasa'],
          clusterOptions: { [name]: Math.round(v * 1e6) / 1e6 },
          ...(background ? { background } : {}),
          ...(ongoing ? { ongoing } : {}),
        });
        const setting = `${name} ${v.toFixed(3)}`;
        const cells = swept.map((s) => `${f(s.bcubed.f1)} (${f(s.bcubed.precision)})`.padStart(15));
        lines.push(`${setting.padEnd(24)} ${cells.join(' ')}`);
        if (v === value) continue;
        notches++;
        for (const s of swept) {
          const day = days.get(s.day)!;
          if (s.bcubed.f1 < day.low) Object.assign(day, { low: s.bcubed.f1, where: setting });
          SWEEP_BARS.forEach((bar, i) => {
            if (s.bcubed.f1 < bar) day.under[i]!++;
          });
        }
      }
    }
    const bars = SWEEP_BARS.map(f).join(' / ');
    lines.push(
      '',
      `sweep summary: each day at the defaults, its lowest over the ${notches} notches, and how many notches fall under ${bars}`,
    );
    const fell: string[] = [];
    days.forEach((d, day) => {
      if (d.under.at(-1)! > 0) fell.push(day);
      lines.push(
        `${day.padEnd(9)} ${f(d.at)}  lowest ${f(d.low)} (${d.where})`.padEnd(58) +
          ` under ${bars}: ${d.under.map((u) => `${u}/${notches}`).join(' ')}`,
      );
    });
    lines.push(
      `days under ${f(SWEEP_BARS.at(-1)!)} at some notch: ${fell.length ? fell.join(' ') : 'none'}`,
    );
  }
  await writeLine(io.stdout, lines.join('\n'));
  return 0;
}
