/**
 * `createBot(deps)`: the telegraf app with every feature, the error boundary and the per-reader
 * limit. It makes no network call by itself; `launchBot` starts it, `runConsoleChat` drives it
 * from a terminal.
 */
import { Telegraf, type Telegram } from 'telegraf';
import { proxyAgentFor } from '../proxy.js';
import type { UserFromGetMe } from 'telegraf/types';
import { prepareContext, type BotContext } from './context.js';
import type { BotDeps } from './deps.js';
import { createErrorBoundary } from './error-boundary.js';
import { adminFeature } from './features/admin.js';
import { channelFeature } from './features/channel.js';
import { opmlUploadFeature } from './features/opml-upload.js';
import { privateMode } from './features/private-mode.js';
import { whoamiFeature } from './features/whoami.js';
import { digestFeature } from './features/digest.js';
import { followFeature } from './features/follow.js';
import { formatFeature } from './features/format.js';
import { helpFeature, unknownCommandFeature } from './features/help.js';
import { langFeature } from './features/lang.js';
import { originalFeature } from './features/original.js';
import { settingsFeature } from './features/settings.js';
import { sourcesFeature } from './features/sources.js';
import { startFeature } from './features/start.js';
import { subscribeFeature } from './features/subscribe.js';
import { timeFeature } from './features/time.js';
import { topicFeature } from './features/topic.js';
import { answerPress } from './reply.js';
import { createChatQueue } from './chat-queue.js';
import { normalizeIncoming } from './incoming.js';
import { createRateLimiter, READER_LIMITS } from './rate-limit.js';

export type Bot = Telegraf<BotContext>;

/** Intercepts every Bot API call (console chat, tests): no network is used. */
export type CallApi = (method: string, payload: Record<string, unknown>) => Promise<unknown>;

export interface CreateBotOptions {
  /** Known bot identity, so no getMe is needed before the first update. */
  botInfo?: UserFromGetMe;
  /** Replace the HTTP client: every API call goes to this function instead. */
  callApi?: CallApi;
  /** Milliseconds one update may take before the boundary logs it as failed (default 60 s). */
  handlerTimeout?: number;
}

/** telegraf drops an apiRoot's path unless it ends with "/" (`http://h/p` would call `http://h/bot…`). */
export function normalizeApiRoot(apiRoot: string): string {
  return apiRoot.endsWith('/') ? apiRoot : `${apiRoot}/`;
}

const CONSOLE_TOKEN = '0:console';

/**
 * Sends a Telegram client's calls through the configured proxy (HTTPS_PROXY …), if one applies
 * to `apiRoot`. telegraf ignores an `agent` option for http:// roots (a self-hosted Bot API
 * server), so the agent is set on the client itself.
 */
export function routeThroughProxy(telegram: Telegram, apiRoot: string): void {
  const agent = proxyAgentFor(apiRoot);
  if (agent) (telegram as unknown as { options: { agent?: unknown } }).options.agent = agent;
}

export function createBot(deps: BotDeps, opts: CreateBotOptions = {}): Bot {
  const tg = deps.config.telegram;
  const token = tg.mode === 'console' ? CONSOLE_TOKEN : tg.token;
  const apiRoot = tg.mode === 'console' ? 'http://127.0.0.1:9/' : normalizeApiRoot(tg.apiRoot);
  const bot = new Telegraf<BotContext>(token, {
    telegram: { apiRoot, webhookReply: false },
    handlerTimeout: opts.handlerTimeout ?? 60_000,
  });
  if (opts.botInfo) bot.botInfo = opts.botInfo;

  if (tg.mode !== 'console' && proxyAgentFor(apiRoot)) {
    routeThroughProxy(bot.telegram, apiRoot);
    // handleUpdate builds a fresh client per update from the options, dropping the agent again.
    bot.use((ctx, next) => {
      routeThroughProxy(ctx.telegram, apiRoot);
      return next();
    });
  }

  const intercept = opts.callApi;
  if (intercept) {
    const patch = (telegram: { callApi: unknown }) => {
      telegram.callApi = (method: string, payload: Record<string, unknown>) =>
        intercept(method, payload ?? {});
    };
    patch(bot.telegram as unknown as { callApi: unknown });
    // handleUpdate builds a fresh client per update: patch that one too, before anything else.
    bot.use((ctx, next) => {
      patch(ctx.telegram as unknown as { callApi: unknown });
      return next();
    });
  }

  const limiter = createRateLimiter(deps.limits ?? READER_LIMITS);
  bot.use(prepareContext(deps, limiter));
  bot.use(normalizeIncoming, createChatQueue().middleware);
  bot.use(whoamiFeature, privateMode, channelFeature, opmlUploadFeature);
  bot.use(
    startFeature,
    subscribeFeature,
    digestFeature,
    langFeature,
    timeFeature,
    followFeature,
    settingsFeature,
    formatFeature,
    sourcesFeature,
    helpFeature,
    adminFeature,
    originalFeature,
    topicFeature,
    unknownCommandFeature,
  );
  // A stale or foreign button: stop its spinner and do nothing.
  bot.on('callback_query', (ctx) => answerPress(ctx));

  bot.catch(createErrorBoundary(deps.log));

  // Errors outside the middleware chain (a non-object update, getMe failing) must not stop
  // polling either: telegraf handles a batch with Promise.all and stops on the first rejection.
  const handleUpdate = bot.handleUpdate.bind(bot);
  bot.handleUpdate = async (update, webhookResponse) => {
    if (update === null || typeof update !== 'object' || typeof update.update_id !== 'number') {
      deps.log.warn(
        { update: String(JSON.stringify(update)).slice(0, 300) },
        'malformed update ignored',
      );
      if (webhookResponse && !webhookResponse.writableEnded) webhookResponse.end();
      return;
    }
    try {
      await handleUpdate(update, webhookResponse);
    } catch (err) {
      deps.log.error({ err, update_id: update.update_id }, 'update could not be handled');
    }
  };
  return bot;
}
