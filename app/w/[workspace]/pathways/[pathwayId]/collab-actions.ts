'use server';
// Server actions of the live (shared) editor (issue 5). Saving a version while the room works on
// the live document: the version is derived from the live document as stored on the server (every
// acknowledged edit is in its log), never from what one browser happens to hold.
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { writeBackLiveDocument } from '@/lib/collab/store';
import { getPathwayForEditing } from '@/lib/server/get-pathway-for-editing';
import { notFound, type NotFound } from '@/lib/server/results';
import { runAction, type ActionFailure } from '@/lib/server/run-action';
import { NOTE_MAX_LENGTH, VERSION_NOTE_LABEL, savePathwayVersion } from '@/lib/server/save-pathway-version';
import { cappedText } from '@/lib/text-limits';
import type { SaveVersionActionResult } from './actions';

// The note's real limit is checked by savePathwayVersion after trimming (lib/server/text-limits.ts).
const note = cappedText(VERSION_NOTE_LABEL, NOTE_MAX_LENGTH);
const Input = z.object({ pathwayId: z.string().trim().min(1).max(200), note });

/**
 * Save an immutable version of the live pathway with a note. The working copy is first brought
 * level with the live document, then versioned; the result's `revision` is the working copy's.
 * The client calls this once its own edits are acknowledged (stored) by the live server.
 */
export async function saveLiveVersionAction(input: z.input<typeof Input>): Promise<SaveVersionActionResult | ActionFailure | NotFound> {
  return runAction('saveLiveVersion', Input, input, async ({ pathwayId, note }, actor): Promise<SaveVersionActionResult | ActionFailure | NotFound> => {
    // Scoped to the actor's workspaces; also the permission check before reading the live document.
    const pathway = await getPathwayForEditing({ actor, pathwayId });
    if (!pathway || !pathway.permissions.canVersion) return notFound();
    // The working copy becomes the live document (store.ts writeBackLiveDocument), and the version
    // is that working copy. A write-back from the room landing in between only makes the version
    // newer, and it too is the live document, so no revision is pinned here.
    await writeBackLiveDocument(pathwayId);
    const result = await savePathwayVersion({ actor, pathwayId, note });
    if (!result.ok) return result;
    revalidatePath('/w/[workspace]/pathways/[pathwayId]', 'page');
    revalidatePath('/w/[workspace]/pathways', 'page');
    return { ...result, revision: result.version.revision };
  });
}
