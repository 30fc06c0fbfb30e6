/**
 * Identity of articles: canonical URLs (tracking parameters and fragments removed), stable ids,
 * and a fingerprint of the normalized text for spotting the same wire copy across outlets.
 */
import { hash } from 'node:crypto';

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
  return hash('sha256', text, 'hex').slice(0, length);
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

/** Punctuation and symbols outside ASCII that separate words (Arabic, Latin-1, general). */
function isSeparator(c: number): boolean {
  return (
    (c >= 0x2000 && c <= 0x206f) || // general punctuation, invisible marks
    (c >= 0xa0 && c <= 0xbf) ||
    c === 0xd7 ||
    c === 0xf7 ||
    c === 0x60c || // ،
    c === 0x61b || // ؛
    c === 0x61f || // ؟
    c === 0x66a ||
    c === 0x66b ||
    c === 0x66c ||
    c === 0x66d ||
    c === 0x6d4 ||
    (c >= 0x3000 && c <= 0x303f) ||
    (c >= 0xfe10 && c <= 0xfe1f) ||
    (c >= 0xfe30 && c <= 0xfe4f) ||
    (c >= 0xff01 && c <= 0xff0f) ||
    c === 0xfeff
  );
}

/**
 * Text reduced for identity: no diacritics or tatweel, unified alef/yeh/teh marbuta, ASCII
 * digits, lower case, words separated by single spaces. One pass over the characters: it runs
 * on every article of every pass.
 *
 * @example normalizeForIdentity('قَالَ: «إنّ» ٢٠٢٦') // 'قال ان 2026'
 */
export function normalizeForIdentity(text: string): string {
  let out = '';
  let pendingSpace = false;
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    // Diacritics, Quranic marks, superscript alef, tatweel: dropped without a break.
    if (
      (c >= 0x64b && c <= 0x65f) ||
      c === 0x670 ||
      c === 0x640 ||
      (c >= 0x610 && c <= 0x61a) ||
      (c >= 0x6d6 && c <= 0x6ed)
    ) {
      continue;
    }
    let word: boolean;
    if (c < 0x80) {
      if (c >= 65 && c <= 90) c += 32;
      word = (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
    } else {
      word = !isSeparator(c);
      if (c === 0x622 || c === 0x623 || c === 0x625 || c === 0x671)
        c = 0x627; // آ أ إ ٱ → ا
      else if (c === 0x649)
        c = 0x64a; // ى → ي
      else if (c === 0x629)
        c = 0x647; // ة → ه
      else if (c >= 0x660 && c <= 0x669)
        c -= 0x660 - 48; // ٠-٩
      else if (c >= 0x6f0 && c <= 0x6f9) c -= 0x6f0 - 48; // ۰-۹
    }
    if (!word) {
      pendingSpace = out.length > 0;
      continue;
    }
    if (pendingSpace) {
      out += ' ';
      pendingSpace = false;
    }
    out += String.fromCharCode(c);
  }
  return out;
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
