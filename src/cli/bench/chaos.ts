/**
 * `khulasa bench chaos`: the chaos suite's fault scenarios, run longer (fault durations times
 * --scale), printed as one table row per scenario: the fault, how long it took, readers served
 * once / missed / doubled, articles lost / duplicated, and the time to recover.
 */
import { randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsageError, intOption, writeLine, type Command } from '../command.js';
import { dropRedisPrefix } from '../../store/drivers/redis.js';
import type { ChaosResult } from '../../testkit/chaos.js';

const HELP = `Usage: khulasa bench chaos [--scale N] [--store sqlite|redis] [--only NAME]

Runs each fault scenario of the chaos suite against the fake Bot API, the fake translation
server and local feeds, with the real delivery and ingest code and a real store, and prints
per scenario: the injected fault, the duration, readers served once / missed / doubled,
articles lost / duplicated, and the time to recover.

Options:
  --scale N         multiply fault durations (outages, hangs, retry_after) by N (default 10)
  --store KIND      sqlite (default: a temporary file) or redis (TEST_REDIS_URL, a key prefix
                    of its own, removed afterwards)
  --only NAME       run the scenarios whose name contains NAME (e.g. 429, redis, feeds)

The disk-full scenario always uses an SQLite file of its own (capped with max_page_count);
the Redis outage scenario starts a redis-server of its own when one is installed; the
PostgreSQL outage scenario runs when TEST_POSTGRES_URL is set (through a proxy of its own).`;

type Runner = (opts: { storeUrl: string; backend: string; scale: number }) => Promise<ChaosResult>;

function hasRedisServer(): boolean {
  try {
    execFileSync(process.env.REDIS_SERVER ?? 'redis-server', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const pad = (s: string, n: number) => (s.length >= n ? s : s + ' '.repeat(n - s.length));
const secs = (ms: number | undefined) => (ms === undefined ? '—' : `${(ms / 1000).toFixed(1)} s`);

export const command: Command = {
  name: 'bench chaos',
  summary: 'fault scenarios, longer than the test suite runs them',
  help: HELP,
  options: {
    scale: { type: 'string' },
    store: { type: 'string' },
    only: { type: 'string' },
  },
  async run(args, io) {
    const scale = intOption(args, 'scale', 10, { min: 1, max: 60 });
    const kind = (args.values.store as string | undefined) ?? 'sqlite';
    if (kind !== 'sqlite' && kind !== 'redis') {
      throw new UsageError(`--store expects sqlite or redis, got '${kind}'`);
    }
    const redisUrl = io.env.TEST_REDIS_URL;
    if (kind === 'redis' && !redisUrl) {
      throw new UsageError('--store redis needs TEST_REDIS_URL (e.g. redis://127.0.0.1:6379)');
    }
    const only = args.values.only as string | undefined;
    const chaos = await import('../../testkit/chaos.js');
    const scenarios: [string, Runner][] = [
      ['bot-api-hang', chaos.botApiHangs],
      ['bot-api-502', chaos.botApi502],
      ['bot-api-429', chaos.botApi429],
      ['chat-migrates', chaos.chatMigrates],
      ['translation-hang', chaos.translationHangs],
      ['hostile-feeds', chaos.hostileFeeds],
    ];
    scenarios.push(['disk-full', (o) => chaos.diskFull(o)]);
    if (hasRedisServer()) scenarios.push(['redis-outage', (o) => chaos.redisOutage(o)]);
    const pg = io.env.TEST_POSTGRES_URL;
    if (pg)
      scenarios.push(['postgres-outage', (o) => chaos.postgresOutage({ ...o, postgresUrl: pg })]);
    const chosen = scenarios.filter(([name]) => !only || name.includes(only));
    if (chosen.length === 0) throw new UsageError(`no scenario matches '${only}'`);

    await writeLine(
      io.stdout,
      `chaos bench: ${chosen.length} scenarios, fault durations ×${scale}, store ${kind}` +
        ` (${cpus().length} CPUs, load average ${loadavg()
          .map((x) => x.toFixed(1))
          .join(' ')})`,
    );
    const header = [
      pad('scenario', 20),
      pad('fault', 62),
      pad('store', 7),
      pad('duration', 9),
      pad('once/missed/doubled', 20),
      pad('articles lost/dup', 18),
      'recover',
    ].join(' ');
    await writeLine(io.stdout, header);
    await writeLine(io.stdout, '-'.repeat(header.length));
    let failures = 0;
    for (const [name, runScenario] of chosen) {
      const dir = mkdtempSync(join(tmpdir(), 'khulasa-chaos-'));
      const prefix = `khulasa-chaos-${randomBytes(4).toString('hex')}:`;
      const storeUrl =
        kind === 'sqlite'
          ? `sqlite://${join(dir, 'store.sqlite')}`
          : `${redisUrl}${redisUrl!.includes('?') ? '&' : '?'}prefix=${prefix}`;
      try {
        const r = await runScenario({ storeUrl, backend: kind, scale });
        const s = r.served;
        const a = r.articles;
        const bad = (s ? s.missed + s.doubled : 0) + (a ? a.lost + a.duplicated : 0);
        if (bad > 0) failures++;
        await writeLine(
          io.stdout,
          [
            pad(name, 20),
            pad(r.fault, 62),
            pad(r.backend, 7),
            pad(secs(r.durationMs), 9),
            pad(
              s
                ? `${s.once}/${s.missed}/${s.doubled}${s.blocked ? ` (+${s.blocked} blocked)` : ''}`
                : '—',
              20,
            ),
            pad(a ? `${a.lost}/${a.duplicated} of ${a.expected}` : '—', 18),
            secs(r.recoverMs),
          ].join(' '),
        );
        for (const note of r.notes) await writeLine(io.stdout, `${' '.repeat(22)}${note}`);
      } catch (err) {
        failures++;
        await writeLine(
          io.stdout,
          `${pad(name, 20)} ERROR ${(err as Error).message.split('\n')[0]}`,
        );
      } finally {
        rmSync(dir, { recursive: true, force: true });
        if (kind === 'redis') await dropRedisPrefix(redisUrl!, prefix).catch(() => undefined);
      }
    }
    await writeLine(
      io.stdout,
      failures === 0
        ? 'every reader served once, no article lost or stored twice'
        : `${failures} scenario(s) lost, doubled or failed`,
    );
    return failures === 0 ? 0 : 1;
  },
};
