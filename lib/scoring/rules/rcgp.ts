// RCGP five tests of integrated care (seed 002), one pure rule per test.
// How each is measured, and why, is in ../frameworks.ts (howMeasured and notes); keep them in step.
import { ROLE_IN_SENTENCE, SECTOR_LABELS, SETTING_LABELS } from '../../pathway/labels';
import type { Step } from '../../pathway/schema';
import type { PathwayContext } from '../context';
import {
  COMMUNITY_CLINICIAN_MASK,
  FLAG,
  GENERALIST_MASK,
  INFORMATION,
  IS_CLINICAL_WORK,
  IS_COMMUNITY_SETTING,
  IS_NHS_SECTOR,
  KIND,
  SECTOR,
  SPECIALIST_MASK,
  roleBit,
} from '../codes';
import {
  criterion,
  pct,
  plural,
  stepFinding,
  stepFindingAt,
  transitionFinding,
  unreachableFindings,
  type Rule,
} from '../result';
import type { Advice, Finding } from '../types';

// Labels in lower case, made once each rather than once per finding.
const lowerCased = new Map<string, string>();
function lower(label: string): string {
  let text = lowerCased.get(label);
  if (text === undefined) {
    text = label.toLowerCase();
    lowerCased.set(label, text);
  }
  return text;
}

// RCGP 1's sentence after the step's name, by setting and lead role: each finding is then one join.
const communityLedTails = new Map<string, Map<string, string>>();
function communityLedTail(setting: string, leadRole: string): string {
  let bySetting = communityLedTails.get(setting);
  if (!bySetting) {
    bySetting = new Map();
    communityLedTails.set(setting, bySetting);
  }
  let tail = bySetting.get(leadRole);
  if (tail === undefined) {
    tail = ` is clinical work in the community (${lower(SETTING_LABELS[setting as Step['setting']])}) but is led by ${ROLE_IN_SENTENCE[leadRole as Step['leadRole']]}, who is not a community-based clinician.`;
    if (bySetting.size > 100) bySetting.clear();
    bySetting.set(leadRole, tail);
  }
  return tail;
}

/** RCGP 1: community services led by community-based clinicians. */
export const rcgp1: Rule = ({ ctx }) => {
  const evidence: string[] = [];
  const findings: Finding[] = [];
  const unreachable: number[] = [];
  let counted = 0;
  for (let i = 0; i < ctx.n; i++) {
    const counts =
      IS_CLINICAL_WORK[ctx.kind[i] as number] &&
      IS_COMMUNITY_SETTING[ctx.setting[i] as number] &&
      IS_NHS_SECTOR[ctx.sector[i] as number];
    if (!counts) continue;
    // A step the person cannot reach does not count, as in every other criterion (rule version 2).
    if (!ctx.reachable[i]) {
      unreachable.push(i);
      continue;
    }
    counted++;
    if ((1 << (ctx.lead[i] as number)) & COMMUNITY_CLINICIAN_MASK) {
      evidence.push(ctx.ids[i] as string);
      continue;
    }
    const s = ctx.step(i);
    const name = ctx.quoted(i);
    findings.push(
      stepFinding(
        s,
        `${name}${communityLedTail(s.setting, s.leadRole)}`,
        `Have ${name} led by a community-based clinician, such as a GP, a community nurse or a consultant running a community clinic.`,
      ),
    );
  }
  const ok = evidence.length;
  if (counted === 0) {
    if (unreachable.length > 0) {
      return criterion(
        'rcgp-1',
        'not_met',
        0,
        'No clinical step the person can reach takes place in a community setting',
        [],
        unreachableFindings(ctx, unreachable, 'is clinical work in the community'),
      );
    }
    return criterion(
      'rcgp-1',
      'not_met',
      0,
      'No clinical step takes place in a community setting',
      [],
      [],
      [
        {
          message:
            'None of the assessments, decisions, treatments, referrals, reviews or discharges happens in the community.',
          suggestion:
            'Look for clinical steps that could be offered at home, at the practice or in a community clinic, led by a community-based clinician.',
        },
      ],
    );
  }
  const share = ok / counted;
  const status = ok === counted ? 'met' : share >= 0.5 ? 'partly' : 'not_met';
  return criterion(
    'rcgp-1',
    status,
    share,
    `${ok} of ${plural(counted, 'community clinical step')} led by a community-based clinician`,
    evidence,
    findings,
  );
};

