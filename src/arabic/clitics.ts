/**
 * The conjunction "و" glued to the word after it. A leading "و" is either that clitic ("وقال",
 * "والرئيس") or the word's own first letter ("وافقت", "واشنطن", "وزير", "وائل"), and the two
 * look alike. {@link cliticWawRest} decides, and says "keep" whenever it is unsure: a point that
 * keeps a clitic reads a little long, a point that loses a root letter shows a word that does
 * not exist.
 */
import { stripDiacritics, stripTatweel } from './normalize.js';

/**
 * Verb and particle forms that follow a clitic "و" in news ("وقال", "وأضاف", "وكان", "ولكن",
 * "وهذا"), with no word of their own that starts with "و" plus the form. Hamza forms only: a
 * text that writes "واعلن" for "وأعلن" keeps its "و".
 */
const FORMS_AFTER_WAW: ReadonlySet<string> = new Set(
  (
    'قال قالت قالوا أضاف أضافت أضافوا أكد أكدت أكدوا أوضح أوضحت أشار أشارت تابع تابعت ذكر ذكرت ' +
    'أعلن أعلنت كان كانت كانوا لكن هذا هذه هذان هؤلاء ذلك تلك في من على عن مع إلى تم لفت لفتت ' +
    'دعا دعت أفاد أفادت بحسب حسب يأتي تأتي يعد تعد يذكر يشار أشاد أشادت اتفق اتفقت بين بينما ' +
    'هو هي قد لم لا لن ما كما أما إذ إن أن بعد قبل خلال منذ يقول تقول يرى ترى شدد شددت ' +
    'طالب طالبت جاء جاءت نقل نقلت بلغ بلغت يبلغ يضم تضم يعتبر تعتبر يمكن أعرب أعربت اعتبر اعتبرت ' +
    'أظهر أظهرت كشف كشفت لقد قام قامت أصبح أصبحت ناقش يتوقع تتوقع يشير تشير يتعين تعتزم يعتزم ' +
    'عليه عليها لذلك بذلك بهذا تعني يعني يعود تعود كذلك سبق جرى شهد شهدت أدى حذر حذرت رأى نفى ' +
    'نفت استقبل التقى قرر قررت صرح صرحت تتهم يتهم اتهم اتهمت يقوم تقوم يمثل تمثل تضمن تتضمن ' +
    'أكثر أقل أبرز أيضا حتى ثم إذا بعض غير عند لدى ليس ليست يجب تجري يجري أجرى أجرت أعلنوا ' +
    'يضيف تضيف يؤكد تؤكد يوضح توضح أفادت تحدث تحدثت أبلغ أبلغت أوردت أورد بدأ بدأت بدا يبدو تبدو ' +
    'كتب كتبت قيل غرد غردت قتل قتلت نشر نشرت رغم فيما عندما حكم حكمت حث حثت عثر عثرت ندد نددت ' +
    'هدد هددت طلب طلبت روى لقي عقد عقدت شارك شاركت شن شنت عبر عبرت تعهد تعهدت جدد جددت ' +
    'تسبب تسببت تمكن تمكنت حصل حصلت نفذ نفذت هاجم هاجمت دخل دخلت رفع رفعت رصد رصدت عرض عرضت ' +
    'شمل شملت يظهر تظهر يسعى تسعى يواجه تواجه يشمل تشمل ينص تنص يهدف تهدف يعتقد تعتقد ينظر تنظر ' +
    'تشهد يشهد تنفي ينفي يقع تقع يعيش تعيش تستمر يستمر تهيمن يهيمن ' +
    'ردا رداً حول تعرض تعرضت دفع فرضت حملت رفضت رفض حمل غادر غادرت لكي عقب بث بثت علق علقت ' +
    'سارعت يعاني تعاني توجه بات باتت تواصل يواصل بموجب ظهر ظهرت تجمع تبين حضر نجحت نجح يحاول ' +
    'تحاول دان دانت شوهدت دافع تشن يشن رجحت تضررت قدم قدمت تزامن يتزامن تعليقا تعمل يعمل رحب ' +
    'رحبت توترت طبقا تفيد يفيد تساءل توقع تولى يستند تستند يتصدر تتصدر زار زارت قضت تخوض يخوض ' +
    'يسود تسود خلصت يحمل تحمل يتيح تتيح يرافق تثير يثير رأت تستهدف يستهدف تعكس يعكس نظرا تحت ' +
    'فاز خسر لجأ حدث صدر يعقد تعقد تباحث تطرق يخضع يقضي يشكل تشكل ادعت برزت تقدمت تستعد يستعد ' +
    'تخشى يخشى توغلت بخصوص يتضمن تضمنت يتركز يدعو تدعو تركز يركز ترأس يرأس خرجت اضطر حددت ' +
    'يسمح تسمح زاد يرصد ركزت بعدما تزعم يزعم يستخدم تستخدم شجب تصر يصر يرقد ترقد ' +
    'هناك يوم لكنه لكنها تتوعد يطالب صوت صوتت تأمل سجلت سجل تدعم يسمع يوجد لطالما طالما قبيل ' +
    'تصاعد تصاعدت تتعلق يعرف عمل ربما دفعت دافعت تمت يقدر تقدر قدر لماذا تسيطر يسيطر كرر تبلغ ' +
    'سمع يأمل سوف بشأن ينتشر يشارك بسؤاله فجر تولت ثمة تبحث شبه نسبت نسب نظمت بعيد شكلت شكل ' +
    'تدير حدد سيتم يرجح حلت يزور خاض فتحت توفي تتكرر ختم مثل ترفض لذا حين بحلول تقدم خرج حققت ' +
    'تتعرض بقي توعد تحقق ينتمي جرت تلقى تناول عاد تنشر تقود تزايدت دعي بهدف تبنى تعرف سمحت ' +
    'يتابع يمنح غالبا شوهد منعت هنا نوه تبقى هل تتخوف مضى تنظم ' +
    'طال طالت احتج رافقت دمرت حضرت هرب سلطت تشرف بارك لعل تراوحت فازت طالبوا لحق سمح ' +
    'كلفت تعطلت عالجت بينت يفرض تفرض يمنع تمنع زعمت شرعت ترأست تحوم ' +
    'يتم يمر يصل يضع يظل يقف يحق يدل يرد يبث يطل يثق يعي يجد يحب يحل يقل يقر نحن نحو'
  ).split(' '),
);

