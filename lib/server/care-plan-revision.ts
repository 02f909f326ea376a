// The revision of one row of a care plan: what the row was when a form was drawn. The care team's
// forms send it back with a change (a hidden field), and lib/server/edit-care-plan.ts makes the
// change only if the row is still that revision. Otherwise a nurse saving a form drawn before the
// person ticked a job off would write the old status back, and the person's tick would be lost
// without anyone knowing.
//
// Goals and actions have an updatedAt column, which every change moves on: their revision is that
// moment. Medicines and care team members have no such column (and adding one is a migration), so
// theirs is a digest of what the form can change: if the row still reads the same, nothing anyone
// else did would be lost by saving over it.
import { createHash } from 'node:crypto';

/** The revision of a row with an updatedAt column. */
export const timeRevision = (updatedAt: Date): string => updatedAt.toISOString();

/** The moment a time revision names, or null for anything else (absent, or not one we gave out). */
export function revisionTime(revision: string | undefined): Date | null {
  if (!revision) return null;
  const at = new Date(revision);
  // Exactly as timeRevision writes it: a date that does not exist (30 February) is not rolled on.
  return !Number.isNaN(at.getTime()) && at.toISOString() === revision ? at : null;
}

/** A short digest of a row's values, in a fixed order. */
function contentRevision(values: readonly (string | null)[]): string {
  return createHash('sha256').update(JSON.stringify(values)).digest('base64url').slice(0, 22);
}

export const medicineRevision = (m: { name: string; howToTake: string; purpose: string }): string =>
  contentRevision([m.name, m.howToTake, m.purpose]);

export interface MemberRevisionFields {
  userId: string | null;
  name: string;
  role: string;
  jobTitle: string;
  organisation: string;
  sector: string;
  phone: string;
  email: string;
  availability: string;
}

export const memberRevision = (m: MemberRevisionFields): string =>
  contentRevision([m.userId, m.name, m.role, m.jobTitle, m.organisation, m.sector, m.phone, m.email, m.availability]);
