import { describe, expect, it } from 'vitest';
import type { Article } from '../../../src/domain.js';
import {
  buildStory,
  byCentrality,
  describedAs,
  isPressReview,
  isRedundant,
  isSameFact,
  newsFirst,
  pointKeys,
  storyPoints,
} from '../../../src/digest/story.js';

/** A made-up article of one outlet (its id), dated alike. */
const article = (id: string, title: string, text: string): Article => ({
  id,
  title,
  text,
  url: `https://example.com/${id}`,
  sourceId: id,
  sourceName: id,
  publishedAt: '2026-03-04T10:00:00Z',
  fetchedAt: '2026-03-04T10:05:00Z',
  language: 'ar',
});

describe('cross-outlet redundancy of story points', () => {
  it.each([
    [
      'two outlets opening with the same event in other words',
      'افتتحت في عمان اليوم القمة الإقليمية للأمن المائي التي تجمع عشر دول عربية لبحث مواجهة الجفاف.',
      'انطلقت صباح اليوم في العاصمة الأردنية عمان أعمال القمة الإقليمية للأمن المائي بمشاركة عشر دول عربية.',
      true,
    ],
    [
      'the same event, a different fact',
      'افتتحت في عمان اليوم القمة الإقليمية للأمن المائي التي تجمع عشر دول عربية لبحث مواجهة الجفاف.',
      'دعا الأمين العام للقمة إلى تأسيس صندوق إقليمي يمول محطات التحلية ومشاريع معالجة المياه.',
      false,
    ],
  ])('%s', (_name, a, b, redundant) => {
    expect(isRedundant(pointKeys(a), pointKeys(b))).toBe(redundant);
  });
});

describe('one fact told by several outlets (isSameFact)', () => {
  const lead =
    'سقطت قذيفة هاون الأربعاء على سوق الخضار في حي الميدان وسط مدينة حمص، ما أسفر عن مقتل 12 شخصا بينهم أطفال.';

  it.each([
    [
      'another outlet’s lead on the same toll, in its own words',
      'قتل 12 مدنيا جراء قذيفة أطلقت الأربعاء على سوق شعبي مكتظ في حمص، وفق ما أفاد التلفزيون الرسمي السوري نقلا عن مصادر طبية.',
      true,
    ],
    [
      'a shorter paraphrase that shares only the place, the weapon and the toll',
      'أفاد التلفزيون الرسمي السوري بأن قذيفة أطلقتها الفصائل على سوق شعبي في حمص أوقعت 12 قتيلا وعشرات الجرحى.',
      true,
    ],
    [
      'a follow-up fact of the same story',
      'أعلن محافظ حمص الأربعاء إغلاق الأسواق الشعبية في المدينة لمدة ثلاثة أيام وفتح تحقيق في الحادث.',
      false,
    ],
  ])('%s', (_name, other, same) => {
    expect(isSameFact(pointKeys(lead), pointKeys(other))).toBe(same);
    // The general rule (half the words) misses the paraphrases.
    if (same) expect(isRedundant(pointKeys(lead), pointKeys(other))).toBe(false);
  });

  it('does not count weekday names as shared words', () => {
    expect(
      pointKeys('أعلن المحافظ الأربعاء إغلاق الأسواق').has([...pointKeys('الأربعاء')][0] ?? ''),
    ).toBe(false);
    expect(
      isSameFact(
        pointKeys('أعلن محافظ حمص الأربعاء إغلاق الأسواق الشعبية في المدينة لمدة ثلاثة أيام.'),
        pointKeys('زار وزير الصحة الأربعاء جرحى الهجوم في المستشفى الوطني بالمدينة.'),
      ),
    ).toBe(false);
  });

  it('does not take a shared year for a shared figure', () => {
    const a = pointKeys('شهدت المدينة احتجاجات واسعة عام 2011 للمطالبة بإصلاحات سياسية واقتصادية.');
    const b = pointKeys('تخضع المدينة لحصار تفرضه القوات الحكومية منذ عام 2011 وفق الأمم المتحدة.');
    expect(isSameFact(a, b)).toBe(false);
  });
});

