// Small benchmark helpers shared by `npm run bench` sections.
//
// A section is a named function that runs one or more `runBench` calls and prints its table.
// To add a benchmark: write a section (see scoringSection in ./bench.ts) and add it to the list
// there. Benchmarks report figures; they are not timed tests and never fail a build.
import { performance } from 'node:perf_hooks';
import { getHeapSpaceStatistics } from 'node:v8';

export interface BenchResult {
  name: string;
  iterations: number;
  /** Wall-clock time per run. */
  medianMs: number;
  p95Ms: number;
  meanMs: number;
  minMs: number;
  maxMs: number;
  /**
   * CPU time per run (this process, all its threads, so garbage collection is included).
   * On a shared machine this is steadier than wall time, which also counts the time spent
   * waiting while other processes have the CPU.
   */
  cpuMedianMs: number;
  cpuP95Ms: number;
  /**
   * (runInterleaved only) Runs during which a minor garbage collection emptied the young
   * generation, and the p95 of the other runs: how much of the p95 is the collector's.
   */
  gcRuns?: number;
  p95WithoutGcMs?: number;
}

export interface BenchOptions {
  /** Untimed runs first, so the JIT has compiled the hot paths. Default: a fifth of iterations, at least 5. */
  warmup?: number;
}

/** Nearest-rank percentile of sorted values (p in 0..100). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))] as number;
}

/** Time `fn` over `iterations` runs after a warm-up and summarise the per-run times. */
export function runBench(
  name: string,
  fn: (iteration: number) => unknown,
  iterations: number,
  options: BenchOptions = {},
): BenchResult {
  const warmup = options.warmup ?? Math.max(5, Math.floor(iterations / 5));
  let sink: unknown;
  for (let i = 0; i < warmup; i++) sink = fn(i);
  const times: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const cpuStart = process.cpuUsage();
    const start = performance.now();
    sink = fn(i);
    times.push(performance.now() - start);
    const used = process.cpuUsage(cpuStart);
    cpu.push((used.user + used.system) / 1000);
  }
  // Keep the result alive so the work cannot be optimised away.
  if (sink === Symbol.for('never')) console.log(sink);
  return summarise(name, { wall: times, cpu });
}

export interface BenchCase {
  name: string;
  fn: (iteration: number) => unknown;
  /** Timed runs of this case in each round. */
  perRound: number;
}

/**
 * Several cases measured in alternation, round after round, so that a burst of load from other
 * processes falls on all of them alike and their ratios stay meaningful on a shared machine.
 */
/** Bytes in use in V8's young generation; it falls only when a minor collection has emptied it. */
function youngBytes(): number {
  return getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')?.space_used_size ?? 0;
}

export function runInterleaved(cases: readonly BenchCase[], rounds: number, options: BenchOptions = {}): BenchResult[] {
  const samples = cases.map(() => ({ wall: [] as number[], cpu: [] as number[], gc: [] as boolean[] }));
  let sink: unknown;
  for (const c of cases) {
    const warmup = options.warmup ?? Math.max(5, c.perRound * 2);
    for (let i = 0; i < warmup; i++) sink = c.fn(i);
  }
  const counters = cases.map(() => 0);
  for (let r = 0; r < rounds; r++) {
    cases.forEach((c, k) => {
      const sample = samples[k] as { wall: number[]; cpu: number[]; gc: boolean[] };
      for (let j = 0; j < c.perRound; j++) {
        const i = (counters[k] as number) + j;
        const youngBefore = youngBytes();
        const cpuStart = process.cpuUsage();
        const start = performance.now();
        sink = c.fn(i);
        sample.wall.push(performance.now() - start);
        const used = process.cpuUsage(cpuStart);
        sample.cpu.push((used.user + used.system) / 1000);
        sample.gc.push(youngBytes() < youngBefore);
      }
      counters[k] = (counters[k] as number) + c.perRound;
    });
  }
  if (sink === Symbol.for('never')) console.log(sink);
  return cases.map((c, k) => {
    const sample = samples[k] as { wall: number[]; cpu: number[]; gc: boolean[] };
    const withoutGc = sample.wall.filter((_, i) => !sample.gc[i]).sort((a, b) => a - b);
    return {
      ...summarise(c.name, sample),
      gcRuns: sample.gc.filter(Boolean).length,
      p95WithoutGcMs: percentile(withoutGc, 95),
    };
  });
}

function summarise(name: string, sample: { wall: number[]; cpu: number[] }): BenchResult {
  const times = [...sample.wall].sort((a, b) => a - b);
  const cpu = [...sample.cpu].sort((a, b) => a - b);
  const total = times.reduce((a, b) => a + b, 0);
  return {
    name,
    iterations: times.length,
    medianMs: percentile(times, 50),
    p95Ms: percentile(times, 95),
    meanMs: total / times.length,
    minMs: times[0] as number,
    maxMs: times[times.length - 1] as number,
    cpuMedianMs: percentile(cpu, 50),
    cpuP95Ms: percentile(cpu, 95),
  };
}

function ms(x: number): string {
  return `${x.toFixed(3)} ms`;
}

/** A fixed-width table of results. */
export function formatBenchTable(results: readonly BenchResult[]): string {
  const rows = [['benchmark', 'runs', 'median', 'p95', 'mean', 'max', 'CPU median', 'CPU p95']];
  for (const r of results) {
    rows.push([
      r.name,
      String(r.iterations),
      ms(r.medianMs),
      ms(r.p95Ms),
      ms(r.meanMs),
      ms(r.maxMs),
      ms(r.cpuMedianMs),
      ms(r.cpuP95Ms),
    ]);
  }
  const widths = (rows[0] as string[]).map((_, c) => Math.max(...rows.map((row) => (row[c] as string).length)));
  return rows
    .map((row) =>
      row
        .map((cell, c) => (c === 0 ? cell.padEnd(widths[c] as number) : cell.padStart(widths[c] as number)))
        .join('  '),
    )
    .join('\n');
}

export interface BenchSection {
  /** Short name, used by `npm run bench -- <name>` to run only this section. */
  name: string;
  title: string;
  run: () => void | Promise<void>;
}

/** Run the sections named on the command line (all when none are named). */
export async function runSections(sections: readonly BenchSection[], argv: readonly string[]): Promise<number> {
  const wanted = argv.filter((a) => !a.startsWith('-'));
  const unknown = wanted.filter((w) => !sections.some((s) => s.name === w));
  if (unknown.length > 0) {
    process.stderr.write(
      `bench: unknown section ${unknown.join(', ')}; known: ${sections.map((s) => s.name).join(', ')}\n`,
    );
    return 2;
  }
  for (const section of sections) {
    if (wanted.length > 0 && !wanted.includes(section.name)) continue;
    console.log(`\n== ${section.title} ==`);
    await section.run();
  }
  return 0;
}
