import { describe, expect, it } from 'vitest';
import {
  MAX_MENTIONS,
  RELEVANCE_FLOOR,
  answerTopic,
  articleZones,
  byCentrality,
  contentParagraphs,
  createSearchIndex,
  otherNames,
  queryReadings,
  wordKeys,
} from '../../../src/digest/index.js';
import { NOW, article, meets } from './fixtures.js';

describe('clitic-aware word keys', () => {
  it.each([
    ['لكرة', 'كرة'],
    ['وبغداد', 'بغداد'],
    ['بالقدس', 'القدس'],
    ['للانتخابات', 'الانتخابات'],
    ['فلبنان', 'لبنان'],
    ['وللمرأة', 'المرأة'],
    ['كالعادة', 'عادة'],
    ['تركيا', 'التركية'],
    ['فرنسا', 'الفرنسي'],
    ['إيران', 'الإيرانية'],
    ['ترامب', 'ترمب'],
    ['كيماوي', 'الكيميائي'],
    ['سوريا', 'السورية'],
    ['سوريا', 'سورية'],
    ['سوريا', 'للسوريين'],
    ['سوريا', 'بسوريا'],
    ['روسيا', 'الروسي'],
    // A name in -ين the stemmer cuts, and its spelling without the ي.
    ['بوتين', 'بوتن'],
    ['لبوتين', 'لبوتن'],
    // …also when the stem keeps four letters (كولفين → كولف).
    ['كولفين', 'كولفن'],
  ])('%s meets %s, both ways', (a, b) => {
    expect(meets(a, b)).toBe(true);
    expect(meets(b, a)).toBe(true);
  });

  it.each([
    ['البليدة', 'البلاد'],
    ['بلد', 'لد'],
    ['كرة', 'لكن'],
    ['سوريا', 'سر'],
    ['مصر', 'بصر'],
    // A place's base is an ordinary word too: the verses of the Quran, "he left".
    ['سوريا', 'سور'],
    ['تركيا', 'ترك'],
    ['تركيا', 'وترك'],
    ['المسلمين', 'مسلمن'],
    ['الطرفين', 'طرفن'],
  ])('%s does not meet %s', (a, b) => {
    expect(meets(a, b)).toBe(false);
  });

  it.each([['في'], ['على'], ['من'], ['و']])('gives a stopword (%s) no key', (w) => {
    expect(wordKeys(w)).toEqual([]);
  });

  it('leaves Latin words and digits as they are', () => {
    expect(wordKeys('Brexit')).toEqual(['brexit']);
    expect(wordKeys('2018')).toEqual(['2018']);
  });
});

describe('article zones', () => {
  const text = [
    'أعلن الاتحاد المحلي لكرة القدم إلغاء مباريات الأسبوع بسبب العاصفة الثلجية التي ضربت البلاد.',
    'وقال متحدث باسم الاتحاد إن الملاعب غير صالحة للعب.',
    'اقرأ أيضا:',
    'انتخابات البلدية في العاصمة',
    'ارتفاع أسعار الخبز',
    'وأضاف المتحدث أن المباريات ستقام الأسبوع المقبل إذا تحسن الطقس.',
    'للمزيد: لاعبو كرة القدم يطالبون بزيادة الأجور',
  ].join('\n');

  it.each([
    ['اقرأ أيضا:'],
    ['انتخابات البلدية في العاصمة'],
    ['ارتفاع أسعار الخبز'],
    ['للمزيد: لاعبو كرة القدم يطالبون بزيادة الأجور'],
  ])('drops the navigation line %j', (line) => {
    expect(contentParagraphs(text)).not.toContain(line);
  });

  it('keeps the paragraph after a list of links', () => {
    expect(contentParagraphs(text)).toContain(
      'وأضاف المتحدث أن المباريات ستقام الأسبوع المقبل إذا تحسن الطقس.',
    );
  });

  it('takes the opening paragraphs as the lead (a short first one is not enough)', () => {
    const zones = articleZones({ title: 'عنوان', text });
    expect(zones.lead).toMatch(/^أعلن الاتحاد/);
    expect(zones.lead).toMatch(/وقال متحدث/);
    expect(zones.body).toMatch(/^وأضاف المتحدث/);
    expect(zones.body).not.toMatch(/البلدية/);
  });

  it('keeps a long first paragraph alone as the lead', () => {
    const long = `${'كلمة '.repeat(40)}نهاية.`;
    const zones = articleZones({ title: 'عنوان', text: `${long}\nفقرة ثانية.` });
    expect(zones.lead).toBe(long);
    expect(zones.body).toBe('فقرة ثانية.');
  });

  it('ends the lead after two sentences: a third is most often news of something else', () => {
    const lead =
      'قتل 16 طفلا في غارة على مدرسة في عربين بالغوطة الشرقية. وتستمر العملية العسكرية في المنطقة.';
    const roundup = 'وفي شمال البلاد انتشرت الشرطة العسكرية التركية في مدينة عفرين.';
    const zones = articleZones({ title: 'عنوان', text: `${lead} ${roundup}\nفقرة ثانية.` });
    expect(zones.lead).toBe(lead);
    expect(zones.body).toBe(`${roundup}\nفقرة ثانية.`);
  });
});

