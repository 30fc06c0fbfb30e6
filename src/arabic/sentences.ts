/**
 * Sentence splitting for real Arabic news text. One left-to-right pass per line, no regex with
 * nested quantifiers, so a 10 MB line costs linear time.
 *
 * Rules:
 * - a line break ends a sentence (news paragraphs, titles, bullet items), except in hard-wrapped
 *   text, whose lines are first joined back into paragraphs; leading bullet, list and dialogue
 *   markers ("-", "•", "1.", "2)", "ـ") are dropped;
 * - "." "!" "?" "؟" "…" "۔" end a sentence, together with any closing quotes or brackets that
 *   follow, when followed by a space, the end of the line or directly by an Arabic letter
 *   ("نوح.و"); "،" and "؛" do not (Arabic news chains clauses with them);
 * - no break between digits (3.5, 31.8.2021), inside URLs and e-mail addresses, after a
 *   single-letter abbreviation or initial ("د.", "أ.د.", "J."), after a Latin abbreviation
 *   ("Dr.", "etc.") or before a lower-case Latin word;
 * - no break inside a balanced quotation or parenthesis on the same line (« » “ ” " ( )), so a
 *   quote stays with its sentence; a terminator right before the closing quote ends the sentence
 *   after the quote.
 */

const LINE_RE = /\r\n|[\n\r\u2028\u2029\u0085\v\f]/;
/** A bullet or list marker at the start of a line, followed by a space. */
const BULLET_RE =
  /^(?:[-*•◦▪▫●○■□►▶➢✓✔·–—\u0640]+|\(?[0-9\u0660-\u0669]{1,3}[.)-]|\(?[a-zA-Z][.)])\s+/u;
const URL_RE = /\b(?:https?:\/\/|www\.)[^\s<>"«»“”]+/gi;
const EMAIL_LOCAL_RE = /[\p{L}\p{N}._%+-]/u;
const EMAIL_DOMAIN_RE = /[\p{L}\p{N}.-]/u;
const TRAILING_PUNCT_RE = /[.,;:!?،؛؟)\]}'"»”’]+$/;

const LATIN_ABBREVIATIONS = new Set([
  'mr',
  'mrs',
  'ms',
  'dr',
  'prof',
  'st',
  'jr',
  'sr',
  'vs',
  'etc',
  'inc',
  'ltd',
  'co',
  'corp',
  'no',
  'gen',
  'col',
  'lt',
  'sgt',
  'rep',
  'sen',
  'gov',
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
  'fig',
  'approx',
  'est',
  'dept',
  'univ',
  'vol',
  'pp',
  'e.g',
  'i.e',
  'cf',
  'al',
  'mt',
  'ft',
]);

const isDigit = (c: number): boolean =>
  (c >= 48 && c <= 57) || (c >= 0x0660 && c <= 0x0669) || (c >= 0x06f0 && c <= 0x06f9);
const isLatinLower = (c: number): boolean => c >= 97 && c <= 122;
const isLatinUpper = (c: number): boolean => c >= 65 && c <= 90;
const isLatin = (c: number): boolean =>
  isLatinLower(c) || isLatinUpper(c) || (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7);
/** Arabic letters (not digits, punctuation or diacritics); tatweel counts as a letter. */
const isArabicLetter = (c: number): boolean =>
  (c >= 0x0621 && c <= 0x064a) ||
  (c >= 0x066e && c <= 0x066f) ||
  (c >= 0x0671 && c <= 0x06d3) ||
  c === 0x06d5 ||
  (c >= 0x06fa && c <= 0x06ff) ||
  (c >= 0x0750 && c <= 0x077f) ||
  (c >= 0x08a0 && c <= 0x08c9);
const isSpace = (c: number): boolean =>
  c === 32 || c === 9 || c === 0xa0 || (c >= 0x2000 && c <= 0x200b) || c === 0x202f || c === 0x3000;
/** Invisible marks that may sit between a terminator and what follows. */
const isInvisible = (c: number): boolean =>
  (c >= 0x200c && c <= 0x200f) ||
  (c >= 0x202a && c <= 0x202e) ||
  (c >= 0x2066 && c <= 0x2069) ||
  c === 0x061c ||
  c === 0xfeff;

const DOT = 46;
const HYPHEN = 45;
const isTerminator = (c: number): boolean =>
  c === DOT ||
  c === 33 ||
  c === 63 ||
  c === 0x061f ||
  c === 0x2026 ||
  c === 0x06d4 ||
  c === 0xff01 ||
  c === 0xff1f;
