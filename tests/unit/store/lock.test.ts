import { describe, expect, it } from 'vitest';
import { createMemoryDriver } from '../../../src/store/drivers/memory.js';
import { createMutex } from '../../../src/store/lock.js';

const tick = (ms = 0) => new Promise((r) => setTimeout(r, ms));

describe('createMutex', () => {
  it('runs the callers of one name one at a time, in call order', async () => {
    const withMutex = createMutex(createMemoryDriver());
    const events: string[] = [];
    const job = (id: string, ms: number) => () =>
      (async () => {
        events.push(`start ${id}`);
        await tick(ms);
        events.push(`end ${id}`);
        return id;
      })();
    const results = await Promise.all([
      withMutex('a', job('1', 20)),
      withMutex('a', job('2', 5)),
      withMutex('a', job('3', 0)),
    ]);
    expect(results).toEqual(['1', '2', '3']);
    expect(events).toEqual(['start 1', 'end 1', 'start 2', 'end 2', 'start 3', 'end 3']);
  });

  it('lets callers of different names run at once', async () => {
    const withMutex = createMutex(createMemoryDriver());
    let running = 0;
    let most = 0;
    const job = async () => {
      most = Math.max(most, ++running);
      await tick(10);
      running--;
    };
    await Promise.all([withMutex('a', job), withMutex('b', job), withMutex('c', job)]);
    expect(most).toBe(3);
  });

  it('a failing caller gets its error and the next one still runs', async () => {
    const withMutex = createMutex(createMemoryDriver());
    const failed = withMutex('a', async () => {
      throw new Error('boom');
    });
    const next = withMutex('a', async () => 'ran');
    await expect(failed).rejects.toThrow('boom');
    await expect(next).resolves.toBe('ran');
  });

  it('waits while another process holds the key, then runs', async () => {
    const d = createMemoryDriver();
    const withMutex = createMutex(d, { waitMs: 5_000 });
    await d.set('mutex:a', 'other process');
    let ran = false;
    const run = withMutex('a', async () => {
      ran = true;
      expect(await d.get('mutex:a')).not.toBe('other process');
    });
    await tick(30);
    expect(ran).toBe(false);
    await d.cas('mutex:a', 'other process', undefined);
    await run;
    expect(ran).toBe(true);
    // The key is given back.
    expect(await d.get('mutex:a')).toBeUndefined();
  });

  it('gives up after waitMs with the lock named, and the queue goes on', async () => {
    const d = createMemoryDriver();
    const withMutex = createMutex(d, { waitMs: 60 });
    await d.set('mutex:a', 'other process');
    const started = Date.now();
    const first = withMutex('a', async () => 'first');
    const second = withMutex('a', async () => 'second');
    await expect(first).rejects.toThrow('store: timed out waiting for lock a');
    expect(Date.now() - started).toBeGreaterThanOrEqual(55);
    await d.cas('mutex:a', 'other process', undefined);
    await expect(second).resolves.toBe('second');
  });

  it('passes a store failure through at once, without retrying', async () => {
    const d = createMemoryDriver();
    let calls = 0;
    const failing = {
      ...d,
      async cas() {
        calls++;
        throw new Error('store down');
      },
    };
    const withMutex = createMutex(failing, { waitMs: 5_000 });
    let ran = false;
    await expect(
      withMutex('a', async () => {
        ran = true;
      }),
    ).rejects.toThrow('store down');
    expect(calls).toBe(1);
    expect(ran).toBe(false);
  });
});

describe('a release the store refused', () => {
  it('is given back once the store answers again, long before the key expires', async () => {
    const d = createMemoryDriver();
    const withMutex = createMutex(d, { ttlMs: 15_000 });
    const cas = d.cas.bind(d);
    let down = false;
    d.cas = (...args: Parameters<typeof d.cas>) =>
      down ? Promise.reject(new Error('store unavailable')) : cas(...args);
    await withMutex('a', async () => {
      // The store goes down while the record is being updated: the release fails.
      down = true;
    });
    expect(await d.get('mutex:a')).toBeDefined();
    await tick(100);
    down = false;
    const deadline = Date.now() + 3_000;
    while ((await d.get('mutex:a')) !== undefined && Date.now() < deadline) await tick(20);
    expect(await d.get('mutex:a')).toBeUndefined();
  });
});
