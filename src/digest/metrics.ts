/**
 * Clustering quality against gold labels: B-cubed and pairwise precision / recall / F1.
 * Pure; used by `khulasa eval --clusters` and the tests.
 */

/** Precision, recall and their harmonic mean. */
export interface PRF {
  precision: number;
  recall: number;
  f1: number;
}

function f1(precision: number, recall: number): number {
  return precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
}

function toAssignment(clusters: readonly (readonly string[])[]): Map<string, number> {
  const out = new Map<string, number>();
  clusters.forEach((c, i) => c.forEach((id) => out.set(id, i)));
  return out;
}

function groups(assign: Map<string, number | string>): Map<number | string, string[]> {
  const out = new Map<number | string, string[]>();
  for (const [id, c] of assign) {
    const g = out.get(c);
    if (g) g.push(id);
    else out.set(c, [id]);
  }
  return out;
}

/**
 * B-cubed precision and recall (Bagga & Baldwin), averaged over items. Items missing from
 * `predicted` count as singletons; items without a gold label are ignored.
 *
 * @example
 * bcubed([['a', 'b'], ['c']], { a: 'x', b: 'x', c: 'y' }).f1; // 1
 */
export function bcubed(
  predicted: readonly (readonly string[])[],
  gold: Readonly<Record<string, string>>,
): PRF {
  const pred = toAssignment(predicted);
  const ids = Object.keys(gold);
  let k = predicted.length;
  for (const id of ids) if (!pred.has(id)) pred.set(id, k++);
  const goldAssign = new Map<string, string>(ids.map((id) => [id, gold[id]!]));
  const predGroups = groups(new Map(ids.map((id) => [id, pred.get(id)!])));
  const goldGroups = groups(goldAssign);
  // Size of (predicted cluster ∩ gold story) for each item's pair of labels.
  const overlap = new Map<string, number>();
  for (const id of ids) {
    const key = `${pred.get(id)}\u0000${goldAssign.get(id)}`;
    overlap.set(key, (overlap.get(key) ?? 0) + 1);
  }
  let p = 0;
  let r = 0;
  for (const id of ids) {
    const both = overlap.get(`${pred.get(id)}\u0000${goldAssign.get(id)}`)!;
    p += both / predGroups.get(pred.get(id)!)!.length;
    r += both / goldGroups.get(goldAssign.get(id)!)!.length;
  }
  const n = ids.length || 1;
  return {
    precision: ids.length ? p / n : 1,
    recall: ids.length ? r / n : 1,
    f1: f1(p / n, r / n),
  };
}

/**
 * Pairwise precision and recall over same-cluster pairs. With no predicted pairs precision is 1;
 * with no gold pairs recall is 1.
 *
 * @example
 * pairwise([['a', 'b', 'c']], { a: 'x', b: 'x', c: 'y' }).precision; // 1/3
 */
export function pairwise(
  predicted: readonly (readonly string[])[],
  gold: Readonly<Record<string, string>>,
): PRF {
  const pred = toAssignment(predicted);
  const ids = Object.keys(gold);
  const choose2 = (n: number) => (n * (n - 1)) / 2;
  const cellCount = new Map<string, number>();
  const predCount = new Map<number, number>();
  const goldCount = new Map<string, number>();
  let k = predicted.length;
  for (const id of ids) {
    if (!pred.has(id)) pred.set(id, k++);
    const c = pred.get(id)!;
    const g = gold[id]!;
    cellCount.set(`${c}\u0000${g}`, (cellCount.get(`${c}\u0000${g}`) ?? 0) + 1);
    predCount.set(c, (predCount.get(c) ?? 0) + 1);
    goldCount.set(g, (goldCount.get(g) ?? 0) + 1);
  }
  let tp = 0;
  for (const n of cellCount.values()) tp += choose2(n);
  let predPairs = 0;
  for (const n of predCount.values()) predPairs += choose2(n);
  let goldPairs = 0;
  for (const n of goldCount.values()) goldPairs += choose2(n);
  const precision = predPairs === 0 ? 1 : tp / predPairs;
  const recall = goldPairs === 0 ? 1 : tp / goldPairs;
  return { precision, recall, f1: f1(precision, recall) };
}
