import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Article } from '../../../src/domain.js';
import { NOW, article, writeArticlesFile } from '../digest/fixtures.js';
import { runCli } from '../../support/run-cli.js';

const run = (argv: string[], env: Record<string, string> = {}) =>
  runCli(argv, { TRANSLATE_PROVIDER: 'none', ...env });

// Invented articles: a football story told twice, an elections story whose related-links line
// mentions football, and a story about Lebanon.
const ARTICLES: Article[] = [
  article(
    'f1',
    'alpha',
    3,
    'الاتحاد الآسيوي لكرة القدم يختار ملعب النهائي',
    'اختار الاتحاد الآسيوي لكرة القدم الملعب الوطني لاستضافة المباراة النهائية للبطولة هذا العام.\nوقال رئيس الاتحاد إن الملعب جاهز.',
  ),
  article(
    'f2',
    'beta',
    2,
    'ملعب النهائي الآسيوي لكرة القدم في العاصمة',
    'أعلن الاتحاد الآسيوي لكرة القدم أن المباراة النهائية ستقام في ملعب العاصمة الوطني.\nوبدأت أعمال تجهيز الملعب.',
  ),
  article(
    'e1',
    'gamma',
    4,
    'تحالفات جديدة قبل الانتخابات البرلمانية',
    'أعلنت ثلاثة أحزاب تشكيل تحالف انتخابي جديد قبل الانتخابات البرلمانية المقبلة.\nوقال قادة الأحزاب إن القوائم ستكون مشتركة.\nاقرأ أيضا:\nلاعبو كرة القدم على قوائم المرشحين',
  ),
  article(
    'l1',
    'alpha',
    5,
    'لبنان يطلق خطة لإصلاح شبكة الكهرباء',
    'أطلقت الحكومة في لبنان خطة لإصلاح شبكة الكهرباء وزيادة ساعات التغذية.\nوقال وزير الطاقة إن الخطة تمتد ثلاث سنوات.',
  ),
];
const LABELS: Record<string, string> = {
  f1: 'asian-final-venue',
  f2: 'asian-final-venue',
  e1: 'election-alliances',
  l1: 'lebanon-power-plan',
};

const dir = mkdtempSync(join(tmpdir(), 'khulasa-topic-'));
const file = join(dir, 'articles.jsonl');
writeArticlesFile(file, ARTICLES);

interface TopicJson {
  query: string;
  searched: string;
  stories: { id: string; title: string; articles: { id: string }[] }[];
  nothing: boolean;
}

const topic = async (query: string): Promise<TopicJson> => {
  const r = await run(['topic', query, '--from', file, '--now', NOW.toISOString(), '--json']);
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.out) as TopicJson;
};

describe('khulasa topic --json', () => {
  it.each([
    ['كرة القدم', ['f1', 'f2']],
    ['لكرة القدم', ['f1', 'f2']],
    ['الانتخابات', ['e1']],
    ['لبنان', ['l1']],
  ])('answers %s with the story about it first', async (query, ids) => {
    const json = await topic(query);
    expect(json.query).toBe(query);
    expect(json.nothing).toBe(false);
    expect(json.stories[0]!.articles.map((a) => a.id).sort()).toEqual(ids);
  });

  it('never answers football with the story whose related-links line mentions it', async () => {
    const json = await topic('كرة القدم');
    expect(json.stories.flatMap((s) => s.articles.map((a) => a.id))).not.toContain('e1');
  });

  it.each([['بركان'], ['المرشحين'], ['Zanzibar']])(
    'says nothing, with no stories, for %s',
    async (query) => {
      const json = await topic(query);
      expect(json).toMatchObject({ query, stories: [], nothing: true });
    },
  );

  it.each([
    ['Lebanon', 'لبنان'],
    ['Liban', 'لبنان'],
  ])('turns %s into Arabic through the glossary when no translator is set up', async (q, ar) => {
    const json = await topic(q);
    expect(json.searched).toBe(ar);
    expect(json.nothing).toBe(false);
    expect(json.stories[0]!.articles.map((a) => a.id)).toEqual(['l1']);
  });

  it('prints one line when nothing matches, without --json', async () => {
    const r = await run(['topic', 'Syrie', '--from', file, '--now', NOW.toISOString()]);
    expect(r.code).toBe(0);
    expect(r.out).toBe('nothing on Syrie in the last 3 days\n');
  });
});

