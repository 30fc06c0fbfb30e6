import { describe, expect, it } from 'vitest';
import { parseOpml, planImport, renderOpml } from '../../../src/sources/opml.js';
import type { Source } from '../../../src/store/types.js';

const NESTED = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE opml [<!ENTITY site "akhbar.example">]>
<opml version="2.0">
  <head><title>قائمتي</title></head>
  <body>
    <outline text="أخبار">
      <outline text="الأفق &amp; المدار" type="rss" xmlUrl="https://&site;/rss?a=1&amp;b=2"/>
      <outline text="داخل مجلد">
        <outline title="عميق" text="x" xmlurl="http://deep.example/feed.xml"/>
      </outline>
    </outline>
    <outline text="no feed here" htmlUrl="https://site.example/"/>
    <outline text="again" xmlUrl="https://akhbar.example/rss?a=1&amp;b=2"/>
    <outline text="ftp" xmlUrl="ftp://old.example/feed"/>
  </body>
</opml>`;

describe('parseOpml', () => {
  it('finds every xmlUrl at any depth, with entities decoded', () => {
    expect(parseOpml(NESTED)).toEqual([
      { url: 'https://akhbar.example/rss?a=1&b=2', title: 'الأفق & المدار' },
      { url: 'http://deep.example/feed.xml', title: 'عميق' },
      { url: 'https://akhbar.example/rss?a=1&b=2', title: 'again' },
      { url: 'ftp://old.example/feed', title: 'ftp' },
    ]);
  });

  it('refuses a document that is not OPML', () => {
    expect(() => parseOpml('<rss><channel/></rss>')).toThrow(/OPML/);
    expect(() => parseOpml('<opml><body>')).toThrow();
  });

  it('reads an empty body as no feeds', () => {
    expect(parseOpml('<opml version="1.0"><head/><body/></opml>')).toEqual([]);
  });
});

describe('planImport', () => {
  const existing: Source[] = [
    { id: 'deep-example', name: 'Deep', url: 'http://deep.example/feed.xml', kind: 'feed' },
  ];

  it('adds new http(s) feeds and skips duplicates, known ones and other schemes', () => {
    const lines = planImport(parseOpml(NESTED), existing);
    expect(lines.map((l) => [l.status, l.url])).toEqual([
      ['added', 'https://akhbar.example/rss?a=1&b=2'],
      ['skipped', 'http://deep.example/feed.xml'],
      ['skipped', 'https://akhbar.example/rss?a=1&b=2'],
      ['skipped', 'ftp://old.example/feed'],
    ]);
    const added = lines[0]!;
    expect(added.status === 'added' && added.source).toEqual({
      id: 'akhbar-example',
      name: 'الأفق & المدار',
      url: 'https://akhbar.example/rss?a=1&b=2',
      kind: 'feed',
    });
  });

  it('gives two feeds of one host different ids', () => {
    const lines = planImport(
      [{ url: 'https://news.example/a' }, { url: 'https://news.example/b' }],
      [],
    );
    const ids = lines.map((l) => (l.status === 'added' ? l.source.id : ''));
    expect(new Set(ids).size).toBe(2);
    expect(ids[0]).toBe('news-example');
  });
});

describe('renderOpml', () => {
  it('round-trips through parseOpml, escaping names and URLs', () => {
    const sources: Source[] = [
      {
        id: 'a',
        name: 'الأفق "الجديد" & <co>',
        url: 'https://a.example/rss?x=1&y=2',
        kind: 'feed',
      },
      { id: 'b', name: 'B', url: 'https://b.example/feed', kind: 'feed' },
    ];
    const xml = renderOpml(sources);
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<opml version="2.0">/);
    expect(parseOpml(xml)).toEqual(sources.map((s) => ({ url: s.url, title: s.name })));
  });
});
