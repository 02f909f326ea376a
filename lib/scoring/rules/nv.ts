// National Voices principles of integrated care (seed 003), one pure rule per principle.
// How each is measured, and why, is in ../frameworks.ts (howMeasured and notes); keep them in step.
import { CHANNELS, STEP_KINDS, type Step } from '../../pathway/schema';
import { CHANNEL_LABELS, ROLE_LABELS, listInWords } from '../../pathway/labels';
import { FLAG, HOURS_CODE, KIND, ROLE, SECTOR, SETTING, roleBit } from '../codes';
import type { PathwayContext } from '../context';
import { criterion, plural, stepFindingAt, unreachableFindings, type Rule } from '../result';
import type { Advice, Finding, Status } from '../types';

// Channel lists in words, cached per list ("app and online form"). The key is the list written as
// a number, 3 bits per channel (channel code + 1), so looking a phrase up allocates nothing; a
// list too long for that (more than 9 channels, repeats included) is keyed by its joined names.
type Channel = Step['channels'][number];
const CHANNEL_KEY = Object.fromEntries(CHANNELS.map((c, i) => [c, i + 1])) as Record<Channel, number>;
const channelPhrases = new Map<number | string, string>();
function channelsInWords(channels: readonly Channel[]): string {
  let key: number | string = 0;
  if (channels.length <= 9) {
    for (let k = channels.length - 1; k >= 0; k--) key = key * 8 + CHANNEL_KEY[channels[k] as Channel];
  } else key = channels.join(',');
  let phrase = channelPhrases.get(key);
  if (phrase === undefined) {
    phrase = listInWords(channels.map((c) => CHANNEL_LABELS[c].toLowerCase()));
    if (channelPhrases.size > 1000) channelPhrases.clear();
    channelPhrases.set(key, phrase);
  }
  return phrase;
}

// NV 5's sentence after the step's name, cached per channel list and entry or not, so each
// digital-only step's finding is one join of two strings.
const digitalOnlyTails = new Map<string, string>();
function digitalOnlyTail(channels: readonly Channel[], entry: boolean): string {
  const phrase = channelsInWords(channels);
  const key = entry ? `${phrase}!` : phrase;
  let tail = digitalOnlyTails.get(key);
  if (tail === undefined) {
    tail = ` can only be reached by ${phrase}, which shuts out people without a device, internet access or confidence online${entry ? ', right at the way in' : ''}.`;
    if (digitalOnlyTails.size > 1000) digitalOnlyTails.clear();
    digitalOnlyTails.set(key, tail);
  }
  return tail;
}

// The same tail for step i, from the channel list's number in the context (no step read), keyed
// by that number and whether the step is an entry.
const digitalOnlyTailsByKey = new Map<number, string>();
function digitalOnlyTailAt(ctx: PathwayContext, i: number, entry: boolean): string {
  const listKey = ctx.channelListKey[i] as number;
  if (listKey < 0) return digitalOnlyTail(ctx.step(i).channels, entry);
  const key = listKey * 2 + (entry ? 1 : 0);
  let tail = digitalOnlyTailsByKey.get(key);
  if (tail === undefined) {
    tail = digitalOnlyTail(ctx.step(i).channels, entry);
    if (digitalOnlyTailsByKey.size > 1000) digitalOnlyTailsByKey.clear();
    digitalOnlyTailsByKey.set(key, tail);
  }
  return tail;
}

/** met when every part is full, not met when nothing is present, partly in between ("some present"). */
function someStatus(parts: readonly number[]): { status: Status; score: number } {
  const score = parts.length === 0 ? 1 : parts.reduce((a, b) => a + b, 0) / parts.length;
  return { status: score >= 1 ? 'met' : score > 0 ? 'partly' : 'not_met', score };
}

