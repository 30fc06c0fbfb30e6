/** Turning what a source gave us (a feed item, a file, a JSON line) into an {@link Article}. */
import { arabicRatio } from '../arabic/index.js';
import type { Article } from '../domain.js';
import { articleId, canonicalUrl } from './canonical.js';

/** The parts of a source an article needs. */
export interface SourceInfo {
  id: string;
  name: string;
  language?: string;
}

export interface RawArticle {
  url?: string;
  guid?: string;
  title: string;
  text: string;
  publishedAt?: string;
  /** Overrides the source's id/name (JSON lines carry their own outlet). */
  sourceId?: string;
  sourceName?: string;
  /** Overrides the computed id (JSON lines may bring their own). */
  id?: string;
  language?: string;
}

/**
 * Bidi embeddings, overrides and isolates (LRE RLE PDF LRO RLO, LRI RLI FSI PDI). Real headlines
 * never need them; a feed can use them to make a title read backwards in a reader's chat.
 */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;

/** Dates this far in the future are a wrong time zone, not news from tomorrow. */
const FUTURE_TOLERANCE_MS = 10 * 60_000;
const TITLE_FROM_TEXT_CHARS = 120;

/** Language of an article: the source's when configured, else Arabic when the text is. */
function languageOf(raw: RawArticle, source: SourceInfo): string {
  if (raw.language) return raw.language;
  if (source.language) return source.language;
  return arabicRatio(`${raw.title} ${raw.text.slice(0, 2000)}`) >= 0.5 ? 'ar' : 'und';
}

function titleFromText(text: string): string {
  const firstLine = text.split('\n', 1)[0]!.trim();
  if (firstLine.length <= TITLE_FROM_TEXT_CHARS) return firstLine;
  const cut = firstLine.slice(0, TITLE_FROM_TEXT_CHARS);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), 60)).trim()}…`;
}

/**
 * Builds an article; undefined when there is nothing to read (no title and no text).
 * Dates in the future are clamped to `now`; missing dates become `now`.
 */
export function toArticle(raw: RawArticle, source: SourceInfo, now: Date): Article | undefined {
  const text = raw.text.replace(BIDI_CONTROLS, '').trim();
  const title =
    raw.title.replace(BIDI_CONTROLS, '').replace(/\s+/g, ' ').trim() || titleFromText(text);
  if (!title && !text) return undefined;
  const sourceId = raw.sourceId ?? source.id;
  const url = raw.url ? canonicalUrl(raw.url) : '';
  let published = raw.publishedAt ? Date.parse(raw.publishedAt) : NaN;
  if (Number.isNaN(published) || published > now.getTime() + FUTURE_TOLERANCE_MS) {
    published = Math.min(Number.isNaN(published) ? Infinity : published, now.getTime());
  }
  return {
    id: raw.id ?? articleId({ url: url || undefined, guid: raw.guid, sourceId, title, text }),
    url,
    sourceId,
    sourceName: raw.sourceName ?? source.name,
    title,
    text: text || title,
    publishedAt: new Date(published).toISOString(),
    fetchedAt: now.toISOString(),
    language: languageOf(raw, source),
  };
}
