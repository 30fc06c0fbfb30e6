/**
 * `khulasa bench ingest`: 200 feeds × 50 items served by a local HTTP server this command starts,
 * read by one ingest pass into an in-memory store with the default concurrency. Reports wall
 * time and items/s (median of several runs), the parsing alone on one core, and baselines
 * measured in the same run: fast-xml-parser's bare parse of the same documents (the floor any
 * feed parser pays) and the same pass done one source at a time.
 */
import http from 'node:http';
import { XMLParser } from 'fast-xml-parser';
import { silentLogger } from '../../log.js';
import { parseFeed } from '../../sources/parse-feed.js';
import { runIngest } from '../../sources/ingest.js';
import { createStore } from '../../store/index.js';
import type { Source } from '../../store/types.js';
import { intOption, writeLine, type Command } from '../command.js';
import { seededRandom as seeded } from '../../digest/synthetic.js';
import { listenLocal } from '../../testkit/listen.js';

const HELP = `Usage: khulasa bench ingest [--feeds N] [--items N] [--hosts N] [--latency MS] [--runs N] [--json]

Starts local HTTP servers on 127.0.0.1 (--hosts, default 20, one port each, so the per-host
limit applies as it would to 20 outlets) serving --feeds feeds (default 200) of --items items
(default 50; RSS 2.0, HTML descriptions, synthetic Arabic text), each answer delayed by
--latency ms (default 30, a network round trip). Medians of --runs (default 3):
  parse only     parseFeed over every document, one thread: CPU time and wall time
                 (target ≥ 5,000 items/s), beside fast-xml-parser's bare parse of the same
                 documents, the floor any feed parser pays;
  full pass      runIngest (fetch, decode, parse, dedup, store in memory) with the default
                 concurrency (16 sources at once, 4 requests per host), beside the same pass
                 reading one source at a time;
  second pass    the same sources again: conditional GET, every feed answers 304.
The servers run in this process, so their work is included in the wall times. On a shared
machine wall times include waiting for a core; CPU times do not.`;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

const WORDS = (
  'قال أعلن الوزير الحكومة المدينة العاصمة مشروع جديد اليوم أمس الأسبوع المقبل خطة دعم ' +
  'المياه الكهرباء الطرق المدارس المستشفى الاقتصاد الأسعار التضخم النفط الغاز التجارة ' +
  'المزارعين الموسم الأمطار العاصفة الرياح الساحل الميناء المطار القطار الحافلات السكان ' +
  'البلدية المجلس البرلمان الرئيس الوفد القمة الاتفاق المفاوضات المنتخب البطولة المباراة ' +
  'الفريق الجمهور الملعب الجامعة الطلاب الباحثين الدراسة التقرير المرصد البنك الصندوق ' +
  'التمويل الاستثمار الشركات العمال الرواتب الصحة اللقاح الحملة الأطفال الأسر المعرض ' +
  'المهرجان الكتاب الثقافة التراث السياحة الفنادق الزوار الحدود الأمن الشرطة المحكمة'
).split(' ');

function sentence(r: () => number, n: number): string {
  return Array.from({ length: n }, () => WORDS[Math.floor(r() * WORDS.length)]!).join(' ');
}

/** One synthetic RSS 2.0 feed; item links are unique across feeds. */
function makeFeed(feed: number, items: number, now: number): string {
  const r = seeded(feed + 1);
  const parts = [
    `<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>مصدر ${feed}</title><link>https://feed${feed}.bench.example/</link>`,
  ];
  for (let i = 0; i < items; i++) {
    const date = new Date(now - (i * 17 + feed) * 60_000).toUTCString();
    const paras = Array.from({ length: 3 }, () => `<p>${sentence(r, 25)}.</p>`).join('');
    parts.push(
      `<item><title>${sentence(r, 8)}</title><link>https://feed${feed}.bench.example/news/${i}?utm_source=rss</link>` +
        `<guid isPermaLink="false">f${feed}-i${i}</guid><pubDate>${date}</pubDate>` +
        `<description><![CDATA[${paras}]]></description></item>`,
    );
  }
  parts.push('</channel></rss>');
  return parts.join('\n');
}