/** True when the step or one within `depth` transitions after it satisfies the predicate. */
function nearby(ctx: PathwayContext, start: number, depth: number, predicate: (i: number) => boolean): boolean {
  let frontier = [start];
  const seen = new Set<number>(frontier);
  for (let d = 0; d <= depth; d++) {
    const next: number[] = [];
    for (const v of frontier) {
      if (predicate(v)) return true;
      if (d === depth) continue;
      for (let k = ctx.outStart[v] as number; k < (ctx.outStart[v + 1] as number); k++) {
        const w = ctx.to[ctx.outEdges[k] as number] as number;
        if (!seen.has(w)) {
          seen.add(w);
          next.push(w);
        }
      }
    }
    frontier = next;
  }
  return false;
}

/** NV 1: organised around the needs of individuals (person-centred). */
export const nv1: Rule = ({ ctx }) => {
  const findings: Finding[] = [];
  const advice: Advice[] = [];
  const evidence: number[] = [];
  const parts: number[] = [];

  let asked = 0;
  for (const e of ctx.entries) {
    if (nearby(ctx, e, 2, (i) => ctx.hasFlag(i, FLAG.whatMattersToMe))) {
      asked++;
      evidence.push(e);
    } else {
      const name = ctx.quoted(e);
      findings.push(
        stepFindingAt(
          ctx,
          e,
          `What matters to the person is not asked at ${name} or in the two steps after it, so their own goals do not shape what follows.`,
          `Ask what matters to the person, and write it down, at ${name} or at one of the two steps after it.`,
        ),
      );
    }
  }
  parts.push(ctx.entries.length === 0 ? 0 : asked / ctx.entries.length);

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
          `Make ${name} a shared decision: go through the options with the person and decide together.`,
        ),
      );
    }
  }
  if (decisions.length > 0) parts.push(shared / decisions.length);

  const plan = ctx.withFlag(FLAG.carePlanAgreed);
  evidence.push(...plan.reachable);
  parts.push(plan.reachable.length > 0 ? 1 : 0);
  if (plan.reachable.length === 0) {
    findings.push(...unreachableFindings(ctx, plan.unreachable, 'agrees a care plan'));
    if (plan.unreachable.length === 0) {
      advice.push({
        message: 'No step agrees a care plan with the person.',
        suggestion: 'Add a step, or use an existing review, where a care plan is prepared together with the person.',
      });
    }
  }

  const { status, score } = someStatus(parts);
  const measure = [
    `what matters asked near ${asked} of ${plural(ctx.entries.length, 'entry step')}`,
    decisions.length === 0
      ? 'no treatment decisions'
      : `${shared} of ${plural(decisions.length, 'treatment decision')} shared`,
    plan.reachable.length > 0 ? `care plan agreed at ${plural(plan.reachable.length, 'step')}` : 'no care plan agreed',
  ].join('; ');
  return criterion('nv-1', status, score, measure, ctx.stepIds(evidence), findings, advice);
};

/** Kinds where nothing is done with the person, so they cannot carry a contribution (NV 2). */
const NO_CONTRIBUTION_KIND = Uint8Array.from(STEP_KINDS, (k) =>
  k === 'exit' || k === 'outcome' || k === 'admin' ? 1 : 0,
);

/** NV 2: includes community and voluntary sector contributions. */
export const nv2: Rule = ({ ctx }) => {
  // Exit, outcome and admin steps are left out, as exits are in NV 3: the person meets no one there.
  const vol = ctx.where(
    (i) =>
      !NO_CONTRIBUTION_KIND[ctx.kind[i] as number] &&
      (ctx.sector[i] === SECTOR.voluntary_community ||
        (ctx.kind[i] === KIND.support && ctx.lead[i] === ROLE.voluntary_worker)),
  );
  const evidence = vol.reachable.map((i) => ctx.ids[i] as string);
  if (evidence.length > 0) {
    return criterion(
      'nv-2',
      'met',
      1,
      `${plural(evidence.length, 'voluntary or community sector step')}`,
      evidence,
      [],
    );
  }
  const findings = unreachableFindings(ctx, vol.unreachable, 'is a voluntary or community sector step');
  const advice: Advice[] =
    vol.unreachable.length === 0
      ? [
          {
            message: 'No step involves the voluntary and community sector.',
            suggestion:
              'Add a step in the voluntary and community sector lane, such as support from a local charity or peer group, where it would help the person.',
          },
        ]
      : [];
  return criterion(
    'nv-2',
    'not_met',
    0,
    'No voluntary or community sector step the person can reach',
    [],
    findings,
    advice,
  );
};

