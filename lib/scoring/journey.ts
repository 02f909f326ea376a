// Journey figures (pathway-format.md "Journey figures"): what the person lives through, from the
// graph alone. These are figures, not pass/fail.
import { SECTORS, SETTINGS, type Sector } from '../pathway/schema';
import { KIND } from './codes';
import type { Arena } from './arena';
import type { PathwayContext } from './context';
import {
  FAULT_LINES,
  faultLineMask,
  faultLineMaskFromSides,
  faultLineSides,
  faultLineSidesFromCodes,
  faultLinesFromMask,
  type FaultLine,
} from './faultlines';

export interface FaultLineCrossing {
  transition: string;
  /** Shared, frozen list: copy before changing. */
  lines: readonly FaultLine[];
  information: string;
}

export interface ExpectedJourney {
  /** Expected days spent waiting on transitions (targetDays), over all routes. */
  days: number;
  /** Expected number of contacts with a professional. */
  contacts: number;
  /** Expected number of steps passed through. */
  steps: number;
  /** Expected number of fault-line crossings. */
  faultLineCrossings: number;
  /**
   * Transitions whose probability was not given and was assumed: the probability left over at a
   * step (1 minus the given ones) shared equally between its other routes.
   */
  assumedProbabilities: number;
  /** Transitions the person may take that have no targetDays; they add no days, so `days` is then a lower bound. */
  transitionsWithoutDays: number;
  /**
   * The share of people (0 to 1) whose journey ends at a step that is not an exit: where the given
   * probabilities out of a step add up to less than 1, or a step has no way out. The other figures
   * count nothing after that point, so they are lower than for a pathway that follows everyone.
   */
  endingOutsideExits: number;
  /**
   * False when a loop had not settled after the iteration cap (a loop that the person almost
   * never leaves); the figures are then the values after that many passes, i.e. lower bounds.
   */
  converged: boolean;
}

export interface JourneyFigures {
  /** Steps in the pathway. */
  steps: number;
  /** Steps the person can reach from an entry. */
  reachableSteps: number;
  /** Steps that are a contact with a professional (see isProfessionalContact). */
  contacts: number;
  /**
   * Sectors and settings used. Format v1 does not name organisations; distinct sectors are the
   * nearest measure of how many organisations the person meets.
   */
  sectors: Sector[];
  distinctSectors: number;
  distinctSettings: number;
  /** Transitions crossing each fault line (004 §4.4). */
  faultLineCrossings: Record<FaultLine, number>;
  /** Transitions crossing at least one fault line. */
  transitionsCrossingFaultLines: number;
  /** Of those, transitions that pass on no information. */
  crossingsWithoutInformation: number;
  crossingsWithoutInformationIds: string[];
  /** Times the person must repeat an assessment already done in another sector (see duplicateAssessments). */
  repeatedAssessments: number;
  repeatedAssessmentIds: string[];
  /** Every crossing, for swimlane views. */
  crossings: FaultLineCrossing[];
  /** Expected figures over all routes; null when no transition gives targetDays or a probability. */
  expected: ExpectedJourney | null;
}

const MAX_SWEEPS = 1000;
const TOLERANCE = 1e-10;

