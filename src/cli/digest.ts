/**
 * `khulasa digest`: builds one digest from the store or from given sources and prints it, as
 * readable text or as JSON. Also home of the article loading shared with `khulasa topic`.
 */
import { readFile } from 'node:fs/promises';
import { ArticleSchema, type Article, type Digest, type Story } from '../domain.js';
import {
  buildDigest,
  countOutlets,
  FUTURE_TOLERANCE_MS,
  storyGist,
  type DocumentFrequencies,
} from '../digest/index.js';
import { parseConfig } from '../config/index.js';
import { silentLogger } from '../log.js';
import { isValidTimeZone } from '../time/index.js';
import {
  UsageError,
  intOption,
  listOption,
  writeLine,
  type CliIO,
  type Command,
  type ParsedArgs,
} from './command.js';

const HELP = `Usage: khulasa digest [--from FILE.jsonl|DIR|URL …] [--window HOURS] [--now ISO]
                      [--lang CODE] [--tz ZONE] [--full] [--json] [--all-stories]
                      [--max-stories K]

Builds one digest — the top stories of the window, each with key points and its sources — and
prints it as a reader gets it: one screen with a headline, one short key sentence, how many
outlets and the time of the latest article per story. Without --from, the articles come from the
store (STORE_URL).

  --from SPEC       a feed or page URL, a FILE.jsonl of articles
                    ({"id","title","text","url","source","publishedAt"} per line), a folder,
                    or a sources file; repeat for several
  --window HOURS    hours of articles covered, ending at --now (default 24; for --from files
                    without --now, from their oldest article)
  --now ISO         the build time (default: the current time; for --from files, their newest
                    article's time when that is earlier); given, --from sources are read as
                    of then: articles published later are left out
  --max-stories K   stories in the digest (default 8)
  --all-stories     every article in exactly one story (no cut at K)
  --lang CODE       translate the digest (e.g. en, fr); Arabic when translation is off
  --tz ZONE         IANA time zone of the date and story times (default UTC)
  --full            every key point and source of each story (the full layout)
  --json            {"id","window":{"from","to"},"stories":[{"id","title","headline","gist",
                    "outlets","latestAt","points","sources":[{"name","url"}],
                    "articles":[{"id","source","title","url"}]}]}`;

/**
 * When a digest or an answer is made from given files and --now is not set, it ends at the newest
 * article's time if that is in the past: a file of an earlier day reads as that day did, instead
 * of as an empty window ending today. Live feeds are recent, so for them this is about now.
 */
export function endOfArticles(args: ParsedArgs, articles: readonly Article[], now: Date): Date {
  if (args.values.now !== undefined) return now;
  let newest = -Infinity;
  for (const a of articles) {
    const t = Date.parse(a.publishedAt);
    if (t > newest) newest = t;
  }
  return Number.isFinite(newest) && newest < now.getTime() ? new Date(newest) : now;
}

/** Reads --now (ISO 8601) or returns the current time. */
export function parseNow(args: ParsedArgs): Date {
  const raw = args.values.now;
  if (raw === undefined) return new Date();
  const t = typeof raw === 'string' ? Date.parse(raw) : NaN;
  if (Number.isNaN(t)) {
    throw new UsageError(
      `--now expects an ISO 8601 time like 2026-01-31T07:00:00Z, got '${String(raw)}'`,
    );
  }
  return new Date(t);
}

function slug(name: string): string {
  return (
    name
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-+|-+$/g, '') || 'source'
  );
}

/**
 * One line of an articles file as an Article. Accepts the documented shape
 * ({"id","title","text","url","source","publishedAt"}), full Article objects, and ANT-corpus
 * lines ({"id","outlet","title","time","text","url"}). Returns undefined for unusable lines.
 */
export function toArticle(raw: unknown): Article | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const r = raw as Record<string, unknown>;
  const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
  const id = str(r.id);
  const title = str(r.title) ?? '';
  const text = str(r.text) ?? '';
  if (!id || (!title && !text)) return undefined;
  const when = str(r.publishedAt) ?? str(r.time) ?? str(r.published);
  const t = when ? Date.parse(when) : NaN;
  if (Number.isNaN(t)) return undefined;
  // ANT-corpus lines carry the outlet in "outlet" and a provenance path in "source".
  const sourceName = str(r.sourceName) ?? str(r.outlet) ?? str(r.source) ?? 'unknown';
  const candidate = {
    id,
    url: str(r.url) ?? '',
    sourceId: str(r.sourceId) ?? slug(sourceName),
    sourceName,
    title,
    text,
    publishedAt: new Date(t).toISOString(),
    fetchedAt: str(r.fetchedAt) ?? new Date(t).toISOString(),
    language: str(r.language) ?? 'ar',
    ...(Array.isArray(r.alsoIn) ? { alsoIn: r.alsoIn } : {}),
  };
  const parsed = ArticleSchema.safeParse(candidate);
  return parsed.success ? parsed.data : undefined;
}

