// A pathway as a FHIR R4 PlanDefinition, and back (issue 6, §6).
//
// Each step is an action (id = step id). Each transition is a relatedAction on the step it leads
// to: "starts after the end of" the step it comes from, with the expected wait as offsetDuration.
// Kinds and roles are coded in Pathweave's own code systems; sector, setting, channels, flags and the
// other pathway-format fields travel as extensions, so a pathway exported and imported again is the
// same pathway. A PlanDefinition from elsewhere imports when each action says its sector, setting and
// lead role; anything missing is an error naming the action and the field, never a silent default.
import type {
  Extension,
  PlanDefinition,
  PlanDefinitionAction,
  PlanDefinitionActionParticipant,
} from '@medplum/fhirtypes';
import { KIND_LABELS, ROLE_LABELS } from '@/lib/pathway/labels';
import {
  PATHWAY_FORMAT,
  STEP_FLAGS,
  type Pathway,
  type PathwayInput,
  type Role,
  type StepInput,
  type TransitionInput,
} from '@/lib/pathway/schema';
import { parsePathway } from '@/lib/pathway/validate';
import { CODE_SYSTEM, EXT, fhirId } from './ids';

export type PathwayStatus = 'draft' | 'in_review' | 'published' | 'retired';

export const PLAN_DEFINITION_STATUS: Readonly<Record<PathwayStatus, PlanDefinition['status']>> = {
  draft: 'draft',
  in_review: 'draft',
  published: 'active',
  retired: 'retired',
};

export interface PlanDefinitionOptions {
  /** The pathway's id in Pathweave. */
  id: string;
  /** The canonical URL (plan-definition URL of the app). */
  url: string;
  status: PathwayStatus;
  /** e.g. the latest version number. */
  version?: string;
  /** Last change (ISO moment). */
  date?: string;
}

/** A computer-friendly name: "COPD: breathlessness to…" -> "COPDBreathlessnessTo…" (FHIR's name pattern). */
export function computableName(title: string): string {
  const words = title
    .replace(/[^A-Za-z0-9 ]+/g, ' ')
    .split(/\s+/)
    .filter(Boolean);
  const name = words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
  const safe = /^[A-Z]/.test(name) ? name : `Pathway${name}`;
  return safe.slice(0, 255);
}

function participantType(role: Role): PlanDefinitionActionParticipant['type'] {
  if (role === 'patient') return 'patient';
  if (role === 'carer') return 'related-person';
  return 'practitioner';
}

function participant(role: Role): PlanDefinitionActionParticipant {
  return {
    type: participantType(role),
    role: { coding: [{ system: CODE_SYSTEM.role, code: role, display: ROLE_LABELS[role] }], text: ROLE_LABELS[role] },
  };
}

const code = (url: string, valueCode: string): Extension => ({ url, valueCode });
const str = (url: string, valueString: string): Extension => ({ url, valueString });