/**
 * Words where "و" + "ال…" is not the conjunction and the article: "والد" (father) and its forms,
 * "والي" (governor), and names.
 */
const WAW_AL_WORDS: ReadonlySet<string> = new Set(
  (
    'والد والده والدة والدي والدها والداه والدان والدين والدته والدتها والدتي والدهم والديه ' +
    'والي والى والية والتر والاس والش والتون والنسيا'
  ).split(' '),
);

/** Words with "وا" + a derived-form pattern that are names, not the conjunction. */
const WAW_NAMES: ReadonlySet<string> = new Set(['واتساب', 'واتس', 'واتفورد']);

/** Form VII/VIII/X verbs and their nouns, after "و": "انسحب", "اعتبر", "استمر", "اتفاق". */
const DERIVED_FORM_RE =
  /^(?:است\p{L}{3,}|ان\p{L}{3,}|ا\p{L}ت\p{L}{2,}|ات\p{L}{2,}|اضط\p{L}{2,}|اصط\p{L}{2,})$/u;
/**
 * The future "س" on a present verb ("سينعقد", "ستكون", "سنواصل"), and nouns of an "س" root
 * ("سيارات", "سيطرة"): after "و" these are the conjunction, since the "وس…" words of a "و" root
 * are short ("وسيط", "وسيلة") or names ("وستمنستر"), left out here.
 */
const FUTURE_RE = /^س[يتن]\p{L}{3,}$/u;
const NOT_FUTURE_RE = /^(?:سيل|سيط(?!ر)|ستم|ستن)/u;
/**
 * "ت" and at least two more letters after "و": the present tense's "ت" ("وتكمن", "وتناولت",
 * "وتطل") or a verbal noun's ("وتحليل", "وتدمير"). Of the 1,257 distinct "وت…" words of both
 * ANT files and EASC, the only ones whose "و" is a root letter are those of وتر (a string,
 * tension) and وتيرة (pace); the rest, names too ("وتيريزا", "وترامب"), are the conjunction.
 */
const T_PREFIX_RE = /^ت\p{L}{2,}$/u;
/** The words of a "وت…" root: وتر (ووترت العلاقات, tension), وتيرة (pace), وتد (a peg), وتين. */
const WAW_T_ROOT_RE = /^وت(?:ر|را|رت|ره|رها|ري|رية|ريه|ريات|يرة|يره|يرت\p{L}*|د|دا|ين)$/u;
/** The definite article, alone or with "ب"/"ل" before it, and at least two more letters. */
const ARTICLE_RE = /^(?:ال|بال|لل)\p{L}{2,}$/u;
/**
 * The present tense's "ي" and at least three more letters after "و": "ويتعرض", "ويعتمد",
 * "وينتهي", "ويكون". No Arabic word starts with "وي" but "ويل" (woe) and the short ones left
 * out by the length ("ويح"); the rest are names written from other languages, whose openings
 * are in {@link WAW_Y_NAME_RE}.
 */
