import { describe, expect, it } from 'vitest';
import { normalize, tokenize } from '../../../src/arabic/index.js';
import {
  cleanPoint,
  countWords,
  extractKeyPoints,
  pickSentences,
  scoreSentences,
} from '../../../src/digest/keypoints.js';

/** A made-up news article (written for these tests). */
const TITLE = 'فيضانات تضرب مدينة الساحل وتجبر مئات الأسر على النزوح';
const ARTICLE = [
  TITLE,
  'ضربت فيضانات عارمة مدينة الساحل الجنوبية فجر الاثنين، بعد أمطار غزيرة استمرت ثماني عشرة ساعة، ما أجبر مئات الأسر على مغادرة منازلها.',
  'وقال محافظ المدينة في مؤتمر صحفي إن فرق الإنقاذ أجلت أكثر من 1200 شخص إلى مدارس ومراكز إيواء مؤقتة.',
  'وأضاف المحافظ: «الوضع تحت السيطرة، لكن منسوب المياه ما زال مرتفعا في الأحياء المنخفضة».',
  'في سياق متصل، أعلنت وزارة الصحة رفع حالة الطوارئ في مستشفيات المنطقة تحسبا لارتفاع عدد المصابين.',
  'وأفادت مصادر طبية بأن ثلاثة أشخاص لقوا حتفهم غرقا، فيما أصيب عشرون آخرون بجروح طفيفة.',
  'من جهتها، حذرت هيئة الأرصاد الجوية من استمرار هطول الأمطار حتى مساء الأربعاء.',
  'ودعت الهيئة السكان إلى تجنب الاقتراب من مجاري الأودية وعدم عبور الطرق المغمورة بالمياه.',
  'يذكر أن المدينة شهدت فيضانات مماثلة قبل ثلاث سنوات تسببت في أضرار كبيرة بالبنية التحتية.',
  'وتعهدت الحكومة بتقديم تعويضات عاجلة للأسر المتضررة وإعادة تأهيل الطرق والجسور المتضررة.',
].join('\n');

/** Tokens of a text after normalization, joined: for "is this the article's own text" checks. */
const flat = (s: string): string => tokenize(normalize(s)).join(' ');