/** Steps the person can reach after (strictly after) a general-practice step. */
function stepsAfterGeneralPractice(ctx: PathwayContext): Uint8Array {
  const next: number[] = [];
  for (let g = 0; g < ctx.n; g++) {
    if (!ctx.generalPractice[g]) continue;
    for (let k = ctx.outStart[g] as number; k < (ctx.outStart[g + 1] as number); k++) {
      next.push(ctx.to[ctx.outEdges[k] as number] as number);
    }
  }
  return ctx.forwardFrom(next);
}

/** RCGP 2: GPs remain independent advocates for their patients. */
export const rcgp2: Rule = ({ ctx }) => {
  const findings: Finding[] = [];
  const evidence: string[] = [];
  const advice: Advice[] = [];
  const GP = roleBit('gp');
  const gp = ctx.where((i) => ctx.hasRoleIn(i, GP));
  if (gp.reachable.length === 0) {
    for (const i of gp.unreachable) {
      const name = ctx.quoted(i);
      findings.push(
        stepFindingAt(
          ctx,
          i,
          `${name} involves the GP, but no route from an entry step leads to it.`,
          `Connect ${name} to the pathway so that the person's GP is part of their journey.`,
        ),
      );
    }
    if (gp.unreachable.length === 0) {
      advice.push({
        message: 'The person’s GP takes no part in any step of this pathway.',
        suggestion:
          'Add the GP to the steps where the person’s care is planned or reviewed, so the GP can act for them.',
      });
    }
    return criterion('rcgp-2', 'not_met', 0, 'No step the person can reach involves their GP', [], findings, advice);
  }
  for (const i of gp.reachable) evidence.push(ctx.ids[i] as string);

  let total = 0;
  let failed = 0;

  // (2) Information on every transition into primary care from another sector. Moves from the
  // person's own self-care, or from a step led by the person or their carer, are left out: no
  // service there holds information to pass on.
  let intoPrimary = 0;
  let intoPrimaryBlind = 0;
  const PRIMARY = SECTOR.primary_care;
  const SELF_CARE = SECTOR.self_care;
  const LAY = roleBit('patient') | roleBit('carer');
  // Steps the person may reach after being in general practice, worked out only if needed.
  let afterGp: Uint8Array | undefined;
  for (let e = 0; e < ctx.m; e++) {
    const from = ctx.from[e] as number;
    const to = ctx.to[e] as number;
    if (ctx.sector[from] === PRIMARY || ctx.sector[to] !== PRIMARY) continue;
    if (ctx.sector[from] === SELF_CARE || ((1 << (ctx.lead[from] as number)) & LAY) !== 0) continue;
    intoPrimary++;
    total++;
    if (ctx.information[e] !== INFORMATION.none) continue;
    const a = ctx.quoted(from);
    const b = ctx.quoted(to);
    intoPrimaryBlind++;
    failed++;
    afterGp ??= stepsAfterGeneralPractice(ctx);
    const move = afterGp[from] ? 'back to' : 'to';
    findings.push(
      transitionFinding(
        ctx,
        e,
        `The move from ${a} (${lower(SECTOR_LABELS[ctx.step(from).sector])}) ${move} ${b} passes no information to primary care, so the practice does not learn what happened.`,
        `Pass information on from ${a} to ${b}: a shared record, a structured summary, or at least a letter.`,
      ),
    );
  }

  // (3) Bounce-backs: a referral out of general practice that returns to general practice with no
  // clinical contact in between. One walk over (step, passed-a-referral) states: O(n + m).
  const seen = ctx.arena.u8(ctx.n * 2);
  const origin = ctx.arena.i32(ctx.n * 2).fill(-1);
  const queue: number[] = [];
  const bounced = new Map<number, Finding>();
  const enter = (w: number, referral: boolean, from: number) => {
    const key = w * 2 + (referral ? 1 : 0);
    if (seen[key]) return;
    seen[key] = 1;
    origin[key] = from;
    queue.push(key);
  };
  const REFERRAL = KIND.referral;
  for (let g = 0; g < ctx.n; g++) {
    if (!ctx.generalPractice[g]) continue;
    const fromReferral = ctx.kind[g] === REFERRAL;
    for (let k = ctx.outStart[g] as number; k < (ctx.outStart[g + 1] as number); k++) {
      const w = ctx.to[ctx.outEdges[k] as number] as number;
      if (ctx.generalPractice[w] || ctx.contact[w]) continue;
      enter(w, fromReferral || ctx.kind[w] === REFERRAL, g);
    }
  }
  for (let head = 0; head < queue.length; head++) {
    const key = queue[head] as number;
    const v = key >> 1;
    const referral = (key & 1) === 1;
    for (let k = ctx.outStart[v] as number; k < (ctx.outStart[v + 1] as number); k++) {
      const e = ctx.outEdges[k] as number;
      const w = ctx.to[e] as number;
      if (ctx.generalPractice[w]) {
        if (!referral || bounced.has(e)) continue;
        const from = ctx.quoted(origin[key] as number);
        const via = ctx.quoted(v);
        const back = ctx.quoted(w);
        bounced.set(
          e,
          transitionFinding(
            ctx,
            e,
            `A referral from ${from} comes back to general practice at ${back} from ${via} without the person being seen by anyone: a bounce-back.`,
            `Offer the person an appointment before ${via} hands them back to ${back}, or, if advice is all the GP needs, make it an advice request rather than a referral.`,
          ),
        );
        continue;
      }
      if (ctx.contact[w]) continue;
      enter(w, referral || ctx.kind[w] === REFERRAL, origin[key] as number);
    }
  }
  // Report in transition order, whatever order the walk found them in.
  for (const e of [...bounced.keys()].sort((a, b) => a - b)) findings.push(bounced.get(e) as Finding);
  total += bounced.size;
  failed += bounced.size;

  // (4) A route back to the GP from every step outside primary care, exits aside.
  const canReachGp = ctx.backwardFrom(gp.reachable.concat(gp.unreachable));
  let outside = 0;
  let stranded = 0;
  for (let i = 0; i < ctx.n; i++) {
    if (ctx.sector[i] === PRIMARY || ctx.kind[i] === KIND.exit) continue;
    outside++;
    total++;
    if (canReachGp[i]) continue;
    const name = ctx.quoted(i);
    stranded++;
    failed++;
    findings.push(
      stepFindingAt(
        ctx,
        i,
        `From ${name} there is no route back to the person's GP.`,
        `Add a transition from ${name}, or from a step after it, back to a step with the GP, for example a handover to the practice with a summary.`,
      ),
    );
  }

  // (5) The person can get from an entry to an exit: with no end to the journey, the checks above
  // have nothing to hold the pathway to, so the test is not met whatever they say.
  let exitReachable = false;
  for (const x of ctx.exits) if (ctx.reachable[x]) exitReachable = true;
  if (!exitReachable) {
    for (const i of ctx.entries) {
      const name = ctx.quoted(i);
      findings.push(
        stepFindingAt(
          ctx,
          i,
          `From ${name} there is no route to the end of the pathway, so it does not show where the person's care goes or how it comes back to their GP.`,
          `Connect ${name}, through the steps that follow it, to an exit step, such as the person being back under the care of their GP.`,
        ),
      );
    }
  }

  const passed = total - failed;
  let share = total === 0 ? 1 : passed / total;
  let status: 'met' | 'partly' | 'not_met' = failed === 0 ? 'met' : share >= 0.5 ? 'partly' : 'not_met';
  if (!exitReachable) {
    status = 'not_met';
    share = 0;
  }
  const measure = [
    intoPrimary === 0
      ? 'no transitions into primary care from a service in another sector'
      : `${intoPrimary - intoPrimaryBlind} of ${plural(intoPrimary, 'transition')} into primary care pass information on`,
    `${plural(bounced.size, 'bounce-back')}`,
    outside === 0
      ? 'no steps outside primary care'
      : `${outside - stranded} of ${plural(outside, 'step')} outside primary care have a route back to the GP`,
    ...(exitReachable ? [] : ['no exit can be reached from an entry step']),
  ].join('; ');
  return criterion('rcgp-2', status, share, measure, evidence, findings, advice);
};

