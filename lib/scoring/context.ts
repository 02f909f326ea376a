// Indexes over one pathway, built once per scoring run and shared by every rule and by the
// journey figures. Adjacency is stored as compressed arrays (CSR), so every graph walk is
// O(steps + transitions) and no rule needs to compare all pairs of steps.
import {
  GENERALIST_ROLES,
  SPECIALIST_ROLES,
  type Pathway,
  type Role,
  type Step,
  type Transition,
} from '../pathway/schema';

/** Kinds where the person meets someone providing care (used for contacts and bounce-backs). */
const CONTACT_KINDS = new Set<Step['kind']>(['entry', 'assessment', 'intervention', 'review', 'support', 'discharge']);

/** Roles that are not a professional contact when they lead a step. */
const LAY_ROLES = new Set<Role>(['patient', 'carer']);

export function hasRole(step: Step, role: Role): boolean {
  return step.leadRole === role || step.roles.includes(role);
}

export function hasAnyRole(step: Step, roles: ReadonlySet<Role>): boolean {
  if (roles.has(step.leadRole)) return true;
  for (const r of step.roles) if (roles.has(r)) return true;
  return false;
}

/**
 * A contact with a professional: the person is seen, spoken to or helped by someone providing
 * care. Entry, assessment, intervention, review, support and discharge steps count, and so does a
 * decision taken with the person (sharedDecision). Referral, admin, outcome, exit and decision
 * steps taken without the person do not (frameworks.md RCGP 2: "without any clinical contact").
 * Steps led by the person or their carer are not a professional contact.
 */
export function isProfessionalContact(step: Step): boolean {
  if (LAY_ROLES.has(step.leadRole)) return false;
  if (CONTACT_KINDS.has(step.kind)) return true;
  return step.kind === 'decision' && step.flags.sharedDecision;
}

/**
 * General practice, as distinct from the rest of primary care (004 §4.4 separates "general
 * practice, other parts of primary care such as pharmacy, and ... community health services"):
 * a primary-care step at the GP practice, or one led by the GP or practice nurse anywhere but a
 * pharmacy (a GP home visit or phone call is still general practice).
 */
export function isGeneralPractice(step: Step): boolean {
  if (step.sector !== 'primary_care') return false;
  if (step.setting === 'gp_practice') return true;
  return (step.leadRole === 'gp' || step.leadRole === 'practice_nurse') && step.setting !== 'pharmacy';
}

/** A step with the person's GP in it: the GP leads it or takes part. */
export function isGpStep(step: Step): boolean {
  return hasRole(step, 'gp');
}

export function hasGeneralistAndSpecialist(step: Step): boolean {
  return hasAnyRole(step, GENERALIST_ROLES) && hasAnyRole(step, SPECIALIST_ROLES);
}

/** A quoted step title for sentences: 'Breathlessness raised with GP'. */
export function q(step: Step): string {
  return `'${step.title}'`;
}

export class PathwayContext {
  readonly pathway: Pathway;
  readonly steps: readonly Step[];
  /** Transitions whose two ends exist (all of them, in a validated pathway). */
  readonly transitions: readonly Transition[];
  readonly n: number;
  readonly m: number;
  readonly stepIndex: ReadonlyMap<string, number>;
  readonly from: Int32Array;
  readonly to: Int32Array;
  /** Out-edges of step i are outEdges[outStart[i] .. outStart[i+1]) (transition indexes). */
  readonly outStart: Int32Array;
  readonly outEdges: Int32Array;
  readonly inStart: Int32Array;
  readonly inEdges: Int32Array;
  readonly entries: readonly number[];
  readonly exits: readonly number[];
  /** 1 when the step can be reached from an entry step. */
  readonly reachable: Uint8Array;
  /** 1 when an exit step can be reached from the step. */
  readonly leadsToExit: Uint8Array;
  readonly contact: Uint8Array;
  readonly generalPractice: Uint8Array;

  private treatmentDecisionCache: number[] | undefined;
  private componentCache: Components | undefined;
  private duplicateCache: DuplicateAssessment[] | undefined;

