// "Changes since version N" on a pathway's scorecard: what changed between two saved versions and
// why the score moved. Criteria whose status changed (old and new status in words), steps added
// and removed (by title), the note saved with the version and who saved it, and any change in the
// rules (framework version) the two were scored with, so a rule change is not mistaken for the
// pathway getting worse. Pure: lib/server/get-pathway-scorecard.ts reads the two versions.
import { diffPathways, diffScores, type ScoresLike } from '@/lib/pathway/diff';
import { parsePathway } from '@/lib/pathway/validate';
import type { StoredScores } from './findings';
import { STATUS_WORDS } from './format';
import { criterionLabel } from './model';

export interface ChangedVersionSide {
  number: number;
  savedAt: string;
  note: string;
  author: string | null;
}

export interface CriterionStatusChange {
  frameworkId: string;
  frameworkTitle: string;
  criterionId: string;
  /** "RCGP 5" */
  label: string;
  title: string;
  /** The status in words ("Partly met"), or "Not scored" when the rules then had no such criterion. */
  before: string;
  after: string;
  /** In words, never by colour alone. */
  direction: 'Better' | 'Worse' | 'Changed';
}

export interface FrameworkVersionChange {
  frameworkId: string;
  title: string;
  before: string | null;
  after: string | null;
}

export interface VersionChanges {
  from: ChangedVersionSide;
  to: ChangedVersionSide;
  criteria: CriterionStatusChange[];
  /** Step titles, in the order of the document they are in. */
  stepsAdded: string[];
  stepsRemoved: string[];
  /** Frameworks scored with different rules in the two versions. */
  frameworkVersions: FrameworkVersionChange[];
  /** Set when either version's document or scores could not be read: only the note is shown then. */
  unreadable: boolean;
}

const RANK: Record<string, number> = { not_met: 0, partly: 1, met: 2 };

function statusWords(status: string | undefined): string {
  return status ? (STATUS_WORDS[status as keyof typeof STATUS_WORDS] ?? status) : 'Not scored';
}

/** What changed from `from` to `to` (two saved versions: documents and stored scores). */
export function describeVersionChanges(input: {
  from: ChangedVersionSide & { document: unknown; scores: StoredScores | null };
  to: ChangedVersionSide & { document: unknown; scores: StoredScores | null };
}): VersionChanges {
  const side = ({ number, savedAt, note, author }: ChangedVersionSide): ChangedVersionSide => ({
    number,
    savedAt,
    note,
    author,
  });
  const out: VersionChanges = {
    from: side(input.from),
    to: side(input.to),
    criteria: [],
    stepsAdded: [],
    stepsRemoved: [],
    frameworkVersions: [],
    unreadable: false,
  };
  const a = parsePathway(input.from.document);
  const b = parsePathway(input.to.document);
  if (!a.ok || !b.ok || !input.from.scores || !input.to.scores) return { ...out, unreadable: true };

  const steps = diffPathways(a.pathway, b.pathway).steps;
  out.stepsAdded = steps.added.map((s) => s.title);
  out.stepsRemoved = steps.removed.map((s) => s.title);

  const scores = diffScores(input.from.scores as unknown as ScoresLike, input.to.scores as unknown as ScoresLike);
  for (const f of scores.frameworks) {
    for (const c of f.criteria) {
      if (!c.statusChanged) continue;
      const before = c.before?.status;
      const after = c.after?.status;
      const rankA = before !== undefined ? RANK[before] : undefined;
      const rankB = after !== undefined ? RANK[after] : undefined;
      out.criteria.push({
        frameworkId: f.id,
        frameworkTitle: f.title,
        criterionId: c.criterionId,
        label: criterionLabel(c.criterionId),
        title: c.title,
        before: statusWords(before),
        after: statusWords(after),
        direction: rankA === undefined || rankB === undefined ? 'Changed' : rankB > rankA ? 'Better' : 'Worse',
      });
    }
  }
  const versionsA = new Map(input.from.scores.frameworks.map((f) => [f.id, f.version || null]));
  const versionsB = new Map(input.to.scores.frameworks.map((f) => [f.id, f.version || null]));
  const titles = new Map(
    [...input.from.scores.frameworks, ...input.to.scores.frameworks].map((f) => [f.id, f.title || f.id]),
  );
  for (const id of new Set([...versionsB.keys(), ...versionsA.keys()])) {
    const before = versionsA.get(id) ?? null;
    const after = versionsB.get(id) ?? null;
    if (before !== after) out.frameworkVersions.push({ frameworkId: id, title: titles.get(id) ?? id, before, after });
  }
  return out;
}

/**
 * Per framework, whether the saved versions were scored with more than one version of its rules:
 * then each score in the trend table names the rules it was scored with.
 */
export function frameworksWithMixedRules(
  series: readonly { frameworkId: string; points: readonly { frameworkVersion?: string | null }[] }[],
): Set<string> {
  const out = new Set<string>();
  for (const s of series) {
    const versions = new Set(s.points.map((p) => p.frameworkVersion ?? ''));
    if (versions.size > 1) out.add(s.frameworkId);
  }
  return out;
}