describe('extractKeyPoints', () => {
  it('returns 3 points by default, each from the article, in article order', () => {
    const points = extractKeyPoints(ARTICLE, { title: TITLE });
    expect(points).toHaveLength(3);
    const article = flat(ARTICLE);
    let last = -1;
    for (const p of points) {
      const at = article.indexOf(flat(p));
      expect(at, p).toBeGreaterThanOrEqual(0);
      expect(at).toBeGreaterThan(last);
      last = at;
    }
  });

  it('picks the lead sentence and not the title line', () => {
    const points = extractKeyPoints(ARTICLE, { title: TITLE });
    expect(points[0]).toContain('ضربت فيضانات عارمة مدينة الساحل');
    expect(points).not.toContain(TITLE);
  });

  it.each([1, 2, 4, 6])('respects points = %i', (n) => {
    expect(extractKeyPoints(ARTICLE, { points: n })).toHaveLength(n);
  });

  it.each([25, 40, 60, 100])('keeps the total within words = %i', (words) => {
    const points = extractKeyPoints(ARTICLE, { points: 10, words });
    expect(points.length).toBeGreaterThanOrEqual(1);
    expect(points.reduce((a, p) => a + countWords(p), 0)).toBeLessThanOrEqual(words);
  });

  it('uses short unpunctuated lines when the text has nothing else', () => {
    const list =
      '- خفض الضرائب على الشركات الصغيرة\n- دعم الصادرات الزراعية\n- رفع الأجور في القطاع العام';
    expect(extractKeyPoints(list, { points: 2 })).toHaveLength(2);
  });

  it('gives at least one point even when no sentence fits the word budget', () => {
    const points = extractKeyPoints(ARTICLE, { words: 3 });
    expect(points).toHaveLength(1);
  });

  it('skips a sentence that repeats a chosen one', () => {
    const first =
      'أعلن البنك المركزي رفع سعر الفائدة الرئيسي بمقدار نصف نقطة مئوية لمواجهة التضخم المتزايد.';
    const text = [
      first,
      first.replace('أعلن', 'وأعلن'),
      'وقال محللون إن القرار سيؤثر على أسعار القروض العقارية خلال الأشهر المقبلة.',
      'وتراجعت أسهم البنوك في البورصة عقب الإعلان مباشرة بنسبة طفيفة.',
    ].join(' ');
    const points = extractKeyPoints(text, { points: 2 });
    expect(points).toHaveLength(2);
    expect(flat(points[1]!)).not.toBe(flat(first));
  });

  it.each([
    ['empty text', ''],
    ['blank text', '   \n\t  '],
    ['punctuation only', '... ، ؟ !'],
  ])('returns no points for %s', (_name, text) => {
    expect(extractKeyPoints(text)).toEqual([]);
  });

  it('handles a single giant line quickly', () => {
    const line = 'كلمة أخرى بعدها، '.repeat(300_000);
    const started = performance.now();
    const points = extractKeyPoints(line);
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(points.length).toBeGreaterThan(0);
    for (const p of points) expect(countWords(p)).toBeLessThanOrEqual(120);
  });

  it('keeps a long sentence that has no clause punctuation to split at', () => {
    const long = `${'وتواصل فرق الإنقاذ البحث عن المفقودين في الأحياء المنخفضة '.repeat(15).trim()}.`;
    expect(countWords(long)).toBeGreaterThan(120);
    const scored = scoreSentences([{ text: `${ARTICLE}\n${long}` }]);
    const found = scored.find((s) => s.words > 120);
    expect(found?.text).toBe(long);
    expect(found?.words).toBe(countWords(long));
  });

  /** The opening sentence of the made-up book-fair report. */
  const FAIR_OPENING =
    'يفتتح المعرض الدولي للكتاب أبوابه في العاصمة الأحد بمشاركة أكثر من ألف دار نشر.';

  /**
   * Four points of a made-up five-sentence report whose second sentence is `second`: the one
   * sentence left out should be it.
   */
  const bookFairPoints = (second: string): string[] =>
    extractKeyPoints(
      [
        FAIR_OPENING,
        second,
        'وقالت اللجنة المنظمة إن المعرض يستقبل الزوار يوميا من العاشرة صباحا حتى العاشرة مساء.',
        'وتحل دولة ضيف شرف على الدورة الحالية من المعرض الدولي للكتاب للمرة الأولى.',
        'ويتوقع المنظمون أن يتجاوز عدد زوار المعرض مليوني زائر خلال أيامه العشرة.',
      ].join(' '),
      { title: 'افتتاح المعرض الدولي للكتاب في العاصمة', points: 4 },
    );

  /**
   * The sentence `left` is not among the four points of the made-up report (`bookFairPoints`):
   * the next best sentence took its slot, and no point matches `shown`.
   */
  const expectLeftOut = (left: string, shown: RegExp): void => {
    const points = bookFairPoints(left);
    expect(points).toHaveLength(4);
    expect(points.filter((p) => shown.test(p))).toEqual([]);
  };

  it.each([
    [
      'so far',
      'إلى هنا لا يبدو الأمر غريبا، لكن الغريب أن اللجنة المنظمة للمعرض حددت موعد افتتاحه بالدقيقة.',
    ],
    [
      'and here',
      'وهنا، تبدأ المشكلة الحقيقية التي يواجهها الناشرون الصغار في المعرض مع ارتفاع أسعار الأجنحة.',
    ],
    [
      'the list',
      'لا تتوقف القائمة هنا، بل تضم دور نشر من أربعين دولة تشارك في المعرض الدولي للكتاب.',
    ],
  ])('leaves out a sentence that points at a "here" it never names (%s)', (_name, here) => {
    // Cleaning drops a leading "و", so the sentence is looked for by its "here".
    expectLeftOut(here, /(?:^|\s)[وف]?هنا[،,\s]/u);
  });

  it.each([
    [
      'this comes after',
      'ويأتي ذلك بعد أسبوع من إعلان وزارة الثقافة زيادة ميزانية دعم الناشرين المحليين.',
    ],
    [
      'this step comes',
      'وتأتي هذه الخطوة في إطار خطة الوزارة لتشجيع القراءة بين الشباب في المدن الصغيرة.',
    ],
  ])('leaves out a sentence that places a "this" it never names (%s)', (_name, comes) => {
    expectLeftOut(comes, /^[وف]?(?:يأتي|تأتي)\s/u);
  });

  it.each([
    [
      'that came as part of',
      'وذلك في إطار خطة وزارة الثقافة لتشجيع القراءة بين الشباب في المدن الصغيرة.',
    ],
    [
      'that came after',
      'وذلك بعد أسبوع من إعلان وزارة الثقافة زيادة ميزانية دعم الناشرين المحليين.',
    ],
    [
      'adding that',
      'مضيفاً أن الدورة الحالية ستشهد ندوات يومية حول مستقبل النشر الرقمي في المنطقة.',
    ],
    [
      'in a way that',
      'بما يفتح الباب أمام دور النشر الصغيرة للمشاركة في المعرض الدولي للكتاب بأسعار مخفضة.',
    ],
  ])('leaves out a sentence that leans on the one before it (%s)', (_name, leaning) => {
    expectLeftOut(leaning, /^(?:ذلك|مضيفا|بما)/u);
  });

  it.each([
    [
      'besides this, with no comma',
      'إلى جانب هذا تدور شكوى الناشرين الصغار من ارتفاع أسعار الأجنحة في المعرض هذا العام.',
    ],
    [
      'in addition to that, with no comma',
      'وبالإضافة إلى ذلك قررت اللجنة المنظمة تمديد ساعات العمل في عطلة نهاية الأسبوع.',
    ],
  ])('leaves out a sentence that adds to one it never names (%s)', (_name, s) => {
    expectLeftOut(s, /(?:جانب هذا|إلى ذلك)/u);
  });

  it.each([
    ['according to', 'حسب ما أفادت اللجنة المنظمة للمعرض.'],
    ['according to the agency', 'وفقاً لوكالة الأنباء الرسمية (وام).'],
    ['in addition to', 'بالإضافة إلى ندوات فكرية وأمسيات شعرية أخرى.'],
  ])('leaves out a short tail that only attributes or adds (%s)', (_name, tail) => {
    expectLeftOut(tail, /^(?:حسب|وفقا|بالإضافة)/u);
  });

  it.each([
    [
      'a sentence that opens on an attribution and goes on to tell',
      FAIR_OPENING,
      'وبحسب اللجنة المنظمة فإن عدد الزوار في الدورة الماضية تجاوز مليوني زائر من عشرين دولة.',
    ],
    [
      '"since…" (بما أن): it opens a sentence of its own',
      FAIR_OPENING,
      'وبما أن الدورة الحالية تتزامن مع العطلة المدرسية، يتوقع المنظمون إقبالا كبيرا من الطلاب.',
    ],
    [
      '"that man" (ذلك الرجل): it names what it points at',
      'أنقذ صياد طفلا من الغرق في النهر صباح الأحد قرب الجسر القديم في العاصمة.',
      'ذلك الرجل يعمل صيادا في النهر منذ عشرين عاما ويعرف تياراته جيدا.',
    ],
    [
      '"that came in…, where he said" (جاء ذلك في…): it names the speaker and the quote',
      FAIR_OPENING,
      'وجاء ذلك في تغريدة لوزير الثقافة على تويتر، حيث قال: "المعرض نافذة الناشرين العرب على العالم".',
    ],
    [
      '"besides that," with its comma: the connective goes, the rest tells',
      FAIR_OPENING,
      'إلى جانب ذلك، قررت اللجنة المنظمة تمديد ساعات العمل في عطلة نهاية الأسبوع.',
    ],
    [
      '"there is" (هناك) and a "here" after the fourth word',
      'هناك أكثر من ألف دار نشر تشارك في المعرض الدولي للكتاب الذي يفتتح في العاصمة الأحد.',
      'وقال مدير المعرض للصحفيين في العاصمة إن الزوار سيجدون هنا كل جديد دور النشر العربية.',
    ],
  ])('keeps %s', (_name, opening, second) => {
    expect(extractKeyPoints(`${opening} ${second}`, { points: 2 })).toHaveLength(2);
  });

  it('with skipQuestions, leaves out a question when the text also tells', () => {
    const question = 'فهل ينجح المعرض الدولي للكتاب هذا العام في جذب الشباب إلى القراءة من جديد؟';
    const text = [
      FAIR_OPENING,
      question,
      'وقال وزير الثقافة: "هل يعقل أن نغلق المكتبات في زمن المعرفة؟"',
      'وتحل دولة ضيف شرف على الدورة الحالية من المعرض الدولي للكتاب للمرة الأولى.',
    ].join(' ');
    const opts = { title: 'افتتاح المعرض الدولي للكتاب في العاصمة', points: 3 };
    // By default a question may be a point (human extracts keep some)…
    expect(extractKeyPoints(text, opts).some((p) => p.endsWith('القراءة من جديد؟'))).toBe(true);
    const told = extractKeyPoints(text, { ...opts, skipQuestions: true });
    expect(told).toHaveLength(3);
    expect(told.some((p) => p.endsWith('القراءة من جديد؟'))).toBe(false);
    // …a question someone asked, in quotes, is what they said.
    expect(told.some((p) => p.includes('هل يعقل أن نغلق المكتبات'))).toBe(true);
    // A text of questions only still gives its points.
    const asks = 'هل ينجح المعرض في جذب الشباب؟ وما الذي تغير في دورته الجديدة هذا العام؟';
    expect(extractKeyPoints(asks, { points: 2, skipQuestions: true })).toHaveLength(2);
  });

  it('leaves out "the researcher answers these questions": the reader was not asked them', () => {
    const points = bookFairPoints(
      'يجيب عن هذه الأسئلة الباحث في شؤون النشر العربي خلال ندوة تعقد على هامش المعرض.',
    );
    expect(points).toHaveLength(4);
    expect(points.some((p) => p.includes('هذه الأسئلة'))).toBe(false);
  });

  it('handles 10 MB of text by reading only its beginning', () => {
    const big = `${ARTICLE}\n`.repeat(Math.ceil(10_000_000 / ARTICLE.length));
    const started = performance.now();
    const points = extractKeyPoints(big);
    expect(points.length).toBeGreaterThan(0);
    expect(performance.now() - started).toBeLessThan(10_000);
  });
});

