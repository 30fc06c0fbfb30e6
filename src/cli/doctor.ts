/**
 * `khulasa doctor`: checks the configuration, the store, the Bot API, the translation provider and
 * each source, and prints a table of what works and what does not, with the fix.
 */
import { ConfigError, parseConfig, type Config } from '../config/index.js';
import { scrubSecrets, silentLogger } from '../log.js';
import type { Store } from '../store/types.js';
import type { Command } from './command.js';

export interface Check {
  name: string;
  ok: boolean;
  detail: string;
  /** What to do when it failed. */
  fix?: string;
  /** Works, but something needs the operator's attention (printed as "warn"). */
  warning?: boolean;
}

/** Chat ids this small are never real Telegram chats: they come from the console or tests. */
const TEST_CHAT_ID_LIMIT = 100;

/** The bundled samples link to the reserved `.example` domain, which no real outlet can use. */
function isSampleArticle(url: string): boolean {
  try {
    return /\.example$/i.test(new URL(url).hostname);
  } catch {
    return false;
  }
}

/**
 * Leftovers of trying the console chat or a test in the real store: the bundled sample articles
 * (readers would get the fictional sample digest) and chat ids below 100.
 */
async function checkStoreContents(store: Store): Promise<Check | undefined> {
  const problems: string[] = [];
  const samples = (await store.articles.listSince(new Date(0))).filter((a) =>
    isSampleArticle(a.url),
  ).length;
  if (samples > 0) problems.push(`${samples} bundled sample articles`);
  const testChats: number[] = [];
  for await (const s of store.subscribers.all()) {
    if (s.chatId >= 0 && s.chatId < TEST_CHAT_ID_LIMIT) testChats.push(s.chatId);
  }
  if (testChats.length > 0) {
    const shown = testChats.sort((a, b) => a - b).slice(0, 5);
    problems.push(`subscribers with test chat ids (${shown.join(', ')})`);
  }
  if (problems.length === 0) return undefined;
  return {
    name: 'store contents',
    ok: true,
    warning: true,
    detail: `the store holds ${problems.join(' and ')}`,
    fix: 'these come from the console chat or a test: delete the store file (or point STORE_URL at a fresh one) before going live',
  };
}

const TIMEOUT_MS = 15_000;

