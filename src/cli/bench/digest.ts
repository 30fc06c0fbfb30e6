/**
 * `khulasa bench digest`: clustering time at 1,000 / 5,000 / 20,000 synthetic Arabic-like
 * articles (with how cost grows), topic-query latency over 50,000, and peak memory. Medians of
 * several runs, beside a baseline measured in the same run: the bare term extraction
 * (normalize → tokenize → stem) of the same articles, which any clustering must pay.
 */
import { availableParallelism } from 'node:os';
import { terms } from '../../arabic/index.js';
import {
  answerTopic,
  clusterArticles,
  addFrequencies,
  createSearchIndex,
  documentFrequencies,
  type DocumentFrequencies,
} from '../../digest/index.js';
import { seededRandom, syntheticArticles } from '../../digest/synthetic.js';
import { intOption, writeLine, type Command } from '../command.js';

const HELP = `Usage: khulasa bench digest [--runs N] [--queries N] [--sizes 1000,5000,20000] [--index-size N]
                            [--background N] [--json]

Clustering time for synthetic Arabic-like articles at each size (median of N runs, default 3)
with the growth ratio between sizes, beside the bare term extraction of the same articles;
then the largest size again over a history of --background articles (default 100000, a week
of a busy service; 0 skips it), whose document frequencies are computed once beforehand as
ingest keeps them;
topic-query p50/p95 over --index-size articles (default 50000, --queries default 200);
peak resident memory. Targets: 20,000 articles clustered in ≤ 3 s on one core (judged on the
larger of wall time and CPU time, garbage collector threads included); topic p95 ≤ 20 ms.
For the one-core figure itself, pin the process: taskset -c 0 khulasa bench digest …`;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
}

const ms = (x: number): string => `${x.toFixed(x < 10 ? 2 : 0)} ms`;