const ELECTIONS = article(
  'e1',
  'alpha',
  3,
  'تحالفات جديدة قبل الانتخابات البرلمانية في البلاد',
  [
    'أعلنت ثلاثة أحزاب تشكيل تحالف انتخابي جديد قبل الانتخابات البرلمانية المقررة الشهر المقبل.',
    'وقال قادة الأحزاب إن التحالف سيقدم قوائم مشتركة في كل المحافظات.',
    'اقرأ أيضا:',
    'نجوم سابقون من لاعبي كرة القدم على قوائم المرشحين',
  ].join('\n'),
);
const FOOTBALL = article(
  'f1',
  'beta',
  4,
  'المنتخب الوطني لكرة القدم يتأهل إلى نهائيات كأس آسيا',
  [
    'تأهل المنتخب الوطني إلى نهائيات كأس آسيا بعد فوزه على ضيفه بثلاثة أهداف نظيفة.',
    'وقال المدرب إن اللاعبين قدموا مباراة كبيرة أمام جمهور غفير.',
  ].join('\n'),
);
const MENTION = article(
  'm1',
  'gamma',
  2,
  'ارتفاع أسعار الوقود في الأسواق المحلية',
  [
    'رفعت الحكومة أسعار الوقود بنسبة عشرة في المئة اعتبارا من صباح اليوم.',
    'وقال تجار إن الزيادة ستنعكس على أسعار النقل والسلع.',
    'وفي سياق منفصل، شكا مشجعو كرة القدم من ارتفاع أسعار التذاكر.',
  ].join('\n'),
);

