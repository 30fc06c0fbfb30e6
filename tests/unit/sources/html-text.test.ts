import { describe, expect, it } from 'vitest';
import { decodeEntities, htmlToText } from '../../../src/sources/html-text.js';

describe('htmlToText', () => {
  it.each<[string, string, string]>([
    ['separates paragraphs with line breaks', '<p>أولاً</p><p>ثانياً</p>', 'أولاً\nثانياً'],
    [
      'drops scripts and styles',
      '<style>p{}</style><p>نص</p><script>var a = "<p>x</p>";</script>',
      'نص',
    ],
    [
      'drops the head, comments and doctype',
      '<!DOCTYPE html><html><head><title>t</title></head><body><!-- c --><p>متن</p></body></html>',
      'متن',
    ],
    [
      'keeps inline markup inside a paragraph',
      '<p>قال <b>الوزير</b> <a href="#">اليوم</a></p>',
      'قال الوزير اليوم',
    ],
    ['turns br and list items into lines', 'أ<br>ب<ul><li>ج</li><li>د</li></ul>', 'أ\nب\nج\nد'],
    ['decodes entities', '<p>&laquo;نعم&raquo; &amp; &#1605;&#x644; &nbsp;x</p>', '«نعم» & مل x'],
    ['keeps a bare less-than sign', '<p>3 < 5</p>', '3 < 5'],
    ['collapses whitespace', '<p>  كلمة \n\t أخرى  </p>', 'كلمة أخرى'],
    ['survives an unclosed script', '<p>قبل</p><script>while(1)', 'قبل'],
    ['survives an unclosed tag', '<p>نص <b', 'نص'],
  ])('%s', (_name, html, expected) => {
    expect(htmlToText(html)).toBe(expected);
  });

  it('handles a large document in linear time', () => {
    const html = '<div><p>فقرة <i>مائلة</i> &amp; نص.</p></div>'.repeat(50_000);
    const started = performance.now();
    const text = htmlToText(html);
    expect(text.split('\n')).toHaveLength(50_000);
    expect(performance.now() - started).toBeLessThan(5000);
  });
});

describe('decodeEntities', () => {
  it.each<[string, string]>([
    ['&quot;x&quot;', '"x"'],
    ['&unknown;', '&unknown;'],
    ['&#0;', '\uFFFD'],
    ['&#x1F4F0;', '📰'],
    ['no entities', 'no entities'],
  ])('decodes %j', (input, expected) => {
    expect(decodeEntities(input)).toBe(expected);
  });
});
