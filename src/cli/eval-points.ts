/**
 * `khulasa eval --points ARTICLES.jsonl`: checks the key points readers would get from a file of
 * articles against the whole-word rule (a point is a run of whole words of one article, see
 * digest/faithful.ts) and the boilerplate patterns (digest/boilerplate.ts), and counts pairs of
 * points of one story that share more than half their content words.
 *
 * Every article gets its own key points checked. Lines that carry a time (ANT-format
 * {"id","title","text","time","outlet","url"}) are also grouped into days (see auditPoints), and
 * each day's digest
 * with all stories is built and its story points checked against the story's articles.
 */
import { readFile } from 'node:fs/promises';
import type { Article } from '../domain.js';
import { boilerplateKind } from '../digest/boilerplate.js';
import { buildDigest } from '../digest/digest.js';
import { createFaithfulnessCheck } from '../digest/faithful.js';
import { extractKeyPoints } from '../digest/keypoints.js';
import { isRedundant, pointKeys } from '../digest/story.js';
import { UsageError, intOption, writeLine, type CliIO, type ParsedArgs } from './command.js';
import { toArticle } from './digest.js';

/** One finding: where the point comes from and the point. */
export interface PointFinding {
  where: string;
  point: string;
}

/** Counts and first examples of one kind of finding. */
export interface FindingList {
  count: number;
  examples: PointFinding[];
}

export interface PointsAuditPart {
  /** Articles (per-article part) or stories (digest part) checked. */
  units: number;
  points: number;
  wholeWord: FindingList;
  boilerplate: FindingList;
  /** Pairs of points of one unit that share more than half their content words. */
  redundant: FindingList;
}

export interface PointsAudit {
  articles: PointsAuditPart;
  /** Present when the lines carry times: one digest per day, named by its first UTC hour. */
  digests?: PointsAuditPart & { days: string[] };
}

/** One line of the input: the article text, and the full Article when the line has a time. */
export interface PointsInput {
  id: string;
  title?: string;
  text: string;
  article?: Article;
}

const HOUR = 3_600_000;

function emptyPart(): PointsAuditPart {
  const list = (): FindingList => ({ count: 0, examples: [] });
  return { units: 0, points: 0, wholeWord: list(), boilerplate: list(), redundant: list() };
}

function add(list: FindingList, finding: PointFinding, keep: number): void {
  list.count++;
  if (list.examples.length < keep) list.examples.push(finding);
}

function checkUnit(
  part: PointsAuditPart,
  where: string,
  points: readonly string[],
  texts: readonly string[],
  keep: number,
): void {
  part.units++;
  part.points += points.length;
  const faithful = createFaithfulnessCheck(texts);
  const keys = points.map(pointKeys);
  points.forEach((point, i) => {
    if (!faithful(point)) add(part.wholeWord, { where, point }, keep);
    const kind = boilerplateKind(point);
    if (kind) add(part.boilerplate, { where: `${where}: ${kind}`, point }, keep);
    for (let j = 0; j < i; j++) {
      if (isRedundant(keys[i]!, keys[j]!, 0.5 + 1e-9)) {
        add(part.redundant, { where, point: `${points[j]} ‖ ${point}` }, keep);
      }
    }
  });
}

/**
 * Checks the key points of every input article and, for inputs with times, of every story of
 * each day's digest. `examples` first findings of each kind are kept; `extract` makes the
 * per-article points (khulasa's key points by default).
 */