describe('storyPoints across outlets', () => {
  it('tells a toll once when three outlets open with it, and fills with other facts', () => {
    const points = storyPoints([
      article(
        'a',
        'قذيفة على سوق في حمص',
        'سقطت قذيفة هاون الأربعاء على سوق الخضار في حي الميدان وسط مدينة حمص، ما أسفر عن مقتل 12 شخصا بينهم أطفال. وأعلن محافظ حمص إغلاق الأسواق الشعبية في المدينة لمدة ثلاثة أيام وفتح تحقيق في الحادث. وقالت مصادر طبية إن المستشفى الوطني استقبل عشرات الجرحى بعضهم في حالة حرجة.',
      ),
      article(
        'b',
        'قتلى بقذيفة في حمص',
        'قتل 12 مدنيا جراء قذيفة أطلقت الأربعاء على سوق شعبي مكتظ في حمص، وفق ما أفاد التلفزيون الرسمي السوري نقلا عن مصادر طبية. ودانت وزارة الخارجية الهجوم في بيان وطالبت مجلس الأمن بإدانته. وتشهد أطراف المدينة اشتباكات متقطعة منذ أسابيع بين القوات الحكومية والفصائل المسلحة.',
      ),
      article(
        'c',
        'هجوم على سوق حمص',
        'أفاد التلفزيون الرسمي السوري بأن قذيفة أطلقتها الفصائل على سوق شعبي في حمص أوقعت 12 قتيلا وعشرات الجرحى. وأغلقت قوات الأمن الطرق المؤدية إلى السوق بعد الهجوم مباشرة. ولم تعلن أي جهة مسؤوليتها عن إطلاق القذيفة حتى مساء الأربعاء.',
      ),
    ]);
    expect(points.filter((p) => p.includes('12')).length).toBe(1);
    expect(points.length).toBeGreaterThanOrEqual(3);
  });

  it('leaves out a point whose speaker is named only in the sentence before it', () => {
    const texts = {
      a: 'أعلن وزير الصحة الأربعاء فتح ثلاثة مستشفيات ميدانية في المدينة المنكوبة بالفيضانات. وأضاف أن عدد القتلى بلغ خمسة أشخاص حتى مساء الأربعاء. وقال محافظ المدينة إن فرق الإنقاذ أجلت مئات العائلات من الأحياء المنخفضة.',
      b: 'غمرت مياه الفيضانات أحياء واسعة من المدينة بعد أمطار غزيرة استمرت يومين متتاليين. وتابع قائلا: "نحتاج إلى مساعدة عاجلة من الحكومة المركزية". وأضافت "وام" أن طائرات إماراتية نقلت مساعدات عاجلة إلى المدينة المنكوبة.',
    };
    const points = storyPoints([
      article('a', 'مستشفيات ميدانية بعد الفيضانات', texts.a),
      article('b', 'فيضانات تغمر المدينة', texts.b),
    ]);
    // "He added that the toll…" and "he went on, saying…": among another outlet's points, who?
    expect(points.some((p) => p.startsWith('أضاف أن'))).toBe(false);
    expect(points.some((p) => p.startsWith('تابع قائلا'))).toBe(false);
    // A speaker named in the sentence, in quotes too, stays.
    expect(points.some((p) => p.startsWith('قال محافظ المدينة'))).toBe(true);
    expect(points.some((p) => p.startsWith('أضافت "وام"'))).toBe(true);
    // One article's own points follow each other: there the sentence before names the speaker.
    const alone = storyPoints([article('a', 'مستشفيات ميدانية بعد الفيضانات', texts.a)]);
    expect(alone.some((p) => p.startsWith('أضاف أن'))).toBe(true);
  });

  it('leaves out "he said at a press conference: …", keeps "the mayor said in a statement"', () => {
    const points = storyPoints([
      article(
        'a',
        'رئيس الوزراء يزور الأحياء المنكوبة',
        'زار رئيس الوزراء الأحياء المنكوبة بالفيضانات صباح الخميس والتقى عددا من العائلات المتضررة. وقال في مؤتمر صحفي بعد الزيارة: "سنعوض كل أسرة فقدت منزلها في أقرب وقت". وتعهد بإعادة بناء الجسور التي جرفتها المياه قبل نهاية العام.',
      ),
      article(
        'b',
        'فرق الإغاثة تعمل طوال الليل',
        'غمرت مياه الفيضانات أحياء واسعة من المدينة بعد أمطار غزيرة استمرت يومين متتاليين. وقال رئيس البلدية في بيان إن فرق الإغاثة ستعمل طوال الليل لإجلاء السكان. وأغلقت المدارس أبوابها حتى إشعار آخر.',
      ),
    ]);
    expect(points.some((p) => p.startsWith('قال في مؤتمر صحفي'))).toBe(false);
    expect(points.some((p) => p.startsWith('قال رئيس البلدية في بيان'))).toBe(true);
  });

  it('leaves out "he argued that…", "he pointed out that…", keeps "the minister stressed that…"', () => {
    const points = storyPoints([
      article(
        'a',
        'الوزير يعرض خطة النقل الجديدة',
        'عرض وزير النقل الثلاثاء خطة لتوسيع شبكة القطارات بين المدن الكبرى. وجادل بأن الخطة ستخفض زحام الطرق إلى النصف خلال خمس سنوات. لفت إلى أن التمويل سيأتي من صندوق حكومي خاص.',
      ),
      article(
        'b',
        'البرلمان يناقش خطة القطارات',
        'ناقش البرلمان مساء الثلاثاء خطة الحكومة لتوسيع شبكة القطارات الوطنية. وأكدت رئيسة لجنة النقل أن اللجنة ستصوت على الخطة الأسبوع المقبل. وأغلقت جلسة النقاش دون اعتراض يذكر.',
      ),
    ]);
    // Among another outlet's points, who argued, who pointed out?
    expect(points.some((p) => p.includes('جادل بأن'))).toBe(false);
    expect(points.some((p) => p.includes('لفت إلى أن'))).toBe(false);
    // The speaker named between the verb and "that" stays.
    expect(points.some((p) => p.startsWith('أكدت رئيسة لجنة النقل أن'))).toBe(true);
    // One article's own points follow each other: the sentence before names the minister.
    const alone = storyPoints([
      article(
        'a',
        'الوزير يعرض خطة النقل الجديدة',
        'عرض وزير النقل الثلاثاء خطة لتوسيع شبكة القطارات بين المدن الكبرى. وجادل بأن الخطة ستخفض زحام الطرق إلى النصف خلال خمس سنوات.',
      ),
    ]);
    expect(alone.some((p) => p.includes('جادل بأن'))).toBe(true);
  });

  it('leaves out the tail of a sentence an outlet cut with a full stop ("مضيفا أن …")', () => {
    const text =
      'أعلن وزير المالية الأربعاء خطة لخفض الدين العام خلال ثلاث سنوات. مضيفا أن الحكومة ستبيع حصصا في شركات عامة. وقال محافظ البنك المركزي إن الخطة واقعية.';
    const points = storyPoints([article('a', 'خطة لخفض الدين العام', text)]);
    expect(points.some((p) => p.startsWith('مضيفا'))).toBe(false);
    expect(points.some((p) => p.startsWith('قال محافظ البنك المركزي'))).toBe(true);
  });

  it.each([
    ['واصفا إياه بـ"الكارثة" أمام الصحفيين', 1],
    ['وصف الاتفاقية بأنها "كارثة" في حديث للصحفيين', 1],
    ['رأى الرئيس أن الاتفاق "مهم" للمنطقة', 1],
    ['قال في حوار مع صحيفة "لوموند" إن الاتفاق قائم', 0],
    ['حاصرت القوات منطقة دوما الخاضعة لـ"الثوار" منذ أيام', 0],
  ])('describedAs(%j) finds %i word(s)', (text, count) => {
    expect(describedAs(text).size).toBe(count);
  });

  it('leaves out a point that calls the same thing by the same quoted word as a chosen one', () => {
    const a = article(
      'a',
      'الرئيس ينتقد الاتفاق التجاري',
      'انتقد الرئيس الاتفاق التجاري مع الجارة الشمالية الاثنين، واصفا إياه بـ"الكارثة". وأعلن الرئيس أن المفاوضات ستستأنف في الربيع المقبل.',
    );
    const b = article(
      'b',
      'الرئيس: الاتفاق التجاري كارثة',
      'وصف الرئيس المعاهدة بأنها "كارثة"، وذلك في حديث بالقصر أثناء استقباله وفدا من رجال الأعمال القادمين من الجنوب. وقال وزير التجارة إن صادرات القمح تراجعت بنسبة الثلث.',
    );
    const points = storyPoints([a, b]);
    expect(points.filter((p) => /كارثة|الكارثة/u.test(p))).toHaveLength(1);
    expect(points.some((p) => p.startsWith('قال وزير التجارة'))).toBe(true);
    // The same word for another thing, by another speaker, is another fact.
    const other = article(
      'c',
      'المعارضة تنتقد الموازنة',
      'وصفت المعارضة موازنة العام المقبل بأنها "كارثة" على الطبقة الوسطى في بيان مساء الأحد.',
    );
    expect(storyPoints([a, other]).filter((p) => /كارثة|الكارثة/u.test(p))).toHaveLength(2);
  });

  it('gives no question as a point when the article also tells', () => {
    const text =
      'أقر البرلمان قانون الانتخابات الجديد بأغلبية كبيرة مساء الاثنين. فهل ينهي القانون أزمة التمثيل؟ وينص القانون على خفض سن الترشح إلى خمسة وعشرين عاما.';
    const points = storyPoints([article('a', 'البرلمان يقر قانون الانتخابات', text)]);
    expect(points).toHaveLength(2);
    expect(points.some((p) => p.endsWith('؟'))).toBe(false);
  });

  it('takes no question from an article of questions only when other articles tell', () => {
    const report = article(
      'a',
      'البرلمان يقر قانون الانتخابات',
      'أقر البرلمان قانون الانتخابات الجديد بأغلبية كبيرة مساء الاثنين. وينص القانون على خفض سن الترشح إلى خمسة وعشرين عاما. وقال رئيس البرلمان إن الانتخابات ستجرى في موعدها.',
    );
    const caption = article(
      'b',
      'فيديو: قانون الانتخابات الجديد',
      'هل ينهي قانون الانتخابات الجديد أزمة التمثيل في البرلمان؟ وما الذي يتغير للناخبين الشباب؟',
    );
    const points = storyPoints([caption, report]);
    expect(points.length).toBeGreaterThan(0);
    expect(points.some((p) => p.endsWith('؟'))).toBe(false);
    // Alone, the caption's questions are all it has to say.
    expect(storyPoints([caption]).length).toBeGreaterThan(0);
  });

  it('leaves out a sentence about the "that" of the one before ("وذلك في إطار …")', () => {
    const text =
      'أوقفت السلطات ثلاثة وزراء سابقين بتهم فساد مساء الاثنين. وذلك في إطار حملة على الفساد بدأت قبل شهرين. وقالت النيابة العامة إن التحقيقات ستشمل عقود الطاقة.';
    const points = storyPoints([article('a', 'توقيف ثلاثة وزراء سابقين', text)]);
    expect(points.some((p) => p.startsWith('ذلك'))).toBe(false);
    expect(points.some((p) => p.startsWith('قالت النيابة العامة'))).toBe(true);
    // "That man" names its own subject.
    const own = storyPoints([
      article(
        'b',
        'رجل ينقذ طفلا',
        'أنقذ رجل طفلا من الغرق في النهر. ذلك الرجل يعمل صيادا منذ عشرين عاما.',
      ),
    ]);
    expect(own.some((p) => p.startsWith('ذلك الرجل'))).toBe(true);
  });

  it('leaves out "the source added that …", keeps "the police spokesman said …"', () => {
    const points = storyPoints([
      article(
        'a',
        'توقيف مشتبه به في هجوم الميناء',
        'أوقفت الشرطة مشتبها به في الهجوم على بوابة الميناء فجر الخميس، وفق مصدر أمني. وأضاف المصدر أن سيارة اقتحمت البوابة بسرعة قبل أن تنفجر. وأغلقت السلطات الطريق الساحلي حتى المساء.',
      ),
      article(
        'b',
        'انفجار عند بوابة الميناء',
        'هز انفجار بوابة الميناء الجنوبية فجر الخميس وأصاب ثلاثة حراس بجروح. وقال المتحدث باسم الشرطة إن المحققين يفحصون تسجيلات الكاميرات القريبة. وتابع المتحدث قائلا: "لن نسمح بتكرار ذلك".',
      ),
    ]);
    // Among another outlet's points, "the source" and "the spokesman" are nobody in particular.
    expect(points.some((p) => p.startsWith('أضاف المصدر'))).toBe(false);
    expect(points.some((p) => p.startsWith('تابع المتحدث'))).toBe(false);
    expect(points.some((p) => p.startsWith('قال المتحدث باسم الشرطة'))).toBe(true);
  });

  it('leaves out "our correspondent said …", keeps "the agency\'s correspondent said …"', () => {
    const points = storyPoints([
      article(
        'a',
        'انفجار في سوق المدينة',
        'قتل خمسة أشخاص في انفجار هز سوق المدينة القديمة صباح الجمعة. وقال مراسلنا إن الانفجار وقع قرب مدخل السوق المزدحم. وأغلقت الشرطة الطرق المؤدية إلى المكان.',
      ),
      article(
        'b',
        'قتلى في انفجار بسوق شعبي',
        'أسفر انفجار في سوق شعبي عن سقوط قتلى وجرحى الجمعة. وقال مراسل الوكالة إن سيارات الإسعاف نقلت الجرحى إلى مستشفيين. وأفاد مراسلها بأن السلطات فتحت تحقيقا في أسباب الانفجار.',
      ),
    ]);
    expect(points.some((p) => p.startsWith('قال مراسلنا'))).toBe(false);
    expect(points.some((p) => p.startsWith('أفاد مراسلها'))).toBe(false);
    // A correspondent (f.) of a named outlet is no possessive: "مراسلة" is not "مراسله".
    const named = storyPoints([
      article(
        'c',
        'انفجار في سوق المدينة',
        'قتل خمسة أشخاص في انفجار هز سوق المدينة صباح الجمعة. وأفادت مراسلة الوكالة بأن الشرطة أغلقت الطرق المؤدية إلى السوق.',
      ),
      article(
        'd',
        'قتلى في انفجار بسوق شعبي',
        'أسفر انفجار في سوق شعبي عن سقوط قتلى وجرحى الجمعة. وفتحت السلطات تحقيقا في أسباب الانفجار.',
      ),
    ]);
    expect(named.some((p) => p.startsWith('أفادت مراسلة الوكالة'))).toBe(true);
    expect(points.some((p) => p.startsWith('قال مراسل الوكالة'))).toBe(true);
  });
});