/** Reads a JSON-lines file of articles (see {@link toArticle}); bad lines are skipped. */
export async function readArticlesFile(path: string): Promise<Article[]> {
  const text = await readFile(path, 'utf8');
  const out: Article[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch {
      continue;
    }
    const a = toArticle(raw);
    if (a) out.push(a);
  }
  return out;
}

/**
 * Articles from --from specs (feed or page URLs, JSON-lines files, folders, sources files),
 * read by the sources module. A failed source is reported on stderr and the others are used;
 * when every source failed, that is an error.
 *
 * `asOf` (an explicit --now) replays the sources at that time: what was published after it
 * did not exist yet and is left out (said on stderr), where a live read takes a date after
 * its clock for a wrong time zone and clamps it; an undated article counts as read then.
 */
export async function loadArticles(
  specs: string[],
  now: Date,
  io: CliIO,
  opts: { asOf?: boolean } = {},
): Promise<Article[]> {
  const { collectArticles } = await import('../sources/index.js');
  const readAt = opts.asOf ? new Date(Math.max(Date.now(), now.getTime())) : now;
  const collected = await collectArticles(specs, { now: readAt });
  const { reports } = collected;
  let articles = collected.articles;
  if (opts.asOf) {
    const undated = readAt.toISOString();
    const latest = now.getTime() + FUTURE_TOLERANCE_MS;
    const asOf = now.toISOString();
    const kept = articles
      .filter((a) => a.publishedAt === undated || Date.parse(a.publishedAt) <= latest)
      .map((a) => (a.publishedAt === undated ? { ...a, publishedAt: asOf, fetchedAt: asOf } : a));
    const later = articles.length - kept.length;
    if (later > 0) {
      io.stderr.write(
        `khulasa: left out ${later} article${later === 1 ? '' : 's'} published after --now ${asOf}\n`,
      );
    }
    articles = kept;
  }
  const failed = reports.filter((r) => r.status === 'failed');
  if (articles.length === 0 && failed.length > 0 && failed.length === reports.length) {
    const first = failed[0]!;
    throw new Error(
      `no articles: ${failed.length === 1 ? 'the source' : `all ${failed.length} sources`} failed (${first.url || first.id}: ${first.error ?? 'unknown error'})`,
    );
  }
  for (const r of failed) {
    io.stderr.write(`khulasa: source ${r.url || r.id} failed: ${r.error ?? 'unknown error'}\n`);
  }
  return articles;
}

/** Articles of the last `hours` before `now` from the configured store. */
export async function loadStoreArticles(io: CliIO, since: Date): Promise<Article[]> {
  const config = parseConfig(io.env);
  const { withRuntime } = await import('../app/runtime.js');
  return withRuntime(config, { log: silentLogger(), translator: false }, ({ store }) =>
    store.articles.listSince(since),
  );
}

/**
 * The clustering history of the days before `since` from the configured store: always when
 * the digest is built from the store; with --from sources only when STORE_URL is set (reading
 * files must not create a store in the working directory). Undefined when there is none.
 */
export async function loadStoreHistory(
  io: CliIO,
  since: Date,
  fromStore: boolean,
): Promise<DocumentFrequencies | undefined> {
  if (!fromStore && !io.env.STORE_URL) return undefined;
  const config = parseConfig(io.env);
  const { withRuntime } = await import('../app/runtime.js');
  const { loadHistory } = await import('../schedule/history.js');
  return withRuntime(config, { log: silentLogger(), translator: false }, ({ store }) =>
    loadHistory(store, since, config.CLUSTER_BACKGROUND_DAYS),
  );
}

/** The JSON shape printed by --json (extra keys beyond the documented ones are allowed). */
export function storyJson(s: Story): Record<string, unknown> {
  return {
    id: s.id,
    title: s.title,
    headline: s.title,
    gist: storyGist(s),
    outlets: countOutlets(s),
    points: s.points,
    sources: s.sources,
    articles: s.articles,
    score: s.score,
    ...(s.update ? { update: true } : {}),
    ...(s.latestAt ? { latestAt: s.latestAt } : {}),
  };
}

/** Readable text of stories: numbered titles, bullet points, sources with links. */
export function storiesText(stories: readonly Story[]): string[] {
  const lines: string[] = [];
  stories.forEach((s, i) => {
    lines.push(`${i + 1}. ${s.title}${s.update ? ' (update)' : ''}`);
    for (const p of s.points) lines.push(`   • ${p}`);
    lines.push(
      `   sources: ${s.sources.map((src) => (src.url ? `${src.name} <${src.url}>` : src.name)).join(', ')}`,
    );
    if (s.articles.length > 1) lines.push(`   ${s.articles.length} articles`);
    lines.push('');
  });
  return lines;
}

