import { describe, expect, it } from 'vitest';
import { answerTopic, createSearchIndex } from '../../../src/digest/index.js';
import { NOW, article, dayArticles } from './fixtures.js';

/** The ids an index finds for a question, sorted. */
const found = (within: ReturnType<typeof createSearchIndex>, q: string): string[] =>
  within
    .search(q)
    .map((h) => h.article.id)
    .sort();

describe('createSearchIndex (BM25)', () => {
  const index = createSearchIndex([
    ...dayArticles(),
    article(
      'm1',
      'beta',
      4,
      'أسعار النفط ترتفع في الأسواق العالمية',
      'ارتفعت أسعار النفط الثلاثاء. وذكر تجار أن الزلزال في تركيا لم يؤثر على خطوط الأنابيب.',
    ),
  ]);

  it('indexes each article once', () => {
    expect(index.size).toBe(10);
  });

  it.each([
    ['زلزال', 'q'],
    ['ملاطية', 'q'],
    ['المغرب', 'f'],
    ['الفائدة', 'b1'],
    ['الثلوج لبنان', 's1'],
  ])('finds %s in the articles about it first', (query, prefix) => {
    const hits = index.search(query);
    expect(hits.length).toBeGreaterThan(0);
    expect(hits[0]!.article.id.startsWith(prefix)).toBe(true);
  });

  it('ranks an article about the topic above one that only mentions it', () => {
    const ids = index.search('الزلزال تركيا').map((h) => h.article.id);
    expect(ids.indexOf('m1')).toBeGreaterThan(ids.indexOf('q1'));
    expect(ids.indexOf('m1')).toBeGreaterThan(ids.indexOf('q2'));
  });

  it('matches the normalized, stemmed forms of the words', () => {
    // "الزلازل" / "زلزالا" style variants and hamza forms reach the same stem.
    expect(index.search('والزلزال').length).toBeGreaterThan(0);
    expect(index.search('المركزى الاردنى').map((h) => h.article.id)).toContain('b1');
  });

  it.each([['كواكب المجرة'], [''], ['في من على']])('finds nothing for %j', (q) => {
    expect(index.search(q)).toEqual([]);
  });

  it('never meets a name spelled in Arabic letters with the adverb "completely"', () => {
    // Tamimi spelled offline (تاميمي) has the consonants of تماما; the articles write التميمي.
    const adverb = article(
      't1',
      'beta',
      2,
      'واشنطن ترد على الانتقادات',
      'رفضت واشنطن الاتهامات تماما.',
    );
    expect(createSearchIndex([adverb]).search('تاميمي')).toEqual([]);
  });

  it('meets the province of Hajjah, not "on the pretext of" (بحجة)', () => {
    const pretext = article(
      'p1',
      'beta',
      2,
      'عقوبات أمريكية على شبكة تهريب بحجة حماية الحدود',
      'فرضت وزارة الخزانة عقوبات على شبكة بحجة تهريب البشر.',
    );
    const province = article(
      'p2',
      'gamma',
      2,
      'غارات على محافظة حجة شمال اليمن',
      'قتل مدنيون في غارات جوية على محافظة حجة.',
    );
    const ids = createSearchIndex([pretext, province])
      .search('حجة')
      .map((h) => h.article.id);
    expect(ids).toEqual(['p2']);
  });

  it('reads a name in two words with الله as one word, in the articles and in the question', () => {
    const split = article(
      'h1',
      'beta',
      2,
      'نجاة رامي الحمد الله من محاولة اغتيال',
      'انفجار في غزة.',
    );
    const joined = article('h2', 'gamma', 2, 'الحمدالله يصل إلى غزة', 'زيارة رسمية.');
    // Hamad (حمد), and God (الله) further on: neither is the name.
    const hamad = article(
      'h3',
      'delta',
      2,
      'حمد بن جاسم ينتقد الإعلام',
      'قال إن الله يعلم ما جرى.',
    );
    const index = createSearchIndex([split, joined, hamad]);
    for (const question of ['الحمد الله', 'الحمدالله']) {
      const ids = index.search(question).map((h) => h.article.id);
      expect(ids.sort()).toEqual(['h1', 'h2']);
    }
    // A party that is not Hezbollah, with God in its text.
    const party = article('p1', 'beta', 2, 'حزب العمال يفوز بالانتخابات', 'وقال زعيمه: الحمد لله.');
    const hezbollah = article('p2', 'gamma', 2, 'حزب الله يرد على الاتهامات', 'بيان للحزب.');
    const parties = createSearchIndex([party, hezbollah]);
    expect(parties.search('حزب الله').map((h) => h.article.id)).toEqual(['p2']);
  });

  it('reads a word in -ون as a name when the articles write its stem so, as a plural otherwise', () => {
    // The stemmer takes -ون off Bolton as off a plural: بولتون and Usain Bolt's بولت meet.
    const names = createSearchIndex([
      article('b1', 'alpha', 2, 'جون بولتون يتسلم منصبه مستشارا للأمن القومي', 'بدأ عمله الاثنين.'),
      article('b2', 'beta', 3, 'بولتون يعقد أول اجتماع لمجلس الأمن القومي', 'ناقش الاجتماع سوريا.'),
      article(
        'b3',
        'gamma',
        4,
        'أوساين بولت يعود إلى المضمار',
        'عاد العداء الجامايكي إلى التدريب.',
      ),
      // A plural whose singular the articles write: the plural still finds them.
      article('e1', 'alpha', 2, 'مهندس مصري يفوز بجائزة دولية', 'فاز مهندس شاب بالجائزة.'),
      article('e2', 'beta', 3, 'نقابة المهندس تنتخب رئيسها', 'جرت الانتخابات الأحد.'),
      article('e3', 'gamma', 4, 'مهندسون يحتجون على الأجور', 'احتج عشرات المهندسين.'),
    ]);
    for (const question of ['بولتون', 'وبولتون']) {
      expect(found(names, question)).toEqual(['b1', 'b2']);
    }
    expect(names.search('بولت').map((h) => h.article.id)).toContain('b3');
    expect(found(names, 'مهندسون')).toEqual(['e1', 'e2', 'e3']);
  });

  it('reads a word in -ان by its full form and its adjectives, never by its stem alone', () => {
    // The stemmer takes -ان off a volcano (بركان → برك) as off a dual: the root meets Ben
    // Barka's بركة and, by its skeleton, Bercow's بيركو; "السلمية" (peaceful) meets سلمان.
    const index = createSearchIndex([
      article('k1', 'alpha', 2, 'المهدي بن بركة لا يزال لغزا', 'كشفت مذكرات جديدة تفاصيل.'),
      article('k2', 'beta', 3, 'اتهامات تطال جون بيركو', 'تحقيق في شكاوى موظفين.'),
      article('s1', 'gamma', 2, 'مظاهرات السلمية في المدينة', 'خرج المحتجون في مسيرة.'),
      article('s2', 'alpha', 3, 'محمد بن سلمان يزور لندن', 'بدأ ولي العهد زيارته.'),
      article('i1', 'beta', 2, 'الخارجية الإيرانية تستدعي السفير', 'احتجت الوزارة على البيان.'),
      article('i2', 'gamma', 3, 'وزير خارجية إيران في موسكو', 'بحث الوزير الملف النووي.'),
      article('t1', 'alpha', 4, 'زيارة وزير الخارجية الفرنسي لطهران', 'التقى الوزير نظيره.'),
    ]);
    const ids = (q: string): string[] => found(index, q);
    expect(ids('بركان')).toEqual([]);
    expect(ids('سلمان')).toEqual(['s2']);
    // The country finds its adjective's articles too, and a form behind a preposition counts.
    expect(ids('إيران')).toEqual(['i1', 'i2']);
    expect(ids('طهران')).toEqual(['t1']);

    const volcano = createSearchIndex([
      article('v1', 'alpha', 2, 'ثوران بركان في إندونيسيا', 'أغلقت السلطات المطار.'),
      article('v2', 'beta', 3, 'سحابة الرماد البركاني تغلق المطارات', 'ألغيت عشرات الرحلات.'),
      article('v3', 'gamma', 4, 'المهدي بن بركة لا يزال لغزا', 'كشفت مذكرات جديدة تفاصيل.'),
    ]);
    expect(found(volcano, 'بركان')).toEqual(['v1', 'v2']);

    // The Taliban are not students (طالب, طالبات), and "إخوان" finds "الإخوان".
    const names = createSearchIndex([
      article('a1', 'alpha', 2, 'هجوم لطالبان في ولاية هلمند', 'أعلنت الحركة مسؤوليتها.'),
      article('a2', 'beta', 3, 'طالب يفوز بمسابقة دولية', 'فاز الطالب بالجائزة الأولى.'),
      article('a3', 'gamma', 4, 'احتجاج طالبات الجامعة', 'تجمعت الطالبات أمام المبنى.'),
      article('m1', 'alpha', 5, 'محاكمة قيادات الإخوان في القاهرة', 'أجلت المحكمة الجلسة.'),
      // Its adjective, and not "two requests" (طلبين), whose consonants are the same.
      article('a4', 'beta', 6, 'الحركة الطالبانية تعلن هدنة', 'تستمر الهدنة ثلاثة أيام.'),
      article('a5', 'gamma', 7, 'الوزارة تتلقى طلبين للجوء', 'تدرس الوزارة الملفين.'),
    ]);
    expect(found(names, 'طالبان')).toEqual(['a1', 'a4']);
    expect(found(names, 'إخوان')).toEqual(['m1']);

    // The same for a word in -ون that no article writes: olives (زيتون) are not oil (زيت).
    const oil = createSearchIndex([
      article('o1', 'alpha', 2, 'ارتفاع أسعار زيت الطعام', 'زاد السعر عشرة في المئة.'),
    ]);
    expect(found(oil, 'زيتون')).toEqual([]);
  });

  it('reads a word in ب or ل as preposition and word, or word and suffix, as the articles do', () => {
    const foundIn = (articles: Parameters<typeof createSearchIndex>[0], q: string): string[] =>
      found(createSearchIndex(articles), q);
    const milk = article('k1', 'alpha', 2, 'ارتفاع أسعار اللبن في الأسواق', 'زاد سعر الحليب.');
    const school = article('k2', 'beta', 3, 'افتتاح مدرسة لبنات القرية', 'تتسع لمئتي تلميذة.');
    const girls = [
      article('k3', 'gamma', 4, 'البنات يعدن إلى المدارس', 'عادت البنات بعد العطلة.'),
      article('k4', 'alpha', 5, 'مبادرة لتعليم بنات الريف', 'تشمل المبادرة بنات القرى.'),
    ];
    // Where "بنات" (girls) is written more than the words of لبن (milk), "لبنات" is for girls.
    expect(foundIn([milk, school, ...girls], 'لبن')).toEqual(['k1']);
    // The reading of a query word keeps both: "لبنات" still finds its own articles.
    expect(foundIn([milk, school, ...girls], 'لبنات')).toContain('k2');
    // Where the words of لبن are the commoner, it is لبن with a plural's ending.
    const dairy = [
      article('k5', 'beta', 4, 'مصنع لمشتقات اللبن', 'ينتج اللبن والجبن.'),
      article('k6', 'gamma', 5, 'تصدير اللبن إلى الخليج', 'يصدر المصنع اللبن.'),
    ];
    expect(foundIn([milk, school, ...dairy], 'لبن')).toEqual(['k1', 'k2', 'k5', 'k6']);
    // A committee (لجنة) stays one: "اللجنة" is far commoner than جنة, paradise.
    const committee = [
      article('c1', 'alpha', 2, 'لجنة تحقيق دولية في الهجوم', 'بدأت عملها الاثنين.'),
      article('c2', 'beta', 3, 'اللجنة تنشر تقريرها', 'قالت اللجنة إن الأدلة كافية.'),
    ];
    expect(foundIn(committee, 'اللجنة')).toEqual(['c1', 'c2']);
    // …matched where it stands, in the headline.
    const scores = createSearchIndex(committee)
      .search('اللجنة')
      .map((h) => h.score);
    expect(scores).toEqual([1, 1]);
  });

  it('finds Lula by his name, not "the United States" behind "for" (للولايات)', () => {
    const index = createSearchIndex([
      article(
        'l1',
        'alpha',
        2,
        'الرئيس البرازيلي الأسبق لولا يسلم نفسه للشرطة',
        'بدأ تنفيذ الحكم.',
      ),
      article('l2', 'beta', 3, 'أمير قطر يبدأ زيارة للولايات المتحدة', 'يلتقي الرئيس الأمريكي.'),
      article('b1', 'gamma', 4, 'مساعدات أوروبية للبنان', 'تعهد المانحون بمليار يورو.'),
      article('b2', 'alpha', 5, 'مندوب روسيا للندن يحذر', 'قال السفير إن بلاده سترد.'),
    ]);
    const ids = (q: string): string[] => found(index, q);
    // "لولا" is a name in the news (it was a stopword: "were it not for").
    expect(ids('لولا')).toEqual(['l1']);
    // A word in ل behind the preposition ل is still found as written.
    expect(ids('لبنان')).toEqual(['b1']);
    expect(ids('لندن')).toEqual(['b2']);
    expect(ids('الولايات المتحدة')).toEqual(['l2']);

    // "لولاية" is ل + ولاية ("for a term", "for jurisdiction") where more articles write ولاية
    // than have لولا: not Lula, however many times his one report names him.
    const term = [
      article(
        'l1',
        'alpha',
        2,
        'لولا يسلم نفسه للشرطة',
        'بدأ تنفيذ الحكم على لولا. وقال لولا لأنصاره إنه بريء. ونقلت مروحية لولا إلى السجن.',
      ),
      article('t1', 'beta', 3, 'المدعية تطلب ولاية قضائية', 'طلبت المدعية لولاية المحكمة.'),
      article('t2', 'gamma', 4, 'الرئيس يترشح لولاية ثانية', 'تنتهي الولاية الأولى في مايو.'),
      article('t3', 'alpha', 5, 'حاكم الولاية يستقيل', 'أعلن حاكم الولاية استقالته.'),
    ];
    const terms = createSearchIndex(term);
    expect(terms.search('لولا').map((h) => h.article.id)).toEqual(['l1']);
  });

  describe('loose matches count three quarters of their place', () => {
    const loose = createSearchIndex([
      article('r1', 'alpha', 2, 'روحاني يحذر واشنطن', 'قال الرئيس الإيراني إن بلاده سترد.'),
      article('r2', 'beta', 2, 'الشيخ يلقي خطبة الجمعة', 'وصفه أتباعه بأنه زعيم روحيا للطائفة.'),
      article('r3', 'gamma', 2, 'إيران تهدد بالرد', 'هددت طهران بالرد على أي ضربة.'),
      article('t4', 'alpha', 2, 'غارات على مطار التيفور', 'استهدفت صواريخ المطار العسكري.'),
      article('aid', 'beta', 2, 'السلطة تطلب حماية دولية', 'دعت إلى توفير حماية للمدنيين.'),
      article('one', 'gamma', 2, 'اعتراض صاروخ فوق الرياض', 'اعترضت الدفاعات الجوية صاروخا.'),
    ]);
    it.each([
      ['روحاني', 'r1', 1],
      // روحيا shares only روح, the second stemming pass's stem of روحاني (Rouhani): a lead match.
      ['روحاني', 'r2', 0.75 * 0.75],
      // An adjective still meets its country's name in a headline, a little under the name.
      ['الإيرانية', 'r3', 0.75],
      ['إيران', 'r3', 1],
      ['التيفور', 't4', 1],
      // توفير ("providing") shares only the consonants تفر of التيفور (T4): a lead match.
      ['التيفور', 'aid', 0.75 * 0.75],
      // A broken plural still meets its singular in a headline (صواريخ, صاروخ), loosely.
      ['صواريخ', 'one', 0.75],
    ])('%s scores %s at %f', (query, id, expected) => {
      const score = loose.search(query).find((h) => h.article.id === id)?.score;
      expect(score).toBeCloseTo(expected, 6);
    });
  });

  it('filters by publication time', () => {
    const since = new Date(NOW.getTime() - 4 * 3_600_000);
    const ids = index.search('زلزال', { since, until: NOW }).map((h) => h.article.id);
    expect(ids).toContain('q3');
    expect(ids).not.toContain('q1');
  });
});

