/**
 * Composition root: opens the runtime (store, translator, sources: src/app) from the
 * configuration, starts the bot and the scheduler (or the local console chat), and shuts
 * everything down gracefully.
 */
import type { Readable, Writable } from 'node:stream';
import type { Config } from './config/index.js';
import { createLogger, type Logger } from './log.js';
import { botDepsFor, configuredSources, openRuntime, scheduleDepsFor } from './app/index.js';
import { createBot, launchBot, runConsoleChat, seedConsoleStore, type Bot } from './bot/index.js';
import { startOpsServer, metrics, type OpsServer } from './ops/index.js';
import { createScheduler, hasReadSources, type Scheduler } from './schedule/index.js';
import { sendAlerts, type AlertDeps } from './schedule/alerts.js';
import type { Store } from './store/types.js';

/** What the service needs of the process it runs in (the command line's CliIO fits). */
export interface ServiceIO {
  stdin: Readable;
  stdout: Writable;
  env: Record<string, string | undefined>;
}

const DAY_MS = 86_400_000;

export interface RunningService {
  store: Store;
  scheduler: Scheduler;
  bot: Bot;
  /** The ops server, when METRICS_PORT is set. */
  ops?: OpsServer;
  /** Resolves with exit code 1 if the bot stops receiving updates on its own. */
  failed: Promise<number>;
  /** Stops every part, scheduler first (in-flight sends finish or are handed back). */
  stop(): Promise<void>;
}

/**
 * Starts the bot, the scheduler and the ops server for a configuration with a bot token.
 * `now` replaces the clock (tests).
 */
export async function startService(
  config: Config,
  opts: { log?: Logger; now?: () => Date } = {},
): Promise<RunningService> {
  if (config.telegram.mode === 'console') {
    throw new Error('startService needs TELEGRAM_BOT_TOKEN; use the console chat without one');
  }
  const runtime = await openRuntime(config, {
    log: opts.log ?? createLogger({ level: config.LOG_LEVEL }),
    now: opts.now,
    sources: true,
  });
  const { log, now, store, translator, sources } = runtime;
  // The bot's /digest shares the scheduler's builds and waits for its start-up pass; both exist
  // before the first update can arrive (the bot is launched after the scheduler is created).
  const late: { scheduler?: Scheduler } = {};
  const bot = createBot(
    botDepsFor(runtime, {
      digests: {
        current: (at) => {
          if (!late.scheduler) throw new Error('the scheduler is not created yet');
          return late.scheduler.digests.current(at);
        },
      },
      ready: () => late.scheduler?.ready() ?? Promise.resolve(),
      hasReadSources: () => hasReadSources(store),
    }),
  );
  const created = createScheduler(
    scheduleDepsFor(runtime, {
      telegram: bot.telegram,
      metrics,
      instanceId: config.INSTANCE_ID,
    }),
  );
  late.scheduler = created;
  // Start reading the sources before taking updates: the first /digest then finds (or waits a
  // moment for) a digest instead of "not yet".
  created.start();

  let fatal: ((err: unknown) => void) | undefined;
  const failed = new Promise<number>((resolve) => {
    fatal = (err) => {
      log.fatal({ err }, 'the bot stopped receiving updates');
      resolve(1);
    };
  });
  let stopBot: () => Promise<void>;
  try {
    stopBot = await launchBot(bot, config.telegram, log, {
      adminChatIds: config.ADMIN_CHAT_IDS,
      port: config.PORT,
      onFatal: (err) => fatal?.(err),
    });
  } catch (err) {
    await created.stop();
    throw err;
  }
  const alerts = startAlerts({
    store,
    log,
    now,
    isLeader: () => created.isLeader(),
    adminChatIds: config.ADMIN_CHAT_IDS,
    dailyCharLimit: config.TRANSLATE_DAILY_CHAR_LIMIT,
    send: async (chatId, html) => {
      await bot.telegram.sendMessage(chatId, html, {
        parse_mode: 'HTML',
        link_preview_options: { is_disabled: true },
      });
    },
  });
  const ops = config.METRICS_PORT
    ? await startOpsServer({ port: config.METRICS_PORT, metrics, health: () => created.health() })
    : undefined;
  log.info(
    {
      mode: config.telegram.mode,
      store: store.backend,
      translation: translator.provider,
      sources: sources.length,
      metricsPort: ops?.port,
    },
    'khulasa is running',
  );
  return {
    store,
    scheduler: created,
    bot,
    ops,
    failed,
    stop: () =>
      shutdown(log, [
        ['alerts', async () => alerts.stop()],
        ['scheduler', () => created.stop()],
        ['bot', () => stopBot()],
        ['ops server', async () => ops?.close()],
        ['translator and store', () => runtime.close()],
      ]),
  };
}