export function pathwayToPlanDefinition(pathway: Pathway, options: PlanDefinitionOptions): PlanDefinition {
  const extension: Extension[] = [];
  if (pathway.population) extension.push(str(EXT.pathwayPopulation, pathway.population));
  const md = pathway.metadata;
  if (md.sponsor) {
    extension.push({
      url: EXT.pathwaySponsor,
      extension: [str('name', md.sponsor.name), code('role', md.sponsor.role)],
    });
  }
  for (const i of md.incentives) extension.push(str(EXT.pathwayIncentive, i));
  for (const v of md.socialValue) extension.push(str(EXT.pathwaySocialValue, v));
  if (md.reviewDate) extension.push({ url: EXT.pathwayReviewDate, valueDate: md.reviewDate });
  if (md.evaluationPlan) extension.push(str(EXT.pathwayEvaluationPlan, md.evaluationPlan));

  const incoming = new Map<string, typeof pathway.transitions>();
  for (const t of pathway.transitions) {
    const list = incoming.get(t.to) ?? [];
    list.push(t);
    incoming.set(t.to, list);
  }

  const action: PlanDefinitionAction[] = pathway.steps.map((s) => {
    const ext: Extension[] = [code(EXT.stepSector, s.sector), code(EXT.stepSetting, s.setting)];
    if (s.hours) ext.push(code(EXT.stepHours, s.hours));
    for (const c of s.channels) ext.push(code(EXT.stepChannel, c));
    for (const a of s.adaptations) ext.push(code(EXT.stepAdaptation, a));
    for (const f of STEP_FLAGS) if (s.flags[f]) ext.push(code(EXT.stepFlag, f));
    if (s.assessment) ext.push(str(EXT.stepAssessment, s.assessment));
    for (const m of s.outcomeMeasures) {
      ext.push({ url: EXT.stepOutcomeMeasure, extension: [str('name', m.name), code('type', m.type)] });
    }
    if (s.gpWorkload) {
      ext.push({
        url: EXT.stepGpWorkload,
        extension: [
          { url: 'minutesPerPatient', valueDecimal: s.gpWorkload.minutesPerPatient },
          { url: 'funded', valueBoolean: s.gpWorkload.funded },
        ],
      });
    }
    const a: PlanDefinitionAction = {
      id: s.id,
      title: s.title,
      code: [{ coding: [{ system: CODE_SYSTEM.stepKind, code: s.kind, display: KIND_LABELS[s.kind] }] }],
      participant: [participant(s.leadRole), ...s.roles.filter((r) => r !== s.leadRole).map(participant)],
      extension: ext,
    };
    if (s.patientBenefit !== undefined) a.description = s.patientBenefit;
    const related = (incoming.get(s.id) ?? []).map((t) => {
      const text: Extension[] = [str(EXT.transitionId, t.id), code(EXT.transitionInformation, t.information)];
      if (t.label !== undefined) text.push(str(EXT.transitionLabel, t.label));
      if (t.probability !== undefined) text.push({ url: EXT.transitionProbability, valueDecimal: t.probability });
      const r: NonNullable<PlanDefinitionAction['relatedAction']>[number] = {
        actionId: t.from,
        relationship: 'after-end',
        extension: text,
      };
      if (t.targetDays !== undefined) {
        r.offsetDuration = { value: t.targetDays, unit: 'days', system: 'http://unitsofmeasure.org', code: 'd' };
      }
      return r;
    });
    if (related.length) a.relatedAction = related;
    return a;
  });

  const pd: PlanDefinition = {
    resourceType: 'PlanDefinition',
    id: fhirId(options.id),
    url: options.url,
    name: computableName(pathway.title),
    title: pathway.title,
    type: {
      coding: [
        {
          system: 'http://terminology.hl7.org/CodeSystem/plan-definition-type',
          code: 'clinical-protocol',
          display: 'Clinical Protocol',
        },
      ],
    },
    status: PLAN_DEFINITION_STATUS[options.status],
    topic: pathway.conditions.map((c) => ({ text: c })),
    action,
  };
  if (options.version) pd.version = options.version;
  if (options.date) pd.date = options.date;
  if (pathway.summary) pd.description = pathway.summary;
  if (extension.length) pd.extension = extension;
  return pd;
}

// ---------------------------------------------------------------------------------------------
// Import
// ---------------------------------------------------------------------------------------------

export interface ImportIssue {
  /** Where, in the PlanDefinition: "action[3].extension(step-sector)". */
  path: string;
  message: string;
}

export type PlanDefinitionImport = { ok: true; pathway: Pathway } | { ok: false; errors: ImportIssue[] };

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str1 = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v : undefined);

function exts(node: Json, url: string): Json[] {
  return arr(node.extension).filter((e): e is Json => isObj(e) && e.url === url);
}
function extCode(node: Json, url: string): string | undefined {
  const e = exts(node, url)[0];
  return e ? (str1(e.valueCode) ?? str1(e.valueString)) : undefined;
}
function extCodes(node: Json, url: string): string[] {
  return exts(node, url)
    .map((e) => str1(e.valueCode) ?? str1(e.valueString))
    .filter((v): v is string => v !== undefined);
}
function sub(node: Json, url: string): Json | undefined {
  return arr(node.extension).find((e): e is Json => isObj(e) && e.url === url);
}
function codeFrom(concepts: unknown, system: string): string | undefined {
  for (const c of arr(concepts)) {
    if (!isObj(c)) continue;
    for (const coding of arr(c.coding))
      if (isObj(coding) && coding.system === system && str1(coding.code)) return coding.code as string;
  }
  return undefined;
}
function roleOf(p: Json): string | undefined {
  return isObj(p.role) ? codeFrom([p.role], CODE_SYSTEM.role) : undefined;
}