describe('a story title', () => {
  const withTitle = (title: string): Article => ({
    id: 't1',
    url: 'https://news.example/t1',
    sourceId: 's1',
    sourceName: 'news',
    title,
    text: 'أطلقت أحزاب بريطانية حملة تدعو إلى استفتاء على اتفاق الخروج من الاتحاد الأوروبي.',
    publishedAt: '2026-01-01T08:00:00Z',
    fetchedAt: '2026-01-01T08:05:00Z',
    language: 'ar',
  });

  it('drops a quote mark the headline never closes', () => {
    expect(buildStory([withTitle('"بريطانيا المفتوحة تدعو لاستفتاء')]).title).toBe(
      'بريطانيا المفتوحة تدعو لاستفتاء',
    );
    expect(buildStory([withTitle('حملة «بريطانيا المفتوحة تدعو لاستفتاء')]).title).toBe(
      'حملة بريطانيا المفتوحة تدعو لاستفتاء',
    );
  });

  it('keeps quote marks that pair', () => {
    const title = '"بريطانيا المفتوحة" تدعو لاستفتاء';
    expect(buildStory([withTitle(title)]).title).toBe(title);
  });

  it('is a report’s headline, not the caption of a video, live stream or infographic', () => {
    const caption = { ...withTitle('شاهد.. حملة بريطانيا المفتوحة تدعو لاستفتاء'), id: 'v1' };
    const report = {
      ...withTitle('أحزاب تطلق حملة للاستفتاء'),
      id: 'r1',
      text: 'أطلقت مجموعة من الأحزاب حملة وطنية جديدة للمطالبة باستفتاء ثان.',
    };
    // The caption's text is the story's own wording, so it is the more central one.
    expect(byCentrality([caption, report])[0]!.id).toBe('v1');
    expect(buildStory([caption, report]).title).toBe('أحزاب تطلق حملة للاستفتاء');
    for (const label of [
      'فيديو: ',
      'مباشر: ',
      'إنفوغرافيك.. ',
      'بالصور.. ',
      'فيديو مذهل للحملة.. ',
    ]) {
      const other = { ...caption, title: `${label}حملة بريطانيا المفتوحة تدعو لاستفتاء` };
      expect(buildStory([other, report]).title).toBe('أحزاب تطلق حملة للاستفتاء');
    }
    // The report's lead is the first point too: a caption's text is most often only a label.
    expect(buildStory([caption, report]).points[0]).toBe(
      'أطلقت مجموعة من الأحزاب حملة وطنية جديدة للمطالبة باستفتاء ثان.',
    );
    // Alone, a caption is still the story's headline; so is "شاهد عيان" (an eyewitness).
    expect(buildStory([caption]).title).toBe(caption.title);
    const witness = { ...caption, title: 'شاهد عيان يروي لحظة الانفجار' };
    const brief = { ...report, text: 'حملة جديدة.' };
    expect(byCentrality([witness, brief])[0]!.id).toBe('v1');
    expect(buildStory([witness, brief]).title).toBe(witness.title);
    const said = { ...witness, title: 'شاهد عيان: الانفجار هز الحي كله' };
    expect(buildStory([said, brief]).title).toBe(said.title);
  });

  it('is a report’s headline, not an explainer’s question', () => {
    const report = {
      ...withTitle('أحزاب تطلق حملة للاستفتاء'),
      id: 'r1',
      text: 'أطلقت مجموعة من الأحزاب حملة وطنية جديدة للمطالبة باستفتاء ثان.',
    };
    for (const title of ['ما هي حملة بريطانيا المفتوحة للاستفتاء؟', '«هل يعود الاستفتاء؟»']) {
      const explainer = {
        ...withTitle(title),
        id: 'q1',
        text: `${report.text} ${withTitle(title).text} وتطالب الحملة حملة الاستفتاء بتصويت ثان.`,
      };
      // The explainer retells the report and more, so it is the more central one.
      expect(byCentrality([explainer, report])[0]!.id).toBe('q1');
      expect(buildStory([explainer, report]).title).toBe('أحزاب تطلق حملة للاستفتاء');
      // Alone, it is still the story's headline.
      expect(buildStory([explainer]).title).toBe(title);
    }
  });
});

