import { describe, expect, it } from 'vitest';
import { countOutlets, shortenToClause, storyGist } from '../../../src/digest/index.js';

const words = (s: string) => s.split(/\s+/).filter(Boolean).length;

describe('shortenToClause', () => {
  it('keeps a sentence that fits whole, punctuation included', () => {
    const s = 'أعلنت الحكومة خطة جديدة لدعم المزارعين.';
    expect(shortenToClause(s, 25)).toBe(s);
  });

  it('cuts after the last Arabic comma that keeps half the allowance', () => {
    const s =
      'قال الوزير إن المحادثات ستستأنف الأسبوع المقبل، مشيرا إلى أن الوفدين اتفقا على جدول أعمال يشمل ملفات الحدود والمياه والتجارة والأمن والطاقة';
    expect(shortenToClause(s, 12)).toBe('قال الوزير إن المحادثات ستستأنف الأسبوع المقبل');
  });

  it('drops a comma left inside the closing quote of the kept clause', () => {
    const s =
      'قال الرئيس إن الضربة التي نفذت فجر السبت كانت "فعالة للغاية،" مضيفا أن العديد من المخازن قد دمرت بالكامل وأن الحلفاء سيواصلون التنسيق في الأيام المقبلة';
    expect(shortenToClause(s, 14)).toBe(
      'قال الرئيس إن الضربة التي نفذت فجر السبت كانت "فعالة للغاية"',
    );
  });

  // Each: what it shows, the sentence, the allowance, the cut.
  it.each([
    [
      'does not end on a clause opener cut from the phrase it opens',
      'توفي الكاتب المعروف سامي ناصر عن عمر يناهز 80 عاما ولم تعرف بعد ملابسات وفاته، وذلك بحسب ما كتب ابنه في حسابه على موقع التواصل الاجتماعي فيسبوك.',
      25,
      'توفي الكاتب المعروف سامي ناصر عن عمر يناهز 80 عاما ولم تعرف بعد ملابسات وفاته',
    ],
    [
      'cuts before a clause opener when there is no punctuation',
      'استقبل الرئيس وفدا برلمانيا رفيع المستوى في القصر الجمهوري بالعاصمة حيث بحث الجانبان سبل تعزيز التعاون الاقتصادي والتجاري بين البلدين في المرحلة المقبلة',
      14,
      'استقبل الرئيس وفدا برلمانيا رفيع المستوى في القصر الجمهوري بالعاصمة',
    ],
    [
      'cuts before what the event came after, not at the word limit',
      'وافق البرلمان بأغلبية كبيرة يوم الأحد على مشروع قانون جديد يشدد قواعد اللجوء والهجرة بعد مناقشات حامية استمرت أسبوعين كاملين داخل أروقة المجلس',
      18,
      'وافق البرلمان بأغلبية كبيرة يوم الأحد على مشروع قانون جديد يشدد قواعد اللجوء والهجرة',
    ],
    [
      'cuts before what the event led to, not at the word limit',
      'انفجرت عبوة ناسفة في سوق شعبي مزدحم وسط المدينة صباح اليوم الثلاثاء مما أدى إلى مقتل خمسة أشخاص وإصابة عشرين آخرين',
      16,
      'انفجرت عبوة ناسفة في سوق شعبي مزدحم وسط المدينة صباح اليوم الثلاثاء',
    ],
    [
      // The outlet's typo: a lone quote between "after" and "after".
      'judges a cut by the last word before a stray quote mark, not by the mark',
      'أعلن رئيس الوزراء، الثلاثاء، عن إعادة فتح مطاري المدينتين في الإقليم الشمالي، وذلك بعد " بعد استجابة السلطات المحلية لإعادة السلطة الاتحادية إلى المطارين',
      18,
      'أعلن رئيس الوزراء، الثلاثاء، عن إعادة فتح مطاري المدينتين في الإقليم الشمالي',
    ],
  ])('%s', (_, sentence, maxWords, cut) => {
    expect(shortenToClause(sentence, maxWords)).toBe(cut);
  });

  it('does not stop after the circumstance a sentence opens with ("after …,")', () => {
    const s =
      'بعد تصريحات الوزير المثيرة للجدل في مؤتمر الأمس، طالبت أحزاب المعارضة الحكومة بتقديم اعتذار رسمي وفتح تحقيق مستقل في ما جرى خلال الجلسة';
    const out = shortenToClause(s, 12);
    expect(out).not.toBe('بعد تصريحات الوزير المثيرة للجدل في مؤتمر الأمس');
    expect(out).toContain('طالبت');
  });

  it.each([
    'في الوقت الذي سيطرت فيه القوات الحكومية على البلدة الواقعة شمالي البلاد، أكد دبلوماسيون أن المعارك ستنتقل قريبا إلى منطقتين أخريين في الجنوب',
    'في خطاب جديد أمام أنصاره في مدينة ساحلية جنوب غرب البلاد، أكد الرئيس أن المعارك ستنتقل قريبا إلى منطقتين أخريين في الجنوب',
  ])('does not stop after "while …," or "in a speech …," either: %s', (s) => {
    const out = shortenToClause(s, 14);
    expect(out).toContain('أكد');
  });

  it('does not take "فيما يبدو" (as it seems) for a clause opener', () => {
    const s =
      'قال مسؤولون إن انفجارا في العاصمة أسفر عن مقتل ثلاثة أشخاص على الأقل، وذلك في هجوم استهدف فيما يبدو شركة تعاقد أجنبية في حي سكني شرقي المدينة';
    expect(shortenToClause(s, 20)).toBe(
      'قال مسؤولون إن انفجارا في العاصمة أسفر عن مقتل ثلاثة أشخاص على الأقل',
    );
  });

  it('keeps a main clause opened by "في" and a place as a clause of its own', () => {
    const s =
      'في العاصمة بدأت السلطات الاعتماد على نظام مراقبة بكاميرات في الأماكن العامة، مرفوقة بتحذيرات صوتية لحث المواطنين على احترام قواعد السير والنظافة';
    expect(shortenToClause(s, 16)).toBe(
      'في العاصمة بدأت السلطات الاعتماد على نظام مراقبة بكاميرات في الأماكن العامة',
    );
  });

  it('does not cut before "قبل" or "خلال" when they close "من" ("by", "through")', () => {
    const s =
      'تعرضت السفارة في العاصمة مساء الجمعة لمحاولة اقتحام فاشلة تم إحباطها بسرعة كبيرة من قبل عناصر قوات الأمن المكلفين بحراسة المبنى الدبلوماسي';
    const out = shortenToClause(s, 16);
    expect(out).not.toMatch(/ من$/u);
    expect(out.endsWith('…')).toBe(true);
  });

  it('after a verb of saying, keeps what was said, not only who spoke and when', () => {
    const s =
      'قال المتحدث باسم وزارة الصحة، الدكتور سامي ناصر، الأربعاء، إن الوزارة ستفتح ثلاثة مستشفيات ميدانية جديدة في المناطق المتضررة من الفيضانات خلال الأسبوع المقبل';
    const out = shortenToClause(s, 12);
    expect(out).not.toBe('قال المتحدث باسم وزارة الصحة، الدكتور سامي ناصر، الأربعاء');
    expect(out).toContain('الوزارة');
    expect(out.endsWith('…')).toBe(true);
  });

  it('keeps what was announced (عن …) or called for (إلى …), not only who and when', () => {
    const announced =
      'أعلن وزير النقل المصري، كامل الوزير، الخميس، عن تشغيل خط جديد للقطار السريع يربط العاصمة بمدن الساحل الشمالي خلال الصيف المقبل';
    expect(shortenToClause(announced, 12)).toContain('تشغيل');
    const called =
      'دعت منظمة الصحة العالمية، الاثنين، إلى تسريع حملات التطعيم في المناطق الريفية قبل حلول موسم الأمطار وانتشار الأوبئة الموسمية';
    expect(shortenToClause(called, 10)).toContain('تسريع');
  });

  it('after "said", a إلى in the frame is not yet what was said', () => {
    // "…said, in a letter he sent to the ministers, on Friday, that …": إلى belongs to the letter.
    const s =
      'أفاد مستشار الأمن الوطني سامي ناصر، في رسالة وجهها إلى وزراء الداخلية العرب، الجمعة، أن أجهزة الرقابة رصدت شبكة تهريب واسعة تعمل بين الموانئ الثلاثة منذ خمس سنوات على الأقل';
    const out = shortenToClause(s, 25);
    expect(out).not.toBe(
      'أفاد مستشار الأمن الوطني سامي ناصر، في رسالة وجهها إلى وزراء الداخلية العرب',
    );
    expect(out).toContain('شبكة تهريب');
    // Without a "that", what was said is the verb's object, after the إلى.
    const considered =
      'اعتبرت الحكومة قرار المحكمة العليا الصادر أمس بحق ثلاثة من قادة المعارضة، المعروفين بمواقفهم المتشددة، إشارة إلى رغبة القضاء في تهدئة الأوضاع السياسية قبل الانتخابات';
    expect(shortenToClause(considered, 22)).toContain('إشارة إلى');
  });
  it('does not cut after a clause that keeps less than half the allowance', () => {
    // The comma after "بيان" would keep the verb's frame without its object.
    const s =
      'طالبت اللجنة الدولية عبر رئيسها في بيان، الحكومة بفتح المعابر أمام قوافل الإغاثة المتجهة إلى المدن الشمالية المحاصرة منذ أشهر طويلة دون توقف';
    const out = shortenToClause(s, 20);
    expect(out).toContain('الحكومة بفتح المعابر');
  });

  it('does not end a clause on "أنه" waiting for its verb', () => {
    const s =
      'نفى المكتب الإعلامي للرئاسة ما نشرته الصحف المحلية عن أنه، وقع اتفاقا سريا مع الشركة الأجنبية لتشغيل الميناء الرئيسي لمدة ثلاثين عاما مقبلة';
    const out = shortenToClause(s, 12);
    expect(out).not.toMatch(/أنه$/u);
  });

  it('does not stop inside what was said before its predicate, only its subject named', () => {
    // "…said in it that the decision to close the independent paper" — whose decision did what?
    const s =
      'رفعت نقابة الصحفيين دعوى قضائية ضد وزارة الإعلام في العاصمة أمس، قالت فيها إن قرار إغلاق الصحيفة المستقلة، الذي صدر الشهر الماضي، ينتهك الدستور ويقيد حرية التعبير';
    expect(shortenToClause(s, 20)).toBe(
      'رفعت نقابة الصحفيين دعوى قضائية ضد وزارة الإعلام في العاصمة أمس',
    );
  });

  it('does not take a name for the predicate of what was said', () => {
    // ترامب opens like a verb in the present (ت…); the glossary knows it is a name.
    const s =
      'نشرت الصحيفة مقابلة مطولة مع المستشار السابق للأمن القومي، كشف فيها أن الرئيس الأمريكي، دونالد ترامب، طلب منه مراجعة الخطة العسكرية قبل إعلانها بأيام';
    const out = shortenToClause(s, 20);
    expect(out).toContain('طلب منه');
    expect(out.endsWith('…')).toBe(true);
  });

  it('does not cut at the comma that closes a long subject, before its predicate', () => {
    // "…said that the former German engineer at the car maker, Karl Müller, | was attacked…":
    // the comma closes the subject (eight words), and the verb after it is what was said.
    const s =
      'قال متحدث باسم الشرطة، مساء الخميس، إن المهندس الألماني السابق في شركة السيارات كارل مولر، تعرض لهجوم بسكين أمام منزله في ضاحية هادئة شمال المدينة';
    const out = shortenToClause(s, 20);
    expect(out).toContain('تعرض لهجوم');
    expect(out.endsWith('…')).toBe(true);
    // Nor when the predicate opens with "غير" and the subject's noun looks like a verb (تحرير).
    const t =
      'أكد قائد الجيش، السبت، أن تحرير المحافظة الجبلية من المسلحين، غير ممكن في ظل وعورة الطرق الجبلية وكثرة الألغام المزروعة في القرى منذ سنوات طويلة';
    expect(shortenToClause(t, 20)).toContain('غير ممكن');
  });

  it("does not cut at the comma after a subject's apposition, before its predicate", () => {
    // "…reports that the fighting in the valley, the enclave held by the rebels, | has driven…".
    const s =
      'حصلت المنظمة على تقارير تفيد بأن القتال في الوادي، الجيب الخاضع لسيطرة المسلحين شمال البلاد، قد دفع آلاف الأسر إلى الفرار نحو المدن الساحلية في الجنوب';
    const out = shortenToClause(s, 22);
    expect(out).toContain('قد دفع');
    expect(out.endsWith('…')).toBe(true);
  });

  it('does not cut before "من أن" / "إلى أن", what was threatened or concluded', () => {
    // "The minister threatened in an interview published on Thursday, | that…": who and when only.
    const s =
      'هدد وزير الخارجية في مقابلة مع صحيفة أمريكية نشرت مقتطفات منها الخميس، من أنه في حال استمر التصعيد فإن بلاده سترد بالمثل دون تردد';
    expect(shortenToClause(s, 18)).toContain('من أنه');
  });

  it('keeps a cut at a comma after what was said when it has its verb', () => {
    const s =
      'قال متحدث باسم الشرطة، مساء الخميس، إن المهندس الألماني كارل مولر يعمل في الشركة منذ عشرين عاما، وأضاف أن التحقيق سيستمر أسابيع عدة قبل صدور أي نتائج';
    expect(shortenToClause(s, 20)).toBe(
      'قال متحدث باسم الشرطة، مساء الخميس، إن المهندس الألماني كارل مولر يعمل في الشركة منذ عشرين عاما',
    );
  });

  it('keeps a cut after "أن" followed by its verb ("after the storm hit")', () => {
    const s =
      'دعا رئيس البلدية السكان إلى البقاء في منازلهم بعد أن ضربت العاصفة المدينة، مشيرا إلى أن فرق الإنقاذ تعمل منذ الفجر على فتح الطرق المغلقة';
    expect(shortenToClause(s, 16)).toBe(
      'دعا رئيس البلدية السكان إلى البقاء في منازلهم بعد أن ضربت العاصفة المدينة',
    );
  });

  it('falls back to the word limit with an ellipsis, never cutting a word', () => {
    const s = Array.from({ length: 40 }, (_, i) => `كلمة${i}`).join(' ');
    const out = shortenToClause(s, 10);
    expect(out.endsWith('…')).toBe(true);
    expect(words(out.slice(0, -1))).toBe(10);
    for (const w of out.slice(0, -1).split(' ')) expect(s.split(' ')).toContain(w);
  });

  it('at the word limit, does not leave a phrase hanging on في or on the word after it', () => {
    const nine = Array.from({ length: 9 }, (_, i) => `كلمة${i}`).join(' ');
    // the tenth word would be "في"
    expect(shortenToClause(`${nine} في نشر الأخبار الكاذبة اليوم`, 10)).toBe(`${nine}…`);
    // the eleventh word would be the noun right after "في"
    expect(shortenToClause(`${nine} في وسائل الإعلام المحلية اليوم`, 11)).toBe(`${nine}…`);
  });

  it('does not end on a quotation it opened', () => {
    const s =
      'وصف المتحدث باسم الوزارة ما جرى بأنه «تصعيد خطير يهدد الاستقرار في المنطقة بأسرها ويقوض كل الجهود الدبلوماسية التي بذلت خلال الأشهر الماضية»';
    const out = shortenToClause(s, 12);
    expect(out).not.toMatch(/«[^»]*$/);
  });

  it('does not end on "and that" once the quotation after it is dropped', () => {
    // The comma inside the quotation is a clause end, but the open quotation goes, and what it
    // leaves ends on وأنه, waiting for what was said.
    const s =
      'قال الأمين العام إنه يتابع "بقلق بالغ" ما يجري في الإقليم منذ أسابيع، وأنه "رغم كل النداءات المتكررة، لم تتوقف المعارك التي تهدد حياة آلاف المدنيين في القرى المحاصرة"';
    const out = shortenToClause(s, 20);
    expect(out).toBe('قال الأمين العام إنه يتابع "بقلق بالغ" ما يجري في الإقليم منذ أسابيع');
  });

  it('does not end on a preposition once the quotation after it is dropped', () => {
    const s =
      'أغلقت السلطات المعبر الحدودي صباح الأحد أمام المسافرين والشاحنات، وأوضح بيان رسمي أن القرار يأتي بعد "تصاعد الهجمات على القوافل التجارية في المنطقة، وتعطل حركة النقل"';
    const out = shortenToClause(s, 24);
    expect(out.replace(/…$/u, '')).not.toMatch(/بعد$/u);
  });

  it('does not end on "was" before a word that only looks like a clause opener', () => {
    // لافتاً opens a clause as "pointing out", but here it is what "was": "it was striking".
    const s =
      'صعّدت الحكومة لهجتها تجاه المعارضة في البرلمان والإعلام والشارع طوال الأسبوع، وكان لافتاً غياب رئيس الوزراء عن الجلسة الأخيرة التي ناقشت الميزانية';
    expect(shortenToClause(s, 16)).not.toMatch(/كان$/u);
  });

  it('does not end a translated point on "that"', () => {
    const s =
      'The health ministry spokesman said on Wednesday that three new field hospitals would open in the flooded northern provinces next week';
    const out = shortenToClause(s, 8);
    expect(out.replace(/…$/, '')).not.toMatch(/\bthat$/);
  });

  it('works on translated text too', () => {
    const s =
      'The minister said talks would resume next week, adding that both delegations agreed on an agenda covering borders, water, trade, security and energy';
    expect(shortenToClause(s, 12)).toBe('The minister said talks would resume next week');
  });
});