/** A value as sent, for an error message: text quoted (and cut short), anything else named. */
function shown(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (typeof v === 'string') return JSON.stringify(v.length > 80 ? `${v.slice(0, 77)}...` : v);
  if (typeof v === 'number' || typeof v === 'boolean' || v === null) return String(v);
  return Array.isArray(v) ? 'a list' : 'an object';
}

/**
 * The relationships that read as "this step follows that one": a transition from the related action.
 * The others (before-*, concurrent-*) have no meaning in the pathway format, so they are refused
 * rather than dropped.
 */
const FOLLOWS = ['after-end', 'after', 'after-start'] as const;

/**
 * offsetDuration units, as UCUM codes (Duration.code) or the words a Duration's unit may carry when
 * it has no code, and how many days each is. Days, weeks and hours are exact (36 hours is 1.5 days,
 * as a wait of 1.5 days may be written); a month as 30 days and a year as 365 are how Pathweave has
 * always read them. The exporter writes days (`d`). Codes are matched exactly, as UCUM is
 * case-sensitive; the unit's words in any letter case ("Days").
 */
const DAYS_PER_CODE: ReadonlyMap<unknown, number> = new Map([
  ['d', 1],
  ['wk', 7],
  ['mo', 30],
  ['a', 365],
  ['h', 1 / 24],
]);
const DAYS_PER_WORD: ReadonlyMap<string, number> = new Map([
  ...[...DAYS_PER_CODE].map(([code, days]) => [String(code), days] as const),
  ['day', 1],
  ['days', 1],
  ['week', 7],
  ['weeks', 7],
  ['month', 30],
  ['months', 30],
  ['year', 365],
  ['years', 365],
  ['hour', 1 / 24],
  ['hours', 1 / 24],
]);
const ALLOWED_UNITS = 'd (days), wk (weeks), mo (months, read as 30 days), a (years, read as 365 days) or h (hours)';

/**
 * The wait of a relatedAction (at `at`) in days, or an error naming the path, the value sent and
 * what is allowed. The UCUM code is read when there is one, else the unit's words.
 */
function offsetDays(offset: Json, at: string): { days: number } | { error: ImportIssue } {
  const value = offset.value;
  const hasCode = offset.code !== undefined && offset.code !== null;
  const field = hasCode ? 'code' : 'unit';
  const unit = offset[field];
  if (typeof value !== 'number') {
    const path = `${at}.offsetDuration.value`;
    const message =
      value === undefined || value === null
        ? `${path}: the wait has no number. Give the wait as a number with its unit, such as 14 with code d (days).`
        : `${path}: ${shown(value)} is not a number. Give the wait as a number with its unit, such as 14 with code d (days).`;
    return { error: { path, message } };
  }
  if (value < 0 || !Number.isFinite(value)) {
    const path = `${at}.offsetDuration.value`;
    return { error: { path, message: `${path}: ${value} is not a wait. A wait is 0 or more.` } };
  }
  const days = hasCode
    ? DAYS_PER_CODE.get(unit)
    : typeof unit === 'string'
      ? DAYS_PER_WORD.get(unit.trim().toLowerCase())
      : undefined;
  if (days !== undefined) return { days: Math.round(value * days * 1e6) / 1e6 };
  const path = `${at}.offsetDuration.${unit === undefined || unit === null ? 'code' : field}`;
  const message =
    unit === undefined || unit === null
      ? `${path}: the wait of ${value} has no unit. Give one of these UCUM codes: ${ALLOWED_UNITS}.`
      : `${path}: ${shown(unit)} is not a unit Pathweave reads waits in. Allowed units: ${ALLOWED_UNITS}.`;
  return { error: { path, message } };
}

/**
 * Reads a PlanDefinition (parsed JSON) as a pathway document. The result is validated as any
 * imported pathway is (lib/pathway/validate.ts); errors name the PlanDefinition's own paths.
 */
