import { describe, expect, it } from 'vitest';
import { countChars, needsTranslation, protect, restore } from '../../../src/translate/protect.js';

describe('protect and restore', () => {
  it.each([
    ['a URL', 'انظر https://example.org/a?b=1 للمزيد', ['https://example.org/a?b=1']],
    ['a URL before a full stop', 'المصدر www.example.org.', ['www.example.org']],
    ['a URL before an Arabic comma', 'الرابط https://e.org/x، ثم', ['https://e.org/x']],
    ['Western numbers', 'بلغ 1,500 شخص و 3.5%', ['1,500', '3.5']],
    ['Arabic-Indic numbers', 'قُتل ١٢ شخصا في ٢٠٢٦', ['١٢', '٢٠٢٦']],
    ['numbers inside a name', 'طائرة F-16 جديدة', ['16']],
  ])('takes out %s', (_, text, tokens) => {
    const p = protect(text);
    expect(p.tokens).toEqual(tokens);
    for (const t of tokens) expect(p.text).not.toContain(t);
    expect(restore(p.text, p.tokens, 'ar')).toBe(text);
  });

  it('gives readers of other scripts Western digits, and Arabic readers theirs', () => {
    const p = protect('التضخم ٣٫١٪ في ٢٠٢٦ من أصل ١٬٢٠٠');
    expect(restore(p.text, p.tokens, 'en')).toBe('التضخم 3.1٪ في 2026 من أصل 1,200');
    expect(restore(p.text, p.tokens, 'fa')).toBe('التضخم ٣٫١٪ في ٢٠٢٦ من أصل ١٬٢٠٠');
  });

  it('accepts placeholders the service spaced out or moved', () => {
    const p = protect('بين 10 و 20');
    const moved = p.text.replace('\u27e60\u27e7', '\u27e6 0 \u27e7');
    expect(restore(`between ${moved.slice(4)}`, p.tokens, 'en')).toContain('10');
  });

  it('appends a placeholder the service dropped rather than losing it', () => {
    const p = protect('الرابط https://e.org/x هنا');
    expect(restore('the link is here', p.tokens, 'en')).toBe('the link is here https://e.org/x');
  });

  it('leaves text without URLs or numbers alone', () => {
    expect(protect('لا شيء هنا')).toEqual({ text: 'لا شيء هنا', tokens: [] });
  });

  it('knows when nothing is left to translate', () => {
    expect(needsTranslation(protect('2026 - https://e.org').text)).toBe(false);
    expect(needsTranslation(protect('عام 2026').text)).toBe(true);
  });

  it('counts code points, as the service bills', () => {
    expect(countChars('مرحبا')).toBe(5);
    expect(countChars('😀a')).toBe(2);
  });
});
