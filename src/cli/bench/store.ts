/**
 * `khulasa bench store`: import, due-selection and export of many subscribers on the real
 * backends, beside the naive way (a keyv iterator() scan that checks every subscriber) measured
 * in the same run.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { createStoreOn, openDriver } from '../../store/index.js';
import type { Driver } from '../../store/driver.js';
import { dueMinutes } from '../../time/index.js';
import { SubscriberSchema, type Store, type Subscriber } from '../../store/types.js';
import { exportLine, importSubscribers, runExport } from '../subscribers.js';
import { UsageError, intOption, writeLine, type Command } from '../command.js';
import { seededRandom as rng } from '../../digest/synthetic.js';
import { dropPostgresSchema } from '../../store/drivers/postgres.js';
import { dropRedisPrefix } from '../../store/drivers/redis.js';

const HELP = `Usage: khulasa bench store [--count N] [--backend sqlite|redis|postgres|memory] [--minutes M]

Saves N subscribers (default 100000) through 'subscribers import', selects who is due in M
UTC minutes (default 9; median and worst reported), exports them all, and times a baseline:
a keyv iterator() scan checking every subscriber against one minute, as a store without an
index would. Reports time and peak memory (RSS growth of this process) for each step.

Backends: sqlite (a temp file) always; redis when TEST_REDIS_URL or REDIS_URL is set (a unique
key prefix, deleted afterwards); postgres only when asked and TEST_POSTGRES_URL is set (a
temporary schema, dropped afterwards). Target: due-selection <= 50 ms at 100,000.`;

const ZONES = [
  'Asia/Riyadh',
  'Africa/Cairo',
  'Asia/Dubai',
  'Asia/Baghdad',
  'Asia/Amman',
  'Asia/Beirut',
  'Asia/Damascus',
  'Asia/Qatar',
  'Asia/Kuwait',
  'Africa/Casablanca',
  'Africa/Algiers',
  'Africa/Tunis',
  'Africa/Khartoum',
  'Asia/Gaza',
  'Asia/Muscat',
  'Europe/London',
  'Europe/Paris',
  'Europe/Berlin',
  'Europe/Istanbul',
  'Europe/Moscow',
  'America/New_York',
  'America/Chicago',
  'America/Los_Angeles',
  'Asia/Kolkata',
  'Asia/Shanghai',
];

/**
 * Readers cluster on round times: 60% pick :00 or :30 between 06:00 and 22:30, the rest any
 * minute of the day. That makes the measured ticks (on the hour) the busy ones.
 */
export function benchSubscribers(count: number): Subscriber[] {
  const r = rng(42);
  const stamp = '2026-01-01T00:00:00.000Z';
  const out: Subscriber[] = [];
  for (let i = 0; i < count; i++) {
    const minute = r() < 0.6 ? 360 + Math.floor(r() * 34) * 30 : Math.floor(r() * 1440);
    const hh = String(Math.floor(minute / 60)).padStart(2, '0');
    const mm = String(minute % 60).padStart(2, '0');
    out.push({
      chatId: 100_000_000 + i,
      chatType: r() < 0.9 ? 'private' : 'supergroup',
      language: ['ar', 'en', 'fr', 'ru', 'zh'][Math.floor(r() * 5)]!,
      deliveryTime: `${hh}:${mm}`,
      timeZone: ZONES[Math.floor(r() * ZONES.length)]!,
      topics: r() < 0.2 ? ['غزة'] : [],
      active: r() < 0.95,
      createdAt: stamp,
      updatedAt: stamp,
    });
  }
  return out;
}

interface Measured<T> {
  ms: number;
  peakMb: number;
  value: T;
}