export function auditPoints(
  inputs: readonly PointsInput[],
  examples = 5,
  extract: (text: string, title?: string) => string[] = (text, title) =>
    extractKeyPoints(text, { title, points: 3 }),
): PointsAudit {
  const articles = emptyPart();
  for (const a of inputs) {
    const points = extract(a.text, a.title);
    checkUnit(articles, a.id, points, [a.text], examples);
  }
  const dated = inputs.flatMap((a) => (a.article ? [a.article] : []));
  if (dated.length === 0) return { articles };
  // A day: articles in time order until a gap of 6 hours or 28 hours after its first one (a day of
  // outlets in several time zones spans more than 24 hours of UTC), so separate days stay whole.
  const byDay = new Map<string, Article[]>();
  let day: Article[] = [];
  let firstMs = -Infinity;
  let lastMs = -Infinity;
  const inOrder = [...dated].sort((x, y) => Date.parse(x.publishedAt) - Date.parse(y.publishedAt));
  for (const a of inOrder) {
    const t = Date.parse(a.publishedAt);
    if (t - lastMs > 6 * HOUR || t - firstMs >= 28 * HOUR) {
      day = [];
      firstMs = t;
      byDay.set(a.publishedAt.slice(0, 13).replace('T', ' ') + 'h', day);
    }
    day.push(a);
    lastMs = t;
  }
  const digests = { ...emptyPart(), days: [...byDay.keys()].sort() };
  for (const day of digests.days) {
    const group = byDay.get(day)!;
    const times = group.map((a) => Date.parse(a.publishedAt));
    const first = Math.min(...times);
    const last = Math.max(...times);
    const digest = buildDigest(group, {
      now: new Date(last + 1),
      windowHours: Math.ceil((last - first) / HOUR) + 1,
      allStories: true,
    });
    const byId = new Map(group.map((a) => [a.id, a]));
    for (const story of digest.stories) {
      const texts = story.articles.flatMap((s) => {
        const a = byId.get(s.id);
        return a ? [a.text] : [];
      });
      checkUnit(digests, `${day} ${story.title}`, story.points, texts, examples);
    }
  }
  return { articles, digests };
}

/** Reads the input lines: any JSON object with a "text"; bad lines are a usage error. */
export async function readPointsInputs(path: string, limit = Infinity): Promise<PointsInput[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UsageError(`cannot read ${path}: no such file`);
    if (code === 'EISDIR') throw new UsageError(`cannot read ${path}: it is a directory`);
    throw err;
  }
  const out: PointsInput[] = [];
  const lines = text.split('\n');
  for (let n = 0; n < lines.length && out.length < limit; n++) {
    const line = lines[n]!;
    if (!line.trim()) continue;
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch {
      throw new UsageError(`${path}:${n + 1}: not valid JSON`);
    }
    const r = (raw ?? {}) as Record<string, unknown>;
    if (typeof r.text !== 'string') {
      throw new UsageError(`${path}:${n + 1}: expected a JSON object with a "text"`);
    }
    const id =
      typeof r.id === 'string' || typeof r.id === 'number' ? String(r.id) : `line-${n + 1}`;
    const article = toArticle(raw);
    out.push({
      id,
      text: r.text,
      ...(typeof r.title === 'string' && r.title ? { title: r.title } : {}),
      ...(article ? { article } : {}),
    });
  }
  return out;
}

function partLines(label: string, part: PointsAuditPart): string[] {
  const lines = [
    `${label}: ${part.units} checked, ${part.points} points — whole-word failures ${part.wholeWord.count}, ` +
      `boilerplate ${part.boilerplate.count}, near-duplicate pairs ${part.redundant.count}`,
  ];
  const show = (name: string, list: FindingList): void => {
    for (const e of list.examples) lines.push(`  ${name} [${e.where}] ${e.point}`);
  };
  show('whole-word', part.wholeWord);
  show('boilerplate', part.boilerplate);
  show('near-duplicate', part.redundant);
  return lines;
}

/** Runs `khulasa eval --points ARTICLES.jsonl [--json] [--limit N]`. */
export async function evalPoints(args: ParsedArgs, io: CliIO): Promise<number> {
  const path = String(args.values.points);
  const limit = intOption(args, 'limit', Infinity as number, { min: 1, max: 1_000_000 });
  const inputs = await readPointsInputs(path, limit);
  if (inputs.length === 0) throw new UsageError(`${path} has no articles`);
  const audit = auditPoints(inputs);
  if (args.values.json) {
    await writeLine(io.stdout, JSON.stringify({ data: path, ...audit }));
    return 0;
  }
  const lines = [`Key points of ${path}: ${inputs.length} articles`];
  lines.push(...partLines('per article', audit.articles));
  if (audit.digests) {
    lines.push(
      ...partLines(`digests (${audit.digests.days.join(', ')}, all stories)`, audit.digests),
    );
  }
  for (const line of lines) await writeLine(io.stdout, line);
  return 0;
}