describe('topic ranking by where the words are', () => {
  const index = createSearchIndex([ELECTIONS, FOOTBALL, MENTION]);

  it.each([
    ['كرة القدم', 'f1'],
    ['لكرة القدم', 'f1'],
    ['الكرة', 'f1'],
    ['التحالفات الانتخابية', 'e1'],
    ['أسعار الوقود', 'm1'],
  ])('answers %s with %s first', (query, id) => {
    const answer = answerTopic(index, query, { now: NOW, days: 1 });
    expect(answer.nothing).toBe(false);
    expect(answer.stories[0]!.articles.map((a) => a.id)).toContain(id);
  });

  it('never counts a related-links line: the elections story does not match football', () => {
    const ids = index.search('كرة القدم').map((h) => h.article.id);
    expect(ids).not.toContain('e1');
  });

  it('ranks a headline match above a passing mention in the body', () => {
    const hits = index.search('كرة القدم');
    const score = (id: string): number => hits.find((h) => h.article.id === id)?.score ?? 0;
    expect(score('f1')).toBe(1);
    expect(score('m1')).toBeGreaterThan(0);
    expect(score('m1')).toBeLessThan(RELEVANCE_FLOOR);
  });

  it.each([
    ['a word only in the body', 'التذاكر', ['m1']],
    ['a word only in a related-links line', 'المرشحين', []],
    ['a topic nobody wrote about', 'بركان', []],
    ['a question whose words are split across stories', 'المنتخب الوقود', []],
  ])('answers nothing for %s, naming the articles that mention it', (_name, query, mentioned) => {
    const answer = answerTopic(index, query, { now: NOW, days: 1 });
    expect(answer).toMatchObject({ query, stories: [], nothing: true });
    expect(answer.mentions.map((a) => a.id)).toEqual(mentioned);
  });

  it('names no article in passing when a story answers', () => {
    expect(answerTopic(index, 'كرة القدم', { now: NOW, days: 1 }).mentions).toEqual([]);
  });

  it('names at most a few articles in passing, and only those of the days asked about', () => {
    const text = [
      'رفعت الحكومة أسعار الوقود بنسبة عشرة في المئة اعتبارا من صباح اليوم.',
      'وقال تجار إن الزيادة ستنعكس على أسعار النقل والسلع.',
      'وفي سياق منفصل، ذكر التقرير أن البركان الخامد لم يعد يثير القلق.',
    ].join('\n');
    const mentions = Array.from({ length: MAX_MENTIONS + 2 }, (_, i) =>
      article(`x${i}`, 'beta', 2 + i, `أسعار الوقود ترتفع للمرة ${i + 1}`, text),
    );
    const old = article('x-old', 'beta', 80, 'أسعار الوقود قبل أيام', text);
    const answer = answerTopic(createSearchIndex([...mentions, old]), 'البركان', {
      now: NOW,
      days: 1,
    });
    expect(answer.nothing).toBe(true);
    expect(answer.mentions).toHaveLength(MAX_MENTIONS);
    expect(answer.mentions.map((a) => a.id)).not.toContain('x-old');
  });

  it('does not answer "Syria" with a story about verses (سور) of the Quran', () => {
    const verses = article(
      'q1',
      'gamma',
      2,
      'جدل حول دعوة لحذف سور من القرآن',
      'أثارت دعوة نشرتها صحيفة لحذف سور من القرآن جدلا واسعا بين رجال الدين.',
    );
    const syria = article(
      's1',
      'delta',
      2,
      'مؤتمر للمانحين لدعم اللاجئين السوريين',
      'تستضيف العاصمة مؤتمرا للمانحين لجمع المساعدات الإنسانية لسوريا واللاجئين السوريين.',
    );
    const places = createSearchIndex([verses, syria]);
    const ids = places.search('سوريا').map((h) => h.article.id);
    expect(ids).toEqual(['s1']);
  });

  it('answers a body-only match when the floor is lowered to it', () => {
    const answer = answerTopic(index, 'التذاكر', { now: NOW, days: 1, floor: 0.2 });
    expect(answer.nothing).toBe(false);
    expect(answer.stories[0]!.articles.map((a) => a.id)).toEqual(['m1']);
  });

  it('reads two neighbouring words the articles write as one', () => {
    const joined = createSearchIndex([
      article('n1', 'alpha', 1, 'نصرالله يلقي خطابا في ذكرى الحرب', 'ألقى الأمين العام خطابا.'),
    ]);
    expect(joined.search('نصر الله').map((h) => h.article.id)).toEqual(['n1']);
    expect(queryReadings('نصر الله', () => false)).toHaveLength(1);
  });

  it('finds a name the article writes in two short parts (فيس بوك) when asked as one word', () => {
    const split = createSearchIndex([
      article('fb', 'alpha', 1, 'تحقيق في تسريب بيانات مستخدمي فيس بوك', 'فتحت السلطات تحقيقا.'),
    ]);
    expect(split.search('فيسبوك').map((h) => h.article.id)).toEqual(['fb']);
  });
});

