/**
 * Fast HTML-fragment-to-text for feed descriptions (thousands per second, no DOM): scripts,
 * styles and comments dropped, block elements become line breaks, entities decoded, spaces
 * collapsed. Whole pages go through Readability instead (see extract.ts).
 */

const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  hellip: '…',
  mdash: '—',
  ndash: '–',
  laquo: '«',
  raquo: '»',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  sbquo: '‚',
  bdquo: '„',
  bull: '•',
  middot: '·',
  copy: '©',
  reg: '®',
  trade: '™',
  deg: '°',
  times: '×',
  divide: '÷',
  euro: '€',
  pound: '£',
  zwnj: '\u200c',
  zwj: '\u200d',
  lrm: '\u200e',
  rlm: '\u200f',
  thinsp: ' ',
  ensp: ' ',
  emsp: ' ',
  shy: '',
};

const ENTITY = /&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z][a-z0-9]{1,31});/gi;

/** Decodes HTML character references; unknown names are left as they are. */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(ENTITY, (whole, body: string) => {
    if (body[0] === '#') {
      const code =
        body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : Number(body.slice(1));
      if (
        !Number.isInteger(code) ||
        code <= 0 ||
        code > 0x10ffff ||
        (code >= 0xd800 && code <= 0xdfff)
      ) {
        return '\ufffd';
      }
      return String.fromCodePoint(code);
    }
    return NAMED[body] ?? NAMED[body.toLowerCase()] ?? whole;
  });
}

const DROP = /<(script|style|noscript|template|svg|iframe|object|head)\b[^>]*>[\s\S]*?<\/\1\s*>/gi;
const COMMENT = /<!--[\s\S]*?-->/g;
const CDATA = /<!\[CDATA\[([\s\S]*?)\]\]>/g;
const BLOCK =
  /<\/?(p|div|br|hr|li|ul|ol|h[1-6]|blockquote|section|article|header|footer|table|tr|figure|figcaption|pre|dd|dt)\b[^>]*>/gi;
const TAG = /<\/?[a-z][^>]*>|<![^>]*>/gi;

/** Text with no markup, entity or line break: only spaces to tidy. */
const PLAIN = /^[^<&\n\r]*$/;
const SPACES = /[\s\u00a0]+/g;
/** A line break with the spaces and empty lines around it. */
const LINE_BREAKS = /\s*\n\s*/g;
/** Runs of spaces inside a line. */
const INNER_SPACES = /[^\S\n]+/g;

/**
 * Plain text of an HTML fragment: paragraphs separated by "\n", inner spaces collapsed.
 *
 * @example fragmentToText('<p>أ &amp; ب</p><p>ج</p>') // 'أ & ب\nج'
 */
export function fragmentToText(html: string): string {
  if (!html) return '';
  if (PLAIN.test(html)) return html.replace(SPACES, ' ').trim();
  let s = html;
  if (s.includes('<')) {
    s = s
      .replace(CDATA, '$1')
      .replace(COMMENT, ' ')
      .replace(DROP, ' ')
      .replace(BLOCK, '\n')
      .replace(TAG, '');
  }
  return decodeEntities(s).replace(LINE_BREAKS, '\n').replace(INNER_SPACES, ' ').trim();
}

/** True when the string looks like it holds markup rather than plain text. */
export function looksLikeHtml(text: string): boolean {
  return /<\/?[a-z][^>]*>/i.test(text);
}