async function withTimeout<T>(what: string, promise: Promise<T>, ms = TIMEOUT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms / 1000} s`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

const oneLine = (err: unknown): string =>
  scrubSecrets(String((err as Error)?.message ?? err).split('\n')[0] ?? '');

async function checkStore(config: Config): Promise<{ check: Check; store?: Store }> {
  try {
    const { openRuntime } = await import('../app/runtime.js');
    const { store } = await withTimeout(
      'the store',
      openRuntime(config, { log: silentLogger(), translator: false }),
    );
    const probe = `doctor-${process.pid}-${Date.now()}`;
    await store.meta.set('doctor:probe', probe);
    const back = await store.meta.get<string>('doctor:probe');
    if (back !== probe) throw new Error('a value written could not be read back');
    const { total, active } = await store.subscribers.count();
    return {
      store,
      check: {
        name: 'store',
        ok: true,
        detail: `${store.backend} (${redactUrl(config.STORE_URL)}): ${total} subscribers, ${active} active`,
      },
    };
  } catch (err) {
    return {
      check: {
        name: 'store',
        ok: false,
        detail: `${redactUrl(config.STORE_URL)}: ${oneLine(err)}`,
        fix: 'check STORE_URL, that the server is running, and that the data folder is writable',
      },
    };
  }
}

function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url;
  }
}

async function checkTelegram(config: Config): Promise<Check> {
  const tg = config.telegram;
  if (tg.mode === 'console') {
    return {
      name: 'telegram',
      ok: true,
      detail: 'no TELEGRAM_BOT_TOKEN: the service runs the local console chat',
      fix: 'to go live, get a token from @BotFather and set TELEGRAM_BOT_TOKEN',
    };
  }
  try {
    const { Telegram } = await import('telegraf');
    const { routeThroughProxy } = await import('../bot/bot.js');
    const telegram = new Telegram(tg.token, { apiRoot: tg.apiRoot });
    routeThroughProxy(telegram, tg.apiRoot);
    const me = await withTimeout('the Bot API', telegram.getMe());
    let detail = `@${me.username} via ${tg.apiRoot}, ${tg.mode}`;
    if (tg.mode === 'webhook') {
      const info = await withTimeout('the Bot API', telegram.getWebhookInfo());
      detail += info.url ? `, webhook ${info.url}` : ', webhook not registered yet';
      if (info.last_error_message) detail += ` (last error: ${info.last_error_message})`;
    }
    return { name: 'telegram', ok: true, detail };
  } catch (err) {
    const code = (err as { code?: number }).code;
    return {
      name: 'telegram',
      ok: false,
      detail: oneLine(err),
      fix:
        code === 401 || code === 404
          ? 'the token was refused: copy it again from @BotFather (/token)'
          : `check that ${tg.apiRoot} is reachable from this machine`,
    };
  }
}

async function checkTranslation(config: Config, store: Store | undefined): Promise<Check> {
  if (config.translation.provider === 'none') {
    return {
      name: 'translation',
      ok: true,
      detail: 'off: readers get the Arabic original with a notice',
      fix: 'set GOOGLE_TRANSLATE_API_KEY (or GOOGLE_CLOUD_PROJECT + GOOGLE_APPLICATION_CREDENTIALS)',
    };
  }
  if (!store) {
    return { name: 'translation', ok: false, detail: 'not checked: the store is not working' };
  }
  try {
    const { createTranslatorFromConfig } = await import('../translate/index.js');
    const translator = createTranslatorFromConfig(config, { store, log: silentLogger() });
    // probe() throws the provider's own reason (bad key, API disabled) instead of listing nothing.
    const languages = await withTimeout('the translation API', translator.probe()).finally(() =>
      translator.close(),
    );
    return {
      name: 'translation',
      ok: languages.length > 0,
      detail: `${translator.provider}: ${languages.length} target languages`,
      fix:
        languages.length > 0
          ? undefined
          : 'the provider listed no languages: check the API is enabled',
    };
  } catch (err) {
    return {
      name: 'translation',
      ok: false,
      detail: `${config.translation.provider}: ${oneLine(err)}`,
      fix: 'check the API key or service account, and that Cloud Translation is enabled for the project',
    };
  }
}

async function checkSources(config: Config): Promise<Check[]> {
  let sources;
  const sourcesModule = await import('../sources/index.js');
  const { configuredSources } = await import('../sources/configured.js');
  try {
    sources = await configuredSources(config);
  } catch (err) {
    return [
      {
        name: 'sources',
        ok: false,
        detail: oneLine(err),
        fix: 'fix SOURCES_FILE: {"sources":[{"id","name","url","kind"}]}',
      },
    ];
  }
  const results = await Promise.allSettled(
    sources.map((s) =>
      withTimeout(
        s.url,
        sourcesModule.collectArticles([s.url], { now: new Date(), allowPrivate: true }),
      ),
    ),
  );
  return sources.map((s, i) => {
    const r = results[i]!;
    if (r.status === 'rejected') {
      return {
        name: `source ${s.id}`,
        ok: false,
        detail: oneLine(r.reason),
        fix: 'check the URL or remove the source',
      };
    }
    const report = r.value.reports[0];
    const ok = report ? report.status !== 'failed' : r.value.articles.length > 0;
    return {
      name: `source ${s.id}`,
      ok,
      detail: ok ? `${r.value.articles.length} items` : (report?.error ?? 'no items'),
      fix: ok ? undefined : sourceFix(report?.error ?? ''),
    };
  });
}

function sourceFix(error: string): string {
  if (/ENOTFOUND|EAI_AGAIN/.test(error)) {
    return 'the host name does not resolve: check this machine’s network and DNS, or the URL';
  }
  if (/ECONNREFUSED|ETIMEDOUT|timed out|timeout/i.test(error)) {
    return 'the server did not answer: check the network, or try again later';
  }
  if (/\b40[134]\b/.test(error)) {
    return 'the server refused the URL: the feed may have moved (look for <link rel="alternate">)';
  }
  return 'open the URL in a browser; fix it in SOURCES_FILE or remove the source';
}

/** Runs every check; never throws. */
export async function runChecks(env: Record<string, string | undefined>): Promise<Check[]> {
  let config: Config;
  try {
    config = parseConfig(env);
  } catch (err) {
    const e = err as Error;
    return [
      {
        name: 'configuration',
        ok: false,
        detail: e instanceof ConfigError ? e.message : oneLine(e),
        fix: 'fix the variable named above (see the README configuration table)',
      },
    ];
  }
  const checks: Check[] = [
    {
      name: 'configuration',
      ok: true,
      detail: `${config.telegram.mode} mode, store ${config.STORE_URL.split(':')[0]}, translation ${config.translation.provider}`,
    },
  ];
  const { check, store } = await checkStore(config);
  checks.push(check);
  if (store) {
    const contents = await checkStoreContents(store).catch((err: unknown): Check => ({
      name: 'store contents',
      ok: false,
      detail: `could not read the store: ${oneLine(err)}`,
    }));
    if (contents) checks.push(contents);
  }
  const [telegram, translation, sources] = await Promise.all([
    checkTelegram(config),
    checkTranslation(config, store),
    checkSources(config),
  ]);
  checks.push(telegram, translation, ...sources);
  await store?.close().catch(() => undefined);
  return checks;
}

export function formatChecks(checks: Check[]): string {
  const width = Math.max(...checks.map((c) => c.name.length));
  const lines: string[] = [];
  for (const c of checks) {
    const mark = !c.ok ? 'FAIL' : c.warning ? 'warn' : 'ok  ';
    lines.push(`${mark}  ${c.name.padEnd(width)}  ${c.detail}`);
    if (c.fix && (!c.ok || c.warning)) lines.push(`${' '.repeat(width + 8)}fix: ${c.fix}`);
    else if (c.fix) lines.push(`${' '.repeat(width + 8)}hint: ${c.fix}`);
  }
  const failed = checks.filter((c) => !c.ok).length;
  const warned = checks.filter((c) => c.ok && c.warning).length;
  lines.push(
    '',
    failed === 0 ? 'All checks passed.' : `${failed} of ${checks.length} checks failed.`,
  );
  if (warned > 0) lines.push(`${warned} warning${warned === 1 ? '' : 's'}: see "warn" above.`);
  return lines.join('\n');
}

export const command: Command = {
  name: 'doctor',
  summary: 'check everything',
  help: `Usage: khulasa doctor [--json]

Checks the configuration, the store, the Bot API (getMe), the translation provider and each
source, and prints what works and what does not, with the fix. Exit 0 when everything works,
1 otherwise.`,
  options: { json: { type: 'boolean' } },
  async run(args, io) {
    const checks = await runChecks(io.env);
    io.stdout.write(
      args.values.json ? `${JSON.stringify({ checks })}\n` : `${formatChecks(checks)}\n`,
    );
    return checks.every((c) => c.ok) ? 0 : 1;
  },
};
