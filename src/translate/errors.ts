/**
 * Provider errors, classified once so the retry policy reads one field. "The remote said no"
 * (`status` set) is told apart from "could not reach the remote" (network, timeout), and from
 * a reply that could not be read (malformed).
 */

export type TranslationErrorKind =
  | 'rate-limit' // 429, RESOURCE_EXHAUSTED
  | 'quota' // 403 "User Rate Limit Exceeded" (per-minute quota)
  | 'server' // 5xx, UNAVAILABLE, INTERNAL
  | 'timeout' // our per-request timeout, 408, DEADLINE_EXCEEDED
  | 'network' // reset, refused, dropped
  | 'malformed' // a reply that is not the expected JSON
  | 'rejected'; // any other refusal (bad key, daily limit, bad request): never retried

// A timeout is not retried: the provider may have translated (and billed) the text after we
// stopped waiting, and a retry would pay for the same characters again.
const RETRYABLE: ReadonlySet<TranslationErrorKind> = new Set([
  'rate-limit',
  'quota',
  'server',
  'network',
  'malformed',
]);

/** A provider call that failed, with what the provider said and whether trying again may help. */
export class TranslationError extends Error {
  override readonly name = 'TranslationError';
  readonly retryable: boolean;
  constructor(
    readonly kind: TranslationErrorKind,
    message: string,
    readonly provider: string,
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.retryable = RETRYABLE.has(kind);
  }
}

const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'ETIMEDOUT',
  'ESOCKETTIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_SOCKET',
]);

/** gRPC status codes worth retrying: DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED, ABORTED, INTERNAL, UNAVAILABLE. */
const GRPC_RETRY: Record<number, TranslationErrorKind> = {
  4: 'timeout',
  8: 'rate-limit',
  10: 'server',
  13: 'server',
  14: 'server',
};

const RATE_LIMIT_TEXT = /user ?rate ?limit|rateLimitExceeded|too many requests/i;

/** Turns whatever a client library threw into a {@link TranslationError}. */
export function classifyError(err: unknown, provider: string): TranslationError {
  if (err instanceof TranslationError) return err;
  const e = (err ?? {}) as {
    code?: unknown;
    status?: unknown;
    message?: unknown;
    name?: unknown;
    type?: unknown;
    errors?: { reason?: string; message?: string }[];
    response?: { status?: number };
  };
  const message = firstLine(typeof e.message === 'string' ? e.message : String(err));
  const httpStatus =
    typeof e.code === 'number' && e.code >= 100
      ? e.code
      : typeof e.response?.status === 'number'
        ? e.response.status
        : typeof e.status === 'number' && e.status >= 100
          ? e.status
          : undefined;
  const make = (kind: TranslationErrorKind, status?: number) =>
    new TranslationError(kind, message, provider, status, { cause: err });

  if (httpStatus !== undefined) {
    const reasons = (e.errors ?? []).map((x) => `${x.reason ?? ''} ${x.message ?? ''}`).join(' ');
    if (httpStatus === 429) return make('rate-limit', httpStatus);
    if (httpStatus === 403 && RATE_LIMIT_TEXT.test(`${message} ${reasons}`)) {
      return make('quota', httpStatus);
    }
    if (httpStatus === 408) return make('timeout', httpStatus);
    if (httpStatus >= 500) return make('server', httpStatus);
    return make('rejected', httpStatus);
  }
  if (typeof e.code === 'number' && e.code >= 0 && e.code < 100) {
    const kind = GRPC_RETRY[e.code];
    if (e.code === 7 && RATE_LIMIT_TEXT.test(message)) return make('quota');
    return make(kind ?? 'rejected');
  }
  if (typeof e.code === 'string' && NETWORK_CODES.has(e.code)) return make('network');
  if (e.type === 'request-timeout' || e.name === 'AbortError' || e.name === 'TimeoutError') {
    return make('timeout');
  }
  if (e.type === 'system' || /socket hang up|network|fetch failed/i.test(message)) {
    return make('network');
  }
  if (e.name === 'SyntaxError' || /JSON/.test(message)) return make('malformed');
  return make('rejected');
}

function firstLine(text: string): string {
  const line = text.split('\n')[0] ?? '';
  return line.length > 300 ? `${line.slice(0, 297)}...` : line;
}
