/**
 * Plain text of an HTML fragment or page: paragraphs separated by "\n", scripts, styles and other
 * non-content elements dropped, character references decoded. A linear scan (no backtracking
 * regex), so a huge or broken document costs linear time.
 */

/** Elements whose content is never text a reader sees. */
const DROP_CONTENT = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'svg',
  'math',
  'iframe',
  'object',
  'canvas',
  'head',
  'select',
  'textarea',
  'button',
]);

/** Elements that start or end a block: they become line breaks. */
const BLOCK = new Set([
  'p',
  'div',
  'br',
  'li',
  'ul',
  'ol',
  'dl',
  'dt',
  'dd',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'tr',
  'table',
  'thead',
  'tbody',
  'tfoot',
  'section',
  'article',
  'aside',
  'header',
  'footer',
  'nav',
  'main',
  'blockquote',
  'pre',
  'figure',
  'figcaption',
  'hr',
  'address',
  'details',
  'summary',
  'title',
  'body',
  'html',
  'form',
  'fieldset',
  'legend',
  'caption',
  'center',
]);

const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00A0',
  shy: '\u00AD',
  zwnj: '\u200C',
  zwj: '\u200D',
  lrm: '\u200E',
  rlm: '\u200F',
  hellip: '\u2026',
  mdash: '\u2014',
  ndash: '\u2013',
  laquo: '\u00AB',
  raquo: '\u00BB',
  ldquo: '\u201C',
  rdquo: '\u201D',
  lsquo: '\u2018',
  rsquo: '\u2019',
  sbquo: '\u201A',
  bdquo: '\u201E',
  copy: '\u00A9',
  reg: '\u00AE',
  trade: '\u2122',
  middot: '\u00B7',
  bull: '\u2022',
  times: '\u00D7',
  divide: '\u00F7',
  deg: '\u00B0',
  euro: '\u20AC',
  pound: '\u00A3',
  yen: '\u00A5',
  cent: '\u00A2',
  sect: '\u00A7',
  para: '\u00B6',
  thinsp: '\u2009',
  ensp: '\u2002',
  emsp: '\u2003',
  minus: '\u2212',
  larr: '\u2190',
  rarr: '\u2192',
  frac12: '\u00BD',
  frac14: '\u00BC',
  frac34: '\u00BE',
  eacute: '\u00E9',
  egrave: '\u00E8',
  agrave: '\u00E0',
  aacute: '\u00E1',
  ccedil: '\u00E7',
  ouml: '\u00F6',
  uuml: '\u00FC',
  auml: '\u00E4',
  iacute: '\u00ED',
  oacute: '\u00F3',
  uacute: '\u00FA',
  ntilde: '\u00F1',
};

const ENTITY_RE = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z][a-zA-Z0-9]{1,31}));?/g;

/**
 * Decodes HTML character references (named, decimal and hexadecimal); unknown ones are kept.
 * @example decodeEntities('&laquo;نعم&raquo; &#1605;') // '«نعم» م'
 */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(ENTITY_RE, (all, dec?: string, hex?: string, name?: string) => {
    if (name !== undefined)
      return NAMED_ENTITIES[name] ?? NAMED_ENTITIES[name.toLowerCase()] ?? all;
    const code = dec !== undefined ? Number(dec) : parseInt(hex!, 16);
    if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return '\uFFFD';
    return String.fromCodePoint(code);
  });
}

const SPACES_RE = /[ \t\f\v\u00A0\u2000-\u200A\u202F\u3000]+/g;

/** Collapses spaces inside lines, trims lines and drops empty ones. */
function tidyLines(text: string): string {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    const t = line.replace(SPACES_RE, ' ').trim();
    if (t.length > 0) out.push(t);
  }
  return out.join('\n');
}

/**
 * The readable text of HTML: block elements become line breaks, the content of script, style and
 * similar elements is dropped, comments and tags are removed, entities decoded.
 * @example htmlToText('<p>أولاً</p><script>x()</script><p>ثانياً &amp; أخيراً</p>') // 'أولاً\nثانياً & أخيراً'
 */
export function htmlToText(html: string): string {
  const lower = html.toLowerCase();
  const parts: string[] = [];
  const n = html.length;
  let i = 0;
  let textStart = 0;
  const flush = (end: number): void => {
    if (end > textStart) parts.push(html.slice(textStart, end).replace(/[\r\n]+/g, ' '));
  };
  while (i < n) {
    const lt = html.indexOf('<', i);
    if (lt === -1) break;
    const next = html.charCodeAt(lt + 1);
    // Comments, CDATA and doctype.
    if (html.startsWith('<!--', lt)) {
      flush(lt);
      const end = html.indexOf('-->', lt + 4);
      i = textStart = end === -1 ? n : end + 3;
      continue;
    }
    if (next === 33 || next === 63) {
      // <!DOCTYPE …>, <![CDATA[…]]>, <?xml …?>
      flush(lt);
      const end = html.indexOf('>', lt + 2);
      i = textStart = end === -1 ? n : end + 1;
      continue;
    }
    const closing = next === 47;
    let j = lt + (closing ? 2 : 1);
    const nameStart = j;
    while (j < n) {
      const c = lower.charCodeAt(j);
      if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 45 || c === 58) j++;
      else break;
    }
    if (j === nameStart) {
      // A bare "<" in text ("3 < 5"): keep it.
      i = lt + 1;
      continue;
    }
    const name = lower.slice(nameStart, j);
    const gt = html.indexOf('>', j);
    flush(lt);
    const tagEnd = gt === -1 ? n : gt + 1;
    if (BLOCK.has(name)) parts.push('\n');
    else parts.push('');
    if (!closing && DROP_CONTENT.has(name) && html.charCodeAt(tagEnd - 2) !== 47) {
      const close = lower.indexOf(`</${name}`, tagEnd);
      const closeEnd = close === -1 ? n : html.indexOf('>', close);
      i = textStart = close === -1 || closeEnd === -1 ? n : closeEnd + 1;
      if (BLOCK.has(name) || name === 'head') parts.push('\n');
      continue;
    }
    i = textStart = tagEnd;
  }
  flush(n);
  return tidyLines(decodeEntities(parts.join('')));
}
