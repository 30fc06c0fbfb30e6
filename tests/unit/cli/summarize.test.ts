import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { main } from '../../../src/cli.js';
import type { CliIO } from '../../../src/cli/command.js';
import { DEFAULT_WEIGHTS } from '../../../src/digest/keypoints.js';

/** A made-up article (written for these tests). */
const ARTICLE = [
  'افتتاح معرض الكتاب السنوي',
  'افتتح وزير الثقافة مساء الخميس الدورة الجديدة من معرض الكتاب السنوي بمشاركة أكثر من أربعمائة دار نشر من عشرين دولة.',
  'وقال الوزير في كلمته إن المعرض أصبح موعدا ثابتا للقراء والناشرين في المنطقة.',
  'ويستمر المعرض عشرة أيام، ويتضمن برنامجه ندوات فكرية وأمسيات شعرية وورش عمل للأطفال.',
  'وأوضحت إدارة المعرض أن عدد الزوار في الدورة الماضية تجاوز نصف مليون زائر.',
  'من جهتهم، طالب ناشرون بخفض رسوم الأجنحة وتسهيل إجراءات شحن الكتب.',
].join('\n');

const dir = mkdtempSync(join(tmpdir(), 'khulasa-cli-'));
const file = (name: string, content: string | Buffer): string => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function run(argv: string[], stdin: Readable | string | Buffer = ''): Promise<Run> {
  const out = new PassThrough();
  const err = new PassThrough();
  let stdout = '';
  let stderr = '';
  out.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
  err.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
  const input = stdin instanceof Readable ? stdin : Readable.from([Buffer.from(stdin)]);
  const io: CliIO = { stdin: input, stdout: out, stderr: err, env: {}, interactive: false };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

describe('khulasa summarize', () => {
  it('prints 3 points of a file, one per line', async () => {
    const r = await run(['summarize', file('a.txt', ARTICLE)]);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toContain('افتتح وزير الثقافة');
    expect(r.stderr).toBe('');
  });

  it('prints JSON with --json and honours --points', async () => {
    const r = await run(['summarize', '--json', '--points', '2', file('b.txt', ARTICLE)]);
    expect(r.code).toBe(0);
    const parsed = JSON.parse(r.stdout) as { points: string[] };
    expect(parsed.points).toHaveLength(2);
  });

  it('honours --words', async () => {
    const r = await run(['summarize', '--json', '--points', '5', '--words', '30', '-'], ARTICLE);
    const parsed = JSON.parse(r.stdout) as { points: string[] };
    const words = parsed.points.join(' ').split(/\s+/).length;
    expect(parsed.points.length).toBeGreaterThanOrEqual(1);
    expect(words).toBeLessThanOrEqual(30);
  });

  it('reads HTML from stdin', async () => {
    const html = `<!doctype html><html><head><title>معرض الكتاب</title><script>var x = 1;</script></head><body>${ARTICLE.split(
      '\n',
    )
      .map((p) => `<p>${p}</p>`)
      .join('')}</body></html>`;
    const r = await run(['summarize', '-'], html);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('<');
    expect(r.stdout).not.toContain('var x');
    expect(r.stdout.trim().split('\n')).toHaveLength(3);
  });

  it('reads Windows-1256 Arabic text', async () => {
    const r = await run(['summarize', file('c.txt', iconv.encode(ARTICLE, 'windows-1256'))]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('وزير الثقافة');
  });

  it.each<[string, string | Buffer, RegExp]>([
    ['empty input', '', /empty/],
    ['text with no Arabic', 'The minister opened the book fair on Thursday.', /not Arabic/],
    ['binary garbage', Buffer.from([0, 1, 2, 0, 255, 0, 7, 0]), /binary/],
    [
      'invalid UTF-8',
      Buffer.from([0xc3, 0x28, 0xa0, 0xa1, 0x41, 0x42]),
      /not valid UTF-8|not Arabic/,
    ],
  ])('fails with one line and exit 1 on %s', async (_name, input, message) => {
    const r = await run(['summarize', '-'], input);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\bat .*\.ts:\d+/);
  });

  it.each<[string, string[], RegExp]>([
    ['a missing file', ['summarize', join(dir, 'missing.txt')], /no such file/],
    ['a directory', ['summarize', dir], /directory/],
    ['a bad --points', ['summarize', '--points', 'abc', '-'], /--points/],
    ['an unknown flag', ['summarize', '--bogus'], /bogus/],
    ['--jsonl with a file', ['summarize', '--jsonl', 'x.jsonl'], /stdin/],
  ])('exits 2 with one line on %s', async (_name, argv, message) => {
    const r = await run(argv, ARTICLE);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(message);
  });
});

describe('khulasa summarize --jsonl', () => {
  it('answers every line in order, with an error record for bad lines', async () => {
    const input = [
      JSON.stringify({ id: 'a', text: ARTICLE }),
      'not json',
      JSON.stringify({ id: 7, text: 'English only text here.' }),
      JSON.stringify({ id: 'b' }),
      '',
      JSON.stringify({ id: 'c', text: ARTICLE, words: 25 }),
      JSON.stringify({ id: 'd', text: ARTICLE, words: 'many' }),
    ].join('\n');
    const r = await run(['summarize', '--jsonl', '--points', '2'], input);
    expect(r.code).toBe(0);
    const out = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: unknown; points?: string[]; error?: string });
    expect(out.map((o) => o.id)).toEqual(['a', null, 7, 'b', 'c', 'd']);
    expect(out[0]!.points).toHaveLength(2);
    expect(out[1]!.error).toMatch(/JSON/);
    expect(out[2]!.error).toMatch(/not Arabic/);
    expect(out[3]!.error).toMatch(/text/);
    expect(out[4]!.points!.join(' ').split(/\s+/).length).toBeLessThanOrEqual(25);
    expect(out[5]!.error).toMatch(/words/);
  });

  it('reports a line that is not valid UTF-8 and goes on', async () => {
    const input = Buffer.concat([
      Buffer.from([0xff, 0xfe, 0x0a]),
      Buffer.from(`${JSON.stringify({ id: 'ok', text: ARTICLE })}\n`),
    ]);
    const r = await run(['summarize', '--jsonl'], input);
    const out = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: unknown; error?: string });
    expect(out).toHaveLength(2);
    expect(out[0]!.error).toMatch(/UTF-8/);
    expect(out[1]!.id).toBe('ok');
  });

  it('streams: answers start before the input ends', async () => {
    const total = 2000;
    let produced = 0;
    let producedAtFirstAnswer = -1;
    const line = (i: number): string => `${JSON.stringify({ id: i, text: ARTICLE })}\n`;
    const input = Readable.from(
      (function* () {
        for (let i = 0; i < total; i++) {
          produced++;
          yield Buffer.from(line(i));
        }
      })(),
    );
    const out = new PassThrough();
    const err = new PassThrough();
    let lines = 0;
    let buffered = '';
    out.on('data', (d: Buffer) => {
      if (producedAtFirstAnswer === -1) producedAtFirstAnswer = produced;
      buffered += d.toString('utf8');
      const parts = buffered.split('\n');
      buffered = parts.pop()!;
      lines += parts.length;
    });
    const code = await main(['summarize', '--jsonl', '--points', '1'], {
      stdin: input,
      stdout: out,
      stderr: err,
      env: {},
      interactive: false,
    });
    expect(code).toBe(0);
    expect(lines).toBe(total);
    expect(producedAtFirstAnswer).toBeGreaterThan(0);
    expect(producedAtFirstAnswer).toBeLessThan(total);
  });
});

