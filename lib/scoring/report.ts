// A plain-text report of a score, for the command line (`npm run score -- file --format text`).
// Failing criteria come first: a good average must never hide a criterion that is not met.
import { SECTOR_LABELS } from '../pathway/labels';
import { FAULT_LINES, FAULT_LINE_LABELS } from './faultlines';
import { criteriaWorstFirst, type ScoreResult } from './score';
import type { Status } from './types';

const STATUS_WORDS: Record<Status, string> = {
  not_met: 'NOT MET',
  partly: 'PARTLY MET',
  needs_judgement: 'NEEDS JUDGEMENT',
  met: 'MET',
};

/**
 * A share of people (0 to 1) in words. A share above 0 never reads as 0%, and one below 1 never
 * reads as 100%: "Under 1%" and "Over 99%" say that someone is (or is not) affected.
 */
export function percentOfPeople(share: number, midSentence = false): string {
  if (share > 0 && share < 0.005) return midSentence ? 'under 1%' : 'Under 1%';
  if (share < 1 && share >= 0.995) return midSentence ? 'over 99%' : 'Over 99%';
  return `${Math.round(share * 100)}%`;
}

function wrap(text: string, indent: string, width = 100): string {
  const words = text.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    if (line && indent.length + line.length + 1 + w.length > width) {
      lines.push(indent + line);
      line = w;
    } else line = line ? `${line} ${w}` : w;
  }
  if (line) lines.push(indent + line);
  return lines.join('\n');
}

export function formatScoreText(result: ScoreResult): string {
  const out: string[] = [];
  out.push(`Pathway: ${result.pathway.title}`, '');
  for (const f of result.frameworks) {
    const headline = f.percent === null ? 'no criteria could be scored' : `${f.percent}%`;
    out.push(`${f.title} (v${f.version}): ${headline}`);
    out.push(`  ${f.scored} scored, ${f.notMet} not met, ${f.needsJudgement} need judgement`);
    for (const c of criteriaWorstFirst(f.criteria)) {
      const score = c.score === null ? '' : ` (${Math.round(c.score * 100)}%)`;
      out.push('', `  [${STATUS_WORDS[c.status]}${score}] ${c.id} ${c.title}`);
      out.push(wrap(`Measure: ${c.measure}`, '      '));
      for (const x of c.findings) {
        out.push(wrap(`- ${x.target}: ${x.message}`, '      '));
        out.push(wrap(`Suggestion: ${x.suggestion}`, '          '));
      }
      for (const a of c.advice) {
        out.push(wrap(`- ${a.message}`, '      '));
        out.push(wrap(`Suggestion: ${a.suggestion}`, '          '));
      }
      out.push(`      Rule: ${c.rule}`);
    }
    out.push('');
  }
  const j = result.journey;
  out.push('Journey');
  out.push(`  Steps: ${j.steps} (${j.reachableSteps} reachable from an entry)`);
  out.push(`  Contacts with a professional: ${j.contacts}`);
  out.push(
    `  Sectors: ${j.distinctSectors} (${j.sectors.map((s) => SECTOR_LABELS[s].toLowerCase()).join(', ')}); settings: ${j.distinctSettings}`,
  );
  out.push(`  Transitions crossing a fault line: ${j.transitionsCrossingFaultLines}`);
  for (const line of FAULT_LINES) out.push(`    ${FAULT_LINE_LABELS[line]}: ${j.faultLineCrossings[line]}`);
  out.push(
    `  Crossings with no information passed on: ${j.crossingsWithoutInformation}${j.crossingsWithoutInformation ? ` (${j.crossingsWithoutInformationIds.join(', ')})` : ''}`,
  );
  out.push(
    `  Repeated assessments: ${j.repeatedAssessments}${j.repeatedAssessments ? ` (${j.repeatedAssessmentIds.join(', ')})` : ''}`,
  );
  const e = j.expected;
  if (e) {
    out.push('  Expected over all routes:');
    out.push(
      `    ${e.days} days waiting, ${e.contacts} contacts, ${e.steps} steps, ${e.faultLineCrossings} fault-line crossings`,
    );
    const caveats: string[] = [];
    if (e.assumedProbabilities)
      caveats.push(`${e.assumedProbabilities} transition probabilities assumed (shared equally)`);
    if (e.transitionsWithoutDays)
      caveats.push(`${e.transitionsWithoutDays} transitions without a target time (days are a lower bound)`);
    if (e.endingOutsideExits)
      caveats.push(
        `${percentOfPeople(e.endingOutsideExits, true)} of people end the journey at a step that is not an exit (the routes out of a step add up to less than 1, or it has none); the figures count nothing after that`,
      );
    if (!e.converged) caveats.push('a loop did not settle; figures are lower bounds');
    if (caveats.length) out.push(wrap(`Note: ${caveats.join('; ')}.`, '    '));
  } else {
    out.push('  Expected days and contacts: not computed (no transition gives a target time or probability)');
  }
  return `${out.join('\n')}\n`;
}
