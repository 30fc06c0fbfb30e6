/**
 * parseFeed: RSS 2.0 (and 0.9x), RSS 1.0 (RDF), Atom 1.0 and JSON Feed 1.x to one item shape.
 * Pure: text in, items out. HTML in titles and descriptions becomes plain text, relative links
 * are resolved against the feed's address, dates are read leniently (RFC 822 with odd zone
 * names, ISO 8601 without a zone, Arabic-Indic digits) and left out when unreadable.
 *
 * XML with entity declarations is handled defensively: nested or external entities and large
 * declaration lists are refused outright ("billion laughs" and friends), and the parser's own
 * expansion limits stop anything that remains.
 */
import { z } from 'zod';
import { FeedParseError } from './errors.js';
import { fragmentToText } from './html.js';
import { parseXmlDocument } from './xml.js';

export type FeedFormat = 'rss2' | 'rss1' | 'atom' | 'json';

export interface FeedItem {
  /** guid / Atom id / rdf:about / JSON Feed id, as given. */
  guid?: string;
  /** Absolute link to the article, when the item has one. */
  url?: string;
  title: string;
  /** Plain text of the description / summary (often a teaser). */
  summary: string;
  /** Plain text of the full content (content:encoded, Atom content, content_html), or ''. */
  content: string;
  /** ISO 8601, when the item carries a readable date. */
  publishedAt?: string;
  author?: string;
}

export interface ParsedFeed {
  format: FeedFormat;
  title: string;
  /** The site's home page, absolute. */
  link?: string;
  items: FeedItem[];
}

export interface ParseFeedOptions {
  /** Address the feed was fetched from: the base for relative links. */
  url?: string;
  /** Items beyond this are dropped. @default 500 */
  maxItems?: number;
}

/** Entity declarations beyond this many are refused. */
const MAX_ENTITY_DECLARATIONS = 20;

const ARRAY_TAGS = new Set(['item', 'entry', 'link', 'category', 'author']);

function localName(name: string): string {
  const i = name.indexOf(':');
  return i === -1 ? name : name.slice(i + 1);
}

type Node = Record<string, unknown>;