export function planDefinitionToPathway(input: unknown): PlanDefinitionImport {
  if (!isObj(input) || input.resourceType !== 'PlanDefinition') {
    return { ok: false, errors: [{ path: 'resourceType', message: 'resourceType: this is not a PlanDefinition.' }] };
  }
  const errors: ImportIssue[] = [];
  const title = str1(input.title) ?? str1(input.name);
  if (!title) errors.push({ path: 'title', message: 'title: the PlanDefinition needs a title to name the pathway.' });
  const actions = arr(input.action);
  if (actions.length === 0)
    errors.push({
      path: 'action',
      message: 'action: the PlanDefinition has no actions, so the pathway would have no steps.',
    });

  const steps: StepInput[] = [];
  const transitions: TransitionInput[] = [];
  actions.forEach((raw, i) => {
    const at = `action[${i}]`;
    if (!isObj(raw)) {
      errors.push({ path: at, message: `${at}: not an action.` });
      return;
    }
    if (arr(raw.action).length) {
      errors.push({
        path: `${at}.action`,
        message: `${at}: nested actions are not supported; list every step as a top-level action.`,
      });
    }
    const id = str1(raw.id);
    if (!id) errors.push({ path: `${at}.id`, message: `${at}.id: each action needs an id (it becomes the step id).` });
    const kind = codeFrom(raw.code, CODE_SYSTEM.stepKind);
    const participants = arr(raw.participant).filter(isObj);
    const leadRole = participants[0] ? roleOf(participants[0]) : undefined;
    const sector = extCode(raw, EXT.stepSector);
    const setting = extCode(raw, EXT.stepSetting);
    const missing: string[] = [];
    if (!kind) missing.push(`code (a ${CODE_SYSTEM.stepKind} coding)`);
    if (!sector) missing.push('extension step-sector');
    if (!setting) missing.push('extension step-setting');
    if (!leadRole) missing.push(`participant[0].role (a ${CODE_SYSTEM.role} coding)`);
    if (missing.length) {
      errors.push({
        path: at,
        message: `${at}${id ? ` (${id})` : ''}: missing ${missing.join(', ')}. Pathweave needs each step’s kind, sector, setting and lead role.`,
      });
    }
    const flags: Record<string, boolean> = {};
    for (const f of extCodes(raw, EXT.stepFlag)) {
      if ((STEP_FLAGS as readonly string[]).includes(f)) flags[f] = true;
      else {
        const path = `${at}.extension(step-flag)`;
        errors.push({
          path,
          message: `${path}: ${shown(f)} is not a step flag Pathweave knows. Allowed values: ${STEP_FLAGS.join(', ')}.`,
        });
      }
    }
    const step: Record<string, unknown> = {
      id,
      kind,
      title: str1(raw.title) ?? id,
      sector,
      setting,
      leadRole,
      roles: participants
        .slice(1)
        .map(roleOf)
        .filter((r): r is string => r !== undefined),
      channels: extCodes(raw, EXT.stepChannel),
      adaptations: extCodes(raw, EXT.stepAdaptation),
      flags,
      outcomeMeasures: exts(raw, EXT.stepOutcomeMeasure).map((e) => ({
        name: str1(sub(e, 'name')?.valueString),
        type: str1(sub(e, 'type')?.valueCode),
      })),
    };
    const hours = extCode(raw, EXT.stepHours);
    if (hours) step.hours = hours;
    if (typeof raw.description === 'string') step.patientBenefit = raw.description;
    const assessment = extCode(raw, EXT.stepAssessment);
    if (assessment) step.assessment = assessment;
    const workload = exts(raw, EXT.stepGpWorkload)[0];
    if (workload) {
      step.gpWorkload = {
        minutesPerPatient: sub(workload, 'minutesPerPatient')?.valueDecimal,
        funded: sub(workload, 'funded')?.valueBoolean ?? false,
      };
    }
    steps.push(step as StepInput);

    arr(raw.relatedAction).forEach((r, j) => {
      if (!isObj(r)) {
        const path = `${at}.relatedAction[${j}]`;
        errors.push({
          path,
          message: `${path}: ${shown(r)} is not a related action. Give an object with actionId and relationship.`,
        });
        return;
      }
      const from = str1(r.actionId);
      if (!from) {
        errors.push({
          path: `${at}.relatedAction[${j}].actionId`,
          message: `${at}.relatedAction[${j}].actionId: say which action this step follows.`,
        });
        return;
      }
      if (!(FOLLOWS as readonly unknown[]).includes(r.relationship)) {
        const path = `${at}.relatedAction[${j}].relationship`;
        errors.push({
          path,
          message: `${path}: ${r.relationship === undefined ? 'the relationship is missing, so it' : shown(r.relationship)} cannot be read as a transition. Pathweave reads relatedAction as “this step follows that one”, so the relationship must be one of: ${FOLLOWS.join(', ')}.`,
        });
        return;
      }
      const t: Record<string, unknown> = {
        from,
        to: id,
        information: extCode(r, EXT.transitionInformation) ?? 'none',
      };
      const tid = extCode(r, EXT.transitionId);
      if (tid) t.id = tid;
      const label = extCode(r, EXT.transitionLabel);
      if (label !== undefined) t.label = label;
      const probability = exts(r, EXT.transitionProbability)[0]?.valueDecimal;
      if (typeof probability === 'number') t.probability = probability;
      if (r.offsetRange !== undefined) {
        // A range of waits (at least ... at most) has no single expected wait to read as targetDays.
        const path = `${at}.relatedAction[${j}].offsetRange`;
        errors.push({
          path,
          message: `${path}: a range of waits cannot be read, as Pathweave keeps one expected wait per transition. Send offsetDuration instead, such as 14 with code d (days).`,
        });
        return;
      }
      if (r.offsetDuration !== undefined && !isObj(r.offsetDuration)) {
        const path = `${at}.relatedAction[${j}].offsetDuration`;
        errors.push({
          path,
          message: `${path}: ${shown(r.offsetDuration)} is not a Duration. Give it as a number with its unit, such as { "value": 14, "code": "d" }.`,
        });
        return;
      }
      const offset = isObj(r.offsetDuration) ? r.offsetDuration : undefined;
      const wait = offset ? offsetDays(offset, `${at}.relatedAction[${j}]`) : undefined;
      if (wait && 'error' in wait) {
        errors.push(wait.error);
        return;
      }
      if (wait) t.targetDays = wait.days;
      transitions.push(t as TransitionInput);
    });
  });

  if (errors.length) return { ok: false, errors };

  const root = input;
  const sponsor = sub(root, EXT.pathwaySponsor);
  const metadata: Record<string, unknown> = {
    incentives: extCodes(root, EXT.pathwayIncentive),
    socialValue: extCodes(root, EXT.pathwaySocialValue),
  };
  if (sponsor)
    metadata.sponsor = { name: str1(sub(sponsor, 'name')?.valueString), role: str1(sub(sponsor, 'role')?.valueCode) };
  const review = exts(root, EXT.pathwayReviewDate)[0]?.valueDate;
  if (typeof review === 'string') metadata.reviewDate = review;
  const evaluation = extCode(root, EXT.pathwayEvaluationPlan);
  if (evaluation) metadata.evaluationPlan = evaluation;

  const doc: PathwayInput = {
    format: PATHWAY_FORMAT,
    title: title as string,
    conditions: arr(root.topic)
      .map((t) => (isObj(t) ? str1(t.text) : undefined))
      .filter((t): t is string => t !== undefined),
    metadata: metadata as PathwayInput['metadata'],
    steps,
    transitions,
  };
  if (typeof root.description === 'string') doc.summary = root.description;
  const population = extCode(root, EXT.pathwayPopulation);
  if (population) doc.population = population;

  const parsed = parsePathway(doc);
  if (!parsed.ok) {
    return {
      ok: false,
      errors: parsed.errors.map((e) => ({
        path: e.path.replace(/^steps\[(\d+)\]/, 'action[$1]'),
        message: e.message.replace(/^steps\[(\d+)\]/, 'action[$1]'),
      })),
    };
  }
  return { ok: true, pathway: parsed.pathway };
}
