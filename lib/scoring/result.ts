// Small helpers shared by the rules: building a CriterionResult and findings.
import type { Step } from '../pathway/schema';
import type { PathwayContext } from './context';
import { criterionDefinition, ruleTag } from './frameworks';
import type { Advice, CriterionId, CriterionResult, Finding, Status } from './types';

export interface RuleInput {
  ctx: PathwayContext;
  collab: CollaborationFacts;
  today: string | undefined;
}

/** The collaboration record, reduced to what the rules ask. undefined = not known. */
export interface CollaborationFacts {
  /** Contributions by role; undefined when no participants were recorded. */
  contributionsByRole: ReadonlyMap<string, number> | undefined;
  versionCount: number | undefined;
}

export type Rule = (input: RuleInput) => CriterionResult;

/**
 * Build a result. The score follows frameworks.md: met 1, not met 0, needs judgement null, and
 * partly strictly between 0 and 1 (a partly score that rounds to an end is pulled inside).
 */
export function criterion(
  id: CriterionId,
  status: Status,
  partlyScore: number,
  measure: string,
  evidence: string[],
  findings: Finding[],
  advice: Advice[] = [],
): CriterionResult {
  const def = criterionDefinition(id);
  let score: number | null;
  if (status === 'met') score = 1;
  else if (status === 'not_met') score = 0;
  else if (status === 'needs_judgement') score = null;
  else score = Math.min(0.99, Math.max(0.01, Math.round(partlyScore * 1000) / 1000));
  return { id, title: def.title, status, score, measure, evidence, findings, advice, rule: ruleTag(def) };
}

export function stepFinding(step: Step, message: string, suggestion: string): Finding {
  return { target: step.id, targetKind: 'step', message, suggestion };
}

/** stepFinding for step i of the context, naming it by ctx.ids (the step object is not read). */
export function stepFindingAt(ctx: PathwayContext, i: number, message: string, suggestion: string): Finding {
  return { target: ctx.ids[i] as string, targetKind: 'step', message, suggestion };
}

/**
 * Findings for steps that would count towards a criterion but that no route from an entry step
 * leads to: a step the person cannot reach does not count, and each says why, on the step.
 */
export function unreachableFindings(ctx: PathwayContext, indexes: readonly number[], what: string): Finding[] {
  return indexes.map((i) => {
    const name = ctx.quoted(i);
    return stepFindingAt(
      ctx,
      i,
      `${name} ${what}, but no route from an entry step leads to it, so the person never gets there.`,
      `Connect ${name} to the pathway with a transition from a step the person passes through.`,
    );
  });
}

export function transitionFinding(ctx: PathwayContext, e: number, message: string, suggestion: string): Finding {
  return { target: ctx.transition(e).id, targetKind: 'transition', message, suggestion };
}

/** "1 step" / "3 steps" */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** Share as a whole percentage, for measures. */
export function pct(part: number, whole: number): string {
  return whole === 0 ? '0%' : `${Math.round((part / whole) * 100)}%`;
}
