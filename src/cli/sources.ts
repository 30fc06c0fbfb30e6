/**
 * `khulasa sources import FILE.opml` and `khulasa sources export [--format opml|json]`: move
 * subscriptions between Khulasa and feed readers. Imported feeds live in the store beside the
 * ones admins add with /addsource; export lists every source the bot reads.
 */
import { readFile } from 'node:fs/promises';
import { parseConfig } from '../config/index.js';
import { silentLogger } from '../log.js';
import type { Source } from '../store/types.js';
import { UsageError, type Command } from './command.js';
import { createProgress } from './progress.js';

const HELP = `Usage: khulasa sources import FILE.opml
       khulasa sources export [--format opml|json]

import  adds every feed (xmlUrl) of an OPML file, nested folders included, to the store; feeds
        already read are skipped. Prints one line per feed: "added ID URL" or "skipped URL (why)".
export  writes every source (SOURCES_FILE or the bundled list, plus the added ones) to standard
        output as OPML (default) or as JSON usable as SOURCES_FILE.
Reads STORE_URL and SOURCES_FILE.`;

export const command: Command = {
  name: 'sources',
  summary: 'import sources from OPML, export them as OPML or JSON',
  help: HELP,
  options: { format: { type: 'string' } },
  maxPositionals: 2,
  async run(args, io) {
    const [action, file] = args.positionals;
    if (action !== 'import' && action !== 'export') {
      throw new UsageError(
        `expected 'import' or 'export', got '${action ?? ''}'; see 'khulasa sources --help'`,
      );
    }
    const format = args.values.format as string | undefined;
    if (action === 'import') {
      if (!file) throw new UsageError('import needs an OPML FILE');
      if (format !== undefined) throw new UsageError('--format is an export option');
    } else {
      if (file !== undefined) throw new UsageError('export takes no file; it writes to stdout');
      if (format !== undefined && format !== 'opml' && format !== 'json') {
        throw new UsageError(`--format must be opml or json, got '${format}'`);
      }
    }
    const config = parseConfig(io.env);
    const { openRuntime } = await import('../app/runtime.js');
    const { configuredSources } = await import('../sources/configured.js');
    const { parseOpml, planImport, renderOpml } = await import('../sources/index.js');

    let feeds: ReturnType<typeof parseOpml> = [];
    if (action === 'import') {
      let text: string;
      try {
        text = await readFile(file!, 'utf8');
      } catch (err) {
        throw new UsageError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code}`);
      }
      try {
        feeds = parseOpml(text);
      } catch (err) {
        throw new UsageError(`${file} is not an OPML file: ${(err as Error).message}`);
      }
    }

    const base = await configuredSources(config);
    const runtime = await openRuntime(config, { log: silentLogger(), translator: false });
    const { store } = runtime;
    try {
      const added = await store.sources.list();
      const baseUrls = new Set(base.map((s) => s.url));
      const all: Source[] = [...base, ...added.filter((s) => !baseUrls.has(s.url))];
      if (action === 'export') {
        createProgress(io, 'exported', all.length).end(all.length);
        io.stdout.write(
          format === 'json' ? `${JSON.stringify({ sources: all }, null, 2)}\n` : renderOpml(all),
        );
        return 0;
      }
      const plan = planImport(feeds, all);
      const bar = createProgress(io, 'importing', plan.length);
      let n = 0;
      let addedCount = 0;
      for (const line of plan) {
        if (line.status === 'added') {
          await store.sources.add(line.source);
          addedCount++;
          io.stdout.write(`added   ${line.source.id} ${line.url}\n`);
        } else {
          io.stdout.write(`skipped ${line.url} (${line.reason})\n`);
        }
        bar.tick(++n);
      }
      bar.end(n);
      io.stderr.write(
        `${addedCount} added, ${plan.length - addedCount} skipped, from ${feeds.length} feeds in ${file}\n`,
      );
      return 0;
    } finally {
      await runtime.close();
    }
  },
};