describe('equally relevant matches', () => {
  // Forty headlines that name the country alike, one an hour; ids sort the oldest first.
  const reports = Array.from({ length: 40 }, (_, k) =>
    article(
      `r${String(39 - k).padStart(2, '0')}`,
      `s${k % 4}`,
      k + 1,
      `تطورات جديدة في سوريا رقم ${k}`,
      `نص التقرير ${k} عن الأحداث.`,
    ),
  );

  it('come newest first, so a broad question keeps what is happening now', () => {
    const hits = createSearchIndex([...reports].reverse()).search('سوريا', { limit: 10 });
    expect(hits.map((h) => h.article.id)).toEqual(reports.slice(0, 10).map((a) => a.id));
  });
});

describe('answerTopic', () => {
  const index = createSearchIndex(dayArticles());

  it('answers with the matching stories, their points and sources', () => {
    const answer = answerTopic(index, 'زلزال ملاطية', { now: NOW, days: 1 });
    expect(answer.query).toBe('زلزال ملاطية');
    expect(answer.stories).toHaveLength(1);
    const story = answer.stories[0]!;
    expect(story.articles.map((a) => a.id).sort()).toEqual(['q1', 'q1-copy', 'q2', 'q3']);
    expect(story.points.length).toBeGreaterThanOrEqual(2);
    expect(story.sources.map((s) => s.name).sort()).toEqual(['alpha', 'beta', 'gamma']);
  });

  it.each([
    ['a topic nobody wrote about', 'بركان آيسلندا', 3],
    ['a topic older than the days asked', 'عاصفة ثلجية', 0.5],
  ])('returns no stories for %s', (_name, query, days) => {
    expect(answerTopic(index, query, { now: NOW, days }).stories).toEqual([]);
  });

  it('is deterministic', () => {
    const a = answerTopic(index, 'المغرب مصر', { now: NOW });
    const b = answerTopic(createSearchIndex([...dayArticles()].reverse()), 'المغرب مصر', {
      now: NOW,
    });
    expect(b).toEqual(a);
  });
});

