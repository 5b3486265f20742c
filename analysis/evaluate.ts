// Survival of every service at one site under one failure set: the phones are live and reach a
// live gateway that serves the site and hosts the service; trunk services also need a usable
// trunk; emergency calls a valid one; incoming calls their number blocks routed to it.
// docs/analysis.md ("Survival of a service") states each clause.
import type { ServiceKind } from '../model/types.js';
import type { Circuit, NodeId } from './circuit.js';
import type { BlockPlan, CandidatePlan, SitePlan } from './plan.js';
import type { PathStep, SwitchoverPart } from './types.js';
import type { Wiring } from './wiring.js';

export interface Outcome {
  readonly survives: boolean;
  /** Switchover from normal operation, in order. */
  readonly parts: readonly SwitchoverPart[];
  readonly automatic: boolean;
  readonly callsDropped: boolean;
  readonly steps: readonly PathStep[];
  /** Why it fails (when it does). */
  readonly why: string | null;
}

/** Outcomes of every service under one failure set. */
export interface RunResult {
  readonly outcomes: readonly Outcome[];
  /**
   * Per service: the domains its carrying path relies on (each once, in no particular order),
   * when it survives and they were asked for; else null.
   */
  readonly deps: readonly (readonly number[] | null)[];
}

interface Server {
  readonly index: number;
  readonly plan: CandidatePlan;
  readonly parts: readonly SwitchoverPart[];
  readonly callsDropped: boolean;
  readonly step: PathStep;
}

const LABEL: Partial<Record<ServiceKind, string>> = { outbound: 'outbound calls', incoming: 'incoming calls', emergency: 'emergency calls' };

const NONE: readonly never[] = [];
/** Nodes are collected only for deps; without, pushes go nowhere (every push is guarded). */
const NO_NODES: NodeId[] = [];
const failure = (why: string): Outcome => ({ survives: false, parts: NONE, automatic: false, callsDropped: false, steps: NONE, why });

/** A service that (indirectly) requires itself: the cycle adds nothing, it is not a failure. */
const CYCLE: Outcome = { survives: true, parts: NONE, automatic: true, callsDropped: false, steps: NONE, why: null };

function sameParts(a: readonly SwitchoverPart[], b: readonly SwitchoverPart[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) if (a[k]!.label !== b[k]!.label || a[k]!.seconds !== b[k]!.seconds) return false;
  return true;
}

function same(a: Outcome, b: Outcome): boolean {
  if (a.survives !== b.survives || a.automatic !== b.automatic || a.callsDropped !== b.callsDropped || a.why !== b.why) return false;
  if (a.steps.length !== b.steps.length) return false;
  for (let k = 0; k < a.steps.length; k++) if (a.steps[k] !== b.steps[k]) return false;
  return sameParts(a.parts, b.parts);
}

export class SiteEvaluator {
  private readonly steps = new Map<string, PathStep>();
  /** Trunk steps per candidate and trunk, for a trunk the serving gateway terminates itself. */
  private readonly trunkSteps: (PathStep | undefined)[][];
  /** Phones steps by the set of live PoE switches (a bit mask). */
  readonly phonesSteps = new Map<number, PathStep>();
  /** Gateway steps per candidate: [normal host live, normal host lost]. */
  readonly serverSteps: (PathStep | undefined)[][];
  /** Scratch state of one run at a time (runs do not nest). */
  readonly scratch: Uint8Array;
  /** The deps of a run that asked for none: frozen, never written. */
  readonly noDeps: (readonly number[] | null)[];
  /** Distinct surviving outcomes seen per service, so equal outcomes are one object (and one verdict text). */
  private readonly seen: Outcome[][];
  /** Failures seen per service, by reason. */
  private readonly failures: Map<string, Outcome>[];
  private phonesWhyText: string | null = null;

  constructor(
    readonly w: Wiring,
    readonly plan: SitePlan,
  ) {
    this.trunkSteps = plan.candidates.map(() => []);
    this.serverSteps = plan.candidates.map(() => []);
    this.seen = plan.services.map(() => []);
    this.failures = plan.services.map(() => new Map());
    this.scratch = new Uint8Array(plan.services.length);
    this.noDeps = Object.freeze(plan.services.map((): readonly number[] | null => null)) as (readonly number[] | null)[];
  }

