/**
 * What a news page says about itself rather than about the news: "read more" and "watch" lines,
 * calls to follow the outlet, related-link lists, photo credits, and the wire dateline that
 * opens a story ("نيويورك، الولايات المتحدة الأمريكية (CNN)— …"). Key points never show them.
 */
import { stripDiacritics, stripTatweel } from '../arabic/index.js';

/** Lines that only point elsewhere: read more, watch, follow us, related links, subscribe. */
const NAVIGATION_RE = new RegExp(
  [
    // "للمزيد: …", "لمزيد من المعلومات", "للاطلاع على …"
    '^(?:ل?لمزيد|للاطلاع|لقراءة|لمشاهدة|لمتابعة)(?:\\s|[:：،,.…-]|$)',
    // "اقرأ أيضا", "اقرأ المزيد", "اقرأ: …" (hamza or not)
    '^[اإأ]قر[أا](?:وا)?(?:\\s|[:：،,.…-]|$)',
    // "شاهد: …", "شاهد أيضا", "شاهد الفيديو" — not "شاهد عيان" (a witness)
    '^شاهد(?:وا)?(?:\\s*[:：]|\\s+(?:[أا]يضا|المزيد|الفيديو|بالفيديو|فيديو|الصور|بالصور|التقرير|[اإ]لى)(?:\\s|[:：،,.]|$))',
    // "تابعونا على …", "تابعوا آخر الأخبار"
    '^تابعونا(?:\\s|[:：،,.]|$)',
    '^تابعوا\\s+(?:[آا]خر|[أا]خبار|المزيد|قناة|صفح|حساب|على|تغطية|كل)',
    '^(?:[اإ]شترك|[اإ]شتركوا|حمل|حملوا|نزل)\\s+(?:في|الآن|الان|تطبيق|مجانا)',
    '^(?:مواضيع|[أا]خبار|مقالات|روابط|قصص)\\s+(?:ذات\\s+صلة|متعلقة|مرتبطة|قد\\s+تهمك)',
    '^(?:ذات\\s+صلة|قد\\s+يهمك|قد\\s+يعجبك|[أا]قرأ\\s+[أا]يضا)',
    // "أيضا/ …", "أيضاً.. …", "وأيضا: …": a related headline (not "أيضا، …", a sentence's "also")
    '^و?[أا]يضا\\s*(?:/|[:：]|\\.\\.|…)',
    // A developing story's promise: "وسنورد المزيد من التفاصيل قريباً", "الخبر قيد التحديث"
    '^و?س(?:نورد|نوافيكم|نطلعكم)\\s+(?:ب?المزيد|ب?مزيد|ب?التفاصيل)',
    '^(?:الخبر\\s+)?قيد\\s+التحديث',
    // An opinion piece's byline and disclaimer: "هذا المقال بقلم …", "ملاحظة المحرر: …"
    '^(?:هذا\\s+المقال\\s+بقلم|ملاحظة\\s+المحرر)(?:\\s|[:：،,]|$)',
    // Photo and video credits.
    '^(?:\\(?\\s*)?(?:الصورة|صورة|تصوير|الصور|المصدر|مصدر\\s+الصورة|حقوق\\s+الصورة|فيديو)\\s*[:：]',
    '^صورة\\s+[أا]رشيفية',
    // The outlet's own caveat: "ويشار إلى أن موقع CNN بالعربية لا يمكنه التأكد بشكل مستقل من
    // الأنباء…", "علماً بأن CNN لا يمكنها التحقق…" (it cannot verify what social media carry).
    '^و?(?:(?:يشار|تجدر\\s+الإشارة)\\s+[إا]لى\\s+[أا]ن|يذكر\\s+[أا]ن|علما\\s+ب[أا]ن)?\\s*(?:موقع\\s+|شبكة\\s+|قناة\\s+)?(?:CNN|BBC|سي\\s?[إا]ن\\s?[إا]ن|بي\\s?بي\\s?سي|سكاي\\s+نيوز)(?:\\s+(?:بالعربية|عربية|العربية|عربي))?\\s+(?:لا\\s+يمكن(?:ه|ها)|لم\\s+(?:تتمكن|يتمكن|يتسن(?:\\s+ل(?:ه|ها|نا))?))\\s+(?:من\\s+)?(?:التأكد|التحقق)',
  ].join('|'),
  'u',
);

/** Calls to the reader anywhere in a line: click here, in the video above, learn more. */
const PROMOTION_RE = new RegExp(
  [
    '(?:[اإ]ضغط|[اأ]نقر|اضغطوا|انقروا)\\s+(?:هنا|على\\s+الرابط|على\\s+الصورة)',
    '(?:الفيديو|الفيديوجرافيك|الانفوجرافيك|الإنفوجرافيك|الصور|التقرير|الفيديو\\s+المرفق)\\s+(?:[أا]علاه|[أا]دناه|التالي)',
    '^تعرفوا\\s',
    '(?:Getty\\s+Images|\\bAFP\\s*/|\\bPhoto\\s*:|©)',
    // "…والآراء الواردة أدناه تعبر عن رأي الكاتبة، ولا تعكس بالضرورة وجهة نظر شبكة CNN"
    'ال[آا]راء\\s+الواردة[^.]{0,80}\\s(?:و?لا)\\s+(?:تعكس|تعبر)\\s+بالضرور[ةه]',
  ].join('|'),
  'u',
);