/** NV 3: focused on benefit to service users. */
export const nv3: Rule = ({ ctx }) => {
  const findings: Finding[] = [];
  const evidence: string[] = [];
  let counted = 0;
  for (let i = 0; i < ctx.n; i++) {
    if (ctx.kind[i] === KIND.exit) continue;
    counted++;
    if (ctx.benefit[i]) {
      evidence.push(ctx.ids[i] as string);
      continue;
    }
    const name = ctx.quoted(i);
    findings.push(
      stepFindingAt(
        ctx,
        i,
        `${name} does not say how it helps the person.`,
        `Write down what ${name} does for the person, in their terms; if nothing, consider removing it.`,
      ),
    );
  }
  const ok = evidence.length;
  const share = counted === 0 ? 1 : ok / counted;
  const status = ok === counted ? 'met' : share >= 0.5 ? 'partly' : 'not_met';
  return criterion(
    'nv-3',
    status,
    share,
    `${ok} of ${plural(counted, 'step')} say how they help the person`,
    evidence,
    findings,
  );
};

/** NV 4: evaluated by outcomes, especially those users report. */
export const nv4: Rule = ({ ctx }) => {
  const findings: Finding[] = [];
  const advice: Advice[] = [];
  const measured = ctx.where((i) => ctx.measures[i] !== 0);
  const steps = measured.reachable;
  const evidence = steps.map((i) => ctx.ids[i] as string);
  if (steps.length === 0) {
    findings.push(...unreachableFindings(ctx, measured.unreachable, 'measures outcomes'));
    if (measured.unreachable.length === 0) {
      advice.push({
        message: 'The pathway measures no outcomes.',
        suggestion:
          'Add outcome measures, including at least one the person reports themselves (a PROM or PREM), at the start and again later in the journey.',
      });
    }
    return criterion(
      'nv-4',
      'not_met',
      0,
      'No outcome measures at any step the person can reach',
      [],
      findings,
      advice,
    );
  }
  const userReported = measured.reachable.filter((i) => ((ctx.measures[i] as number) & 2) !== 0);
  if (userReported.length === 0) {
    for (const i of steps) {
      const name = ctx.quoted(i);
      findings.push(
        stepFindingAt(
          ctx,
          i,
          `${name} measures only clinical or process outcomes; none is reported by the person.`,
          `Add a measure the person reports at ${name}: an outcome measure (PROM) or an experience measure (PREM).`,
        ),
      );
    }
  }
  if (steps.length === 1) {
    const i = steps[0] as number;
    const name = ctx.quoted(i);
    findings.push(
      stepFindingAt(
        ctx,
        i,
        `${name} is the only step that measures outcomes, so change across the journey cannot be seen.`,
        `Repeat the measure at a later step, such as a review or the end of the pathway, as well as at ${name}.`,
      ),
    );
  }
  const parts = 1 + (userReported.length > 0 ? 1 : 0) + (steps.length >= 2 ? 1 : 0);
  const measure = `Outcomes measured at ${plural(steps.length, 'step')}, ${userReported.length} with a measure the person reports`;
  return criterion('nv-4', parts === 3 ? 'met' : 'partly', parts / 3, measure, evidence, findings);
};

/**
 * The first contacts with a professional on each route from `start` (not counting it): a walk
 * that stops at each contact it meets. Linear in the steps and transitions it visits.
 */
function firstContactsAfter(ctx: PathwayContext, start: number, seen: Int32Array): number[] {
  // `seen` is shared by the walks of one run: a step is seen in this walk when it holds start + 1.
  const mark = start + 1;
  const queue = [start];
  const found: number[] = [];
  seen[start] = mark;
  for (let head = 0; head < queue.length; head++) {
    const v = queue[head] as number;
    for (let k = ctx.outStart[v] as number; k < (ctx.outStart[v + 1] as number); k++) {
      const w = ctx.to[ctx.outEdges[k] as number] as number;
      if (seen[w] === mark) continue;
      seen[w] = mark;
      if (ctx.contact[w]) found.push(w);
      else queue.push(w);
    }
  }
  return found.sort((a, b) => a - b);
}

