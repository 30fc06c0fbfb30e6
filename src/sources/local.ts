/**
 * Local sources: a folder of .txt/.md/.html articles (the first line, or the page's <title>/<h1>,
 * is the title) and a JSON-lines file of articles
 * `{"id","title","text","url","source","publishedAt"}`.
 */
import { createReadStream } from 'node:fs';
import { readFile, readdir, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import type { Article } from '../domain.js';
import { toArticle, type SourceInfo } from './article.js';
import { slugify } from './canonical.js';
import { decodeBody } from './encoding.js';
import { FeedFetchError, FeedParseError } from './errors.js';
import { extractArticle } from './extract.js';
import { PAGE_MAX_BYTES } from './http.js';

export const ARTICLE_FILE_EXTENSIONS = new Set(['.txt', '.md', '.markdown', '.html', '.htm']);
/** A JSON-lines file may be large (an evaluation set); each line is capped instead. */
const MAX_LINE_CHARS = 1_000_000;

export interface LocalResult {
  articles: Article[];
  /** Lines or files that could not be read, with why (the rest still count). */
  skipped: string[];
}

function stripMarkdown(line: string): string {
  return line
    .replace(/^#{1,6}\s+/, '')
    .replace(/^\s*[-*+]\s+/, '')
    .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/(\*\*|__|\*|_|`)(.+?)\1/g, '$2')
    .trim();
}

/** Title and text of one article file. */
export function readArticleText(
  content: string,
  ext: string,
  url: string,
): { title: string; text: string; publishedAt?: string } {
  if (ext === '.html' || ext === '.htm') {
    const page = extractArticle(content, url);
    return { title: page?.title ?? '', text: page?.text ?? '', publishedAt: page?.publishedAt };
  }
  const markdown = ext === '.md' || ext === '.markdown';
  const lines = content
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => (markdown ? stripMarkdown(l) : l.trim()));
  const firstIndex = lines.findIndex((l) => l.length > 0);
  if (firstIndex === -1) return { title: '', text: '' };
  const title = lines[firstIndex]!;
  // Blank lines separate paragraphs; lines inside a paragraph are joined.
  const paragraphs: string[] = [];
  let current: string[] = [];
  for (const line of lines.slice(firstIndex + 1)) {
    if (line) current.push(line);
    else if (current.length) {
      paragraphs.push(current.join(' '));
      current = [];
    }
  }
  if (current.length) paragraphs.push(current.join(' '));
  return { title, text: paragraphs.join('\n') };
}

/** Reads one article file (.txt, .md, .html). */
export async function readArticleFile(
  path: string,
  source: SourceInfo,
  now: Date,
): Promise<Article | undefined> {
  const info = await stat(path);
  if (info.size > PAGE_MAX_BYTES) {
    throw new FeedFetchError(
      `file larger than ${PAGE_MAX_BYTES} bytes: ${path}`,
      path,
      'too-large',
    );
  }
  const url = pathToFileURL(path).href;
  const { title, text, publishedAt } = readArticleText(
    decodeBody(await readFile(path)),
    extname(path).toLowerCase(),
    url,
  );
  return toArticle(
    {
      title,
      text,
      url,
      publishedAt: publishedAt ?? info.mtime.toISOString(),
    },
    source,
    now,
  );
}

/** Every article file directly inside `dir`, in name order. */
export async function readFolder(dir: string, source: SourceInfo, now: Date): Promise<LocalResult> {
  let names: string[];
  try {
    names = (await readdir(dir)).sort();
  } catch (err) {
    throw new FeedFetchError(
      `cannot read folder ${dir}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
      dir,
      'io',
      undefined,
      { cause: err },
    );
  }
  const articles: Article[] = [];
  const skipped: string[] = [];
  for (const name of names) {
    if (name.startsWith('.') || !ARTICLE_FILE_EXTENSIONS.has(extname(name).toLowerCase())) continue;
    const path = join(dir, name);
    try {
      const article = await readArticleFile(path, source, now);
      if (article) articles.push(article);
      else skipped.push(`${name}: empty`);
    } catch (err) {
      skipped.push(`${name}: ${(err as Error).message}`);
    }
  }
  return { articles, skipped };
}

const idValue = z.union([z.string().min(1), z.number()]).transform(String);

/** One line of a JSON-lines article file. */
export const JsonLineArticleSchema = z
  .looseObject({
    id: idValue.optional(),
    title: z.string().optional(),
    text: z.string().optional(),
    url: z.string().optional(),
    /** The outlet's name ("Al Jazeera"). */
    source: z.string().optional(),
    /** The outlet's name where "source" says where the line came from (news corpora). */
    outlet: z.string().optional(),
    publishedAt: z.string().optional(),
    /** Publication time under the names feeds and corpora use for it. */
    time: z.string().optional(),
    date_published: z.string().optional(),
    language: z.string().optional(),
  })
  .refine((a) => Boolean(a.title?.trim() || a.text?.trim()), {
    message: 'needs a title or a text',
  });

/** The source id of an outlet named in a JSON line: its Latin slug, else its site's host. */
function outletId(outlet: string, url: string | undefined): string {
  if (/[a-z0-9]/i.test(outlet)) return slugify(outlet);
  const host = url && URL.canParse(url) ? new URL(url).hostname.replace(/^www\./, '') : '';
  return host ? slugify(host) : slugify(outlet);
}

/** One validated JSON line to an article (undefined when empty). */
export function jsonLineToArticle(
  a: z.infer<typeof JsonLineArticleSchema>,
  source: SourceInfo,
  now: Date,
  file: string,
): Article | undefined {
  const outlet = (a.outlet ?? a.source)?.trim();
  return toArticle(
    {
      id: a.id,
      url: a.url,
      title: a.title ?? '',
      text: a.text ?? '',
      publishedAt: a.publishedAt ?? a.date_published ?? a.time,
      language: a.language,
      sourceId: outlet ? outletId(outlet, a.url) : undefined,
      sourceName: outlet,
      guid: a.id === undefined ? undefined : `${file}#${a.id}`,
    },
    source,
    now,
  );
}

/**
 * Reads a JSON-lines file of articles. Lines that are not JSON or lack both title and text are
 * skipped and reported; ids in the file are kept (so evaluation labels still match).
 */
export async function readJsonLines(
  path: string,
  source: SourceInfo,
  now: Date,
): Promise<LocalResult> {
  try {
    await stat(path);
  } catch (err) {
    throw new FeedFetchError(
      `cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
      path,
      'io',
      undefined,
      { cause: err },
    );
  }
  const articles: Article[] = [];
  const skipped: string[] = [];
  const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
  let n = 0;
  for await (const raw of lines) {
    n += 1;
    const line = n === 1 ? raw.replace(/^\ufeff/, '') : raw;
    if (!line.trim()) continue;
    if (line.length > MAX_LINE_CHARS) {
      skipped.push(`line ${n}: longer than ${MAX_LINE_CHARS} characters`);
      continue;
    }
    let data: unknown;
    try {
      data = JSON.parse(line);
    } catch {
      skipped.push(`line ${n}: not JSON`);
      continue;
    }
    const parsed = JsonLineArticleSchema.safeParse(data);
    if (!parsed.success) {
      skipped.push(`line ${n}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
      continue;
    }
    const article = jsonLineToArticle(parsed.data, source, now, path);
    if (article) articles.push(article);
  }
  if (n > 0 && articles.length === 0 && skipped.length > 0) {
    throw new FeedParseError(`no readable article in ${path} (${skipped[0]})`, path);
  }
  return { articles, skipped };
}
