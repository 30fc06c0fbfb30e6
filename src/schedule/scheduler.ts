/**
 * The cron side of the service: ingest every INGEST_INTERVAL_MINUTES, an hourly digest build,
 * and ONE per-minute delivery tick that serves whoever is due (one timer per subscriber does not
 * scale). Every job runs only on the instance holding the scheduler lock: node-cron's
 * `distributed` option asks our coordinator, which answers from the lock.
 */
import cron, { type RunCoordinator, type ScheduledTask } from 'node-cron';
import type { HealthStatus } from '../ops/server.js';
import { assessHealth } from '../ops/health.js';
import type { ScheduleDeps } from './deps.js';
import {
  META_LAST_BUILD,
  META_LAST_BUILD_ERROR,
  META_LAST_INGEST,
  META_LAST_INGEST_SOURCES,
  createDigestKeeper,
  digestIsStale,
  ingestNow,
  type DigestKeeper,
} from './build.js';
import {
  defaultInstanceId,
  resumeDeliveries,
  runDeliveryPass,
  type DeliveryReport,
} from './delivery.js';
import { createLeader } from './leader.js';

export interface SchedulerOptions {
  /** @default 45000 */
  lockTtlMs?: number;
  /** @default 15000 */
  heartbeatMs?: number;
  /**
   * On stop, how long in-flight sends may take to finish before they are handed back.
   * @default 10000
   */
  shutdownGraceMs?: number;
  /**
   * The outbox is scanned for unfinished sends on gaining the lock and every this many minutes.
   * @default 10
   */
  resumeEveryMinutes?: number;
  /** @default '5 * * * *' (hourly, after the ingest at the top of the hour) */
  buildExpression?: string;
  /**
   * On start, the lock holder reads every source at once and builds a digest when the latest is
   * missing, stale or built from fewer articles than the store holds, instead of waiting for
   * the first cron fire.
   * @default true
   */
  warmUp?: boolean;
}

export interface Scheduler {
  start(): void;
  /** Stops taking work, finishes or hands back in-flight sends, releases the lock. */
  stop(): Promise<void>;
  isLeader(): boolean;
  health(): Promise<HealthStatus>;
  /** Runs one job now, as its cron fire would (leader or not); for tests and admin commands. */
  run(job: 'ingest' | 'build' | 'deliver'): Promise<void>;
  /** The report of the last delivery pass. */
  lastDelivery(): DeliveryReport | undefined;
  /**
   * Resolves when the start-up pass (ingest, then build if needed) has finished, or at once on
   * an instance that does not hold the lock. Never rejects.
   */
  ready(): Promise<void>;
  /** Builds shared with on-demand readers: one build at a time. */
  digests: DigestKeeper;
}

/** The cron expression for an ingest interval in minutes. */
export function ingestExpression(minutes: number): string {
  if (minutes < 60 && 60 % minutes === 0)
    return minutes === 1 ? '* * * * *' : `*/${minutes} * * * *`;
  if (minutes % 60 === 0 && 24 % (minutes / 60) === 0) {
    return minutes === 60 ? '0 * * * *' : `0 */${minutes / 60} * * *`;
  }
  return '* * * * *';
}

