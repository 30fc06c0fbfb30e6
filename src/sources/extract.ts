/**
 * extractArticle: the readable text of a news page, with Mozilla Readability running on a
 * linkedom document (no browser, no jsdom). Boilerplate (menus, share bars, related links) is
 * dropped; paragraphs are kept, one per line.
 */
import { Readability } from '@mozilla/readability';
import { decodeHTMLStrict } from 'entities';
import { parseHTML } from 'linkedom';
import { parseFeedDate } from './parse-feed.js';
import { fragmentToText } from './html.js';

export interface ExtractedArticle {
  title: string;
  /** Paragraphs separated by "\n". */
  text: string;
  /** ISO 8601 from article:published_time, <time datetime> or similar, when present. */
  publishedAt?: string;
  siteName?: string;
  /** Language declared by the page (<html lang>), when present. */
  language?: string;
  /** <link rel="canonical">, absolute. */
  canonicalUrl?: string;
}

/** Short lines that are share bars, "read more" links and follow-us prompts, not news. */
const BOILERPLATE =
  /^(?:.{0,20}\b)?(شارك|مشاركة|اقرأ أيضا|اقرأ أيضاً|اقرأ المزيد|تابعونا|تابعنا|للمزيد|share|read more|follow us|facebook|twitter|whatsapp|telegram)(?:$|[\s:،,].{0,40}$)/iu;

function isBoilerplate(line: string): boolean {
  return line.length <= 60 && BOILERPLATE.test(line);
}

type HtmlDocument = ReturnType<typeof parseHTML>['document'];

function meta(document: HtmlDocument, names: string[]): string | undefined {
  for (const name of names) {
    const el =
      document.querySelector(`meta[property="${name}"]`) ??
      document.querySelector(`meta[name="${name}"]`) ??
      document.querySelector(`meta[itemprop="${name}"]`);
    const content = el?.getAttribute('content')?.trim();
    if (content) return content;
  }
  return undefined;
}

function absolute(href: string | null | undefined, base: string): string | undefined {
  if (!href) return undefined;
  try {
    const u = new URL(href, base);
    return /^https?:$/.test(u.protocol) ? u.href : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Extracts the article of an HTML page. Returns undefined when the page has no readable
 * article (an index page, an error page).
 *
 * @example extractArticle('<html><body><article><h1>عنوان</h1><p>نص…</p></article></body></html>', 'https://example.com/a')
 */
export function extractArticle(html: string, url: string): ExtractedArticle | undefined {
  const { document } = parseHTML(html);
  const publishedAt = parseFeedDate(
    meta(document, [
      'article:published_time',
      'og:article:published_time',
      'datePublished',
      'pubdate',
      'date',
      'dc.date',
      'DC.date.issued',
    ]) ??
      document.querySelector('time[datetime]')?.getAttribute('datetime') ??
      undefined,
  );
  const language = document.documentElement?.getAttribute('lang')?.trim() || undefined;
  const canonical = absolute(
    document.querySelector('link[rel="canonical"]')?.getAttribute('href'),
    url,
  );
  const siteName = meta(document, ['og:site_name']);
  // Decodes text a page escaped twice ("&amp;quot;"), references with their ";" only.
  const squash = (t: string | null | undefined) =>
    decodeHTMLStrict((t ?? '').replace(/\s+/g, ' ').trim());
  // Read before Readability runs: it rewrites the document.
  const h1 = squash(document.querySelector('article h1, main h1, h1')?.textContent);
  let parsed: ReturnType<Readability['parse']> = null;
  try {
    parsed = new Readability(document as unknown as ConstructorParameters<typeof Readability>[0], {
      charThreshold: 200,
    }).parse();
  } catch {
    parsed = null;
  }
  let text = parsed?.content ? fragmentToText(parsed.content) : '';
  if (!text) {
    // Readability declined (short page): fall back to the paragraphs of the body.
    const paragraphs = [...document.querySelectorAll('article p, main p, body p')]
      .map((p) => (p.textContent ?? '').replace(/\s+/g, ' ').trim())
      .filter((p) => p.length > 0);
    text = paragraphs.join('\n');
  }
  let title = squash(parsed?.title || meta(document, ['og:title', 'twitter:title']) || '');
  // "Headline | Site" titles: the page's own headline is cleaner when the two overlap.
  if (h1 && (!title || title.includes(h1) || h1.includes(title))) title = h1;
  if (!title) title = squash(document.querySelector('title')?.textContent);
  text = text
    .split('\n')
    .filter((line, i) => !(i === 0 && line === title) && !isBoilerplate(line))
    .join('\n');
  if (!text && !title) return undefined;
  return {
    title,
    text,
    publishedAt,
    siteName: parsed?.siteName ?? siteName ?? undefined,
    language: parsed?.lang ?? language,
    canonicalUrl: canonical,
  };
}