/** RCGP 3: person-focused, protecting from over-medicalisation, generalists and specialists together. */
export const rcgp3: Rule = ({ ctx }) => {
  const findings: Finding[] = [];
  const advice: Advice[] = [];
  const evidence: number[] = [];

  // (1) A whole-person or medication review.
  const holistic = ctx.withFlag(FLAG.holisticReview);
  const hasHolistic = holistic.reachable.length > 0;
  evidence.push(...holistic.reachable);
  if (!hasHolistic) {
    for (const i of holistic.unreachable) {
      const name = ctx.quoted(i);
      findings.push(
        stepFindingAt(
          ctx,
          i,
          `${name} is a whole-person review, but no route from an entry step leads to it.`,
          `Connect ${name} to the pathway.`,
        ),
      );
    }
    const reviews = ctx.where((i) => ctx.kind[i] === KIND.review).reachable;
    for (const i of reviews) {
      const name = ctx.quoted(i);
      findings.push(
        stepFindingAt(
          ctx,
          i,
          `${name} is a review, but nowhere in the pathway is there a whole-person or medication review.`,
          `Make ${name} a whole-person review that looks at all of the person's conditions and medicines together.`,
        ),
      );
    }
    if (reviews.length === 0 && holistic.unreachable.length === 0) {
      advice.push({
        message: 'No step looks at the whole person: there is no whole-person, multi-morbidity or medication review.',
        suggestion: 'Add a review that looks at all of the person’s conditions and medicines together.',
      });
    }
  }

  // (2) Decisions about treatment shared with the person.
  const decisions = ctx.treatmentDecisions();
  let shared = 0;
  for (const i of decisions) {
    if (ctx.hasFlag(i, FLAG.sharedDecision)) {
      shared++;
      evidence.push(i);
    } else {
      const name = ctx.quoted(i);
      findings.push(
        stepFindingAt(
          ctx,
          i,
          `${name} decides about the person's treatment, but is not marked as decided with the person.`,
          `Make ${name} a shared decision: go through the options, including doing nothing, with the person and decide together.`,
        ),
      );
    }
  }
  // Left out of the average when there are no treatment decisions: nothing to share is not a success.
  const sharedPart = decisions.length === 0 ? undefined : shared / decisions.length;

  // (3) Generalists and specialists together: one step with both, or an advice-and-guidance exchange.
  // Only where the person can reach (rule version 3): a joint clinic drawn but not yet joined to the
  // pathway is said to be unreachable, not counted as generalists and specialists working together.
  const joint: number[] = [];
  const jointUnreachable: number[] = [];
  for (let i = 0; i < ctx.n; i++) {
    if (ctx.hasRoleIn(i, GENERALIST_MASK) && ctx.hasRoleIn(i, SPECIALIST_MASK)) {
      (ctx.reachable[i] ? joint : jointUnreachable).push(i);
    }
  }
  const NONE = INFORMATION.none;
  for (let i = 0; i < ctx.n; i++) {
    if (!ctx.reachable[i]) continue;
    const kind = ctx.kind[i];
    const specialistLed = ((1 << (ctx.lead[i] as number)) & SPECIALIST_MASK) !== 0;
    // A step where the specialist sees or speaks with the person (an outpatient clinic) is an
    // ordinary referral, not advice given to the GP.
    if (!specialistLed || kind === KIND.admin || kind === KIND.referral || ctx.generalPractice[i] || ctx.contact[i]) {
      continue;
    }
    let asked = false;
    for (let k = ctx.inStart[i] as number; k < (ctx.inStart[i + 1] as number) && !asked; k++) {
      const e = ctx.inEdges[k] as number;
      const g = ctx.from[e] as number;
      asked =
        ctx.reachable[g] === 1 &&
        ctx.generalPractice[g] === 1 &&
        ctx.kind[g] !== KIND.referral &&
        ctx.hasRoleIn(g, GENERALIST_MASK) &&
        ctx.information[e] !== NONE;
    }
    if (!asked) continue;
    let answered = false;
    for (let k = ctx.outStart[i] as number; k < (ctx.outStart[i + 1] as number) && !answered; k++) {
      const e = ctx.outEdges[k] as number;
      answered = ctx.generalPractice[ctx.to[e] as number] === 1 && ctx.information[e] !== NONE;
    }
    if (answered) joint.push(i);
  }
  const together = ctx.stepIds(joint);
  const togetherPart = together.length > 0 ? 1 : 0;
  evidence.push(...joint);
  if (!togetherPart && jointUnreachable.length > 0) {
    findings.push(
      ...unreachableFindings(ctx, jointUnreachable, 'has a GP or practice nurse and a specialist working together'),
    );
  } else if (!togetherPart) {
    advice.push({
      message:
        'No step has a GP or practice nurse and a specialist working together, and there is no advice-and-guidance exchange.',
      suggestion:
        'Add a joint step (for example a shared clinic or case discussion with a GP and a specialist), or a route where the GP can ask a specialist for advice and get an answer back.',
    });
  }

  // (4) No assessment repeated in another sector without a shared record.
  const dups = ctx.duplicateAssessments();
  const tagged = ctx.taggedCount();
  for (const d of dups) {
    const s = ctx.step(d.step);
    const name = ctx.quoted(d.step);
    const earlier = ctx.quoted(d.earlier);
    findings.push(
      stepFinding(
        s,
        `${name} repeats the ${s.assessment} assessment already done at ${earlier} (${lower(SECTOR_LABELS[ctx.step(d.earlier).sector])}), and the result does not reach it through a shared record.`,
        `Share the record between ${earlier} and ${name} so the result travels with the person, or remove the repeat from ${name}.`,
      ),
    );
  }
  // Left out of the average when no assessment is tagged: nothing to compare.
  const dupPart = tagged === 0 ? undefined : 1 - dups.length / tagged;

  // The whole-person review and generalists and specialists together always have something to
  // check, so the average is never empty.
  let sum = (hasHolistic ? 1 : 0) + togetherPart;
  let parts = 2;
  if (sharedPart !== undefined) {
    sum += sharedPart;
    parts++;
  }
  if (dupPart !== undefined) {
    sum += dupPart;
    parts++;
  }
  const score = sum / parts;
  const multimorbidity = ctx.pathway.conditions.length > 1;
  const status = score === 1 ? 'met' : multimorbidity && !hasHolistic ? 'not_met' : score >= 0.5 ? 'partly' : 'not_met';
  const measure = [
    hasHolistic ? `whole-person review at ${plural(holistic.reachable.length, 'step')}` : 'no whole-person review',
    decisions.length === 0
      ? 'no treatment decisions to share'
      : `${shared} of ${plural(decisions.length, 'treatment decision')} shared with the person`,
    together.length > 0
      ? `generalists and specialists together at ${plural(together.length, 'step')}`
      : 'generalists and specialists never work together',
    tagged === 0 ? 'no tagged assessments to compare' : `${plural(dups.length, 'repeated assessment')}`,
  ].join('; ');
  if (multimorbidity && !hasHolistic) {
    advice.push({
      message: `This pathway covers ${ctx.pathway.conditions.length} conditions, but nothing looks at them together.`,
      suggestion: 'Add a whole-person review for people living with several of these conditions.',
    });
  }
  return criterion('rcgp-3', status, score, measure, ctx.stepIds(evidence), findings, advice);
};

