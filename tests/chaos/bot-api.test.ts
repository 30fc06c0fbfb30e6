/** Scenario 4: the Bot API hangs, answers 502 for a while, answers 429 with a long retry_after, and a group migrates mid-send. */
import { afterEach, describe, expect, it } from 'vitest';
import {
  botApi429,
  botApi502,
  botApiHangs,
  captureLogs,
  chatMigrates,
  secretNeedles,
} from '../../src/testkit/chaos.js';
import { chaosBackends } from './backends.js';

describe.each(chaosBackends)('Bot API faults on $name', ({ make }) => {
  let cleanup: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await cleanup?.();
    cleanup = undefined;
  });
  const setup = () => {
    const backend = make();
    cleanup = backend.cleanup;
    const logs = captureLogs();
    return { opts: { storeUrl: backend.url, backend: backend.name, log: logs.log }, logs };
  };
  const noSecrets = (text: string) => {
    for (const s of secretNeedles()) expect(text).not.toContain(s);
  };

  it('a send that gets no answer is retried after the client timeout; each reader served once', async () => {
    const { opts, logs } = setup();
    const r = await botApiHangs(opts);
    expect(r.served).toEqual({ once: 3, missed: 0, doubled: 0, blocked: 0 });
    expect(r.durationMs).toBeLessThan(5000);
    noSecrets(logs.text());
  });

  it('502 for a while: the sends wait for the resume, then every reader is served once', async () => {
    const { opts, logs } = setup();
    const r = await botApi502(opts);
    expect(r.served).toEqual({ once: 4, missed: 0, doubled: 0, blocked: 0 });
    expect(r.notes).toContain('health said Bot API unreachable during the outage: true');
    expect(r.notes).toContain('health after recovery: ok');
    expect(r.recoverMs).toBeLessThan(3000);
    noSecrets(logs.text());
  });

  it('429 with a retry_after longer than the lease: served once, not also by the other instance', async () => {
    const { opts, logs } = setup();
    const r = await botApi429(opts);
    expect(r.served).toEqual({ once: 3, missed: 0, doubled: 0, blocked: 0 });
    noSecrets(logs.text());
  });

  it('a group that migrates mid-send gets the rest in the supergroup, no part twice', async () => {
    const { opts, logs } = setup();
    const r = await chatMigrates(opts);
    expect(r.served).toEqual({ once: 2, missed: 0, doubled: 0, blocked: 0 });
    expect(r.notes[1]).toBe('subscriber moved: true; old id kept: false');
    noSecrets(logs.text());
  });
});
