// An indexed form of the `least-loaded` policy for large agent pools: free agents of one skill
// group kept in one binary heap per number of chats held, keyed by (last assignment, index), so a
// pick is O(levels) and a change O(log n) instead of a scan of every free agent. It must pick
// exactly what `POLICIES['least-loaded'].selectAgent` picks, and `pickExcept` what it picks among
// the candidates `withoutAgent` leaves (a property test holds both to that). Imports nothing.

/** What the index needs of an agent. */
export interface IndexedAgent {
  /** Position in the run's agent table (below the index's `agentCount`). */
  readonly index: number;
  /** Chats held, the level the agent is filed under. */
  held: number;
  /** Instant of the last assignment, seconds: the key within a level. */
  lastAssignedAt: number;
}

/**
 * Min-heap of agent indices by (key, index), in typed arrays: the key of each filed agent (its
 * last assignment when filed) lives in `key`, shared by every level, so comparing two entries
 * reads two numbers from one array instead of two agent objects (large pools: fewer cache misses).
 */
class AgentHeap {
  readonly items: Int32Array;
  size = 0;
  constructor(private readonly pos: Int32Array, private readonly key: Float64Array) {
    this.items = new Int32Array(pos.length);
  }

  /** Whether agent x comes before agent y. */
  private less(x: number, y: number): boolean {
    const kx = this.key[x];
    const ky = this.key[y];
    return kx < ky || (kx === ky && x < y);
  }

  // push and remove each write their own sift-up loop: sharing it through small methods measured
  // 11-17 % slower on the promo-peak engine (paired runs), probably by exhausting the inlining
  // budget of the routing path.
  push(a: number): void {
    const items = this.items;
    let i = this.size++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pa = items[p];
      if (!this.less(a, pa)) break;
      items[i] = pa;
      this.pos[pa] = i;
      i = p;
    }
    items[i] = a;
    this.pos[a] = i;
  }

  remove(a: number): void {
    const items = this.items;
    const i = this.pos[a];
    this.pos[a] = -1;
    const n = --this.size;
    const last = items[n];
    if (last === a) return;
    // put `last` at i and restore the heap both ways
    let j = i;
    while (j > 0) {
      const p = (j - 1) >> 1;
      const pa = items[p];
      if (!this.less(last, pa)) break;
      items[j] = pa;
      this.pos[pa] = j;
      j = p;
    }
    if (j === i) {
      for (;;) {
        let c = 2 * j + 1;
        if (c >= n) break;
        if (c + 1 < n && this.less(items[c + 1], items[c])) c++;
        if (!this.less(items[c], last)) break;
        items[j] = items[c];
        this.pos[items[c]] = j;
        j = c;
      }
    }
    items[j] = last;
    this.pos[last] = j;
  }
}

/** The free agents of one skill group, by chats held. */
export class LeastLoadedIndex<A extends IndexedAgent> {
  private readonly levels: AgentHeap[] = [];
  private readonly pos: Int32Array;
  /** Each filed agent's last assignment as it was when filed, by agent index. */
  private readonly key: Float64Array;
  /** Level each agent is filed under, by agent index (-1 when not in the index). */
  private readonly level: Int32Array;
  private count = 0;

  /** @param agentCount number of agents in the whole run (indices are below it). */
  constructor(agentCount: number) {
    this.pos = new Int32Array(agentCount).fill(-1);
    this.key = new Float64Array(agentCount);
    this.level = new Int32Array(agentCount).fill(-1);
  }

  /** Number of agents filed. */
  get size(): number {
    return this.count;
  }

  /** Whether `a` is filed. */
  has(a: A): boolean {
    return this.level[a.index] >= 0;
  }

  /** Files `a` under its current held count and last-assignment key. */
  add(a: A): void {
    const h = a.held;
    while (this.levels.length <= h) this.levels.push(new AgentHeap(this.pos, this.key));
    this.key[a.index] = a.lastAssignedAt;
    this.levels[h].push(a.index);
    this.level[a.index] = h;
    this.count++;
  }

  /** Removes `a` (filed under the held count it had when added). */
  delete(a: A): void {
    const i = a.index;
    const h = this.level[i];
    if (h < 0) return;
    this.levels[h].remove(i);
    this.level[i] = -1;
    this.count--;
  }

  /** The least-loaded free agent: fewest held, then earliest last assignment, then lowest index; -1 if none. */
  pick(): number {
    const levels = this.levels;
    for (let h = 0; h < levels.length; h++) {
      const heap = levels[h];
      if (heap.size > 0) return heap.items[0];
    }
    return -1;
  }

  /**
   * What {@link pick} would return with agent `agentIndex` left out, without changing the index
   * (the transfer exclusion): where that agent tops its level, the next in that heap is the
   * better of the top's two children. -1 if no other agent is filed.
   */
  pickExcept(agentIndex: number): number {
    const levels = this.levels;
    for (let h = 0; h < levels.length; h++) {
      const heap = levels[h];
      const n = heap.size;
      if (n === 0) continue;
      const items = heap.items;
      if (items[0] !== agentIndex) return items[0];
      if (n === 1) continue;
      if (n === 2) return items[1];
      return this.before(items[2], items[1]) ? items[2] : items[1];
    }
    return -1;
  }

  /** Whether filed agent x comes before filed agent y within one level: earlier key, then lower index. */
  private before(x: number, y: number): boolean {
    const kx = this.key[x];
    const ky = this.key[y];
    return kx < ky || (kx === ky && x < y);
  }
}