/** RCGP 4: no new bureaucratic structures. */
export const rcgp4: Rule = ({ ctx }) => {
  const findings: Finding[] = [];
  const advice: Advice[] = [];
  const evidence: string[] = [];
  const ADMIN = KIND.admin;
  let admin = 0;
  for (let i = 0; i < ctx.n; i++) if (ctx.kind[i] === ADMIN) admin++;
  const share = ctx.n === 0 ? 0 : admin / ctx.n;
  const tooMany = share > 0.2;
  if (tooMany) {
    advice.push({
      message: `${admin} of ${plural(ctx.n, 'step')} (${pct(admin, ctx.n)}) are administrative, more than one in five.`,
      suggestion: 'Merge administrative steps, or fold them into steps where the person is seen.',
    });
  }
  let chains = 0;
  for (let e = 0; e < ctx.m; e++) {
    const from = ctx.from[e] as number;
    const to = ctx.to[e] as number;
    if (ctx.kind[from] !== ADMIN || ctx.kind[to] !== ADMIN || from === to) continue;
    const a = ctx.quoted(from);
    const b = ctx.quoted(to);
    chains++;
    findings.push(
      transitionFinding(
        ctx,
        e,
        `${a} leads straight to another administrative step, ${b}: two layers of administration in a row.`,
        `Merge ${a} and ${b} into one step, or remove one of them.`,
      ),
    );
  }
  let onPath = 0;
  let justified = 0;
  for (let i = 0; i < ctx.n; i++) {
    if (ctx.kind[i] !== ADMIN || !ctx.reachable[i] || !ctx.leadsToExit[i]) continue;
    onPath++;
    if (ctx.benefit[i]) {
      justified++;
      evidence.push(ctx.ids[i] as string);
      continue;
    }
    const name = ctx.quoted(i);
    findings.push(
      stepFindingAt(
        ctx,
        i,
        `${name} is an administrative step on the person's route, and the pathway does not say what it adds for them.`,
        `Say what ${name} adds for the person, or merge it into a step where they are seen, or remove it.`,
      ),
    );
  }
  if (tooMany) {
    // Over the limit, every administrative step is part of the problem, including those that say
    // what they add: pin the explanation to each one not already named above, in pathway order.
    const named = new Set(findings.map((f) => f.target));
    for (let i = 0; i < ctx.n; i++) {
      if (ctx.kind[i] !== ADMIN || named.has(ctx.ids[i] as string)) continue;
      const name = ctx.quoted(i);
      findings.push(
        stepFindingAt(
          ctx,
          i,
          `${name} is one of ${admin} administrative steps (${pct(admin, ctx.n)} of the pathway), more than one in five.`,
          `Fold ${name} into a step where the person is seen, or remove it, so that administration is no more than one step in five.`,
        ),
      );
    }
  }
  const status = tooMany || chains > 0 ? 'not_met' : justified < onPath ? 'partly' : 'met';
  const measure =
    admin === 0
      ? 'No administrative steps'
      : `${admin} of ${plural(ctx.n, 'step')} administrative (${pct(admin, ctx.n)}; limit 20%); ` +
        `${plural(chains, 'administrative step')} straight after another; ` +
        `${justified} of ${onPath} administrative steps the person passes through say what they add for them`;
  return criterion(
    'rcgp-4',
    status,
    0.5 + (0.5 * justified) / Math.max(1, onPath),
    measure,
    evidence,
    findings,
    advice,
  );
};