/** NV 5: fully inclusive of all communities. */
export const nv5: Rule = ({ ctx }) => {
  const findings: Finding[] = [];
  const evidence: number[] = [];
  const parts: number[] = [];

  let withChannels = 0;
  let digitalOnly = 0;
  let digitalEntry = false;
  for (let i = 0; i < ctx.n; i++) {
    if (ctx.channelCount[i] === 0) continue;
    withChannels++;
    if (!ctx.digitalOnly[i]) continue;
    const name = ctx.quoted(i);
    digitalOnly++;
    const entry = ctx.kind[i] === KIND.entry;
    if (entry) digitalEntry = true;
    findings.push(
      stepFindingAt(
        ctx,
        i,
        `${name}${digitalOnlyTailAt(ctx, i, entry)}`,
        `Add a phone or face-to-face route to ${name}.`,
      ),
    );
  }
  parts.push(withChannels === 0 ? 1 : 1 - digitalOnly / withChannels);

  // Adaptations where the person first meets a professional: the entry step itself when a
  // professional leads it, otherwise the first professional contact on each route after it (a
  // self-care or person-led entry has no one to offer an interpreter).
  let adapted = 0;
  let counted = 0;
  const named = ctx.arena.u8(ctx.n);
  let walked: Int32Array | undefined;
  for (const e of ctx.entries) {
    const first = ctx.contact[e] ? [e] : firstContactsAfter(ctx, e, (walked ??= ctx.arena.i32(ctx.n)));
    if (first.length === 0) continue;
    counted++;
    let all = true;
    for (const i of first) {
      if (ctx.adaptationCount[i] !== 0) {
        evidence.push(i);
        continue;
      }
      all = false;
      if (named[i]) continue;
      named[i] = 1;
      const name = ctx.quoted(i);
      const where =
        i === e ? 'is where people come in' : `is where people coming in at ${ctx.quoted(e)} first meet a professional`;
      findings.push(
        stepFindingAt(
          ctx,
          i,
          `${name} ${where}, but it offers no adaptations such as an interpreter, British Sign Language, easy read or step-free access.`,
          `Offer adaptations at ${name}: for example an interpreter, British Sign Language, easy read, large print or step-free access.`,
        ),
      );
    }
    if (all) adapted++;
  }
  parts.push(counted === 0 ? 0 : adapted / counted);

  const emergency: number[] = [];
  for (let i = 0; i < ctx.n; i++) if (ctx.setting[i] === SETTING.emergency) emergency.push(i);
  const ooh: number[] = [];
  if (emergency.length > 0) {
    for (let i = 0; i < ctx.n; i++) {
      const h = ctx.hours[i];
      if (h === HOURS_CODE.out_of_hours || h === HOURS_CODE.always) ooh.push(i);
    }
    evidence.push(...ooh);
    parts.push(ooh.length > 0 ? 1 : 0);
    if (ooh.length === 0) {
      for (const i of emergency) {
        const name = ctx.quoted(i);
        findings.push(
          stepFindingAt(
            ctx,
            i,
            `${name} is emergency care, but no step in the pathway is open out of hours or always, so there is no route when services are closed.`,
            `Add an out-of-hours route, or record the hours of ${name} if it is open out of hours or always.`,
          ),
        );
      }
    }
  }

  let { status, score } = someStatus(parts);
  if (digitalEntry) status = 'not_met';
  const measure = [
    `${plural(digitalOnly, 'step')} reachable only digitally`,
    `adaptations offered at the first professional contact after ${adapted} of ${plural(counted, 'entry step')}`,
    emergency.length === 0
      ? 'no emergency steps'
      : ooh.length > 0
        ? `out-of-hours or always-open route at ${plural(ooh.length, 'step')}`
        : 'no out-of-hours route although the pathway includes emergency care',
  ].join('; ');
  if (status === 'not_met') score = 0;
  return criterion('nv-5', status, score, measure, ctx.stepIds(evidence), findings);
};