const Y_PREFIX_RE = /^ي\p{L}{3,}$/u;
/**
 * Openings of names that start with "وي" (William, Wilson, Wiltshire, Wales, WikiLeaks,
 * Wickremesinghe, Wakefield, Viking, Wisconsin, Westminster, Windsor, Winfrey, Winchester,
 * Winston, Webster, Wichita, Whitney, WeChat, Witkoff, Whitman, Wembley, Wirathu) and "ويلات"
 * (woes). A verb that opens alike keeps its "و" too ("ويلزم", "ويلاحق"): a point that keeps a
 * clitic reads a little long, one that cuts a name shows a word that does not exist.
 */
const WAW_Y_NAME_RE =
  /^وي(?:ل(?:ي|س|تش|ك|د|ا|م|ز)|كي|كف|كرم|كين|سكو|سمن|ستمن|ند(?:س|ي|و)|نفر|نتش|نستون|بست|بي|تش(?:ي|ا)|تني|تكوف|تمان|مب|رات|ار)/u;
const HAMZA_ALEF_RE = /^[أإآ]\p{L}{2,}$/u;
/**
 * "و" + a past verb of three consonants ("وبحث", "وصعد", "وسحب") or a noun of that shape
 * ("ومصر", "وحزب", "وعدد"): three letters after the "و", none a long vowel, the last not "ت",
 * "ه", "ك" or "ن". A word of a "و" root has one of those, or a long vowel, among its first four
 * letters ("وصلت", "وطنه", "وحدك", "ولدن"; "وزير", "وسام", "وعود"). A word in "ت" first is left
 * to `T_PREFIX_RE`.
 */
const WAW_PAST_RE =
  /^[بثجحخدذرزسشصضطظعغفقكلمنه][بتثجحخدذرزسشصضطظعغفقكلمنه][بثجحخدذرزسشصضطظعغفقلم]$/u;
/**
 * …and a past verb of the feminine in "ت" with three or four letters before it ("وقطعت",
 * "وحاولت", "وصادرت"): a "و" root's feminine past has two ("وصلت", "وقعت", "وجهت"), or "ا"
 * after its "و" ("واصلت", "وافقت"). Not a plural in "ات".
 */
const WAW_PAST_FEMININE_RE = /^[بثجحخدذرزسشصضطظعغفقكلمنه]\p{L}{1,2}[^ا]ت$/u;
/**
 * "و" + a word in "م" or "ن" (a noun of place or of action, the first person: "ومحاسبة",
 * "ومساء", "ونتيجة", "ونحن"), or in "ب" (a preposition: "وبهذه", "وبموازاة"), and three more
 * letters. No word of a "و" root opens so but those of ومض (a flash), ونى, وبأ (an epidemic)
 * and وبخ (to rebuke), which are left out, with every "وبا…" word.
 */
const WAW_MNB_RE = /^(?:م(?!ض|يض)|ن(?!ى)|ب(?!ا|خ))\p{L}{3,}$/u;
/** Names from other languages of those shapes (Werner). */
const WAW_PAST_NAMES: ReadonlySet<string> = new Set(['ورنر']);
/**
 * "و" + a common word of a "و" root ("ووفقا", "ووصف", "ووقعت", "ووجهت", "وواصل", "ووزير"): the
 * first "و" is the conjunction, since no Arabic word starts with "وو". Names written from other
 * languages do ("وول ستريت", "ووهان"), so only these roots count.
 */
const WAW_ROOT_RE =
  /^و(?:فق|صف|قع|صل|جه|ثق|ضع|افق|عد|اجه|جد|سط|لد|قف|اصل|زع|رد|سع|كل|حد|قت|زي|زا|زر)\p{L}*$/u;
/**
 * "و" + more words of a "و" root ("وواشنطن", "ووسائل", "ووكالة", "ووطنية", "ووثائق", "ووقوع",
 * "ووجود", "ووفاة", "ووصول", "ووعود", "وولاية"), by the letters after the root's "و"; names from
 * other languages open otherwise ("ووتش", "وولف", "وورلد", "وودرو", "ووكر").
 */
const WAW_ROOT_MORE_RE =
  /^و(?:ا\p{L}{2,}|س[اي]\p{L}+|سم|كال\p{L}*|كيل\p{L}*|طن\p{L}*|ث[اي]\p{L}+|ق[او]\p{L}+|جو\p{L}+|ضو\p{L}+|ف[اي]\p{L}+|ص[وي]\p{L}+|ع[وي]\p{L}*|لا\p{L}{2,})$/u;

