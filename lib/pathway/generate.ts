// A deterministic, seeded generator of valid pathways, for benchmarks and property tests.
//
// The same (steps, seed, options) always gives the same pathway, on any machine: it uses its own
// small PRNG (mulberry32), never Math.random. Generated pathways pass parsePathway: unique ids,
// every transition between existing steps, one entry first and one exit last, decision out-edge
// probabilities adding up to at most 1. They contain cycles (review loops), every sector and
// setting, duplicated assessment tags, and a realistic scatter of flags, so every scoring rule
// has work to do. The content is synthetic and carries no clinical meaning.
import {
  ADAPTATIONS,
  CHANNELS,
  HOURS,
  INFORMATION_KINDS,
  OUTCOME_MEASURE_TYPES,
  PATHWAY_FORMAT,
  ROLES,
  SECTORS,
  SETTINGS,
  STEP_FLAGS,
  STEP_KINDS,
  type Pathway,
  type Sector,
  type Setting,
  type Step,
  type StepKind,
  type Transition,
} from './schema';

export interface GenerateOptions {
  /** Number of steps (at least 2: one entry and one exit). */
  steps: number;
  /** Seed for the PRNG. Default 1. */
  seed?: number;
  /** Transitions per step; default 1.4. */
  transitionsPerStep?: number;
  /** Share of extra transitions that go backwards (loops); default 0.15. */
  backEdgeShare?: number;
  /** Put a probability on every transition; default true. */
  probabilities?: boolean;
  /** Put targetDays on transitions; default true. */
  targetDays?: boolean;
  /** Include metadata (sponsor, incentives, review date...); default true. */
  metadata?: boolean;
  /** Include layout positions; default false. */
  layout?: boolean;
}

/** mulberry32: a small, fast, well-distributed 32-bit PRNG. Returns floats in [0, 1). */
export function createRng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SECTOR_SETTINGS: Record<Sector, readonly Setting[]> = {
  self_care: ['home', 'remote'],
  primary_care: ['gp_practice', 'gp_practice', 'home', 'pharmacy', 'remote'],
  community_health: ['community', 'home'],
  secondary_care: ['hospital_outpatient', 'hospital_inpatient', 'emergency', 'community'],
  mental_health: ['mental_health_service', 'community'],
  social_care: ['social_care_service', 'home'],
  voluntary_community: ['voluntary_service'],
};

const MIDDLE_KINDS: readonly StepKind[] = STEP_KINDS.filter((k) => k !== 'entry' && k !== 'exit');
const ASSESSMENT_TAGS = ['spirometry', 'bloods', 'falls risk', 'memory', 'mood', 'medication'] as const;

function round3(x: number): number {
  return Math.floor(x * 1000) / 1000;
}