  constructor(pathway: Pathway) {
    this.pathway = pathway;
    this.steps = pathway.steps;
    const n = pathway.steps.length;
    this.n = n;
    const index = new Map<string, number>();
    for (let i = 0; i < n; i++) {
      const id = (pathway.steps[i] as Step).id;
      if (!index.has(id)) index.set(id, i);
    }
    this.stepIndex = index;

    const kept: Transition[] = [];
    const fromList: number[] = [];
    const toList: number[] = [];
    for (const t of pathway.transitions) {
      const f = index.get(t.from);
      const d = index.get(t.to);
      if (f === undefined || d === undefined) continue;
      kept.push(t);
      fromList.push(f);
      toList.push(d);
    }
    this.transitions = kept;
    const m = kept.length;
    this.m = m;
    this.from = Int32Array.from(fromList);
    this.to = Int32Array.from(toList);

    const outStart = new Int32Array(n + 1);
    const inStart = new Int32Array(n + 1);
    for (let e = 0; e < m; e++) {
      const f = (this.from[e] as number) + 1;
      const d = (this.to[e] as number) + 1;
      outStart[f] = (outStart[f] as number) + 1;
      inStart[d] = (inStart[d] as number) + 1;
    }
    for (let i = 0; i < n; i++) {
      outStart[i + 1] = (outStart[i + 1] as number) + (outStart[i] as number);
      inStart[i + 1] = (inStart[i + 1] as number) + (inStart[i] as number);
    }
    const outEdges = new Int32Array(m);
    const inEdges = new Int32Array(m);
    const outFill = outStart.slice(0, n);
    const inFill = inStart.slice(0, n);
    for (let e = 0; e < m; e++) {
      const f = this.from[e] as number;
      const d = this.to[e] as number;
      outEdges[outFill[f] as number] = e;
      outFill[f] = (outFill[f] as number) + 1;
      inEdges[inFill[d] as number] = e;
      inFill[d] = (inFill[d] as number) + 1;
    }
    this.outStart = outStart;
    this.outEdges = outEdges;
    this.inStart = inStart;
    this.inEdges = inEdges;

    const entries: number[] = [];
    const exits: number[] = [];
    const contact = new Uint8Array(n);
    const gp = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const s = pathway.steps[i] as Step;
      if (s.kind === 'entry') entries.push(i);
      if (s.kind === 'exit') exits.push(i);
      if (isProfessionalContact(s)) contact[i] = 1;
      if (isGeneralPractice(s)) gp[i] = 1;
    }
    this.entries = entries;
    this.exits = exits;
    this.contact = contact;
    this.generalPractice = gp;
    this.reachable = this.forwardFrom(entries);
    this.leadsToExit = this.backwardFrom(exits);
  }

  step(i: number): Step {
    return this.steps[i] as Step;
  }
  transition(e: number): Transition {
    return this.transitions[e] as Transition;
  }

  /** Steps reachable from the given steps (including them). */
  forwardFrom(sources: readonly number[], allowed?: (i: number) => boolean): Uint8Array {
    return this.walk(sources, this.outStart, this.outEdges, this.to, allowed);
  }

  /** Steps from which one of the given steps can be reached (including them). */
  backwardFrom(targets: readonly number[], allowed?: (i: number) => boolean): Uint8Array {
    return this.walk(targets, this.inStart, this.inEdges, this.from, allowed);
  }

  private walk(
    sources: readonly number[],
    start: Int32Array,
    edges: Int32Array,
    other: Int32Array,
    allowed?: (i: number) => boolean,
  ): Uint8Array {
    const seen = new Uint8Array(this.n);
    const queue = new Int32Array(this.n);
    let head = 0;
    let tail = 0;
    for (const s of sources) {
      if (!seen[s]) {
        seen[s] = 1;
        queue[tail++] = s;
      }
    }
    while (head < tail) {
      const v = queue[head++] as number;
      for (let k = start[v] as number; k < (start[v + 1] as number); k++) {
        const w = other[edges[k] as number] as number;
        if (seen[w]) continue;
        if (allowed && !allowed(w)) continue;
        seen[w] = 1;
        queue[tail++] = w;
      }
    }
    return seen;
  }

  hasSelfLoop(v: number): boolean {
    for (let k = this.outStart[v] as number; k < (this.outStart[v + 1] as number); k++) {
      if (this.to[this.outEdges[k] as number] === v) return true;
    }
    return false;
  }

  /**
   * Strongly connected components (the loops of the pathway) in topological order, sources
   * first; members of each component in pathway order. Computed once and shared.
   */
  components(): Components {
    if (!this.componentCache) this.componentCache = stronglyConnectedComponents(this);
    return this.componentCache;
  }

  /** Indexes of reachable steps matching a predicate, and of unreachable ones. */
  presence(predicate: (s: Step) => boolean): { reachable: number[]; unreachable: number[] } {
    const reachable: number[] = [];
    const unreachable: number[] = [];
    for (let i = 0; i < this.n; i++) {
      if (!predicate(this.steps[i] as Step)) continue;
      if (this.reachable[i]) reachable.push(i);
      else unreachable.push(i);
    }
    return { reachable, unreachable };
  }

  /**
   * Decisions about the person's treatment or care: decision steps with a transition straight to
   * an intervention, a referral or self-management (004 §5.4: patients "share in decisions
   * concerning their treatment"). Triage-only decisions that lead to admin or review are not
   * counted. Shared by RCGP 3 and NV 1 so both judge the same decisions.
   */
  treatmentDecisions(): number[] {
    if (this.treatmentDecisionCache) return this.treatmentDecisionCache;
    const out: number[] = [];
    for (let i = 0; i < this.n; i++) {
      if ((this.steps[i] as Step).kind !== 'decision') continue;
      for (let k = this.outStart[i] as number; k < (this.outStart[i + 1] as number); k++) {
        const kind = (this.steps[this.to[this.outEdges[k] as number] as number] as Step).kind;
        if (kind === 'intervention' || kind === 'referral' || kind === 'self_management') {
          out.push(i);
          break;
        }
      }
    }
    this.treatmentDecisionCache = out;
    return out;
  }

  /**
   * Repeated assessments (RCGP 3; journey figure "times the person must repeat an assessment"):
   * a step tagged with an assessment that the person can already have had, with the same tag, in
   * a different sector earlier on a route, where some transition on that route does not carry a
   * shared record. Repeats within one sector are not counted: monitoring by the same team is not
   * duplication (frameworks.md: "the same assessment tag in two sectors without a shared_record
   * between them"; 004 §3.2: patients "do not have to repeat the same information").
   *
   * Computed per tag by one forward propagation of (origin sector, information lost) states:
   * at most 14 states per step, so O(tags x (steps + transitions)).
   */
  duplicateAssessments(): DuplicateAssessment[] {
    if (this.duplicateCache) return this.duplicateCache;
    const byTag = new Map<string, number[]>();
    for (let i = 0; i < this.n; i++) {
      const tag = (this.steps[i] as Step).assessment;
      if (!tag) continue;
      const key = tag.trim().toLowerCase();
      const list = byTag.get(key);
      if (list) list.push(i);
      else byTag.set(key, [i]);
    }
    const result: DuplicateAssessment[] = [];
    let scratch: DuplicateScratch | undefined;
    for (const [, list] of byTag) {
      if (list.length < 2) continue;
      const sectors = new Set(list.map((i) => (this.steps[i] as Step).sector));
      if (sectors.size < 2) continue;
      if (scratch) {
        scratch.mask.fill(0);
        scratch.pending.fill(0);
      } else {
        // Allocated once per run and reused for every tag: large typed arrays are costly to create.
        scratch = {
          mask: new Uint16Array(this.n),
          pending: new Uint16Array(this.n),
          originOf: new Int32Array(this.n * 16),
        };
      }
      result.push(...this.duplicatesForTag(list, scratch));
    }
    result.sort((a, b) => a.step - b.step);
    this.duplicateCache = result;
    return result;
  }

  private duplicatesForTag(tagged: number[], scratch: DuplicateScratch): DuplicateAssessment[] {
    // Sector codes 0..6; state bit = 2 * sector + lost, where lost = 1 once a transition on the
    // route did not carry a shared record. 14 bits per step.
    const sectorCode = new Map<string, number>();
    const code = (sector: string) => {
      let c = sectorCode.get(sector);
      if (c === undefined) {
        c = sectorCode.size;
        sectorCode.set(sector, c);
      }
      return c;
    };
    const B = 16;
    const EVEN = 0x5555;
    const ODD = 0xaaaa;
    const { mask, pending, originOf } = scratch;
    for (const t of tagged) {
      const bit = 2 * code((this.steps[t] as Step).sector);
      if ((mask[t] as number) & (1 << bit)) continue;
      mask[t] = (mask[t] as number) | (1 << bit);
      originOf[t * B + bit] = t;
    }
    // Send v's states along its out-edges; returns true when w gained a state.
    const send = (v: number, e: number, w: number): boolean => {
      const bits = mask[v] as number;
      const keeps = this.transition(e).information === 'shared_record';
      // Along a transition without a shared record every state becomes "lost".
      const next = keeps ? bits : (bits & ODD) | ((bits & EVEN) << 1);
      const fresh = next & ~(mask[w] as number);
      if (!fresh) return false;
      mask[w] = (mask[w] as number) | fresh;
      // Visit only the new states' bits (lowest set bit first).
      for (let rest = fresh; rest !== 0; rest &= rest - 1) {
        const bit = 31 - Math.clz32(rest & -rest);
        const source = keeps || bits & (1 << bit) ? bit : bit - 1;
        originOf[w * B + bit] = originOf[v * B + source] as number;
      }
      return true;
    };
    // Components in topological order: a step outside any loop is handled once, with every state
    // that can reach it already known; inside a loop, a worklist runs until nothing changes
    // (a step re-enters it only when it gains a state, at most 14 times).
    const { order, comp, cyclic } = this.components();
    const queue: number[] = [];
    for (let ci = 0; ci < order.length; ci++) {
      const members = order[ci] as number[];
      if (!cyclic[ci]) {
        const v = members[0] as number;
        if (!mask[v]) continue;
        for (let k = this.outStart[v] as number; k < (this.outStart[v + 1] as number); k++) {
          const e = this.outEdges[k] as number;
          send(v, e, this.to[e] as number);
        }
        continue;
      }
      queue.length = 0;
      for (const v of members) {
        if (mask[v]) {
          queue.push(v);
          pending[v] = 1;
        }
      }
      for (let head = 0; head < queue.length; head++) {
        const v = queue[head] as number;
        pending[v] = 0;
        for (let k = this.outStart[v] as number; k < (this.outStart[v + 1] as number); k++) {
          const e = this.outEdges[k] as number;
          const w = this.to[e] as number;
          if (send(v, e, w) && comp[w] === ci && !pending[w]) {
            pending[w] = 1;
            queue.push(w);
          }
        }
      }
    }
    const out: DuplicateAssessment[] = [];
    for (const b of tagged) {
      const mine = code((this.steps[b] as Step).sector);
      const bits = mask[b] as number;
      for (let c = 0; c < B / 2; c++) {
        if (c === mine) continue;
        const bit = 2 * c + 1;
        if (bits & (1 << bit)) {
          out.push({ step: b, earlier: originOf[b * B + bit] as number });
          break;
        }
      }
    }
    return out;
  }
}