describe("an update's headline", () => {
  const sent = 'ضربات غربية تستهدف مواقع عسكرية في سوريا';
  const recap = article(
    'recap',
    'المواقع التي استهدفتها الضربات في سوريا',
    'استهدفت الضربات الغربية مواقع عسكرية قرب دمشق وحمص فجر السبت.',
  );
  const news = article(
    'news',
    'بوتين يحذر من فوضى إذا تكررت الضربات على سوريا',
    'حذر الرئيس الروسي من أن أي ضربات جديدة على سوريا قد تؤدي إلى فوضى في العلاقات الدولية.',
  );
  const caption = article(
    'clip',
    'شاهد.. لحظة إطلاق الصواريخ على سوريا',
    'لقطات لإطلاق صواريخ من سفينة حربية.',
  );

  it('is a report whose headline says what was not sent, when the first one repeats it', () => {
    expect(newsFirst([recap, news], sent).map((a) => a.id)).toEqual(['news', 'recap']);
    const story = buildStory([recap, news], { knownTitle: sent, knownPoints: [] });
    expect(story.title).toBe(news.title);
    expect(story.points[0]).toBe(news.text);
  });

  it('keeps the order when the first headline is news, or when only a caption is', () => {
    expect(newsFirst([news, recap], sent).map((a) => a.id)).toEqual(['news', 'recap']);
    expect(newsFirst([recap, caption], sent).map((a) => a.id)).toEqual(['recap', 'clip']);
    expect(newsFirst([recap], sent).map((a) => a.id)).toEqual(['recap']);
  });

  it('is left to centrality for a story not sent before', () => {
    const central = byCentrality([recap, news])[0]!;
    expect(buildStory([recap, news]).title).toBe(central.title);
  });
});

