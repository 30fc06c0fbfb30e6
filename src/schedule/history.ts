/**
 * The stored history clustering weighs terms against: per-day document frequencies, added to
 * as articles are stored and read back for the days before a digest's window.
 */
import { addFrequencies, documentFrequencies, type DocumentFrequencies } from '../digest/index.js';
import type { Article } from '../domain.js';
import type { Store } from '../store/types.js';

const DAY = 86_400_000;

/** The UTC day (YYYY-MM-DD) of an article's publication, or of its fetch when that is unparseable. */
function utcDay(a: Article): string | undefined {
  for (const iso of [a.publishedAt, a.fetchedAt]) {
    const t = Date.parse(iso);
    if (Number.isFinite(t)) return new Date(t).toISOString().slice(0, 10);
  }
  return undefined;
}

/**
 * Adds newly stored articles to their days' document frequencies. A table lives as long as
 * builds can ask for it: `keepDays` (the background length) after the last write, plus a day.
 */
export async function recordHistory(
  store: Pick<Store, 'termFrequencies'>,
  articles: readonly Article[],
  keepDays: number,
): Promise<void> {
  if (!store.termFrequencies || keepDays <= 0) return;
  const byDay = new Map<string, Article[]>();
  for (const a of articles) {
    const day = utcDay(a);
    if (day === undefined) continue;
    const list = byDay.get(day);
    if (list) list.push(a);
    else byDay.set(day, [a]);
  }
  for (const [day, list] of [...byDay].sort((x, y) => (x[0] < y[0] ? -1 : 1))) {
    await store.termFrequencies.add(day, documentFrequencies(list), (keepDays + 2) * DAY);
  }
}

/**
 * The document frequencies of the `days` UTC days before the day `windowStart` falls in (the
 * window's own articles are clustered, not background), or undefined when the store has none.
 */
export async function loadHistory(
  store: Pick<Store, 'termFrequencies'>,
  windowStart: Date,
  days: number,
): Promise<DocumentFrequencies | undefined> {
  if (!store.termFrequencies || days <= 0) return undefined;
  const first = Date.UTC(
    windowStart.getUTCFullYear(),
    windowStart.getUTCMonth(),
    windowStart.getUTCDate(),
  );
  const keys = Array.from({ length: days }, (_, k) =>
    new Date(first - (k + 1) * DAY).toISOString().slice(0, 10),
  );
  const tables = await store.termFrequencies.get(keys);
  return tables.length ? addFrequencies(tables) : undefined;
}
