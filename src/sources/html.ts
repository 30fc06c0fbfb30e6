/**
 * HTML fragments to text for feed descriptions (thousands per second, no DOM). Whole pages go
 * through Readability instead (see extract.ts).
 */
import { htmlToText } from './html-text.js';

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