export function journeyFigures(ctx: PathwayContext): JourneyFigures {
  const sectorSeen = new Uint8Array(SECTORS.length);
  const settingSeen = new Uint8Array(SETTINGS.length);
  const sectors: Sector[] = [];
  let distinctSettings = 0;
  let contacts = 0;
  let reachableSteps = 0;
  for (let i = 0; i < ctx.n; i++) {
    const sector = ctx.sector[i] as number;
    const setting = ctx.setting[i] as number;
    if (!sectorSeen[sector]) {
      sectorSeen[sector] = 1;
      sectors.push(SECTORS[sector] as Sector);
    }
    if (!settingSeen[setting]) {
      settingSeen[setting] = 1;
      distinctSettings++;
    }
    if (ctx.contact[i]) contacts++;
    if (ctx.reachable[i]) reachableSteps++;
  }
  const perLine = Object.fromEntries(FAULT_LINES.map((l) => [l, 0])) as Record<FaultLine, number>;
  const sides = ctx.arena.i32(ctx.n);
  if (ctx.codesKnown) {
    for (let i = 0; i < ctx.n; i++) {
      sides[i] = faultLineSidesFromCodes(
        ctx.sector[i] as number,
        ctx.setting[i] as number,
        ctx.generalPractice[i] === 1,
        ctx.hours[i] as number,
      );
    }
  } else for (let i = 0; i < ctx.n; i++) sides[i] = faultLineSides(ctx.step(i));
  const masks = ctx.arena.u8(ctx.m);
  const byMask = new Int32Array(1 << FAULT_LINES.length);
  const crossings: FaultLineCrossing[] = [];
  const withoutInfo: string[] = [];
  let anyTiming = false;
  for (let e = 0; e < ctx.m; e++) {
    if (!Number.isNaN(ctx.days[e]) || !Number.isNaN(ctx.probability[e])) anyTiming = true;
    const mask = faultLineMaskFromSides(sides[ctx.from[e] as number] as number, sides[ctx.to[e] as number] as number);
    masks[e] = mask;
    if (!mask) continue;
    const t = ctx.transition(e);
    byMask[mask] = (byMask[mask] as number) + 1;
    crossings.push({ transition: t.id, lines: faultLinesFromMask(mask), information: t.information });
    if (t.information === 'none') withoutInfo.push(t.id);
  }
  // Crossings per fault line, from the count of crossings with each combination of lines.
  for (let mask = 1; mask < byMask.length; mask++) {
    const count = byMask[mask] as number;
    if (count === 0) continue;
    for (const line of faultLinesFromMask(mask)) perLine[line] += count;
  }
  const dups = ctx.duplicateAssessments();
  return {
    steps: ctx.n,
    reachableSteps,
    contacts,
    sectors,
    distinctSectors: sectors.length,
    distinctSettings,
    faultLineCrossings: perLine,
    transitionsCrossingFaultLines: crossings.length,
    crossingsWithoutInformation: withoutInfo.length,
    crossingsWithoutInformationIds: withoutInfo,
    repeatedAssessments: dups.length,
    repeatedAssessmentIds: dups.map((d) => ctx.step(d.step).id),
    crossings,
    expected: anyTiming ? expectedJourney(ctx, masks) : null,
  };
}

/**
 * Expected days, contacts, steps and crossings over all routes, treating the pathway as an
 * absorbing Markov chain:
 * - The person starts at an entry step (equally likely, if there are several).
 * - At each step they take one outgoing transition with its `probability`. Probability not given
 *   is assumed: what is left of 1 at that step is shared equally between its routes without one
 *   (a single route without a probability is taken for certain). If the given probabilities at a
 *   step add up to less than 1 the rest is the chance that the journey ends there; if they add up
 *   to more than 1 (only possible outside decisions) they are scaled down to 1.
 * - Exit steps and steps with no way out end the journey.
 * Expected visits are computed component by component in topological order of the strongly
 * connected components: exact in one pass where there is no loop, and exactly inside a loop by
 * solving for the visits to the steps that transitions lead back to (solveLoop). A loop with more
 * than MAX_LOOP_UNKNOWNS such steps, or one the person can never leave, falls back to
 * Gauss-Seidel sweeps, stopping when the change is below 1e-10 or after 1000 sweeps (`converged`
 * false). Cost: O((steps + transitions) x unknowns per loop) plus, for the fallback, sweeps x
 * (transitions inside the loop).
 */
