/** The command reads `.env` from its working directory, and the real environment wins over it. */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const bin = join(import.meta.dirname, '..', '..', '..', 'bin', 'khulasa.js');
const dir = mkdtempSync(join(tmpdir(), 'khulasa-dotenv-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function doctor(env: Record<string, string>): Promise<{ code: number; out: string }> {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => k === 'PATH' || k === 'HOME'),
  );
  try {
    const { stdout } = await promisify(execFile)(process.execPath, [bin, 'doctor', '--json'], {
      cwd: dir,
      env: { ...clean, ...env },
    });
    return { code: 0, out: stdout };
  } catch (err) {
    const e = err as { code: number; stdout: string };
    return { code: e.code, out: e.stdout };
  }
}

describe('.env in the working directory', () => {
  it('is read by the command line, and a variable set in the environment wins', async () => {
    writeFileSync(join(dir, '.env'), '# local settings\nDIGEST_MAX_STORIES=99\n');
    const fromFile = await doctor({});
    expect(fromFile.code).toBe(1);
    const checks = (JSON.parse(fromFile.out) as { checks: { name: string; detail: string }[] })
      .checks;
    expect(checks[0]?.name).toBe('configuration');
    expect(checks[0]?.detail).toMatch(/^DIGEST_MAX_STORIES: value "99"/);

    const overridden = await doctor({ DIGEST_MAX_STORIES: 'lots' });
    expect(overridden.out).toMatch(/DIGEST_MAX_STORIES: value \\"lots\\"/);
  }, 30_000);
});
