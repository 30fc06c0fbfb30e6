/**
 * `khulasa bench translate`: one 8-story digest into 3 languages for 1,000 readers, through the
 * real client library against the fake Translation server. The characters sent must equal
 * 3 × the digest's characters on the first build, and 0 on a rebuild of the same digest.
 */
import { silentLogger } from '../../log.js';
import type { Digest } from '../../domain.js';
import { DigestSchema } from '../../domain.js';
import type { Store } from '../../store/types.js';
import { startFakeTranslateServer } from '../../testkit/fake-translate-server.js';
import {
  createTranslator,
  digestSegments,
  sampleDigest,
  translatableChars,
  translateDigest,
  type ManagedTranslator,
} from '../../translate/index.js';
import { countChars } from '../../translate/protect.js';
import { UsageError, intOption, listOption, writeLine, type Command } from '../command.js';

const HELP = `Usage: khulasa bench translate [--readers N] [--lang CODE …] [--provider google-v2|google-v3]
                               [--runs N] [--digest FILE.json] [--store URL] [--json]

Translates one digest (the bundled 8-story sample, or FILE.json) for N readers spread over the
languages, through the real client library against a fake Translation server on 127.0.0.1,
then once more as if the same digest were rebuilt. Prints the characters sent each time, the
target (3 x the digest's characters, then 0) and median times over the runs, beside the
baseline of translating for every reader without the cache.

Options:
  --readers N      readers (default 1000)
  --lang CODE      target languages, repeatable (default en, fr, ru)
  --provider P     google-v2 (default) or google-v3 (REST)
  --runs N         runs, each with a fresh store (default 5)
  --digest FILE    a digest as JSON instead of the sample
  --store URL      store for the cache and counters (default memory://); a persistent one
                   must start empty, and keeps the first run's translations for the next runs
  --json           one JSON object instead of text`;

const KEY = 'bench-api-key-0123456789';

/** A minimal in-process store (cache, counters, meta) when the store module is not at hand. */
function tinyStore(): Store {
  const cache = new Map<string, string>();
  const counts = new Map<string, number>();
  const meta = new Map<string, unknown>();
  return {
    backend: 'memory',
    translations: {
      getMany: async (keys) => keys.map((k) => cache.get(k)),
      setMany: async (entries) => void entries.forEach((e) => cache.set(e.key, e.value)),
    },
    counters: {
      incr: async (key, by) => {
        const n = (counts.get(key) ?? 0) + by;
        counts.set(key, n);
        return n;
      },
      get: async (key) => counts.get(key) ?? 0,
    },
    meta: {
      get: async <T>(key: string) => meta.get(key) as T | undefined,
      set: async (key, value) => void meta.set(key, value),
    },
    close: async () => {},
  } as Partial<Store> as Store;
}

async function openStore(url: string): Promise<Store> {
  try {
    const { createStore } = await import('../../store/index.js');
    return await createStore(url, { log: silentLogger() });
  } catch (err) {
    if (url !== 'memory://') throw err;
    return tinyStore();
  }
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

const fmt = (n: number) => n.toLocaleString('en-US');

async function loadDigest(path: string | undefined): Promise<Digest> {
  if (!path) return sampleDigest();
  const { readFile } = await import('node:fs/promises');
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(path, 'utf8'));
  } catch (err) {
    throw new UsageError(`--digest ${path}: cannot read a JSON digest (${(err as Error).message})`);
  }
  const parsed = DigestSchema.safeParse(raw);
  if (!parsed.success)
    throw new UsageError(`--digest ${path}: not a digest (${parsed.error.issues[0]?.message})`);
  return parsed.data;
}

