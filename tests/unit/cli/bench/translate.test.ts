import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { command } from '../../../../src/cli/bench/translate.js';
import { parseCommandArgs, type CliIO } from '../../../../src/cli/command.js';

function io(): { io: CliIO; out: () => string } {
  const stdout = new PassThrough();
  let text = '';
  stdout.on('data', (c: Buffer) => (text += c.toString()));
  return {
    io: {
      stdin: new PassThrough(),
      stdout,
      stderr: new PassThrough(),
      env: {},
      interactive: false,
    },
    out: () => text,
  };
}

describe('smoke: khulasa bench translate', () => {
  it('sends 3 x the digest once, then nothing on a rebuild', async () => {
    const { io: cli, out } = io();
    const args = parseCommandArgs(command, ['--readers', '60', '--runs', '1', '--json']);
    expect(await command.run(args, cli)).toBe(0);
    const result = JSON.parse(out()) as {
      digestChars: number;
      firstBuild: { chars: number; requests: number };
      rebuild: { chars: number };
      targetMet: boolean;
    };
    expect(result.firstBuild.chars).toBe(3 * result.digestChars);
    expect(result.firstBuild.requests).toBe(3);
    expect(result.rebuild.chars).toBe(0);
    expect(result.targetMet).toBe(true);
  });
});

describe('khulasa bench translate', () => {
  it('refuses Arabic as a target', async () => {
    const { io: cli } = io();
    await expect(command.run(parseCommandArgs(command, ['--lang', 'ar']), cli)).rejects.toThrow(
      /--lang/,
    );
  });
});