export const command: Command = {
  name: 'bench digest',
  summary: 'clustering and topic-query speed',
  help: HELP,
  options: {
    runs: { type: 'string' },
    queries: { type: 'string' },
    sizes: { type: 'string' },
    'index-size': { type: 'string' },
    background: { type: 'string' },
    json: { type: 'boolean' },
  },
  async run(args, io) {
    const runs = intOption(args, 'runs', 3, { max: 50 });
    const queries = intOption(args, 'queries', 200, { max: 100_000 });
    const indexSize = intOption(args, 'index-size', 50_000, { min: 100, max: 500_000 });
    const backgroundSize = intOption(args, 'background', 100_000, { min: 0, max: 1_000_000 });
    const sizes = String(args.values.sizes ?? '1000,5000,20000')
      .split(',')
      .map((s) => intOption({ values: { size: s.trim() }, positionals: [] }, 'size', 1000));
    const say = async (line: string): Promise<void> => {
      if (!args.values.json) await writeLine(io.stdout, line);
    };
    const end = new Date(Date.UTC(2026, 0, 10, 12));
    // Pinned (taskset), the process sees one processor: the collector's threads then share it.
    const processors = availableParallelism();
    await say(
      `bench digest: ${runs} runs per size, medians; node ${process.version}, one thread, ${processors} processor${processors === 1 ? '' : 's'} available`,
    );
    await say('');
    await say(
      `${'articles'.padStart(8)}  ${'cluster'.padStart(10)}  ${'cpu'.padStart(10)}  ${'terms only'.padStart(10)}  ${'per 1k'.padStart(9)}  ${'stories'.padStart(7)}  growth`,
    );
    const clustering: {
      articles: number;
      medianMs: number;
      cpuMs: number;
      termsOnlyMs: number;
      stories: number;
      growth?: number;
      cpuGrowth?: number;
    }[] = [];
    for (const n of sizes) {
      const articles = syntheticArticles(n, { seed: 11, end });
      const wall: number[] = [];
      const cpu: number[] = [];
      const base: number[] = [];
      let stories = 0;
      // Clustering runs first, the baseline after: the baseline's millions of short-lived
      // strings would otherwise be collected during the clustering that follows them.
      for (let r = 0; r < runs; r++) {
        const c0 = process.cpuUsage();
        const t = performance.now();
        stories = clusterArticles(articles).length;
        wall.push(performance.now() - t);
        const c = process.cpuUsage(c0);
        cpu.push((c.user + c.system) / 1000);
      }
      for (let r = 0; r < runs; r++) {
        const t = performance.now();
        for (const a of articles) {
          terms(a.title);
          terms(a.text.slice(0, 1200));
        }
        base.push(performance.now() - t);
      }
      const prev = clustering.at(-1);
      const row = {
        articles: n,
        medianMs: median(wall),
        cpuMs: median(cpu),
        termsOnlyMs: median(base),
        stories,
        ...(prev
          ? { growth: median(wall) / prev.medianMs, cpuGrowth: median(cpu) / prev.cpuMs }
          : {}),
      };
      clustering.push(row);
      // Wall time swings with other processes on the machine; CPU time shows the growth too.
      const growth = prev
        ? `×${row.growth!.toFixed(2)} (cpu ×${(row.cpuMs / prev.cpuMs).toFixed(2)}) for ×${(n / prev.articles).toFixed(1)}`
        : '';
      await say(
        `${String(n).padStart(8)}  ${ms(row.medianMs).padStart(10)}  ${ms(row.cpuMs).padStart(10)}  ${ms(row.termsOnlyMs).padStart(10)}  ${ms((row.medianMs / n) * 1000).padStart(9)}  ${stories.toString().padStart(7)}  ${growth}`,
      );
    }

    // The largest size again, over a week of history (as the hourly build runs it).
    let withHistory:
      | {
          articles: number;
          backgroundArticles: number;
          medianMs: number;
          cpuMs: number;
          stories: number;
          /** Same size without history, this run. */
          baselineMs: number;
        }
      | undefined;
    const last = clustering.at(-1);
    if (backgroundSize > 0 && last) {
      const articles = syntheticArticles(last.articles, { seed: 11, end });
      // Other events in the same language: the same generator run on past the clustered
      // articles (the same common vocabulary, new names), kept a day at a time as ingest does.
      const history = syntheticArticles(last.articles + backgroundSize, { seed: 11, end }).slice(
        last.articles,
      );
      const days: DocumentFrequencies[] = [];
      for (let day = 0; day < 7; day++) {
        const from = Math.round((history.length * day) / 7);
        const to = Math.round((history.length * (day + 1)) / 7);
        days.push(documentFrequencies(history.slice(from, to)));
      }
      history.length = 0;
      const background = addFrequencies(days);
      const wall: number[] = [];
      const cpu: number[] = [];
      let stories = 0;
      for (let r = 0; r < runs; r++) {
        const c0 = process.cpuUsage();
        const t = performance.now();
        stories = clusterArticles(articles, { background }).length;
        wall.push(performance.now() - t);
        const c = process.cpuUsage(c0);
        cpu.push((c.user + c.system) / 1000);
      }
      withHistory = {
        articles: last.articles,
        backgroundArticles: backgroundSize,
        medianMs: median(wall),
        cpuMs: median(cpu),
        stories,
        baselineMs: last.medianMs,
      };
      await say(
        `${String(last.articles).padStart(8)}  ${ms(withHistory.medianMs).padStart(10)}  ${ms(withHistory.cpuMs).padStart(10)}  ${''.padStart(10)}  ${ms((withHistory.medianMs / last.articles) * 1000).padStart(9)}  ${stories.toString().padStart(7)}  with ${backgroundSize} articles of history (×${(withHistory.medianMs / last.medianMs).toFixed(2)} of the run without)`,
      );
    }

    // Topic queries over a large index.
    const pool = syntheticArticles(indexSize, { seed: 12, end, spanHours: 96 });
    let t = performance.now();
    const index = createSearchIndex(pool);
    const buildMs = performance.now() - t;
    const rand = seededRandom(5);
    const words = (text: string): string[] => text.split(/\s+/).filter((w) => w.length > 3);
    const qs: string[] = [];
    for (let i = 0; i < queries; i++) {
      const a = pool[Math.floor(rand() * pool.length)]!;
      const w = words(a.title);
      const k = 1 + Math.floor(rand() * 2);
      const picked: string[] = [];
      for (let j = 0; j < k && w.length; j++) picked.push(w[Math.floor(rand() * w.length)]!);
      qs.push(picked.join(' ') || 'خبر');
    }
    // Warm-up, then timed.
    for (const q of qs.slice(0, 10)) answerTopic(index, q, { now: end, days: 3 });
    const full: number[] = [];
    const searchOnly: number[] = [];
    let answered = 0;
    for (const q of qs) {
      t = performance.now();
      index.search(q, { since: new Date(end.getTime() - 3 * 86_400_000), until: end });
      searchOnly.push(performance.now() - t);
      t = performance.now();
      if (answerTopic(index, q, { now: end, days: 3 }).stories.length) answered++;
      full.push(performance.now() - t);
    }
    const peakRssMb = process.resourceUsage().maxRSS / 1024;
    const topic = {
      indexArticles: indexSize,
      buildMs,
      queries: qs.length,
      answered,
      p50Ms: percentile(full, 50),
      p95Ms: percentile(full, 95),
      searchOnlyP50Ms: percentile(searchOnly, 50),
      searchOnlyP95Ms: percentile(searchOnly, 95),
    };
    if (args.values.json) {
      await writeLine(
        io.stdout,
        JSON.stringify({ runs, processors, clustering, withHistory, topic, peakRssMb }),
      );
      return 0;
    }
    await say('');
    await say(
      `topic over ${indexSize} articles (index built in ${ms(buildMs)}): ${qs.length} queries, ${answered} answered`,
    );
    await say(
      `  answer (search + stories + key points): p50 ${ms(topic.p50Ms)}, p95 ${ms(topic.p95Ms)}`,
    );
    await say(
      `  search only (baseline):                 p50 ${ms(topic.searchOnlyP50Ms)}, p95 ${ms(topic.searchOnlyP95Ms)}`,
    );
    await say(`peak resident memory: ${peakRssMb.toFixed(0)} MB`);
    const largest = withHistory ?? clustering.at(-1);
    if (largest) {
      // The target is for one core: the garbage collector's helper threads run beside the
      // clustering here, and on one core they would take turns with it. Their CPU time is
      // counted, so an unpinned run is judged on the larger of wall and CPU time (an upper
      // bound: pinned, the two agree and come out lower).
      const oneCore = Math.max(largest.medianMs, largest.cpuMs);
      await say(
        `targets: ${largest.articles} clustered${withHistory ? ` over ${withHistory.backgroundArticles} of history` : ''} in ${ms(largest.medianMs)}, ${ms(largest.cpuMs)} of CPU (≤ 3000 ms on one core at 20000: ${largest.articles === 20000 ? (oneCore <= 3000 ? 'met' : 'missed') : 'n/a'}); topic p95 ${ms(topic.p95Ms)} (≤ 20 ms: ${topic.p95Ms <= 20 ? 'met' : 'missed'})`,
      );
      if (processors > 1) {
        // Measured: pinned to one core, wall and CPU time agree and come out below the CPU
        // time of an unpinned run, whose collector threads also spend time coordinating.
        await say(
          `not pinned (${processors} processors): the CPU time includes the garbage collector's threads beside the clustering; taskset -c 0 khulasa bench digest … measures one core`,
        );
      }
    }
    return 0;
  },
};
