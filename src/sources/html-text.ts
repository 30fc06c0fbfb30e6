/**
 * Plain text of an HTML fragment or page: paragraphs separated by "\n", scripts, styles and other
 * non-content elements dropped, character references decoded. A linear scan (no backtracking
 * regex), so a huge or broken document costs linear time.
 */
import { decodeHTML } from 'entities';

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

/**
 * Decodes HTML character references as a browser reads them (named, decimal, hexadecimal, and
 * the legacy names a browser accepts without ";"); unknown ones are kept, invalid numbers
 * become U+FFFD.
 * @example decodeEntities('&laquo;نعم&raquo; &#1605;') // '«نعم» م'
 */
export function decodeEntities(text: string): string {
  return text.includes('&') ? decodeHTML(text) : text;
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