/** Checks the operator alerts every minute on the instance that holds the scheduler lock. */
function startAlerts(deps: AlertDeps & { now: () => Date; isLeader(): boolean }): { stop(): void } {
  if (deps.adminChatIds.length === 0) return { stop() {} };
  let busy = false;
  const timer = setInterval(() => {
    if (busy || !deps.isLeader()) return;
    busy = true;
    sendAlerts(deps, deps.now())
      .catch((err: unknown) => deps.log.warn({ err }, 'alert check failed'))
      .finally(() => {
        busy = false;
      });
  }, 60_000);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}

/** Runs until SIGINT/SIGTERM (service) or the end of input (console chat). */
export async function runService(config: Config, io: ServiceIO): Promise<number> {
  if (config.telegram.mode === 'console') return runConsole(config, io);
  const log = createLogger({ level: config.LOG_LEVEL });
  const service = await startService(config, { log });
  const code = await Promise.race([signalled(log), service.failed]);
  await service.stop();
  return code;
}

/**
 * The console chat's own store: the sample articles and the local reader (chat 1) it writes must
 * never reach the store the real bot serves. An explicit `STORE_URL=memory://` keeps it in memory;
 * otherwise it is `DATA_DIR/console.sqlite`.
 */
export function consoleStoreUrl(config: Pick<Config, 'DATA_DIR'>, env: ServiceIO['env']): string {
  if (env.STORE_URL?.trim().toLowerCase().startsWith('memory:')) return 'memory://';
  return `sqlite://${config.DATA_DIR.replace(/\/+$/, '') || '/'}/console.sqlite`;
}

/** Without a token: the same handlers in the terminal, over the bundled samples. */
async function runConsole(config: Config, io: ServiceIO): Promise<number> {
  // The chat owns the terminal: only warnings reach stderr unless LOG_LEVEL asks for more.
  const level = io.env.LOG_LEVEL ? config.LOG_LEVEL : 'warn';
  const log = createLogger({ level });
  const runtime = await openRuntime(config, { log, storeUrl: consoleStoreUrl(config, io.env) });
  const { store } = runtime;
  try {
    await seedConsoleStore({
      store,
      now: new Date(),
      log,
      windowHours: config.DIGEST_WINDOW_HOURS,
      maxStories: config.DIGEST_MAX_STORIES,
      ttlMs: config.ARTICLE_TTL_DAYS * DAY_MS,
    });
    const deps = botDepsFor({ ...runtime, sources: await configuredSources(config) });
    await runConsoleChat(deps, { input: io.stdin, output: io.stdout });
    return 0;
  } finally {
    await runtime.close();
  }
}

function signalled(log: Logger): Promise<number> {
  return new Promise((resolve) => {
    const onSignal = (signal: NodeJS.Signals) => {
      log.info({ signal }, 'shutting down');
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      resolve(0);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}

/** Stops each part in order; one failing part never keeps the others running. */
async function shutdown(log: Logger, parts: [string, () => Promise<unknown>][]): Promise<void> {
  const deadline = setTimeout(() => {
    log.error('shutdown took longer than 15 s; exiting');
    process.exit(1);
  }, 15_000);
  deadline.unref();
  for (const [name, stop] of parts) {
    try {
      await stop();
    } catch (err) {
      log.warn({ err, part: name }, 'error while stopping');
    }
  }
  clearTimeout(deadline);
  log.info('stopped');
}