describe('cleanPoint', () => {
  it.each<[string, string]>([
    ['وقال المحافظ إن الوضع مستقر.', 'قال المحافظ إن الوضع مستقر.'],
    ['وأعلنت الوزارة خطة جديدة.', 'أعلنت الوزارة خطة جديدة.'],
    ['والحكومة تدرس الأمر.', 'الحكومة تدرس الأمر.'],
    ['و تعني كلمة العود الخشب.', 'تعني كلمة العود الخشب.'],
    ['في سياق متصل، أعلنت الوزارة الطوارئ.', 'أعلنت الوزارة الطوارئ.'],
    ['وفي سياق متصل، أعلنت الوزارة الطوارئ.', 'أعلنت الوزارة الطوارئ.'],
    ['من جهتها، حذرت الهيئة من الأمطار.', 'حذرت الهيئة من الأمطار.'],
    ['بدورها، أفادت الوكالة بذلك.', 'أفادت الوكالة بذلك.'],
    ['وزير الخارجية يصل غدا.', 'وزير الخارجية يصل غدا.'],
    ['ولد الرئيس في القاهرة.', 'ولد الرئيس في القاهرة.'],
    ['والده كان طبيبا.', 'والده كان طبيبا.'],
    // "هذا و…": the newsroom's filler, when the "و" is the conjunction.
    ['هذا وكان النائب العام أمر بمتابعة الصحف.', 'كان النائب العام أمر بمتابعة الصحف.'],
    ['هذا وضع خطير على الحدود.', 'هذا وضع خطير على الحدود.'],
    // A clitic "ف" (so, then) of a sentence cut from its reason; root letters stay.
    ['ففي عام 2014 اختطفت الجماعة مئتي تلميذة.', 'في عام 2014 اختطفت الجماعة مئتي تلميذة.'],
    ['فرغم الاتفاق استمر القصف.', 'رغم الاتفاق استمر القصف.'],
    ['فتحت الشرطة تحقيقا في الحادث.', 'فتحت الشرطة تحقيقا في الحادث.'],
    ['فرضت الحكومة حظر التجول.', 'فرضت الحكومة حظر التجول.'],
    ['فقد الجيش السيطرة على المعبر.', 'فقد الجيش السيطرة على المعبر.'],
    ['وفق ما نقلت الوكالة.', 'وفق ما نقلت الوكالة.'],
    ['وصل الوفد إلى المطار.', 'وصل الوفد إلى المطار.'],
    ['وتتهم الجمعية الوزير بالتقصير.', 'تتهم الجمعية الوزير بالتقصير.'],
    ['وطال القصف مواقع المسلحين.', 'طال القصف مواقع المسلحين.'],
    ['ويمنع مشروع القانون بيع الأسلحة.', 'يمنع مشروع القانون بيع الأسلحة.'],
    ['وأضاف ”لقد رأينا المعلومات.', 'أضاف لقد رأينا المعلومات.'],
    ['قال: «نحن هنا».', 'قال: «نحن هنا».'],
    ['«نحن هنا.', 'نحن هنا.'],
    ['"نحن هنا.', 'نحن هنا.'],
    ['قال المتحدث، ""يجب ألا يهدد أحد قوة نووية".', 'قال المتحدث، "يجب ألا يهدد أحد قوة نووية".'],
    ['قال: ««نحن هنا».', 'قال: «نحن هنا».'],
    ['  نص   بمسافات  كثيرة .  ', 'نص بمسافات كثيرة.'],
    ['- بند في قائمة،', 'بند في قائمة'],
    ['استقبل #ترمب أمير قطر في البيت الأبيض.', 'استقبل ترمب أمير قطر في البيت الأبيض.'],
    ['#عاجل وصل الوفد.', 'عاجل وصل الوفد.'],
    ['وافقت الحكومة على الخطة.', 'وافقت الحكومة على الخطة.'],
    ['واشنطن ترحب بالقرار.', 'واشنطن ترحب بالقرار.'],
    ['واصلت القوات تقدمها.', 'واصلت القوات تقدمها.'],
    ['وائل سالم يفوز بالجائزة.', 'وائل سالم يفوز بالجائزة.'],
    ['واتهم الوزير المعارضة بالتحريض.', 'اتهم الوزير المعارضة بالتحريض.'],
    ['واليمن يشهد هدوءا حذرا.', 'اليمن يشهد هدوءا حذرا.'],
    ['(CNN)— قال الرئيس إن الخطة جاهزة.', 'قال الرئيس إن الخطة جاهزة.'],
    [
      'نيويورك، الولايات المتحدة (CNN) -- وقال الرئيس إن الخطة جاهزة.',
      'قال الرئيس إن الخطة جاهزة.',
    ],
    ['أعلنت #حركة_الشباب مسؤوليتها.', 'أعلنت حركة الشباب مسؤوليتها.'],
    ['و«الاتفاق تاريخي» كما قال الوزير.', '«الاتفاق تاريخي» كما قال الوزير.'],
    ['وـقال الوزير إن الخطة جاهزة.', 'قال الوزير إن الخطة جاهزة.'],
    // "For his part", "but", "however" without a comma: they answer a sentence not shown.
    ['من جهته علق المستشار على القرار.', 'علق المستشار على القرار.'],
    ['بدورها قالت الوزارة إن الخطة جاهزة.', 'قالت الوزارة إن الخطة جاهزة.'],
    ['لكن القضاة يرون الإصلاحات صعبة.', 'القضاة يرون الإصلاحات صعبة.'],
    ['ولكن، الأسبوع الماضي، أعلنت الحكومة الخطة.', 'الأسبوع الماضي، أعلنت الحكومة الخطة.'],
    ['إلا أن الوزير أعلن معارضته.', 'الوزير أعلن معارضته.'],
    ['غير أنه قرر سحبها.', 'قرر سحبها.'],
    ['لكنها أكدت أن الخطة جاهزة.', 'أكدت أن الخطة جاهزة.'],
    // "Where", "as", "so", "thereby", "then": they follow a sentence not shown.
    ['حيث قتل 49 راكبا في الحادث.', 'قتل 49 راكبا في الحادث.'],
    ['إذ أن المدينة محاصرة منذ شهرين.', 'المدينة محاصرة منذ شهرين.'],
    ['إذ تسجل الشرطة آلاف الحالات سنويا.', 'تسجل الشرطة آلاف الحالات سنويا.'],
    ['لذا قررت الحكومة إغلاق المدارس.', 'قررت الحكومة إغلاق المدارس.'],
    ['وبذلك يقترب الجيش من المدينة.', 'يقترب الجيش من المدينة.'],
    ['ثم تحدث الوزير عن الميزانية.', 'تحدث الوزير عن الميزانية.'],
    ['حيثما ذهبوا وجدوا الدمار.', 'حيثما ذهبوا وجدوا الدمار.'],
    ['إذا وافقت الحكومة يبدأ العمل.', 'إذا وافقت الحكومة يبدأ العمل.'],
    ['ثمة أسباب كثيرة للتأخير.', 'ثمة أسباب كثيرة للتأخير.'],
    // "كما" (also) before the verb; the "as" of "كما هو الحال", "كما في", "كما قال …، فإن" stays.
    ['كما تم توقيع عدد من مذكرات التفاهم.', 'تم توقيع عدد من مذكرات التفاهم.'],
    ['وكما دعا البيان إلى وقف القتال.', 'دعا البيان إلى وقف القتال.'],
    ['كما أنها كانت صاحبة مواقف مستقلة.', 'كانت صاحبة مواقف مستقلة.'],
    ['كما هو الحال في سوريا.', 'كما هو الحال في سوريا.'],
    ['كما في العام الماضي، ارتفعت الأسعار.', 'كما في العام الماضي، ارتفعت الأسعار.'],
    ['كما العادة اجتمع المجلس.', 'كما العادة اجتمع المجلس.'],
    ['كما قال الوزير، فإن الخطة جاهزة.', 'كما قال الوزير، فإن الخطة جاهزة.'],
    ['كمال جنبلاط يعلن ترشحه.', 'كمال جنبلاط يعلن ترشحه.'],
    // "فقد" as "so… has" drops its "ف"; as "lost" it stays.
    ['فقد أعلن الجيش السيطرة على المعبر.', 'قد أعلن الجيش السيطرة على المعبر.'],
    ['فقد تحولت الحرب إلى صراع إقليمي.', 'قد تحولت الحرب إلى صراع إقليمي.'],
    // "قد" before a verb that can only be past goes; "may" stays.
    ['وقد قتل 20 شخصا في الهجوم.', 'قتل 20 شخصا في الهجوم.'],
    ['فقد اجتمع النائب العام مع المفوض.', 'اجتمع النائب العام مع المفوض.'],
    ['وقد يكون الهجوم انتقاما.', 'قد يكون الهجوم انتقاما.'],
    ['قد تكون الخطة جاهزة.', 'قد تكون الخطة جاهزة.'],
    ['وقد لا يكون الهجوم انتقاما.', 'قد لا يكون الهجوم انتقاما.'],
    ['فقد حياته في الحادث.', 'فقد حياته في الحادث.'],
    ['فقد 20 شخصا منازلهم.', 'فقد 20 شخصا منازلهم.'],
    ['فقد أكثر من مئة شخص حياتهم.', 'فقد أكثر من مئة شخص حياتهم.'],
    ['فقد نحو 300 عامل وظائفهم.', 'فقد نحو 300 عامل وظائفهم.'],
    // After "لكنّ"/"غير أنّ" an indefinite noun is accusative: without them it would be wrong.
    ['غير أن مسؤولا تركيا قال إن الحصار اكتمل.', 'غير أن مسؤولا تركيا قال إن الحصار اكتمل.'],
    ['لكن مسؤولاً تركياً قال إن الحصار اكتمل.', 'لكن مسؤولاً تركياً قال إن الحصار اكتمل.'],
    ['كما أن متحدثا باسم الجيش نفى ذلك.', 'كما أن متحدثا باسم الجيش نفى ذلك.'],
    ['غير أن روسيا رفضت المشروع.', 'روسيا رفضت المشروع.'],
    ['لكن هذا الحل لم ينجح.', 'هذا الحل لم ينجح.'],
    // Not an opener: "unprecedented", "but" alone.
    ['غير مسبوق أن يحدث هذا.', 'غير مسبوق أن يحدث هذا.'],
    ['لكن.', 'لكن.'],
    // "Besides that," and "moreover," with their comma are connectives.
    ['إلى جانب ذلك، قررت اللجنة تمديد العمل.', 'قررت اللجنة تمديد العمل.'],
    ['وعلاوة على ذلك، ارتفعت الأسعار.', 'ارتفعت الأسعار.'],
    // An Arabic comma or semicolon glued to the next word gets its space; numbers keep theirs.
    ['أعيد انتخاب الرئيس،السبت، لولاية ثانية.', 'أعيد انتخاب الرئيس، السبت، لولاية ثانية.'],
    ['قال الوزير،في بيان؛إن الخطة جاهزة.', 'قال الوزير، في بيان؛ إن الخطة جاهزة.'],
    ['ارتفع المؤشر 2،5 نقطة.', 'ارتفع المؤشر 2،5 نقطة.'],
  ])('cleans %j to %j', (input, expected) => {
    expect(cleanPoint(input)).toBe(expected);
  });

  it('never changes or reorders the words it keeps', () => {
    for (const s of ARTICLE.split('\n')) {
      const cleaned = flat(cleanPoint(s));
      expect(flat(s).endsWith(cleaned)).toBe(true);
    }
  });
});