async function translate(
  digest: Digest,
  lang: string,
  io: CliIO,
): Promise<{ digest: Digest; extra: Record<string, unknown>; notice?: string }> {
  const config = parseConfig(io.env);
  const { withRuntime } = await import('../app/runtime.js');
  const { translateWith } = await import('../translate/index.js');
  return withRuntime(config, { log: silentLogger() }, async ({ translator }) => {
    const out = await translateWith(digest, lang, translator);
    return { digest: out.digest, extra: { translation: out.translation }, notice: out.notice };
  });
}

export const command: Command = {
  name: 'digest',
  summary: 'build one digest from the store or given sources and print it',
  help: HELP,
  options: {
    from: { type: 'string', multiple: true },
    window: { type: 'string' },
    now: { type: 'string' },
    lang: { type: 'string' },
    tz: { type: 'string' },
    full: { type: 'boolean' },
    json: { type: 'boolean' },
    'all-stories': { type: 'boolean' },
    'max-stories': { type: 'string' },
  },
  async run(args, io) {
    let windowHours = intOption(args, 'window', 24, { max: 24 * 30 });
    const maxStories = intOption(args, 'max-stories', 8, { max: 1000 });
    const lang = typeof args.values.lang === 'string' ? args.values.lang.trim() : undefined;
    if (lang !== undefined && !/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(lang)) {
      throw new UsageError(`--lang expects a language code like en or pt-BR, got '${lang}'`);
    }
    const tz = typeof args.values.tz === 'string' ? args.values.tz.trim() : 'UTC';
    if (!isValidTimeZone(tz)) {
      throw new UsageError(`--tz expects an IANA time zone like Asia/Riyadh or UTC, got '${tz}'`);
    }
    const specs = listOption(args, 'from');
    const clock = parseNow(args);
    const articles = specs.length
      ? await loadArticles(specs, clock, io, { asOf: args.values.now !== undefined })
      : await loadStoreArticles(io, new Date(clock.getTime() - windowHours * 3_600_000));
    const now = specs.length ? endOfArticles(args, articles, clock) : clock;
    // Files without --now or --window: the window reaches back to their oldest article (up to
    // 30 days), so a day's file gives that whole day whatever the outlets' time zones.
    if (specs.length && args.values.now === undefined && args.values.window === undefined) {
      const oldest = Math.min(...articles.map((a) => Date.parse(a.publishedAt)));
      const span = Math.ceil((now.getTime() - oldest) / 3_600_000);
      if (Number.isFinite(span)) windowHours = Math.min(24 * 30, Math.max(windowHours, span));
    }
    const since = new Date(now.getTime() - windowHours * 3_600_000);
    const background = await loadStoreHistory(io, since, specs.length === 0);
    let digest = buildDigest(articles, {
      now,
      windowHours,
      maxStories,
      allStories: args.values['all-stories'] === true,
      ...(background ? { background } : {}),
    });
    // What the digest covers: the window's articles, not every one read (a whole archive file).
    const covered = `${digest.stories.length} stories from ${digest.articleCount ?? 0} articles of the window`;
    let extra: Record<string, unknown> = {};
    if (lang && lang !== 'ar') {
      const out = await translate(digest, lang, io);
      digest = out.digest;
      extra = out.extra;
      if (out.notice) io.stderr.write(`khulasa: ${out.notice}\n`);
    }
    if (args.values.json) {
      const json = {
        id: digest.id,
        window: digest.window,
        builtAt: digest.builtAt,
        language: digest.language,
        articleCount: articles.length,
        stories: digest.stories.map(storyJson),
        ...extra,
      };
      await writeLine(io.stdout, JSON.stringify(json));
      return 0;
    }
    if (args.values.full !== true) {
      const { htmlToPlainText, renderDigest, visibleText } = await import('../bot/format.js');
      const messages = renderDigest(digest, { ui: digest.language || 'ar', timeZone: tz });
      const visible = messages.reduce((n, m) => n + visibleText(m.html).length, 0);
      const text = messages.map((m) => htmlToPlainText(m.html)).join('\n\n');
      const summary = `${covered} · ${visible} visible characters in ${messages.length} message${messages.length === 1 ? '' : 's'}`;
      await writeLine(io.stdout, `${text}\n\n${summary}`);
      return 0;
    }
    const lines = [
      `Digest ${digest.id} — ${digest.window.from} to ${digest.window.to}`,
      covered,
      '',
      ...storiesText(digest.stories),
    ];
    if (digest.stories.length === 0) lines.push(`no articles in the last ${windowHours} hours`);
    await writeLine(io.stdout, lines.join('\n').trimEnd());
    return 0;
  },
};
