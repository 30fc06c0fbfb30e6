/**
 * A fake Telegram Bot API on 127.0.0.1 that enforces Telegram's sending limits, for the
 * delivery tests and `khulasa bench deliver`: over the overall rate (a token bucket holding one
 * second's worth), a second message to one chat within a second, or a 21st message to one group
 * within a minute, it answers 429 with `retry_after` like Telegram does. Chats can be made to
 * answer 403 (blocked), 400 "chat not found", 400 with `migrate_to_chat_id`, or 5xx.
 * It keeps per-chat counts (and texts on request) and the busiest one-second window seen.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RateLimitedBotApiOptions {
  /**
   * Messages per second over all chats.
   * @default 30
   */
  rate?: number;
  /** @default 1000 */
  perChatIntervalMs?: number;
  /** @default 20 */
  groupPerMinute?: number;
  /** Keep every accepted text per chat (for ordering checks; costs memory). @default false */
  keepTexts?: boolean;
  /** Fixed latency before answering, in ms. @default 0 */
  latencyMs?: number;
}

export interface Behaviour {
  /** Chats answering 403 "Forbidden: bot was blocked by the user". */
  blocked?: (chatId: number) => boolean;
  /** Chats answering 400 "Bad Request: chat not found". */
  notFound?: (chatId: number) => boolean;
  /** Groups that became supergroups: old id → new id. */
  migrated?: Map<number, number>;
  /** A status (500, 502…) to answer instead of accepting, or undefined to go on. */
  fail?: (chatId: number, requestNo: number) => number | undefined;
}

export interface ChatLog {
  count: number;
  texts?: string[];
  lastAt: number;
  /** Timestamps of the last messages (groups: up to the per-minute limit). */
  recent: number[];
}

export interface RateLimitedBotApi {
  /** Pass as telegraf's `telegram.apiRoot`. */
  readonly apiRoot: string;
  readonly port: number;
  readonly chats: Map<number, ChatLog>;
  readonly stats: {
    requests: number;
    accepted: number;
    rejected429: number;
    blocked: number;
    failed5xx: number;
    migrated: number;
    firstAcceptedAt: number;
    lastAcceptedAt: number;
    /** Most messages accepted in any one-second window. */
    maxPerSecond: number;
    /** Requests received but not yet answered. */
    open: number;
  };
  behave(b: Behaviour): void;
  /** Accepted messages of one chat. */
  sent(chatId: number): number;
  close(): Promise<void>;
}

function json(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const raw = Buffer.concat(chunks).toString('utf8');
  if (!raw) return {};
  try {
    return JSON.parse(raw) as Record<string, unknown>;
  } catch {
    return {};
  }
}

