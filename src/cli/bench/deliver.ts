/**
 * `khulasa bench deliver`: delivery at Telegram's pace against a fake Bot API on 127.0.0.1 that
 * enforces the limits (429 with retry_after when exceeded). Four parts:
 *   pace    — the sustained rate at Telegram's default 30/s, then N subscribers (10,000) at
 *             --rate, each served once; peak memory
 *   big     — 100,000 subscribers: memory, a typical minute's tick, the busiest minute's selection
 *   kill    — `khulasa deliver --all` in a child process, SIGKILLed mid-broadcast, restarted:
 *             everyone has the digest, duplicates ≤ the sends in flight at the kill
 *   faults  — 3% of chats answering 403 and a burst of 500s: the rest are unaffected
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Telegram } from 'telegraf';
import { parseConfig } from '../../config/index.js';
import { silentLogger } from '../../log.js';
import { createStore } from '../../store/index.js';
import type { Store, Subscriber } from '../../store/types.js';
import { createTranslatorFromConfig } from '../../translate/index.js';
import { renderDigest } from '../../bot/index.js';
import { createMetrics } from '../../ops/metrics.js';
import { createScheduleDeps } from '../../app/schedule-deps.js';
import { runDeliveryPass, selectDue, type DeliveryReport } from '../../schedule/delivery.js';
import { benchDigest } from '../../testkit/digests.js';
import {
  startRateLimitedBotApi,
  type RateLimitedBotApi,
} from '../../testkit/rate-limited-bot-api.js';
import {
  UsageError,
  intOption,
  listOption,
  writeLine,
  type CliIO,
  type Command,
} from '../command.js';

const HELP = `Usage: khulasa bench deliver [--subscribers N] [--rate R] [--big N] [--kill-subscribers N]
                              [--fault-subscribers N] [--only pace,big,kill,faults] [--json]

Delivers digests to a fake Bot API on 127.0.0.1 that enforces Telegram's limits (overall rate,
1/s per chat, 20/min per group) and answers 429 with retry_after when they are exceeded.

  pace    sustained rate at 30/s (Telegram's default, ~12 s) and N subscribers (default 10000)
          at --rate R (default 100, as for paid broadcasts, so the run takes ~100 s instead of
          6 minutes at 30/s); every subscriber served once; peak memory
  big     --big N subscribers (default 100000): memory, tick time of a typical minute, and the
          selection time of the busiest minute
  kill    'khulasa deliver --all' in a child process on a SQLite store, SIGKILLed mid-broadcast
          and restarted: every subscriber has the digest, duplicates <= sends in flight at the kill
  faults  3% of chats answering 403 and a burst of 500s: the rest unaffected

Targets: sustained >= 95% of the configured rate; duplicates <= in flight; no one missed.`;

const TOKEN = '123456:AAbenchTokenForTheFakeBotApi_abcdef';
function hhmmUtc(d: Date): string {
  return d.toISOString().slice(11, 16);
}

function sub(chatId: number, deliveryTime: string, timeZone = 'UTC'): Subscriber {
  const now = new Date().toISOString();
  return {
    chatId,
    chatType: chatId < 0 ? 'group' : 'private',
    language: 'ar',
    deliveryTime,
    timeZone,
    topics: [],
    active: true,
    createdAt: now,
    updatedAt: now,
  };
}

async function seed(store: Store, subs: Subscriber[]): Promise<void> {
  const batch = 500;
  for (let i = 0; i < subs.length; i += batch) {
    await store.subscribers.upsertMany(
      subs.slice(i, i + batch).map((s) => ({ chatId: s.chatId, update: () => s })),
    );
  }
}

/** Samples memory every 50 ms; returns the peaks above the starting point. */
function memorySampler() {
  const base = process.memoryUsage();
  let rss = base.rss;
  let heap = base.heapUsed;
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    rss = Math.max(rss, m.rss);
    heap = Math.max(heap, m.heapUsed);
  }, 50);
  return {
    stop() {
      clearInterval(timer);
      return { peakRssMB: mb(rss), peakHeapMB: mb(heap), heapGrowthMB: mb(heap - base.heapUsed) };
    },
  };
}

