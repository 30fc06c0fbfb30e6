/**
 * `khulasa bench <target>`: commands that print speed and memory figures. Each target lives in
 * src/cli/bench/<target>.ts and parses its own options.
 */
import { UsageError, parseCommandArgs, type Command } from './command.js';

const TARGETS: Record<string, () => Promise<{ command: Command }>> = {
  summarize: () => import('./bench/summarize.js'),
  digest: () => import('./bench/digest.js'),
  ingest: () => import('./bench/ingest.js'),
  store: () => import('./bench/store.js'),
  translate: () => import('./bench/translate.js'),
  deliver: () => import('./bench/deliver.js'),
  chaos: () => import('./bench/chaos.js'),
};

const HELP = `Usage: khulasa bench <target> [options]

Targets: ${Object.keys(TARGETS).join(', ')}

Each prints medians of several runs beside a baseline measured in the same run.
Run 'khulasa bench <target> --help' for its options.`;

export const command: Command = {
  name: 'bench',
  summary: 'measure speed and memory',
  help: HELP,
  options: {},
  maxPositionals: Infinity,
  async run() {
    throw new Error('bench is dispatched by runBench');
  },
};

// The generic parser would reject the targets' own flags, so bench dispatches before parsing.
command.run = async (args, io) => {
  const [target, ...rest] = args.positionals;
  if (!target) throw new UsageError(`missing target; one of ${Object.keys(TARGETS).join(', ')}`);
  const load = Object.hasOwn(TARGETS, target) ? TARGETS[target] : undefined;
  if (!load) {
    throw new UsageError(
      `unknown bench target '${target}'; one of ${Object.keys(TARGETS).join(', ')}`,
    );
  }
  const { command: sub } = await load();
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout.write(`${sub.help}\n`);
    return 0;
  }
  return sub.run(parseCommandArgs(sub, rest), io);
};
