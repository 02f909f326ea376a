'use server';
// Server actions of the live (shared) editor (issue 5). Saving a version while the room works on
// the live document: the version is derived from the live document as stored on the server (every
// acknowledged edit is in its log), never from what one browser happens to hold.
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { getActor } from '@/lib/auth/session';
import { deriveVersionFromLiveDoc } from '@/lib/collab/store';
import { log } from '@/lib/log';
import { getPathwayForEditing } from '@/lib/server/get-pathway-for-editing';
import { NOT_FOUND_MESSAGE } from '@/lib/server/results';
import { savePathwayDraft } from '@/lib/server/save-pathway-draft';
import { savePathwayVersion } from '@/lib/server/save-pathway-version';
import type { SaveVersionActionResult } from './actions';

type Failure =
  | { ok: false; reason: 'unauthenticated'; message: string }
  | { ok: false; reason: 'invalid'; message: string; errors: { path: string; message: string }[] }
  | { ok: false; reason: 'not_found'; message: string }
  | { ok: false; reason: 'error'; message: string };

const Input = z.object({ pathwayId: z.string().trim().min(1).max(200), note: z.string().max(2000) });

/**
 * Save an immutable version of the live pathway with a note. The working copy is first brought
 * level with the live document, then versioned; the result's `revision` is the working copy's.
 * The client calls this once its own edits are acknowledged (stored) by the live server.
 */
export async function saveLiveVersionAction(input: z.input<typeof Input>): Promise<SaveVersionActionResult | Failure> {
  try {
    const actor = await getActor();
    if (!actor) return { ok: false, reason: 'unauthenticated', message: 'Your session has ended. Sign in again in another tab.' };
    const parsed = Input.safeParse(input);
    if (!parsed.success) {
      return {
        ok: false,
        reason: 'invalid',
        message: 'The request was not in the expected form.',
        errors: parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
      };
    }
    const { pathwayId, note } = parsed.data;
    // Scoped to the actor's workspaces; also the permission check before reading the live document.
    const pathway = await getPathwayForEditing({ actor, pathwayId });
    if (!pathway || !pathway.permissions.canVersion) return { ok: false, reason: 'not_found', message: NOT_FOUND_MESSAGE };
    const live = await deriveVersionFromLiveDoc(pathwayId);
    let expectedRevision = pathway.revision;
    if (live) {
      const saved = await savePathwayDraft({ actor, pathwayId, baseRevision: pathway.revision, document: live });
      if (!saved.ok) return saved;
      expectedRevision = saved.revision;
    }
    const result = await savePathwayVersion({ actor, pathwayId, note, expectedRevision });
    if (!result.ok) return result;
    revalidatePath('/w/[workspace]/pathways/[pathwayId]', 'page');
    revalidatePath('/w/[workspace]/pathways', 'page');
    return { ...result, revision: result.version.revision };
  } catch (error) {
    log.error({ err: error, action: 'saveLiveVersion' }, 'server action failed');
    return { ok: false, reason: 'error', message: 'The version could not be saved. Try again in a moment.' };
  }
}