export async function startRateLimitedBotApi(
  opts: RateLimitedBotApiOptions = {},
): Promise<RateLimitedBotApi> {
  const rate = opts.rate ?? 30;
  const chatGap = opts.perChatIntervalMs ?? 1000;
  const groupLimit = opts.groupPerMinute ?? 20;
  const chats = new Map<number, ChatLog>();
  let behaviour: Behaviour = {};
  let tokens = rate;
  let refilledAt = Date.now();
  // The accepted timestamps of the last second, for the busiest-window figure.
  const window: number[] = [];
  let windowStart = 0;
  const stats: RateLimitedBotApi['stats'] = {
    requests: 0,
    accepted: 0,
    rejected429: 0,
    blocked: 0,
    failed5xx: 0,
    migrated: 0,
    firstAcceptedAt: 0,
    lastAcceptedAt: 0,
    maxPerSecond: 0,
    open: 0,
  };
  let messageId = 0;

  const tooMany = (res: ServerResponse, seconds: number) => {
    stats.rejected429++;
    json(res, 429, {
      ok: false,
      error_code: 429,
      description: `Too Many Requests: retry after ${seconds}`,
      parameters: { retry_after: seconds },
    });
  };

  function sendMessage(res: ServerResponse, body: Record<string, unknown>): void {
    const chatId = Number(body.chat_id);
    const text = String(body.text ?? '');
    if (!Number.isFinite(chatId) || !text) {
      json(res, 400, {
        ok: false,
        error_code: 400,
        description: 'Bad Request: message text is empty',
      });
      return;
    }
    const status = behaviour.fail?.(chatId, stats.requests);
    if (status) {
      stats.failed5xx++;
      res.writeHead(status).end();
      return;
    }
    if (behaviour.blocked?.(chatId)) {
      stats.blocked++;
      json(res, 403, {
        ok: false,
        error_code: 403,
        description: 'Forbidden: bot was blocked by the user',
      });
      return;
    }
    if (behaviour.notFound?.(chatId)) {
      stats.blocked++;
      json(res, 400, { ok: false, error_code: 400, description: 'Bad Request: chat not found' });
      return;
    }
    const to = behaviour.migrated?.get(chatId);
    if (to !== undefined) {
      stats.migrated++;
      json(res, 400, {
        ok: false,
        error_code: 400,
        description: 'Bad Request: group chat was upgraded to a supergroup chat',
        parameters: { migrate_to_chat_id: to },
      });
      return;
    }
    const now = Date.now();
    const log = chats.get(chatId);
    if (log && now - log.lastAt < chatGap) {
      tooMany(res, Math.max(1, Math.ceil((log.lastAt + chatGap - now) / 1000)));
      return;
    }
    if (chatId < 0 && log && log.recent.length >= groupLimit) {
      const oldest = log.recent[log.recent.length - groupLimit]!;
      if (now - oldest < 60_000) {
        tooMany(res, Math.max(1, Math.ceil((oldest + 60_000 - now) / 1000)));
        return;
      }
    }
    tokens = Math.min(rate, tokens + ((now - refilledAt) * rate) / 1000);
    refilledAt = now;
    if (tokens < 1) {
      tooMany(res, 1);
      return;
    }
    tokens -= 1;
    const entry = log ?? { count: 0, lastAt: 0, recent: [] };
    entry.count++;
    entry.lastAt = now;
    if (chatId < 0) {
      entry.recent.push(now);
      if (entry.recent.length > groupLimit) entry.recent.shift();
    }
    if (opts.keepTexts) (entry.texts ??= []).push(text);
    chats.set(chatId, entry);
    stats.accepted++;
    if (!stats.firstAcceptedAt) stats.firstAcceptedAt = now;
    stats.lastAcceptedAt = now;
    window.push(now);
    while (window.length && window[windowStart]! <= now - 1000) windowStart++;
    if (windowStart > 4096) {
      window.splice(0, windowStart);
      windowStart = 0;
    }
    stats.maxPerSecond = Math.max(stats.maxPerSecond, window.length - windowStart);
    json(res, 200, {
      ok: true,
      result: {
        message_id: ++messageId,
        date: Math.floor(now / 1000),
        chat: { id: chatId, type: chatId < 0 ? 'supergroup' : 'private' },
        text,
      },
    });
  }

  const server = createServer((req, res) => {
    stats.requests++;
    stats.open++;
    res.on('close', () => stats.open--);
    const match = /^\/bot[^/]+\/(\w+)/.exec(req.url ?? '');
    void readBody(req).then(async (body) => {
      if (opts.latencyMs) await new Promise((r) => setTimeout(r, opts.latencyMs));
      const method = match?.[1];
      if (method === 'sendMessage') return sendMessage(res, body);
      if (method === 'getMe') {
        return json(res, 200, {
          ok: true,
          result: { id: 1, is_bot: true, first_name: 'Khulasa', username: 'khulasa_test_bot' },
        });
      }
      if (!method) return json(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
      return json(res, 200, { ok: true, result: true });
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    apiRoot: `http://127.0.0.1:${port}`,
    port,
    chats,
    stats,
    behave(b) {
      behaviour = b;
    },
    sent: (chatId) => chats.get(chatId)?.count ?? 0,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
