/**
 * Arabic normalization steps. Each function makes one kind of change, with its character set
 * compiled once at module level; callers compose only the steps they want. {@link normalize}
 * composes all of them — it is what matching (search, clustering, ROUGE) uses.
 *
 * Every step leaves Latin letters and ASCII digits alone unless its purpose is to change them
 * (only {@link normalizePunctuation} touches characters that Latin text also uses).
 */

/** Harakat, tanween, shadda, sukun, superscript alef and Quranic annotation marks. */
export const ARABIC_DIACRITICS =
  '\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06DC\u06DF-\u06E4\u06E7\u06E8\u06EA-\u06ED\u08D3-\u08E1\u08E3-\u08FF';
/** Kashida (tatweel), the elongation stroke. */
export const TATWEEL = '\u0640';
/** Alef with hamza above/below, madda, wasla and the rarer wavy-hamza forms. */
export const ALEF_VARIANTS = '\u0622\u0623\u0625\u0671\u0672\u0673';
/** Directional marks, zero-width (non-)joiners, BOM, soft hyphen, word joiner. */
export const INVISIBLE = '\u00AD\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF';

const DIACRITICS_RE = new RegExp(`[${ARABIC_DIACRITICS}]+`, 'g');
const TATWEEL_RE = /\u0640+/g;
const ALEF_RE = new RegExp(`[${ALEF_VARIANTS}]`, 'g');
const ALEF_MAQSURA_RE = /\u0649/g;
const TEH_MARBUTA_RE = /\u0629/g;
const PERSIAN_LETTERS_RE = /[\u06A9\u06AA\u06CC\u06D2\u06C1\u06BE]/g;
const DIGITS_RE = /[\u0660-\u0669\u06F0-\u06F9]/g;
const INVISIBLE_RE = new RegExp(`[${INVISIBLE}]+`, 'g');

/** Punctuation variants → their plain ASCII (or single canonical) form. */
const PUNCTUATION_MAP: Readonly<Record<string, string>> = {
  '\u060C': ',', // ، Arabic comma
  '\u061B': ';', // ؛ Arabic semicolon
  '\u061F': '?', // ؟ Arabic question mark
  '\u066A': '%', // ٪ Arabic percent
  '\u066B': '.', // ٫ Arabic decimal separator
  '\u066C': ',', // ٬ Arabic thousands separator
  '\u066D': '*', // ٭ Arabic five-pointed star
  '\u06D4': '.', // ۔ Arabic full stop
  '\u00AB': '"', // «
  '\u00BB': '"', // »
  '\u201C': '"', // “
  '\u201D': '"', // ”
  '\u201E': '"', // „
  '\u201F': '"', // ‟
  '\u2033': '"', // ″
  '\u2018': "'", // ‘
  '\u2019': "'", // ’
  '\u201A': "'", // ‚
  '\u201B': "'", // ‛
  '\u2032': "'", // ′
  '\u2039': "'", // ‹
  '\u203A': "'", // ›
  '\u2010': '-', // ‐
  '\u2011': '-', // ‑
  '\u2012': '-', // ‒
  '\u2013': '-', // –
  '\u2014': '-', // —
  '\u2015': '-', // ―
  '\u2212': '-', // −
  '\u2026': '...', // …
  '\u00A0': ' ', // no-break space
  '\u2007': ' ',
  '\u202F': ' ',
  '\uFF0C': ',',
  '\uFF1F': '?',
  '\uFF01': '!',
};
const PUNCTUATION_RE = new RegExp(`[${Object.keys(PUNCTUATION_MAP).join('')}]`, 'g');
const punctuationOf = (c: string): string => PUNCTUATION_MAP[c] ?? c;

const PERSIAN_LETTERS: Readonly<Record<string, string>> = {
  '\u06A9': '\u0643', // ک keheh → ك
  '\u06AA': '\u0643', // ڪ swash kaf → ك
  '\u06CC': '\u064A', // ی Farsi yeh → ي
  '\u06D2': '\u064A', // ے yeh barree → ي
  '\u06C1': '\u0647', // ہ heh goal → ه
  '\u06BE': '\u0647', // ھ heh doachashmee → ه
};
const persianOf = (c: string): string => PERSIAN_LETTERS[c] ?? c;
const digitOf = (c: string): string => {
  const code = c.charCodeAt(0);
  return String.fromCharCode(48 + (code >= 0x06f0 ? code - 0x06f0 : code - 0x0660));
};

/**
 * Removes Arabic diacritics (harakat, tanween, shadda, sukun, superscript alef, Quranic marks).
 * @example stripDiacritics('مُحَمَّدٌ') // 'محمد'
 */
export function stripDiacritics(text: string): string {
  return text.replace(DIACRITICS_RE, '');
}

/**
 * Removes tatweel (kashida) elongation.
 * @example stripTatweel('جمـــيل') // 'جميل'
 */
export function stripTatweel(text: string): string {
  return text.replace(TATWEEL_RE, '');
}

/**
 * Maps alef forms (أ إ آ ٱ …) to bare alef ا.
 * @example normalizeAlef('أحمد إلى آخر') // 'احمد الى اخر'
 */