function contributions(collab: { contributionsByRole: ReadonlyMap<string, number> | undefined }, role: string): number {
  return collab.contributionsByRole?.get(role) ?? 0;
}

const RECORD_ADVICE: Advice = {
  message: 'There is no record of who took part in designing this pathway.',
  suggestion:
    'Score it with the collaboration record (who took part, by role), or rate this criterion in the workshop.',
};

/** NV 6: designed together with users of services and their carers. */
export const nv6: Rule = ({ collab }) => {
  if (!collab.contributionsByRole) {
    return criterion('nv-6', 'needs_judgement', 0, 'No record of who took part in the design', [], [], [RECORD_ADVICE]);
  }
  const patients = contributions(collab, 'patient');
  const carers = contributions(collab, 'carer');
  const present = (patients > 0 ? 1 : 0) + (carers > 0 ? 1 : 0);
  const advice: Advice[] = [];
  if (patients === 0) {
    advice.push({
      message: 'No one taking part as a patient has contributed to the design.',
      suggestion: 'Invite people who use these services to comment on, rate or edit the pathway.',
    });
  }
  if (carers === 0) {
    advice.push({
      message: 'No one taking part as a carer has contributed to the design.',
      suggestion: 'Invite carers to comment on, rate or edit the pathway.',
    });
  }
  const status = present === 2 ? 'met' : present === 1 ? 'partly' : 'not_met';
  return criterion(
    'nv-6',
    status,
    0.5,
    `${plural(patients, 'contribution')} from patients, ${plural(carers, 'contribution')} from carers`,
    [],
    [],
    advice,
  );
};

/** NV 7: a new deal for people with long-term conditions. */
export const nv7: Rule = ({ ctx }) => {
  const elements = [
    { flag: 'careCoordinatorNamed', words: 'a named care coordinator', does: 'names a care coordinator' },
    {
      flag: 'recordsAccess',
      words: 'access to their own record or plan',
      does: 'gives the person access to their record',
    },
    { flag: 'carePlanAgreed', words: 'a care plan prepared with them', does: 'agrees a care plan' },
    { flag: 'selfManagementSupport', words: 'support to manage their own condition', does: 'supports self-management' },
  ] as const;
  const evidence: number[] = [];
  const findings: Finding[] = [];
  const missing: string[] = [];
  let present = 0;
  for (const el of elements) {
    const found = ctx.withFlag(FLAG[el.flag]);
    if (found.reachable.length > 0) {
      present++;
      evidence.push(...found.reachable);
    } else {
      missing.push(el.words);
      findings.push(...unreachableFindings(ctx, found.unreachable, el.does));
    }
  }
  const advice: Advice[] =
    missing.length > 0
      ? [
          {
            message: `The person is not offered ${listInWords(missing)}.`,
            suggestion: `Add ${listInWords(missing)} at the steps where the person’s long-term care is planned or reviewed.`,
          },
        ]
      : [];
  const status = present === 4 ? 'met' : present > 0 ? 'partly' : 'not_met';
  return criterion(
    'nv-7',
    status,
    present / 4,
    `${present} of 4 elements of the new deal`,
    ctx.stepIds(evidence),
    findings,
    advice,
  );
};