  private readonly blockSteps = new Map<number, PathStep>();
  private readonly reroutes = new Map<number, SwitchoverPart>();
  private readonly texts = new Map<number, string>();
  private readonly serverTexts = new Map<number, string>();
  private readonly requireTexts = new Map<Outcome, string>();

  /** A number block on a trunk: carried there in normal operation, or rerouted to it. */
  blockStep(block: number, trunk: number, rerouted: boolean): PathStep {
    const key = (block * 4096 + trunk) * 2 + (rerouted ? 1 : 0);
    let s = this.blockSteps.get(key);
    if (!s) {
      const b = this.plan.blocks[block]!;
      const t = this.plan.trunks[trunk]!;
      const note = rerouted ? `rerouted by ${b.block.provider} to trunk ${t.id} (${b.provider?.rerouting.mode ?? 'none'})` : `carried by trunk ${t.id}`;
      s = { kind: 'number-block', id: b.block.id, path: `${this.plan.site.path}/number-blocks/${b.block.id}`, note };
      this.blockSteps.set(key, s);
    }
    return s;
  }

  /** The switchover part of rerouting a block: its provider's lead time, by hand when on request. */
  reroutePart(block: number): SwitchoverPart {
    let p = this.reroutes.get(block);
    if (!p) {
      const b = this.plan.blocks[block]!;
      const lead = b.provider!.rerouting.leadTimeMinutes;
      const onRequest = b.provider!.rerouting.mode === 'on-request';
      p = { label: `number block ${b.block.id} rerouted by ${b.provider!.name} ${onRequest ? 'on request' : 'automatically'} (${lead} min lead time)`, seconds: lead * 60 };
      this.reroutes.set(block, p);
    }
    return p;
  }

  /**
   * A failure reason built once per site: the same reason recurs under many failure sets, and
   * equal reasons must be one string for outcomes to be shared. `a` and `b` are below 4096.
   */
  text(code: number, a: number, b: number, build: () => string): string {
    const key = (code * 4096 + a) * 4096 + b;
    let t = this.texts.get(key);
    if (t === undefined) this.texts.set(key, (t = build()));
    return t;
  }

  /** Why no candidate serves: one reason per combination of down (0) and unreachable (1) candidates. */
  serverText(states: number, build: () => string): string {
    let t = this.serverTexts.get(states);
    if (t === undefined) this.serverTexts.set(states, (t = build()));
    return t;
  }

  /** Why a service fails for a required one: once per failing outcome of the required service. */
  requireText(required: Outcome, build: () => string): string {
    let t = this.requireTexts.get(required);
    if (t === undefined) this.requireTexts.set(required, (t = build()));
    return t;
  }

  /** Why a service fails when the site has no live phone (the same under every failure set). */
  get phonesWhy(): string {
    if (this.phonesWhyText === null) {
      const { site, poe } = this.plan;
      const many = poe.length > 1;
      this.phonesWhyText =
        poe.length === 0
          ? `the site ${site.name} is lost with its phones`
          : `no phone at ${site.name} has power and network: PoE switch${many ? 'es' : ''} ${poe.map((p) => p.id).join(', ')} ${many ? 'are' : 'is'} down`;
    }
    return this.phonesWhyText;
  }

  intern(i: number, o: Outcome): Outcome {
    if (!o.survives) {
      const known = this.failures[i]!.get(o.why!);
      if (known) return known;
      this.failures[i]!.set(o.why!, o);
      return o;
    }
    const list = this.seen[i]!;
    for (const x of list) if (same(x, o)) return x;
    if (list.length < 16) list.push(o);
    return o;
  }

  /**
   * Outcomes of every service of the model at this site, in plan order. With `base` and
   * `touched`, services the failure set does not touch keep their normal-operation outcome.
   */
  run(failed: readonly number[], durationMinutes: number, withDeps: boolean, base?: RunResult, touched?: readonly boolean[]): RunResult {
    this.w.circuit.set(failed, durationMinutes);
    return new Run(this, withDeps, base, touched).all();
  }

