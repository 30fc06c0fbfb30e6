/**
 * `khulasa subscribers export|import`: subscribers as JSON lines, for backups and for moving
 * between backends (export from one STORE_URL, import into another).
 */
import { open } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { Writable } from 'node:stream';
import { z } from 'zod';
import { parseConfig } from '../config/index.js';
import { createLogger } from '../log.js';
import { openRuntime } from '../app/runtime.js';
import { isValidTimeZone } from '../time/index.js';
import { SubscriberSchema, type Store, type Subscriber } from '../store/types.js';
import { UsageError, writeLine, type CliIO, type Command } from './command.js';
import { createProgress } from './progress.js';

const HELP = `Usage: khulasa subscribers export [--out FILE]
       khulasa subscribers import FILE|-

export  writes every subscriber of the store (STORE_URL) as one JSON line each:
          {"chatId","chatType","language","deliveryTime":"HH:MM","timeZone","topics":[…],"active",…}
        to standard output, or to FILE with --out.
import  reads such lines from FILE (or standard input with -) and saves them, replacing a chat
        that is already there, so importing the same file twice changes nothing. Every line is
        checked; good lines are imported, each bad one is reported on standard error with its
        line number.

Exit status: 0 when every line was imported, 1 when some lines were bad (the good ones are still
imported) or the store failed, 2 for bad usage.

Options:
  --out FILE   write the export to FILE instead of standard output`;

/** One exported line: the seven fixed keys first, then whatever else the record has. */
export function exportLine(s: Subscriber): string {
  const { chatId, chatType, language, deliveryTime, timeZone, topics, active, ...rest } = s;
  return JSON.stringify({
    chatId,
    chatType,
    language,
    deliveryTime,
    timeZone,
    topics,
    active,
    ...rest,
  });
}

/** What an import line must hold: the fixed keys; timestamps and the rest are optional. */
const ImportLineSchema = SubscriberSchema.extend({
  createdAt: z.string().optional(),
  updatedAt: z.string().optional(),
});

/** Parses one import line into a subscriber, or returns why it is bad. */
export function parseImportLine(
  line: string,
): { ok: true; value: z.infer<typeof ImportLineSchema> } | { ok: false; error: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch {
    return { ok: false, error: 'not valid JSON' };
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return { ok: false, error: 'expected a JSON object' };
  }
  const r = ImportLineSchema.safeParse(raw);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    const key = issue.path.join('.');
    if (key === 'deliveryTime')
      return { ok: false, error: '"deliveryTime": expected HH:MM, 00:00 to 23:59' };
    return { ok: false, error: `${key ? `"${key}"` : 'line'}: ${issue.message}` };
  }
  if (!isValidTimeZone(r.data.timeZone)) {
    return { ok: false, error: `"timeZone": unknown IANA time zone '${r.data.timeZone}'` };
  }
  return { ok: true, value: r.data };
}

/** Writes every subscriber as one JSON line; returns how many. */
export async function runExport(
  store: Store,
  out: Writable,
  onProgress?: (n: number) => void,
): Promise<number> {
  let n = 0;
  let buffer: string[] = [];
  for await (const s of store.subscribers.all()) {
    buffer.push(exportLine(s));
    n++;
    onProgress?.(n);
    if (buffer.length >= 1000) {
      await writeLine(out, buffer.join('\n'));
      buffer = [];
    }
  }
  if (buffer.length > 0) await writeLine(out, buffer.join('\n'));
  return n;
}

export interface ImportReport {
  lines: number;
  imported: number;
  added: number;
  bad: number;
}

/** Imports JSON lines into the store; bad lines go to `onBad` with their 1-based number. */
export async function importSubscribers(
  store: Store,
  lines: AsyncIterable<string>,
  opts: {
    now: () => Date;
    onBad(lineNo: number, error: string): void;
    batchSize?: number;
    /** Called after each stored batch with the lines read so far. */
    onProgress?(lines: number): void;
  },
): Promise<ImportReport> {
  const report: ImportReport = { lines: 0, imported: 0, added: 0, bad: 0 };
  const size = opts.batchSize ?? 500;
  let batch: { chatId: number; update: (current: Subscriber | undefined) => Subscriber }[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const { added } = await store.subscribers.upsertMany(batch);
    report.added += added;
    report.imported += batch.length;
    batch = [];
    opts.onProgress?.(report.lines);
  };
  for await (const text of lines) {
    const lineNo = ++report.lines;
    if (text.trim() === '') continue;
    const parsed = parseImportLine(text);
    if (!parsed.ok) {
      report.bad++;
      opts.onBad(lineNo, parsed.error);
      continue;
    }
    const line = parsed.value;
    batch.push({
      chatId: line.chatId,
      update: (current) => {
        const stamp = opts.now().toISOString();
        return {
          ...line,
          createdAt: line.createdAt ?? current?.createdAt ?? stamp,
          updatedAt: line.updatedAt ?? current?.updatedAt ?? stamp,
        };
      },
    });
    if (batch.length >= size) await flush();
  }
  await flush();
  return report;
}

export const command: Command = {
  name: 'subscribers',
  summary: 'export or import subscribers as JSON lines',
  help: HELP,
  options: { out: { type: 'string' } },
  maxPositionals: 2,
  async run(args, io: CliIO) {
    const [action, file] = args.positionals;
    if (action !== 'export' && action !== 'import') {
      throw new UsageError(
        `expected 'export' or 'import', got '${action ?? ''}'; see 'khulasa subscribers --help'`,
      );
    }
    if (action === 'export' && file !== undefined) {
      throw new UsageError(`export takes no file argument; use --out FILE`);
    }
    if (action === 'import' && file === undefined) {
      throw new UsageError(`import needs a FILE (or - for standard input)`);
    }
    if (action === 'import' && args.values.out !== undefined) {
      throw new UsageError(`--out is an export option`);
    }
    const config = parseConfig(io.env);
    const log = createLogger({ level: 'warn', destination: io.stderr });
    const runtime = await openRuntime(config, { log, translator: false });
    const { store } = runtime;
    try {
      if (action === 'export') {
        const outFile = args.values.out as string | undefined;
        const handle = outFile ? await open(outFile, 'w') : undefined;
        const out = handle ? handle.createWriteStream() : io.stdout;
        const bar = createProgress(io, 'exporting', (await store.subscribers.count()).total);
        const n = await runExport(store, out, (i) => bar.tick(i));
        bar.end(n);
        if (handle) {
          await new Promise<void>((resolve, reject) =>
            out.end((err?: Error | null) => (err ? reject(err) : resolve())),
          );
        }
        io.stderr.write(`exported ${n} subscribers${outFile ? ` to ${outFile}` : ''}\n`);
        return 0;
      }
      const input = file === '-' ? io.stdin : (await open(file!)).createReadStream();
      const rl = createInterface({ input, crlfDelay: Infinity });
      const bar = createProgress(io, 'importing lines');
      const report = await importSubscribers(store, rl, {
        now: () => new Date(),
        onProgress: (lines) => bar.tick(lines),
        onBad: (lineNo, error) => io.stderr.write(`line ${lineNo}: ${error}\n`),
      });
      bar.end(report.lines);
      io.stderr.write(
        `imported ${report.imported} subscribers (${report.added} new)` +
          (report.bad > 0 ? `; ${report.bad} bad line${report.bad === 1 ? '' : 's'} skipped` : '') +
          '\n',
      );
      return report.bad > 0 ? 1 : 0;
    } finally {
      await runtime.close();
    }
  },
};
