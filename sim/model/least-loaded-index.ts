// An indexed form of the `least-loaded` policy for large agent pools: free agents of one skill
// group kept in one binary heap per number of chats held, keyed by (last assignment, index), so a
// pick is O(levels) and a change O(log n) instead of a scan of every free agent. It must pick
// exactly what `POLICIES['least-loaded'].selectAgent` picks (a property test holds it to that).
// No I/O; must not import the simulation loop.

/** What the index needs of an agent. */
export interface IndexedAgent {
  readonly index: number;
  held: number;
  lastAssignedAt: number;
}

/** Min-heap of agents by (lastAssignedAt, index); positions kept in `pos` (by agent index). */
class AgentHeap<A extends IndexedAgent> {
  items: A[] = [];
  constructor(private readonly pos: Int32Array) {}

  private less(a: A, b: A): boolean {
    return a.lastAssignedAt < b.lastAssignedAt || (a.lastAssignedAt === b.lastAssignedAt && a.index < b.index);
  }

  push(a: A): void {
    const items = this.items;
    let i = items.length;
    items.push(a);
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pa = items[p];
      if (!this.less(a, pa)) break;
      items[i] = pa;
      this.pos[pa.index] = i;
      i = p;
    }
    items[i] = a;
    this.pos[a.index] = i;
  }

  remove(a: A): void {
    const items = this.items;
    const i = this.pos[a.index];
    this.pos[a.index] = -1;
    const last = items.pop()!;
    if (last === a) return;
    // put `last` at i and restore the heap both ways
    let j = i;
    while (j > 0) {
      const p = (j - 1) >> 1;
      const pa = items[p];
      if (!this.less(last, pa)) break;
      items[j] = pa;
      this.pos[pa.index] = j;
      j = p;
    }
    if (j === i) {
      const n = items.length;
      for (;;) {
        let c = 2 * j + 1;
        if (c >= n) break;
        if (c + 1 < n && this.less(items[c + 1], items[c])) c++;
        if (!this.less(items[c], last)) break;
        items[j] = items[c];
        this.pos[items[c].index] = j;
        j = c;
      }
    }
    items[j] = last;
    this.pos[last.index] = j;
  }
}

/** The free agents of one skill group, by chats held. */
export class LeastLoadedIndex<A extends IndexedAgent> {
  private readonly levels: AgentHeap<A>[] = [];
  private readonly pos: Int32Array;
  /** Level each agent is filed under, by agent index (-1 when not in the index). */
  private readonly level: Int32Array;
  private count = 0;

  /** @param agentCount number of agents in the whole run (indices are below it). */
  constructor(agentCount: number) {
    this.pos = new Int32Array(agentCount).fill(-1);
    this.level = new Int32Array(agentCount).fill(-1);
  }

  get size(): number {
    return this.count;
  }

  has(a: A): boolean {
    return this.level[a.index] >= 0;
  }

  /** Files `a` under its current held count and last-assignment key. */
  add(a: A): void {
    const h = a.held;
    while (this.levels.length <= h) this.levels.push(new AgentHeap<A>(this.pos));
    this.levels[h].push(a);
    this.level[a.index] = h;
    this.count++;
  }

  /** Removes `a` (filed under the held count it had when added). */
  delete(a: A): void {
    const h = this.level[a.index];
    if (h < 0) return;
    this.levels[h].remove(a);
    this.level[a.index] = -1;
    this.count--;
  }

  /** The least-loaded free agent: fewest held, then earliest last assignment, then lowest index; -1 if none. */
  pick(): number {
    const levels = this.levels;
    for (let h = 0; h < levels.length; h++) {
      const items = levels[h].items;
      if (items.length > 0) return items[0].index;
    }
    return -1;
  }
}
