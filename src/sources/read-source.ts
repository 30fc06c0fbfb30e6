/**
 * Reading one source into articles: fetch (conditionally), decode, parse, and fetch the full
 * text of teaser-only items when the source asks for it. Throws FeedFetchError / FeedParseError;
 * the caller (the ingest pass) turns that into a failed report and backoff.
 */
import { readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import type { Logger } from 'pino';
import type { Article } from '../domain.js';
import type { Source } from '../store/types.js';
import { toArticle } from './article.js';
import { canonicalUrl } from './canonical.js';
import { decodeBody } from './encoding.js';
import { FeedFetchError, FeedParseError, describeError } from './errors.js';
import { extractArticle } from './extract.js';
import { FEED_MAX_BYTES, PAGE_MAX_BYTES, type HttpClient } from './http.js';
import { readArticleFile, readFolder, readJsonLines } from './local.js';
import { parseFeed, type FeedItem } from './parse-feed.js';

const FEED_ACCEPT =
  'application/rss+xml, application/atom+xml, application/feed+json, application/rdf+xml, application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.5';
const PAGE_ACCEPT = 'text/html, application/xhtml+xml;q=0.9, */*;q=0.5';

/** Teasers shorter than this get their page fetched when the source asks for full text. */
export const TEASER_MAX_CHARS = 500;
/** Full-text page fetches per source per pass (the rest keep their teaser until next pass). */
export const FULL_TEXT_PER_PASS = 40;

/** Sources made from a bare command-line spec: a URL may turn out to be a page, not a feed. */
const AUTO_SOURCES = new WeakSet<Source>();

/** Marks a source whose kind was guessed from a spec (feed, else page). */
export function markAutoDetect(source: Source): Source {
  AUTO_SOURCES.add(source);
  return source;
}

export interface ReadContext {
  http: HttpClient;
  now: Date;
  log: Logger;
  /** Validators from the last successful fetch, for a conditional GET. */
  etag?: string;
  lastModified?: string;
  /** Known article ids are not worth a full-text fetch. */
  isKnown?: (id: string) => Promise<boolean>;
}

export interface SourceRead {
  articles: Article[];
  notModified: boolean;
  etag?: string;
  lastModified?: string;
  /** Lines/files/items that could not be used (the source still counts as read). */
  warnings: string[];
}

const isHttpUrl = (u: string) => /^https?:\/\//i.test(u);

/** True when the item's text is only a teaser worth replacing with the page's full text. */
export function isTeaser(text: string): boolean {
  const t = text.trim();
  return (
    t.length < TEASER_MAX_CHARS ||
    /(…|\.\.\.|\[…\]|\[\.\.\.\]|اقرأ المزيد|المزيد|read more|continue reading)\s*$/iu.test(t)
  );
}

function headerString(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

/** `<link rel="alternate" type="application/rss+xml" href>` of an HTML page, absolute. */
export function findFeedLink(html: string, base: string): string | undefined {
  const links = html.match(/<link\b[^>]*>/gi) ?? [];
  for (const tag of links) {
    if (!/\brel\s*=\s*["']?alternate/i.test(tag)) continue;
    if (!/\btype\s*=\s*["']?application\/(rss|atom|feed)\+(xml|json)/i.test(tag)) continue;
    const href = /\bhref\s*=\s*["']([^"']+)["']/i.exec(tag)?.[1];
    if (!href) continue;
    try {
      return new URL(href.replace(/&amp;/g, '&'), base).href;
    } catch {
      continue;
    }
  }
  return undefined;
}

/**
 * An item without a usable link of its own (none, or an unsafe scheme the parser dropped) points
 * at the feed's site instead, but keeps an identity of its own: the id is computed before the
 * site link is put in, so two such items never collapse into one article.
 */
function itemToArticle(
  item: FeedItem,
  source: Source,
  now: Date,
  siteLink: string | undefined,
): Article | undefined {
  const text = item.content.length >= item.summary.length ? item.content : item.summary;
  const article = toArticle(
    { url: item.url, guid: item.guid, title: item.title, text, publishedAt: item.publishedAt },
    source,
    now,
  );
  if (!article || article.url || !siteLink) return article;
  return { ...article, url: canonicalUrl(siteLink) };
}

async function withFullText(
  articles: { article: Article; item: FeedItem }[],
  source: Source,
  ctx: ReadContext,
  warnings: string[],
): Promise<Article[]> {
  let budget = FULL_TEXT_PER_PASS;
  return Promise.all(
    articles.map(async ({ article, item }) => {
      // The site link an item fell back to is a home page, not the item's full text.
      if (!item.url || !isHttpUrl(article.url) || !isTeaser(article.text)) return article;
      if (ctx.isKnown && (await ctx.isKnown(article.id))) return article;
      if (budget <= 0) return article;
      budget -= 1;
      try {
        const res = await ctx.http.get(article.url, {
          maxBytes: PAGE_MAX_BYTES,
          accept: PAGE_ACCEPT,
        });
        const page = extractArticle(
          decodeBody(res.body, headerString(res.headers['content-type'])),
          res.url,
        );
        if (page && page.text.length > article.text.length) {
          return {
            ...article,
            text: page.text,
            title: article.title || page.title,
            language: source.language ?? article.language,
          };
        }
      } catch (err) {
        warnings.push(`full text of ${article.url}: ${describeError(err)}`);
        ctx.log.debug({ err, url: article.url, source: source.id }, 'full text fetch failed');
      }
      return article;
    }),
  );
}

async function articlesFromFeedText(
  text: string,
  where: string,
  source: Source,
  ctx: ReadContext,
  warnings: string[],
): Promise<Article[]> {
  const feed = parseFeed(text, { url: isHttpUrl(where) ? where : undefined });
  const pairs: { article: Article; item: FeedItem }[] = [];
  for (const item of feed.items) {
    const article = itemToArticle(item, source, ctx.now, feed.link);
    if (article) pairs.push({ article, item });
    else warnings.push(`empty item ${item.guid ?? item.url ?? ''}`.trim());
  }
  if (source.fullText) return withFullText(pairs, source, ctx, warnings);
  return pairs.map((p) => p.article);
}

function pageArticle(html: string, url: string, source: Source, now: Date): Article {
  const page = extractArticle(html, url);
  const article = page
    ? toArticle(
        {
          url: page.canonicalUrl ?? url,
          title: page.title,
          text: page.text,
          publishedAt: page.publishedAt,
          language:
            source.language ?? (page.language?.toLowerCase().startsWith('ar') ? 'ar' : undefined),
        },
        source,
        now,
      )
    : undefined;
  // A headline alone (or an empty page) is not news: failing the source says so to the operator
  // instead of letting a one-line "article" reach a digest.
  if (!article || !page?.text.trim())
    throw new FeedParseError(`no article text found in ${url}`, url);
  return article;
}

const looksLikeFeed = (text: string) =>
  /^\s*(<\?xml|<rss|<feed|<rdf:RDF|\{\s*"version"\s*:\s*"https?:\/\/jsonfeed)/i.test(
    text.slice(0, 500).replace(/^\ufeff/, ''),
  ) && !/^\s*(<\?xml[^>]*>\s*)?<!DOCTYPE\s+html/i.test(text.slice(0, 500));

async function readHttp(source: Source, ctx: ReadContext, warnings: string[]): Promise<SourceRead> {
  const isPage = source.kind === 'page';
  const res = await ctx.http.get(source.url, {
    maxBytes: isPage ? PAGE_MAX_BYTES : FEED_MAX_BYTES,
    accept: isPage ? PAGE_ACCEPT : FEED_ACCEPT,
    etag: ctx.etag,
    lastModified: ctx.lastModified,
  });
  const validators = {
    etag: headerString(res.headers.etag),
    lastModified: headerString(res.headers['last-modified']),
  };
  if (res.notModified) {
    return {
      articles: [],
      notModified: true,
      etag: validators.etag ?? ctx.etag,
      lastModified: validators.lastModified ?? ctx.lastModified,
      warnings,
    };
  }
  const text = decodeBody(res.body, headerString(res.headers['content-type']));
  if (isPage && !looksLikeFeed(text)) {
    return {
      articles: [pageArticle(text, res.url, source, ctx.now)],
      notModified: false,
      ...validators,
      warnings,
    };
  }
  try {
    const articles = await articlesFromFeedText(text, res.url, source, ctx, warnings);
    return { articles, notModified: false, ...validators, warnings };
  } catch (err) {
    if (!(err instanceof FeedParseError) || looksLikeFeed(text)) throw err;
    // An HTML page where a feed was expected: follow its advertised feed, once.
    const feedUrl = findFeedLink(text, res.url);
    if (feedUrl && feedUrl !== res.url) {
      const feedRes = await ctx.http.get(feedUrl, {
        maxBytes: FEED_MAX_BYTES,
        accept: FEED_ACCEPT,
      });
      const feedText = decodeBody(feedRes.body, headerString(feedRes.headers['content-type']));
      const articles = await articlesFromFeedText(feedText, feedRes.url, source, ctx, warnings);
      return { articles, notModified: false, warnings };
    }
    if (AUTO_SOURCES.has(source)) {
      return {
        articles: [pageArticle(text, res.url, source, ctx.now)],
        notModified: false,
        warnings,
      };
    }
    throw err;
  }
}

async function readLocalFeed(
  source: Source,
  ctx: ReadContext,
  warnings: string[],
): Promise<SourceRead> {
  let size: number;
  try {
    size = (await stat(source.url)).size;
  } catch (err) {
    throw new FeedFetchError(
      `cannot read ${source.url}: ${(err as NodeJS.ErrnoException).code ?? describeError(err)}`,
      source.url,
      'io',
      undefined,
      { cause: err },
    );
  }
  if (size > FEED_MAX_BYTES) {
    throw new FeedFetchError(
      `file larger than ${FEED_MAX_BYTES} bytes: ${source.url}`,
      source.url,
      'too-large',
    );
  }
  const text = decodeBody(await readFile(source.url));
  const articles = await articlesFromFeedText(text, source.url, source, ctx, warnings);
  return { articles, notModified: false, warnings };
}

/** Reads one source once. */
export async function readSource(source: Source, ctx: ReadContext): Promise<SourceRead> {
  const warnings: string[] = [];
  switch (source.kind) {
    case 'folder': {
      const r = await readFolder(source.url, source, ctx.now);
      return { articles: r.articles, notModified: false, warnings: r.skipped };
    }
    case 'jsonl': {
      const r = await readJsonLines(source.url, source, ctx.now);
      return { articles: r.articles, notModified: false, warnings: r.skipped };
    }
    case 'page':
      if (!isHttpUrl(source.url)) {
        const article = await readArticleFile(source.url, source, ctx.now);
        return { articles: article ? [article] : [], notModified: false, warnings };
      }
      return readHttp(source, ctx, warnings);
    case 'feed':
      return isHttpUrl(source.url)
        ? readHttp(source, ctx, warnings)
        : readLocalFeed(source, ctx, warnings);
  }
}

/** File extensions read as one article rather than a feed. */
export const SINGLE_ARTICLE_EXTENSIONS = new Set(['.txt', '.md', '.markdown', '.html', '.htm']);

/** Kind of a local path spec from its extension (directories are checked by the caller). */
export function localKind(path: string): Source['kind'] | 'sources-file' {
  const ext = extname(path).toLowerCase();
  if (ext === '.jsonl' || ext === '.ndjson') return 'jsonl';
  if (ext === '.yaml' || ext === '.yml') return 'sources-file';
  if (SINGLE_ARTICLE_EXTENSIONS.has(ext)) return 'page';
  return 'feed';
}