function isNode(v: unknown): v is Node {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The child with this exact name, else with this local name under any prefix. */
function child(node: Node, name: string): unknown {
  if (name in node) return node[name];
  for (const key of Object.keys(node)) {
    if (key.endsWith(`:${name}`)) return node[key];
  }
  return undefined;
}

function first(v: unknown): unknown {
  return Array.isArray(v) ? v[0] : v;
}

function asArray(v: unknown): unknown[] {
  if (v === undefined || v === null || v === '') return [];
  return Array.isArray(v) ? v : [v];
}

/** Text content of a parsed element (string, or object with #text). */
function textOf(v: unknown): string {
  v = first(v);
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (isNode(v)) return textOf(v['#text']);
  return '';
}

/** Every text inside an element, for inline XHTML content. */
function deepText(v: unknown, out: string[] = []): string[] {
  if (typeof v === 'string' || typeof v === 'number') out.push(String(v));
  else if (Array.isArray(v)) for (const x of v) deepText(x, out);
  else if (isNode(v)) {
    for (const [k, x] of Object.entries(v)) if (k[0] !== '@') deepText(x, out);
  }
  return out;
}

/** Atom text construct (type text | html | xhtml) or RSS text that may hold HTML. */
function richText(v: unknown): string {
  v = first(v);
  if (isNode(v) && v['@type'] === 'xhtml') return deepText(v).join('\n').trim();
  return fragmentToText(textOf(v));
}

function resolveUrl(href: string | undefined, base: string | undefined): string | undefined {
  const h = href?.trim();
  if (!h) return undefined;
  try {
    const u = base ? new URL(h, base) : new URL(h);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

const ZONES: Record<string, string> = {
  AST: '+0300',
  ARST: '+0300',
  EET: '+0200',
  EEST: '+0300',
  CET: '+0100',
  CEST: '+0200',
  BST: '+0100',
  MSK: '+0300',
  GST: '+0400',
  IST: '+0530',
  WET: '+0000',
  WEST: '+0100',
  Z: '+0000',
};

/** Arabic month names (Egyptian/Gulf and Levantine) to English, for Date.parse. */
const ARABIC_MONTHS: [RegExp, string][] = [
  [/كانون الثاني|يناير/g, 'Jan'],
  [/شباط|فبراير/g, 'Feb'],
  [/آذار|اذار|مارس/g, 'Mar'],
  [/نيسان|أبريل|ابريل|إبريل/g, 'Apr'],
  [/أيار|ايار|مايو/g, 'May'],
  [/حزيران|يونيو|يونيه/g, 'Jun'],
  [/تموز|يوليو|يوليه/g, 'Jul'],
  [/آب|اب|أغسطس|اغسطس/g, 'Aug'],
  [/أيلول|ايلول|سبتمبر/g, 'Sep'],
  [/تشرين الأول|تشرين الاول|أكتوبر|اكتوبر/g, 'Oct'],
  [/تشرين الثاني|نوفمبر/g, 'Nov'],
  [/كانون الأول|كانون الاول|ديسمبر/g, 'Dec'],
];

/**
 * Reads a feed date to ISO 8601, or undefined.
 *
 * @example parseFeedDate('Sat, 28 Nov 2026 10:00:00 EEST') // '2026-11-28T07:00:00.000Z'
 */
export function parseFeedDate(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  // Fast path: the usual RFC 822 / ISO 8601 with a zone.
  if (RFC822_OR_ISO_WITH_ZONE.test(raw)) {
    const t = Date.parse(raw);
    if (!Number.isNaN(t)) return checkedIso(t);
  }
  let s = raw
    .trim()
    .replace(/[٠-٩]/g, (d) => String(d.charCodeAt(0) - 0x660))
    .replace(/[۰-۹]/g, (d) => String(d.charCodeAt(0) - 0x6f0));
  if (!s) return undefined;
  if (/[\u0600-\u06ff]/.test(s)) {
    for (const [re, en] of ARABIC_MONTHS) s = s.replace(re, en);
    // A leading weekday name ("السبت، …", "Sat, …") says nothing Date.parse needs.
    s = s
      .replace(/^[^\d,،]*[,،]\s*/, '')
      .replace(/[\u0600-\u06ff]+/g, ' ')
      .trim();
  }
  // ISO without a zone: read as UTC rather than the server's local time.
  if (/^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?$/.test(s)) {
    s = s.length === 10 ? `${s}T00:00:00Z` : `${s.replace(' ', 'T')}Z`;
  }
  s = s.replace(/\s([A-Z]{1,4})$/, (whole, zone: string) =>
    ZONES[zone] ? ` ${ZONES[zone]}` : whole,
  );
  const t = Date.parse(s);
  return Number.isNaN(t) ? undefined : checkedIso(t);
}

const RFC822_OR_ISO_WITH_ZONE =
  /^(?:[A-Z][a-z]{2}, )?\d{1,2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}(?::\d{2})? (?:GMT|UT|UTC|[+-]\d{4})$|^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/;

function checkedIso(t: number): string | undefined {
  const d = new Date(t);
  const year = d.getUTCFullYear();
  return year < 1990 || year > 2200 ? undefined : d.toISOString();
}

/**
 * Refuses documents whose DTD could blow up when expanded: external or parameter entities,
 * entities defined through other entities, or many declarations.
 */
function guardEntities(xml: string, url: string): void {
  const start = xml.search(/<!DOCTYPE/i);
  if (start === -1 || start > 4096) return;
  const open = xml.indexOf('[', start);
  const close = xml.indexOf('>', start);
  if (open === -1 || (close !== -1 && close < open)) return;
  const end = xml.indexOf(']>', open);
  const subset = xml.slice(open, end === -1 ? undefined : end);
  const decls = subset.match(/<!ENTITY[\s\S]*?>/gi) ?? [];
  if (decls.length === 0) return;
  const refuse = (why: string) => {
    throw new FeedParseError(`refused: ${why} (possible entity-expansion attack) in ${url}`, url);
  };
  if (decls.length > MAX_ENTITY_DECLARATIONS) refuse(`${decls.length} entity declarations`);
  for (const d of decls) {
    if (/<!ENTITY\s+%/i.test(d)) refuse('parameter entities');
    if (/\b(SYSTEM|PUBLIC)\b/.test(d)) refuse('external entities');
    const value = /["']([\s\S]*)["']/.exec(d)?.[1] ?? '';
    if (/&[A-Za-z_:][\w.:-]*;/.test(value)) refuse('entities defined through other entities');
  }
}

function parseXml(text: string, url: string): Node {
  guardEntities(text, url);
  try {
    return parseXmlDocument(text, {
      arrayTags: ARRAY_TAGS,
      maxExpansions: 1000,
      maxExpandedLength: 100_000,
    });
  } catch (err) {
    const msg = (err as Error).message.split('\n')[0];
    throw new FeedParseError(`malformed XML in ${url}: ${msg}`, url, { cause: err });
  }
}

function atomLink(v: unknown, base: string | undefined): string | undefined {
  const links = asArray(v).filter(isNode);
  const pick =
    links.find(
      (l) =>
        (l['@rel'] ?? 'alternate') === 'alternate' && /html/.test(String(l['@type'] ?? 'html')),
    ) ??
    links.find((l) => (l['@rel'] ?? 'alternate') === 'alternate') ??
    links[0];
  const href = pick ? String(pick['@href'] ?? '') : textOf(first(v));
  return resolveUrl(href, base);
}

function authorOf(v: unknown): string | undefined {
  const a = first(v);
  const name = isNode(a) && 'name' in a ? textOf(a.name) : textOf(a);
  return name.trim() || undefined;
}

function rssItem(item: Node, base: string | undefined): FeedItem {
  const guidNode = first(child(item, 'guid'));
  const guid = textOf(guidNode).trim() || undefined;
  const permalink = !(
    isNode(guidNode) && String(guidNode['@isPermaLink']).toLowerCase() === 'false'
  );
  const about = typeof item['@rdf:about'] === 'string' ? item['@rdf:about'] : undefined;
  const link =
    resolveUrl(textOf(item.link), base) ??
    (permalink ? resolveUrl(guid, base) : undefined) ??
    resolveUrl(about, base);
  return {
    guid: guid ?? about,
    url: link,
    title: richText(item.title),
    summary: richText(item.description ?? child(item, 'summary')),
    content: richText(child(item, 'encoded')),
    publishedAt: parseFeedDate(
      textOf(item.pubDate) || textOf(child(item, 'date')) || textOf(child(item, 'published')),
    ),
    author: authorOf(child(item, 'creator') ?? item.author),
  };
}

function atomEntry(entry: Node, base: string | undefined): FeedItem {
  const entryBase =
    typeof entry['@xml:base'] === 'string' ? resolveUrl(entry['@xml:base'], base) : base;
  return {
    guid: textOf(entry.id).trim() || undefined,
    url: atomLink(entry.link, entryBase),
    title: richText(entry.title),
    summary: richText(entry.summary),
    content: richText(entry.content),
    publishedAt: parseFeedDate(
      textOf(entry.published) ||
        textOf(entry.updated) ||
        textOf(entry.issued) ||
        textOf(entry.modified),
    ),
    author: authorOf(entry.author),
  };
}

const JsonFeedItemSchema = z.looseObject({
  id: z.union([z.string(), z.number()]).optional(),
  url: z.string().optional(),
  external_url: z.string().optional(),
  title: z.string().optional(),
  content_html: z.string().optional(),
  content_text: z.string().optional(),
  summary: z.string().optional(),
  date_published: z.string().optional(),
  date_modified: z.string().optional(),
  authors: z.array(z.looseObject({ name: z.string().optional() })).optional(),
  author: z.looseObject({ name: z.string().optional() }).optional(),
});

const JsonFeedSchema = z.looseObject({
  version: z.string().regex(/^https?:\/\/jsonfeed\.org\/version\//),
  title: z.string().optional(),
  home_page_url: z.string().optional(),
  feed_url: z.string().optional(),
  items: z.array(z.unknown()),
});

function parseJsonFeed(
  text: string,
  url: string,
  base: string | undefined,
  max: number,
): ParsedFeed {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new FeedParseError(`malformed JSON in ${url}: ${(err as Error).message}`, url);
  }
  const feed = JsonFeedSchema.safeParse(data);
  if (!feed.success)
    throw new FeedParseError(`not a JSON Feed (no jsonfeed.org version): ${url}`, url);
  const items: FeedItem[] = [];
  for (const raw of feed.data.items.slice(0, max)) {
    const it = JsonFeedItemSchema.safeParse(raw);
    if (!it.success) continue;
    const d = it.data;
    const html = d.content_html ? fragmentToText(d.content_html) : '';
    items.push({
      guid: d.id === undefined ? undefined : String(d.id),
      url: resolveUrl(d.url ?? d.external_url, base),
      title: fragmentToText(d.title ?? ''),
      summary: fragmentToText(d.summary ?? ''),
      content: html || (d.content_text ?? '').trim(),
      publishedAt: parseFeedDate(d.date_published ?? d.date_modified),
      author: d.authors?.[0]?.name ?? d.author?.name,
    });
  }
  return {
    format: 'json',
    title: (feed.data.title ?? '').trim(),
    link: resolveUrl(feed.data.home_page_url, base),
    items,
  };
}

/**
 * Parses a feed document. Throws {@link FeedParseError} when it is malformed, refused
 * (entity bomb) or not a feed at all; an empty feed gives `items: []`.
 *
 * @example parseFeed('<rss version="2.0"><channel><title>t</title><item><title>خبر</title></item></channel></rss>').items[0].title // 'خبر'
 */
export function parseFeed(text: string, opts: ParseFeedOptions = {}): ParsedFeed {
  const where = opts.url ?? 'feed';
  const max = opts.maxItems ?? 500;
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const lead = body.trimStart();
  if (lead.startsWith('{')) return parseJsonFeed(lead, where, opts.url, max);
  if (!lead.startsWith('<'))
    throw new FeedParseError(`not a feed (no XML or JSON): ${where}`, where);
  const doc = parseXml(lead, where);
  const rootKey = Object.keys(doc).find((k) => isNode(doc[k]) || Array.isArray(doc[k]));
  const root = rootKey ? first(doc[rootKey]) : undefined;
  if (!rootKey || !isNode(root)) {
    throw new FeedParseError(`not a feed (empty document): ${where}`, where);
  }
  const kind = localName(rootKey).toLowerCase();
  if (kind === 'rss' || kind === 'rdf') {
    const channel = (first(child(root, 'channel')) ?? {}) as Node;
    const home = textOf(isNode(channel) ? channel.link : undefined);
    const base = opts.url ?? resolveUrl(home, undefined);
    const rawItems = asArray(child(root, 'item')).concat(
      isNode(channel) ? asArray(channel.item) : [],
    );
    return {
      format: kind === 'rss' ? 'rss2' : 'rss1',
      title: isNode(channel) ? richText(channel.title) : '',
      link: resolveUrl(home, opts.url),
      items: rawItems
        .filter(isNode)
        .slice(0, max)
        .map((it) => rssItem(it, base)),
    };
  }
  if (kind === 'feed') {
    const feedBase =
      typeof root['@xml:base'] === 'string' ? resolveUrl(root['@xml:base'], opts.url) : opts.url;
    const home = atomLink(root.link, feedBase);
    const base = feedBase ?? home;
    return {
      format: 'atom',
      title: richText(root.title),
      link: home,
      items: asArray(root.entry)
        .filter(isNode)
        .slice(0, max)
        .map((e) => atomEntry(e, base)),
    };
  }
  if (kind === 'html' || kind === 'head' || kind === 'body') {
    throw new FeedParseError(`not a feed: ${where} is an HTML page`, where);
  }
  throw new FeedParseError(`not a feed: unknown root element <${rootKey}> in ${where}`, where);
}