describe('khulasa eval --topics', () => {
  const labels = join(dir, 'labels.json');
  writeFileSync(labels, JSON.stringify({ labels: LABELS }));
  const day = NOW.toISOString().slice(0, 10);
  const queries = join(dir, 'queries.jsonl');
  const rows = [
    { query: 'كرة القدم', language: 'ar', day, expected: 'asian-final-venue' },
    { query: 'Lebanon', language: 'en', day, expected: 'lebanon-power-plan' },
    { query: 'الانتخابات', language: 'ar', day, expected: 'election-alliances' },
    // a deliberately wrong expectation: the evaluation must count it as a miss
    { query: 'الكهرباء', language: 'ar', day, expected: 'asian-final-venue' },
    { query: 'بركان', language: 'ar', day, expected: null },
    { query: 'Liban', language: 'fr', day, expected: null },
  ];
  writeFileSync(queries, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');

  it('prints top-1 and "nothing" accuracy, each miss, and a sweep of the floor', async () => {
    const r = await run(['eval', '--topics', queries, '--articles', file, '--labels', labels]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('top-1 accuracy     3/4 = 75.0%');
    expect(r.out).toContain('"nothing" correct  1/2 = 50.0%');
    expect(r.out).toContain('"الكهرباء": expected asian-final-venue, got lebanon-power-plan');
    expect(r.out).toContain('"Liban" → لبنان: expected nothing, got lebanon-power-plan');
    expect(r.out.match(/^ {2}floor \d\.\d\d /gm)).toHaveLength(5);
  });

  it('says on stderr which expected stories no label of the articles names', async () => {
    const other = join(dir, 'other-queries.jsonl');
    const row = { query: 'بركان', language: 'ar', day, expected: 'volcano-elsewhere' };
    writeFileSync(other, JSON.stringify(row) + '\n');
    const r = await run(['eval', '--topics', other, '--articles', file, '--labels', labels]);
    expect(r.code).toBe(0);
    expect(r.err).toContain('1 of the expected stories label no article of');
    expect(r.err).toContain('volcano-elsewhere');
    expect(r.out).toContain('top-1 accuracy     0/1');
    // No question expects "nothing" here: that is said, not scored 0%.
    expect(r.out).toContain('"nothing" correct  none asked\n');
  });

  it('gives the same figures as JSON', async () => {
    const r = await run([
      'eval',
      '--topics',
      queries,
      '--articles',
      file,
      '--labels',
      labels,
      '--json',
    ]);
    const json = JSON.parse(r.out) as {
      top1: { correct: number; total: number };
      nothing: { correct: number; total: number };
      misses: unknown[];
      sweep: { floor: number }[];
    };
    expect(json.top1).toEqual({ correct: 3, total: 4 });
    expect(json.nothing).toEqual({ correct: 1, total: 2 });
    expect(json.misses).toHaveLength(2);
    expect(json.sweep.map((s) => s.floor)).toEqual([0.5, 0.55, 0.6, 0.65, 0.7]);
  });

  it('with --archive, also searches the days before, and a story of those alone is no answer of the day', async () => {
    // Yesterday's volcano (the day's questions expect nothing about one) and yesterday's
    // Lebanon report, in the archive as a running service's store holds them.
    const archive = join(dir, 'archive.jsonl');
    const before = [
      article(
        'v0',
        'delta',
        30,
        'ثوران بركان في جزيرة نائية',
        'ثار بركان في جزيرة نائية وغطى الرماد القرى المجاورة.\nوأجلت السلطات السكان.',
      ),
      article(
        'l0',
        'gamma',
        28,
        'لبنان يدرس عروضا لبناء محطات كهرباء',
        'تدرس الحكومة في لبنان عروضا لبناء محطات جديدة للكهرباء.\nوقال وزير الطاقة إن القرار قريب.',
      ),
    ];
    writeArticlesFile(archive, before);
    const args = ['eval', '--topics', queries, '--articles', file, '--labels', labels];
    const r = await run([...args, '--archive', archive]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('and of the 7 days before it');
    // "بركان" finds yesterday's volcano: still no story of the day, so still right.
    const answer = await run([
      'topic',
      'بركان',
      '--from',
      archive,
      '--now',
      NOW.toISOString(),
      '--json',
    ]);
    expect((JSON.parse(answer.out) as TopicJson).nothing).toBe(false);
    expect(r.out).toContain('"nothing" correct  1/2 = 50.0%');
    // The Lebanon question still gets the day's story first, yesterday's beside it.
    expect(r.out).toContain('top-1 accuracy     3/4 = 75.0%');
    expect(r.out).not.toContain('"Lebanon"');
  });

  it('with --at, asks each question at that time of its day, of what was published by then', async () => {
    // At 08:30 the elections (08:00) and Lebanon (07:00) stories are out, the football final's
    // reports (09:00, 10:00) are not: its two questions are not asked.
    const args = ['eval', '--topics', queries, '--articles', file, '--labels', labels];
    const r = await run([...args, '--at', '08:30']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('asked at 08:30 UTC of each day');
    expect(r.out).toContain('2 whose story had none yet not asked');
    expect(r.out).toContain('top-1 accuracy     2/2 = 100.0%');
    expect(r.out).toContain('"nothing" correct  1/2 = 50.0%');
    expect(r.out).not.toContain('"كرة القدم"');
    // Before anything was published, only the "nothing" questions are asked, and hold.
    const early = await run([...args, '--at', '6:00', '--json']);
    expect(JSON.parse(early.out)).toMatchObject({
      top1: { correct: 0, total: 0 },
      nothing: { correct: 2, total: 2 },
      unasked: 4,
    });
  });

  it.each([
    [['eval', '--topics', 'q.jsonl', '--articles', 'a', '--labels', 'l', '--at', '25:00']],
    [['eval', '--topics', 'q.jsonl', '--articles', 'a', '--labels', 'l', '--at', 'noon']],
    [['eval', '--topics', 'q.jsonl']],
    [['eval', '--topics', 'q.jsonl', '--articles', 'a.jsonl']],
    [['eval', '--topics', 'q.jsonl', '--clusters', 'a.jsonl', '--labels', 'l.json']],
    [['eval', '--topics', 'q.jsonl', '--articles', 'a', '--labels', 'l', '--floor', '2']],
  ])('rejects %j with exit 2', async (argv) => {
    const r = await run(argv);
    expect(r.code).toBe(2);
    expect(r.err.trim().split('\n')).toHaveLength(1);
  });

  it('names the bad line of a question file', async () => {
    const bad = join(dir, 'bad.jsonl');
    writeFileSync(bad, `${JSON.stringify(rows[0])}\n{"query":"x","day":"yesterday"}\n`);
    const r = await run(['eval', '--topics', bad, '--articles', file, '--labels', labels]);
    expect(r.code).not.toBe(0);
    expect(r.err).toContain('bad.jsonl:2');
  });
});