export const command: Command = {
  name: 'bench translate',
  summary: 'characters sent and time to translate one digest for many readers',
  help: HELP,
  options: {
    readers: { type: 'string' },
    lang: { type: 'string', multiple: true },
    provider: { type: 'string' },
    runs: { type: 'string' },
    digest: { type: 'string' },
    store: { type: 'string' },
    json: { type: 'boolean' },
  },
  async run(args, io) {
    const readers = intOption(args, 'readers', 1000, { max: 1_000_000 });
    const runs = intOption(args, 'runs', 5, { max: 100 });
    const langs = listOption(args, 'lang')
      .flatMap((l) => l.split(','))
      .filter(Boolean);
    const languages = langs.length > 0 ? [...new Set(langs)] : ['en', 'fr', 'ru'];
    if (languages.some((l) => !/^[a-z]{2,3}(-[A-Za-z]{2,4})?$/.test(l) || l === 'ar')) {
      throw new UsageError(
        `--lang expects language codes other than ar, like en or zh-TW, got '${languages.join(',')}'`,
      );
    }
    const provider = (args.values.provider as string | undefined) ?? 'google-v2';
    if (provider !== 'google-v2' && provider !== 'google-v3') {
      throw new UsageError(`--provider expects google-v2 or google-v3, got '${provider}'`);
    }
    const storeUrl = (args.values.store as string | undefined) ?? 'memory://';
    const digest = await loadDigest(args.values.digest as string | undefined);
    const digestChars = translatableChars(digest);
    const rawChars = digestSegments(digest).reduce((n, t) => n + countChars(t), 0);
    const expectedFirst = languages.length * digestChars;

    const server = await startFakeTranslateServer({ key: KEY });
    const first: { chars: number; ms: number; requests: number; fallbacks: number }[] = [];
    const rebuild: { chars: number; ms: number; requests: number; fallbacks: number }[] = [];
    try {
      for (let run = 0; run < runs; run++) {
        const store = await openStore(storeUrl);
        // Each pass is a fresh translator on the same store: a rebuild in another process (or
        // on another instance) must find the first build's translations in the store.
        const makeTranslator = (): ManagedTranslator =>
          createTranslator(
            provider === 'google-v2'
              ? { provider, apiKey: KEY }
              : { provider, projectId: 'khulasa-bench', location: 'global', apiKey: KEY },
            {
              store,
              log: silentLogger(),
              now: () => new Date(),
              dailyCharLimit: Number.MAX_SAFE_INTEGER,
              userDailyCharLimit: Number.MAX_SAFE_INTEGER,
              endpoint: provider === 'google-v2' ? server.v2Url : server.url,
            },
          );
        const pass = async (built: Digest) => {
          const translator = makeTranslator();
          server.reset();
          try {
            const started = performance.now();
            // Every reader asks for the digest in their language at the same moment.
            const outcomes = await Promise.all(
              Array.from({ length: readers }, (_, i) =>
                translateDigest(built, languages[i % languages.length]!, translator),
              ),
            );
            return {
              chars: server.chars,
              ms: performance.now() - started,
              requests: server.requests.length,
              fallbacks: outcomes.filter((o) => o.outcome.fallback).length,
            };
          } finally {
            await translator.close();
          }
        };
        try {
          first.push(await pass(digest));
          rebuild.push(await pass(structuredClone(digest)));
        } finally {
          await store.close();
        }
      }
    } finally {
      await server.close();
    }

    const firstChars = first[0]!.chars;
    const rebuildChars = rebuild[0]!.chars;
    const steady =
      first.every((r) => r.chars === firstChars) && rebuild.every((r) => r.chars === rebuildChars);
    const met =
      steady &&
      firstChars === expectedFirst &&
      rebuildChars === 0 &&
      first.every((r) => r.fallbacks === 0);
    const baseline = readers * digestChars;
    const result = {
      provider,
      store: storeUrl,
      readers,
      languages,
      stories: digest.stories.length,
      segments: digestSegments(digest).length,
      digestChars,
      rawChars,
      firstBuild: {
        chars: firstChars,
        expected: expectedFirst,
        requests: first[0]!.requests,
        medianMs: median(first.map((r) => r.ms)),
      },
      rebuild: {
        chars: rebuildChars,
        expected: 0,
        requests: rebuild[0]!.requests,
        medianMs: median(rebuild.map((r) => r.ms)),
      },
      baselineNoCacheChars: baseline,
      runs,
      targetMet: met,
    };
    if (args.values.json) {
      await writeLine(io.stdout, JSON.stringify(result));
    } else {
      const lines = [
        `translate: ${digest.stories.length}-story digest, ${result.segments} segments, ${fmt(digestChars)} characters to translate (${fmt(rawChars)} before URL/number placeholders)`,
        `  ${fmt(readers)} readers in ${languages.join(', ')}; ${provider} client against the fake server; ${runs} runs, medians`,
        `  first build  sent ${fmt(firstChars)} characters in ${result.firstBuild.requests} requests (target ${languages.length} x ${fmt(digestChars)} = ${fmt(expectedFirst)}) ${result.firstBuild.medianMs.toFixed(1)} ms`,
        `  rebuild      sent ${fmt(rebuildChars)} characters in ${result.rebuild.requests} requests (target 0) ${result.rebuild.medianMs.toFixed(1)} ms`,
        `  baseline     ${fmt(baseline)} characters if each reader's copy were translated (${(baseline / Math.max(1, firstChars)).toFixed(0)}x the first build)`,
        `  target ${met ? 'met' : 'MISSED'}`,
      ];
      for (const line of lines) await writeLine(io.stdout, line);
    }
    if (!met) {
      io.stderr.write('khulasa: bench translate: characters sent differ from the target\n');
      return 1;
    }
    return 0;
  },
};
