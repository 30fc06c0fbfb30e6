import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSender, type TelegramLike } from '../../../src/bot/sender.js';

const part = (html: string) => ({ html });

/** A Bot API error as telegraf throws it. */
function apiError(code: number, description: string, parameters?: Record<string, number>) {
  return Object.assign(new Error(`${code}: ${description}`), {
    code,
    description,
    parameters,
    response: { error_code: code, description, parameters },
  });
}

/** A client whose n-th call (from 0) does what `answers[n]` says; later calls succeed. */
function scripted(answers: (Error | 'hang' | 'ok')[]): TelegramLike & { calls: number } {
  const t = {
    calls: 0,
    async sendMessage() {
      const answer = answers[t.calls++] ?? 'ok';
      if (answer === 'hang') return new Promise(() => {});
      if (answer instanceof Error) throw answer;
      return { message_id: t.calls };
    },
  };
  return t;
}

afterEach(() => {
  vi.useRealTimers();
});

describe('createSender retries', () => {
  it('gives up on a message after max429Retries answers of 429', async () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const tooMany = apiError(429, 'Too Many Requests: retry after 1', { retry_after: 1 });
    const tg = scripted([tooMany, tooMany, tooMany, tooMany]);
    const sender = createSender(tg, { max429Retries: 2, perChatIntervalMs: 0 });
    const p = sender.sendParts(7, [part('a')]);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(await p).toEqual({
      status: 'failed',
      partsSent: 0,
      error: '429 too many requests 3 times',
    });
    expect(tg.calls).toBe(3);
    expect(sender.stats).toMatchObject({ rateLimited: 3, retries: 0, failed: 1 });
  });

  it('counts 429 answers apart from the retries of 5xx answers', async () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const tg = scripted([
      apiError(500, 'Internal Server Error'),
      apiError(429, 'Too Many Requests: retry after 1', { retry_after: 1 }),
      'ok',
    ]);
    const sender = createSender(tg, { maxRetries: 1, backoffMs: 10, perChatIntervalMs: 0 });
    const p = sender.sendParts(7, [part('a')]);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(await p).toEqual({ status: 'sent', partsSent: 1 });
    expect(tg.calls).toBe(3);
    expect(sender.stats).toMatchObject({ sent: 1, retries: 1, rateLimited: 1 });
  });

  it('backs off about backoffMs, then twice that, reporting each retry and each error', async () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const at: number[] = [];
    const tg = scripted([apiError(502, 'Bad Gateway'), apiError(503, 'Service Unavailable')]);
    const send = tg.sendMessage;
    tg.sendMessage = (...args) => {
      at.push(Date.now());
      return send(...args);
    };
    const retried: string[] = [];
    const errors: string[] = [];
    const sender = createSender(tg, {
      backoffMs: 1000,
      perChatIntervalMs: 0,
      onRetry: (_chat, error) => void retried.push(error),
      onError: (_chat, code) => void errors.push(code),
    });
    const p = sender.sendParts(7, [part('a')]);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(await p).toEqual({ status: 'sent', partsSent: 1 });
    expect(retried).toEqual(['502 Bad Gateway', '503 Service Unavailable']);
    expect(errors).toEqual(['502', '503']);
    const [first, second, third] = at as [number, number, number];
    expect(second - first).toBeGreaterThanOrEqual(750);
    expect(second - first).toBeLessThanOrEqual(1250);
    expect(third - second).toBeGreaterThanOrEqual(1500);
    expect(third - second).toBeLessThanOrEqual(2500);
  });

  it('fails a message the Bot API refuses for good, without retrying it', async () => {
    const tg = scripted([apiError(400, "Bad Request: can't parse entities")]);
    const sender = createSender(tg, { perChatIntervalMs: 0 });
    expect(await sender.sendParts(7, [part('a'), part('b')])).toEqual({
      status: 'failed',
      partsSent: 0,
      error: "400 Bad Request: can't parse entities",
    });
    expect(tg.calls).toBe(1);
    expect(sender.stats.retries).toBe(0);
  });

  it('reports a timeout as such and retries it', async () => {
    const tg = scripted(['hang']);
    const errors: string[] = [];
    const sender = createSender(tg, {
      timeoutMs: 20,
      backoffMs: 1,
      perChatIntervalMs: 0,
      onError: (_chat, code) => void errors.push(code),
    });
    expect(await sender.sendParts(7, [part('a')])).toEqual({ status: 'sent', partsSent: 1 });
    expect(errors).toEqual(['timeout']);
  });

  it('stop() during a backoff ends the send as interrupted', async () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const tg = scripted(['ok', apiError(500, 'Internal Server Error')]);
    const sender = createSender(tg, { backoffMs: 60_000, perChatIntervalMs: 0 });
    const p = sender.sendParts(7, [part('a'), part('b')]);
    await vi.advanceTimersByTimeAsync(100);
    expect(tg.calls).toBe(2);
    sender.stop();
    expect(await p).toEqual({ status: 'interrupted', partsSent: 1, error: 'sender stopped' });
    expect(tg.calls).toBe(2);
  });
});
