/**
 * The `khulasa` command line. `main(argv)` returns the exit code: 0 success, 1 runtime failure,
 * 2 bad usage or configuration, always with one line on stderr saying what is wrong.
 */
import { ConfigError } from './config/index.js';
import { loadDotEnv } from './config/dotenv.js';
import { scrubSecrets } from './log.js';
import { UsageError, parseCommandArgs, type CliIO, type Command } from './cli/command.js';

type Loader = () => Promise<{ command: Command }>;

/** Every command, loaded on demand. The service (no command) is `serve`. */
const COMMANDS: Record<string, { summary: string; load: Loader }> = {
  serve: {
    summary: 'run the bot and the scheduler (the default)',
    load: () => import('./cli/serve.js'),
  },
  summarize: {
    summary: 'key points of one article (or JSON lines of articles)',
    load: () => import('./cli/summarize.js'),
  },
  digest: {
    summary: 'build one digest from the store or given sources and print it',
    load: () => import('./cli/digest.js'),
  },
  topic: {
    summary: 'answer a topic question from recent articles',
    load: () => import('./cli/topic.js'),
  },
  ingest: {
    summary: 'fetch every source once and store new articles',
    load: () => import('./cli/ingest.js'),
  },
  deliver: { summary: 'run one delivery pass now', load: () => import('./cli/deliver.js') },
  subscribers: {
    summary: 'export or import subscribers as JSON lines',
    load: () => import('./cli/subscribers.js'),
  },
  sources: {
    summary: 'import sources from an OPML file, export them as OPML or JSON',
    load: () => import('./cli/sources.js'),
  },
  channels: {
    summary: 'add, remove or list the channels that get the daily digest',
    load: () => import('./cli/channels.js'),
  },
  eval: {
    summary: 'measure summary quality (ROUGE) or clustering quality against labels',
    load: () => import('./cli/eval.js'),
  },
  bench: {
    summary: 'measure speed and memory: summarize, digest, ingest, store, translate, deliver',
    load: () => import('./cli/bench.js'),
  },
  doctor: {
    summary: 'check configuration, store, Telegram, translation and sources',
    load: () => import('./cli/doctor.js'),
  },
};

function topHelp(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((n) => n.length));
  const lines = Object.entries(COMMANDS).map(([n, c]) => `  ${n.padEnd(width)}  ${c.summary}`);
  return [
    'khulasa — Arabic news digests on Telegram',
    '',
    'Usage: khulasa [command] [options]',
    '',
    'Commands:',
    ...lines,
    '',
    'With no command, runs the service. Without TELEGRAM_BOT_TOKEN it opens a local chat in the',
    'terminal over the bundled sample articles. Settings come from the environment (see README).',
    '',
    "Run 'khulasa <command> --help' for a command's options.",
  ].join('\n');
}

function defaultIO(): CliIO {
  try {
    loadDotEnv();
  } catch (err) {
    process.stderr.write(`khulasa: ignoring .env: ${(err as Error).message}\n`);
  }
  return {
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    interactive: process.stderr.isTTY === true,
  };
}

/** Runs the command line and returns the exit code. */
export async function main(argv: string[], io: CliIO = defaultIO()): Promise<number> {
  const fail = (code: number, message: string): number => {
    io.stderr.write(`khulasa: ${scrubSecrets(message)}\n`);
    return code;
  };
  try {
    const first = argv[0];
    if (first === '--help' || first === '-h' || first === 'help') {
      io.stdout.write(`${topHelp()}\n`);
      return 0;
    }
    if (first === '--version' || first === '-v') {
      const { createRequire } = await import('node:module');
      const pkg = createRequire(import.meta.url)('../package.json') as { version: string };
      io.stdout.write(`${pkg.version}\n`);
      return 0;
    }
    let name = 'serve';
    let rest = argv;
    if (first !== undefined && !first.startsWith('-')) {
      name = first;
      rest = argv.slice(1);
    }
    const entry = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
    if (!entry) {
      return fail(2, `unknown command '${name}'; run 'khulasa --help' to see the commands`);
    }
    const { proxyFromEnv, useProxy } = await import('./proxy.js');
    useProxy(proxyFromEnv(io.env));
    let command: Command;
    try {
      ({ command } = await entry.load());
    } catch (err) {
      // The production image leaves out the benchmarks and the test kit they use.
      if ((err as NodeJS.ErrnoException).code !== 'ERR_MODULE_NOT_FOUND') throw err;
      return fail(1, `'${name}' is not part of this installation; run it from a source checkout`);
    }
    if (name === 'bench' && rest.length > 0 && !rest[0]!.startsWith('-')) {
      // Targets parse their own options.
      return await command.run({ values: {}, positionals: rest }, io);
    }
    if (rest.includes('--help') || rest.includes('-h')) {
      io.stdout.write(`${command.help}\n`);
      return 0;
    }
    const args = parseCommandArgs(command, rest);
    return await command.run(args, io);
  } catch (err) {
    if (err instanceof UsageError) return fail(2, err.message);
    if (err instanceof ConfigError) return fail(2, `invalid configuration: ${err.message}`);
    const e = err as Error;
    if (io.env.KHULASA_DEBUG) io.stderr.write(`${scrubSecrets(String(e.stack))}\n`);
    return fail(1, `${e.name && e.name !== 'Error' ? `${e.name}: ` : ''}${e.message}`);
  }
}
