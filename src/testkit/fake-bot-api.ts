/**
 * A fake Telegram Bot API server on 127.0.0.1 for tests and benchmarks. Real clients (telegraf)
 * talk to it over HTTP exactly as they would to api.telegram.org: POST /bot<TOKEN>/<method>,
 * JSON or multipart/form-data bodies.
 *
 * It records every call, answers the methods a bot needs (getMe, setMyCommands, sendMessage,
 * sendChatAction, answerCallbackQuery, editMessageText, deleteWebhook, setWebhook, getChatMember
 * (everyone an administrator by default), getUpdates
 * with a long-poll queue fed by `pushUpdate`) and lets a test program any answer per method or
 * chat with `respondWith` (403 blocked, 429 retry_after, 400 chat not found, 400 migrated,
 * 500 …). `respondWith('*', fn)` sees every call first, which is the hook for extra behaviour
 * such as enforcing rate limits.
 *
 * @example
 * const api = await startFakeBotApi();
 * const bot = new Telegraf(TOKEN, { telegram: { apiRoot: api.apiRoot } });
 * api.respondWith('sendMessage', (c) => (c.chatId === 42 ? botApiErrors.blocked() : undefined));
 * api.pushUpdate(textUpdate({ chatId: 1, text: '/start' }));
 * await api.waitFor((c) => c.method === 'sendMessage');
 * await api.close();
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeCall {
  method: string;
  token: string;
  payload: Record<string, unknown>;
  /** payload.chat_id as a number, when it is one. */
  chatId?: number;
  /** Milliseconds since the server started. */
  at: number;
  /** Files of a multipart call: field name → { filename, size }. */
  files?: Record<string, { filename: string; size: number }>;
}

/** An answer: a result (ok), a Bot API error (ok:false, HTTP status = error_code) or raw HTTP. */
export type FakeReply =
  | { result: unknown }
  | {
      error_code: number;
      description: string;
      parameters?: { retry_after?: number; migrate_to_chat_id?: number };
    }
  | { status: number; body?: string; contentType?: string };

/** Returns a reply, or undefined to fall through to the next responder / the default answer. */
export type Responder = (call: FakeCall) => FakeReply | undefined | Promise<FakeReply | undefined>;

/** Ready-made error answers, as Telegram sends them. */
export const botApiErrors = {
  blocked: (): FakeReply => ({
    error_code: 403,
    description: 'Forbidden: bot was blocked by the user',
  }),
  kicked: (): FakeReply => ({
    error_code: 403,
    description: 'Forbidden: bot was kicked from the group chat',
  }),
  deactivated: (): FakeReply => ({
    error_code: 403,
    description: 'Forbidden: user is deactivated',
  }),
  tooManyRequests: (retryAfter: number): FakeReply => ({
    error_code: 429,
    description: `Too Many Requests: retry after ${retryAfter}`,
    parameters: { retry_after: retryAfter },
  }),
  chatNotFound: (): FakeReply => ({ error_code: 400, description: 'Bad Request: chat not found' }),
  migrated: (toChatId: number): FakeReply => ({
    error_code: 400,
    description: 'Bad Request: group chat was upgraded to a supergroup chat',
    parameters: { migrate_to_chat_id: toChatId },
  }),
  badRequest: (description: string): FakeReply => ({
    error_code: 400,
    description: `Bad Request: ${description}`,
  }),
  serverError: (status = 500): FakeReply => ({ status, body: 'Internal Server Error' }),
};

export interface FakeBotApiOptions {
  /** Bot username getMe returns (default "khulasa_test_bot"). */
  username?: string;
  botId?: number;
  /** When set, calls with another token get 401 Unauthorized. */
  token?: string;
  /** Delay before every answer (simulated network latency). */
  latencyMs?: number;
  /** Cap on a getUpdates long poll, in seconds (default 10). */
  maxPollSeconds?: number;
  /** Serve under a path ("/tg" → apiRoot http://127.0.0.1:PORT/tg), as a self-hosted server may. */
  basePath?: string;
}

export interface SentMessage {
  chatId: number | string;
  text: string;
  payload: Record<string, unknown>;
  messageId: number;
}

