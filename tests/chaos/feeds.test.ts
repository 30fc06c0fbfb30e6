/** Scenario 6: hostile feeds mixed with good ones. */
import { afterEach, describe, expect, it } from 'vitest';
import { captureLogs, hostileFeeds, secretNeedles } from '../../src/testkit/chaos.js';
import { chaosBackends } from './backends.js';

describe.each(chaosBackends)('hostile feeds beside good ones, on $name', ({ make }) => {
  let cleanup: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await cleanup?.();
  });

  it('reads the good feeds in the same pass, fails each hostile one with its reason, stores nothing twice', async () => {
    const backend = make();
    cleanup = backend.cleanup;
    const logs = captureLogs();
    const r = await hostileFeeds({ storeUrl: backend.url, backend: backend.name, log: logs.log });
    expect(r.articles).toEqual({ expected: 11, stored: 11, lost: 0, duplicated: 0 });
    // One pass, bounded by the per-request deadline (1.5 s), not by the slowest hostile feed.
    expect(r.durationMs).toBeLessThan(4000);
    const note = (id: string) => r.notes.find((n) => n.startsWith(`${id}:`));
    expect(note('good-1')).toBe('good-1: ok');
    expect(note('good-2')).toBe('good-2: ok');
    expect(note('drip')).toMatch(/failed \(timed out/);
    expect(note('huge')).toMatch(/failed \(body larger than/);
    expect(note('bomb')).toMatch(/failed \(body larger than/);
    expect(note('loop')).toMatch(/failed \(redirect loop/);
    expect(note('hang')).toMatch(/failed \(timed out/);
    expect(r.notes).toContain('second pass new articles: 0');
    const growth = Number(/memory growth during the pass: (-?\d+) MB/.exec(r.notes.join('\n'))![1]);
    expect(growth).toBeLessThan(150);
    for (const s of secretNeedles()) expect(logs.text()).not.toContain(s);
  });
});
