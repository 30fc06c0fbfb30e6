import { mkdtempSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../support/run-cli.js';
import { archiveBackground, archiveOngoing, dayBefore } from '../../../src/cli/eval-clusters.js';
import { NOW, dayArticles, writeArticlesFile } from '../digest/fixtures.js';

const run = (argv: string[]) => runCli(argv);
/** `khulasa digest --from FILE --now NOW` with more options. */
const runAsOfNow = (...more: string[]) =>
  run(['digest', '--from', file, '--now', NOW.toISOString(), ...more]);

const dir = mkdtempSync(join(tmpdir(), 'khulasa-digest-'));
const file = join(dir, 'articles.jsonl');
// Without the exact duplicate: the sources layer may fold it into its original on reading.
const fileArticles = dayArticles().filter((a) => a.id !== 'q1-copy');
writeArticlesFile(file, fileArticles);

describe('khulasa digest', () => {
  it('reads a file of an earlier day as that day when --now is not given', async () => {
    // the fixture day is in the past: the digest ends at its newest article, with every article
    const { code, out } = await run(['digest', '--from', file, '--json', '--all-stories']);
    expect(code).toBe(0);
    const json = JSON.parse(out) as {
      window: { to: string };
      stories: { articles: { id: string }[] }[];
    };
    const newest = Math.max(...fileArticles.map((a) => Date.parse(a.publishedAt)));
    expect(Date.parse(json.window.to)).toBe(newest);
    const ids = json.stories.flatMap((s) => s.articles.map((a) => a.id));
    expect(ids.sort()).toEqual(fileArticles.map((a) => a.id).sort());
  });

  it('replays a file as of --now: what was published later is left out, and said', async () => {
    const asOf = new Date(NOW.getTime() - 6 * 3_600_000);
    const later = fileArticles.filter((a) => Date.parse(a.publishedAt) > asOf.getTime());
    expect(later.length).toBeGreaterThan(1);
    const { code, out, err } = await run([
      'digest',
      '--from',
      file,
      '--now',
      asOf.toISOString(),
      '--json',
      '--all-stories',
    ]);
    expect(code).toBe(0);
    expect(err).toBe(
      `khulasa: left out ${later.length} articles published after --now ${asOf.toISOString()}\n`,
    );
    const ids = (JSON.parse(out) as { stories: { articles: { id: string }[] }[] }).stories.flatMap(
      (s) => s.articles.map((a) => a.id),
    );
    for (const a of later) expect(ids).not.toContain(a.id);
    expect(ids.length).toBe(fileArticles.length - later.length);
  });

  it('prints the documented JSON shape', async () => {
    const { code, out, err } = await runAsOfNow('--json');
    expect(err).toBe('');
    expect(code).toBe(0);
    const json = JSON.parse(out) as {
      id: string;
      window: { from: string; to: string };
      stories: {
        id: string;
        title: string;
        points: string[];
        sources: { name: string; url: string }[];
        articles: { id: string; source: string; title: string; url: string }[];
      }[];
    };
    expect(json.id).toMatch(/^d-/);
    expect(json.window.to).toBe(NOW.toISOString());
    expect(json.stories.length).toBeGreaterThan(0);
    const s = json.stories[0]!;
    expect(Object.keys(s)).toEqual(
      expect.arrayContaining([
        'id',
        'title',
        'headline',
        'gist',
        'outlets',
        'latestAt',
        'points',
        'sources',
        'articles',
      ]),
    );
    const story = s as unknown as {
      headline: string;
      gist: string;
      outlets: number;
      latestAt: string;
    };
    expect(story.headline).toBe(s.title);
    expect(story.gist.length).toBeGreaterThan(0);
    expect(story.gist.split(/\s+/).length).toBeLessThanOrEqual(26);
    expect(story.outlets).toBeGreaterThanOrEqual(1);
    expect(Number.isNaN(Date.parse(story.latestAt))).toBe(false);
    expect(Object.keys(s.sources[0]!).sort()).toEqual(['name', 'url']);
    expect(Object.keys(s.articles[0]!).sort()).toEqual(['id', 'source', 'title', 'url']);
  });

  it('puts every article in one story with --all-stories', async () => {
    const { out } = await runAsOfNow('--json', '--all-stories');
    const ids = (JSON.parse(out) as { stories: { articles: { id: string }[] }[] }).stories.flatMap(
      (s) => s.articles.map((a) => a.id),
    );
    expect(ids.sort()).toEqual(fileArticles.map((a) => a.id).sort());
  });

  it('with --full, prints every point and the sources of each story', async () => {
    const { code, out } = await runAsOfNow('--max-stories', '2', '--full');
    expect(code).toBe(0);
    expect(out).toMatch(/^1\. /m);
    expect(out).toMatch(/^ {3}• /m);
    expect(out).toMatch(/sources: /);
    expect(out).not.toMatch(/^3\. /m);
  });

  it('prints the one-screen form a reader gets, and what it measures', async () => {
    const { code, out } = await runAsOfNow('--max-stories', '2', '--tz', 'Asia/Riyadh');
    expect(code).toBe(0);
    expect(out).toMatch(/^خلاصة اليوم · /m);
    expect(out).toMatch(/^1\. /m);
    expect(out).not.toMatch(/^ {3}• /m);
    expect(out).toMatch(
      /^2 stories from \d+ articles of the window · \d+ visible characters in 1 message$/m,
    );
  });

  it('counts the articles of the window, not every one read', async () => {
    const { code, out } = await runAsOfNow('--window', '6');
    const inside = fileArticles.filter(
      (a) => Date.parse(a.publishedAt) > NOW.getTime() - 6 * 3_600_000,
    ).length;
    expect(code).toBe(0);
    expect(inside).toBeGreaterThan(0);
    expect(inside).toBeLessThan(fileArticles.length);
    expect(out).toContain(` stories from ${inside} articles of the window`);
  });

  it('rejects an unknown time zone with exit 2', async () => {
    const { code, err } = await run(['digest', '--from', file, '--tz', 'Mars/Base']);
    expect(code).toBe(2);
    expect(err).toContain('--tz');
  });

  it.each([
    [['digest', '--window', 'abc']],
    [['digest', '--now', 'yesterday']],
    [['digest', '--lang', 'english!']],
  ])('rejects bad usage %j with exit 2 and one line', async (argv) => {
    const { code, err } = await run(argv);
    expect(code).toBe(2);
    expect(err.trim().split('\n')).toHaveLength(1);
  });
});

describe('khulasa topic', () => {
  it('answers with stories', async () => {
    const { code, out } = await run(['topic', 'زلزال', '--from', file, '--now', NOW.toISOString()]);
    expect(code).toBe(0);
    expect(out).toMatch(/زلزال/);
    expect(out).toMatch(/sources: /);
  });

  it('says so in one line when nothing matches', async () => {
    const { code, out } = await run([
      'topic',
      'بركان',
      '--from',
      file,
      '--now',
      NOW.toISOString(),
      '--days',
      '2',
    ]);
    expect(code).toBe(0);
    expect(out).toBe('nothing on بركان in the last 2 days\n');
  });
});

describe('khulasa eval --clusters', () => {
  it('scores khulasa beside both baselines', async () => {
    const labels = join(dir, 'labels.json');
    writeFileSync(
      labels,
      JSON.stringify({
        labels: {
          q1: 'quake',
          q2: 'quake',
          q3: 'quake',
          f1: 'cup',
          f2: 'cup',
          b1: 'bank',
          s1: 'snow',
          x1: 'plant',
        },
      }),
    );
    const { code, out } = await run(['eval', '--clusters', file, '--labels', labels]);
    expect(code).toBe(0);
    for (const system of ['every article alone', 'exact duplicates merged', 'khulasa']) {
      expect(out).toContain(system);
    }
    expect(out).toMatch(/duplicates are NOT removed/);
    expect(out).toMatch(/khulasa overall B-cubed F1 1\.000/);
  });
});

describe('khulasa eval --clusters --labels FOLDER', () => {
  it('reads every *.stories.json of the folder together', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'khulasa-labels-'));
    const write = (name: string, labels: Record<string, string>) =>
      writeFileSync(join(folder, name), JSON.stringify({ labels }));
    write('a.stories.json', { q1: 'quake', q2: 'quake', q3: 'quake' });
    write('b.stories.json', { f1: 'cup', f2: 'cup', b1: 'bank' });
    write('notes.json', { s1: 'not read' });
    const { code, out } = await run(['eval', '--clusters', file, '--labels', folder]);
    expect(code).toBe(0);
    // six labelled articles of the two files, none of the other file
    expect(out).toMatch(/^khulasa +overall +6 +3 /m);
  });

  it('says in one line that no label is an article of the file', async () => {
    const other = join(dir, 'other.stories.json');
    writeFileSync(other, JSON.stringify({ labels: { z1: 'elsewhere', z2: 'elsewhere' } }));
    const { code, err } = await run(['eval', '--clusters', file, '--labels', other]);
    expect(code).not.toBe(0);
    expect(err.trim().split('\n')).toHaveLength(1);
    expect(err).toContain('none of the 2 labelled ids is an article of');
  });

  it('scores the labels it has articles for, and says how many it has not', async () => {
    const some = join(dir, 'some.stories.json');
    writeFileSync(some, JSON.stringify({ labels: { q1: 'quake', q2: 'quake', z1: 'elsewhere' } }));
    const { code, out, err } = await run(['eval', '--clusters', file, '--labels', some]);
    expect(code).toBe(0);
    expect(err).toContain('1 of 3 labelled ids are not articles of');
    expect(out).toMatch(/^khulasa +overall +2 +1 /m);
  });

  it('says so in one line when the folder has no labels file', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'khulasa-labels-'));
    const { code, err } = await run(['eval', '--clusters', file, '--labels', empty]);
    expect(code).not.toBe(0);
    expect(err.trim().split('\n')).toHaveLength(1);
    expect(err).toContain('no *.stories.json files in');
  });
});