describe('scoreSentences and pickSentences across articles', () => {
  const other = [
    'أجلت السلطات مئات الأسر من أحياء مدينة الساحل بعد فيضانات عارمة ضربتها فجر الاثنين.',
    'وذكر شهود عيان أن المياه غمرت الشوارع الرئيسية وتسببت في انقطاع الكهرباء عن عدة أحياء.',
    'وأعلنت وزارة الصحة حالة الطوارئ في مستشفيات المنطقة.',
  ].join(' ');

  it('scores the sentences of every document with its index', () => {
    const scored = scoreSentences([{ text: ARTICLE, title: TITLE }, { text: other }]);
    expect(new Set(scored.map((s) => s.doc))).toEqual(new Set([0, 1]));
    for (const s of scored) {
      expect(s.score).toBeGreaterThan(0);
      expect(s.words).toBe(countWords(s.text));
    }
  });

  it('picks points across documents without repeating one', () => {
    const scored = scoreSentences([{ text: ARTICLE, title: TITLE }, { text: other }]);
    const picked = pickSentences(scored, { points: 4, words: 120, maxSimilarity: 0.5 });
    expect(picked.length).toBeGreaterThan(1);
    expect(picked.length).toBeLessThanOrEqual(4);
    expect(picked.reduce((a, p) => a + p.words, 0)).toBeLessThanOrEqual(120);
    const keys = picked.map((p) => `${p.doc}:${p.index}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('blocks a repeat but not a long sentence that contains a short chosen one', () => {
    const text = [
      'يؤدي الكبد دورا أساسيا في عملية الهضم.',
      'يفرز الكبد العصارة الصفراوية التي تخزنها المرارة ثم تطلقها إلى الأمعاء الدقيقة لتفكيك الدهون، كما يخزن السكر والحديد والفيتامينات ويطهر الدم من السموم ويصنع البروتينات اللازمة لتخثر الدم، فهو يؤدي دورا أساسيا في عملية الهضم والتمثيل الغذائي.',
      'تنظم وزارة الصحة حملة توعية عن أمراض القلب في المدارس.',
      'يؤدي الكبد دورا أساسيا في الهضم.',
    ].join(' ');
    const scored = scoreSentences([{ text }]);
    expect(scored).toHaveLength(4);
    // Rank them in article order, so only the redundancy rules decide what is skipped.
    const ranked = scored.map((c, k) => ({ ...c, score: 1 - k * 0.1 }));
    const opts = { points: 3, lambda: 1, maxSimilarity: 1.01 };
    const picked = pickSentences(ranked, opts).map((c) => c.index);
    // The long one is mostly new; the last one repeats the first and is blocked.
    expect(picked).toEqual([0, 1, 2]);
    // Blocking on the shorter sentence's share alone would drop the long one too.
    const strict = pickSentences(ranked, { ...opts, minRepeatShare: 0 }).map((c) => c.index);
    expect(strict).toEqual([0, 2]);
  });

  it('returns nothing for no candidates', () => {
    expect(pickSentences([], { points: 3 })).toEqual([]);
  });
});

describe('extractKeyPoints on adversarial input', () => {
  it.each([
    ['a long run of commas inside a sentence', `كلمة${'،'.repeat(200_000)}أخرى.`],
    ['a long run of spaces and dashes', `بداية ${' -'.repeat(200_000)} نهاية.`],
    ['symbols without words', '#$%^&*'.repeat(100_000)],
  ])('stays fast on %s', (_name, text) => {
    const started = performance.now();
    const points = extractKeyPoints(text);
    expect(performance.now() - started).toBeLessThan(5000);
    for (const p of points) expect(p.length).toBeLessThanOrEqual(2000);
  });

  it('cleanPoint stays linear on a long run of trailing junk', () => {
    const started = performance.now();
    expect(cleanPoint(`نص${'، '.repeat(100_000)}x`)).toMatch(/^نص/);
    expect(performance.now() - started).toBeLessThan(5000);
  });
});
