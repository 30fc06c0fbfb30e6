/**
 * A binary max-heap of candidate merges (similarity, pair of groups, their versions) in typed
 * arrays: no object per entry, and the order is a plain comparison of numbers.
 * Entries come out by similarity, highest first; ties by the smaller `a`, then the smaller `b`.
 */
export class PairHeap {
  private sim = new Float64Array(1024);
  private ab = new Int32Array(1024 * 4);
  private n = 0;

  get size(): number {
    return this.n;
  }

  /** True when entry i comes out before entry j. */
  private before(i: number, j: number): boolean {
    const si = this.sim[i]!;
    const sj = this.sim[j]!;
    if (si !== sj) return si > sj;
    const ai = this.ab[i * 4]!;
    const aj = this.ab[j * 4]!;
    return ai < aj || (ai === aj && this.ab[i * 4 + 1]! < this.ab[j * 4 + 1]!);
  }

  private swap(i: number, j: number): void {
    const s = this.sim[i]!;
    this.sim[i] = this.sim[j]!;
    this.sim[j] = s;
    const ab = this.ab;
    for (let k = 0; k < 4; k++) {
      const x = ab[i * 4 + k]!;
      ab[i * 4 + k] = ab[j * 4 + k]!;
      ab[j * 4 + k] = x;
    }
  }

  push(sim: number, a: number, b: number, va: number, vb: number): void {
    if (this.n === this.sim.length) {
      const s = new Float64Array(this.n * 2);
      s.set(this.sim);
      this.sim = s;
      const ab = new Int32Array(this.n * 8);
      ab.set(this.ab);
      this.ab = ab;
    }
    let i = this.n++;
    this.sim[i] = sim;
    this.ab[i * 4] = a;
    this.ab[i * 4 + 1] = b;
    this.ab[i * 4 + 2] = va;
    this.ab[i * 4 + 3] = vb;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(i, parent)) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  /** Removes the top entry, leaving it in {@link top}; false when empty. */
  pop(): boolean {
    if (this.n === 0) return false;
    const last = --this.n;
    this.swap(0, last);
    const t = this.top;
    t.sim = this.sim[last]!;
    t.a = this.ab[last * 4]!;
    t.b = this.ab[last * 4 + 1]!;
    t.va = this.ab[last * 4 + 2]!;
    t.vb = this.ab[last * 4 + 3]!;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let best = i;
      if (l < last && this.before(l, best)) best = l;
      if (r < last && this.before(r, best)) best = r;
      if (best === i) break;
      this.swap(i, best);
      i = best;
    }
    return true;
  }

  /** The entry {@link pop} removed last. */
  readonly top = { sim: 0, a: 0, b: 0, va: 0, vb: 0 };
}
