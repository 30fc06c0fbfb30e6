import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { boilerplateKind } from '../../../src/digest/boilerplate.js';
import { buildDigest } from '../../../src/digest/digest.js';
import { isFaithfulPoint, wholeWordViolations } from '../../../src/digest/faithful.js';
import { cleanPoint, extractKeyPoints } from '../../../src/digest/keypoints.js';
import { isRedundant, pointKeys } from '../../../src/digest/story.js';
import type { Article } from '../../../src/domain.js';

const ARTICLE = [
  'وافقت الحكومة على خطة جديدة لدعم المزارعين في المناطق المتضررة من الجفاف.',
  'وقال وزير الزراعة إن الخطة تشمل قروضا ميسرة لأكثر من ثلاثة آلاف أسرة.',
  'واشنطن رحبت بالقرار ودعت إلى تعاون إقليمي أوسع.',
].join('\n');

describe('isFaithfulPoint', () => {
  it.each<[string, boolean]>([
    ['وافقت الحكومة على خطة جديدة لدعم المزارعين في المناطق المتضررة من الجفاف.', true],
    ['افقت الحكومة على خطة جديدة', false],
    ['قال وزير الزراعة إن الخطة تشمل قروضا ميسرة', true],
    ['وقال وزير الزراعة إن الخطة', true],
    ['اشنطن رحبت بالقرار', false],
    ['واشنطن رحبت بالقرار ودعت إلى تعاون إقليمي أوسع.', true],
    ['رحبت بالقرار ودعت', true],
    ['الحكومة على خطة قديمة', false],
    ['وزير الزراعة قال إن الخطة', false],
    ['«قال وزير الزراعة» إن الخطة،', true],
    ['', true],
  ])('%j: %s', (point, expected) => {
    expect(isFaithfulPoint(point, ARTICLE)).toBe(expected);
  });

  it('accepts a run of any one of several texts, not a run across two', () => {
    const texts = ['أعلنت الوزارة الخطة.', 'رحب البرلمان بالقرار.'];
    expect(isFaithfulPoint('رحب البرلمان بالقرار', texts)).toBe(true);
    expect(isFaithfulPoint('الخطة رحب البرلمان', texts)).toBe(false);
  });

  it('lists the points that break the rule', () => {
    expect(wholeWordViolations(['قال وزير الزراعة', 'افقت الحكومة'], ARTICLE)).toEqual([
      'افقت الحكومة',
    ]);
  });
});

/** Articles made up for these tests, with the traps real news has. */
const TRAPS: readonly { title: string; text: string }[] = [
  {
    title: 'الحكومة توافق على خطة لدعم المزارعين',
    text: [
      'وافقت الحكومة على خطة جديدة لدعم المزارعين في المناطق المتضررة من الجفاف هذا العام.',
      'واصلت الوزارة مشاوراتها مع الاتحادات الزراعية حول آليات صرف القروض الميسرة.',
      'وائل سالم، رئيس اتحاد المزارعين، قال إن الخطة خطوة أولى في الاتجاه الصحيح.',
      'للمزيد: الجفاف يضرب المحاصيل في الجنوب',
      'اقرأ أيضا: أسعار القمح ترتفع للشهر الثالث',
    ].join('\n'),
  },
  {
    title: 'واشنطن ترحب بالاتفاق',
    text: [
      'نيويورك، الولايات المتحدة الأمريكية (CNN)— رحبت واشنطن بالاتفاق الموقع بين البلدين وقالت إنه خطوة نحو الاستقرار.',
      'واشنطن دعت الطرفين إلى الالتزام الكامل ببنود الاتفاق خلال المرحلة المقبلة.',
      'وأعلنت حركة_الشباب رفضها للاتفاق في بيان نشرته على الإنترنت مساء الثلاثاء.',
      'شاهد: لحظة توقيع الاتفاق في العاصمة',
      'تابعونا على تويتر',
    ].join('\n'),
  },
];