export function generatePathway(options: GenerateOptions): Pathway {
  const n = Math.max(2, Math.floor(options.steps));
  const rng = createRng(options.seed ?? 1);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)] as T;
  const chance = (p: number) => rng() < p;
  const perStep = options.transitionsPerStep ?? 1.4;
  const backShare = options.backEdgeShare ?? 0.15;
  const withProb = options.probabilities ?? true;
  const withDays = options.targetDays ?? true;

  const steps: Step[] = [];
  for (let i = 0; i < n; i++) {
    const kind: StepKind = i === 0 ? 'entry' : i === n - 1 ? 'exit' : pick(MIDDLE_KINDS);
    const sector = pick(SECTORS);
    const setting = chance(0.85) ? pick(SECTOR_SETTINGS[sector]) : pick(SETTINGS);
    const flags = Object.fromEntries(STEP_FLAGS.map((f) => [f, chance(0.12)])) as Step['flags'];
    const roles = chance(0.4) ? [pick(ROLES)] : [];
    if (chance(0.1)) roles.push(pick(ROLES));
    const step: Step = {
      id: `s${i + 1}`,
      kind,
      title: `${kind.replace('_', ' ')} ${i + 1}`,
      sector,
      setting,
      leadRole: pick(ROLES),
      roles: [...new Set(roles)],
      channels: kind === 'exit' ? [] : [...new Set([pick(CHANNELS), ...(chance(0.5) ? [pick(CHANNELS)] : [])])],
      adaptations: chance(0.3) ? [pick(ADAPTATIONS)] : [],
      flags,
      outcomeMeasures: chance(0.08) ? [{ name: `Measure ${i + 1}`, type: pick(OUTCOME_MEASURE_TYPES) }] : [],
    };
    if (chance(0.8)) step.hours = pick(HOURS);
    if (chance(0.7)) step.patientBenefit = `Benefit of step ${i + 1}`;
    if (chance(0.08)) step.gpWorkload = { minutesPerPatient: 5 + Math.floor(rng() * 30), funded: chance(0.5) };
    if ((kind === 'assessment' || kind === 'review') && chance(0.5)) step.assessment = pick(ASSESSMENT_TAGS);
    steps.push(step);
  }

  // Edges: a backbone s1 -> s2 -> ... -> sN (so every step is reachable and can reach the exit),
  // plus extra edges, mostly forward and a share backwards (cycles). No parallel edges.
  const edges: { from: number; to: number }[] = [];
  const seen = new Set<number>();
  const add = (from: number, to: number) => {
    if (from === to || from === n - 1) return false;
    const key = from * n + to;
    if (seen.has(key)) return false;
    seen.add(key);
    edges.push({ from, to });
    return true;
  };
  for (let i = 0; i < n - 1; i++) add(i, i + 1);
  const target = Math.max(n - 1, Math.round(n * perStep));
  let guard = 0;
  while (edges.length < target && guard++ < target * 20) {
    const from = Math.floor(rng() * (n - 1));
    if (chance(backShare)) {
      const back = Math.floor(rng() * Math.min(from + 1, 12));
      add(from, from - back);
    } else {
      const ahead = 2 + Math.floor(rng() * Math.min(20, n));
      add(from, Math.min(n - 1, from + ahead));
    }
  }
  edges.sort((a, b) => a.from - b.from || a.to - b.to);

  // Probabilities: out-edges of each step share a mass of 1 (backward edges get little weight, so
  // every loop can be left). Rounded down to 3 places so the sum never exceeds 1.
  const outByStep = new Map<number, number[]>();
  edges.forEach((e, k) => {
    const list = outByStep.get(e.from) ?? [];
    list.push(k);
    outByStep.set(e.from, list);
  });
  const probability = new Float64Array(edges.length);
  for (const list of outByStep.values()) {
    const weights = list.map((k) => {
      const e = edges[k] as { from: number; to: number };
      return e.to < e.from ? 0.1 + rng() * 0.2 : 0.5 + rng();
    });
    const total = weights.reduce((a, b) => a + b, 0);
    list.forEach((k, j) => {
      probability[k] = round3((weights[j] as number) / total);
    });
  }

  const transitions: Transition[] = edges.map((e, k) => {
    const t: Transition = {
      id: `t${k + 1}`,
      from: (steps[e.from] as Step).id,
      to: (steps[e.to] as Step).id,
      information: pick(INFORMATION_KINDS),
    };
    if (withDays && chance(0.9)) t.targetDays = Math.floor(rng() * 30);
    if (withProb) t.probability = probability[k] as number;
    return t;
  });

  const pathway: Pathway = {
    format: PATHWAY_FORMAT,
    title: `Generated pathway (${n} steps, seed ${options.seed ?? 1})`,
    conditions: chance(0.3) ? ['Condition A', 'Condition B'] : ['Condition A'],
    metadata: { incentives: [], socialValue: [] },
    steps,
    transitions,
  };
  if (options.metadata ?? true) {
    pathway.metadata = {
      sponsor: chance(0.6) ? { name: 'Sponsor', role: pick(ROLES) } : undefined,
      incentives: chance(0.5) ? ['Incentive'] : [],
      socialValue: chance(0.5) ? ['Social value'] : [],
      reviewDate: chance(0.7) ? `20${20 + Math.floor(rng() * 20)}-0${1 + Math.floor(rng() * 9)}-15` : undefined,
      evaluationPlan: chance(0.6) ? 'Evaluation plan' : undefined,
    };
    if (pathway.metadata.sponsor === undefined) delete pathway.metadata.sponsor;
    if (pathway.metadata.reviewDate === undefined) delete pathway.metadata.reviewDate;
    if (pathway.metadata.evaluationPlan === undefined) delete pathway.metadata.evaluationPlan;
  }
  if (options.layout) {
    pathway.layout = Object.fromEntries(
      steps.map((s, i) => [s.id, { x: (i % 20) * 220, y: Math.floor(i / 20) * 140 }]),
    );
  }
  return pathway;
}