describe("a press review among a story's articles", () => {
  const REVIEW = [
    'في الصحف اليوم: الانتخابات البلدية في البلاد ونتائجها الأولية، وأزمة المياه في المدن الساحلية، والإضراب في الموانئ.',
    'وتقول صحيفة المساء إن نسبة المشاركة في الانتخابات البلدية كانت أعلى من المتوقع في المدن الكبرى.',
    'وتكتب صحيفة الغد أن أزمة المياه في المدن الساحلية ستتفاقم مع اقتراب فصل الصيف وارتفاع الحرارة.',
    'أما صحيفة الوطن فترى أن الإضراب في الموانئ يهدد صادرات البلاد الزراعية خلال الأسابيع المقبلة.',
  ].join(' ');
  const review = article('r', 'الانتخابات البلدية.. درس للأحزاب الكبرى!!', REVIEW);
  const reports = [
    article(
      'a',
      'نتائج أولية للانتخابات البلدية تظهر تقدم المستقلين',
      'أظهرت النتائج الأولية للانتخابات البلدية تقدم المرشحين المستقلين في أغلب المدن الكبرى. وقالت اللجنة العليا للانتخابات إن النتائج النهائية تعلن مساء الخميس. وبلغت نسبة المشاركة ستين في المئة.',
    ),
    article(
      'b',
      'المستقلون يتقدمون في الانتخابات البلدية',
      'تقدم المرشحون المستقلون في الانتخابات البلدية وفق نتائج أولية أعلنتها اللجنة العليا للانتخابات. وهنأ رئيس الحكومة الفائزين ودعا إلى التعاون مع المجالس الجديدة. وتسلم المجالس مهامها الشهر المقبل.',
    ),
  ];

  it.each([
    ['في الصحف اليوم: …', REVIEW, true],
    ['اهتمت الصحف اليوم بـ…', 'اهتمت الصحف اليوم بالانتخابات البلدية وأزمة المياه.', true],
    [
      '… أهم العناوين التي تناولتها الصحف',
      'الانتخابات البلدية وأزمة المياه، تلك أهم العناوين التي تناولتها الصحف الصادرة اليوم.',
      true,
    ],
    [
      'a report on the press',
      'أدانت لجنة حماية الصحفيين الحكم بسجن خمسة صحفيين بتهم تتعلق بالنشر.',
      false,
    ],
    ['a paper quoted in a report', 'قالت صحيفة الغد اليوم إن الحكومة ستستقيل.', false],
  ])('isPressReview: %s → %s', (_name, text, expected) => {
    expect(isPressReview(text)).toBe(expected);
  });

  it('gives no point to a story of several articles and does not head it', () => {
    const story = buildStory([review, ...reports]);
    expect(story.title).not.toBe(review.title);
    expect(story.points.length).toBeGreaterThan(0);
    // None of the review's sentences (the water crisis, the port strike) is a point.
    expect(story.points.filter((p) => /المياه|الموانئ|صحيفة/u.test(p))).toEqual([]);
  });

  it("still gives its points when it is the story's only article, or the only one drawn on", () => {
    expect(storyPoints([review]).length).toBeGreaterThan(0);
    // A topic answer draws on its most relevant article alone: a review matched by its headline.
    expect(storyPoints([review, ...reports], { pointArticles: 1 }).length).toBeGreaterThan(0);
  });
});

