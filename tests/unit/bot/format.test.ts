import { describe, expect, it } from 'vitest';
import type { Digest, Story } from '../../../src/domain.js';
import {
  MESSAGE_LIMIT,
  htmlToPlainText,
  packBlocks,
  renderDigest,
  renderTopicAnswer,
  splitText,
  utf16Length,
} from '../../../src/bot/format.js';
import { escapeHtml, safeHref } from '../../../src/bot/html.js';
import { parseCallback } from '../../../src/bot/callback-data.js';

function story(i: number, over: Partial<Story> = {}): Story {
  return {
    id: `s${i}`,
    title: `عنوان القصة رقم ${i}`,
    points: [`النقطة الأولى في القصة ${i}.`, `النقطة الثانية في القصة ${i}.`],
    sources: [{ name: 'الجزيرة', url: `https://www.aljazeera.net/news/${i}` }],
    articles: [],
    score: 10 - i,
    ...over,
  };
}

function digest(stories: Story[], language = 'ar'): Digest {
  return {
    id: 'd-2026-11-28',
    window: { from: '2026-11-27T07:00:00.000Z', to: '2026-11-28T07:00:00.000Z' },
    builtAt: '2026-11-28T07:00:00.000Z',
    language,
    stories,
  };
}

/** Tags must balance and every & must start an entity in each message. */
function assertWellFormed(html: string) {
  const stack: string[] = [];
  for (const m of html.matchAll(/<(\/?)([a-z]+)[^>]*>/g)) {
    if (m[1]) expect(stack.pop()).toBe(m[2]);
    else stack.push(m[2]!);
  }
  expect(stack).toEqual([]);
  expect(html).not.toMatch(/&(?!(amp|lt|gt|quot|#\d+);)/);
  // no lone surrogate at a cut
  expect(html).not.toMatch(
    /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/,
  );
}

describe('escaping', () => {
  it.each([
    [
      '<b>x</b> & <a href="javascript:alert(1)">y</a>',
      '&lt;b&gt;x&lt;/b&gt; &amp; &lt;a href=&quot;javascript:alert(1)&quot;&gt;y&lt;/a&gt;',
    ],
    ['plain عربي', 'plain عربي'],
    ['&amp;', '&amp;amp;'],
  ])('escapes %s', (input, expected) => {
    expect(escapeHtml(input)).toBe(expected);
  });

  it.each([
    ['javascript:alert(1)', undefined],
    ['data:text/html,x', undefined],
    ['ftp://x.org/a', undefined],
    ['not a url', undefined],
    ['https://a.org/?q="x"&y=<z>', 'https://a.org/?q=%22x%22&amp;y=%3Cz%3E'],
    ['http://example.com/path', 'http://example.com/path'],
  ])('keeps only http(s) links: %s', (url, expected) => {
    expect(safeHref(url)).toBe(expected);
  });

  it('renders an injection title as text and drops a javascript: source link', () => {
    const evil = story(0, {
      title: '<b>x</b> & <a href="https://evil.example">click</a>',
      points: ['</b><i>broken', '&lt; already escaped &gt;'],
      sources: [
        { name: '<script>alert(1)</script>', url: 'javascript:alert(1)' },
        { name: 'ok "quoted"', url: 'https://ok.example/a?x=1&y=2' },
      ],
    });
    const [msg] = renderDigest(digest([evil]), { ui: 'en', format: 'full' });
    expect(msg!.html).toContain(
      '&lt;b&gt;x&lt;/b&gt; &amp; &lt;a href=&quot;https://evil.example&quot;&gt;click&lt;/a&gt;',
    );
    expect(msg!.html).toContain('&lt;/b&gt;&lt;i&gt;broken');
    expect(msg!.html).toContain('&amp;lt; already escaped &amp;gt;');
    expect(msg!.html).not.toContain('javascript:');
    expect(msg!.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(msg!.html).toContain(
      '<a href="https://ok.example/a?x=1&amp;y=2">ok &quot;quoted&quot;</a>',
    );
    assertWellFormed(msg!.html);
  });
});

describe('UTF-16 counting', () => {
  it('counts emoji as two units and Arabic letters as one', () => {
    expect(utf16Length('😀')).toBe(2);
    expect(utf16Length('👨‍👩‍👧')).toBe(8);
    expect(utf16Length('خلاصة')).toBe(5);
  });

  it('never cuts an emoji in half', () => {
    const text = '😀'.repeat(50);
    const pieces = splitText(text, 9);
    expect(pieces.join('')).toBe(text);
    for (const p of pieces) {
      expect(utf16Length(p)).toBeLessThanOrEqual(9);
      assertWellFormed(p);
    }
  });
});

describe('splitText', () => {
  it('cuts at word boundaries, Arabic punctuation included', () => {
    const text = 'قال الوزير، إن المفاوضات مستمرة؛ فهل تنجح؟ ربما غدا.';
    const pieces = splitText(text, 20);
    for (const p of pieces) expect(utf16Length(p)).toBeLessThanOrEqual(20);
    expect(pieces.join(' ').replace(/\s+/g, ' ')).toBe(text);
    expect(pieces[0]).toMatch(/[،؛؟\s]?$/);
    expect(pieces.every((p) => !p.startsWith(' ') && !p.endsWith(' '))).toBe(true);
  });

  it('budgets on the escaped length, so & never overflows once escaped', () => {
    const pieces = splitText('&'.repeat(100), 20);
    for (const p of pieces) expect(escapeHtml(p).length).toBeLessThanOrEqual(20);
    expect(pieces.join('')).toBe('&'.repeat(100));
  });
});

describe('packBlocks', () => {
  it('keeps blocks whole when they fit and splits between lines when not', () => {
    const blocks = [
      { lines: ['a'.repeat(30)], id: 0 },
      { lines: ['b'.repeat(30), 'c'.repeat(30)], id: 1 },
      { lines: ['d'.repeat(40), 'e'.repeat(40), 'f'.repeat(40)], id: 2 },
    ];
    const packed = packBlocks(blocks, 70);
    for (const m of packed) expect(m.lines.join('\n').length).toBeLessThanOrEqual(70);
    expect(packed.map((m) => m.ids)).toEqual([[0], [1], [2], [], []]);
    expect(packed.flatMap((m) => m.lines).filter(Boolean)).toEqual(blocks.flatMap((b) => b.lines));
  });
});

describe('renderDigest', () => {
  it('renders title, bullets and source links, right-to-left marked', () => {
    const [msg, ...rest] = renderDigest(digest([story(1), story(2, { update: true })]), {
      ui: 'ar',
      format: 'full',
    });
    expect(rest).toEqual([]);
    expect(msg!.html).toContain('<b>خلاصة اليوم</b> · السبت، 28 نوفمبر');
    expect(msg!.html).toContain('\u200f<b>1. عنوان القصة رقم 1</b>');
    expect(msg!.html).toContain('\u200f• النقطة الأولى في القصة 1.');
    expect(msg!.html).toContain('<a href="https://www.aljazeera.net/news/1">الجزيرة</a>');
    expect(msg!.html).toContain('<b>2. عنوان القصة رقم 2</b> · <i>تحديث</i>');
    expect(msg!.replyMarkup).toBeUndefined();
  });

  it('splits a large digest at story boundaries, each part ≤ 4096 units', () => {
    const stories = Array.from({ length: 30 }, (_, i) =>
      story(i, { points: Array.from({ length: 4 }, (_, j) => `نقطة ${j} 😀 `.repeat(20)) }),
    );
    const messages = renderDigest(digest(stories), { ui: 'en', format: 'full' });
    expect(messages.length).toBeGreaterThan(1);
    for (const m of messages) {
      expect(utf16Length(m.html)).toBeLessThanOrEqual(MESSAGE_LIMIT);
      assertWellFormed(m.html);
      // every part starts with a heading or a story title: cut at story boundaries
      expect(m.html).toMatch(/^\u200f?<b>/);
    }
    const all = messages.map((m) => m.html).join('\n');
    for (let i = 0; i < 30; i++) expect(all).toContain(`<b>${i + 1}. عنوان القصة رقم ${i}</b>`);
  });

  it('cuts a single huge point at word boundaries without breaking entities', () => {
    const huge = 'كلمة & <وسم> '.repeat(1500); // ~18,000 units once escaped
    const messages = renderDigest(digest([story(1, { points: [huge] })]), {
      ui: 'ar',
      format: 'full',
    });
    expect(messages.length).toBeGreaterThan(3);
    for (const m of messages) {
      expect(utf16Length(m.html)).toBeLessThanOrEqual(MESSAGE_LIMIT);
      assertWellFormed(m.html);
    }
    const text = messages.map((m) => htmlToPlainText(m.html)).join(' ');
    expect((text.match(/كلمة/g) ?? []).length).toBe(1500);
  });

  it('keeps every message within 100 formatting entities', () => {
    const many = Array.from({ length: 60 }, (_, i) =>
      story(i, {
        points: ['نقطة'],
        sources: Array.from({ length: 120 }, (_, j) => ({
          name: `م${j}`,
          url: `https://s${j}.example/${i}`,
        })),
      }),
    );
    const messages = renderDigest(digest(many), { ui: 'en', format: 'full' });
    for (const m of messages) {
      expect((m.html.match(/<[a-z]/g) ?? []).length).toBeLessThanOrEqual(100);
      expect(utf16Length(m.html)).toBeLessThanOrEqual(MESSAGE_LIMIT);
      assertWellFormed(m.html);
    }
    const links = messages.reduce((n, m) => n + (m.html.match(/<a /g) ?? []).length, 0);
    expect(links).toBe(60 * 120);
  });

  it('says so when the digest has no story', () => {
    const messages = renderDigest(digest([]), { ui: 'en', format: 'full' });
    expect(messages).toEqual([
      {
        html: '<b>Today’s digest</b> · Saturday, November 28\nNo story was covered widely enough in this window.',
      },
    ]);
  });

  it('respects a smaller limit exactly', () => {
    const messages = renderDigest(digest(Array.from({ length: 5 }, (_, i) => story(i))), {
      ui: 'en',
      limit: 200,
    });
    for (const m of messages) expect(utf16Length(m.html)).toBeLessThanOrEqual(200);
  });

  it('offers Arabic-original buttons under a translated digest', () => {
    const translated = digest([story(1, { title: 'Talks resume' }), story(2)], 'en');
    const [msg] = renderDigest(translated, {
      ui: 'en',
      notice: 'partly <untranslated>',
      format: 'full',
    });
    expect(msg!.html).toContain('<i>partly &lt;untranslated&gt;</i>');
    expect(msg!.html).not.toContain('\u200f<b>1.');
    const buttons = msg!.replyMarkup!.inline_keyboard.flat();
    expect(buttons.map((b) => b.text)).toEqual(['Arabic original 1', 'Arabic original 2']);
    const data = buttons.map((b) => parseCallback((b as { callback_data: string }).callback_data));
    expect(data).toEqual([
      { kind: 'original', index: 0, ref: 'd-2026-11-28' },
      { kind: 'original', index: 1, ref: 'd-2026-11-28' },
    ]);
  });

  it('uses a short reference when the digest id is too long for a button', () => {
    const d = { ...digest([story(1)], 'fr'), id: 'x'.repeat(80) };
    const [msg] = renderDigest(d, { ui: 'en', format: 'full' });
    const raw = (msg!.replyMarkup!.inline_keyboard[0]![0] as { callback_data: string })
      .callback_data;
    expect(Buffer.byteLength(raw)).toBeLessThanOrEqual(64);
    expect(parseCallback(raw)).toMatchObject({ kind: 'original', index: 0 });
  });
});

describe('renderTopicAnswer', () => {
  it('escapes the query in the heading', () => {
    const [msg] = renderTopicAnswer('<i>غزة</i>', [story(1)], { ui: 'en', language: 'ar' });
    expect(msg!.html).toContain('<b>About “&lt;i&gt;غزة&lt;/i&gt;”</b>');
  });

  it('puts Arabic-original buttons under a translated answer that has a reference', () => {
    const stories = [story(1), story(2)];
    const [translated] = renderTopicAnswer('Gaza', stories, {
      ui: 'en',
      language: 'en',
      originalRef: '?abc',
      format: 'full',
    });
    const buttons = translated!.replyMarkup!.inline_keyboard.flat();
    expect(buttons.map((b) => ('callback_data' in b ? b.callback_data : ''))).toEqual([
      'o:0:?abc',
      'o:1:?abc',
    ]);
    const opts = { ui: 'en', originalRef: '?abc', format: 'full' } as const;
    expect(renderTopicAnswer('غزة', stories, { ...opts, language: 'ar' })[0]!.replyMarkup).toBe(
      undefined,
    );
    expect(
      renderTopicAnswer('Gaza', stories, { ui: 'en', language: 'en', format: 'full' })[0]!
        .replyMarkup,
    ).toBe(undefined);
  });
});

describe('htmlToPlainText', () => {
  it('strips tags, shows links and decodes entities', () => {
    expect(
      htmlToPlainText(
        '\u200f<b>1. a &lt;b&gt; &amp; c</b>\n<a href="https://x.org/?a=1&amp;b=2">X</a> &#1575;',
      ),
    ).toBe('1. a <b> & c\nX <https://x.org/?a=1&b=2> ا');
  });
});

describe('callback data', () => {
  it.each([
    ['s', { kind: 'subscribe' }],
    ['l', { kind: 'lang-menu' }],
    ['l:fr', { kind: 'lang', code: 'fr' }],
    ['t:07:30', { kind: 'time', time: '07:30' }],
    ['o:3:d-1', { kind: 'original', index: 3, ref: 'd-1' }],
  ])('parses %s', (raw, expected) => {
    expect(parseCallback(raw)).toEqual(expected);
  });

  it.each(['', 'x', 'l:<script>', 't:25:00', 'o:abc:d', 'o:1:', 's:extra', 'l:' + 'a'.repeat(70)])(
    'rejects %s',
    (raw) => {
      expect(parseCallback(raw)).toBeUndefined();
    },
  );
});