  step(kind: PathStep['kind'], id: string, path: string, note: string | null): PathStep {
    const key = `${kind}|${id}|${note ?? ''}`;
    let s = this.steps.get(key);
    if (!s) {
      s = { kind, id, path, note };
      this.steps.set(key, s);
    }
    return s;
  }

  trunkStep(candidate: number, j: number, via: string | null): PathStep {
    if (via === null) {
      const known = this.trunkSteps[candidate]![j];
      if (known) return known;
    }
    const t = this.plan.trunks[j]!;
    const line = t.uplink ? `over uplink ${t.uplink}` : t.supplyLine ? `through supply line ${t.supplyLine}` : null;
    const note = [`${t.kind} trunk of ${t.provider}`, line, via ? `terminated by ${via}` : null].filter(Boolean).join(', ');
    const s = via === null ? { kind: 'trunk' as const, id: t.id, path: t.path, note } : this.step('trunk', t.id, t.path, note);
    if (via === null) this.trunkSteps[candidate]![j] = s;
    return s;
  }
}

/** One failure set: memoises the server, the phones and every service's outcome. */
class Run {
  private readonly c: Circuit;
  private readonly plan: SitePlan;
  private readonly outcomes: (Outcome | null)[];
  private readonly deps: (readonly number[] | null)[];
  /** Per service: 0 not started, 1 in progress (a requirement cycle), 2 done. */
  private readonly state: Uint8Array;
  private server: Server | null | undefined = undefined;
  private serverWhy = '';
  private phonesStep: PathStep | null | undefined = undefined;
  /** Domains the phones and the server rely on: shared by every service of the run. */
  private commonDeps: number[] | null = null;
  private nodeDeps: Map<NodeId, number[]> | null = null;

  constructor(
    private readonly e: SiteEvaluator,
    private readonly withDeps: boolean,
    private readonly base: RunResult | undefined,
    private readonly touched: readonly boolean[] | undefined,
  ) {
    this.c = e.w.circuit;
    this.plan = e.plan;
    const n = this.plan.services.length;
    this.outcomes = new Array<Outcome | null>(n).fill(null);
    this.deps = withDeps ? new Array<readonly number[] | null>(n).fill(null) : e.noDeps;
    this.state = e.scratch;
    this.state.fill(0);
  }

  all(): RunResult {
    const outcomes: Outcome[] = [];
    for (let i = 0; i < this.plan.services.length; i++) outcomes.push(this.service(i));
    return { outcomes, deps: this.deps };
  }

  private phones(): PathStep | null {
    if (this.phonesStep !== undefined) return this.phonesStep;
    const { site } = this.plan;
    if (!this.c.live(this.plan.phones)) return (this.phonesStep = null);
    const poe = this.plan.poe;
    let mask = 0;
    for (let k = 0; k < poe.length && k < 30; k++) if (this.c.live(poe[k]!.node)) mask |= 1 << k;
    const known = this.e.phonesSteps.get(mask);
    if (known && poe.length <= 30) return (this.phonesStep = known);
    let step: PathStep;
    if (poe.length === 0) step = { kind: 'phones', id: site.id, path: site.path, note: `${site.users} phones, powered locally` };
    else {
      const live = poe.filter((p) => this.c.live(p.node));
      const count = live.reduce((n, p) => n + p.phones, 0);
      step = { kind: 'phones', id: site.id, path: site.path, note: `${count} of ${site.users} phones live (PoE switch${live.length > 1 ? 'es' : ''} ${live.map((p) => p.id).join(', ')})` };
    }
    this.e.phonesSteps.set(mask, step);
    return (this.phonesStep = step);
  }

  private phonesWhy(): string {
    return this.e.phonesWhy;
  }

