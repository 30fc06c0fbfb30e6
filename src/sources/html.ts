/**
 * HTML fragments to text for feed descriptions (thousands per second, no DOM), and entity
 * decoding for XML text. Whole pages go through Readability instead (see extract.ts).
 */
import { htmlToText } from './html-text.js';

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

/** Text with no markup, entity or line break: only spaces to tidy. */
const PLAIN = /^[^<&\n\r]*$/;
const SPACES = /[\s\u00a0]+/g;

/**
 * Plain text of an HTML fragment: paragraphs separated by "\n", inner spaces collapsed. Markup
 * goes through htmlToText (a linear scan, so a hostile description cannot make it slow);
 * plain text takes a shortcut.
 *
 * @example fragmentToText('<p>أ &amp; ب</p><p>ج</p>') // 'أ & ب\nج'
 */
export function fragmentToText(html: string): string {
  if (!html) return '';
  if (PLAIN.test(html)) return html.replace(SPACES, ' ').trim();
  const unwrapped = html.includes('<![CDATA[')
    ? html.replaceAll('<![CDATA[', '').replaceAll(']]>', '')
    : html;
  return htmlToText(unwrapped);
}

/** True when the string looks like it holds markup rather than plain text. */
export function looksLikeHtml(text: string): boolean {
  return /<\/?[a-z][^>]*>/i.test(text);
}
