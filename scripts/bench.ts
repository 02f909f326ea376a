// npm run bench [-- <section> ...]
//
// Benchmarks, one section each. Issue 3's targets for scoring, on the 2-core machines:
// 500 steps at most 5 ms at p95, and 2,000 steps at most 4x the 500-step time.
import { cpus, loadavg } from 'node:os';
import { generatePathway } from '../lib/pathway/generate';
import type { Pathway } from '../lib/pathway/schema';
import { scorePathway } from '../lib/scoring/score';
import { formatBenchTable, runBench, runSections, type BenchResult, type BenchSection } from './bench-lib';

const SCORING_TARGET_500_P95_MS = 5;
const SCORING_TARGET_RATIO = 4;

/** Score generated pathways of 50, 500 and 2,000 steps (~1.4 transitions per step, with loops). */
export const scoringSection: BenchSection = {
  name: 'scoring',
  title: 'Scoring engine: scorePathway (both frameworks + journey figures)',
  run() {
    const sizes = [
      { steps: 50, iterations: 2000 },
      { steps: 500, iterations: 400 },
      { steps: 2000, iterations: 150 },
    ];
    const results: BenchResult[] = [];
    const collab = { participants: [{ role: 'patient' as const, contributions: 3 }], versionCount: 2 };
    for (const { steps, iterations } of sizes) {
      // Three different pathways per size, taken in turn, so no single shape is over-fitted.
      const pathways: Pathway[] = [1, 2, 3].map((seed) => generatePathway({ steps, seed }));
      const transitions = pathways[0]?.transitions.length ?? 0;
      results.push(
        runBench(
          `${steps} steps (${transitions} transitions)`,
          (i) => scorePathway(pathways[i % pathways.length] as Pathway, collab, { today: '2026-01-01' }),
          iterations,
        ),
      );
    }
    console.log(formatBenchTable(results));
    const [, r500, r2000] = results as [BenchResult, BenchResult, BenchResult];
    const verdict = (ok: boolean) => (ok ? 'within target' : 'OVER TARGET');
    console.log('');
    console.log(
      `500 steps p95 (target <= ${SCORING_TARGET_500_P95_MS} ms): ` +
        `${r500.p95Ms.toFixed(3)} ms wall (${verdict(r500.p95Ms <= SCORING_TARGET_500_P95_MS)}), ` +
        `${r500.cpuP95Ms.toFixed(3)} ms CPU (${verdict(r500.cpuP95Ms <= SCORING_TARGET_500_P95_MS)})`,
    );
    const ratios: [string, number][] = [
      ['p95 wall', r2000.p95Ms / r500.p95Ms],
      ['median wall', r2000.medianMs / r500.medianMs],
      ['p95 CPU', r2000.cpuP95Ms / r500.cpuP95Ms],
      ['median CPU', r2000.cpuMedianMs / r500.cpuMedianMs],
    ];
    console.log(
      `2000/500 ratio (target <= ${SCORING_TARGET_RATIO}x): ` +
        ratios.map(([label, r]) => `${r.toFixed(2)}x ${label} (${verdict(r <= SCORING_TARGET_RATIO)})`).join(', '),
    );
    const load = loadavg()[0] ?? 0;
    if (load > cpus().length) {
      console.log(
        `Note: load average ${load.toFixed(1)} on ${cpus().length} CPUs. Other processes are competing for the CPU, ` +
          'so wall times are inflated; the CPU times are steadier.',
      );
    }
  },
};

const sections: BenchSection[] = [scoringSection];

console.log(`Node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model ?? 'unknown'})`);
runSections(sections, process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`bench: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  },
);