describe('an office by its other name', () => {
  const mayor = article(
    'm1',
    'alpha',
    2,
    'رئيس بلدية العاصمة يستقيل بعد خلاف مع الحكومة',
    'أعلن مجلس البلدية استقالة رئيس البلدية بعد أسابيع من الخلاف على الميزانية.',
  );
  const premier = article(
    'p1',
    'beta',
    3,
    'رئيس الوزراء يزور المعرض الدولي للكتاب',
    'زار رئيس الوزراء المعرض الدولي للكتاب في العاصمة وتحدث إلى الناشرين.',
  );
  const cabinet = article(
    'c1',
    'gamma',
    4,
    'رئيس الحكومة يعلن خطة لدعم المزارعين',
    'أعلن رئيس الحكومة خطة لدعم المزارعين في المناطق الريفية بعد موسم جفاف.',
  );
  const index = createSearchIndex([mayor, premier, cabinet]);
  const ask = (q: string): string[] =>
    answerTopic(index, q, { now: NOW, days: 1 }).stories.map((s) => s.articles[0]!.id);

  it('names the other name of an office a question names', () => {
    expect(otherNames('عمدة العاصمة')).toEqual(['رئيس بلدية العاصمة']);
    expect(otherNames('رئيس الحكومة المغربية')).toEqual(['رئيس الوزراء المغربية']);
    expect(otherNames('الكتاب')).toEqual([]);
  });

  it('finds the mayor the reports call the head of the municipality', () => {
    expect(ask('عمدة العاصمة')).toEqual(['m1']);
  });

  it('answers the office as typed first, when that finds it', () => {
    expect(ask('رئيس الحكومة والمزارعين')[0]).toBe('c1');
    expect(ask('رئيس الوزراء والكتاب')[0]).toBe('p1');
  });
});