interface DuplicateScratch {
  mask: Uint16Array;
  pending: Uint16Array;
  /** originOf[step * 16 + state]: the tagged step a state came from (valid only where mask is set). */
  originOf: Int32Array;
}

export interface DuplicateAssessment {
  /** The step where the person repeats the assessment. */
  step: number;
  /** A step in another sector where the same assessment was done earlier on a route. */
  earlier: number;
}

export interface Components {
  /** Components in topological order (sources first); members in pathway order. */
  order: number[][];
  /** Component number of each step (its index in `order`). */
  comp: Int32Array;
  /** 1 when component i is a loop: more than one step, or one step with a transition to itself. */
  cyclic: Uint8Array;
}

/**
 * Tarjan's algorithm, iterative (no recursion, so a 10,000-step chain cannot overflow the stack).
 * Returns components in topological order (sources first) and each step's component number.
 */
export function stronglyConnectedComponents(ctx: PathwayContext): Components {
  const n = ctx.n;
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const comp = new Int32Array(n).fill(-1);
  const stack: number[] = [];
  const callStack: number[] = [];
  const edgePos = new Int32Array(n);
  const components: number[][] = [];
  let counter = 0;
  for (let root = 0; root < n; root++) {
    if (index[root] !== -1) continue;
    callStack.push(root);
    index[root] = low[root] = counter++;
    stack.push(root);
    onStack[root] = 1;
    edgePos[root] = ctx.outStart[root] as number;
    while (callStack.length > 0) {
      const v = callStack[callStack.length - 1] as number;
      if ((edgePos[v] as number) < (ctx.outStart[v + 1] as number)) {
        const w = ctx.to[ctx.outEdges[edgePos[v] as number] as number] as number;
        edgePos[v] = (edgePos[v] as number) + 1;
        if (index[w] === -1) {
          index[w] = low[w] = counter++;
          stack.push(w);
          onStack[w] = 1;
          edgePos[w] = ctx.outStart[w] as number;
          callStack.push(w);
        } else if (onStack[w]) {
          low[v] = Math.min(low[v] as number, index[w] as number);
        }
        continue;
      }
      callStack.pop();
      if (callStack.length > 0) {
        const parent = callStack[callStack.length - 1] as number;
        low[parent] = Math.min(low[parent] as number, low[v] as number);
      }
      if (low[v] === index[v]) {
        const members: number[] = [];
        let w: number;
        do {
          w = stack.pop() as number;
          onStack[w] = 0;
          comp[w] = components.length;
          members.push(w);
        } while (w !== v);
        components.push(members);
      }
    }
  }
  // Tarjan emits components in reverse topological order.
  components.reverse();
  const cyclic = new Uint8Array(components.length);
  for (let i = 0; i < components.length; i++) {
    const members = components[i] as number[];
    if (members.length > 1) {
      members.sort((x, y) => x - y);
      cyclic[i] = 1;
    } else if (ctx.hasSelfLoop(members[0] as number)) cyclic[i] = 1;
    for (const v of members) comp[v] = i;
  }
  return { order: components, comp, cyclic };
}