describe('khulasa eval --clusters with history', () => {
  const at = (id: string, day: string, title: string) => ({
    ...dayArticles()[0]!,
    id: `${id}-${day}`,
    title,
    publishedAt: `${day.slice(0, 4)}-${day.slice(4, 6)}-${day.slice(6)}T09:00:00Z`,
  });
  const archive = [
    at('old', '20260301', 'خبر قديم جدا'),
    at('a', '20260303', 'زلزال في تركيا'),
    at('b', '20260309', 'زلزال آخر'),
    at('same', '20260310', 'خبر اليوم نفسه'),
    at('later', '20260311', 'خبر الغد'),
  ];

  it('takes the archive days before each day, never the day itself or later', () => {
    const background = archiveBackground(archive, 7);
    expect(background('20260310')?.docs).toBe(2);
    expect(background('20260302')?.docs).toBe(1);
    expect(background('20260301')).toBeUndefined();
    expect(archiveBackground(archive, 1)('20260310')?.docs).toBe(1);
  });

  it("reads the day before's dominant event from a digest of that day's articles", () => {
    // Three reports of the quake and one football story on 9 March.
    const day = dayArticles()
      .filter((a) => ['q1', 'q2', 'q3', 'f1'].includes(a.id))
      .map((a) => ({ ...a, id: `${a.id}-20260309` }));
    const ongoing = archiveOngoing(day, () => undefined);
    const event = ongoing('20260310')!;
    expect(event.share).toBeCloseTo(3 / 4);
    expect(event.anchors).toHaveLength(2);
    expect(ongoing('20260309')).toBeUndefined();
    expect(ongoing('20260312')).toBeUndefined();
  });

  it.each([
    ['20260310', 1, '20260309'],
    ['20260301', 1, '20260228'],
    ['20260101', 7, '20251225'],
  ])('the day before %s by %i is %s', (day, n, expected) => {
    expect(dayBefore(day, n)).toBe(expected);
  });

  it('prints the figures over the history and a sweep of each setting', async () => {
    const labels = join(dir, 'labels-history.json');
    writeFileSync(labels, JSON.stringify({ labels: { q1: 'quake', q2: 'quake', f1: 'cup' } }));
    const archiveFile = join(dir, 'archive.jsonl');
    writeFileSync(
      archiveFile,
      archive.map((a) => JSON.stringify({ ...a, source: a.sourceName })).join('\n') + '\n',
    );
    const { code, out } = await run([
      'eval',
      '--clusters',
      file,
      '--labels',
      labels,
      '--archive',
      archiveFile,
      '--sweep',
    ]);
    expect(code).toBe(0);
    expect(out).toContain(`history: the archive's articles of the days before each day`);
    expect(out).toMatch(/^khulasa +\d{8} +3 +2 /m);
    for (const setting of ['threshold 0.200', 'threshold 0.220', 'threshold 0.240']) {
      expect(out).toMatch(new RegExp(`^${setting} +\\d\\.\\d{3} \\(\\d\\.\\d{3}\\)`, 'm'));
    }
    // The summary: each day's figure at the defaults, its lowest notch and where, the notches
    // under each bar (two per setting, the defaults' own rows not counted).
    const notches = [...out.matchAll(/^(\w+) [\d.]+ +\d\.\d{3} \(/gm)].length * (2 / 3);
    expect(out).toContain(`its lowest over the ${notches} notches`);
    const day = out.match(
      /^(\d{8}) +(\d\.\d{3}) +lowest (\d\.\d{3}) \((\w+ [\d.]+)\) +under 0\.930 \/ 0\.900: (\d+)\/(\d+) (\d+)\/\d+$/m,
    );
    expect(day).not.toBeNull();
    const [, , atDefaults, lowest, where, under93, of, under90] = day!;
    expect(Number(lowest)).toBeLessThanOrEqual(Number(atDefaults));
    expect(out).toMatch(new RegExp(`^${where} +${lowest} `, 'm'));
    expect(Number(of)).toBe(notches);
    expect(Number(under90)).toBeLessThanOrEqual(Number(under93));
    expect(out).toMatch(
      Number(under90) > 0
        ? /^days under 0\.900 at some notch: \d{8}/m
        : /^days under 0\.900 at some notch: none$/m,
    );
  });
});

describe('smoke: khulasa bench digest', () => {
  it('prints clustering time per size with its growth, topic latency and the targets', async () => {
    const args = ['bench', 'digest', '--sizes', '200,400', '--runs', '1', '--background', '2000'];
    const r = await run([...args, '--index-size', '300', '--queries', '5']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^ +200 +[\d.]+ ms +[\d.]+ ms +[\d.]+ ms/m);
    expect(r.out).toMatch(/^ +400 .* ×\d+\.\d\d \(cpu ×\d+\.\d\d\) for ×2\.0$/m);
    expect(r.out).toMatch(/topic over 300 articles .*: 5 queries/);
    expect(r.out).toMatch(
      /^ +400 .* with 2000 articles of history \(×\d+\.\d\d of the run without\)$/m,
    );
    expect(r.out).toMatch(
      /targets: 400 clustered over 2000 of history in [\d.]+ ms, [\d.]+ ms of CPU \(.*: n\/a\)/,
    );
    // The processors the process may run on: one when pinned (taskset), the one-core figure.
    const processors = availableParallelism();
    expect(r.out).toContain(`${processors} processor${processors === 1 ? '' : 's'} available`);
    expect(r.out.includes(`not pinned (${processors} processors)`)).toBe(processors > 1);

    const json = await run([...args, '--index-size', '300', '--queries', '5', '--json']);
    const figures = JSON.parse(json.out) as {
      processors: number;
      clustering: { articles: number; medianMs: number; cpuMs: number; stories: number }[];
      topic: { queries: number; p95Ms: number };
      withHistory: { articles: number; backgroundArticles: number; medianMs: number };
    };
    expect(figures.processors).toBe(processors);
    expect(figures.clustering.map((c) => c.articles)).toEqual([200, 400]);
    expect(figures.withHistory).toMatchObject({ articles: 400, backgroundArticles: 2000 });
    expect(figures.withHistory.medianMs).toBeGreaterThan(0);
    for (const c of figures.clustering) {
      expect(c.stories).toBeGreaterThan(0);
      expect(c.stories).toBeLessThan(c.articles);
      expect(c.medianMs).toBeGreaterThan(0);
    }
    expect(figures.topic.queries).toBe(5);
  });
});