/** NV 8: responds to carers as well as the people they care for. */
export const nv8: Rule = ({ ctx }) => {
  const findings: Finding[] = [];
  const advice: Advice[] = [];
  const evidence: number[] = [];
  const CARER = roleBit('carer');
  const involved = (i: number) => ctx.hasFlag(i, FLAG.carerInvolved) || ctx.hasRoleIn(i, CARER);
  const decides = (i: number) =>
    ctx.kind[i] === KIND.decision || ctx.hasFlag(i, FLAG.sharedDecision | FLAG.carePlanAgreed);

  const inDecisions = ctx.where((i) => involved(i) && decides(i));
  const anywhere = ctx.where(involved);
  const involvement = inDecisions.reachable.length > 0 ? 1 : anywhere.reachable.length > 0 ? 0.5 : 0;
  evidence.push(...anywhere.reachable);
  if (involvement < 1) {
    const decisionSteps = ctx.where((i) => decides(i) && !involved(i)).reachable;
    for (const i of decisionSteps) {
      const name = ctx.quoted(i);
      findings.push(
        stepFindingAt(
          ctx,
          i,
          `A carer, if the person has one, is not involved at ${name}, where decisions about the person's care are made.`,
          `Where the person wishes, invite their carer to take part in ${name}.`,
        ),
      );
    }
    if (decisionSteps.length === 0) {
      advice.push({
        message: 'Carers are not involved in decisions about the person’s care at any step.',
        suggestion:
          'Where the person wishes, involve their carer when decisions are made and when the care plan is agreed.',
      });
    }
  }

  const support = ctx.withFlag(FLAG.carerSupport);
  evidence.push(...support.reachable);
  const supported = support.reachable.length > 0 ? 1 : 0;
  if (!supported) {
    findings.push(...unreachableFindings(ctx, support.unreachable, 'supports the carer'));
    for (const i of anywhere.reachable) {
      const name = ctx.quoted(i);
      findings.push(
        stepFindingAt(
          ctx,
          i,
          `${name} involves the carer but does not look at the carer's own needs.`,
          `Offer the carer an assessment of, or support for, their own needs at ${name}.`,
        ),
      );
    }
    if (anywhere.reachable.length === 0 && support.unreachable.length === 0) {
      advice.push({
        message: 'No step assesses or supports a carer’s own needs.',
        suggestion: 'Add a point where carers are offered an assessment of their own needs and support.',
      });
    }
  }
  const { status, score } = someStatus([involvement, supported]);
  const measure = [
    involvement === 1
      ? `carer involved in decisions at ${plural(inDecisions.reachable.length, 'step')}`
      : involvement === 0.5
        ? `carer involved at ${plural(anywhere.reachable.length, 'step')}, but not where decisions are made`
        : 'carer not involved at any step',
    supported
      ? `carer's own needs supported at ${plural(support.reachable.length, 'step')}`
      : "carer's own needs not supported",
  ].join('; ');
  return criterion('nv-8', status, score, measure, ctx.stepIds(evidence), findings, advice);
};

/** NV 9: driven forward by commissioners. */
export const nv9: Rule = ({ ctx, collab }) => {
  const sponsor = ctx.pathway.metadata.sponsor;
  if (!sponsor || sponsor.role !== 'commissioner') {
    const message = sponsor
      ? `The sponsor, ${sponsor.name}, is named as ${ROLE_LABELS[sponsor.role].toLowerCase()}, not a commissioner.`
      : 'The pathway names no sponsor.';
    return criterion(
      'nv-9',
      'not_met',
      0,
      sponsor ? 'Sponsor is not a commissioner' : 'No sponsor named',
      [],
      [],
      [{ message, suggestion: 'Name the commissioner who is driving this pathway as its sponsor.' }],
    );
  }
  if (!collab.contributionsByRole) {
    return criterion(
      'nv-9',
      'needs_judgement',
      0,
      `Sponsored by a commissioner (${sponsor.name}); no record of whether a commissioner took part`,
      [],
      [],
      [RECORD_ADVICE],
    );
  }
  const took = contributions(collab, 'commissioner');
  if (took > 0) {
    return criterion(
      'nv-9',
      'met',
      1,
      `Sponsored by a commissioner (${sponsor.name}), who took part in the design`,
      [],
      [],
    );
  }
  return criterion(
    'nv-9',
    'partly',
    0.5,
    `Sponsored by a commissioner (${sponsor.name}), but no commissioner took part in the design`,
    [],
    [],
    [
      {
        message: 'No commissioner has contributed to the design, although a commissioner sponsors it.',
        suggestion: 'Invite the sponsoring commissioner to take part: comment on, rate or edit the pathway.',
      },
    ],
  );
};