export function createScheduler(deps: ScheduleDeps, opts: SchedulerOptions = {}): Scheduler {
  const owner = deps.instanceId ?? defaultInstanceId('service');
  const log = deps.log.child({ module: 'schedule' });
  const graceMs = opts.shutdownGraceMs ?? 10_000;
  const resumeEveryMs = (opts.resumeEveryMinutes ?? 10) * 60_000;
  const tasks: ScheduledTask[] = [];
  const running = new Set<Promise<unknown>>();
  let stopping = false;
  let started = false;
  let passAbort: AbortController | undefined;
  let resumeAt = 0;
  let last: DeliveryReport | undefined;
  let ingesting: Promise<unknown> | undefined;
  let markReady: () => void = () => {};
  const readyPromise = new Promise<void>((resolve) => {
    markReady = resolve;
  });
  const keeper = createDigestKeeper(deps, () => readyPromise);
  const startedAt = deps.now();

  const leader = createLeader({
    locks: deps.store.locks,
    owner,
    log,
    ttlMs: opts.lockTtlMs,
    heartbeatMs: opts.heartbeatMs,
    onChange(isLeader) {
      deps.metrics?.leader.set(isLeader ? 1 : 0);
      if (isLeader) resumeAt = 0;
      else passAbort?.abort();
    },
  });

  const coordinator: RunCoordinator = {
    shouldRun: async () => !stopping && (leader.isLeader() || (await leader.check())),
  };

  const track = <T>(p: Promise<T>): Promise<T> => {
    running.add(p);
    void p.finally(() => running.delete(p)).catch(() => {});
    return p;
  };

  /** One ingest pass at a time: the start-up pass and a cron fire share it. */
  const ingestOnce = async () => {
    if (ingesting) return ingesting;
    ingesting = (async () => {
      const report = await ingestNow(deps, deps.now);
      // New articles into an empty (or story-less) digest: readers should not wait for :05.
      const latest = await deps.store.digests.latest();
      if (report.articles > 0 && (!latest || latest.stories.length === 0)) {
        await keeper.rebuild(deps.now());
      }
    })().finally(() => {
      ingesting = undefined;
    });
    return ingesting;
  };

  const jobs = {
    async ingest() {
      const lastRaw = await deps.store.meta.get<string>(META_LAST_INGEST);
      const intervalMs = deps.config.INGEST_INTERVAL_MINUTES * 60_000;
      // The every-minute fallback expression needs this check; the exact ones pass it.
      if (lastRaw && deps.now().getTime() - Date.parse(lastRaw) < intervalMs - 30_000) return;
      await ingestOnce();
    },
    async build() {
      await keeper.rebuild(deps.now());
    },
    async deliver() {
      if (stopping) return;
      passAbort = new AbortController();
      const signal = passAbort.signal;
      const now = deps.now();
      if (now.getTime() >= resumeAt) {
        resumeAt = now.getTime() + resumeEveryMs;
        await resumeDeliveries(deps, { now, signal });
      }
      if (signal.aborted) return;
      last = await runDeliveryPass(deps, { now, signal, digest: (at) => keeper.current(at) });
    },
  };

  /** The start-up pass: read the sources now, and make sure readers find a current digest. */
  const warmUp = async () => {
    try {
      if (stopping || !(leader.isLeader() || (await leader.check()))) return;
      await ingestOnce();
      if (await digestIsStale(deps, deps.now())) await keeper.rebuild(deps.now());
    } catch (err) {
      log.error({ err }, 'start-up ingest and build failed');
    } finally {
      markReady();
    }
  };

  const guarded = (name: keyof typeof jobs) => () =>
    track(
      jobs[name]().catch((err: unknown) => {
        log.error({ err, job: name }, 'scheduled job failed');
      }),
    );

  const cronLogger = {
    info: (m: string) => log.debug(m),
    warn: (m: string) => log.warn(m),
    error: (m: string | Error, err?: Error) => log.error({ err: err ?? m }, String(m)),
    debug: (m: string | Error) => log.debug(String(m)),
  };
  const taskOptions = (name: string) => ({
    name: `khulasa-${name}`,
    timezone: 'UTC',
    noOverlap: true,
    distributed: true,
    runCoordinator: coordinator,
    logger: cronLogger,
    suppressMissedWarning: true,
  });

  return {
    start() {
      if (started) return;
      started = true;
      leader.start();
      const ingestExpr = ingestExpression(deps.config.INGEST_INTERVAL_MINUTES);
      tasks.push(
        cron.createTask(ingestExpr, guarded('ingest'), taskOptions('ingest')),
        cron.createTask(
          opts.buildExpression ?? '5 * * * *',
          guarded('build'),
          taskOptions('build'),
        ),
        cron.createTask('* * * * *', guarded('deliver'), taskOptions('deliver')),
      );
      for (const t of tasks) void t.start();
      log.info({ owner, ingest: ingestExpr }, 'scheduler started');
      if (opts.warmUp ?? true) void track(warmUp());
      else markReady();
    },
    async stop() {
      if (stopping) return;
      stopping = true;
      // No one waits any longer for a start-up pass that stopping cuts short.
      markReady();
      for (const t of tasks) {
        await t.stop();
        await t.destroy();
      }
      passAbort?.abort();
      const inFlight = Promise.allSettled([...running]);
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timedOut = await Promise.race([
        inFlight.then(() => false),
        new Promise<boolean>((r) => {
          timer = setTimeout(() => r(true), graceMs);
        }),
      ]);
      clearTimeout(timer);
      if (timedOut) {
        log.warn('in-flight sends did not finish in time; handing them back');
        deps.sender.stop();
        // Waiting sends end at once; a request already on the wire gets a last moment.
        await Promise.race([inFlight, new Promise((r) => setTimeout(r, 2000).unref?.())]);
      }
      await leader.stop();
      log.info('scheduler stopped');
    },
    isLeader: () => leader.isLeader(),
    async health() {
      // keyv's reads answer "undefined" when the store is down; this read goes to the store
      // itself and fails (or hangs until the ops server's timeout), which /healthz turns into 503.
      await deps.store.deliveries.get('healthz', 0);
      const [lastIngest, lastBuild, lastBuildError, lastIngestSources] = await Promise.all([
        deps.store.meta.get<string>(META_LAST_INGEST),
        deps.store.meta.get<string>(META_LAST_BUILD),
        deps.store.meta.get<{ at: string; message: string }>(META_LAST_BUILD_ERROR),
        deps.store.meta.get<{ total: number; failed: number }>(META_LAST_INGEST_SOURCES),
      ]);
      const { status, reasons } = assessHealth({
        now: deps.now(),
        startedAt,
        lastBuild,
        lastIngestSources,
        telegram: deps.signals?.get('telegram'),
        translation: deps.signals?.get('translation'),
      });
      return {
        ok: true,
        status,
        reasons,
        lastIngest,
        lastBuild,
        leader: leader.isLeader(),
        ...(lastBuildError && (!lastBuild || lastBuildError.at > lastBuild)
          ? { lastBuildError }
          : {}),
      };
    },
    run: (job) => guarded(job)(),
    lastDelivery: () => last,
    ready: () => readyPromise,
    digests: keeper,
  };
}