export function expectedJourney(ctx: PathwayContext, masks?: Uint8Array): ExpectedJourney {
  const { n, m } = ctx;
  const p = ctx.arena.f64(m);
  let assumed = 0;
  for (let v = 0; v < n; v++) {
    const a = ctx.outStart[v] as number;
    const b = ctx.outStart[v + 1] as number;
    if (b === a || ctx.kind[v] === KIND.exit) continue;
    let given = 0;
    let missing = 0;
    for (let k = a; k < b; k++) {
      const pr = ctx.probability[ctx.outEdges[k] as number] as number;
      if (Number.isNaN(pr)) missing++;
      else given += pr;
    }
    const scale = given > 1 ? 1 / given : 1;
    const share = missing > 0 ? Math.max(0, 1 - given) / missing : 0;
    for (let k = a; k < b; k++) {
      const e = ctx.outEdges[k] as number;
      const pr = ctx.probability[e] as number;
      if (Number.isNaN(pr)) {
        p[e] = share;
        if (b - a > 1) assumed++;
      } else p[e] = pr * scale;
    }
  }

  const visits = ctx.arena.f64(n);
  const inflow = ctx.arena.f64(n);
  if (ctx.entries.length > 0) for (const s of ctx.entries) inflow[s] = (inflow[s] as number) + 1 / ctx.entries.length;

  const { count, members, start, comp, cyclic: loops } = ctx.components();
  let converged = true;
  const exit = ctx.arena.u8(n);
  for (const v of ctx.exits) exit[v] = 1;
  let loopScratch: LoopScratch | undefined;
  for (let c = 0; c < count; c++) {
    const first = start[c] as number;
    const last = start[c + 1] as number;
    if (!loops[c]) {
      const v = members[first] as number;
      visits[v] = inflow[v] as number;
    } else if (
      solveLoop(ctx, c, first, last, p, exit, inflow, visits, (loopScratch ??= newLoopScratch(ctx.arena, n)))
    ) {
      // Solved exactly.
    } else {
      for (let j = first; j < last; j++) {
        const v = members[j] as number;
        visits[v] = inflow[v] as number;
      }
      let sweeps = 0;
      for (;;) {
        let delta = 0;
        let total = 0;
        for (let j = first; j < last; j++) {
          const v = members[j] as number;
          let x = inflow[v] as number;
          for (let k = ctx.inStart[v] as number; k < (ctx.inStart[v + 1] as number); k++) {
            const e = ctx.inEdges[k] as number;
            const u = ctx.from[e] as number;
            if (comp[u] !== c || exit[u]) continue;
            x += (visits[u] as number) * (p[e] as number);
          }
          delta = Math.max(delta, Math.abs(x - (visits[v] as number)));
          visits[v] = x;
          total += x;
        }
        sweeps++;
        if (delta <= TOLERANCE * Math.max(1, total)) break;
        if (sweeps >= MAX_SWEEPS) {
          converged = false;
          break;
        }
      }
    }
    // Send flow on to later components.
    for (let j = first; j < last; j++) {
      const v = members[j] as number;
      if (exit[v]) continue;
      for (let k = ctx.outStart[v] as number; k < (ctx.outStart[v + 1] as number); k++) {
        const e = ctx.outEdges[k] as number;
        const w = ctx.to[e] as number;
        if (comp[w] === c) continue;
        inflow[w] = (inflow[w] as number) + (visits[v] as number) * (p[e] as number);
      }
    }
  }

  let days = 0;
  let contacts = 0;
  let steps = 0;
  let crossings = 0;
  let withoutDays = 0;
  // People at steps that are not exits, less those who leave them: those whose journey ends there.
  let ending = 0;
  for (let v = 0; v < n; v++) {
    steps += visits[v] as number;
    if (ctx.contact[v]) contacts += visits[v] as number;
    if (!exit[v]) ending += visits[v] as number;
  }
  for (let e = 0; e < m; e++) {
    const u = ctx.from[e] as number;
    if (exit[u]) continue;
    const flow = (visits[u] as number) * (p[e] as number);
    if (flow <= 0) continue;
    ending -= flow;
    const d = ctx.days[e] as number;
    if (Number.isNaN(d)) withoutDays++;
    else days += flow * d;
    const mask = masks ? (masks[e] as number) : faultLineMask(ctx.step(u), ctx.step(ctx.to[e] as number));
    if (mask) crossings += flow * popcount(mask);
  }
  const round = (x: number) => Math.round(x * 100) / 100;
  return {
    days: round(days),
    contacts: round(contacts),
    steps: round(steps),
    faultLineCrossings: round(crossings),
    assumedProbabilities: assumed,
    transitionsWithoutDays: withoutDays,
    // To four places, not two: 0.3% who stop must not read as nobody (it was rounded to 0).
    endingOutsideExits: Math.min(1, Math.max(0, Math.round(ending * 10000) / 10000)),
    converged,
  };
}

