// Indexes over one pathway, built once per scoring run and shared by every rule and by the
// journey figures. Adjacency is stored as compressed arrays (CSR), so every graph walk is
// O(steps + transitions) and no rule needs to compare all pairs of steps.
import {
  CHANNELS,
  ROLES,
  SECTORS,
  STEP_KINDS,
  GENERALIST_ROLES,
  SPECIALIST_ROLES,
  type Pathway,
  type Role,
  type Step,
  type Transition,
} from '../pathway/schema';
import { Arena } from './arena';
import { DIGITAL_CHANNEL_MASK, FLAG, HOURS_CODE, INFORMATION, KIND, ROLE, SECTOR, SETTING, roleBit } from './codes';

/** Sectors in the pathway format: the repeated-assessment states use two bits each. */
const SECTOR_COUNT = SECTORS.length;

const CHANNEL_CODE = Object.fromEntries(CHANNELS.map((c, i) => [c, i])) as Record<Step['channels'][number], number>;

/** Kinds where the person meets someone providing care (used for contacts and bounce-backs). */
const CONTACT_KINDS = new Set<Step['kind']>(['entry', 'assessment', 'intervention', 'review', 'support', 'discharge']);

/** Roles that are not a professional contact when they lead a step. */
const LAY_ROLES = new Set<Role>(['patient', 'carer']);

// The same sets as lookup tables by code, for the context's single pass over the steps.
const CONTACT_KIND_CODE = Uint8Array.from(STEP_KINDS, (k) => (CONTACT_KINDS.has(k) ? 1 : 0));
const LAY_ROLE_CODE = Uint8Array.from(ROLES, (r) => (LAY_ROLES.has(r) ? 1 : 0));

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
  return quoteTitle(step.title);
}

function quoteTitle(title: string): string {
  return `'${title}'`;
}

export class PathwayContext {
  readonly pathway: Pathway;
  readonly steps: readonly Step[];
  /** Transitions whose two ends exist (all of them, in a validated pathway). */
  readonly transitions: readonly Transition[];
  readonly n: number;
  readonly m: number;
  private readonly idIndex: IdIndex;
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

  // Per-step facts as typed arrays (codes from ./codes), filled in one pass so that rules scan
  // compact arrays instead of revisiting step objects.
  readonly kind: Uint8Array;
  readonly sector: Uint8Array;
  readonly setting: Uint8Array;
  readonly lead: Uint8Array;
  /** Bit per role (see roleBit): the lead role and every other role at the step. */
  readonly roleMask: Uint32Array;
  /** Bit per flag (see FLAG). */
  readonly flags: Uint16Array;
  /** 1 when the step states a benefit to the person (not blank). */
  readonly benefit: Uint8Array;
  /** 0 unknown, 1 in hours, 2 out of hours, 3 always. */
  readonly hours: Uint8Array;
  /** 1 when the step has channels and all of them are digital. */
  readonly digitalOnly: Uint8Array;
  readonly channelCount: Uint8Array;
  readonly adaptationCount: Uint8Array;
  /** Bit 1: outcomes measured here; bit 2: at least one measure the person reports (PROM or PREM). */
  readonly measures: Uint8Array;
  /** Information code (see INFORMATION) of each kept transition. */
  readonly information: Uint8Array;
  /** Each transition's probability and target days; NaN when not given. */
  readonly probability: Float64Array;
  readonly days: Float64Array;
  /** Each step's id, so rules can name steps without going back to the step objects. */
  readonly ids: readonly string[];
  /** Each step's title, read while the step is at hand (see quoted). */
  readonly titles: readonly string[];
  /**
   * Each step's channel list as a number, 3 bits per channel in order (channel code + 1), so a
   * rule can look up words for the list without reading the step again; -1 when the list is too
   * long for that (more than 9 channels, repeats included).
   */
  readonly channelListKey: Int32Array;
  /** Steps with an assessment tag (not empty), in pathway order. */
  readonly tagged: readonly number[];
  /** Steps that move work onto general practice (gpWorkload with minutesPerPatient > 0), in pathway order. */
  readonly gpWorkloadSteps: readonly number[];
  /**
   * True when every step's sector and setting are in the vocabulary, so the codes above stand for
   * them exactly (always, for a validated pathway). Code that derives facts from the codes rather
   * than the step objects checks this first.
   */
  readonly codesKnown: boolean;
  /** Working memory for this run's typed arrays (see ./arena). */
  readonly arena: Arena;

