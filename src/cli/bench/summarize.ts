/**
 * `khulasa bench summarize`: key points per second and memory on one core, over a generated
 * corpus of ~5 KB Arabic articles (or `--data FILE.jsonl`), median of several runs, beside the
 * Lead-3 baseline (split sentences, take the first three) measured in the same run.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { splitSentences } from '../../arabic/index.js';
import { extractKeyPoints } from '../../digest/keypoints.js';
import { UsageError, intOption, writeLine, type Command } from '../command.js';
import { seededRandom as random } from '../../digest/synthetic.js';

const HELP = `Usage: khulasa bench summarize [--data FILE.jsonl] [--count N] [--runs N] [--size BYTES] [--json]

Articles per second of key point extraction (3 points) on one core (per CPU-second, and by wall clock), median of --runs runs
(default 5, after a warm-up), beside the Lead-3 baseline in the same run, and memory.
  --data FILE   JSON lines with a "text" field (default: a generated corpus)
  --count N     articles per run (default 2000)
  --size BYTES  mean UTF-8 size of generated articles (default 5000)
  --json        print one JSON object`;

/** My own vocabulary for generated news text (not taken from any corpus). */
const SUBJECTS = [
  'الرئيس',
  'وزير الخارجية',
  'رئيس الوزراء',
  'المتحدث باسم الحكومة',
  'البرلمان',
  'مجلس الأمن',
  'الجيش',
  'البنك المركزي',
  'وزارة الصحة',
  'الأمم المتحدة',
  'المعارضة',
  'الشركة الوطنية للنفط',
];
const VERBS = ['أعلن', 'أكد', 'نفى', 'بحث', 'ناقش', 'رفض', 'دعا إلى', 'أشاد', 'حذر من', 'وقع'];
const OBJECTS = [
  'خطة جديدة لدعم الاقتصاد',
  'اتفاق التعاون الثنائي',
  'تطورات الأوضاع الأمنية في المنطقة',
  'مشروع قانون الموازنة العامة',
  'إجراءات مواجهة ارتفاع الأسعار',
  'نتائج الانتخابات البلدية',
  'وقف إطلاق النار',
  'إعادة إعمار المدن المتضررة',
  'حماية المدنيين',
  'تعزيز الاستثمار في الطاقة المتجددة',
  'أزمة المياه',
  'المفاوضات مع صندوق النقد الدولي',
];
const PLACES = [
  'في العاصمة',
  'في جنيف',
  'في القاهرة',
  'في الرياض',
  'في بغداد',
  'في الدوحة',
  'في عمان',
];
const TAILS = [
  'خلال مؤتمر صحفي عقده اليوم',
  'في بيان رسمي صدر مساء الثلاثاء',
  'بحسب وكالة الأنباء الرسمية',
  'وسط ترقب دولي واسع',
  'بعد اجتماع استمر ثلاث ساعات',
  'مشيرا إلى أن المرحلة المقبلة تتطلب جهودا مشتركة',
  'وفق ما نقلت مصادر مطلعة',
];
const QUOTES = [
  '«سنواصل العمل من أجل مصلحة المواطنين»',
  '«لا بديل عن الحوار»',
  '“الوضع يتحسن تدريجيا”',
];