/** Times `fn` and samples this process's RSS while it runs. */
async function measure<T>(fn: () => Promise<T>): Promise<Measured<T>> {
  global.gc?.();
  const base = process.memoryUsage().rss;
  let peak = base;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 10);
  const t0 = performance.now();
  try {
    const value = await fn();
    const ms = performance.now() - t0;
    peak = Math.max(peak, process.memoryUsage().rss);
    return { ms, peakMb: (peak - base) / 1048576, value };
  } finally {
    clearInterval(timer);
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

const fmtMs = (ms: number) =>
  ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${ms.toFixed(1)} ms`;
const fmtMb = (mb: number) => `${Math.max(0, mb).toFixed(0)} MB`;

interface Target {
  name: string;
  url: string;
  cleanup(): Promise<void>;
}

function targets(
  wanted: string | undefined,
  env: Record<string, string | undefined>,
): {
  list: Target[];
  notes: string[];
} {
  const list: Target[] = [];
  const notes: string[] = [];
  const want = (name: string) => wanted === undefined || wanted === name;
  if (wanted === 'memory') {
    list.push({ name: 'memory', url: 'memory://', cleanup: async () => undefined });
  }
  if (want('sqlite')) {
    const dir = mkdtempSync(join(tmpdir(), 'khulasa-bench-store-'));
    list.push({
      name: 'sqlite',
      url: `sqlite://${join(dir, 'store.sqlite')}`,
      cleanup: async () => rmSync(dir, { recursive: true, force: true }),
    });
  }
  if (want('redis')) {
    const redisUrl = env.TEST_REDIS_URL || env.REDIS_URL;
    if (!redisUrl) notes.push('redis: skipped (set TEST_REDIS_URL or REDIS_URL to include it)');
    else {
      const prefix = `khulasa-bench-${randomBytes(5).toString('hex')}:`;
      const u = new URL(redisUrl);
      u.searchParams.set('prefix', prefix);
      list.push({
        name: 'redis',
        url: u.toString(),
        cleanup: () => dropRedisPrefix(redisUrl, prefix),
      });
    }
  }
  if (wanted === 'postgres') {
    const pgUrl = env.TEST_POSTGRES_URL;
    if (!pgUrl) notes.push('postgres: skipped (set TEST_POSTGRES_URL to include it)');
    else {
      const schema = `khulasa_bench_${randomBytes(5).toString('hex')}`;
      const u = new URL(pgUrl);
      u.searchParams.set('schema', schema);
      list.push({
        name: 'postgres',
        url: u.toString(),
        cleanup: () => dropPostgresSchema(pgUrl, schema),
      });
    }
  }
  return { list, notes };
}

/** The naive due-selection: read every subscriber through keyv's iterator and check its time. */
async function baselineScan(driver: Driver, minute: number, budgetMs: number) {
  const kv = driver.kv;
  const t0 = performance.now();
  let rows = 0;
  let due = 0;
  let complete = true;
  let error: string | undefined;
  const iterate = kv.iterator as unknown as (() => AsyncGenerator<[string, unknown]>) | undefined;
  if (!iterate) throw new Error('this keyv store has no iterator()');
  try {
    for await (const [key, value] of iterate.call(kv)) {
      if (!key.startsWith('benchsub:')) continue;
      rows++;
      const s = SubscriberSchema.safeParse(value);
      if (
        s.success &&
        s.data.active &&
        dueMinutes(s.data.timeZone, minute).includes(minuteOf(s.data.deliveryTime))
      ) {
        due++;
      }
      if (performance.now() - t0 > budgetMs) {
        complete = false;
        break;
      }
    }
  } catch (err) {
    // A scan that breaks midway (the backend went away, an iterator that cannot page through
    // this many rows) is reported beside the others, not thrown.
    complete = false;
    error = (err as Error).message;
  }
  return { rows, due, complete, error };
}

const minuteOf = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));

