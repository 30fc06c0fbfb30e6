/**
 * OPML, the outline format feed readers import and export subscriptions with: every `xmlUrl` of
 * every outline (nested folders included) in, one flat outline per source out. Pure: no I/O.
 */
import { createHash } from 'node:crypto';
import type { Source } from '../store/types.js';
import { parseXmlDocument, XmlError, type XmlNode } from './xml.js';

/** One feed of an OPML file: its URL and the title the file gives it. */
export interface OpmlFeed {
  url: string;
  title?: string;
}

function attr(node: XmlNode, name: string): string | undefined {
  // Files in the wild spell it xmlUrl, xmlurl or XMLURL.
  for (const [key, value] of Object.entries(node)) {
    if (key.toLowerCase() === `@${name.toLowerCase()}` && typeof value === 'string') {
      return value.trim() || undefined;
    }
  }
  return undefined;
}

/**
 * The feeds of an OPML document, in document order, at any depth. Throws XmlError when the text
 * is not OPML.
 *
 * @example parseOpml('<opml><body><outline text="A" xmlUrl="https://a.example/rss"/></body></opml>') // [{ url: 'https://a.example/rss', title: 'A' }]
 */
export function parseOpml(xml: string): OpmlFeed[] {
  const doc = parseXmlDocument(xml.replace(/^\uFEFF/, ''), { arrayTags: new Set(['outline']) });
  const opml = doc.opml as XmlNode | undefined;
  if (!opml || typeof opml !== 'object') throw new XmlError('not an OPML file (no <opml> root)');
  const feeds: OpmlFeed[] = [];
  const walk = (node: unknown) => {
    if (!node || typeof node !== 'object') return;
    for (const outline of ((node as XmlNode).outline as unknown[] | undefined) ?? []) {
      if (!outline || typeof outline !== 'object') continue;
      const o = outline as XmlNode;
      const url = attr(o, 'xmlUrl');
      if (url) {
        const title = attr(o, 'title') ?? attr(o, 'text');
        feeds.push(title ? { url, title } : { url });
      }
      walk(o);
    }
  };
  walk(opml.body);
  return feeds;
}

const ATTR_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  '\n': '&#10;',
};
const escapeAttr = (s: string) => s.replace(/[&<>"\n]/g, (c) => ATTR_ESCAPES[c]!);

/** An OPML 2.0 document listing the sources (feeds and pages) as flat outlines. */
export function renderOpml(sources: Source[], title = 'Khulasa sources'): string {
  const lines = sources.map(
    (s) =>
      `    <outline type="rss" text="${escapeAttr(s.name)}" title="${escapeAttr(s.name)}" xmlUrl="${escapeAttr(s.url)}"/>`,
  );
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<opml version="2.0">',
    `  <head><title>${escapeAttr(title)}</title></head>`,
    '  <body>',
    ...lines,
    '  </body>',
    '</opml>',
    '',
  ].join('\n');
}

/** A readable, unused source id from the URL's host ("www.example.com" → "example-com"). */
export function sourceIdFor(url: URL, taken: ReadonlySet<string>): string {
  const base =
    url.hostname
      .replace(/^www\./, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40) || 'source';
  if (!taken.has(base)) return base;
  const hashed = `${base}-${createHash('sha1').update(url.href).digest('hex').slice(0, 6)}`;
  if (!taken.has(hashed)) return hashed;
  let n = 2;
  while (taken.has(`${hashed}-${n}`)) n++;
  return `${hashed}-${n}`;
}

export type ImportLine =
  | { status: 'added'; url: string; source: Source }
  | { status: 'skipped'; url: string; reason: string };

/**
 * Decides, feed by feed, what an import adds: http(s) URLs not already among `existing` (or
 * earlier in the same file) become sources named after their title. Pure: the caller stores
 * the added ones.
 */
export function planImport(feeds: OpmlFeed[], existing: Source[]): ImportLine[] {
  const urls = new Set(existing.map((s) => s.url));
  const ids = new Set(existing.map((s) => s.id));
  const out: ImportLine[] = [];
  for (const feed of feeds) {
    let url: URL;
    try {
      url = new URL(feed.url);
    } catch {
      out.push({ status: 'skipped', url: feed.url, reason: 'not a URL' });
      continue;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      out.push({ status: 'skipped', url: feed.url, reason: 'not an http(s) URL' });
      continue;
    }
    if (urls.has(url.href)) {
      out.push({ status: 'skipped', url: url.href, reason: 'already a source' });
      continue;
    }
    const id = sourceIdFor(url, ids);
    ids.add(id);
    urls.add(url.href);
    const name = (feed.title ?? url.hostname.replace(/^www\./, '')).slice(0, 200);
    out.push({ status: 'added', url: url.href, source: { id, name, url: url.href, kind: 'feed' } });
  }
  return out;
}
