// The collaboration record as data that can come from a file or a request (validated with zod).
// The engine itself takes the plain CollaborationRecord type from ./types.
import { z } from 'zod';
import { RoleSchema } from '../pathway/schema';
import type { CollaborationRecord } from './types';

export const ParticipantSchema = z.object({
  role: RoleSchema,
  contributions: z.number().int({ error: 'must be a whole number' }).min(0, { error: 'must be 0 or more' }),
});

export const CollaborationRecordSchema = z.object({
  participants: z.array(ParticipantSchema).optional(),
  versionCount: z.number().int({ error: 'must be a whole number' }).min(0, { error: 'must be 0 or more' }).optional(),
});

/** Participants from counts by role: { patient: 3, carer: 1 } -> [{ role: 'patient', contributions: 3 }, ...]. */
export function participantsFromCounts(
  counts: Partial<Record<z.infer<typeof RoleSchema>, number>>,
): CollaborationRecord['participants'] {
  return Object.entries(counts)
    .filter((entry): entry is [z.infer<typeof RoleSchema>, number] => typeof entry[1] === 'number')
    .map(([role, contributions]) => ({ role, contributions }));
}
