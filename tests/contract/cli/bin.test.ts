/** bin/khulasa.js: --version loads nothing; compiled dist/ runs when present. */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'khulasa-bin-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function install(withDist: boolean): string {
  const at = join(dir, withDist ? 'with-dist' : 'bare');
  mkdirSync(join(at, 'bin'), { recursive: true });
  copyFileSync(join(root, 'bin', 'khulasa.js'), join(at, 'bin', 'khulasa.js'));
  writeFileSync(join(at, 'package.json'), '{"type":"module","version":"9.8.7"}');
  if (withDist) {
    mkdirSync(join(at, 'dist'));
    writeFileSync(
      join(at, 'dist', 'cli.js'),
      'export async function main(argv) { process.stdout.write(`compiled ${argv.join(" ")}\\n`); return 3; }\n',
    );
  }
  return join(at, 'bin', 'khulasa.js');
}

describe('bin/khulasa.js', () => {
  it('answers --version from package.json alone, with neither sources nor dist/', () => {
    const out = execFileSync(process.execPath, [install(false), '--version'], { encoding: 'utf8' });
    expect(out).toBe('9.8.7\n');
  });

  it('runs the compiled dist/cli.js when it is there, passing the arguments and exit code', () => {
    let status = 0;
    let out = '';
    try {
      out = execFileSync(process.execPath, [install(true), 'digest', '--json'], {
        encoding: 'utf8',
      });
    } catch (err) {
      status = (err as { status: number }).status;
      out = (err as { stdout: string }).stdout;
    }
    expect(out).toBe('compiled digest --json\n');
    expect(status).toBe(3);
  });
});
