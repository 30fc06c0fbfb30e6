/**
 * Document frequencies of stored articles, one table per UTC publication day: the history that
 * story clustering takes its term weights from. Kept incrementally: each ingest adds the new
 * articles' counts to their day, so a build reads a week of history in a few values instead
 * of re-reading every article.
 */
import { z } from 'zod';
import type { Logger } from '../log.js';
import { kvKey, parseWith } from './content.js';
import type { Driver } from './driver.js';
import type { TermFrequencies, TermFrequencyRepo } from './types.js';

const TableSchema = z.object({
  docs: z.number().int().min(0),
  df: z.record(z.string(), z.number().int().min(0)),
});

const DAY_KEY = /^\d{4}-\d{2}-\d{2}$/;

function checkDay(day: string): void {
  if (!DAY_KEY.test(day)) {
    throw new TypeError(`Expected a day as YYYY-MM-DD, got ${JSON.stringify(day)}`);
  }
}

export function createTermFrequencyRepo(d: Driver, log: Logger): TermFrequencyRepo {
  const key = (day: string) => kvKey('df', day);
  return {
    async add(day, table, ttlMs) {
      checkDay(day);
      if (table.docs === 0) return;
      const raw = await d.kv.get<unknown>(key(day));
      const stored = parseWith(log, 'term frequencies', day, TableSchema, raw) ?? {
        docs: 0,
        df: {},
      };
      stored.docs += table.docs;
      table.df.forEach((c, term) => {
        stored.df[term] = (stored.df[term] ?? 0) + c;
      });
      await d.kv.set(key(day), stored, ttlMs);
    },
    async get(days) {
      days.forEach(checkDay);
      if (days.length === 0) return [];
      const values = await d.kv.get<unknown>(days.map(key));
      const out: TermFrequencies[] = [];
      values.forEach((v, i) => {
        const t = parseWith(log, 'term frequencies', days[i]!, TableSchema, v);
        if (t) out.push({ day: days[i]!, docs: t.docs, df: new Map(Object.entries(t.df)) });
      });
      return out;
    },
  };
}