describe('a press review in a topic answer', () => {
  const review = article(
    'review',
    'delta',
    2,
    'الأحزاب الكبرى أمام امتحان صعب!!',
    [
      'في الصحف اليوم: الانتخابات البلدية في البلاد، وحادث القطار في مدينة الرمال، والإضراب في الموانئ.',
      'وتقول صحيفة المساء إن نسبة المشاركة في الانتخابات البلدية كانت أعلى من المتوقع.',
      'وتكتب صحيفة الغد أن الإضراب في الموانئ يهدد صادرات البلاد الزراعية.',
    ].join('\n'),
  );
  const report = article(
    'train',
    'alpha',
    3,
    'خروج قطار عن سكته في مدينة الرمال',
    'خرج قطار ركاب عن سكته قرب محطة مدينة الرمال صباح اليوم. وقالت هيئة السكك الحديدية إن عشرة ركاب أصيبوا بجروح طفيفة.',
  );

  it('answers a subject its lead only lists with the report, not with the review', () => {
    const index = createSearchIndex([report, review]);
    const answer = answerTopic(index, 'مدينة الرمال', { now: NOW, days: 1 });
    const ids = answer.stories.flatMap((s) => s.articles.map((a) => a.id));
    expect(ids).toContain('train');
    expect(ids).not.toContain('review');
  });

  it('answers a subject its headline names', () => {
    const index = createSearchIndex([report, review]);
    const answer = answerTopic(index, 'الأحزاب الكبرى', { now: NOW, days: 1 });
    expect(answer.stories.flatMap((s) => s.articles.map((a) => a.id))).toContain('review');
  });
});