describe('clustering the matches', () => {
  const visit = (id: string, h: number, title: string, text: string) =>
    article(id, id.startsWith('v') ? 'alpha' : 'beta', h, title, text);
  const articles = [
    visit(
      'v1',
      1,
      'ماكرون يستقبل رئيس الوزراء الياباني في باريس',
      'استقبل الرئيس ماكرون رئيس الوزراء الياباني في قصر الإليزيه لبحث التجارة والاستثمار بين البلدين.',
    ),
    visit(
      'v2',
      2,
      'رئيس الوزراء الياباني يبحث التجارة مع ماكرون',
      'بحث رئيس الوزراء الياباني مع ماكرون في باريس اتفاقات التجارة والاستثمار بين البلدين.',
    ),
    visit(
      's1',
      1,
      'ماكرون يعلن خطة لإصلاح نظام التقاعد',
      'أعلن ماكرون خطة لإصلاح نظام التقاعد ترفع سن التقاعد تدريجيا وتوحد صناديق المعاشات.',
    ),
    visit(
      's2',
      3,
      'النقابات ترفض خطة ماكرون للتقاعد',
      'رفضت النقابات خطة ماكرون لإصلاح نظام التقاعد ودعت إلى إضراب عن العمل احتجاجا على رفع سن التقاعد.',
    ),
  ];
  const index = createSearchIndex(articles);

  it('answers with the two events apart', () => {
    const answer = answerTopic(index, 'ماكرون', { now: NOW, days: 1 });
    const groups = answer.stories.map((s) =>
      s.articles
        .map((a) => a.id)
        .sort()
        .join(','),
    );
    expect(groups.sort()).toEqual(['s1,s2', 'v1,v2']);
  });

  it('leads with the most central of equally relevant articles, not the first by id', () => {
    const report = 'انهارت عشرات المباني في ملاطية وتواصل فرق الإنقاذ البحث عن ناجين تحت الأنقاض';
    const quake = createSearchIndex([
      article('a0', 'video', 1, 'شاهد.. زلزال ملاطية', 'مشاهد من انهيار المباني في ملاطية.'),
      article('r1', 'alpha', 2, 'زلزال ملاطية يهدم عشرات المباني', `${report}.`),
      article('r2', 'beta', 3, 'زلزال ملاطية: البحث عن ناجين', `${report} وسط البرد.`),
    ]);
    const [story] = answerTopic(quake, 'زلزال ملاطية', { now: NOW, days: 1 }).stories;
    expect(story!.articles).toHaveLength(3);
    expect(story!.title).not.toBe('شاهد.. زلزال ملاطية');
  });

  /** Four reports of one quake, published the given hours before NOW (ids d1, d2, …). */
  const quakeReports = (...hours: number[]) => {
    const report = 'انهارت عشرات المباني في ملاطية وتواصل فرق الإنقاذ البحث عن ناجين تحت الأنقاض';
    const reports: [string, string, string][] = [
      ['alpha', 'زلزال ملاطية يهدم عشرات المباني', '.'],
      ['beta', 'زلزال ملاطية: البحث عن ناجين', ' وسط البرد.'],
      ['gamma', 'زلزال ملاطية: انتشال ناجين', ' بعد يوم.'],
      ['alpha', 'زلزال ملاطية: بدء رفع الأنقاض', ' وبدء رفع الأنقاض.'],
    ];
    return createSearchIndex(
      hours.map((h, k) => {
        const [outlet, title, end] = reports[k]!;
        return article(`d${k + 1}`, outlet, h, title, `${report}${end}`);
      }),
    );
  };

  it('tells a subject followed for days day by day, its last day first', () => {
    const quake = quakeReports(50, 46, 26, 2);
    const { stories } = answerTopic(quake, 'زلزال ملاطية', { now: NOW, days: 3 });
    // 24-hour spans back from the question: 2 h ago; 26 and 46 h; 50 h.
    expect(stories.map((s) => s.articles.map((a) => a.id).sort())).toEqual([
      ['d4'],
      ['d2', 'd3'],
      ['d1'],
    ]);
    expect(stories[0]!.title).toBe('زلزال ملاطية: بدء رفع الأنقاض');
  });

  it('cuts the days back from the question, not from the newest report', () => {
    // The newest report is 10 h old: the last 24 hours hold it alone, and the reports of 30 and
    // 40 h ago are yesterday's (back from the newest, the 30-hour one would join "today").
    const quake = quakeReports(40, 30, 10);
    const { stories } = answerTopic(quake, 'زلزال ملاطية', { now: NOW, days: 3 });
    expect(stories.map((s) => s.articles.map((a) => a.id).sort())).toEqual([['d3'], ['d1', 'd2']]);
  });

  it("heads a later day with that day's news, not a report repeating the day before's", () => {
    const report = 'انهارت عشرات المباني في ملاطية وتواصل فرق الإنقاذ البحث عن ناجين تحت الأنقاض';
    const quake = createSearchIndex([
      article('y1', 'alpha', 30, 'زلزال ملاطية يهدم عشرات المباني', `${report}.`),
      article('y2', 'beta', 28, 'زلزال ملاطية يهدم عشرات المباني في المدينة', `${report} ليلا.`),
      // Late reports of yesterday's news, inside the last 24 hours.
      article('t1', 'gamma', 20, 'زلزال ملاطية يهدم عشرات المباني', `${report} أمس.`),
      article('t3', 'delta', 19, 'زلزال ملاطية يهدم عشرات المباني', `${report} أمس.`),
      article('t2', 'alpha', 2, 'زلزال ملاطية: بدء رفع الأنقاض', `${report} وبدء رفع الأنقاض.`),
    ]);
    const { stories } = answerTopic(quake, 'زلزال ملاطية', { now: NOW, days: 3 });
    expect(stories.map((s) => s.articles.map((a) => a.id).sort())).toEqual([
      ['t1', 't2', 't3'],
      ['y1', 'y2'],
    ]);
    expect(stories[0]!.title).toBe('زلزال ملاطية: بدء رفع الأنقاض');
    expect(stories[1]!.title).toMatch(/^زلزال ملاطية يهدم عشرات المباني/);
  });

  it('keeps a story within one day whole', () => {
    const quake = quakeReports(23, 12, 1);
    const { stories } = answerTopic(quake, 'زلزال ملاطية', { now: NOW, days: 3 });
    expect(stories.map((s) => s.articles.length)).toEqual([3]);
  });

  it('puts a story of today before an equally relevant one of four days ago with more articles', () => {
    const index = createSearchIndex([
      article('old1', 'alpha', 96, 'زلزال في ملاطية', 'ضرب زلزال مدينة ملاطية وانهارت مبان.'),
      article('old2', 'beta', 97, 'زلزال في ملاطية', 'ضرب زلزال مدينة ملاطية وانهارت منازل.'),
      article('new1', 'gamma', 2, 'فيضان في ملاطية', 'غمر فيضان أحياء مدينة ملاطية وأغلق طرقا.'),
    ]);
    const { stories } = answerTopic(index, 'ملاطية', { now: NOW, days: 7 });
    expect(stories.map((s) => s.articles.map((a) => a.id).sort())).toEqual([
      ['new1'],
      ['old1', 'old2'],
    ]);
  });

  it("puts today's story of a subject before yesterday's of twice its outlets", () => {
    // Asked about a town: yesterday six outlets told its quake, today three tell its flood.
    const outlets = (id: string, count: number, hoursAgo: number, title: string, text: string) =>
      Array.from({ length: count }, (_, k) =>
        article(`${id}${k}`, `outlet${k}`, hoursAgo + k, title, text),
      );
    const index = createSearchIndex([
      ...outlets(
        'q',
        6,
        26,
        'زلزال يضرب ملاطية',
        'ضرب زلزال مدينة ملاطية وانهارت مبان قديمة وتواصل فرق الإنقاذ البحث عن ناجين.',
      ),
      ...outlets(
        'f',
        3,
        2,
        'فيضان يغمر ملاطية',
        'غمر فيضان أحياء مدينة ملاطية وأغلق طرقا رئيسية وأجلت السلطات مئات السكان.',
      ),
    ]);
    const { stories } = answerTopic(index, 'ملاطية', { now: NOW, days: 7 });
    expect(stories.map((s) => s.articles.length)).toEqual([3, 6]);
    expect(stories[0]!.title).toBe('فيضان يغمر ملاطية');
  });

  it('answers a question that names one event with one story, not one per angle', () => {
    // Four angles of one quake: what they share is its name, which is also the question.
    const angle = (id: string, h: number, words: string) =>
      article(
        id,
        `s${id}`,
        h,
        `زلزال ملاطية: ${words}`,
        `${words} بعد زلزال ملاطية الذي ضرب المدينة.`,
      );
    const quake = createSearchIndex([
      angle('q1', 1, 'فرق الإنقاذ تنتشل ناجين من تحت الأنقاض'),
      angle('q2', 2, 'الحكومة تعلن الحداد الوطني ثلاثة أيام'),
      angle('q3', 3, 'خبراء الجيولوجيا يحذرون من هزات ارتدادية'),
      angle('q4', 4, 'المستشفيات تطلب التبرع بالدم'),
      article('o1', 'other', 2, 'انتخابات بلدية في تونس', 'صوت الناخبون في انتخابات بلدية هادئة.'),
    ]);
    const answer = answerTopic(quake, 'زلزال ملاطية', { now: NOW, days: 1 });
    expect(answer.stories.map((s) => s.articles.map((a) => a.id).sort())).toEqual([
      ['q1', 'q2', 'q3', 'q4'],
    ]);
  });
});