  /**
   * The live gateway the site's phones reach soonest: in takeover order, except that a gateway
   * whose VM is being restarted by HA yields to a standby that takes over sooner.
   */
  private chooseServer(): Server | null {
    if (this.server !== undefined) return this.server;
    const candidates = this.plan.candidates;
    let states = 0;
    let weight = 1;
    let best: Server | null = null;
    let bestSeconds = Infinity;
    for (let k = 0; k < candidates.length; k++) {
      const p = candidates[k]!;
      const g = p.candidate.gateway;
      if (p.candidate.totalSeconds >= bestSeconds) break;
      if (!this.c.live(p.serving)) {
        weight *= 3;
        continue;
      }
      if (!this.c.live(p.reach)) {
        states += weight;
        weight *= 3;
        continue;
      }
      let parts = p.candidate.parts;
      let seconds = p.candidate.totalSeconds;
      let callsDropped = p.candidate.takeover;
      const moved = p.normalHost !== null && !this.c.live(p.normalHost.node);
      if (moved) {
        const h = p.normalHost!;
        const ha = h.mode === 'ha';
        parts = [...parts, { label: ha ? `HA restart on another host (${h.restartSeconds} s)` : `FT secondary takes over (host ${h.host} lost)`, seconds: ha ? h.restartSeconds : 0 }];
        if (ha) seconds += h.restartSeconds;
        callsDropped ||= ha;
      }
      if (seconds >= bestSeconds) continue;
      const steps = this.e.serverSteps[k]!;
      let step = steps[moved ? 1 : 0];
      if (!step) {
        const h = p.normalHost;
        const note = p.candidate.note + (moved ? (h!.mode === 'ha' ? `, restarted by HA off host ${h!.host}` : `, FT secondary running (host ${h!.host} lost)`) : '');
        step = steps[moved ? 1 : 0] = { kind: 'gateway', id: g.id, path: g.path, note };
      }
      best = { index: k, plan: p, parts, callsDropped, step };
      bestSeconds = seconds;
      if (!moved) break;
    }
    // Base-3 states are exact up to 33 candidates; beyond, build the reason each time.
    if (!best) this.serverWhy = candidates.length <= 33 ? this.e.serverText(states, () => this.serverWhyText()) : this.serverWhyText();
    this.server = best;
    return best;
  }

  /** Built once per combination: no live candidate was chosen, so each is down or out of reach. */
  private serverWhyText(): string {
    const { candidates, site } = this.plan;
    if (candidates.length === 0) return `no gateway serves site ${site.id}`;
    const why = candidates.map(({ candidate: { gateway: g }, serving }) =>
      !this.c.live(serving)
        ? `${g.id} is down`
        : `${g.id} is unreachable (${g.placement.type === 'cloud' ? `no live uplink with the cloud VPN at ${site.id}` : `no live uplink at ${site.id} or ${g.placement.site}`})`,
    );
    return `no gateway serving ${site.id} is live and reachable from its phones: ${why.join('; ')}`;
  }

  private service(i: number): Outcome {
    const done = this.outcomes[i];
    if (done) return done;
    if (this.base && this.touched && !this.touched[i]) {
      if (this.withDeps) this.deps[i] = this.base.deps[i]!;
      return (this.outcomes[i] = this.base.outcomes[i]!);
    }
    if (this.state[i] === 1) return CYCLE;
    this.state[i] = 1;
    const result = this.e.intern(i, this.evaluate(i));
    this.state[i] = 2;
    this.outcomes[i] = result;
    return result;
  }