export interface FakeBotApi {
  /** Pass as telegraf's `telegram.apiRoot`. */
  apiRoot: string;
  port: number;
  /** Every call received, in order. */
  calls: FakeCall[];
  callsOf(method: string): FakeCall[];
  /** Messages accepted by sendMessage (optionally for one chat), in order. */
  sent(chatId?: number | string): SentMessage[];
  /** Queues an update for getUpdates; an update_id is assigned when missing. Returns it. */
  pushUpdate(update: Record<string, unknown>): number;
  /** Programs answers; later responders are asked first. Returns a function that removes it. */
  respondWith(method: string, fn: Responder): () => void;
  /** Answers the next `times` calls of `method` (optionally to one chat) with `reply`. */
  failNext(method: string, reply: FakeReply, opts?: { chatId?: number; times?: number }): void;
  /** Resolves with the first call (already received or future) matching `predicate`. */
  waitFor(predicate: (c: FakeCall) => boolean, timeoutMs?: number): Promise<FakeCall>;
  /** Resolves once at least `count` calls of `method` were received. */
  waitForCalls(method: string, count: number, timeoutMs?: number): Promise<FakeCall[]>;
  /**
   * Resolves once a long-polling client confirmed the update (asked for updates after it),
   * i.e. finished handling it and everything it sent in reply.
   */
  waitForConfirm(updateId: number, timeoutMs?: number): Promise<void>;
  /**
   * Serves a file as Telegram does: getFile with `fileId` answers its file_path, and the file is
   * downloadable at `<apiRoot>/file/bot<token>/<file_path>`.
   */
  addFile(fileId: string, content: string | Buffer, filePath?: string): void;
  /** Forgets recorded calls (not the queue or the responders). */
  reset(): void;
  close(): Promise<void>;
}

const BOUNDARY = /boundary=(?:"([^"]+)"|([^;]+))/i;

function coerce(value: string): unknown {
  const v = value.trim();
  if (/^-?\d{1,15}$/.test(v)) return Number(v);
  if (v === 'true' || v === 'false') return v === 'true';
  if (v.startsWith('{') || v.startsWith('[')) {
    try {
      return JSON.parse(v);
    } catch {
      return value;
    }
  }
  return value;
}