async function benchOne(
  target: Target,
  subs: Subscriber[],
  minutes: Date[],
  out: Writable,
): Promise<void> {
  const say = (line: string) => writeLine(out, `  ${line}`);
  const driver = await openDriver(target.url);
  let store: Store | undefined;
  try {
    store = await createStoreOn(driver);
    const s = store;
    await writeLine(out, `${target.name}:`);

    const lines = subs.map(exportLine);
    const imported = await measure(() =>
      importSubscribers(
        s,
        (async function* () {
          yield* lines;
        })(),
        { now: () => new Date('2026-01-01T00:00:00Z'), onBad: () => undefined },
      ),
    );
    const rate = (subs.length / imported.ms) * 1000;
    await say(
      `import         ${fmtMs(imported.ms).padStart(10)}  ${rate.toFixed(0)} subscribers/s, peak +${fmtMb(imported.peakMb)}` +
        ` (${imported.value.imported} imported)`,
    );

    const ticks: { ms: number; due: number }[] = [];
    let duePeak = 0;
    await s.subscribers.dueAt(minutes[0]!); // warm-up: formatters, statement cache
    for (const minute of minutes) {
      const r = await measure(() => s.subscribers.dueAt(minute));
      ticks.push({ ms: r.ms, due: r.value.length });
      duePeak = Math.max(duePeak, r.peakMb);
    }
    const med = median(ticks.map((t) => t.ms));
    const worst = Math.max(...ticks.map((t) => t.ms));
    await say(
      `due-selection  ${fmtMs(med).padStart(10)}  median of ${ticks.length} minutes (worst ${fmtMs(worst)}; ` +
        `${Math.min(...ticks.map((t) => t.due))}–${Math.max(...ticks.map((t) => t.due))} due per minute), ` +
        `peak +${fmtMb(duePeak)}, target <= 50 ms: ${med <= 50 ? 'met' : 'NOT met'}`,
    );

    let bytes = 0;
    const sink = new Writable({
      write(chunk: Buffer, _enc, cb) {
        bytes += chunk.length;
        cb();
      },
    });
    const exported = await measure(() => runExport(s, sink));
    await say(
      `export         ${fmtMs(exported.ms).padStart(10)}  ${exported.value} lines, ${(bytes / 1048576).toFixed(1)} MB, peak +${fmtMb(exported.peakMb)}`,
    );

    // Baseline: the same subscribers as plain keyv values, scanned with iterator().
    for (let i = 0; i < subs.length; i += 1000) {
      await driver.kv.setMany(
        subs.slice(i, i + 1000).map((x) => ({ key: `benchsub:${x.chatId}`, value: x })),
      );
    }
    const budget = 60_000;
    const base = await measure(() => baselineScan(driver, minutes[0]!.getTime(), budget));
    const projected = base.value.complete
      ? base.ms
      : (base.ms * subs.length) / Math.max(1, base.value.rows);
    const v = base.value;
    const outcome = v.complete
      ? ` (${v.due} due)`
      : v.error
        ? ` — FAILED after ${v.rows} rows: ${v.error}`
        : ` — stopped after ${fmtMs(budget)}; about ${fmtMs(projected)} for all at the rate so far`;
    await say(
      `baseline scan  ${fmtMs(base.ms).padStart(10)}  keyv iterator() over ${v.rows} of ${subs.length} values${outcome}` +
        `, peak +${fmtMb(base.peakMb)}; index at least x${(projected / med).toFixed(0)} faster`,
    );
  } finally {
    await (store ? store.close() : driver.close()).catch(() => undefined);
    await target.cleanup().catch(() => undefined);
  }
}

export const command: Command = {
  name: 'bench store',
  summary: 'time import, due-selection and export of many subscribers',
  help: HELP,
  options: {
    count: { type: 'string' },
    backend: { type: 'string' },
    minutes: { type: 'string' },
  },
  async run(args, io) {
    const count = intOption(args, 'count', 100_000, { min: 1, max: 2_000_000 });
    const nMinutes = intOption(args, 'minutes', 9, { min: 1, max: 60 });
    const backend = args.values.backend as string | undefined;
    if (backend !== undefined && !['sqlite', 'redis', 'postgres', 'memory'].includes(backend)) {
      throw new UsageError(`--backend expects sqlite, redis, postgres or memory, got '${backend}'`);
    }
    const { list, notes } = targets(backend, io.env);
    // Ticks on the hour and half hour of one day: the busy minutes of the generated population.
    const minutes = Array.from(
      { length: nMinutes },
      (_, i) => new Date(Date.UTC(2026, 0, 15, 5 + Math.floor(i / 2), (i % 2) * 30)),
    );
    const load = loadavg()
      .map((x) => x.toFixed(1))
      .join(' ');
    await writeLine(
      io.stdout,
      `store bench: ${count} subscribers in ${ZONES.length} time zones, due-selection over ${nMinutes} UTC minutes` +
        ` (${cpus().length} CPUs, load average ${load}: figures scale with contention)`,
    );
    for (const note of notes) await writeLine(io.stdout, note);
    const subs = benchSubscribers(count);
    for (const target of list) await benchOne(target, subs, minutes, io.stdout);
    return 0;
  },
};