/** Most steps of a loop whose visits are unknowns in solveLoop; a loop needing more is swept instead. */
const MAX_LOOP_UNKNOWNS = 48;
/** Most numbers solveLoop keeps for one loop (steps x (unknowns + 1)). */
const MAX_LOOP_CELLS = 1 << 21;

interface LoopScratch {
  /** 0 not yet seen, 1 on the search path, 2 finished. */
  state: Uint8Array;
  /** The step's position among its loop's unknowns, or -1. */
  unknown: Int32Array;
  /** The loop's steps in an order where every transition but those into an unknown goes forward. */
  order: Int32Array;
  /** Each step's position in that order. */
  position: Int32Array;
  stack: Int32Array;
  edge: Int32Array;
}

function newLoopScratch(arena: Arena, n: number): LoopScratch {
  return {
    state: arena.u8(n),
    unknown: arena.i32(n),
    order: arena.i32(n),
    position: arena.i32(n),
    stack: arena.i32(n),
    edge: arena.i32(n),
  };
}

/**
 * Expected visits to the steps of loop c (a strongly connected component), exactly rather than by
 * sweeps:
 * - A depth-first search over the loop's transitions finds the steps that a transition leads
 *   back to (the targets of back edges). Their visits are the unknowns; without the transitions
 *   back into them, the loop is a graph without cycles.
 * - Taking the other steps in that graph's order, each step's visits are worked out as a sum of
 *   the unknowns (coefficients) and a known part.
 * - Each unknown then gives one linear equation, and the small system is solved by Gaussian
 *   elimination with partial pivoting.
 * A loop with one way back (the usual review loop) has one unknown, so this costs about one
 * sweep, where sweeps need tens, and a thousand or more when people rarely leave the loop.
 * Returns false, leaving visits to the sweeps, when the loop needs more than MAX_LOOP_UNKNOWNS
 * unknowns, or when the system is singular (the person can never leave the loop).
 */
