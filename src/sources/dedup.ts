/**
 * Dedup across one ingest pass (and the recent articles already stored): the same canonical URL
 * or guid is one article, and the identical normalized text published by several outlets (wire
 * copy) is kept once, with every other outlet recorded in `alsoIn`.
 */
import type { Article, Outlet } from '../domain.js';
import { textFingerprint } from './canonical.js';

export type DedupOutcome =
  | { kind: 'new'; article: Article }
  /** Already known; `changed` is set when the kept article gained an outlet in alsoIn. */
  | { kind: 'duplicate'; of: Article; changed: boolean };

export class Deduper {
  private readonly byId = new Map<string, Article>();
  private readonly byText = new Map<string, Article>();

  /** Registers articles that are already kept (stored earlier). */
  seed(articles: Iterable<Article>): void {
    for (const a of articles) this.remember(a);
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  private remember(a: Article, fp = textFingerprint(a.text)): void {
    this.byId.set(a.id, a);
    if (fp && !this.byText.has(fp)) this.byText.set(fp, a);
  }

  /** Records `other` as another outlet of `kept`; true when that changed `kept`. */
  private addOutlet(kept: Article, other: Article): boolean {
    if (other.sourceId === kept.sourceId || other.sourceName === kept.sourceName) return false;
    const list: Outlet[] = kept.alsoIn ?? [];
    if (list.some((o) => o.sourceId === other.sourceId || o.name === other.sourceName))
      return false;
    kept.alsoIn = [...list, { sourceId: other.sourceId, name: other.sourceName, url: other.url }];
    return true;
  }

  /** Decides whether `article` is new; new articles are remembered. */
  add(article: Article): DedupOutcome {
    const sameId = this.byId.get(article.id);
    if (sameId) return { kind: 'duplicate', of: sameId, changed: this.addOutlet(sameId, article) };
    const fp = textFingerprint(article.text);
    const sameText = fp ? this.byText.get(fp) : undefined;
    if (sameText) {
      return { kind: 'duplicate', of: sameText, changed: this.addOutlet(sameText, article) };
    }
    this.remember(article, fp);
    return { kind: 'new', article };
  }
}

/**
 * Dedups a list in order (earlier wins; sort by date first to keep the original publication).
 *
 * @example dedupArticles([a, copyOfA]).length // 1, with copyOfA's outlet in alsoIn
 */
export function dedupArticles(articles: Article[]): Article[] {
  const d = new Deduper();
  const out: Article[] = [];
  for (const a of articles) {
    const r = d.add({ ...a, alsoIn: a.alsoIn ? [...a.alsoIn] : undefined });
    if (r.kind === 'new') out.push(r.article);
  }
  return out.map((a) => (a.alsoIn === undefined ? withoutAlsoIn(a) : a));
}

function withoutAlsoIn(a: Article): Article {
  const { alsoIn: _alsoIn, ...rest } = a;
  return rest;
}
