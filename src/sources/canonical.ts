/**
 * Identity of articles: canonical URLs (tracking parameters and fragments removed), stable ids,
 * and a fingerprint of the normalized text for spotting the same wire copy across outlets.
 */
import { createHash } from 'node:crypto';

const TRACKING_PARAMS = new Set([
  'fbclid',
  'gclid',
  'dclid',
  'gclsrc',
  'msclkid',
  'yclid',
  'igshid',
  'mc_cid',
  'mc_eid',
  'ocid',
  'cmpid',
  '_ga',
  '_gl',
  'ref',
  'ref_src',
  'ref_url',
  'ito',
  'at_medium',
  'at_campaign',
  'at_custom1',
  'at_custom2',
  'at_custom3',
  'at_custom4',
  'wt.mc_id',
  'xtor',
  'spm',
  'rss',
]);

function isTracking(name: string): boolean {
  const n = name.toLowerCase();
  return n.startsWith('utm_') || n.startsWith('at_') || TRACKING_PARAMS.has(n);
}

/**
 * The URL an article is known by: lower-case scheme and host, no default port, no fragment,
 * no tracking parameters (utm_*, fbclid, gclid…), remaining parameters sorted. Returns the
 * input unchanged when it is not an absolute URL.
 *
 * @example canonicalUrl('HTTPS://Example.com:443/a?utm_source=x&id=2#top') // 'https://example.com/a?id=2'
 */
export function canonicalUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return raw.trim();
  }
  url.hash = '';
  if (url.search) {
    const kept = [...url.searchParams].filter(([k]) => !isTracking(k));
    kept.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    url.search = '';
    for (const [k, v] of kept) url.searchParams.append(k, v);
  }
  if (url.pathname !== '/' && url.pathname.endsWith('/')) {
    url.pathname = url.pathname.replace(/\/+$/, '');
  }
  return url.href;
}

/** A short stable hash (hex). */
export function stableHash(text: string, length = 24): string {
  return createHash('sha256').update(text).digest('hex').slice(0, length);
}

/**
 * Article id: hash of the canonical URL when there is one, else of the guid (scoped to the
 * source: bare guids such as "12345" are only unique inside one feed), else of the content.
 */
export function articleId(input: {
  url?: string;
  guid?: string;
  sourceId: string;
  title?: string;
  text?: string;
}): string {
  if (input.url && /^https?:\/\//i.test(input.url))
    return stableHash(`url:${canonicalUrl(input.url)}`);
  if (input.guid) return stableHash(`guid:${input.sourceId}:${input.guid}`);
  if (input.url) return stableHash(`url:${input.url}`);
  return stableHash(`text:${input.sourceId}:${input.title ?? ''}\n${input.text ?? ''}`);
}

const DIACRITICS = /[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]/g;
const NOT_WORD = /[^\p{L}\p{N}]+/gu;

/** Text reduced for identity: no diacritics or tatweel, unified alef/yeh/teh marbuta, words only. */
export function normalizeForIdentity(text: string): string {
  return text
    .normalize('NFKC')
    .replace(DIACRITICS, '')
    .replace(/[إأآٱ]/g, 'ا')
    .replace(/ى/g, 'ي')
    .replace(/ة/g, 'ه')
    .replace(/[٠-٩]/g, (d) => String(d.charCodeAt(0) - 0x660))
    .toLowerCase()
    .replace(NOT_WORD, ' ')
    .trim();
}

/** Minimum normalized length for text identity: short teasers say too little to be "the same article". */
export const FINGERPRINT_MIN_CHARS = 120;

/** Fingerprint of an article body, or undefined when the text is too short to identify it. */
export function textFingerprint(text: string): string | undefined {
  const norm = normalizeForIdentity(text);
  if (norm.length < FINGERPRINT_MIN_CHARS) return undefined;
  return stableHash(norm, 32);
}

/** A source id made from free text or a URL ("BBC Arabic" → "bbc-arabic"). */
export function slugify(text: string, fallback = 'source'): string {
  const slug = text
    .toLowerCase()
    .replace(/^https?:\/\//, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return slug || `${fallback}-${stableHash(text, 8)}`;
}
