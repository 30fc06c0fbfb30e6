/**
 * Small hand-written Arabic articles for the digest tests (invented wording, not taken from any
 * corpus): one event told by three outlets, one by two, and unrelated single stories.
 */
import { writeFileSync } from 'node:fs';
import type { Article } from '../../../src/domain.js';
import { wordKeys } from '../../../src/digest/search.js';

/** True when the two raw words share a search match key (the index finds one through the other). */
export const meets = (a: string, b: string): boolean =>
  wordKeys(a).some((k) => wordKeys(b).includes(k));

export const NOW = new Date('2026-03-10T12:00:00Z');

/** An article `hoursAgo` hours before NOW. */
export function article(
  id: string,
  source: string,
  hoursAgo: number,
  title: string,
  text: string,
  extra: Partial<Article> = {},
): Article {
  const at = new Date(NOW.getTime() - hoursAgo * 3_600_000).toISOString();
  return {
    id,
    url: `https://${source}.example/news/${id}`,
    sourceId: source,
    sourceName: source,
    title,
    text,
    publishedAt: at,
    fetchedAt: at,
    language: 'ar',
    ...extra,
  };
}

/** Writes articles as the JSON lines `--from FILE.jsonl` reads (and `eval` takes). */
export function writeArticlesFile(path: string, articles: readonly Article[]): void {
  const line = (a: Article) =>
    JSON.stringify({
      id: a.id,
      title: a.title,
      text: a.text,
      url: a.url,
      source: a.sourceName,
      publishedAt: a.publishedAt,
    });
  writeFileSync(path, articles.map(line).join('\n') + '\n');
}

const QUAKE_1 = [
  'ضرب زلزال بقوة ست درجات على مقياس ريختر ولاية ملاطية جنوب شرق تركيا صباح الثلاثاء.',
  'وقالت هيئة إدارة الكوارث التركية إن الهزة أدت إلى انهيار عدد من المباني القديمة في وسط المدينة.',
  'وأعلن وزير الداخلية التركي مقتل أربعة أشخاص وإصابة العشرات في حصيلة أولية.',
  'وأرسلت فرق الإنقاذ معدات ثقيلة إلى الأحياء المتضررة للبحث عن ناجين تحت الأنقاض.',
].join(' ');

const QUAKE_2 = [
  'قتل أربعة أشخاص على الأقل وأصيب عشرات آخرون جراء زلزال قوي هز ولاية ملاطية التركية.',
  'وذكرت هيئة الكوارث والطوارئ التركية أن قوة الزلزال بلغت ست درجات وأن مركزه كان على عمق عشرة كيلومترات.',
  'وشعر سكان الولايات المجاورة بالهزة وخرج كثيرون إلى الشوارع خوفا من هزات ارتدادية.',
  'وقال الرئيس التركي إن الدولة ستعوض المتضررين وتعيد بناء المنازل المنهارة.',
].join(' ');

const QUAKE_3 = [
  'ارتفعت حصيلة ضحايا زلزال ملاطية في تركيا إلى أربعة قتلى بحسب السلطات التركية.',
  'وتواصل فرق الإنقاذ البحث بين أنقاض المباني المنهارة في ملاطية بعد الزلزال الذي بلغت قوته ست درجات.',
  'وأعلنت الحكومة التركية فتح مراكز إيواء مؤقتة للعائلات التي فقدت منازلها.',
  'وعرضت دول عدة تقديم المساعدة إلى تركيا في عمليات الإغاثة.',
].join(' ');

const FOOTBALL_1 = [
  'توج المنتخب المغربي بلقب كأس أفريقيا للأمم بعد فوزه على المنتخب المصري بهدفين مقابل هدف في المباراة النهائية.',
  'وسجل مهاجم المغرب هدف الفوز في الدقيقة الأخيرة من الوقت الإضافي.',
  'واحتفل آلاف المشجعين المغاربة في شوارع الرباط والدار البيضاء حتى ساعات الفجر.',
].join(' ');

const FOOTBALL_2 = [
  'فاز منتخب المغرب على منتخب مصر بنتيجة هدفين لهدف في نهائي كأس أفريقيا للأمم لكرة القدم.',
  'وهذا هو اللقب القاري الثاني للمغرب في تاريخه بعد لقب عام ألف وتسعمئة وستة وسبعين.',
  'وأشاد مدرب المنتخب المغربي بروح اللاعبين وقال إن الفوز مهدى للجماهير.',
].join(' ');

const BANK = [
  'قرر البنك المركزي الأردني رفع سعر الفائدة الرئيسي بمقدار ربع نقطة مئوية.',
  'وأوضح البنك في بيان أن القرار يهدف إلى الحفاظ على استقرار الدينار وكبح التضخم.',
  'ويتوقع محللون أن ترتفع كلفة القروض العقارية على المواطنين خلال الأشهر المقبلة.',
].join(' ');

const SNOW = [
  'أغلقت السلطات اللبنانية عددا من الطرق الجبلية بسبب عاصفة ثلجية كثيفة ضربت المرتفعات.',
  'ودعا الدفاع المدني السائقين إلى عدم سلوك الطرق المرتفعة إلا للضرورة القصوى.',
  'وتوقعت مصلحة الأرصاد الجوية استمرار تساقط الثلوج حتى مساء الخميس.',
].join(' ');

const SCIENCE = [
  'أعلن فريق من الباحثين في جامعة القاهرة اكتشاف نوع جديد من النباتات الصحراوية في سيناء.',
  'وقال الباحثون إن النبتة تتحمل الجفاف لفترات طويلة ويمكن أن تفيد في مكافحة التصحر.',
  'ونشرت نتائج الدراسة في مجلة علمية متخصصة بعد عامين من العمل الميداني.',
].join(' ');

/** The day's articles: quake ×3 outlets (+ one exact duplicate), football ×2, three singles. */
export function dayArticles(): Article[] {
  return [
    article('q1', 'alpha', 6, 'زلزال بقوة ست درجات يضرب ملاطية جنوب شرق تركيا', QUAKE_1),
    article('q2', 'beta', 5, 'مقتل أربعة أشخاص في زلزال قوي يهز ولاية ملاطية التركية', QUAKE_2),
    article('q3', 'gamma', 3, 'ارتفاع حصيلة زلزال ملاطية في تركيا إلى أربعة قتلى', QUAKE_3),
    article('q1-copy', 'alpha', 6, 'زلزال بقوة ست درجات يضرب ملاطية جنوب شرق تركيا', QUAKE_1, {
      url: 'https://alpha.example/world/q1-copy',
    }),
    article('f1', 'beta', 10, 'المغرب بطلا لكأس أفريقيا بعد الفوز على مصر في النهائي', FOOTBALL_1),
    article('f2', 'delta', 9, 'منتخب المغرب يهزم مصر ويتوج بكأس أفريقيا للأمم', FOOTBALL_2),
    article('b1', 'alpha', 8, 'البنك المركزي الأردني يرفع سعر الفائدة ربع نقطة', BANK),
    article('s1', 'gamma', 20, 'عاصفة ثلجية تغلق طرقا جبلية في لبنان', SNOW),
    article('x1', 'delta', 2, 'اكتشاف نبتة صحراوية جديدة في سيناء', SCIENCE),
  ];
}

/** Ids grouped as the clusterer returns them, each group and the list sorted, for comparison. */
export function idGroups(groups: readonly (readonly Article[])[]): string[][] {
  return groups.map((g) => g.map((a) => a.id).sort()).sort((a, b) => (a[0]! < b[0]! ? -1 : 1));
}