/** NV 10: encouraged through incentives. */
export const nv10: Rule = ({ ctx }) => {
  const list = ctx.pathway.metadata.incentives.filter((x) => x.trim() !== '');
  if (list.length > 0)
    return criterion('nv-10', 'met', 1, `${plural(list.length, 'incentive')}: ${list.join('; ')}`, [], []);
  return criterion(
    'nv-10',
    'not_met',
    0,
    'No incentives recorded',
    [],
    [],
    [
      {
        message: 'The pathway records no incentives that encourage joined-up care.',
        suggestion:
          'Record the incentives that support this pathway, for example a locally agreed payment for the work it asks of services.',
      },
    ],
  );
};

/** NV 11: public and social value, not just saving money. */
export const nv11: Rule = ({ ctx }) => {
  const list = ctx.pathway.metadata.socialValue.filter((x) => x.trim() !== '');
  if (list.length > 0)
    return criterion('nv-11', 'met', 1, `${plural(list.length, 'social value')}: ${list.join('; ')}`, [], []);
  return criterion(
    'nv-11',
    'not_met',
    0,
    'No public or social value recorded',
    [],
    [],
    [
      {
        message: 'The pathway records no public or social value beyond its cost.',
        suggestion: 'Record what the pathway should achieve for people and the community, beyond saving money.',
      },
    ],
  );
};

/** A real calendar date written YYYY-MM-DD. */
export function isIsoDate(value: string | undefined): value is string {
  if (!value) return false;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1] as number;
  return d <= days;
}

/** NV 12: lasts over time and is allowed to experiment. */
export const nv12: Rule = ({ ctx, collab, today }) => {
  const { reviewDate, evaluationPlan } = ctx.pathway.metadata;
  const hasPlan = !!evaluationPlan && evaluationPlan.trim() !== '';
  const knownToday = isIsoDate(today) ? today : undefined;
  const advice: Advice[] = [];
  if (!reviewDate) {
    advice.push({
      message: 'The pathway has no review date.',
      suggestion: 'Set a date by which the pathway will be reviewed.',
    });
  } else if (knownToday && reviewDate <= knownToday) {
    advice.push({
      message: `The review date, ${reviewDate}, has passed.`,
      suggestion: 'Review the pathway and set the next review date.',
    });
  }
  if (!hasPlan) {
    advice.push({
      message: 'The pathway has no evaluation plan.',
      suggestion: 'Say how the pathway will be evaluated, and when: which measures, taken by whom.',
    });
  }
  const versions = collab.versionCount;
  const parts = [
    !reviewDate
      ? 'no review date'
      : knownToday
        ? `review date ${reviewDate}${reviewDate <= knownToday ? ' (passed)' : ''}`
        : `review date ${reviewDate} (today's date not given)`,
    hasPlan ? 'evaluation plan in place' : 'no evaluation plan',
    versions === undefined ? 'number of saved versions not known' : plural(versions, 'saved version'),
  ];
  const measure = parts.join('; ');
  if (advice.length > 0) return criterion('nv-12', 'not_met', 0, measure, [], [], advice);
  if (!knownToday || versions === undefined) {
    if (versions === undefined) {
      advice.push({
        message:
          'It is not known how many versions of this pathway have been saved, so it cannot tell whether it has been revisited.',
        suggestion: 'Score it with the record of its saved versions, or rate this criterion in the workshop.',
      });
    }
    if (!knownToday) {
      advice.push({
        message: `Today's date was not given, so it cannot tell whether the review date, ${reviewDate}, has passed.`,
        suggestion: "Score it again with today's date, or rate this criterion in the workshop.",
      });
    }
    return criterion('nv-12', 'needs_judgement', 0, measure, [], [], advice);
  }
  if (versions > 1) return criterion('nv-12', 'met', 1, measure, [], []);
  return criterion(
    'nv-12',
    'partly',
    0.5,
    measure,
    [],
    [],
    [
      {
        message: 'Only one version of the pathway has been saved, so it has not yet been revisited.',
        suggestion: 'Revisit the pathway after trying it, and save the changes as a new version.',
      },
    ],
  );
};