describe('a point that opens on "this"', () => {
  const report = article(
    'a',
    'البرلمان يقر قانون الانتخابات الجديد',
    'أقر البرلمان مساء الاثنين قانون الانتخابات الجديد بأغلبية 120 صوتا. وقال رئيس البرلمان إن القانون يعتمد القوائم النسبية. وتجري الانتخابات وفق القانون الجديد في الخريف المقبل.',
  );
  const second = article(
    'b',
    'قانون الانتخابات الجديد يعتمد القوائم النسبية',
    'صوت النواب لصالح قانون الانتخابات الجديد بعد نقاش استمر ثلاثة أيام. هذا القانون يمنح الأحزاب الصغيرة فرصة أكبر لدخول البرلمان. وانسحب نواب المعارضة من الجلسة احتجاجا على التصويت.',
  );

  it('is left out of a story of several outlets: what "this" is was in a sentence not shown', () => {
    const points = storyPoints([report, second]);
    expect(points.length).toBeGreaterThan(2);
    expect(points.some((p) => p.startsWith('هذا القانون'))).toBe(false);
  });

  it('is left out when it opens on "that came" (جاء ذلك), whose "that" is the sentence before', () => {
    const tweet = article(
      'd',
      'رئيس البرلمان: القانون الجديد ينصف الأحزاب الصغيرة',
      'قال رئيس البرلمان إن قانون الانتخابات الجديد ينصف الأحزاب الصغيرة. جاء ذلك في تغريدة على حسابه الرسمي، حيث كتب: "القوائم النسبية تمنح كل صوت وزنه". ورحبت أحزاب المعارضة الصغيرة بالقانون في بيان مشترك.',
    );
    expect(storyPoints([tweet]).some((p) => p.startsWith('جاء ذلك'))).toBe(true);
    const points = storyPoints([report, tweet]);
    expect(points.length).toBeGreaterThan(2);
    expect(points.some((p) => p.startsWith('جاء ذلك'))).toBe(false);
  });

  it('stays in a single article\'s story, and "this year" (هذا العام) stays anywhere', () => {
    expect(storyPoints([second]).some((p) => p.startsWith('هذا القانون'))).toBe(true);
    const thisYear = article(
      'c',
      'القانون يطبق في الانتخابات المقبلة',
      'هذا العام تجري الانتخابات وفق قانون الانتخابات الجديد للمرة الأولى. وقالت اللجنة العليا للانتخابات إن التسجيل يبدأ الشهر المقبل.',
    );
    expect(storyPoints([thisYear, report]).some((p) => p.startsWith('هذا العام'))).toBe(true);
  });
});

describe('a figure behind a conjunction', () => {
  it('is the same figure: two outlets giving one toll are one fact', () => {
    const a = pointKeys('كشف رئيس شرطة المدينة عن مقتل تسعة أشخاص وإصابة 16 آخرين في حادث الدهس.');
    const b = pointKeys('ذكرت الشرطة أن الحادث خلف 9 قتلى و16 جريحا.');
    expect(b.has('16')).toBe(true);
    expect(isSameFact(a, b)).toBe(true);
  });
});
