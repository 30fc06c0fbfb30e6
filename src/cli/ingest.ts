/**
 * `khulasa ingest`: one pass over the sources into the store — a live line per source on a
 * terminal, a summary table (or one JSON object) at the end.
 */
import { ConfigError, parseConfig } from '../config/index.js';
import { createLogger } from '../log.js';
import { openRuntime } from '../app/runtime.js';
import { configuredSources, withAddedSources } from '../sources/configured.js';
import {
  SourcesFileError,
  loadSourcesFile,
  runIngest,
  sourcesFromSpecs,
  type SourceReport,
} from '../sources/index.js';
import { recordHistory } from '../schedule/history.js';
import type { Source } from '../store/types.js';
import { UsageError, listOption, writeLine, type Command } from './command.js';

const HELP = `Usage: khulasa ingest [--from URL|FILE|DIR …] [--sources FILE] [--json]

Fetches every source once, stores the new articles (they expire after ARTICLE_TTL_DAYS, 7 by
default) and records each source's state: conditional-GET validators, failures, backoff.

Sources, in order of precedence:
  --from SPEC       an http(s) feed or article URL, a folder of .txt/.md/.html articles, a
                    .jsonl file of {"id","title","text","url","source","publishedAt"} lines, a
                    feed file, or a sources file; repeat for several
  --sources FILE    a sources file: {"sources":[{"id","name","url","kind":"feed|page|folder|jsonl"}]}
                    (JSON, or YAML when the name ends in .yaml/.yml)
  (neither)         SOURCES_FILE, else the bundled sources.default.json, plus the sources
                    admins added in the bot with /addsource

Addresses given with --from or --sources are the operator's own and may point at this machine
or the local network. Otherwise ALLOW_PRIVATE_SOURCES (default false) decides: loopback, private
and link-local addresses are refused, after DNS resolution.

A manual pass ignores backoff and per-source intervals (the scheduler honours them).

Options:
  --from SPEC       read this source (repeatable)
  --sources FILE    read the sources listed in FILE
  --json            print {"sources":[{"id","url","status","items","new","error"}],"articles":N}
                    where "articles" is the number of new articles stored

Exit status: 0 when at least one source worked, 1 when all failed, 2 for bad usage.`;

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length);
}

function clip(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, width - 1)}…`;
}

const MARK: Record<SourceReport['status'], string> = {
  ok: '✓',
  'not-modified': '=',
  failed: '✗',
  skipped: '-',
};

/** The end-of-pass table: one row per source. */
export function summaryTable(reports: SourceReport[]): string[] {
  const idWidth = Math.min(Math.max(6, ...reports.map((r) => r.id.length)), 32);
  const rows = [
    `${pad('SOURCE', idWidth)}  ${pad('STATUS', 12)}  ${'ITEMS'.padStart(5)}  ${'NEW'.padStart(5)}  ERROR`,
  ];
  for (const r of reports) {
    rows.push(
      `${pad(clip(r.id, idWidth), idWidth)}  ${pad(r.status, 12)}  ${String(r.items).padStart(5)}  ${String(r.new).padStart(5)}  ${clip(r.error ?? '', 100)}`,
    );
  }
  return rows;
}

export const command: Command = {
  name: 'ingest',
  summary: 'fetch every source once and store new articles',
  help: HELP,
  options: {
    from: { type: 'string', multiple: true },
    sources: { type: 'string' },
    json: { type: 'boolean' },
  },
  async run(args, io) {
    const config = parseConfig(io.env);
    const specs = listOption(args, 'from');
    const sourcesFile = typeof args.values.sources === 'string' ? args.values.sources : undefined;
    const json = args.values.json === true;
    const failedSpecs: SourceReport[] = [];
    let sources: Source[] = [];
    let fromStore = false;
    let allowPrivate = config.ALLOW_PRIVATE_SOURCES;

    if (specs.length > 0 || sourcesFile !== undefined) {
      // The operator's own command line: trusted, may point at local addresses.
      allowPrivate = true;
      if (sourcesFile !== undefined) {
        try {
          sources.push(...(await loadSourcesFile(sourcesFile)));
        } catch (err) {
          if (err instanceof SourcesFileError) throw new UsageError(`--sources: ${err.message}`);
          throw err;
        }
      }
      const expanded = await sourcesFromSpecs(specs);
      const taken = new Set(sources.map((s) => s.id));
      for (const s of expanded.sources) {
        let id = s.id;
        for (let n = 2; taken.has(id); n += 1) id = `${s.id}-${n}`;
        taken.add(id);
        s.id = id;
        sources.push(s);
      }
      for (const p of expanded.problems) {
        failedSpecs.push({
          id: p.spec,
          url: p.spec,
          status: 'failed',
          items: 0,
          new: 0,
          error: p.error,
        });
      }
    } else {
      try {
        sources = await configuredSources(config);
      } catch (err) {
        if (err instanceof SourcesFileError && config.SOURCES_FILE) {
          throw new ConfigError('SOURCES_FILE', err.message, './sources.json');
        }
        throw err;
      }
      fromStore = true;
    }

    const log = createLogger({
      level:
        config.LOG_LEVEL === 'debug' || config.LOG_LEVEL === 'trace' ? config.LOG_LEVEL : 'error',
    });
    const runtime = await openRuntime(config, { log, translator: false });
    const { store } = runtime;
    try {
      if (fromStore) sources = await withAddedSources(sources, store);
      if (sources.length === 0 && failedSpecs.length === 0) {
        throw new UsageError('no sources to read; give --from SPEC or --sources FILE');
      }
      let done = 0;
      const total = sources.length;
      const report = await runIngest(
        {
          store,
          log,
          now: () => new Date(),
          sources,
          allowPrivate,
          ttlMs: config.ARTICLE_TTL_DAYS * 24 * 60 * 60_000,
          onStored: (articles) => recordHistory(store, articles, config.CLUSTER_BACKGROUND_DAYS),
        },
        {
          force: true,
          onProgress: (r) => {
            done += 1;
            if (!io.interactive) return;
            const detail =
              r.status === 'failed' || r.status === 'skipped'
                ? clip(r.error ?? '', 80)
                : `${r.items} items, ${r.new} new`;
            io.stderr.write(
              `[${done}/${total}] ${MARK[r.status]} ${r.id}  ${r.status}  ${detail}\n`,
            );
          },
        },
      );
      const reports = [...failedSpecs, ...report.sources];
      if (json) {
        await writeLine(
          io.stdout,
          JSON.stringify({
            sources: reports.map((r) => ({
              id: r.id,
              url: r.url,
              status: r.status,
              items: r.items,
              new: r.new,
              error: r.error ?? null,
            })),
            articles: report.articles,
          }),
        );
      } else {
        for (const line of summaryTable(reports)) await writeLine(io.stdout, line);
        const worked = reports.filter(
          (r) => r.status === 'ok' || r.status === 'not-modified',
        ).length;
        await writeLine(
          io.stdout,
          `${report.articles} new articles stored (${store.backend}); ${worked} of ${reports.length} sources worked`,
        );
      }
      const worked = reports.some((r) => r.status === 'ok' || r.status === 'not-modified');
      if (!worked) {
        io.stderr.write(
          `khulasa: all ${reports.length} sources failed (first: ${reports[0]?.error ?? 'no sources'})\n`,
        );
        return 1;
      }
      return 0;
    } finally {
      await runtime.close();
    }
  },
};