function solveLoop(
  ctx: PathwayContext,
  c: number,
  first: number,
  last: number,
  p: Float64Array,
  exit: Uint8Array,
  inflow: Float64Array,
  visits: Float64Array,
  scratch: LoopScratch,
): boolean {
  const { members, comp } = ctx.components();
  const { state, unknown, order, position, stack, edge } = scratch;
  const { outStart, outEdges, inStart, inEdges, from, to } = ctx;
  const size = last - first;
  const cuts: number[] = [];
  for (let j = first; j < last; j++) unknown[members[j] as number] = -1;
  // Depth-first search; steps are written to `order` backwards as they finish (reverse postorder).
  let finished = 0;
  for (let j = first; j < last; j++) {
    const root = members[j] as number;
    if (state[root] !== 0) continue;
    let sp = 0;
    stack[sp++] = root;
    state[root] = 1;
    edge[root] = outStart[root] as number;
    while (sp > 0) {
      const v = stack[sp - 1] as number;
      const k = edge[v] as number;
      if (!exit[v] && k < (outStart[v + 1] as number)) {
        edge[v] = k + 1;
        const e = outEdges[k] as number;
        const w = to[e] as number;
        if (comp[w] !== c || !((p[e] as number) > 0)) continue;
        if (state[w] === 0) {
          state[w] = 1;
          edge[w] = outStart[w] as number;
          stack[sp++] = w;
        } else if (state[w] === 1 && (unknown[w] as number) < 0) {
          if (cuts.length === MAX_LOOP_UNKNOWNS) return false;
          unknown[w] = cuts.length;
          cuts.push(w);
        }
        continue;
      }
      state[v] = 2;
      sp--;
      finished++;
      const at = first + size - finished;
      order[at] = v;
      position[v] = at - first;
    }
  }
  const f = cuts.length;
  const width = f + 1; // coefficients of the unknowns, then the known part
  if (size * width > MAX_LOOP_CELLS) return false;
  const coef = ctx.arena.f64(size * width);
  // Adds p(e) x (the row of e's source) to `target` at `offset`, for the loop's transitions into v:
  // the coefficients of the unknowns and the known part.
  const gather = (v: number, target: Float64Array, offset: number) => {
    for (let k = inStart[v] as number; k < (inStart[v + 1] as number); k++) {
      const e = inEdges[k] as number;
      const u = from[e] as number;
      const pe = p[e] as number;
      if (comp[u] !== c || exit[u] || !(pe > 0)) continue;
      const row = (position[u] as number) * width;
      for (let g = 0; g < width; g++)
        target[offset + g] = (target[offset + g] as number) + pe * (coef[row + g] as number);
    }
  };
  for (let t = 0; t < size; t++) {
    const v = order[first + t] as number;
    const row = t * width;
    const u = unknown[v] as number;
    if (u >= 0) {
      coef[row + u] = 1;
      continue;
    }
    // Every transition into v comes from a step earlier in the order (v is not an unknown).
    coef[row + f] = inflow[v] as number;
    gather(v, coef, row);
  }
  // One equation per unknown x_i: x_i = inflow + sum of p(e) x (row of e's source), as (I - M) x = b.
  const a = ctx.arena.f64(f * f);
  const b = ctx.arena.f64(f);
  const sum = ctx.arena.f64(width);
  for (let i = 0; i < f; i++) {
    const v = cuts[i] as number;
    sum.fill(0);
    gather(v, sum, 0);
    for (let g = 0; g < f; g++) a[i * f + g] = (i === g ? 1 : 0) - (sum[g] as number);
    b[i] = (inflow[v] as number) + (sum[f] as number);
  }
  const x = solveLinear(a, b, f);
  if (!x) return false;
  for (let t = 0; t < size; t++) {
    const v = order[first + t] as number;
    const row = t * width;
    let sum = coef[row + f] as number;
    for (let g = 0; g < f; g++) sum += (coef[row + g] as number) * (x[g] as number);
    visits[v] = sum;
  }
  return true;
}

/**
 * Solve a x = b (a is f x f, row-major; both are overwritten) by Gaussian elimination with partial
 * pivoting. Returns undefined when a is singular or nearly so, or the answer is not a set of
 * visit counts (negative or not finite).
 */
function solveLinear(a: Float64Array, b: Float64Array, f: number): Float64Array | undefined {
  for (let col = 0; col < f; col++) {
    let pivot = col;
    for (let r = col + 1; r < f; r++) {
      if (Math.abs(a[r * f + col] as number) > Math.abs(a[pivot * f + col] as number)) pivot = r;
    }
    const pv = a[pivot * f + col] as number;
    if (!(Math.abs(pv) > 1e-12)) return undefined;
    if (pivot !== col) {
      for (let g = 0; g < f; g++) {
        const tmp = a[col * f + g] as number;
        a[col * f + g] = a[pivot * f + g] as number;
        a[pivot * f + g] = tmp;
      }
      const tb = b[col] as number;
      b[col] = b[pivot] as number;
      b[pivot] = tb;
    }
    for (let r = col + 1; r < f; r++) {
      const factor = (a[r * f + col] as number) / pv;
      if (factor === 0) continue;
      for (let g = col; g < f; g++) a[r * f + g] = (a[r * f + g] as number) - factor * (a[col * f + g] as number);
      b[r] = (b[r] as number) - factor * (b[col] as number);
    }
  }
  const x = new Float64Array(f);
  for (let r = f - 1; r >= 0; r--) {
    let sum = b[r] as number;
    for (let g = r + 1; g < f; g++) sum -= (a[r * f + g] as number) * (x[g] as number);
    const value = sum / (a[r * f + r] as number);
    if (!Number.isFinite(value) || value < -1e-9) return undefined;
    x[r] = value;
  }
  return x;
}

function popcount(x: number): number {
  let c = 0;
  while (x) {
    x &= x - 1;
    c++;
  }
  return c;
}
