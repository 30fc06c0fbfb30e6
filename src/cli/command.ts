/**
 * What every `khulasa` command is made of. Each command lives in its own file under src/cli/ and
 * exports `command`; src/cli.ts loads it lazily, so a slow import never taxes the others.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { Readable, Writable } from 'node:stream';

/** Bad usage: exit 2 with one line. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export interface CliIO {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
  env: Record<string, string | undefined>;
  /** True when stderr is a terminal (progress lines are shown only then). */
  interactive: boolean;
}

export type Options = NonNullable<ParseArgsConfig['options']>;
export type ParsedArgs = {
  values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  positionals: string[];
};

export interface Command {
  name: string;
  /** One line for `khulasa --help`. */
  summary: string;
  /** Full help text for `khulasa <name> --help` (usage line first). */
  help: string;
  options: Options;
  /** How many positional arguments are accepted (default 0). */
  maxPositionals?: number;
  run(args: ParsedArgs, io: CliIO): Promise<number>;
}

/** Parses argv strictly: unknown flags and missing values become a {@link UsageError}. */
export function parseCommandArgs(cmd: Command, argv: string[]): ParsedArgs {
  // A negative number (a channel or group id, -100…) is an argument, never a bundle of flags.
  const negatives = new Map<string, string>();
  const args = argv.map((a) => {
    if (!/^-\d+$/.test(a)) return a;
    const key = `\u0000${negatives.size}`;
    negatives.set(key, a);
    return key;
  });
  const restore = (v: string) => negatives.get(v) ?? v;
  let parsed: ParsedArgs;
  try {
    parsed = parseArgs({
      args,
      options: cmd.options,
      allowPositionals: true,
      strict: true,
    }) as ParsedArgs;
  } catch (err) {
    const message = (err as Error).message.split('\n')[0]!.replace(/\.\s*To specify.*$/, '');
    throw new UsageError(`${message}; see 'khulasa ${cmd.name} --help'`);
  }
  if (negatives.size > 0) {
    parsed.positionals = parsed.positionals.map(restore);
    for (const [k, v] of Object.entries(parsed.values)) {
      if (typeof v === 'string') parsed.values[k] = restore(v);
    }
  }
  const max = cmd.maxPositionals ?? 0;
  if (parsed.positionals.length > max) {
    throw new UsageError(
      `unexpected argument '${parsed.positionals[max]}'; see 'khulasa ${cmd.name} --help'`,
    );
  }
  return parsed;
}

/** Reads a positive integer option, or the fallback when absent. */
export function intOption(
  args: ParsedArgs,
  name: string,
  fallback: number,
  { min = 1, max = 1_000_000 }: { min?: number; max?: number } = {},
): number {
  const raw = args.values[name];
  if (raw === undefined) return fallback;
  const n = typeof raw === 'string' && /^\d+$/.test(raw.trim()) ? Number(raw) : NaN;
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new UsageError(
      `--${name} expects a whole number from ${min} to ${max}, got '${String(raw)}'`,
    );
  }
  return n;
}

/** Reads a string option that may be repeated. */
export function listOption(args: ParsedArgs, name: string): string[] {
  const raw = args.values[name];
  if (raw === undefined) return [];
  return (Array.isArray(raw) ? raw : [raw]).map(String);
}

/** Writes a line and resolves once it is flushed (so piped output is never cut short). */
export function writeLine(out: Writable, line: string): Promise<void> {
  return new Promise((resolve, reject) => {
    out.write(`${line}\n`, (err) => (err ? reject(err) : resolve()));
  });
}
