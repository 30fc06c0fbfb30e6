/**
 * `khulasa eval --clusters ARTICLES.jsonl --labels STORIES.json`: B-cubed and pairwise
 * precision / recall / F1 of khulasa's story clustering, per day and overall, beside two
 * baselines measured in the same run (every article alone; exact duplicates merged).
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import type { Article } from '../domain.js';
import { evaluateClustering, type ClusterScore } from '../digest/index.js';
import { writeLine, type CliIO, type ParsedArgs } from './command.js';
import { readArticlesFile } from './digest.js';

const LabelsSchema = z.object({ labels: z.record(z.string(), z.string()) });

/** The day of an article: the last 8 digits of its id when it ends with a date, else its UTC date. */
export function dayOf(a: Article): string {
  const m = /(\d{8})$/.exec(a.id);
  return m ? m[1]! : a.publishedAt.slice(0, 10).replace(/-/g, '');
}

const f = (x: number): string => x.toFixed(3);

/** Runs the evaluation and prints a table (or JSON with --json); returns the exit code. */
export async function evalClusters(args: ParsedArgs, io: CliIO): Promise<number> {
  const articlesPath = String(args.values.clusters);
  const labelsPath = String(args.values.labels);
  const articles = await readArticlesFile(articlesPath).catch((err: NodeJS.ErrnoException) => {
    throw new Error(`cannot read articles ${articlesPath}: ${err.code ?? err.message}`);
  });
  if (articles.length === 0) throw new Error(`no articles in ${articlesPath}`);
  let labelsRaw: unknown;
  try {
    labelsRaw = JSON.parse(await readFile(labelsPath, 'utf8'));
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    throw new Error(`cannot read labels ${labelsPath}: ${e.code ?? e.message}`);
  }
  const parsed = LabelsSchema.safeParse(labelsRaw);
  if (!parsed.success) throw new Error(`${labelsPath} has no "labels": {id: story} object`);
  const labels = parsed.data.labels;
  const started = performance.now();
  const scores = evaluateClustering(articles, labels, { dayOf });
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
    '',
    header,
    ...scores.map(row),
    '',
    `khulasa overall B-cubed F1 ${f(scores.find((s) => s.system === 'khulasa' && s.day === 'overall')!.bcubed.f1)} (all systems scored in ${Math.round(ms)} ms)`,
  ];
  await writeLine(io.stdout, lines.join('\n'));
  return 0;
}