describe('khulasa eval --data', () => {
  const lines = [
    {
      id: 'd1',
      text: ARTICLE,
      summaries: [
        'افتتح وزير الثقافة مساء الخميس الدورة الجديدة من معرض الكتاب السنوي بمشاركة أكثر من أربعمائة دار نشر من عشرين دولة.',
        'افتتح وزير الثقافة الدورة الجديدة من معرض الكتاب. ويستمر المعرض عشرة أيام.',
      ],
      is_news: true,
    },
    {
      id: 'd2',
      text: ARTICLE.split('\n').slice(1).reverse().join(' '),
      summaries: ['طالب ناشرون بخفض رسوم الأجنحة وتسهيل إجراءات شحن الكتب.'],
      is_news: false,
    },
  ];
  const data = file('eval.jsonl', lines.map((l) => JSON.stringify(l)).join('\n'));

  it('prints ROUGE for khulasa and Lead, all documents and news', async () => {
    const r = await run(['eval', '--data', data]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/2 documents \(1 news\)/);
    expect(r.stdout).toMatch(/^khulasa\s+0\.\d{3}/m);
    expect(r.stdout).toMatch(/^lead\s+0\.\d{3}/m);
  });

  it('prints one JSON object with --json', async () => {
    const r = await run(['eval', '--data', data, '--json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as {
      all: { documents: number; systems: Record<string, { rouge1: { f: number } }> };
      news: { documents: number };
    };
    expect(report.all.documents).toBe(2);
    expect(report.news.documents).toBe(1);
    expect(report.all.systems.khulasa!.rouge1.f).toBeGreaterThan(0);
    expect(report.all.systems.lead!.rouge1.f).toBeGreaterThan(0);
  });

  it('prints words/budget beside the scores and the within-budget rows', async () => {
    const r = await run(['eval', '--data', data]);
    expect(r.stdout).toMatch(/R-L +w\/b/);
    expect(r.stdout).toMatch(/^khulasa within\s+0\.\d{3}\s+0\.\d{3}\s+0\.\d{3}\s+\d\.\d{3}/m);
    const report = JSON.parse((await run(['eval', '--data', data, '--json'])).stdout) as {
      all: { wordsPerBudget: Record<string, number> };
    };
    const ratio = report.all.wordsPerBudget;
    expect(ratio.lead).toBeGreaterThanOrEqual(1);
    expect(ratio['lead within']).toBeLessThanOrEqual(ratio.lead!);
    expect(ratio['khulasa within']).toBeLessThanOrEqual(ratio.khulasa!);
  });

  it('sweeps each tuned setting a notch either way with --sweep', async () => {
    const r = await run(['eval', '--data', data, '--sweep']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^defaults\s+0\.\d{3}/m);
    const c = DEFAULT_WEIGHTS.centrality;
    for (const v of [c - 0.05, c + 0.05]) {
      const value = String(Number(v.toFixed(3))).replace('.', '\\.');
      expect(r.stdout).toMatch(new RegExp(`^weights\\.centrality\\s+${value}\\s`, 'm'));
    }
    expect(r.stdout).toMatch(/^maxOverlap\s+0\.8\s/m);
    expect(r.stdout).toMatch(/holds in \d+ of \d+ settings/);
  });

  it('exits 2 on a malformed data file', async () => {
    const r = await run(['eval', '--data', file('bad.jsonl', '{"id":1,"text":"x"}\n')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/summaries/);
  });
});

describe('smoke: khulasa bench summarize', () => {
  it('prints speed beside the baseline and the input figures', async () => {
    const r = await run(['bench', 'summarize', '--count', '20', '--runs', '1']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/20 articles, mean \d+\.\d KB/);
    expect(r.stdout).toMatch(/khulasa key points \(3\): +\d+ articles\/CPU-s/);
    expect(r.stdout).toMatch(/lead-3 baseline/);
    expect(r.stdout).toMatch(/peak RSS \d+ MB/);
  });
});

describe('khulasa summarize on a news page', () => {
  it('summarizes the article, not the menus around it', async () => {
    const body = ARTICLE.split('\n')
      .slice(1)
      .map((p) => `<p>${p}</p>`)
      .join('');
    const html = `<!doctype html><html lang="ar"><head><title>افتتاح معرض الكتاب السنوي</title></head><body>
<nav><ul><li><a href="/">الرئيسية</a></li><li><a href="/sport">رياضة</a></li><li><a href="/eco">اقتصاد</a></li></ul></nav>
<article><h1>افتتاح معرض الكتاب السنوي</h1>${body}</article>
<footer><p>جميع الحقوق محفوظة للموقع. اقرأ أيضا: أخبار أخرى.</p></footer></body></html>`;
    const r = await run(['summarize', '--json', '-'], html);
    expect(r.code).toBe(0);
    const { points } = JSON.parse(r.stdout) as { points: string[] };
    expect(points[0]).toContain('افتتح وزير الثقافة');
    expect(points.join(' ')).not.toMatch(/الرئيسية|الحقوق/);
  });
});

describe('khulasa eval --points', () => {
  const day = (h: number): string => new Date(Date.UTC(2026, 2, 3, h)).toISOString();
  const articles = [
    {
      id: 'p1',
      title: 'الحكومة توافق على خطة لدعم المزارعين',
      text: [
        'وافقت الحكومة على خطة جديدة لدعم المزارعين في المناطق المتضررة من الجفاف هذا العام.',
        'وقال وزير الزراعة إن الخطة تشمل قروضا ميسرة لأكثر من ثلاثة آلاف أسرة في الجنوب.',
        'للمزيد: الجفاف يضرب المحاصيل في الجنوب',
      ].join('\n'),
      time: day(6),
      outlet: 'one',
      url: 'https://one.example/p1',
    },
    {
      id: 'p2',
      title: 'خطة حكومية لدعم المزارعين',
      text: [
        'نيويورك، الولايات المتحدة الأمريكية (CNN)— وافقت الحكومة على خطة لدعم المزارعين المتضررين من الجفاف.',
        'وأعلنت حركة_المزارعين ترحيبها بالخطة في بيان مساء الثلاثاء.',
      ].join('\n'),
      time: day(8),
      outlet: 'two',
      url: 'https://two.example/p2',
    },
  ];
  const data = file('points.jsonl', articles.map((a) => JSON.stringify(a)).join('\n'));

  it('prints the whole-word and boilerplate counts per article and per day', async () => {
    const r = await run(['eval', '--points', data]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /per article: 2 checked, \d+ points — whole-word failures 0, boilerplate 0/,
    );
    expect(r.stdout).toMatch(/digests \(2026-03-03 06h, all stories\): \d+ checked/);
    expect(r.stdout).not.toMatch(/CNN|للمزيد|حركة_/);
  });

  it('counts and shows the points that break the rules', async () => {
    const { auditPoints } = await import('../../../src/cli/eval-points.js');
    const audit = auditPoints(
      articles.map((a) => ({ id: a.id, text: a.text })),
      5,
      (text) =>
        text.startsWith('وافقت') ? ['افقت الحكومة على خطة جديدة'] : ['(CNN)— وافقت الحكومة'],
    );
    expect(audit.articles.wholeWord.count).toBe(1);
    expect(audit.articles.wholeWord.examples[0]).toEqual({
      where: 'p1',
      point: 'افقت الحكومة على خطة جديدة',
    });
    expect(audit.articles.boilerplate.count).toBe(1);
    expect(audit.digests).toBeUndefined();
  });

  it('reads EASC-style lines without times (per article only)', async () => {
    const easc = file(
      'easc.jsonl',
      JSON.stringify({ id: 'e1', text: articles[0]!.text, summaries: ['x'] }),
    );
    const r = await run(['eval', '--points', easc, '--json']);
    expect(r.code).toBe(0);
    const audit = JSON.parse(r.stdout) as {
      articles: { units: number; wholeWord: { count: number } };
      digests?: unknown;
    };
    expect(audit.articles.units).toBe(1);
    expect(audit.articles.wholeWord.count).toBe(0);
    expect(audit.digests).toBeUndefined();
  });
});