/** RCGP 5: no diversion of funding from general practice. */
export const rcgp5: Rule = ({ ctx }) => {
  const findings: Finding[] = [];
  const evidence: string[] = [];
  let shifted = 0;
  let unfundedMinutes = 0;
  for (const i of ctx.gpWorkloadSteps) {
    const w = ctx.step(i).gpWorkload as NonNullable<Step['gpWorkload']>;
    shifted++;
    if (w.funded) {
      evidence.push(ctx.ids[i] as string);
      continue;
    }
    unfundedMinutes += w.minutesPerPatient;
    const name = ctx.quoted(i);
    const minutes = plural(w.minutesPerPatient, 'minute');
    findings.push(
      stepFindingAt(
        ctx,
        i,
        `${name} moves ${minutes} per patient onto general practice with no funding.`,
        `Agree funding for the ${minutes} per patient that ${name} adds to general practice, or have the service that asks for the work do it.`,
      ),
    );
  }
  if (shifted === 0) return criterion('rcgp-5', 'met', 1, 'No step moves work onto general practice', [], []);
  const unfunded = findings.length;
  const measure =
    unfunded === 0
      ? `All ${plural(shifted, 'step')} that move work onto general practice are funded`
      : `${unfunded} of ${plural(shifted, 'step')} that move work onto general practice are unfunded (${unfundedMinutes} minutes per patient in all)`;
  return criterion('rcgp-5', unfunded === 0 ? 'met' : 'not_met', 0, measure, evidence, findings);
};
