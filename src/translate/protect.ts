/**
 * Keeps URLs and numbers out of the translator's hands: they are swapped for numbered
 * placeholders before sending and put back after, so a link is never "translated" and a figure
 * never changes. Arabic-Indic digits come back as ASCII digits for readers of other scripts.
 */

/** Placeholders the service leaves alone in plain text: ⟦0⟧, ⟦1⟧… */
const OPEN = '\u27e6';
const CLOSE = '\u27e7';
const PLACEHOLDER = /\u27e6\s*(\d+)\s*\u27e7/gu;

// Letter cases spelled out: a case-insensitive Unicode regex is several times slower.
const URL_PATTERN = String.raw`(?:[Hh][Tt][Tt][Pp][Ss]?:\/\/|[Ww]{3}\.)[^\s<>"'«»]+`;
const NUMBER_PATTERN = String.raw`[0-9\u0660-\u0669\u06f0-\u06f9]+(?:[.,\u066b\u066c][0-9\u0660-\u0669\u06f0-\u06f9]+)*`;
const PROTECTED = new RegExp(`${URL_PATTERN}|${NUMBER_PATTERN}`, 'gu');
/** Cheap test for whether PROTECTED can match at all. */
const MAYBE_PROTECTED = /[0-9\u0660-\u0669\u06f0-\u06f9]|[Hh][Tt][Tt][Pp]|[Ww]{3}\./u;
/** Punctuation that ends a sentence rather than a URL. */
const URL_TRAILING = /[.,;:!?،؛؟)\]}»'"]+$/u;

const ARABIC_SCRIPT_TARGETS = new Set(['ar', 'fa', 'ur', 'ps', 'ckb', 'sd', 'ug', 'ku']);

export interface Protected {
  /** The text with placeholders, as sent. */
  text: string;
  /** The original URL or number behind each placeholder. */
  tokens: string[];
}

/** Swaps URLs and numbers for placeholders. */
export function protect(text: string): Protected {
  if (!MAYBE_PROTECTED.test(text)) return { text, tokens: [] };
  const tokens: string[] = [];
  const out = text.replace(PROTECTED, (match) => {
    let token = match;
    let rest = '';
    if (/^(?:https?:|www\.)/i.test(match)) {
      const trailing = URL_TRAILING.exec(match);
      if (trailing) {
        token = match.slice(0, trailing.index);
        rest = trailing[0];
      }
    }
    tokens.push(token);
    return `${OPEN}${tokens.length - 1}${CLOSE}${rest}`;
  });
  return { text: out, tokens };
}

/** True when there is something to translate: a letter outside the placeholders. */
export function needsTranslation(protectedText: string): boolean {
  return /\p{L}/u.test(protectedText.replace(PLACEHOLDER, ''));
}

/** Western digits for readers of other scripts; separators follow. */
function localizeNumber(token: string, target: string): string {
  if (ARABIC_SCRIPT_TARGETS.has(target.split('-')[0]!.toLowerCase())) return token;
  if (/^(?:https?:|www\.)/i.test(token)) return token;
  return token
    .replace(/[\u0660-\u0669]/gu, (d) => String(d.charCodeAt(0) - 0x0660))
    .replace(/[\u06f0-\u06f9]/gu, (d) => String(d.charCodeAt(0) - 0x06f0))
    .replace(/\u066b/gu, '.')
    .replace(/\u066c/gu, ',');
}

/**
 * Puts the originals back. A placeholder the service dropped is appended rather than lost, so a
 * link or a figure always reaches the reader.
 */
export function restore(translated: string, tokens: string[], target: string): string {
  if (tokens.length === 0) return translated;
  const used = new Set<number>();
  let out = translated.replace(PLACEHOLDER, (whole, index: string) => {
    const i = Number(index);
    const token = tokens[i];
    if (token === undefined) return whole;
    used.add(i);
    return localizeNumber(token, target);
  });
  const missing = tokens.filter((_, i) => !used.has(i)).map((t) => localizeNumber(t, target));
  if (missing.length > 0) out = `${out} ${missing.join(' ')}`;
  return out;
}

/** Characters as the provider counts them (Unicode code points). */
export function countChars(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}