/**
 * The outlet presenting what follows: "نستعرض لكم أبرز النقاط…", "إليكم أبرز ما جاء…". Tested
 * only on lines that hold كم: in PROMOTION_RE it would slow that test for every sentence.
 */
const PRESENTING_RE = /(?:نستعرض|نرصد|نعرض|نقدم)\s+لكم\s|^[اإ]ليكم\s/u;

/** Wire outlets that datelines name, in Arabic. */
const OUTLETS_AR =
  'رويترز|[أا]\\s?ف\\s?ب|[أا]\\.ف\\.ب|الأناضول|الاناضول|د\\s?ب\\s?[أا]|واس|سانا|قنا|وام|كونا|بترا|[أا]\\s?ش\\s?[أا]|شينخوا|يو\\s?بي\\s?[آا]ي|[أا]سوشيتد\\s+برس|سبوتنيك|الألمانية|الفرنسية|[إا]في';
/** Wire outlets that datelines name, in Latin letters. */
const OUTLETS_LATIN =
  'CNN|AFP|A\\.?F\\.?P|AP|BBC|DPA|UPI|RT|CNBC|MENA|KUNA|WAM|SPA|QNA|IRNA|SANA|AA|Reuters|Sputnik|Xinhua|Anadolu|Bloomberg';
/** An outlet in parentheses, Latin or Arabic. */
const OUTLET_PAREN = `\\(\\s*(?:${OUTLETS_LATIN}|${OUTLETS_AR})\\s*\\)`;
/** An outlet after an opening parenthesis the outlet forgot to close: "(CNN-- …". */
const OUTLET_OPEN = `\\(\\s*(?:${OUTLETS_LATIN}|${OUTLETS_AR})`;
/**
 * A dateline prefix: up to six words of place ("نيويورك، الولايات المتحدة الأمريكية"), the outlet
 * in parentheses and a dash; or the outlet in parentheses at the very start, the closing one
 * forgotten at times ("(CNN-- قتل…"). A colon after a place and an outlet is a quote ("قال مصدر
 * لوكالة (الأناضول): …"), not a dateline.
 */
const DATELINE_RE = new RegExp(
  `^\\s*(?:[\\p{L}\\p{M}]+(?:[\\s،,]+[\\p{L}\\p{M}]+){0,5}\\s*[-–—]?\\s*${OUTLET_PAREN}\\s*(?:-{1,2}|–|—)|${OUTLET_PAREN}\\s*(?:-{1,2}|–|—|:)?|${OUTLET_OPEN}\\s*(?:-{1,2}|–|—))\\s*`,
  'u',
);
/** The outlet alone, with nothing after it: a credit line. */
const OUTLET_ONLY_RE = new RegExp(`^\\s*${OUTLET_PAREN}\\s*[-–—:.]*\\s*$`, 'u');

function plain(text: string): string {
  return stripTatweel(stripDiacritics(text)).replace(/^[\s\-–—•*·«"“(.…]+/u, '');
}

/**
 * True when a sentence or line is navigation or promotion, not news: "للمزيد: …", "اقرأ أيضا",
 * "شاهد: …", "تابعونا", related-link headings, photo credits, click-here lines and a dateline
 * with nothing after it.
 *
 * @example isBoilerplate('للمزيد: قمة إقليمية في عمان') // true
 * @example isBoilerplate('شاهد عيان قال إن الانفجار وقع فجرا.') // false
 */
export function isBoilerplate(sentence: string): boolean {
  if (OUTLET_ONLY_RE.test(sentence)) return true;
  const s = plain(sentence);
  if (s === '') return false;
  return (
    NAVIGATION_RE.test(s) || PROMOTION_RE.test(s) || (s.includes('كم') && PRESENTING_RE.test(s))
  );
}

/**
 * Removes a wire dateline that opens a sentence ("دبي، الإمارات العربية المتحدة (CNN) -- ",
 * "(CNN)— ", "القاهرة (رويترز) - "), leaving the sentence's own words; other text is returned
 * unchanged.
 *
 * @example stripDateline('نيويورك، الولايات المتحدة (CNN)— قال الرئيس إن…') // 'قال الرئيس إن…'
 */
export function stripDateline(sentence: string): string {
  const m = DATELINE_RE.exec(sentence);
  if (!m || m[0].length === sentence.length) return sentence;
  return sentence.slice(m[0].length);
}

/** Underscores that join the words of a hashtag ("حركة_الشباب"). */
const HASHTAG_JOIN_RE = /[\p{L}\p{M}\p{N}]_+[\p{L}\p{M}\p{N}]/u;

/** What kind of boilerplate a key point shows, if any. */
export type BoilerplateKind = 'navigation' | 'dateline' | 'hashtag';

/**
 * The kind of boilerplate a finished key point still shows: a navigation or promotion line, a
 * wire dateline at its start, or hashtag underscores; `undefined` for a clean point.
 * @example boilerplateKind('(CNN)— قال الرئيس إن الخطة جاهزة.') // 'dateline'
 * @example boilerplateKind('أعلنت حركة_الشباب مسؤوليتها.') // 'hashtag'
 */
export function boilerplateKind(point: string): BoilerplateKind | undefined {
  if (isBoilerplate(point)) return 'navigation';
  if (stripDateline(point) !== point) return 'dateline';
  if (HASHTAG_JOIN_RE.test(point)) return 'hashtag';
  return undefined;
}
