/**
 * `khulasa deliver [--all] [--json]`: one delivery pass now — the subscribers due this minute
 * (plus those missed while the service was down), or every active subscriber with --all —
 * building the digest first when it is missing or stale.
 */
import { parseConfig } from '../config/index.js';
import { createLogger } from '../log.js';
import { UsageError, writeLine, type Command } from './command.js';

export const command: Command = {
  name: 'deliver',
  summary: 'run one delivery pass now',
  help: `Usage: khulasa deliver [--all] [--json]

Runs one delivery pass now: the subscribers due at this minute (and those whose time passed
while the service was down, the same day), or every active subscriber with --all. Builds the
digest from the stored articles first when there is none or it is over an hour old. Sends go
through the outbox, so running it again (or after a crash) never sends a digest twice.

Needs TELEGRAM_BOT_TOKEN; reads STORE_URL, SEND_RATE_PER_SECOND and the translation settings.

Options:
  --all    every active subscriber, not only those due now
  --json   print {"digest","sent","skipped","blocked","failed","durationMs"}`,
  options: {
    all: { type: 'boolean' },
    json: { type: 'boolean' },
  },
  async run(args, io) {
    const config = parseConfig(io.env);
    if (config.telegram.mode === 'console') {
      throw new UsageError(
        'TELEGRAM_BOT_TOKEN is needed to deliver digests; set it to the token from @BotFather',
      );
    }
    const token = config.telegram.token;
    const log = createLogger({ level: io.env.LOG_LEVEL ? config.LOG_LEVEL : 'warn' });
    const [app, { Telegram }, schedule, bot] = await Promise.all([
      import('../app/index.js'),
      import('telegraf'),
      import('../schedule/index.js'),
      import('../bot/index.js'),
    ]);
    const runtime = await app.openRuntime(config, { log });
    const controller = new AbortController();
    let hardStop: ReturnType<typeof setTimeout> | undefined;
    const telegram = new Telegram(token, {
      apiRoot: bot.normalizeApiRoot(config.telegram.apiRoot),
      webhookReply: false,
    });
    bot.routeThroughProxy(telegram, config.telegram.apiRoot);
    const deps = app.scheduleDepsFor(runtime, {
      telegram,
      instanceId: schedule.defaultInstanceId('cli'),
    });
    // Ctrl-C: take no new chats, give in-flight ones 10 s, then hand the rest back.
    const onSignal = () => {
      controller.abort();
      hardStop ??= setTimeout(() => deps.sender.stop(), 10_000);
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    try {
      const report = await schedule.runDeliveryPass(deps, {
        now: new Date(),
        all: args.values.all === true,
        signal: controller.signal,
      });
      if (args.values.json) {
        await writeLine(io.stdout, JSON.stringify(report));
      } else {
        await writeLine(
          io.stdout,
          `digest ${report.digest ?? '(none)'}: sent ${report.sent}, skipped ${report.skipped}, ` +
            `blocked ${report.blocked}, failed ${report.failed} in ${(report.durationMs / 1000).toFixed(1)} s`,
        );
      }
      return 0;
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      clearTimeout(hardStop);
      await runtime.close();
    }
  },
};