/** Generates `count` Arabic news-like articles of about `size` UTF-8 bytes each. */
export function generateCorpus(count: number, size: number, seed = 42): string[] {
  const rnd = random(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const out: string[] = [];
  const encoder = new TextEncoder();
  for (let i = 0; i < count; i++) {
    const paragraphs: string[] = [];
    let bytes = 0;
    const target = size * (0.8 + 0.4 * rnd());
    while (bytes < target) {
      const sentences: string[] = [];
      const n = 1 + Math.floor(rnd() * 3);
      for (let k = 0; k < n; k++) {
        let s = `${pick(SUBJECTS)} ${pick(VERBS)} ${pick(OBJECTS)} ${pick(PLACES)}، ${pick(TAILS)}`;
        if (rnd() < 0.2) s += `، وقال: ${pick(QUOTES)}`;
        if (rnd() < 0.2)
          s += ` بنسبة ${(rnd() * 10).toFixed(1)}% عام ${2000 + Math.floor(rnd() * 25)}`;
        sentences.push(`${s}.`);
      }
      const p = sentences.join(' ');
      paragraphs.push(p);
      bytes += encoder.encode(p).length + 1;
    }
    out.push(paragraphs.join('\n'));
  }
  return out;
}

async function readTexts(path: string, count: number): Promise<string[]> {
  const texts: string[] = [];
  const stream = createReadStream(path, { encoding: 'utf8' });
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  try {
    for await (const line of lines) {
      if (texts.length >= count) break;
      if (line.trim() === '') continue;
      try {
        const r = JSON.parse(line) as { text?: unknown };
        if (typeof r.text === 'string') texts.push(r.text);
      } catch {
        // Not JSON: skip the line.
      }
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT')
      throw new UsageError(`cannot read ${path}: no such file`);
    throw err;
  } finally {
    lines.close();
    stream.destroy();
  }
  if (texts.length === 0) throw new UsageError(`${path} has no lines with a "text" field`);
  return texts;
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** Articles per second of one pass of `fn`: by the wall clock and per CPU-second of this process. */
function timePass(
  texts: readonly string[],
  fn: (t: string) => number,
  peak: { rss: number },
): { wall: number; cpu: number } {
  let sink = 0;
  const cpu0 = process.cpuUsage();
  const started = performance.now();
  for (let i = 0; i < texts.length; i++) {
    sink += fn(texts[i]!);
    if ((i & 255) === 0) peak.rss = Math.max(peak.rss, process.memoryUsage.rss());
  }
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  if (sink < 0) throw new Error('unreachable');
  return { wall: texts.length / seconds, cpu: texts.length / Math.max(cpuSeconds, 1e-6) };
}

export const command: Command = {
  name: 'bench summarize',
  summary: 'key points per second and memory',
  help: HELP,
  options: {
    data: { type: 'string' },
    count: { type: 'string' },
    runs: { type: 'string' },
    size: { type: 'string' },
    json: { type: 'boolean' },
  },
  async run(args, io) {
    const count = intOption(args, 'count', 2000, { min: 1, max: 1_000_000 });
    const runs = intOption(args, 'runs', 5, { min: 1, max: 100 });
    const size = intOption(args, 'size', 5000, { min: 200, max: 10_000_000 });
    const data = args.values.data === undefined ? undefined : String(args.values.data);
    const texts = data ? await readTexts(data, count) : generateCorpus(count, size);
    const encoder = new TextEncoder();
    const bytes = texts.reduce((a, t) => a + encoder.encode(t).length, 0);
    const sentences =
      texts.slice(0, 200).reduce((a, t) => a + splitSentences(t).length, 0) /
      Math.min(200, texts.length);

    const khulasa = (t: string): number => extractKeyPoints(t, { points: 3 }).length;
    const lead3 = (t: string): number => splitSentences(t).slice(0, 3).length;
    const peak = { rss: process.memoryUsage.rss() };
    // Warm-up: compile, fill caches.
    timePass(texts, khulasa, peak);
    timePass(texts, lead3, peak);
    const k: { wall: number; cpu: number }[] = [];
    const l: { wall: number; cpu: number }[] = [];
    const heap: number[] = [];
    for (let r = 0; r < runs; r++) {
      k.push(timePass(texts, khulasa, peak));
      l.push(timePass(texts, lead3, peak));
      heap.push(process.memoryUsage().heapUsed);
    }
    const kCpu = median(k.map((x) => x.cpu));
    const lCpu = median(l.map((x) => x.cpu));
    const result = {
      corpus: data ?? 'generated',
      articles: texts.length,
      meanBytes: Math.round(bytes / texts.length),
      meanSentences: Number(sentences.toFixed(1)),
      runs,
      khulasaPerCpuSecond: Math.round(kCpu),
      leadPerCpuSecond: Math.round(lCpu),
      khulasaPerSecond: Math.round(median(k.map((x) => x.wall))),
      leadPerSecond: Math.round(median(l.map((x) => x.wall))),
      ratio: Number((kCpu / lCpu).toFixed(3)),
      khulasaMBPerCpuSecond: Number(((kCpu * bytes) / texts.length / 1e6).toFixed(2)),
      peakRssMB: Math.round(peak.rss / 1e6),
      heapAfterRunsMB: heap.map((h) => Math.round(h / 1e6)),
    };
    if (args.values.json) {
      await writeLine(io.stdout, JSON.stringify(result));
      return 0;
    }
    const lines = [
      `input: ${result.corpus}, ${result.articles} articles, mean ${(result.meanBytes / 1000).toFixed(1)} KB, ${result.meanSentences} sentences`,
      `runs: ${runs} after a warm-up, one thread, medians; per CPU-second (one core) and by wall clock`,
      `khulasa key points (3):  ${result.khulasaPerCpuSecond} articles/CPU-s  (${result.khulasaMBPerCpuSecond} MB/CPU-s; wall ${result.khulasaPerSecond} articles/s)`,
      `lead-3 baseline:         ${result.leadPerCpuSecond} articles/CPU-s  (wall ${result.leadPerSecond} articles/s)`,
      `khulasa / lead-3:        ${result.ratio}`,
      `memory: peak RSS ${result.peakRssMB} MB; heap after each run ${result.heapAfterRunsMB.join(', ')} MB`,
    ];
    for (const line of lines) await writeLine(io.stdout, line);
    return 0;
  },
};