function samples(): { title: string; text: string; article: Article }[] {
  const lines = readFileSync(resolve(__dirname, '../../../samples/articles.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim());
  return lines.map((l, i) => {
    const r = JSON.parse(l) as { id: string; title: string; text: string; url: string };
    const at = new Date(Date.UTC(2026, 0, 1, 6, i * 10)).toISOString();
    return {
      title: r.title,
      text: r.text,
      article: {
        id: r.id,
        url: r.url,
        sourceId: `s${i % 3}`,
        sourceName: `Outlet ${i % 3}`,
        title: r.title,
        text: r.text,
        publishedAt: at,
        fetchedAt: at,
        language: 'ar',
      },
    };
  });
}

describe('every key point is whole words of its article, with no boilerplate', () => {
  const docs = [...samples(), ...TRAPS];

  it.each(docs.map((d) => [d.title, d] as const))('article %s', (_title, doc) => {
    const points = extractKeyPoints(doc.text, { title: doc.title, points: 5 });
    expect(points.length).toBeGreaterThan(0);
    expect(wholeWordViolations(points, doc.text)).toEqual([]);
    for (const p of points) expect(boilerplateKind(p), p).toBeUndefined();
  });

  it('holds for every sentence of the trap articles once cleaned', () => {
    for (const doc of TRAPS) {
      for (const line of doc.text.split('\n')) {
        const point = cleanPoint(line);
        expect(isFaithfulPoint(point, doc.text), point).toBe(true);
      }
    }
  });

  it('keeps the root letter of وافقت, واصلت and وائل and drops the dateline and hashtag join', () => {
    const all = TRAPS.flatMap((d) => extractKeyPoints(d.text, { title: d.title, points: 5 }));
    expect(all).toContain(
      'وافقت الحكومة على خطة جديدة لدعم المزارعين في المناطق المتضررة من الجفاف هذا العام.',
    );
    expect(all.some((p) => p.startsWith('واصلت الوزارة'))).toBe(true);
    expect(all.some((p) => p.startsWith('وائل سالم'))).toBe(true);
    expect(all.some((p) => p.startsWith('رحبت واشنطن بالاتفاق'))).toBe(true);
    expect(all.some((p) => p.includes('حركة الشباب'))).toBe(true);
    expect(all.join(' ')).not.toMatch(/للمزيد|اقرأ|شاهد|تابعونا|CNN/);
  });

  it('holds for the story points of a digest of the samples', () => {
    const docsWithTimes = samples();
    const digest = buildDigest(
      docsWithTimes.map((d) => d.article),
      { now: new Date('2026-01-02T00:00:00Z'), allStories: true },
    );
    const byId = new Map(docsWithTimes.map((d) => [d.article.id, d.article.text]));
    expect(digest.stories.length).toBeGreaterThan(1);
    for (const story of digest.stories) {
      const texts = story.articles.map((a) => byId.get(a.id)!);
      expect(wholeWordViolations(story.points, texts)).toEqual([]);
      // No two points of a story share more than half their content words.
      const keys = story.points.map(pointKeys);
      for (let i = 0; i < keys.length; i++) {
        for (let j = 0; j < i; j++) expect(isRedundant(keys[i]!, keys[j]!, 0.5 + 1e-9)).toBe(false);
      }
    }
  });
});

describe('isFaithfulPoint with marks on the clitic', () => {
  it.each<[string, string, boolean]>([
    ['قال الوزير إن الخطة جاهزة.', 'وـقال الوزير إن الخطة جاهزة.', true],
    ['قال الوزير إن الخطة جاهزة.', 'وَقال الوزير إن الخطة جاهزة.', true],
    ['قال الوزير', 'فقال الوزير', true],
    ['رنسا تدعم الاتفاق', 'فرنسا تدعم الاتفاق', false],
    ['اشنطن ترحب', 'وـاشنطن ترحب', false],
  ])('%j in %j: %s', (point, text, expected) => {
    expect(isFaithfulPoint(point, text)).toBe(expected);
  });
});