/**
 * The word without its leading clitic "و" when that "و" is the conjunction and what remains is a
 * word; `undefined` when the word has no "و" to drop or when it is unsure (then keep the word).
 * Only the words' letters count: diacritics and tatweel are ignored, the rest is returned as
 * written.
 *
 * @example cliticWawRest('وقال') // 'قال'
 * @example cliticWawRest('والرئيس') // 'الرئيس'
 * @example cliticWawRest('ووفقا') // 'وفقا'
 * @example cliticWawRest('وافقت') // undefined (the "و" is a root letter)
 * @example cliticWawRest('واشنطن') // undefined
 */
export function cliticWawRest(word: string): string | undefined {
  if (!word.startsWith('و')) return undefined;
  const plain = stripTatweel(stripDiacritics(word));
  const rest = plain.slice(1);
  if (rest.length < 2) return undefined;
  const written = word.slice(1).replace(/^[\u064B-\u065F\u0670\u0640]+/u, '');
  if (FORMS_AFTER_WAW.has(rest) || WAW_ROOT_RE.test(rest) || WAW_ROOT_MORE_RE.test(rest)) {
    return written;
  }
  if (rest.startsWith('ال') || rest.startsWith('بال') || rest.startsWith('لل')) {
    if (WAW_AL_WORDS.has(plain) || !ARTICLE_RE.test(rest)) return undefined;
    return written;
  }
  if (FUTURE_RE.test(rest) && !NOT_FUTURE_RE.test(rest)) return written;
  if (T_PREFIX_RE.test(rest) && !WAW_T_ROOT_RE.test(plain)) return written;
  if (Y_PREFIX_RE.test(rest) && !WAW_Y_NAME_RE.test(plain)) return written;
  if (
    (WAW_PAST_RE.test(rest) || WAW_PAST_FEMININE_RE.test(rest) || WAW_MNB_RE.test(rest)) &&
    !WAW_PAST_NAMES.has(plain)
  ) {
    return written;
  }
  // "و" + hamza on alef: Arabic has almost no root starting "وأ" (وأد is rare in news).
  if (HAMZA_ALEF_RE.test(rest)) return written;
  // "و" + bare alef is mostly a root ("وافق", "واصل", "واجه", "واحد", "واشنطن"); only derived
  // forms that cannot be a "وا…" word are taken as the conjunction.
  if (rest.startsWith('ا') && DERIVED_FORM_RE.test(rest) && !WAW_NAMES.has(plain)) return written;
  return undefined;
}

/**
 * Forms that make a word of their own after "ف": "فحسب" (only), "فتحت" (opened), "فجرت" (blew
 * up), "فدان" (a feddan), "فردا" (individuals), "فأكثر" (or more), "فلم" (a film) and "فقد"
 * (lost, as often as "so indeed").
 */
const NOT_AFTER_FA: ReadonlySet<string> = new Set([
  'حسب',
  'تحت',
  'جرت',
  'دان',
  'ردا',
  'رداً',
  'أكثر',
  'لم',
  'قد',
]);

/**
 * The word without its leading clitic "ف" (so, then) when what remains is one of the verb and
 * particle forms that follow a clitic "و" ("ففي" → "في", "فرغم" → "رغم", "فإن" → "إن");
 * `undefined` otherwise. Stricter than {@link cliticWawRest}: "فالنسيا" (Valencia) is no "ف" and
 * an article, and "فرضت" (imposed), "فاز" (won) keep their root letter.
 *
 * @example cliticFaRest('ففي') // 'في'
 * @example cliticFaRest('فتحت') // undefined (opened)
 */
export function cliticFaRest(word: string): string | undefined {
  if (!word.startsWith('ف')) return undefined;
  const rest = stripTatweel(stripDiacritics(word)).slice(1);
  if (!FORMS_AFTER_WAW.has(rest) || NOT_AFTER_FA.has(rest)) return undefined;
  return word.slice(1).replace(/^[\u064B-\u065F\u0670\u0640]+/u, '');
}

/**
 * True when `word` is `rest` with a clitic "و" or "ف" before it that {@link cliticWawRest} would
 * drop ("ف" by the same rules: "فقال", "فإن").
 * @example isCliticOf('وقال', 'قال') // true
 * @example isCliticOf('وافقت', 'افقت') // false
 */
export function isCliticOf(word: string, rest: string): boolean {
  if (word.length !== rest.length + 1 || !word.endsWith(rest)) return false;
  const first = word[0];
  if (first === 'و') return cliticWawRest(word) === rest;
  if (first === 'ف') return cliticWawRest(`و${rest}`) === rest;
  return false;
}
