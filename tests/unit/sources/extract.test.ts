import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../../src/sources/extract.js';
import { fragmentToText } from '../../../src/sources/html.js';
import { decodeEntities } from '../../../src/sources/html-text.js';

const P1 =
  'انطلقت صباح اليوم أعمال المؤتمر الزراعي بمشاركة خبراء من اثنتي عشرة دولة، وتركز الجلسات على تقنيات الري بالتنقيط والزراعة الذكية في المناطق الجافة.';
const P2 =
  'وقال رئيس اللجنة المنظمة إن المؤتمر سيخرج بتوصيات عملية لخفض استهلاك المياه في الزراعة بنسبة الثلث خلال عشر سنوات، مع برامج لتدريب المزارعين.';

const page = `<!doctype html><html lang="ar" dir="rtl"><head>
<title>مؤتمر زراعي يبحث الري الذكي | موقع الحقول</title>
<meta property="og:site_name" content="موقع الحقول">
<meta property="article:published_time" content="2026-11-28T09:00:00+03:00">
<link rel="canonical" href="/news/agri-conference">
<script>var ads = 1;</script><style>p{color:red}</style>
</head><body>
<nav><ul><li><a href="/">الرئيسية</a></li><li><a href="/sport">رياضة</a></li><li><a href="/eco">اقتصاد</a></li></ul></nav>
<main><article>
<h1>مؤتمر زراعي يبحث الري الذكي</h1>
<p>${P1}</p>
<p>${P2}</p>
<div class="share">شارك على فيسبوك</div>
<p>اقرأ أيضاً: أسعار القمح ترتفع</p>
</article>
<aside><h3>الأكثر قراءة</h3><ul><li><a href="/1">خبر أول</a></li><li><a href="/2">خبر ثان</a></li></ul></aside>
</main><footer>جميع الحقوق محفوظة © 2026</footer></body></html>`;

describe('extractArticle', () => {
  it('keeps the paragraphs and drops menus, share bars and footers', () => {
    const a = extractArticle(page, 'https://fields.example/news/agri-conference?utm_source=x')!;
    expect(a.title).toBe('مؤتمر زراعي يبحث الري الذكي');
    expect(a.text).toBe(`${P1}\n${P2}`);
    expect(a.publishedAt).toBe('2026-11-28T06:00:00.000Z');
    expect(a.language).toBe('ar');
    expect(a.siteName).toBe('موقع الحقول');
    expect(a.canonicalUrl).toBe('https://fields.example/news/agri-conference');
  });

  it('falls back to the body paragraphs of a short page', () => {
    const a = extractArticle(
      '<html><body><h1>عنوان</h1><p>سطر قصير.</p></body></html>',
      'https://x.example/',
    );
    expect(a).toMatchObject({ title: 'عنوان', text: 'سطر قصير.' });
  });

  it('returns undefined for a page with nothing to read', () => {
    expect(extractArticle('<html><body></body></html>', 'https://x.example/')).toBeUndefined();
  });
});

describe('fragmentToText', () => {
  it.each([
    ['<p>أ &amp; ب</p><p>ج</p>', 'أ & ب\nج'],
    ['سطر<br>سطر<br/>سطر', 'سطر\nسطر\nسطر'],
    ['<div>نص <script>alert(1)</script><style>.a{}</style>مرئي</div>', 'نص مرئي'],
    ['<!-- تعليق -->نص', 'نص'],
    ['<![CDATA[<b>غامق</b>]]>', 'غامق'],
    ['  كثير    من\t\tالمسافات  ', 'كثير من المسافات'],
    ['&#1582;&#x628;&#x631; &laquo;عاجل&raquo; &unknown;', 'خبر «عاجل» &unknown;'],
    ['', ''],
  ])('%j → %j', (html, text) => expect(fragmentToText(html)).toBe(text));

  it('stays linear on hostile markup (thousands of unclosed scripts)', () => {
    const started = Date.now();
    expect(fragmentToText(`${'<script>'.repeat(200_000)}x`)).toBe('');
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('replaces invalid numeric references', () => {
    expect(decodeEntities('&#xD800;&#0;')).toBe('\ufffd\ufffd');
  });
});
