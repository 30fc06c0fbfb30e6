import { afterEach, describe, expect, it, vi } from 'vitest';
import { classifySendError, createSender } from '../../../src/bot/sender.js';
import { fakeTelegram, tgError } from '../schedule/helpers.js';

const part = (html: string) => ({ html });

afterEach(() => {
  vi.useRealTimers();
});

describe('classifySendError', () => {
  it.each([
    [
      tgError(429, 'Too Many Requests: retry after 7', { retry_after: 7 }),
      { kind: 'retry-after', seconds: 7 },
    ],
    [tgError(403, 'Forbidden: bot was blocked by the user'), { kind: 'blocked' }],
    [tgError(403, 'Forbidden: user is deactivated'), { kind: 'blocked' }],
    [tgError(403, 'Forbidden: bot was kicked from the group chat'), { kind: 'blocked' }],
    [tgError(400, 'Bad Request: chat not found'), { kind: 'blocked' }],
    [
      tgError(400, 'Bad Request: group chat was upgraded to a supergroup chat', {
        migrate_to_chat_id: -100123,
      }),
      { kind: 'migrate', to: -100123 },
    ],
    [tgError(500, 'Internal Server Error'), { kind: 'transient' }],
    [tgError(502, 'Bad Gateway'), { kind: 'transient' }],
    [Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }), { kind: 'transient' }],
    [tgError(400, "Bad Request: can't parse entities"), { kind: 'fatal' }],
    [tgError(401, 'Unauthorized'), { kind: 'fatal' }],
  ])('%s', (err, expected) => {
    expect(classifySendError(err)).toMatchObject(expected);
  });
});