const mb = (b: number) => Math.round((b / 1048576) * 10) / 10;

function depsFor(store: Store, fake: RateLimitedBotApi, rate: number) {
  const config = parseConfig({ SEND_RATE_PER_SECOND: String(rate), TRANSLATE_PROVIDER: 'none' });
  const log = silentLogger();
  const translator = createTranslatorFromConfig(config, { store, log });
  const deps = createScheduleDeps({
    config,
    log,
    store,
    translator,
    telegram: new Telegram(TOKEN, { apiRoot: `${fake.apiRoot}/`, webhookReply: false }),
    metrics: createMetrics(),
    instanceId: 'bench',
    ingest: async () => ({ sources: [], articles: 0 }),
  });
  return { deps, translator };
}

interface PaceResult {
  subscribers: number;
  configuredRate: number;
  sustainedRate: number;
  ratio: number;
  maxInOneSecond: number;
  rejected429: number;
  servedOnce: number;
  missing: number;
  duplicates: number;
  seconds: number;
  report: DeliveryReport;
  peakRssMB: number;
  peakHeapMB: number;
}

/** Everyone due this minute; one pass; counts from the fake's side. */
async function broadcast(count: number, rate: number, groupsEvery = 20): Promise<PaceResult> {
  const fake = await startRateLimitedBotApi({ rate });
  const store = await createStore('memory://');
  const now = new Date();
  const digest = benchDigest(now, `bench-${now.getTime()}`);
  await store.digests.put(digest);
  const parts = renderDigest(digest, { ui: 'ar' }).length;
  const subs = Array.from({ length: count }, (_, i) =>
    sub(i % groupsEvery === 0 ? -(1_000_000 + i) : 1_000_000 + i, hhmmUtc(now)),
  );
  await seed(store, subs);
  const { deps, translator } = depsFor(store, fake, rate);
  const mem = memorySampler();
  const report = await runDeliveryPass(deps, { now });
  const m = mem.stop();
  let servedOnce = 0;
  let missing = 0;
  let duplicates = 0;
  for (const s of subs) {
    const n = fake.sent(s.chatId);
    if (n === parts) servedOnce++;
    if (n < parts) missing++;
    if (n > parts) duplicates += n - parts;
  }
  const span = (fake.stats.lastAcceptedAt - fake.stats.firstAcceptedAt) / 1000;
  // n messages over the span between the first and the last: n-1 intervals.
  const sustained = span > 0 ? (fake.stats.accepted - 1) / span : 0;
  await translator.close();
  await store.close();
  await fake.close();
  return {
    subscribers: count,
    configuredRate: rate,
    sustainedRate: Math.round(sustained * 10) / 10,
    ratio: Math.round((sustained / rate) * 1000) / 1000,
    maxInOneSecond: fake.stats.maxPerSecond,
    rejected429: fake.stats.rejected429,
    servedOnce,
    missing,
    duplicates,
    seconds: Math.round(span * 10) / 10,
    report,
    ...m,
  };
}

