/**
 * The bundled sample articles (samples/articles.jsonl): original, fictional Arabic news written
 * for this project, so the service has something to show with no network.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Article } from '../domain.js';
import { dedupArticles } from './dedup.js';
import { JsonLineArticleSchema, jsonLineToArticle } from './local.js';
import { PACKAGE_ROOT } from './sources-file.js';

export const SAMPLES_PATH = resolve(PACKAGE_ROOT, 'samples', 'articles.jsonl');

/** The newest sample is dated this long before `now`. */
const NEWEST_AGE_MS = 20 * 60_000;

/**
 * The sample articles, re-dated so the newest was published 20 minutes before `now` and the
 * others keep their spacing (all within the last day). Identical texts from two outlets are
 * kept once with the second outlet in `alsoIn`, as an ingest pass would.
 */
export function loadBundledSamples(now: Date): Article[] {
  const lines = readFileSync(SAMPLES_PATH, 'utf8').split('\n');
  const source = { id: 'samples', name: 'Samples', language: 'ar' };
  const articles: Article[] = [];
  for (const line of lines) {
    if (!line.trim()) continue;
    const parsed = JsonLineArticleSchema.parse(JSON.parse(line));
    const article = jsonLineToArticle(parsed, source, new Date(8.64e15), SAMPLES_PATH);
    if (article) articles.push(article);
  }
  const newest = Math.max(...articles.map((a) => Date.parse(a.publishedAt)));
  const shift = now.getTime() - NEWEST_AGE_MS - newest;
  const dated = articles
    .map((a) => ({
      ...a,
      publishedAt: new Date(Date.parse(a.publishedAt) + shift).toISOString(),
      fetchedAt: now.toISOString(),
    }))
    .sort((x, y) => x.publishedAt.localeCompare(y.publishedAt));
  return dedupArticles(dated);
}
