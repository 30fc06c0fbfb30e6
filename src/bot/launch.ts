/**
 * Starting the bot: long polling by default, or a webhook server when the configuration has a
 * WEBHOOK_URL (Telegram's secret-token header is checked on every POST). Either way the caller
 * gets one stop function.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { TelegramMode } from '../config/index.js';
import type { Logger } from '../log.js';
import type { Bot } from './bot.js';
import { registerCommands } from './commands.js';

export interface LaunchOptions {
  /** Chats that get the admin command menu. */
  adminChatIds?: number[];
  /** Webhook server address (default 0.0.0.0 and the configured PORT). */
  host?: string;
  port?: number;
  /** Called with the webhook server's port once it listens. */
  onListening?(port: number): void;
  /** Called when polling stops on its own with an error (401 bad token, 409 another instance). */
  onFatal?(err: unknown): void;
  /** Register the command menus (default true). */
  registerCommands?: boolean;
}

export type StopBot = () => Promise<void>;

/** Telegram's updates are a few kilobytes; anything far larger is not from Telegram. */
export const WEBHOOK_MAX_BODY_BYTES = 1024 * 1024;

/** The body of a POST, or a rejection once it passes {@link WEBHOOK_MAX_BODY_BYTES}. */
function readCappedBody(req: IncomingMessage): Promise<Buffer | undefined> {
  if (req.method !== 'POST') return Promise.resolve(undefined);
  if (Number(req.headers['content-length'] ?? 0) > WEBHOOK_MAX_BODY_BYTES) {
    return Promise.reject(new Error('body too large'));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > WEBHOOK_MAX_BODY_BYTES) {
        req.removeAllListeners('data');
        reject(new Error('body too large'));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}

/**
 * Launches the bot in the configured mode and resolves once it is receiving updates (getMe
 * succeeded; a bad token rejects here). Does not wait for polling to end.
 */
export async function launchBot(
  bot: Bot,
  telegram: TelegramMode,
  log: Logger,
  opts: LaunchOptions = {},
): Promise<StopBot> {
  if (telegram.mode === 'console') {
    throw new Error('console mode has no Telegram connection: use runConsoleChat');
  }
  bot.botInfo ??= await bot.telegram.getMe();
  const me = bot.botInfo.username;
  if (opts.registerCommands !== false) {
    await registerCommands(bot.telegram, {
      log,
      ...(opts.adminChatIds ? { adminChatIds: opts.adminChatIds } : {}),
    });
  }

  if (telegram.mode === 'polling') {
    let stopping = false;
    const running = bot.launch({ dropPendingUpdates: false }).then(
      () => log.info('polling stopped'),
      (err: unknown) => {
        if (stopping) return;
        log.error({ err }, 'polling stopped with an error');
        opts.onFatal?.(err);
      },
    );
    log.info({ bot: me }, 'bot started (long polling)');
    return async () => {
      stopping = true;
      try {
        bot.stop('shutdown');
      } catch {
        // not running any more
      }
      await running;
    };
  }

  const url = new URL(telegram.url);
  const path = `${url.pathname}${url.search}`;
  const callback = await bot.createWebhook({
    domain: url.host,
    path,
    secret_token: telegram.secret,
  });
  const server = createServer((req, res) => {
    readCappedBody(req).then(
      (body) => {
        // telegraf parses a body it is handed instead of reading the stream without a limit.
        if (body) (req as typeof req & { body?: Buffer }).body = body;
        void callback(req, res);
      },
      () => {
        res.writeHead(413, { connection: 'close' }).end();
        req.destroy();
      },
    );
  });
  const port = await listen(server, opts.port ?? telegram.port, opts.host ?? '0.0.0.0');
  opts.onListening?.(port);
  log.info({ bot: me, port, path }, 'bot started (webhook)');
  return () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
}