export function normalizeAlef(text: string): string {
  return text.replace(ALEF_RE, '\u0627');
}

/**
 * Maps alef maqsura ى to yeh ي.
 * @example normalizeAlefMaqsura('على') // 'علي'
 */
export function normalizeAlefMaqsura(text: string): string {
  return text.replace(ALEF_MAQSURA_RE, '\u064A');
}

/**
 * Maps teh marbuta ة to heh ه (for matching only: the two are confused in real text).
 * @example normalizeTehMarbuta('مدرسة') // 'مدرسه'
 */
export function normalizeTehMarbuta(text: string): string {
  return text.replace(TEH_MARBUTA_RE, '\u0647');
}

/**
 * Maps Persian/Urdu letter forms that appear in Arabic text (ک ی ے ہ ھ) to Arabic letters.
 * @example normalizePersianLetters('کتاب') // 'كتاب'
 */
export function normalizePersianLetters(text: string): string {
  return text.replace(PERSIAN_LETTERS_RE, persianOf);
}

/**
 * Maps Arabic-Indic (٠-٩) and Persian (۰-۹) digits to ASCII digits.
 * @example normalizeDigits('٢٠٢١ و۱۴') // '2021 و14'
 */
export function normalizeDigits(text: string): string {
  return text.replace(DIGITS_RE, digitOf);
}

/**
 * Maps punctuation variants to one form: Arabic ، ؛ ؟ ٪ ٫ to , ; ? % ., typographic quotes
 * (« » “ ” ‘ ’) to " and ', dashes to -, … to ..., no-break spaces to a space.
 * @example normalizePunctuation('«نعم»، قال؟') // '"نعم", قال?'
 */
export function normalizePunctuation(text: string): string {
  return text.replace(PUNCTUATION_RE, punctuationOf);
}

/**
 * Removes invisible format characters: RLM/LRM, ALM, ZWNJ/ZWJ/ZWSP, bidi embeddings and
 * isolates, BOM, soft hyphen, word joiner.
 * @example stripInvisible('\u200Fنعم\u200C') // 'نعم'
 */
export function stripInvisible(text: string): string {
  return text.replace(INVISIBLE_RE, '');
}

/**
 * Lower-cases Latin (and other cased) letters; Arabic has no case.
 * @example foldCase('BBC عربي') // 'bbc عربي'
 */
export function foldCase(text: string): string {
  return text.toLowerCase();
}

/** Per UTF-16 unit: what {@link normalize} turns it into. Filled lazily (all steps are char-local). */
const UNKNOWN = -2;
const DELETE = -1;
const MEMO = new Int32Array(0x10000).fill(UNKNOWN);
/** Replacements longer than one unit ("…" → "..."), indexed by -(memo value) - 3. */
const EXPANSIONS: string[] = [];

function composeSteps(text: string): string {
  return foldCase(
    normalizePunctuation(
      normalizeDigits(
        normalizePersianLetters(
          normalizeTehMarbuta(
            normalizeAlefMaqsura(
              normalizeAlef(stripTatweel(stripDiacritics(stripInvisible(text)))),
            ),
          ),
        ),
      ),
    ),
  );
}

function learn(code: number): number {
  // Lone surrogates pass through: astral characters are left as they are.
  const out =
    code >= 0xd800 && code <= 0xdfff
      ? String.fromCharCode(code)
      : composeSteps(String.fromCharCode(code));
  let v: number;
  if (out.length === 0) v = DELETE;
  else if (out.length === 1) v = out.charCodeAt(0);
  else {
    EXPANSIONS.push(out);
    v = -(EXPANSIONS.length - 1) - 3;
  }
  MEMO[code] = v;
  return v;
}

/**
 * What {@link normalize} makes of one UTF-16 unit, for scans that read a text unit by unit
 * without building its normalized form: the unit it becomes, -1 when it is deleted (a
 * diacritic, a tatweel, an invisible mark), -2 when it becomes several units ("…" → "...";
 * `normalize` of the one character gives them).
 * @example normalizeUnit('أ'.charCodeAt(0)) === 'ا'.charCodeAt(0) // true
 */
export function normalizeUnit(code: number): number {
  let v = MEMO[code]!;
  if (v === UNKNOWN) v = learn(code);
  return v >= 0 ? v : v === DELETE ? -1 : -2;
}

/**
 * Every matching step composed: invisible marks, diacritics, tatweel, alef forms, alef maqsura,
 * teh marbuta, Persian letter forms, digits, punctuation, then case folding. One pass over the
 * text (each step changes single characters, so their composition is a per-character map).
 * @example normalize('إنَّ المدرسةَ «كبيرة» ٣') // 'ان المدرسه "كبيره" 3'
 */
export function normalize(text: string): string {
  let out = '';
  let last = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    let v = MEMO[c]!;
    if (v === c) continue;
    if (v === UNKNOWN) {
      v = learn(c);
      if (v === c) continue;
    }
    if (i > last) out += text.slice(last, i);
    if (v >= 0) out += String.fromCharCode(v);
    else if (v !== DELETE) out += EXPANSIONS[-v - 3]!;
    last = i + 1;
  }
  return last === 0 ? text : last < n ? out + text.slice(last) : out;
}