describe('the headline of a topic story', () => {
  it('is a report’s, not a video’s caption, when both are as relevant', () => {
    const body =
      'ضرب زلزال بقوة ست درجات مدينة ملاطية في شرق تركيا فجر اليوم، وأعلنت السلطات مقتل ثلاثة أشخاص وإصابة العشرات وانهيار عدد من المباني القديمة.';
    // The caption's text is the report's and more: it weighs most in the story, and is its
    // most central article.
    const caption = article(
      'v1',
      'alpha',
      2,
      'شاهد.. لحظة الزلزال في ملاطية',
      `${body} وقال مسؤول محلي إن فرق الإنقاذ تبحث عن ناجين تحت الأنقاض طوال الليل، وإن المدارس فتحت أبوابها للعائلات التي فقدت منازلها في الأحياء القديمة من المدينة.`,
    );
    const report = article('r1', 'beta', 3, 'زلزال ملاطية يقتل ثلاثة', body);
    expect(byCentrality([caption, report])[0]!.id).toBe('v1');
    const answer = answerTopic(createSearchIndex([caption, report]), 'ملاطية', { now: NOW });
    expect(answer.stories).toHaveLength(1);
    expect(answer.stories[0]!.title).toBe('زلزال ملاطية يقتل ثلاثة');
  });
});