describe('storyGist', () => {
  it('skips a first point that only repeats the headline', () => {
    const gist = storyGist({
      title: 'زلزال يضرب جنوب تركيا',
      points: [
        'زلزال يضرب جنوب تركيا',
        'قتل 12 شخصا وأصيب العشرات في زلزال بقوة 6 درجات فجر اليوم',
      ],
    });
    expect(gist).toBe('قتل 12 شخصا وأصيب العشرات في زلزال بقوة 6 درجات فجر اليوم');
  });

  it('is empty without points and at most the allowance long', () => {
    expect(storyGist({ title: 'x', points: [] })).toBe('');
    const long = Array.from({ length: 60 }, (_, i) => `كلمة${i}`).join(' ');
    expect(words(storyGist({ title: 'عنوان', points: [long] }, 25).replace('…', ''))).toBe(25);
  });
});

describe('countOutlets', () => {
  it('counts distinct outlet names, case aside, falling back to sources', () => {
    const a = (source: string) => ({ source });
    expect(countOutlets({ articles: [a('BBC'), a('bbc'), a('CNN')], sources: [] })).toBe(2);
    expect(countOutlets({ articles: [], sources: [{ name: 'الجزيرة' }] })).toBe(1);
    expect(countOutlets({ articles: [], sources: [] })).toBe(1);
  });
});