  private quotedCache: (string | undefined)[] | undefined;
  private treatmentDecisionCache: number[] | undefined;
  private componentCache: Components | undefined;
  private duplicateCache: DuplicateAssessment[] | undefined;

  /**
   * @param arena where the typed arrays live. scorePathway passes the arena it reuses from run to
   * run (see ./arena); the context must then not be used after that run. Without one, the
   * context has memory of its own.
   */
  constructor(pathway: Pathway, arena?: Arena) {
    this.pathway = pathway;
    this.steps = pathway.steps;
    const n = pathway.steps.length;
    this.n = n;
    this.arena = arena ?? new Arena(200 * n + 64 * pathway.transitions.length + 1024);
    const mem = this.arena;
    const ids: string[] = new Array<string>(n);
    const entries: number[] = [];
    const exits: number[] = [];
    const titles: string[] = new Array<string>(n);
    const tagged: number[] = [];
    const gpWorkloadSteps: number[] = [];
    let codesKnown = true;
    const contact = mem.u8(n);
    const gp = mem.u8(n);
    this.kind = mem.u8(n);
    this.sector = mem.u8(n);
    this.setting = mem.u8(n);
    this.lead = mem.u8(n);
    this.roleMask = mem.u32(n);
    this.flags = mem.u16(n);
    this.benefit = mem.u8(n);
    this.hours = mem.u8(n);
    this.digitalOnly = mem.u8(n);
    this.channelCount = mem.u8(n);
    this.adaptationCount = mem.u8(n);
    this.measures = mem.u8(n);
    const channelListKey = mem.i32(n);
    for (let i = 0; i < n; i++) {
      const s = pathway.steps[i] as Step;
      ids[i] = s.id;
      titles[i] = s.title;
      if (s.kind === 'entry') entries.push(i);
      if (s.kind === 'exit') exits.push(i);
      if (s.assessment) tagged.push(i);
      const kind = KIND[s.kind];
      const sector = SECTOR[s.sector];
      const setting = SETTING[s.setting];
      const lead = ROLE[s.leadRole];
      if (sector === undefined || setting === undefined) codesKnown = false;
      const workload = s.gpWorkload;
      if (workload && workload.minutesPerPatient > 0) gpWorkloadSteps.push(i);
      this.kind[i] = kind;
      this.sector[i] = sector;
      this.setting[i] = setting;
      this.lead[i] = lead;
      // The same tests as isProfessionalContact and isGeneralPractice, on the codes.
      if (!LAY_ROLE_CODE[lead] && (CONTACT_KIND_CODE[kind] || (kind === KIND.decision && s.flags.sharedDecision))) {
        contact[i] = 1;
      }
      if (
        sector === SECTOR.primary_care &&
        (setting === SETTING.gp_practice ||
          ((lead === ROLE.gp || lead === ROLE.practice_nurse) && setting !== SETTING.pharmacy))
      ) {
        gp[i] = 1;
      }
      let roles = roleBit(s.leadRole);
      const stepRoles = s.roles;
      for (let r = 0; r < stepRoles.length; r++) roles |= roleBit(stepRoles[r] as Role);
      this.roleMask[i] = roles;
      let flags = 0;
      const f = s.flags;
      if (f.whatMattersToMe) flags |= FLAG.whatMattersToMe;
      if (f.sharedDecision) flags |= FLAG.sharedDecision;
      if (f.carerInvolved) flags |= FLAG.carerInvolved;
      if (f.carerSupport) flags |= FLAG.carerSupport;
      if (f.holisticReview) flags |= FLAG.holisticReview;
      if (f.selfManagementSupport) flags |= FLAG.selfManagementSupport;
      if (f.recordsAccess) flags |= FLAG.recordsAccess;
      if (f.carePlanAgreed) flags |= FLAG.carePlanAgreed;
      if (f.careCoordinatorNamed) flags |= FLAG.careCoordinatorNamed;
      this.flags[i] = flags;
      this.benefit[i] = s.patientBenefit !== undefined && s.patientBenefit.trim() !== '' ? 1 : 0;
      this.hours[i] = s.hours ? HOURS_CODE[s.hours] : 0;
      let channels = 0;
      let listKey = 0;
      let place = 1;
      const stepChannels = s.channels;
      for (let c = 0; c < stepChannels.length; c++) {
        const code = CHANNEL_CODE[stepChannels[c] as Step['channels'][number]];
        channels |= 1 << code;
        listKey += (code + 1) * place;
        place *= 8;
      }
      channelListKey[i] = stepChannels.length <= 9 ? listKey : -1;
      this.channelCount[i] = Math.min(255, s.channels.length);
      this.digitalOnly[i] = s.channels.length > 0 && (channels & ~DIGITAL_CHANNEL_MASK) === 0 ? 1 : 0;
      this.adaptationCount[i] = Math.min(255, s.adaptations.length);
      let measures = 0;
      const oms = s.outcomeMeasures;
      for (let k = 0; k < oms.length; k++) {
        const type = (oms[k] as Step['outcomeMeasures'][number]).type;
        measures |= type === 'PROM' || type === 'PREM' ? 3 : 1;
      }
      this.measures[i] = measures;
    }
    // Step ids to indexes, then the transitions (which name their ends by id).
    const index = new IdIndex(ids, mem);
    this.idIndex = index;

    const all = pathway.transitions;
    const fromAll = mem.i32(all.length);
    const toAll = mem.i32(all.length);
    // One pass over the transition objects: ends, information, probability and days together.
    const information = mem.u8(all.length);
    const probability = mem.f64(all.length);
    const days = mem.f64(all.length);
    let m = 0;
    let dropped = false;
    for (let k = 0; k < all.length; k++) {
      const t = all[k] as Transition;
      const f = index.find(t.from);
      const d = index.find(t.to);
      if (f < 0 || d < 0) {
        dropped = true;
        continue;
      }
      fromAll[m] = f;
      toAll[m] = d;
      information[m] = INFORMATION[t.information];
      probability[m] = t.probability ?? Number.NaN;
      days[m] = t.targetDays ?? Number.NaN;
      m++;
    }
    // A validated pathway keeps every transition; only unvalidated input can have dangling ones.
    const kept = dropped ? all.filter((t) => index.find(t.from) >= 0 && index.find(t.to) >= 0) : all;
    this.transitions = kept;
    this.m = m;
    this.from = m === all.length ? fromAll : mem.copyI32(fromAll, m);
    this.to = m === all.length ? toAll : mem.copyI32(toAll, m);
    this.information = information.subarray(0, m);
    this.probability = probability.subarray(0, m);
    this.days = days.subarray(0, m);

    const outStart = mem.i32(n + 1);
    const inStart = mem.i32(n + 1);
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
    const outEdges = mem.i32(m);
    const inEdges = mem.i32(m);
    const outFill = mem.copyI32(outStart, n);
    const inFill = mem.copyI32(inStart, n);
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

    this.entries = entries;
    this.exits = exits;
    this.ids = ids;
    this.titles = titles;
    this.channelListKey = channelListKey;
    this.tagged = tagged;
    this.gpWorkloadSteps = gpWorkloadSteps;
    this.codesKnown = codesKnown;
    this.contact = contact;
    this.generalPractice = gp;
    this.reachable = this.forwardFrom(entries);
    this.leadsToExit = this.backwardFrom(exits);
  }