function parseMultipart(
  body: Buffer,
  contentType: string,
): { payload: Record<string, unknown>; files: Record<string, { filename: string; size: number }> } {
  const m = BOUNDARY.exec(contentType);
  const boundary = m?.[1] ?? m?.[2];
  const payload: Record<string, unknown> = {};
  const files: Record<string, { filename: string; size: number }> = {};
  if (!boundary) return { payload, files };
  const delimiter = Buffer.from(`--${boundary}`);
  let pos = body.indexOf(delimiter);
  while (pos !== -1) {
    const start = pos + delimiter.length;
    if (body.subarray(start, start + 2).toString() === '--') break;
    const next = body.indexOf(delimiter, start);
    if (next === -1) break;
    const part = body.subarray(start + 2, next - 2); // skip CRLF after delimiter and before next
    const split = part.indexOf('\r\n\r\n');
    if (split !== -1) {
      const headers = part.subarray(0, split).toString('utf8');
      const content = part.subarray(split + 4);
      const name = /name="([^"]*)"/i.exec(headers)?.[1];
      const filename = /filename="([^"]*)"/i.exec(headers)?.[1];
      if (name !== undefined) {
        if (filename !== undefined) files[name] = { filename, size: content.length };
        else payload[name] = coerce(content.toString('utf8'));
      }
    }
    pos = next;
  }
  return { payload, files };
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function startFakeBotApi(opts: FakeBotApiOptions = {}): Promise<FakeBotApi> {
  const started = Date.now();
  const calls: FakeCall[] = [];
  const responders: { method: string; fn: Responder }[] = [];
  const queue: Record<string, unknown>[] = [];
  const pollers = new Set<() => void>();
  const watchers = new Set<() => void>();
  const sentMessages: SentMessage[] = [];
  let nextUpdateId = 1;
  let nextMessageId = 1;
  let closed = false;
  const served = new Map<string, { path: string; content: Buffer }>();

  const me = {
    id: opts.botId ?? 7_000_000_001,
    is_bot: true,
    first_name: 'Khulasa Test',
    username: opts.username ?? 'khulasa_test_bot',
    can_join_groups: true,
    can_read_all_group_messages: false,
    supports_inline_queries: false,
  };

  function messageResult(call: FakeCall, text: string): Record<string, unknown> {
    const chatId = call.payload.chat_id;
    const id = typeof chatId === 'number' ? chatId : 0;
    const thread = call.payload.message_thread_id;
    return {
      message_id: nextMessageId++,
      date: Math.floor(Date.now() / 1000),
      chat:
        typeof chatId === 'string'
          ? { id: -1_000_000_000_000, type: 'channel', username: chatId.replace(/^@/, '') }
          : { id, type: id < 0 ? 'supergroup' : 'private' },
      from: { id: me.id, is_bot: true, first_name: me.first_name, username: me.username },
      text,
      ...(typeof thread === 'number' ? { message_thread_id: thread, is_topic_message: true } : {}),
    };
  }

  async function defaultReply(call: FakeCall, res: ServerResponse): Promise<FakeReply | 'held'> {
    switch (call.method) {
      case 'getMe':
        return { result: me };
      case 'getFile': {
        const file = served.get(String(call.payload.file_id));
        if (!file) return botApiErrors.badRequest('invalid file_id');
        return {
          result: {
            file_id: call.payload.file_id,
            file_unique_id: `u-${String(call.payload.file_id)}`,
            file_size: file.content.length,
            file_path: file.path,
          },
        };
      }
      case 'sendMessage': {
        const text = String(call.payload.text ?? '');
        if (!text.trim()) return botApiErrors.badRequest('message text is empty');
        if (text.length > 4096) return botApiErrors.badRequest('message is too long');
        const result = messageResult(call, text);
        sentMessages.push({
          chatId: (call.payload.chat_id as number | string) ?? 0,
          text,
          payload: call.payload,
          messageId: result.message_id as number,
        });
        return { result };
      }
      case 'editMessageText': {
        const text = String(call.payload.text ?? '');
        if (text.length > 4096) return botApiErrors.badRequest('message is too long');
        return { result: { ...messageResult(call, text), message_id: call.payload.message_id } };
      }
      case 'getUpdates':
        return getUpdates(call, res);
      case 'getWebhookInfo':
        return { result: { url: '', has_custom_certificate: false, pending_update_count: 0 } };
      case 'getMyCommands':
        return { result: [] };
      case 'getChatMember':
        // everyone is an admin unless a test says otherwise (respondWith('getChatMember', …))
        return {
          result: {
            status: 'administrator',
            user: { id: call.payload.user_id, is_bot: false, first_name: 'Member' },
            can_be_edited: false,
            is_anonymous: false,
          },
        };
      default:
        return { result: true };
    }
  }

  function takeUpdates(offset: number, limit: number): Record<string, unknown>[] {
    while (queue.length && (queue[0]!.update_id as number) < offset) queue.shift();
    return queue.slice(0, limit);
  }

  async function getUpdates(call: FakeCall, res: ServerResponse): Promise<FakeReply | 'held'> {
    const offset = Number(call.payload.offset ?? 0);
    const limit = Math.min(100, Math.max(1, Number(call.payload.limit ?? 100)));
    const timeout = Math.min(Number(call.payload.timeout ?? 0), opts.maxPollSeconds ?? 10);
    const ready = takeUpdates(offset, limit);
    if (ready.length || timeout <= 0 || closed) return { result: ready };
    return new Promise((resolve) => {
      const finish = () => {
        pollers.delete(finish);
        clearTimeout(timer);
        resolve({ result: takeUpdates(offset, limit) });
      };
      const timer = setTimeout(finish, timeout * 1000);
      pollers.add(finish);
      res.on('close', () => {
        // the client gave up (telegraf aborts its poll on stop)
        pollers.delete(finish);
        clearTimeout(timer);
        resolve('held');
      });
    });
  }

  function send(res: ServerResponse, reply: FakeReply): void {
    if (res.writableEnded || res.destroyed) return;
    if ('status' in reply) {
      res.writeHead(reply.status, { 'content-type': reply.contentType ?? 'text/plain' });
      res.end(reply.body ?? '');
      return;
    }
    if ('result' in reply) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: true, result: reply.result }));
      return;
    }
    res.writeHead(reply.error_code, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        ok: false,
        error_code: reply.error_code,
        description: reply.description,
        ...(reply.parameters ? { parameters: reply.parameters } : {}),
      }),
    );
  }

  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const base = (opts.basePath ?? '').replace(/\/+$/, '');
      const path = url.pathname.startsWith(base) ? url.pathname.slice(base.length) : '';
      const download = /^\/file\/bot([^/]+)\/(.+)$/.exec(path);
      if (download) {
        const file = [...served.values()].find((f) => f.path === download[2]);
        const allowed = opts.token === undefined || download[1] === opts.token;
        if (!file || !allowed) res.writeHead(404).end();
        else res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(file.content);
        return;
      }
      const m = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(path);
      const body = await readBody(req);
      if (!m) {
        send(res, { error_code: 404, description: 'Not Found' });
        return;
      }
      const [, token, method] = m as unknown as [string, string, string];
      let payload: Record<string, unknown> = Object.fromEntries(
        [...url.searchParams].map(([k, v]) => [k, coerce(v)]),
      );
      let files: FakeCall['files'];
      const type = req.headers['content-type'] ?? '';
      try {
        if (type.startsWith('multipart/form-data')) {
          const parsed = parseMultipart(body, type);
          payload = { ...payload, ...parsed.payload };
          if (Object.keys(parsed.files).length) files = parsed.files;
        } else if (body.length) {
          const parsed: unknown = JSON.parse(body.toString('utf8'));
          if (parsed && typeof parsed === 'object') payload = { ...payload, ...parsed };
        }
      } catch {
        send(res, botApiErrors.badRequest("can't parse request body"));
        return;
      }
      const chatId = typeof payload.chat_id === 'number' ? payload.chat_id : undefined;
      const call: FakeCall = {
        method,
        token,
        payload,
        at: Date.now() - started,
        ...(chatId !== undefined ? { chatId } : {}),
        ...(files ? { files } : {}),
      };
      calls.push(call);
      for (const w of [...watchers]) w();
      if (opts.latencyMs) await sleep(opts.latencyMs);
      if (opts.token !== undefined && token !== opts.token) {
        send(res, { error_code: 401, description: 'Unauthorized' });
        return;
      }
      for (let i = responders.length - 1; i >= 0; i--) {
        const r = responders[i]!;
        if (r.method !== '*' && r.method !== method) continue;
        const reply = await r.fn(call);
        if (reply) {
          send(res, reply);
          return;
        }
      }
      const reply = await defaultReply(call, res);
      if (reply !== 'held') send(res, reply);
    })().catch((err: unknown) => {
      send(res, { status: 500, body: String(err) });
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  const api: FakeBotApi = {
    apiRoot: `http://127.0.0.1:${port}${(opts.basePath ?? '').replace(/\/+$/, '')}`,
    port,
    calls,
    callsOf: (method) => calls.filter((c) => c.method === method),
    sent: (chatId) =>
      chatId === undefined ? [...sentMessages] : sentMessages.filter((m) => m.chatId === chatId),
    pushUpdate(update) {
      const id = typeof update.update_id === 'number' ? update.update_id : nextUpdateId;
      nextUpdateId = Math.max(nextUpdateId, id + 1);
      queue.push({ ...update, update_id: id });
      for (const p of [...pollers]) p();
      return id;
    },
    respondWith(method, fn) {
      const entry = { method, fn };
      responders.push(entry);
      return () => {
        const i = responders.indexOf(entry);
        if (i !== -1) responders.splice(i, 1);
      };
    },
    failNext(method, reply, o = {}) {
      let left = o.times ?? 1;
      const remove = api.respondWith(method, (call) => {
        if (left <= 0) return undefined;
        if (o.chatId !== undefined && call.chatId !== o.chatId) return undefined;
        left--;
        if (left <= 0) remove();
        return reply;
      });
    },
    waitFor(predicate, timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const found = calls.find(predicate);
        if (found) {
          resolve(found);
          return;
        }
        const check = () => {
          const hit = calls.find(predicate);
          if (hit) {
            watchers.delete(check);
            clearTimeout(timer);
            resolve(hit);
          }
        };
        const timer = setTimeout(() => {
          watchers.delete(check);
          reject(new Error(`fake Bot API: no matching call within ${timeoutMs} ms`));
        }, timeoutMs);
        watchers.add(check);
      });
    },
    async waitForCalls(method, count, timeoutMs = 5000) {
      await api.waitFor(() => calls.filter((c) => c.method === method).length >= count, timeoutMs);
      return api.callsOf(method);
    },
    async waitForConfirm(updateId, timeoutMs = 5000) {
      await api.waitFor(
        (c) => c.method === 'getUpdates' && Number(c.payload.offset ?? 0) > updateId,
        timeoutMs,
      );
    },
    addFile(fileId, content, filePath) {
      served.set(fileId, {
        path: filePath ?? `documents/${fileId}`,
        content: typeof content === 'string' ? Buffer.from(content) : content,
      });
    },
    reset() {
      calls.length = 0;
      sentMessages.length = 0;
    },
    async close() {
      closed = true;
      for (const p of [...pollers]) p();
      // let the released long polls get their (empty) answers before connections are cut
      await sleep(20);
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
  return api;
}

let nextFixtureMessageId = 1_000;

export interface TextUpdateOptions {
  chatId: number;
  text: string;
  fromId?: number;
  chatType?: 'private' | 'group' | 'supergroup';
  languageCode?: string;
  /** Forum topic id: the message is marked as a topic message. */
  threadId?: number;
  updateId?: number;
}

/** A message update as Telegram sends it, with a bot_command entity when the text is a command. */
export function textUpdate(o: TextUpdateOptions): Record<string, unknown> {
  const command = /^\/\S+/.exec(o.text);
  const chatType = o.chatType ?? (o.chatId < 0 ? 'supergroup' : 'private');
  const fromId = o.fromId ?? (o.chatId > 0 ? o.chatId : 100);
  return {
    ...(o.updateId !== undefined ? { update_id: o.updateId } : {}),
    message: {
      message_id: nextFixtureMessageId++,
      date: Math.floor(Date.now() / 1000),
      chat:
        chatType === 'private'
          ? { id: o.chatId, type: 'private', first_name: 'Reader' }
          : {
              id: o.chatId,
              type: chatType,
              title: 'Group',
              ...(o.threadId ? { is_forum: true } : {}),
            },
      from: {
        id: fromId,
        is_bot: false,
        first_name: 'Reader',
        ...(o.languageCode ? { language_code: o.languageCode } : {}),
      },
      text: o.text,
      ...(command
        ? { entities: [{ type: 'bot_command', offset: 0, length: command[0].length }] }
        : {}),
      ...(o.threadId !== undefined
        ? { message_thread_id: o.threadId, is_topic_message: true }
        : {}),
    },
  };
}

/** A button press on a message the bot sent. */
export function callbackUpdate(o: {
  chatId: number;
  data: string;
  fromId?: number;
  languageCode?: string;
  messageId?: number;
  threadId?: number;
  updateId?: number;
}): Record<string, unknown> {
  const fromId = o.fromId ?? (o.chatId > 0 ? o.chatId : 100);
  return {
    ...(o.updateId !== undefined ? { update_id: o.updateId } : {}),
    callback_query: {
      id: String(nextFixtureMessageId++),
      chat_instance: '1',
      data: o.data,
      from: {
        id: fromId,
        is_bot: false,
        first_name: 'Reader',
        ...(o.languageCode ? { language_code: o.languageCode } : {}),
      },
      message: {
        message_id: o.messageId ?? 1,
        date: Math.floor(Date.now() / 1000),
        chat:
          o.chatId > 0 ? { id: o.chatId, type: 'private' } : { id: o.chatId, type: 'supergroup' },
        text: 'buttons',
        ...(o.threadId !== undefined
          ? { message_thread_id: o.threadId, is_topic_message: true }
          : {}),
      },
    },
  };
}