const TERMINATOR_RE = /[.!?\u061F\u2026\u06D4\uFF01\uFF1F]/g;
/** Closing quotes and brackets that belong to the sentence they follow. */
const isCloser = (c: number): boolean =>
  c === 34 ||
  c === 39 ||
  c === 41 ||
  c === 93 ||
  c === 125 ||
  c === 0xbb ||
  c === 0x201d ||
  c === 0x2019 ||
  c === 0x203a;
const isOpener = (c: number): boolean =>
  c === 34 || c === 40 || c === 0xab || c === 0x201c || c === 0x201e || c === 0x2039 || c === 91;

/** A protected range [start, end): no sentence break inside. `quote` ranges end with a closer. */
interface Span {
  start: number;
  end: number;
}

/** A quotation or parenthesis longer than this is not kept whole (likely an unclosed quote). */
const MAX_QUOTE = 1000;

function protectedSpans(line: string): Span[] {
  const spans: Span[] = [];
  if (line.includes('://') || line.includes('www.'))
    for (const m of line.matchAll(URL_RE)) {
      const url = m[0].replace(TRAILING_PUNCT_RE, '');
      spans.push({ start: m.index, end: m.index + url.length });
    }
  // E-mail addresses: expand around each "@" by hand (a regex would rescan long words).
  for (let at = line.indexOf('@'); at !== -1; at = line.indexOf('@', at + 1)) {
    let s = at;
    while (s > 0 && EMAIL_LOCAL_RE.test(line[s - 1]!)) s--;
    let e = at + 1;
    while (e < line.length && EMAIL_DOMAIN_RE.test(line[e]!)) e++;
    while (e > at + 1 && line.charCodeAt(e - 1) === DOT) e--;
    if (s < at && e > at + 1) spans.push({ start: s, end: e });
  }
  // Balanced quotes and brackets on this line.
  if (!QUOTE_OR_BRACKET_RE.test(line)) return sortSpans(spans);
  const stack: { ch: number; at: number }[] = [];
  let asciiOpen = -1;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 0xab || c === 0x201c || c === 0x201e || c === 40) {
      stack.push({ ch: c, at: i });
    } else if (c === 0xbb || c === 0x201d || c === 41) {
      const want = c === 0xbb ? 0xab : c === 41 ? 40 : -1;
      // Look a few levels down only: a long run of unclosed openers must not make this quadratic.
      for (let k = stack.length - 1; k >= Math.max(0, stack.length - 8); k--) {
        const o = stack[k]!;
        if (o.ch === want || (want === -1 && (o.ch === 0x201c || o.ch === 0x201e))) {
          if (i + 1 - o.at <= MAX_QUOTE) spans.push({ start: o.at, end: i + 1 });
          stack.length = k;
          break;
        }
      }
    } else if (c === 34) {
      if (asciiOpen === -1) asciiOpen = i;
      else {
        if (i + 1 - asciiOpen <= MAX_QUOTE) spans.push({ start: asciiOpen, end: i + 1 });
        asciiOpen = -1;
      }
    }
  }
  return sortSpans(spans);
}

function sortSpans(spans: Span[]): Span[] {
  if (spans.length > 1) spans.sort((a, b) => a.start - b.start || b.end - a.end);
  return spans;
}

