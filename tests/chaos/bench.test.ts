/** `khulasa bench chaos` prints a row per scenario with the served / lost counts. */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

describe('smoke: khulasa bench chaos', () => {
  it('runs the chosen scenarios and prints their table', () => {
    const r = spawnSync(
      process.execPath,
      ['bin/khulasa.js', 'bench', 'chaos', '--only', 'migrates', '--scale', '1'],
      { cwd: ROOT, encoding: 'utf8', timeout: 60_000 },
    );
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^chaos bench: 1 scenarios, fault durations ×1, store sqlite/);
    expect(lines[1]).toMatch(
      /scenario\s+fault\s+store\s+duration\s+once\/missed\/doubled\s+articles lost\/dup\s+recover/,
    );
    const row = lines.find((l) => l.startsWith('chat-migrates'));
    expect(row).toMatch(/\s2\/0\/0\s/);
    expect(r.stdout).toContain('every reader served once, no article lost or stored twice');
  });
});

describe('khulasa bench chaos', () => {
  it('refuses an unknown store with a usage error', () => {
    const r = spawnSync(process.execPath, ['bin/khulasa.js', 'bench', 'chaos', '--store', 'ftp'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--store expects sqlite or redis/);
  });
});
