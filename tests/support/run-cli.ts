/**
 * Runs the command line in this process, as `khulasa …` would, with a memory store by default:
 * what it printed on each stream and its exit code.
 */
import { PassThrough } from 'node:stream';
import { main } from '../../src/cli.js';

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

export async function runCli(argv: string[], env: Record<string, string> = {}): Promise<CliRun> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c) => (out += String(c)));
  stderr.on('data', (c) => (err += String(c)));
  const code = await main(argv, {
    stdin: new PassThrough(),
    stdout,
    stderr,
    env: { STORE_URL: 'memory://', ...env },
    interactive: false,
  });
  return { code, out, err };
}
