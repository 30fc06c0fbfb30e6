/**
 * A fake Google Cloud Translation REST server on 127.0.0.1, for tests, `khulasa bench translate`
 * and the end-to-end test. It speaks enough of both APIs for the real client library:
 *
 * - v2 (`v2.Translate`, API key): POST /language/translate/v2, POST …/v2/detect, GET …/v2/languages
 * - v3 over REST (`v3.TranslationServiceClient` with `fallback: true`):
 *   POST /v3/projects/P/locations/L:translateText, …:detectLanguage, GET …/supportedLanguages
 *
 * Translations are deterministic: `"[" + target + "] " + text`. In HTML mode the reply is escaped
 * the way the real service escapes it, so a client that switched to HTML is caught. It counts the
 * characters it receives, rejects requests over the API's segment limits (and records them), and
 * misbehaves on demand: 429, 500, 503, 403 quota, 403 bad key, slow replies, malformed JSON,
 * dropped connections.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/** What the server does with the next requests. */
export type Misbehaviour =
  | 'rate-limit' // 429 RESOURCE_EXHAUSTED
  | 'server-error' // 500
  | 'unavailable' // 503
  | 'quota' // 403 "User Rate Limit Exceeded" (per-minute quota)
  | 'forbidden' // 403 "API key not valid" (never worth retrying)
  | 'slow' // answers correctly after `delayMs`
  | 'malformed' // 200 with a body that is not JSON
  | 'drop'; // closes the connection without answering

export interface FakeTranslateOptions {
  /** API key the server accepts (v2 `?key=`, v3 `x-goog-api-key`); any key when undefined. */
  key?: string;
  /** v2 segment limit per request. @default 128 */
  maxSegmentsV2?: number;
  /** v3 segment limit per request. @default 1024 */
  maxSegmentsV3?: number;
  /** Languages listed by the languages endpoints. */
  languages?: string[];
}

export interface FakeRequest {
  api: 'v2' | 'v3';
  method: 'translate' | 'detect' | 'languages';
  /** Number of text segments in the request. */
  segments: number;
  /** Characters (code points) in those segments. */
  chars: number;
  source?: string;
  target?: string;
  /** v2 `format` or v3 `mimeType` as received. */
  format?: string;
  /** HTTP status answered (0 when the connection was dropped). */
  status: number;
  texts: string[];
}

export interface FakeTranslateServer {
  /** http://127.0.0.1:PORT */
  url: string;
  /** Base URL for v2 clients (GOOGLE_CLOUD_TRANSLATE_ENDPOINT): URL + /language/translate/v2 */
  v2Url: string;
  port: number;
  /** Characters in translate/detect requests answered successfully (what would be billed). */
  readonly chars: number;
  /** Characters received in every translate/detect request, answered or not. */
  readonly received: number;
  /** Every request, in arrival order. */
  readonly requests: FakeRequest[];
  /** Requests refused for breaking the API's limits (too many segments). */
  readonly violations: FakeRequest[];
  /**
   * Misbehave on the next `times` requests (default: every request until `behave('ok')`).
   * `delayMs` is the delay of 'slow' (default 5 s).
   */
  behave(kind: Misbehaviour | 'ok', opts?: { times?: number; delayMs?: number }): void;
  /** Forgets counted characters and requests. */
  reset(): void;
  close(): Promise<void>;
}

const DEFAULT_LANGUAGES = ['ar', 'en', 'fr', 'ru', 'zh', 'es', 'de', 'tr', 'fa', 'ur'];

/** Code points, as Google counts characters. */
function countChars(texts: string[]): number {
  let n = 0;
  for (const t of texts) for (const _ of t) n++;
  return n;
}

/** A script-based guess, good enough to be deterministic. */
export function fakeDetect(text: string): string {
  const letters = text.match(/\p{L}/gu) ?? [];
  if (letters.length === 0) return 'und';
  const count = (re: RegExp) => letters.filter((c) => re.test(c)).length;
  const arabic = count(/\p{Script=Arabic}/u);
  const cyrillic = count(/\p{Script=Cyrillic}/u);
  const han = count(/\p{Script=Han}/u);
  const max = Math.max(arabic, cyrillic, han);
  if (max * 2 >= letters.length) {
    if (max === arabic) return 'ar';
    if (max === cyrillic) return 'ru';
    return 'zh';
  }
  return /[éèêàçùœ]/i.test(text) ? 'fr' : 'en';
}