const QUOTE_OR_BRACKET_RE = /["()\u00AB\u00BB\u201C\u201D\u201E]/;

/** The word (letters, tatweel) that ends right before position `i`. */
function wordBefore(line: string, i: number): { word: string; start: number } {
  let s = i;
  while (s > 0) {
    const c = line.charCodeAt(s - 1);
    if (isArabicLetter(c) || isLatin(c)) s--;
    else break;
  }
  return { word: line.slice(s, i), start: s };
}

/**
 * Latin letters spelled in Arabic, as initials are written in names and models: "إتش. آر.
 * ماكماستر" (H. R. McMaster), "إتش.إتش-60". Only a chain of them is read as initials: alone,
 * "بي بي سي." (BBC) ends its sentence.
 */
const SPELLED_INITIALS = new Set(
  'إتش اتش آر أر ار دبليو جيه كيه إكس اكس إف اف إس اس إم إل إن بي دي تي سي جي آي أي'.split(' '),
);

/**
 * The Arabic word at `p` is a spelled initial ("إتش.آر"), or the one after the spaces from `p`
 * is one with its own "." or "-" ("إتش. آر. …").
 */
function initialFollows(line: string, p: number): boolean {
  let s = p;
  while (s < line.length && isSpace(line.charCodeAt(s))) s++;
  let e = s;
  while (e < line.length && isArabicLetter(line.charCodeAt(e))) e++;
  const mark = line.charCodeAt(e);
  const marked = s === p || mark === DOT || mark === HYPHEN;
  return e > s && marked && SPELLED_INITIALS.has(line.slice(s, e));
}

/** A spelled initial and its "." end right before `start` (spaces between allowed). */
function initialPrecedes(line: string, start: number): boolean {
  let p = start - 1;
  while (p >= 0 && isSpace(line.charCodeAt(p))) p--;
  if (p < 0 || line.charCodeAt(p) !== DOT) return false;
  return SPELLED_INITIALS.has(wordBefore(line, p).word);
}

/** True when the "." at `i` follows an abbreviation or an initial and does not end a sentence. */
function isAbbreviation(line: string, i: number, next: number): boolean {
  const { word, start } = wordBefore(line, i);
  if (word.length === 0) return false;
  const c0 = word.charCodeAt(0);
  if (isArabicLetter(c0)) {
    const bare = word.replace(/\u0640/g, '');
    if (bare.length !== 1) {
      return (
        SPELLED_INITIALS.has(bare) && (initialFollows(line, i + 1) || initialPrecedes(line, start))
      );
    }
    // "2021 م." and "1442 هـ." are era markers that usually end the sentence.
    if (bare === 'م' || bare === 'ه') {
      let p = start - 1;
      while (p >= 0 && isSpace(line.charCodeAt(p))) p--;
      if (p >= 0 && isDigit(line.charCodeAt(p))) return false;
    }
    // A single Arabic letter cannot end a sentence (و ب ل ك ف are clitics): an abbreviation.
    const before = start > 0 ? line.charCodeAt(start - 1) : 32;
    return isSpace(before) || before === DOT || isOpener(before) || start === 0;
  }
  // Latin: an initial ("J.", "U.S.") or a known abbreviation, unless Arabic text follows.
  if (next !== -1 && isArabicLetter(next)) return false;
  if (word.length === 1) return true;
  let w = word.toLowerCase();
  if (start >= 2 && line.charCodeAt(start - 1) === DOT)
    w = `${line[start - 2]!.toLowerCase()}.${w}`;
  return LATIN_ABBREVIATIONS.has(w) || LATIN_ABBREVIATIONS.has(word.toLowerCase());
}

function firstNonSpace(line: string, j: number): number {
  while (j < line.length && (isSpace(line.charCodeAt(j)) || isInvisible(line.charCodeAt(j)))) j++;
  return j;
}

/** Splits one line (no line breaks) into sentences, appending them to `out`. */
function splitLine(line: string, out: string[]): void {
  const spans = protectedSpans(line);
  const active: Span[] = [];
  let next = 0;
  let sentenceStart = 0;
  const n = line.length;
  for (let i = 0; i < n; i++) {
    // Jump to the next terminator (a native scan).
    TERMINATOR_RE.lastIndex = i;
    const found = TERMINATOR_RE.exec(line);
    if (found === null) break;
    i = found.index;
    const c = line.charCodeAt(i);
    // Keep the spans that cover position i (sorted by start; drop those already closed).
    while (next < spans.length && spans[next]!.start <= i) active.push(spans[next++]!);
    if (active.length > 0) {
      let w = 0;
      for (const s of active) if (s.end > i) active[w++] = s;
      active.length = w;
    }

    // The cluster: terminators, then closing quotes/brackets (and invisible marks).
    let j = i + 1;
    while (j < n && isTerminator(line.charCodeAt(j))) j++;
    const afterTerminators = j;
    while (j < n && (isCloser(line.charCodeAt(j)) || isInvisible(line.charCodeAt(j)))) j++;

    // Inside a quotation, URL or e-mail that goes on past this cluster: not a break. A terminator
    // right before the closing quote ends the sentence after the quote.
    if (active.some((s) => s.end > j)) {
      i = afterTerminators - 1;
      continue;
    }

    const prev = i > 0 ? line.charCodeAt(i - 1) : -1;
    const k = firstNonSpace(line, j);
    const follow = k < n ? line.charCodeAt(k) : -1;
    const spaced = k > j;
    let boundary: boolean;
    if (j >= n || follow === -1) {
      boundary = true;
    } else if (c === DOT && afterTerminators === i + 1) {
      // A single full stop.
      if (isDigit(prev) && isDigit(line.charCodeAt(i + 1))) boundary = false;
      else if (isAbbreviation(line, i, follow)) boundary = false;
      else if (!spaced) boundary = isArabicLetter(follow) || isOpener(follow) || j > i + 1;
      else boundary = !isLatinLower(follow);
    } else {
      // "!", "?", "؟", "…", "...": a break unless glued to a Latin word or digit.
      boundary = spaced
        ? !isLatinLower(follow)
        : isArabicLetter(follow) || isOpener(follow) || j > afterTerminators;
    }
    if (boundary) {
      pushSentence(line.slice(sentenceStart, j), out);
      sentenceStart = j;
    }
    i = j - 1;
  }
  if (sentenceStart < n) pushSentence(line.slice(sentenceStart), out);
}

const HAS_WORD_RE = /[\p{L}\p{N}]/u;

function pushSentence(raw: string, out: string[]): void {
  const s = raw.trim();
  if (s.length === 0) return;
  if (!HAS_WORD_RE.test(s)) {
    // Stray punctuation ("»." after a split): attach it to the previous sentence.
    if (out.length > 0) out[out.length - 1] += s;
    return;
  }
  out.push(s);
}

/**
 * Splits text into sentences, in their original (un-normalized) form, trimmed.
 * @example splitSentences('قال د. أحمد: «انتهى الأمر.» ثم غادر.\nعنوان')
 * // ['قال د. أحمد: «انتهى الأمر.»', 'ثم غادر.', 'عنوان']
 */
export function splitSentences(text: string): string[] {
  const out: string[] = [];
  for (const paragraph of splitParagraphs(text)) splitLine(paragraph, out);
  return out;
}

/**
 * Splits one paragraph (text without line breaks, e.g. from {@link splitParagraphs}) into
 * sentences. Line breaks inside it are not treated specially.
 * @example splitParagraph('هل جاء؟ نعم.') // ['هل جاء؟', 'نعم.']
 */
export function splitParagraph(paragraph: string): string[] {
  const out: string[] = [];
  splitLine(paragraph.trim(), out);
  return out;
}

/**
 * Splits text into paragraphs: its non-empty lines, trimmed, with hard-wrapped lines joined back
 * together and leading bullet or list markers dropped.
 * @example splitParagraphs('عنوان\n\n- أول.\n- ثان.') // ['عنوان', 'أول.', 'ثان.']
 */
export function splitParagraphs(text: string): string[] {
  const lines: string[] = [];
  for (const rawLine of text.split(LINE_RE)) {
    const line = rawLine.trim();
    if (line.length > 0) lines.push(line);
  }
  const out: string[] = [];
  for (const line of unwrapLines(lines)) {
    const content = line.replace(BULLET_RE, '').trim();
    if (content.length > 0) out.push(content);
  }
  return out;
}

/** Line ends that close a paragraph (a ":" before a list does not). */
const LINE_END_RE = /[.!?؟…۔"'»”)\]]$/u;

/**
 * Joins hard-wrapped lines back into paragraphs. Text is taken as hard-wrapped when most of its
 * lines are about as long as the longest ones (a fixed width, e.g. 76 characters) and many of
 * those do not end a sentence; then a full-width line that does not end a sentence is joined
 * with the next one, unless that one starts a list item. Paragraph-per-line text is left as is.
 */
function unwrapLines(lines: readonly string[]): string[] {
  if (lines.length < 3) return [...lines];
  const lengths = lines.map((l) => l.length).sort((a, b) => a - b);
  const width = lengths[Math.floor((lengths.length - 1) * 0.9)]!;
  if (width > 120 || width < 20) return [...lines];
  const full = (l: string): boolean => l.length >= 0.6 * width;
  let wide = 0;
  let open = 0;
  for (const l of lines) {
    if (!full(l)) continue;
    wide++;
    if (!LINE_END_RE.test(l)) open++;
  }
  if (wide < 0.5 * lines.length || open < 0.4 * wide) return [...lines];
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    cur = cur ? `${cur} ${l}` : l;
    const next = lines[i + 1];
    const join = next !== undefined && full(l) && !LINE_END_RE.test(l) && !BULLET_RE.test(next);
    if (!join) {
      out.push(cur);
      cur = '';
    }
  }
  if (cur) out.push(cur);
  return out;
}