async function startBenchServer(
  docs: Buffer[],
  latencyMs: number,
): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const m = /^\/feed\/(\d+)\.xml$/.exec(req.url ?? '');
    const doc = m ? docs[Number(m[1])] : undefined;
    const answer = () => {
      if (!doc) {
        res.writeHead(404).end();
        return;
      }
      const etag = `"bench-${m![1]}"`;
      if (req.headers['if-none-match'] === etag) {
        res.writeHead(304, { etag }).end();
        return;
      }
      res
        .writeHead(200, {
          'content-type': 'application/rss+xml; charset=utf-8',
          'content-length': doc.length,
          etag,
        })
        .end(doc);
    };
    if (latencyMs > 0) setTimeout(answer, latencyMs);
    else answer();
  });
  server.keepAliveTimeout = 5000;
  return listenLocal(server);
}

/** CPU time (user + system) of this process, in ms. */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

const fmtMs = (x: number) => (x >= 10_000 ? `${(x / 1000).toFixed(1)} s` : `${x.toFixed(0)} ms`);
const rate = (items: number, ms: number) => Math.round((items / ms) * 1000);
const n = (x: number) => x.toLocaleString('en-US');

export const command: Command = {
  name: 'bench ingest',
  summary: 'feed fetching and parsing speed',
  help: HELP,
  options: {
    feeds: { type: 'string' },
    items: { type: 'string' },
    hosts: { type: 'string' },
    latency: { type: 'string' },
    runs: { type: 'string' },
    json: { type: 'boolean' },
  },
  async run(args, io) {
    const feeds = intOption(args, 'feeds', 200, { max: 5000 });
    const items = intOption(args, 'items', 50, { max: 1000 });
    const runs = intOption(args, 'runs', 3, { max: 50 });
    const hosts = Math.min(feeds, intOption(args, 'hosts', 20, { max: 500 }));
    const latency = intOption(args, 'latency', 30, { min: 0, max: 10_000 });
    const json = args.values.json === true;
    const say = async (line: string) => {
      if (!json) await writeLine(io.stdout, line);
    };
    const total = feeds * items;
    const now = Date.now();
    const texts = Array.from({ length: feeds }, (_, i) => makeFeed(i, items, now));
    const docs = texts.map((t) => Buffer.from(t));
    const mb = docs.reduce((s, d) => s + d.length, 0) / 1048576;
    await say(
      `bench ingest: ${feeds} feeds × ${items} items = ${n(total)} items (${mb.toFixed(1)} MB) on ${hosts} local hosts, ${latency} ms latency, ${runs} runs, medians; node ${process.version}`,
    );

    // Parsing alone, one thread.
    const parseMs: number[] = [];
    const parseCpu: number[] = [];
    const bareMs: number[] = [];
    const bareCpu: number[] = [];
    let parsedItems = 0;
    for (let r = 0; r < runs; r++) {
      let t0 = performance.now();
      let c0 = cpuMs();
      parsedItems = 0;
      for (const t of texts) {
        parsedItems += parseFeed(t, { url: 'https://bench.example/feed' }).items.length;
      }
      parseMs.push(performance.now() - t0);
      parseCpu.push(cpuMs() - c0);
      const bare = new XMLParser();
      t0 = performance.now();
      c0 = cpuMs();
      for (const t of texts) bare.parse(t);
      bareMs.push(performance.now() - t0);
      bareCpu.push(cpuMs() - c0);
    }
    const parse = median(parseMs);
    const parseCpuMs = median(parseCpu);
    const bare = median(bareMs);
    const bareCpuMs = median(bareCpu);
    const parseRate = rate(parsedItems, parseCpuMs);
    await say('');
    await say(
      `parse only, one thread      cpu ${fmtMs(parseCpuMs).padStart(8)} = ${n(parseRate).padStart(7)} items/s   wall ${fmtMs(parse).padStart(8)} = ${n(rate(parsedItems, parse)).padStart(7)} items/s   target ≥ 5,000 items/s: ${parseRate >= 5000 ? 'met' : 'NOT met'}`,
    );
    await say(
      `  baseline bare XML parse   cpu ${fmtMs(bareCpuMs).padStart(8)} = ${n(rate(parsedItems, bareCpuMs)).padStart(7)} items/s   wall ${fmtMs(bare).padStart(8)} = ${n(rate(parsedItems, bare)).padStart(7)} items/s   parseFeed/bare = ${(parseCpuMs / bareCpuMs).toFixed(2)}×`,
    );

    const servers = await Promise.all(
      Array.from({ length: hosts }, () => startBenchServer(docs, latency)),
    );
    const server = {
      close: async () => {
        await Promise.all(servers.map((x) => x.close()));
      },
    };
    const sources: Source[] = Array.from({ length: feeds }, (_, i) => ({
      id: `bench-${i}`,
      name: `Bench ${i}`,
      url: `${servers[i % hosts]!.url}/feed/${i}.xml`,
      kind: 'feed',
      language: 'ar',
    }));
    const log = silentLogger();
    const pass = async (
      concurrency: number | undefined,
      perHost: number | undefined,
      second: boolean,
    ) => {
      const store = await createStore('memory://');
      try {
        const deps = {
          store,
          log,
          now: () => new Date(),
          sources,
          allowPrivate: true,
          ttlMs: 7 * 86_400_000,
        };
        const opts = {
          force: true,
          ...(concurrency ? { concurrency } : {}),
          ...(perHost ? { http: { perHost, concurrency: perHost } } : {}),
        };
        if (second) await runIngest(deps, opts);
        const t0 = performance.now();
        const c0 = cpuMs();
        const report = await runIngest(deps, opts);
        const ms = performance.now() - t0;
        const cpu = cpuMs() - c0;
        const failed = report.sources.filter((s) => s.status === 'failed').length;
        const items = report.sources.reduce((s, r) => s + r.items, 0);
        const notModified = report.sources.filter((s) => s.status === 'not-modified').length;
        return { ms, cpu, items, stored: report.articles, failed, notModified };
      } finally {
        await store.close();
      }
    };

    try {
      const full: Awaited<ReturnType<typeof pass>>[] = [];
      const seq: Awaited<ReturnType<typeof pass>>[] = [];
      const again: Awaited<ReturnType<typeof pass>>[] = [];
      let peakRss = process.memoryUsage().rss;
      for (let r = 0; r < runs; r++) {
        full.push(await pass(undefined, undefined, false));
        peakRss = Math.max(peakRss, process.memoryUsage().rss);
        seq.push(await pass(1, 1, false));
        again.push(await pass(undefined, undefined, true));
      }
      const fullMs = median(full.map((x) => x.ms));
      const fullCpu = median(full.map((x) => x.cpu));
      const seqMs = median(seq.map((x) => x.ms));
      const againMs = median(again.map((x) => x.ms));
      const last = full.at(-1)!;
      await say(
        `full pass, default concurrency  wall ${fmtMs(fullMs).padStart(8)} = ${n(rate(last.items, fullMs)).padStart(7)} items/s   cpu ${fmtMs(fullCpu).padStart(8)}   ${n(last.stored)} stored, ${last.failed} failed`,
      );
      await say(
        `  baseline one at a time        wall ${fmtMs(seqMs).padStart(8)} = ${n(rate(seq.at(-1)!.items, seqMs)).padStart(7)} items/s   concurrency speed-up ${(seqMs / fullMs).toFixed(1)}×`,
      );
      await say(
        `second pass, conditional GET    wall ${fmtMs(againMs).padStart(8)}   ${again.at(-1)!.notModified}/${feeds} feeds answered 304`,
      );
      await say(`peak RSS ${(peakRss / 1048576).toFixed(0)} MB`);
      if (json) {
        await writeLine(
          io.stdout,
          JSON.stringify({
            feeds,
            items,
            runs,
            parse: { medianMs: parse, itemsPerSecond: rate(parsedItems, parse), target: 5000 },
            bareXmlParse: { medianMs: bare, itemsPerSecond: rate(parsedItems, bare) },
            fullPass: {
              medianMs: fullMs,
              itemsPerSecond: rate(last.items, fullMs),
              stored: last.stored,
              failed: last.failed,
            },
            sequentialPass: { medianMs: seqMs, itemsPerSecond: rate(seq.at(-1)!.items, seqMs) },
            conditionalPass: { medianMs: againMs, notModified: again.at(-1)!.notModified },
            peakRssMb: Math.round(peakRss / 1048576),
          }),
        );
      }
      return last.failed === 0 ? 0 : 1;
    } finally {
      await server.close();
    }
  },
};
