// Liveness as a monotone boolean circuit over failure domains: a component is an AND of what it
// needs and an ordered OR of its alternatives (the first live one is the one in use). A failure
// set is evaluated once per node. The domains a live node relies on (at each OR only its first
// live alternative) are exactly what a further failure must hit to cut it, which is what makes
// pruning double failures exact: a pair {a, b} can only cut what survives a if b is among the
// domains the surviving path relies on, and the other way round.

const LEAF = 0;
const AND = 1;
const OR = 2;
const WITHIN = 3;

export type NodeId = number;

export class Circuit {
  private readonly op: number[] = [];
  private readonly arg: number[] = [];
  private readonly kids: (readonly NodeId[])[] = [];
  private readonly leafNode: Int32Array;
  private readonly withinNode = new Map<number, NodeId>();
  readonly TRUE: NodeId;
  readonly FALSE: NodeId;

  private readonly failed: Uint8Array;
  private failedList: readonly number[] = [];
  private duration = 0;
  private epoch = 1;
  private readonly stamp: number[] = [];
  private readonly value: number[] = [];

  private depEpoch = 1;
  private readonly depDomainMark: Uint32Array;
  private readonly depNodeMark: number[] = [];
  private depOut: number[] = [];

  constructor(readonly domainCount: number) {
    this.failed = new Uint8Array(domainCount);
    this.leafNode = new Int32Array(domainCount).fill(-1);
    this.depDomainMark = new Uint32Array(domainCount);
    this.TRUE = this.push(AND, 0, []);
    this.FALSE = this.push(OR, 0, []);
  }

  private push(op: number, arg: number, kids: readonly NodeId[]): NodeId {
    this.op.push(op);
    this.arg.push(arg);
    this.kids.push(kids);
    this.stamp.push(0);
    this.value.push(0);
    this.depNodeMark.push(0);
    return this.op.length - 1;
  }

  get size(): number {
    return this.op.length;
  }

  /**
   * Forgets every node but TRUE and FALSE, so that one site's structure does not outlive its
   * analysis (a fleet's nodes would otherwise pile up in memory).
   */
  reset(): void {
    const keep = 2;
    for (let n = keep; n < this.op.length; n++) if (this.op[n] === LEAF) this.leafNode[this.arg[n]!] = -1;
    for (const a of [this.op, this.arg, this.kids, this.stamp, this.value, this.depNodeMark] as unknown[][]) a.length = keep;
    this.withinNode.clear();
    this.set([], 0);
  }

  /** Live while the domain has not failed. */
  leaf(domain: number): NodeId {
    const n = this.leafNode[domain]!;
    if (n >= 0) return n;
    const id = this.push(LEAF, domain, []);
    this.leafNode[domain] = id;
    return id;
  }

  /** Live while the outage lasts at most `minutes` (a battery or a generator's fuel). */
  within(minutes: number): NodeId {
    const n = this.withinNode.get(minutes);
    if (n !== undefined) return n;
    const id = this.push(WITHIN, minutes, []);
    this.withinNode.set(minutes, id);
    return id;
  }

  and(kids: readonly NodeId[]): NodeId {
    const list: NodeId[] = [];
    for (const k of kids) {
      if (k === this.FALSE) return this.FALSE;
      if (k !== this.TRUE && !list.includes(k)) list.push(k);
    }
    if (list.length === 0) return this.TRUE;
    if (list.length === 1) return list[0]!;
    return this.push(AND, 0, list);
  }

  /** Alternatives in order of preference. */
  or(kids: readonly NodeId[]): NodeId {
    const list: NodeId[] = [];
    for (const k of kids) {
      if (k === this.TRUE) {
        if (list.length === 0) return this.TRUE;
        list.push(k);
        break;
      }
      if (k !== this.FALSE && !list.includes(k)) list.push(k);
    }
    if (list.length === 0) return this.FALSE;
    if (list.length === 1) return list[0]!;
    return this.push(OR, 0, list);
  }

  /** Starts evaluating a failure set; `durationMinutes` is how long failed mains feeds stay out. */
  set(failed: readonly number[], durationMinutes: number): void {
    for (const d of this.failedList) this.failed[d] = 0;
    for (const d of failed) this.failed[d] = 1;
    this.failedList = failed;
    this.duration = durationMinutes;
    this.epoch++;
  }

  isFailed(domain: number): boolean {
    return this.failed[domain] === 1;
  }

  live(n: NodeId): boolean {
    if (this.stamp[n] === this.epoch) return this.value[n] === 1;
    let v: boolean;
    switch (this.op[n]) {
      case LEAF:
        v = this.failed[this.arg[n]!] === 0;
        break;
      case AND: {
        v = true;
        for (const k of this.kids[n]!) {
          if (!this.live(k)) {
            v = false;
            break;
          }
        }
        break;
      }
      case OR: {
        v = false;
        for (const k of this.kids[n]!) {
          if (this.live(k)) {
            v = true;
            break;
          }
        }
        break;
      }
      default:
        v = this.duration <= this.arg[n]!;
    }
    this.stamp[n] = this.epoch;
    this.value[n] = v ? 1 : 0;
    return v;
  }

  /** Starts collecting the domains that live nodes rely on (see addDeps, takeDeps). */
  beginDeps(): void {
    this.depEpoch++;
    this.depOut = [];
  }

  /** Adds the domains a live node relies on under the current failure set. */
  addDeps(n: NodeId): void {
    if (this.depNodeMark[n] === this.depEpoch) return;
    this.depNodeMark[n] = this.depEpoch;
    switch (this.op[n]) {
      case LEAF:
        this.addDomain(this.arg[n]!);
        return;
      case AND:
        for (const k of this.kids[n]!) this.addDeps(k);
        return;
      case OR:
        for (const k of this.kids[n]!) {
          if (this.live(k)) {
            this.addDeps(k);
            return;
          }
        }
        return;
      default:
        return;
    }
  }

  addDomain(d: number): void {
    if (this.depDomainMark[d] === this.depEpoch) return;
    this.depDomainMark[d] = this.depEpoch;
    this.depOut.push(d);
  }

  /** The collected domains, in the order found (each once). */
  takeDeps(): number[] {
    const out = this.depOut;
    this.depOut = [];
    return out;
  }

  /**
   * Every domain the given nodes could ever depend on (all alternatives): the static cone.
   * Uses the same marks as deps, so it must not run between beginDeps and takeDeps.
   */
  leaves(nodes: readonly NodeId[]): number[] {
    this.beginDeps();
    for (const n of nodes) this.addLeaves(n);
    return this.takeDeps();
  }

  private addLeaves(n: NodeId): void {
    if (this.depNodeMark[n] === this.depEpoch) return;
    this.depNodeMark[n] = this.depEpoch;
    if (this.op[n] === LEAF) {
      this.addDomain(this.arg[n]!);
      return;
    }
    for (const k of this.kids[n]!) this.addLeaves(k);
  }
}