  private evaluate(i: number): Outcome {
    const sp = this.plan.services[i]!;
    const s = sp.service;
    const phones = this.phones();
    if (!phones) return failure(this.phonesWhy());
    const server = this.chooseServer();
    if (!server) return failure(this.serverWhy);
    const g = server.plan.candidate.gateway;
    const nodes: NodeId[] = this.withDeps ? [] : NO_NODES;
    const steps: PathStep[] = [phones, server.step];

    const hosts = server.plan.hosts[i];
    if (hosts) {
      let host: (typeof hosts)[number] | undefined;
      for (const h of hosts) {
        if (this.c.live(h.live) && this.c.live(h.reach)) {
          host = h;
          break;
        }
      }
      if (!host) {
        return failure(
          this.e.text(1, server.index, i, () => {
            const list = hosts.length ? ` (${hosts.map((h) => h.host).join(', ')})` : '';
            return `${g.id} does not host ${s.kind}, and no host of service ${s.id}${list} is live and reachable from it`;
          }),
        );
      }
      if (this.withDeps) nodes.push(host.live, host.reach);
      steps.push(this.e.step('host', host.host, `gateways/${host.host}`, `runs ${s.id}`));
    }

    if (sp.missing.length > 0) return failure(this.e.text(2, i, 0, () => `it requires ${sp.missing.join(', ')}, which no service of the blueprint provides`));
    let required: number[] | null = null;
    for (const r of sp.requires) {
      const o = this.service(r);
      if (!o.survives) return failure(this.e.requireText(o, () => `it requires ${this.plan.services[r]!.service.id}, which fails: ${o.why}`));
      (required ??= []).push(r);
    }

    let parts: readonly SwitchoverPart[] = server.parts;
    let automatic = server.plan.candidate.automatic;
    let callsDropped = server.callsDropped;
    if (s.kind === 'outbound' || s.kind === 'emergency') {
      if (s.kind === 'emergency') {
        const problem = this.e.text(5, 0, 0, () => this.emergencyPreconditions() ?? '');
        if (problem) return failure(problem);
        if (this.plan.site.emergency.notification) {
          if (!this.c.live(this.plan.notification)) return failure(this.e.text(4, 0, 0, () => this.notificationWhy()));
          if (this.withDeps) nodes.push(this.plan.notification);
          steps.push(this.notificationStep());
        }
      }
      const j = s.kind === 'emergency' ? this.firstTrunk(server, this.plan.emergencyIndex) : this.firstTrunk(server, null);
      if (j < 0) return failure(this.e.text(3, server.index, s.kind === 'emergency' ? 1 : 0, () => this.noTrunkWhy(s.kind, g.id)));
      if (this.withDeps) nodes.push(server.plan.trunkNodes[j]!);
      steps.push(this.trunkStep(server, j));
    } else if (s.kind === 'incoming') {
      const r = this.incoming(server, nodes, steps);
      if (typeof r === 'string') return failure(r);
      if (r) {
        parts = [...parts, r.part];
        automatic &&= r.automatic;
        callsDropped = true;
      }
    }

    if (this.withDeps) this.deps[i] = this.depsOf(server, nodes, required);
    return { survives: true, parts, automatic, callsDropped, steps: dedupe(steps), why: null };
  }

  /** The domains a service's path relies on: the phones, the server, its own nodes, what it requires. */
  private depsOf(server: Server, nodes: readonly NodeId[], required: readonly number[] | null): readonly number[] {
    const c = this.c;
    if (!this.commonDeps) {
      c.beginDeps();
      c.addDeps(this.plan.phones);
      c.addDeps(server.plan.serving);
      c.addDeps(server.plan.reach);
      this.commonDeps = c.takeDeps();
    }
    if (nodes.length === 0 && !required) return this.commonDeps;
    const memo = (this.nodeDeps ??= new Map());
    const extra = nodes.map((n) => {
      let d = memo.get(n);
      if (!d) {
        c.beginDeps();
        c.addDeps(n);
        d = c.takeDeps();
        memo.set(n, d);
      }
      return d;
    });
    c.beginDeps();
    for (const d of this.commonDeps) c.addDomain(d);
    for (const list of extra) for (const d of list) c.addDomain(d);
    if (required) for (const r of required) for (const d of this.deps[r] ?? NONE) c.addDomain(d);
    return c.takeDeps();
  }

  private emergencyPreconditions(): string | null {
    const { site } = this.plan;
    if (!site.emergency.location) return `site ${site.id} has no emergency location, so no emergency call can be routed or dispatched`;
    if (!site.emergency.dispatchable) return `the emergency location of ${site.id} is not dispatchable (street, city and floor or room are needed)`;
    return null;
  }

  private notificationWhy(): string {
    const n = this.plan.site.emergency.notification!;
    return `the emergency notification desk ${n.desk} is down (fire zone ${n.fireZone}${n.poeSwitch ? `, PoE switch ${n.poeSwitch}` : ''}), and every emergency call must be notified there`;
  }

  private notificationStep(): PathStep {
    const { site } = this.plan;
    const n = site.emergency.notification!;
    return this.e.step('notification', n.fireZone, `${site.path}/fire-zones/${n.fireZone}`, `${n.desk} is notified of every emergency call`);
  }

  /** Position (in plan.trunks) of the first trunk usable through the server, among `among` (all when null); -1 if none. */
  private firstTrunk(server: Server, among: readonly number[] | null): number {
    const nodes = server.plan.trunkNodes;
    if (among === null) {
      for (let j = 0; j < nodes.length; j++) if (this.c.live(nodes[j]!)) return j;
      return -1;
    }
    for (const j of among) if (this.c.live(nodes[j]!)) return j;
    return -1;
  }

