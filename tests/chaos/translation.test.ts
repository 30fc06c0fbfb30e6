/** Scenario 5: the translation endpoint hangs. */
import { afterEach, describe, expect, it } from 'vitest';
import { captureLogs, secretNeedles, translationHangs } from '../../src/testkit/chaos.js';
import { chaosBackends } from './backends.js';

describe.each(chaosBackends)('translation endpoint hangs, on $name', ({ make }) => {
  let cleanup: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await cleanup?.();
  });

  it('readers get Arabic with the notice by the deadline, and no character is billed twice', async () => {
    const backend = make();
    cleanup = backend.cleanup;
    const logs = captureLogs();
    const r = await translationHangs({
      storeUrl: backend.url,
      backend: backend.name,
      log: logs.log,
    });
    expect(r.served).toEqual({ once: 4, missed: 0, doubled: 0, blocked: 0 });
    // Deadline 0.8 s against a 2 s hang: the pass is done well before the provider answers.
    expect(r.durationMs).toBeGreaterThanOrEqual(700);
    expect(r.durationMs).toBeLessThan(1800);
    expect(r.notes).toContain('Arabic with the notice: true');
    expect(r.notes).toContain('health during the hang: translation failing');
    const billed = /characters billed (\d+) then (\d+) \(requests (\d+)\)/.exec(r.notes[3]!);
    expect(billed).not.toBeNull();
    expect(Number(billed![1])).toBeGreaterThan(0);
    expect(billed![2]).toBe(billed![1]);
    expect(billed![3]).toBe('1');
    expect(r.notes[4]).toBe('later reader: sent 1, translated from the cache: true');
    const text = logs.text();
    for (const s of secretNeedles()) expect(text).not.toContain(s);
  });
});