  step(i: number): Step {
    return this.steps[i] as Step;
  }

  /** The index of the step with this id (the first, if an unvalidated id repeats); -1 when none has it. */
  indexOf(id: string): number {
    return this.idIndex.find(id);
  }

  /**
   * q(step(i)), made once per step and shared by every message that names the step. Findings
   * name a step two or three times each, and on a large pathway most steps get a finding, so
   * this saves building the same string again and again (less to allocate and collect).
   */
  quoted(i: number): string {
    let cache = this.quotedCache;
    if (!cache) {
      cache = new Array<string | undefined>(this.n);
      this.quotedCache = cache;
    }
    let text = cache[i];
    if (text === undefined) {
      text = quoteTitle(this.titles[i] as string);
      cache[i] = text;
    }
    return text;
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
    const seen = this.arena.u8(this.n);
    const queue = this.arena.i32(this.n);
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

  /** Indexes of the steps passing a test, split into those reachable from an entry and the rest. */
  where(test: (i: number) => boolean): { reachable: number[]; unreachable: number[] } {
    const reachable: number[] = [];
    const unreachable: number[] = [];
    for (let i = 0; i < this.n; i++) {
      if (!test(i)) continue;
      if (this.reachable[i]) reachable.push(i);
      else unreachable.push(i);
    }
    return { reachable, unreachable };
  }

  /** The ids of the given steps, each once, in pathway order (indexes may repeat and come in any order). */
  stepIds(indexes: readonly number[]): string[] {
    if (indexes.length === 0) return [];
    const mark = this.arena.u8(this.n);
    let lo = this.n;
    let hi = -1;
    for (let k = 0; k < indexes.length; k++) {
      const i = indexes[k] as number;
      mark[i] = 1;
      if (i < lo) lo = i;
      if (i > hi) hi = i;
    }
    const out: string[] = [];
    const ids = this.ids;
    for (let i = lo; i <= hi; i++) if (mark[i]) out.push(ids[i] as string);
    return out;
  }

  /** How many steps the person can reach carry an assessment tag. */
  taggedCount(): number {
    let count = 0;
    for (const i of this.tagged) count += this.reachable[i] as number;
    return count;
  }

  /** Steps with a flag set (see FLAG), split by reachability. */
  withFlag(flag: number): { reachable: number[]; unreachable: number[] } {
    const flags = this.flags;
    return this.where((i) => ((flags[i] as number) & flag) !== 0);
  }

  hasFlag(i: number, flag: number): boolean {
    return ((this.flags[i] as number) & flag) !== 0;
  }

  /** True when the step's lead or one of its roles is in the mask. */
  hasRoleIn(i: number, mask: number): boolean {
    return ((this.roleMask[i] as number) & mask) !== 0;
  }

  /**
   * Decisions about the person's treatment or care: decision steps with a transition straight to
   * an intervention, a referral or self-management (004 §5.4: patients "share in decisions
   * concerning their treatment"). Triage-only decisions that lead to admin or review are not
   * counted, nor is a decision the person cannot reach (rule versions RCGP 3 v3, NV 1 v2). Shared by
   * RCGP 3 and NV 1 so both judge the same decisions.
   */
  treatmentDecisions(): number[] {
    if (this.treatmentDecisionCache) return this.treatmentDecisionCache;
    const out: number[] = [];
    for (let i = 0; i < this.n; i++) {
      if (this.kind[i] !== KIND.decision || !this.reachable[i]) continue;
      for (let k = this.outStart[i] as number; k < (this.outStart[i + 1] as number); k++) {
        const kind = this.kind[this.to[this.outEdges[k] as number] as number];
        if (kind === KIND.intervention || kind === KIND.referral || kind === KIND.self_management) {
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
   * Computed by one forward propagation of (origin sector, information lost) states per tag, all
   * tags in the same sweep: at most 14 states per step and tag, so O(tags x (steps + transitions)). A step that already has lost
   * routes from two sectors passes on no states from later sectors: a repeat downstream reports
   * the first sector other than its own, which is always one of those two.
   */
  duplicateAssessments(): DuplicateAssessment[] {
    if (this.duplicateCache) return this.duplicateCache;
    const byTag = new Map<string, number[]>();
    for (const i of this.tagged) {
      // Only where the person can reach: an assessment drawn but not joined to the pathway is not
      // done, so nothing after it repeats it (and it repeats nothing itself, since whatever a
      // reachable step leads to is reachable too).
      if (!this.reachable[i]) continue;
      const tag = (this.steps[i] as Step).assessment as string;
      const key = tag.trim().toLowerCase();
      const list = byTag.get(key);
      if (list) list.push(i);
      else byTag.set(key, [i]);
    }
    // Only tags used in two sectors or more can be repeated across sectors.
    const lists: number[][] = [];
    let longest = 0;
    for (const [, list] of byTag) {
      if (list.length < 2) continue;
      const first = this.sector[list[0] as number];
      if (!list.some((i) => this.sector[i] !== first)) continue;
      lists.push(list);
      if (list.length > longest) longest = list.length;
    }
    // In pathway order: duplicatesForTags reports them in that order, so no sort is needed.
    const result = lists.length === 0 ? [] : this.duplicatesForTags(lists, longest);
    this.duplicateCache = result;
    return result;
  }

  /**
   * The propagation for every tag in one sweep of the components: the graph's arrays are read
   * once per step rather than once per tag, and each step's states for all the tags sit side by
   * side (mask[step * T + tag]). Each tag's states move exactly as they would in a sweep of its
   * own, so the result does not depend on which other tags the pathway has.
   */
  private duplicatesForTags(lists: readonly number[][], longest: number): DuplicateAssessment[] {
    const T = lists.length;
    // State bit = 2 * sector + lost, where lost = 1 once a transition on the route did not carry a
    // shared record. Sectors are numbered per tag in the order the tag's steps first use them, so
    // "the first sector" below means the first in that tag's order. 7 sectors: 14 bits per state.
    const S = 2 * SECTOR_COUNT;
    const EVEN = 0x5555;
    const ODD = 0xaaaa;
    const arena = this.arena;
    const localSector = arena.u8(T * SECTOR_COUNT); // tag * SECTOR_COUNT + sector -> the tag's number + 1
    const lo = arena.i32(T);
    const hi = arena.i32(T);
    const mask = arena.u16(this.n * T);
    const pending = arena.u8(this.n);
    // originOf[(step * T + tag) * S + bit]: where the state came from, as a position in the tag's
    // list (valid only where mask is set, so it need not start cleared). Positions rather than
    // step numbers, so that one byte each is enough for tags used at up to 256 steps.
    const originOf =
      longest <= 256
        ? arena.u8Scratch(this.n * T * S)
        : longest <= 65536
          ? arena.u16Scratch(this.n * T * S)
          : arena.i32Scratch(this.n * T * S);
    const queue = arena.i32(this.n);
    const { members, start, comp, cyclic } = this.components();
    const { outStart, outEdges, to, information, sector } = this;

    // Components are in topological order, so states only ever move to later components: only
    // the components from a tag's first tagged step's to its last one's matter for that tag.
    let first = Number.MAX_SAFE_INTEGER;
    let last = -1;
    for (let t = 0; t < T; t++) {
      const tagged = lists[t] as number[];
      let tagLo = Number.MAX_SAFE_INTEGER;
      let tagHi = -1;
      let sectors = 0;
      for (let j = 0; j < tagged.length; j++) {
        const s = tagged[j] as number;
        const c = comp[s] as number;
        if (c < tagLo) tagLo = c;
        if (c > tagHi) tagHi = c;
        const at = t * SECTOR_COUNT + (sector[s] as number);
        if (localSector[at] === 0) localSector[at] = ++sectors;
        const bit = 2 * ((localSector[at] as number) - 1);
        const k = s * T + t;
        if ((mask[k] as number) & (1 << bit)) continue;
        mask[k] = (mask[k] as number) | (1 << bit);
        originOf[k * S + bit] = j;
      }
      lo[t] = tagLo;
      hi[t] = tagHi;
      if (tagLo < first) first = tagLo;
      if (tagHi > last) last = tagHi;
    }

    // Send the states at k = v * T + t along a transition to l = w * T + t; true when w gained a state.
    const send = (k: number, l: number, keeps: boolean): boolean => {
      const bits = mask[k] as number;
      // Along a transition without a shared record every state becomes "lost".
      const next = keeps ? bits : (bits & ODD) | ((bits & EVEN) << 1);
      const held = mask[l] as number;
      // Only the two first sectors (in the tag's order) with a lost route can ever be reported
      // downstream (a step reports the first one that is not its own sector), so states from
      // later sectors are not sent on once w has two.
      const lost = (held | next) & ODD;
      const second = lost & (lost - 1);
      const upTo = second === 0 ? 0xffff : ((second & -second) << 1) - 1;
      const fresh = next & ~held & upTo;
      if (!fresh) return false;
      mask[l] = held | fresh;
      // Visit only the new states' bits (lowest set bit first).
      for (let rest = fresh; rest !== 0; rest &= rest - 1) {
        const bit = 31 - Math.clz32(rest & -rest);
        const source = keeps || bits & (1 << bit) ? bit : bit - 1;
        originOf[l * S + bit] = originOf[k * S + source] as number;
      }
      return true;
    };

    // A step outside any loop is handled once, with every state that can reach it already known.
    // Inside a loop, each tag runs a worklist until nothing changes (a step re-enters it only when
    // it gains a state, at most 14 times). The worklist is a ring over queue: a step is in it at
    // most once at a time (pending), so it never holds more than the component's steps.
    const size = queue.length;
    for (let ci = first; ci <= last; ci++) {
      const from = start[ci] as number;
      const until = start[ci + 1] as number;
      if (!cyclic[ci]) {
        const v = members[from] as number;
        const base = v * T;
        let any = 0;
        for (let t = 0; t < T; t++) any |= mask[base + t] as number;
        if (!any) continue;
        for (let p = outStart[v] as number; p < (outStart[v + 1] as number); p++) {
          const e = outEdges[p] as number;
          const w = to[e] as number;
          const cw = comp[w] as number;
          const keeps = information[e] === INFORMATION.shared_record;
          for (let t = 0; t < T; t++) {
            if (mask[base + t] && cw <= (hi[t] as number)) send(base + t, w * T + t, keeps);
          }
        }
        continue;
      }
      for (let t = 0; t < T; t++) {
        if (ci < (lo[t] as number) || ci > (hi[t] as number)) continue;
        const tagHi = hi[t] as number;
        let head = 0;
        let queued = 0;
        for (let j = from; j < until; j++) {
          const v = members[j] as number;
          if (mask[v * T + t]) {
            queue[queued++] = v;
            pending[v] = 1;
          }
        }
        while (queued > 0) {
          const v = queue[head] as number;
          head = head + 1 === size ? 0 : head + 1;
          queued--;
          pending[v] = 0;
          for (let p = outStart[v] as number; p < (outStart[v + 1] as number); p++) {
            const e = outEdges[p] as number;
            const w = to[e] as number;
            if ((comp[w] as number) > tagHi) continue; // after every step with this tag
            const keeps = information[e] === INFORMATION.shared_record;
            if (send(v * T + t, w * T + t, keeps) && comp[w] === ci && !pending[w]) {
              pending[w] = 1;
              const at = head + queued;
              queue[at >= size ? at - size : at] = w;
              queued++;
            }
          }
        }
      }
    }

    // Each tagged step reports the first sector (in its tag's order) other than its own from which
    // a route without a shared record reaches it, and the tagged step that route started from.
    // Noted by step (each tagged step has one tag), then read in pathway order over this.tagged, so
    // the repeats come out in pathway order without sorting them.
    const earlierOf = arena.i32(this.n); // the earlier step + 1; 0 when the step repeats nothing
    for (let t = 0; t < T; t++) {
      const tagged = lists[t] as number[];
      for (const b of tagged) {
        const mine = (localSector[t * SECTOR_COUNT + (sector[b] as number)] as number) - 1;
        const k = b * T + t;
        const bits = mask[k] as number;
        for (let c = 0; c < SECTOR_COUNT; c++) {
          if (c === mine) continue;
          const bit = 2 * c + 1;
          if (bits & (1 << bit)) {
            earlierOf[b] = (tagged[originOf[k * S + bit] as number] as number) + 1;
            break;
          }
        }
      }
    }
    const out: DuplicateAssessment[] = [];
    for (const b of this.tagged) {
      const earlier = earlierOf[b] as number;
      if (earlier !== 0) out.push({ step: b, earlier: earlier - 1 });
    }
    return out;
  }
}

/**
 * Step ids to indexes: an open-addressing hash table in the run's arena. It does the job of a
 * Map<string, number> without one heap entry per step, which on a 2,000-step pathway was a tenth
 * of the context's cost and most of its garbage.
 */
class IdIndex {
  private readonly ids: readonly string[];
  /** Step index + 1 in each slot; 0 is an empty slot. */
  private readonly slots: Int32Array;
  private readonly mask: number;

  constructor(ids: readonly string[], arena: Arena) {
    this.ids = ids;
    let size = 8;
    while (size < ids.length * 2) size *= 2;
    this.slots = arena.i32(size);
    this.mask = size - 1;
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i] as string;
      let slot = hashId(id) & this.mask;
      for (;;) {
        const held = this.slots[slot] as number;
        if (held === 0) {
          this.slots[slot] = i + 1;
          break;
        }
        if (ids[held - 1] === id) break; // a repeated id: the first step keeps it
        slot = (slot + 1) & this.mask;
      }
    }
  }

  find(id: string): number {
    let slot = hashId(id) & this.mask;
    for (;;) {
      const held = this.slots[slot] as number;
      if (held === 0) return -1;
      if (this.ids[held - 1] === id) return held - 1;
      slot = (slot + 1) & this.mask;
    }
  }
}

/** FNV-1a over the UTF-16 code units, with a final mix so that short ids spread over the table. */
function hashId(id: string): number {
  let h = 0x811c9dc5;
  for (let k = 0; k < id.length; k++) h = Math.imul(h ^ id.charCodeAt(k), 0x01000193);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  return (h ^ (h >>> 12)) >>> 0;
}

export interface DuplicateAssessment {
  /** The step where the person repeats the assessment. */
  step: number;
  /** A step in another sector where the same assessment was done earlier on a route. */
  earlier: number;
}

export interface Components {
  /** Number of components. */
  count: number;
  /** Steps grouped by component: components in topological order (sources first), steps within a component in pathway order. */
  members: Int32Array;
  /** Component c is members[start[c] .. start[c + 1]). */
  start: Int32Array;
  /** Component number of each step. */
  comp: Int32Array;
  /** 1 when component c is a loop: more than one step, or one step with a transition to itself. */
  cyclic: Uint8Array;
}

/**
 * Tarjan's algorithm, iterative (no recursion, so a 10,000-step chain cannot overflow the stack),
 * with flat typed arrays rather than one small array per component.
 */
export function stronglyConnectedComponents(ctx: PathwayContext): Components {
  const n = ctx.n;
  const mem = ctx.arena;
  const index = mem.i32(n).fill(-1);
  const low = mem.i32(n);
  const onStack = mem.u8(n);
  const stack = mem.i32(n);
  const callStack = mem.i32(n);
  const edgePos = mem.i32(n);
  // Tarjan numbers components as it finds them, in reverse topological order: found[v].
  const found = mem.i32(n);
  let foundCount = 0;
  let sp = 0;
  let cp = 0;
  let counter = 0;
  for (let root = 0; root < n; root++) {
    if (index[root] !== -1) continue;
    callStack[cp++] = root;
    index[root] = low[root] = counter++;
    stack[sp++] = root;
    onStack[root] = 1;
    edgePos[root] = ctx.outStart[root] as number;
    while (cp > 0) {
      const v = callStack[cp - 1] as number;
      if ((edgePos[v] as number) < (ctx.outStart[v + 1] as number)) {
        const w = ctx.to[ctx.outEdges[edgePos[v] as number] as number] as number;
        edgePos[v] = (edgePos[v] as number) + 1;
        if (index[w] === -1) {
          index[w] = low[w] = counter++;
          stack[sp++] = w;
          onStack[w] = 1;
          edgePos[w] = ctx.outStart[w] as number;
          callStack[cp++] = w;
        } else if (onStack[w]) {
          low[v] = Math.min(low[v] as number, index[w] as number);
        }
        continue;
      }
      cp--;
      if (cp > 0) {
        const parent = callStack[cp - 1] as number;
        low[parent] = Math.min(low[parent] as number, low[v] as number);
      }
      if (low[v] === index[v]) {
        let w: number;
        do {
          w = stack[--sp] as number;
          onStack[w] = 0;
          found[w] = foundCount;
        } while (w !== v);
        foundCount++;
      }
    }
  }
  // Reverse the order of the components (Tarjan finds sinks first) into topological order, and
  // group the steps by component with a counting sort: placing them in pathway order leaves each
  // component's members in pathway order without sorting.
  const count = foundCount;
  const members = mem.i32(n);
  const start = mem.i32(count + 1);
  const comp = mem.i32(n);
  const cyclic = mem.u8(count);
  for (let v = 0; v < n; v++) {
    const c = count - 1 - (found[v] as number);
    comp[v] = c;
    start[c + 1] = (start[c + 1] as number) + 1;
  }
  for (let c = 0; c < count; c++) start[c + 1] = (start[c + 1] as number) + (start[c] as number);
  const fill = mem.copyI32(start, count);
  for (let v = 0; v < n; v++) {
    const c = comp[v] as number;
    members[fill[c] as number] = v;
    fill[c] = (fill[c] as number) + 1;
  }
  for (let c = 0; c < count; c++) {
    const first = start[c] as number;
    if ((start[c + 1] as number) - first > 1 || ctx.hasSelfLoop(members[first] as number)) cyclic[c] = 1;
  }
  return { count, members, start, comp, cyclic };
}