  private trunkStep(server: Server, j: number): PathStep {
    const t = this.plan.trunks[j]!;
    const g = server.plan.candidate.gateway.id;
    if (t.gateways.includes(g)) return this.e.trunkStep(server.index, j, null);
    const w = this.e.w;
    const via = t.gateways.find((x) => this.c.live(w.gateway(x)) && this.c.live(w.reachGateways(g, x))) ?? null;
    return this.e.trunkStep(server.index, j, via);
  }

  private noTrunkWhy(kind: ServiceKind, g: string): string {
    const { site, trunks, emergencyIndex } = this.plan;
    if (kind === 'emergency') {
      const area = site.emergency.location!.area;
      if (emergencyIndex.length === 0) return `no trunk available to ${site.id} is emergency-capable, from a provider that delivers emergency calls, and valid for area ${area}`;
      return `no trunk valid for emergency calls from area ${area} (${emergencyIndex.map((j) => trunks[j]!.id).join(', ')}) is live and reachable from ${g}`;
    }
    if (trunks.length === 0) return `no trunk is available to ${site.id} for ${LABEL[kind] ?? kind}`;
    return `no trunk (${trunks.map((t) => t.id).join(', ')}) is live and reachable from ${g}`;
  }

  /**
   * Every number block of the site must reach a live trunk: the one that carries it, or another
   * one after the block's provider reroutes it (automatic, or on request after its lead time).
   * Returns the slowest rerouting, null when every block stays on its trunk, or why it fails.
   */
  private incoming(server: Server, nodes: NodeId[], steps: PathStep[]): { part: SwitchoverPart; automatic: boolean } | null | string {
    const { site, blocks } = this.plan;
    if (blocks.length === 0) return this.e.text(6, 0, 0, () => `site ${site.id} has no number block, so it cannot receive incoming calls`);
    let slowest: SwitchoverPart | null = null;
    let automatic = true;
    for (let k = 0; k < blocks.length; k++) {
      const b = blocks[k]!;
      const carried = this.firstTrunk(server, b.carryingIndex);
      if (carried >= 0) {
        if (this.withDeps) nodes.push(server.plan.trunkNodes[carried]!);
        steps.push(this.e.blockStep(k, carried, false), this.trunkStep(server, carried));
        continue;
      }
      const mode = b.provider?.rerouting.mode ?? 'none';
      if (mode === 'none') return this.e.text(7, k, 0, () => `number block ${b.block.id}: ${carriersDown(b)}, and provider ${b.block.provider} does not reroute it (rerouting none)`);
      if (!this.c.live(b.providerNode)) return this.e.text(7, k, 1, () => `number block ${b.block.id}: ${carriersDown(b)}, and its provider ${b.block.provider}, who would reroute it, is down`);
      const other = this.firstTrunk(server, null);
      if (other < 0) {
        const g = server.plan.candidate.gateway.id;
        return this.e.text(8, k, server.index, () => `number block ${b.block.id}: ${carriersDown(b)}, and no other trunk is live and reachable from ${g} to reroute it to`);
      }
      if (this.withDeps) nodes.push(b.providerNode, server.plan.trunkNodes[other]!);
      steps.push(this.e.blockStep(k, other, true), this.trunkStep(server, other));
      const part = this.e.reroutePart(k);
      if (!slowest || part.seconds > slowest.seconds) slowest = part;
      automatic &&= mode !== 'on-request';
    }
    return slowest ? { part: slowest, automatic } : null;
  }
}

function carriersDown(b: BlockPlan): string {
  const n = b.carrying.length;
  return n ? `its trunk${n > 1 ? 's' : ''} ${b.carrying.map((t) => t.id).join(', ')} ${n > 1 ? 'are' : 'is'} down or unreachable` : 'no trunk carries it';
}

function dedupe(steps: PathStep[]): PathStep[] {
  for (let i = 1; i < steps.length; i++) {
    if (steps.indexOf(steps[i]!) < i) return [...new Set(steps)];
  }
  return steps;
}