async function big(count: number, rate: number) {
  const zones = [
    'UTC',
    'Asia/Riyadh',
    'Africa/Cairo',
    'Europe/Berlin',
    'America/New_York',
    'Asia/Kolkata',
    'Africa/Casablanca',
    'Asia/Dubai',
  ];
  const fake = await startRateLimitedBotApi({ rate });
  const store = await createStore('memory://');
  const now = new Date();
  await store.digests.put(benchDigest(now, `big-${now.getTime()}`));
  const heap0 = process.memoryUsage().heapUsed;
  const rss0 = process.memoryUsage().rss;
  const mem = memorySampler();
  const subs: Subscriber[] = [];
  for (let i = 0; i < count; i++) {
    // A third keep the default 07:00; the rest spread over the day.
    const minute = i % 3 === 0 ? 420 : (i * 7919) % 1440;
    const time = `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
    subs.push(sub(2_000_000 + i, time, zones[(Math.imul(i, 2654435761) >>> 29) % zones.length]));
  }
  const t0 = performance.now();
  await seed(store, subs);
  const seedMs = performance.now() - t0;
  subs.length = 0;
  if (global.gc) global.gc();
  const heapMB = mb(process.memoryUsage().heapUsed - heap0);
  const rssMB = mb(process.memoryUsage().rss - rss0);
  const { deps, translator } = depsFor(store, fake, rate);
  // A typical minute: select, plan and send to whoever is due now.
  const t1 = performance.now();
  const typical = await runDeliveryPass(deps, { now });
  const tickMs = performance.now() - t1;
  // The busiest minute (07:00 UTC: every UTC subscriber left at the default): selection only.
  const busiest = new Date(
    Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), 7, 0, 10),
  );
  const selectTimes: number[] = [];
  let busiestCount = 0;
  for (let r = 0; r < 3; r++) {
    await store.meta.set('schedule:lastTick', undefined);
    const t2 = performance.now();
    busiestCount = (await selectDue(deps, busiest)).subscribers.length;
    selectTimes.push(performance.now() - t2);
  }
  const m = mem.stop();
  await translator.close();
  await store.close();
  await fake.close();
  return {
    subscribers: count,
    seedSeconds: Math.round(seedMs / 100) / 10,
    heapMB,
    rssMB,
    peakRssMB: m.peakRssMB,
    typicalMinute: {
      due: typical.sent + typical.skipped + typical.failed + typical.blocked,
      tickMs: Math.round(tickMs),
    },
    busiestMinute: {
      due: busiestCount,
      selectMsMedian: Math.round(selectTimes.sort((a, b) => a - b)[1]!),
    },
  };
}

const BIN = resolve(fileURLToPath(import.meta.url), '../../../../bin/khulasa.js');

function runChild(env: Record<string, string>, onStart?: (kill: () => void) => void) {
  const child = spawn(process.execPath, [BIN, 'deliver', '--all', '--json'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  onStart?.(() => child.kill('SIGKILL'));
  return new Promise<{ code: number | null; signal: string | null; out: string; err: string }>(
    (resolveExit) => child.on('exit', (code, signal) => resolveExit({ code, signal, out, err })),
  );
}

async function kill(count: number, rate: number, progress: (line: string) => void) {
  const dir = mkdtempSync(join(tmpdir(), 'khulasa-bench-deliver-'));
  const storeUrl = `sqlite://${join(dir, 'bench.sqlite')}`;
  try {
    const now = new Date();
    const digest = benchDigest(now, `kill-${now.getTime()}`, true);
    const parts = renderDigest(digest, { ui: 'ar' }).length;
    const subs = Array.from({ length: count }, (_, i) => sub(3_000_000 + i, '07:00'));
    let store = await createStore(storeUrl);
    await store.digests.put(digest);
    await seed(store, subs);
    await store.close();
    progress(`kill: ${count} subscribers saved; starting 'khulasa deliver --all'`);
    const fake = await startRateLimitedBotApi({ rate });
    const env = {
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: fake.apiRoot,
      STORE_URL: storeUrl,
      SEND_RATE_PER_SECOND: String(rate),
      TRANSLATE_PROVIDER: 'none',
      LOG_LEVEL: 'error',
    };
    const total = count * parts;
    let acceptedAtKill = 0;
    let openAtKill = 0;
    const first = await runChild(env, (killChild) => {
      const timer = setInterval(() => {
        if (fake.stats.accepted >= total * 0.4) {
          clearInterval(timer);
          killChild();
          acceptedAtKill = fake.stats.accepted;
          openAtKill = fake.stats.open;
        }
      }, 5);
    });
    if (first.signal !== 'SIGKILL') {
      throw new Error(
        `the first run was not killed (exit ${first.code}): ${first.err.trim().split('\n')[0]}`,
      );
    }
    progress(`kill: SIGKILL after ${acceptedAtKill} of ${total} messages; reading the outbox`);
    await new Promise((r) => setTimeout(r, 200));
    const acceptedAfterKill = fake.stats.accepted;
    // What the outbox had recorded when the process died.
    store = await createStore(storeUrl);
    let recorded = 0;
    for await (const rec of store.deliveries.listForDigest(digest.id)) {
      recorded += rec.status === 'sent' ? parts : rec.partsSent;
    }
    await store.close();
    const inFlight = acceptedAfterKill - recorded;
    progress(`kill: restarting 'khulasa deliver --all'`);
    const second = await runChild(env);
    if (second.code !== 0)
      throw new Error(`the restart failed: ${second.err.trim().split('\n')[0]}`);
    const report = JSON.parse(second.out.trim()) as DeliveryReport;
    store = await createStore(storeUrl);
    let missing = 0;
    let duplicates = 0;
    let withDigest = 0;
    for (const s of subs) {
      const n = fake.sent(s.chatId);
      if (n < parts) missing++;
      if (n > parts) duplicates += n - parts;
      if ((await store.subscribers.get(s.chatId))?.lastDigestId === digest.id) withDigest++;
    }
    await store.close();
    await fake.close();
    return {
      subscribers: count,
      partsPerDigest: parts,
      killedAfterMessages: acceptedAtKill,
      openRequestsAtKill: openAtKill,
      inFlightAtKill: inFlight,
      duplicates,
      missing,
      subscribersWithDigest: withDigest,
      restartReport: report,
      ok: missing === 0 && duplicates <= inFlight && withDigest === count,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function faults(count: number, rate: number) {
  const fake = await startRateLimitedBotApi({ rate });
  const store = await createStore('memory://');
  const now = new Date();
  const digest = benchDigest(now, `faults-${now.getTime()}`);
  await store.digests.put(digest);
  const parts = renderDigest(digest, { ui: 'ar' }).length;
  const subs = Array.from({ length: count }, (_, i) => sub(4_000_000 + i, hhmmUtc(now)));
  await seed(store, subs);
  const blocked = (chatId: number) => chatId % 33 === 0;
  const burst = { from: Math.floor(count * 0.3), length: Math.max(50, Math.floor(rate * 0.8)) };
  fake.behave({
    blocked,
    fail: (_chat, n) => (n >= burst.from && n < burst.from + burst.length ? 500 : undefined),
  });
  const { deps, translator } = depsFor(store, fake, rate);
  const report = await runDeliveryPass(deps, { now });
  let othersServedOnce = 0;
  let othersAffected = 0;
  let blockedChats = 0;
  let blockedInactive = 0;
  for (const s of subs) {
    if (blocked(s.chatId)) {
      blockedChats++;
      if ((await store.subscribers.get(s.chatId))?.active === false) blockedInactive++;
    } else if (fake.sent(s.chatId) === parts) othersServedOnce++;
    else othersAffected++;
  }
  await translator.close();
  await store.close();
  await fake.close();
  return {
    subscribers: count,
    blockedChats,
    blockedMarkedInactive: blockedInactive,
    burstOf500: fake.stats.failed5xx,
    retries: deps.sender.stats.retries,
    othersServedOnce,
    othersAffected,
    report,
  };
}

export const command: Command = {
  name: 'bench deliver',
  summary: 'delivery rate, memory, crash recovery and fault isolation',
  help: HELP,
  options: {
    subscribers: { type: 'string' },
    rate: { type: 'string' },
    big: { type: 'string' },
    'kill-subscribers': { type: 'string' },
    'fault-subscribers': { type: 'string' },
    only: { type: 'string', multiple: true },
    json: { type: 'boolean' },
  },
  async run(args, io: CliIO) {
    const count = intOption(args, 'subscribers', 10_000);
    const rate = intOption(args, 'rate', 100, { max: 1000 });
    const bigCount = intOption(args, 'big', 100_000, { max: 2_000_000 });
    const killCount = intOption(args, 'kill-subscribers', 1500);
    const faultCount = intOption(args, 'fault-subscribers', 3000);
    const parts = listOption(args, 'only').flatMap((v) => v.split(','));
    const known = ['pace', 'big', 'kill', 'faults'];
    for (const p of parts) {
      if (!known.includes(p))
        throw new UsageError(`--only expects ${known.join(', ')}; got '${p}'`);
    }
    const want = (p: string) => parts.length === 0 || parts.includes(p);
    const say = (line: string) =>
      args.values.json ? Promise.resolve() : writeLine(io.stdout, line);
    const results: Record<string, unknown> = {};
    let ok = true;

    if (want('pace')) {
      const base = await broadcast(Math.max(60, 30 * 12), 30);
      results.telegramDefault = base;
      await say(
        `pace @30/s (Telegram's default): ${base.subscribers} subscribers in ${base.seconds} s, sustained ${base.sustainedRate}/s = ${(base.ratio * 100).toFixed(1)}% of 30/s; busiest second ${base.maxInOneSecond}; 429s ${base.rejected429}`,
      );
      const main = await broadcast(count, rate);
      results.pace = main;
      await say(
        `pace @${rate}/s (--rate): ${main.subscribers} subscribers in ${main.seconds} s, sustained ${main.sustainedRate}/s = ${(main.ratio * 100).toFixed(1)}% of ${rate}/s; busiest second ${main.maxInOneSecond}; 429s ${main.rejected429}`,
      );
      await say(
        `  served once ${main.servedOnce}/${main.subscribers}, missing ${main.missing}, duplicates ${main.duplicates}; report sent ${main.report.sent} failed ${main.report.failed}; peak RSS ${main.peakRssMB} MB, peak heap ${main.peakHeapMB} MB`,
      );
      ok &&=
        base.ratio >= 0.95 && main.ratio >= 0.95 && main.missing === 0 && main.duplicates === 0;
    }
    if (want('big')) {
      const b = await big(bigCount, rate);
      results.big = b;
      await say(
        `big: ${b.subscribers} subscribers stored in ${b.seedSeconds} s; heap +${b.heapMB} MB, RSS +${b.rssMB} MB (peak ${b.peakRssMB} MB)`,
      );
      await say(
        `  tick of a typical minute: ${b.typicalMinute.due} due, ${b.typicalMinute.tickMs} ms (select, render, claim, send); busiest minute: ${b.busiestMinute.due} due, selected in ${b.busiestMinute.selectMsMedian} ms (median of 3)`,
      );
    }
    if (want('kill')) {
      const k = await kill(killCount, rate, (line) => io.stderr.write(`${line}\n`));
      results.kill = k;
      await say(
        `kill: ${k.subscribers} subscribers × ${k.partsPerDigest} parts; SIGKILL after ${k.killedAfterMessages} messages; sends in flight at the kill ${k.inFlightAtKill} (open requests ${k.openRequestsAtKill}); duplicates after restart ${k.duplicates}; missing ${k.missing}; with the digest ${k.subscribersWithDigest}/${k.subscribers} — ${k.ok ? 'ok' : 'FAILED'}`,
      );
      await say(`  restart report ${JSON.stringify(k.restartReport)}`);
      ok &&= k.ok;
    }
    if (want('faults')) {
      const f = await faults(faultCount, rate);
      results.faults = f;
      await say(
        `faults: ${f.subscribers} subscribers, ${f.blockedChats} answering 403 (${f.blockedMarkedInactive} set inactive), ${f.burstOf500} answers of 500 in a burst (${f.retries} retries); others served once ${f.othersServedOnce}, affected ${f.othersAffected}`,
      );
      await say(`  report ${JSON.stringify(f.report)}`);
      ok &&=
        f.othersAffected === 0 &&
        f.report.blocked === f.blockedChats &&
        f.blockedMarkedInactive === f.blockedChats;
    }
    if (args.values.json) await writeLine(io.stdout, JSON.stringify({ ...results, ok }));
    else await say(ok ? 'all targets met' : 'SOME TARGETS MISSED');
    return ok ? 0 : 1;
  },
};