function fakeTranslate(text: string, target: string, html: boolean): string {
  const out = `[${target}] ${text}`;
  // The real service answers HTML-mode requests with entities; plain text comes back verbatim.
  return html ? out.replace(/&/g, '&amp;').replace(/'/g, '&#39;').replace(/"/g, '&quot;') : out;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(text);
}

/** Google's error shape (v2 adds `errors`, v3 REST adds `status`). */
function googleError(code: number, message: string, status: string, reason: string) {
  return {
    error: {
      code,
      message,
      status,
      errors: [{ message, domain: code === 403 ? 'usageLimits' : 'global', reason }],
    },
  };
}

const FAULTS: Record<string, [number, string, string, string]> = {
  'rate-limit': [
    429,
    'Resource has been exhausted (e.g. check quota).',
    'RESOURCE_EXHAUSTED',
    'rateLimitExceeded',
  ],
  'server-error': [500, 'Internal error encountered.', 'INTERNAL', 'backendError'],
  unavailable: [503, 'The service is currently unavailable.', 'UNAVAILABLE', 'backendError'],
  quota: [403, 'User Rate Limit Exceeded', 'PERMISSION_DENIED', 'userRateLimitExceeded'],
  forbidden: [
    403,
    'API key not valid. Please pass a valid API key.',
    'PERMISSION_DENIED',
    'forbidden',
  ],
};

/** Starts the fake server on 127.0.0.1 (port 0 = any free port). */
export async function startFakeTranslateServer(
  opts: FakeTranslateOptions & { port?: number } = {},
): Promise<FakeTranslateServer> {
  const maxV2 = opts.maxSegmentsV2 ?? 128;
  const maxV3 = opts.maxSegmentsV3 ?? 1024;
  const languages = opts.languages ?? DEFAULT_LANGUAGES;
  const requests: FakeRequest[] = [];
  const violations: FakeRequest[] = [];
  let chars = 0;
  let received = 0;
  let fault: { kind: Misbehaviour; remaining: number; delayMs: number } | undefined;
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();

  const nextFault = (): { kind: Misbehaviour; delayMs: number } | undefined => {
    if (!fault || fault.remaining <= 0) return undefined;
    fault.remaining--;
    const current = { kind: fault.kind, delayMs: fault.delayMs };
    if (fault.remaining <= 0) fault = undefined;
    return current;
  };

  const wait = (ms: number) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(() => {
        timers.delete(t);
        resolve();
      }, ms);
      timers.add(t);
    });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const raw = req.method === 'POST' ? await readBody(req) : '';
    let body: Record<string, unknown> = {};
    if (raw) {
      try {
        body = JSON.parse(raw) as Record<string, unknown>;
      } catch {
        send(
          res,
          400,
          googleError(400, 'Invalid JSON payload received.', 'INVALID_ARGUMENT', 'parseError'),
        );
        return;
      }
    }
    const path = url.pathname.replace(/\/+$/, '');
    const v2 = path.match(/^\/language\/translate\/v2(\/detect|\/languages)?$/);
    const v3 = path.match(
      /^\/v3(?:beta1)?\/projects\/[^/]+(?:\/locations\/[^/:]+)?(:translateText|:detectLanguage|\/supportedLanguages)$/,
    );
    if (!v2 && !v3) {
      send(
        res,
        404,
        googleError(404, `No route for ${req.method} ${path}`, 'NOT_FOUND', 'notFound'),
      );
      return;
    }
    const api: 'v2' | 'v3' = v2 ? 'v2' : 'v3';
    const route = (v2 ? v2[1] : v3![1]) ?? '';
    const method: FakeRequest['method'] =
      route === '/detect' || route === ':detectLanguage'
        ? 'detect'
        : route === '/languages' || route === '/supportedLanguages'
          ? 'languages'
          : 'translate';

    let texts: string[] = [];
    let source: string | undefined;
    let target: string | undefined;
    let format: string | undefined;
    if (api === 'v2' && method !== 'languages') {
      const q = body.q;
      texts = (Array.isArray(q) ? q : q === undefined ? [] : [q]).map(String);
      source = body.source as string | undefined;
      target = body.target as string | undefined;
      format = body.format as string | undefined;
    } else if (api === 'v3' && method === 'translate') {
      texts = ((body.contents as unknown[]) ?? []).map(String);
      source = (body.sourceLanguageCode as string | undefined) || undefined;
      target = body.targetLanguageCode as string | undefined;
      format = (body.mimeType as string | undefined) ?? '(default)';
    } else if (api === 'v3' && method === 'detect') {
      texts = [String(body.content ?? '')];
      format = (body.mimeType as string | undefined) ?? '(default)';
    }
    const n = countChars(texts);
    const record: FakeRequest = {
      api,
      method,
      segments: texts.length,
      chars: n,
      source,
      target,
      format,
      status: 200,
      texts,
    };
    requests.push(record);
    received += n;

    const key =
      api === 'v2'
        ? url.searchParams.get('key')
        : (req.headers['x-goog-api-key'] as string | undefined);
    if (opts.key !== undefined && key !== opts.key) {
      record.status = 403;
      send(
        res,
        403,
        googleError(
          403,
          'API key not valid. Please pass a valid API key.',
          'PERMISSION_DENIED',
          'keyInvalid',
        ),
      );
      return;
    }

    const f = nextFault();
    if (f) {
      if (f.kind === 'drop') {
        record.status = 0;
        req.socket.destroy();
        return;
      }
      if (f.kind === 'malformed') {
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
        res.end('{"data": {"translations": [{"translatedText": ');
        return;
      }
      if (f.kind === 'slow') {
        await wait(f.delayMs);
        if (res.destroyed || req.socket.destroyed) {
          record.status = 0;
          return;
        }
      } else {
        const [status, message, grpcStatus, reason] = FAULTS[f.kind]!;
        record.status = status;
        send(res, status, googleError(status, message, grpcStatus, reason));
        return;
      }
    }

    if (method === 'languages') {
      if (api === 'v2') {
        send(res, 200, { data: { languages: languages.map((l) => ({ language: l, name: l })) } });
      } else {
        send(res, 200, {
          languages: languages.map((l) => ({
            languageCode: l,
            supportSource: true,
            supportTarget: true,
          })),
        });
      }
      return;
    }

    const limit = api === 'v2' ? maxV2 : maxV3;
    if (texts.length > limit || (method === 'translate' && !target)) {
      record.status = 400;
      violations.push(record);
      const message = !target
        ? 'Target language is required.'
        : `Too many text segments: ${texts.length} > ${limit}`;
      send(res, 400, googleError(400, message, 'INVALID_ARGUMENT', 'invalid'));
      return;
    }

    chars += n;
    if (method === 'detect') {
      if (api === 'v2') {
        send(res, 200, {
          data: {
            detections: texts.map((t) => [
              { language: fakeDetect(t), isReliable: false, confidence: 0.9 },
            ]),
          },
        });
      } else {
        send(res, 200, {
          languages: [{ languageCode: fakeDetect(texts[0] ?? ''), confidence: 0.9 }],
        });
      }
      return;
    }
    const html = api === 'v2' ? format === 'html' : format !== 'text/plain';
    const translations = texts.map((t) => {
      const out: Record<string, string> = { translatedText: fakeTranslate(t, target!, html) };
      if (!source)
        out[api === 'v2' ? 'detectedSourceLanguage' : 'detectedLanguageCode'] = fakeDetect(t);
      return out;
    });
    send(res, 200, api === 'v2' ? { data: { translations } } : { translations });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent)
        send(res, 500, googleError(500, 'fake server failure', 'INTERNAL', 'backendError'));
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as { port: number }).port;
  const url = `http://127.0.0.1:${port}`;

  return {
    url,
    v2Url: `${url}/language/translate/v2`,
    port,
    get chars() {
      return chars;
    },
    get received() {
      return received;
    },
    requests,
    violations,
    behave(kind, o = {}) {
      fault =
        kind === 'ok'
          ? undefined
          : { kind, remaining: o.times ?? Infinity, delayMs: o.delayMs ?? 5000 };
    },
    reset() {
      chars = 0;
      received = 0;
      requests.length = 0;
      violations.length = 0;
    },
    close() {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      for (const s of sockets) s.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
