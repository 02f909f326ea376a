// Result shapes shared by the editing use cases (get/save/version/compare/create/import).
// Every failure carries a sentence a person can read; none carries a stack trace. Denied and
// missing are one and the same `not_found`, so a guessed id learns nothing.
import { dayInLondon } from '@/lib/care-plan/plain';
import type { PathwayError } from '@/lib/pathway/validate';

/** A problem with one field of the input, for the form or inspector to show beside that field. */
export interface FieldError {
  /** Where, e.g. "steps[3].sector" or "note"; "" for the whole input. */
  path: string;
  message: string;
  /** For JSON syntax errors in an imported file. */
  line?: number;
  column?: number;
}

export interface NotFound {
  ok: false;
  reason: 'not_found';
  message: string;
}

export interface Invalid {
  ok: false;
  reason: 'invalid';
  message: string;
  errors: FieldError[];
}

export const NOT_FOUND_MESSAGE = 'This pathway was not found, or you do not have access to it.';

export function notFound(message = NOT_FOUND_MESSAGE): NotFound {
  return { ok: false, reason: 'not_found', message };
}

export function invalid(message: string, errors: FieldError[]): Invalid {
  return { ok: false, reason: 'invalid', message, errors };
}

export function fieldErrorsFrom(errors: readonly PathwayError[]): FieldError[] {
  return errors.map((e) => {
    const out: FieldError = { path: e.path, message: e.message };
    if (e.line !== undefined) out.line = e.line;
    if (e.column !== undefined) out.column = e.column;
    return out;
  });
}

/**
 * Today's date (YYYY-MM-DD) in the UK, the one place the use cases and pages read the clock for "today".
 * The server runs in UTC; 11:30pm UTC on 1 July is already 2 July in British Summer Time.
 */
export function todayIso(now: Date = new Date()): string {
  return dayInLondon(now.toISOString());
}

/** Prisma's unique-constraint violation, through the pg driver adapter or the classic engine. */
export function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 5; depth++) {
    const rec = e as { code?: unknown; cause?: unknown; meta?: { driverAdapterError?: { cause?: { kind?: string } } } };
    if (rec.code === 'P2002' || rec.code === '23505') return true;
    if (rec.meta?.driverAdapterError?.cause?.kind === 'UniqueConstraintViolation') return true;
    if ((e as { kind?: unknown }).kind === 'UniqueConstraintViolation') return true;
    e = rec.cause;
  }
  return false;
}
