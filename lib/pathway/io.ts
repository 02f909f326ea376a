// JSON export and import of a pathway document.
//
// Export is stable: the same pathway always gives the same text, with keys in the order of the
// format (pathway-format.md), two-space indentation and a final newline, so exported files diff
// well in version control. Import is parsePathwayJson. Export followed by import gives back an
// equal pathway (property-tested in io.test.ts).
import { STEP_FLAGS, type Pathway, type Step, type Transition } from './schema';
import { parsePathwayJson, type ParseResult } from './validate';

export interface ExportOptions {
  /**
   * Leave out values equal to their defaults (empty lists, false flags). Import fills them back
   * in, so nothing is lost either way. Default false: every field is written out.
   */
  omitDefaults?: boolean;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function put(target: Record<string, Json>, key: string, value: Json | undefined) {
  if (value !== undefined) target[key] = value;
}

function stepToJson(step: Step, omit: boolean): Record<string, Json> {
  const out: Record<string, Json> = {};
  put(out, 'id', step.id);
  put(out, 'kind', step.kind);
  put(out, 'title', step.title);
  put(out, 'sector', step.sector);
  put(out, 'setting', step.setting);
  put(out, 'leadRole', step.leadRole);
  if (!omit || step.roles.length) put(out, 'roles', [...step.roles]);
  if (!omit || step.channels.length) put(out, 'channels', [...step.channels]);
  if (!omit || step.adaptations.length) put(out, 'adaptations', [...step.adaptations]);
  put(out, 'hours', step.hours);
  put(out, 'patientBenefit', step.patientBenefit);
  const flags: Record<string, Json> = {};
  for (const f of STEP_FLAGS) if (!omit || step.flags[f]) flags[f] = step.flags[f];
  if (!omit || Object.keys(flags).length) put(out, 'flags', flags);
  if (!omit || step.outcomeMeasures.length) {
    put(
      out,
      'outcomeMeasures',
      step.outcomeMeasures.map((m) => ({ name: m.name, type: m.type })),
    );
  }
  if (step.gpWorkload) {
    put(out, 'gpWorkload', { minutesPerPatient: step.gpWorkload.minutesPerPatient, funded: step.gpWorkload.funded });
  }
  put(out, 'assessment', step.assessment);
  return out;
}

function transitionToJson(t: Transition): Record<string, Json> {
  const out: Record<string, Json> = {};
  put(out, 'id', t.id);
  put(out, 'from', t.from);
  put(out, 'to', t.to);
  put(out, 'label', t.label);
  put(out, 'information', t.information);
  put(out, 'targetDays', t.targetDays);
  put(out, 'probability', t.probability);
  return out;
}

/** The pathway as a plain JSON value with keys in format order. */
export function pathwayToJsonValue(pathway: Pathway, options: ExportOptions = {}): Record<string, Json> {
  const omit = options.omitDefaults === true;
  const out: Record<string, Json> = {};
  put(out, 'format', pathway.format);
  put(out, 'title', pathway.title);
  put(out, 'summary', pathway.summary);
  if (!omit || pathway.conditions.length) put(out, 'conditions', [...pathway.conditions]);
  put(out, 'population', pathway.population);
  const m = pathway.metadata;
  const metadata: Record<string, Json> = {};
  if (m.sponsor) metadata.sponsor = { name: m.sponsor.name, role: m.sponsor.role };
  if (!omit || m.incentives.length) metadata.incentives = [...m.incentives];
  if (!omit || m.socialValue.length) metadata.socialValue = [...m.socialValue];
  put(metadata, 'reviewDate', m.reviewDate);
  put(metadata, 'evaluationPlan', m.evaluationPlan);
  if (!omit || Object.keys(metadata).length) out.metadata = metadata;
  out.steps = pathway.steps.map((s) => stepToJson(s, omit));
  out.transitions = pathway.transitions.map(transitionToJson);
  if (pathway.layout) {
    const layout: Record<string, Json> = {};
    for (const [key, pos] of Object.entries(pathway.layout)) layout[key] = { x: pos.x, y: pos.y };
    out.layout = layout;
  }
  return out;
}

/** Stable, pretty JSON text for a pathway, ending with a newline. */
export function exportPathwayJson(pathway: Pathway, options: ExportOptions = {}): string {
  return `${JSON.stringify(pathwayToJsonValue(pathway, options), null, 2)}\n`;
}

/** Read a pathway from JSON text: the same as parsePathwayJson. */
export function importPathwayJson(text: string): ParseResult {
  return parsePathwayJson(text);
}