describe('createSender', () => {
  it('paces sends to the overall rate', async () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const tg = fakeTelegram();
    const sender = createSender(tg, { ratePerSecond: 10 });
    const all = Promise.all(
      Array.from({ length: 30 }, (_, i) => sender.sendParts(i + 1, [part('x')])),
    );
    await vi.advanceTimersByTimeAsync(5000);
    await all;
    expect(tg.calls).toHaveLength(30);
    const times = tg.calls.map((c) => c.at);
    for (let i = 0; i < times.length; i++) {
      const inWindow = times.filter((t) => t >= times[i]! && t < times[i]! + 1000).length;
      expect(inWindow).toBeLessThanOrEqual(11); // 10/s plus the first of the next second's slot
    }
    expect(times.at(-1)! - times[0]!).toBeGreaterThanOrEqual(2800);
  });

  it('sends the parts of one digest to one chat in order, one per second, and 20 a minute to a group', async () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const tg = fakeTelegram();
    const sender = createSender(tg, { ratePerSecond: 1000 });
    const parts = ['1', '2', '3', '4'].map(part);
    const done = Promise.all([sender.sendParts(42, parts), sender.sendParts(-77, parts)]);
    await vi.advanceTimersByTimeAsync(20_000);
    const [priv, group] = await done;
    expect(priv).toEqual({ status: 'sent', partsSent: 4 });
    expect(group.status).toBe('sent');
    const to = (id: number) => tg.calls.filter((c) => c.chatId === id);
    expect(to(42).map((c) => c.text)).toEqual(['1', '2', '3', '4']);
    expect(to(-77).map((c) => c.text)).toEqual(['1', '2', '3', '4']);
    const gaps = (id: number) =>
      to(id)
        .slice(1)
        .map((c, i) => c.at - to(id)[i]!.at);
    for (const g of gaps(42)) expect(g).toBeGreaterThanOrEqual(1000);
    for (const g of gaps(-77)) expect(g).toBeGreaterThanOrEqual(3000);
  });

  it('resumes from a given part and reports progress after each', async () => {
    const tg = fakeTelegram();
    const sender = createSender(tg, { perChatIntervalMs: 0, marginMs: 0 });
    const progress: number[] = [];
    const r = await sender.sendParts(5, ['a', 'b', 'c'].map(part), {
      from: 1,
      onPartSent: (n) => void progress.push(n),
    });
    expect(r).toEqual({ status: 'sent', partsSent: 3 });
    expect(tg.calls.map((c) => c.text)).toEqual(['b', 'c']);
    expect(progress).toEqual([2, 3]);
  });

  it('honours retry_after on 429', async () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const tg = fakeTelegram();
    let first = true;
    tg.behave = () => {
      if (first) {
        first = false;
        throw tgError(429, 'Too Many Requests: retry after 3', { retry_after: 3 });
      }
    };
    const limited: number[] = [];
    const sender = createSender(tg, { onRateLimited: (_c, s) => void limited.push(s) });
    const p = sender.sendParts(9, [part('hello')]);
    await vi.advanceTimersByTimeAsync(2900);
    expect(tg.calls).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(500);
    expect(await p).toEqual({ status: 'sent', partsSent: 1 });
    expect(tg.calls[0]!.at - 1_000_000).toBeGreaterThanOrEqual(3000);
    expect(limited).toEqual([3]);
    expect(sender.stats.rateLimited).toBe(1);
  });

  it('retries 5xx with backoff, then reports failure', async () => {
    const tg = fakeTelegram();
    let n = 0;
    tg.behave = (chatId) => {
      if (chatId === 1 && n++ < 2) throw tgError(500, 'Internal Server Error');
      if (chatId === 2) throw tgError(502, 'Bad Gateway');
    };
    const sender = createSender(tg, { backoffMs: 5, maxRetries: 3, perChatIntervalMs: 0 });
    expect(await sender.sendParts(1, [part('a')])).toEqual({ status: 'sent', partsSent: 1 });
    const failed = await sender.sendParts(2, [part('a'), part('b')]);
    expect(failed).toMatchObject({ status: 'failed', partsSent: 0 });
    expect(failed.error).toMatch(/502/);
    expect(sender.stats.retries).toBe(2 + 3);
  });

  it('retries a send that times out', async () => {
    const tg = fakeTelegram();
    let n = 0;
    tg.behave = () => (n++ === 0 ? new Promise(() => {}) : undefined);
    const sender = createSender(tg, { timeoutMs: 50, backoffMs: 1, perChatIntervalMs: 0 });
    expect(await sender.sendParts(3, [part('a')])).toEqual({ status: 'sent', partsSent: 1 });
  });

  it('reports blocked chats and migrations without retrying', async () => {
    const tg = fakeTelegram();
    tg.behave = (chatId) => {
      if (chatId === 1) throw tgError(403, 'Forbidden: bot was blocked by the user');
      if (chatId === -5)
        throw tgError(400, 'Bad Request: group chat was upgraded to a supergroup chat', {
          migrate_to_chat_id: -1005,
        });
    };
    const sender = createSender(tg, { perChatIntervalMs: 0 });
    expect(await sender.sendParts(1, [part('a')])).toMatchObject({
      status: 'blocked',
      partsSent: 0,
    });
    expect(await sender.sendParts(-5, [part('a')])).toEqual({
      status: 'migrated',
      partsSent: 0,
      migrateTo: -1005,
    });
    expect(tg.calls).toHaveLength(0);
  });

  it('stop() ends waiting sends as interrupted', async () => {
    const tg = fakeTelegram();
    const sender = createSender(tg, { perChatIntervalMs: 60_000 });
    const p = sender.sendParts(1, [part('a'), part('b')]);
    await new Promise((r) => setTimeout(r, 20));
    sender.stop();
    expect(await p).toMatchObject({ status: 'interrupted', partsSent: 1 });
  });

  it('rejects nonsense options with a clear message', () => {
    expect(() => createSender(fakeTelegram(), { ratePerSecond: 0 })).toThrow(
      'Expected `ratePerSecond` to be a number from 0.001 and up, got 0',
    );
  });
});
