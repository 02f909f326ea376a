'use server';
// Server actions of the pathway editor. Each one establishes who is asking (getActor), validates
// its input with zod, calls one use case in lib/server (which calls can() and scopes its queries
// to the actor's workspaces), revalidates the pages that show the result, and returns a plain,
// serialisable result. Nothing throws to the client: every failure is `{ ok: false, reason, message }`
// with a sentence a person can read, and never a stack trace.
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { getActor, type SignedInActor } from '@/lib/auth/session';
import { log } from '@/lib/log';
import { compareVersions, type VersionComparison } from '@/lib/server/compare-versions';
import { PATHWAY_TITLE_LABEL, TITLE_MAX_LENGTH, createPathway, type CreatePathwayResult } from '@/lib/server/create-pathway';
import { getPathwayForEditing, type PathwayForEditing } from '@/lib/server/get-pathway-for-editing';
import { importPathway, type ImportPathwayResult } from '@/lib/server/import-pathway';
import { NOT_FOUND_MESSAGE, type FieldError } from '@/lib/server/results';
import { BASE_REVISION_RULE, MAX_REVISION, savePathwayDraft, type SaveDraftResult } from '@/lib/server/save-pathway-draft';
import { NOTE_MAX_LENGTH, VERSION_NOTE_LABEL, savePathwayVersion, versionNoteProblem, type SaveVersionResult } from '@/lib/server/save-pathway-version';
import { cappedText } from '@/lib/text-limits';
import { getWorkspaceForActor } from '@/lib/server/workspaces';

type Failure =
  | { ok: false; reason: 'unauthenticated'; message: string }
  | { ok: false; reason: 'invalid'; message: string; errors: FieldError[] }
  | { ok: false; reason: 'not_found'; message: string }
  | { ok: false; reason: 'error'; message: string };

const SIGNED_OUT: Failure = {
  ok: false,
  reason: 'unauthenticated',
  message: 'Your session has ended. Sign in again in another tab; your changes are still here.',
};

function inputInvalid(error: z.ZodError): Failure {
  return {
    ok: false,
    reason: 'invalid',
    message: 'The request was not in the expected form.',
    errors: error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
  };
}

/** Run an action body: signed-in actor, parsed input, and no raw error ever reaching the client. */
async function run<S extends z.ZodType, R>(
  name: string,
  schema: S,
  input: unknown,
  body: (actor: SignedInActor, data: z.infer<S>) => Promise<R>,
  failureMessage: string,
): Promise<R | Failure> {
  try {
    const actor = await getActor();
    if (!actor) return SIGNED_OUT;
    const parsed = schema.safeParse(input);
    if (!parsed.success) return inputInvalid(parsed.error);
    return await body(actor, parsed.data);
  } catch (error) {
    log.error({ err: error, action: name }, 'server action failed');
    return { ok: false, reason: 'error', message: failureMessage };
  }
}

function revalidatePathwayPages() {
  revalidatePath('/w/[workspace]/pathways/[pathwayId]', 'page');
  revalidatePath('/w/[workspace]/pathways', 'page');
}

const id = z.string().trim().min(1).max(200);
// Pathway.revision is an int4: anything larger is refused here as a field error, not at the database.
const revision = z
  .number({ error: `baseRevision ${BASE_REVISION_RULE}.` })
  .int({ error: `baseRevision ${BASE_REVISION_RULE}.` })
  .min(0, { error: `baseRevision ${BASE_REVISION_RULE}.` })
  .max(MAX_REVISION, { error: `baseRevision ${BASE_REVISION_RULE}.` });

// The note and title limits are checked by the use cases after trimming (lib/server/text-limits.ts).
const versionNote = cappedText(VERSION_NOTE_LABEL, NOTE_MAX_LENGTH);
const pathwayTitle = cappedText(PATHWAY_TITLE_LABEL, TITLE_MAX_LENGTH);

// ---------------------------------------------------------------------------------------------

const LoadInput = z.object({ pathwayId: id });

/** The editor's state from the server again (e.g. to take the other person's version after a conflict). */
export async function loadPathwayForEditingAction(
  input: z.input<typeof LoadInput>,
): Promise<{ ok: true; pathway: PathwayForEditing } | Failure> {
  return run(
    'loadPathwayForEditing',
    LoadInput,
    input,
    async (actor, data) => {
      const pathway = await getPathwayForEditing({ actor, pathwayId: data.pathwayId });
      return pathway ? { ok: true as const, pathway } : { ok: false as const, reason: 'not_found' as const, message: NOT_FOUND_MESSAGE };
    },
    'The pathway could not be loaded. Try again in a moment.',
  );
}

const SaveDraftInput = z.object({ pathwayId: id, baseRevision: revision, document: z.unknown() });

/**
 * Save the working copy. `baseRevision` is the revision the editor loaded or last saved. On
 * `conflict`, nothing was stored: the result holds what is stored now and what differs.
 */
export async function saveDraftAction(input: z.input<typeof SaveDraftInput>): Promise<SaveDraftResult | Failure> {
  return run(
    'saveDraft',
    SaveDraftInput,
    input,
    async (actor, data) => {
      const result = await savePathwayDraft({ actor, ...data });
      if (result.ok) revalidatePathwayPages();
      return result;
    },
    'The pathway could not be saved. Your changes are still here; try again in a moment.',
  );
}

const SaveVersionInput = z.object({
  pathwayId: id,
  note: versionNote,
  /** With `document`: save the working copy first, then version exactly that. */
  document: z.unknown().optional(),
  baseRevision: revision.optional(),
});

export type SaveVersionActionResult =
  | (Extract<SaveVersionResult, { ok: true }> & { revision: number })
  | Exclude<SaveVersionResult, { ok: true }>
  | Exclude<SaveDraftResult, { ok: true }>;

/**
 * Save an immutable version with a note. Given `document` and `baseRevision`, the working copy
 * is saved first (with the same conflict check) and the version is a snapshot of exactly it.
 * The result's `revision` is the working copy's revision afterwards.
 */
export async function saveVersionAction(input: z.input<typeof SaveVersionInput>): Promise<SaveVersionActionResult | Failure> {
  return run(
    'saveVersion',
    SaveVersionInput,
    input,
    async (actor, data) => {
      let expectedRevision = data.baseRevision;
      // The note first: refused after the working copy was saved, it would leave the editor a
      // revision behind, and its next try would look like someone else's save.
      const noteProblem = versionNoteProblem(data.note);
      if (noteProblem) return noteProblem;
      if (data.document !== undefined) {
        if (data.baseRevision === undefined) {
          return {
            ok: false as const,
            reason: 'invalid' as const,
            message: 'The save did not say which revision it started from.',
            errors: [{ path: 'baseRevision', message: 'is required with a document' }],
          };
        }
        const saved = await savePathwayDraft({ actor, pathwayId: data.pathwayId, baseRevision: data.baseRevision, document: data.document });
        if (!saved.ok) return saved;
        expectedRevision = saved.revision;
        revalidatePathwayPages();
      }
      const result = await savePathwayVersion({
        actor,
        pathwayId: data.pathwayId,
        note: data.note,
        ...(expectedRevision !== undefined ? { expectedRevision } : {}),
      });
      if (!result.ok) return result;
      revalidatePathwayPages();
      return { ...result, revision: result.version.revision };
    },
    'The version could not be saved. Try again in a moment.',
  );
}

const CompareInput = z.object({ pathwayId: id, fromVersionId: id, toVersionId: id });

/** Compare two versions (either may be "draft", the working copy): changes and score change per criterion. */
export async function compareVersionsAction(
  input: z.input<typeof CompareInput>,
): Promise<{ ok: true; comparison: VersionComparison } | Failure> {
  return run(
    'compareVersions',
    CompareInput,
    input,
    async (actor, data) => {
      const comparison = await compareVersions({ actor, ...data });
      return comparison
        ? { ok: true as const, comparison }
        : { ok: false as const, reason: 'not_found' as const, message: 'One of those versions was not found, or you do not have access to it.' };
    },
    'The versions could not be compared. Try again in a moment.',
  );
}

const CreateInput = z.object({
  workspaceSlug: id,
  title: pathwayTitle.optional(),
  conditions: z.array(z.string().trim().min(1).max(200)).max(20).optional(),
  templatePathwayId: id.optional(),
  templateVersionId: id.optional(),
});

/** Create a blank pathway, or a localised copy of a template. On success, `href` opens it in the editor. */
export async function createPathwayAction(
  input: z.input<typeof CreateInput>,
): Promise<(Extract<CreatePathwayResult, { ok: true }> & { href: string }) | Exclude<CreatePathwayResult, { ok: true }> | Failure> {
  return run(
    'createPathway',
    CreateInput,
    input,
    async (actor, data) => {
      const workspace = await getWorkspaceForActor(actor, data.workspaceSlug);
      if (!workspace) return { ok: false as const, reason: 'not_found' as const, message: 'This workspace was not found, or you do not have access to it.' };
      const result = await createPathway({
        actor,
        workspaceId: workspace.id,
        ...(data.title !== undefined ? { title: data.title } : {}),
        ...(data.conditions ? { conditions: data.conditions } : {}),
        ...(data.templatePathwayId
          ? { template: { pathwayId: data.templatePathwayId, ...(data.templateVersionId ? { versionId: data.templateVersionId } : {}) } }
          : {}),
      });
      if (!result.ok) return result;
      revalidatePathwayPages();
      return { ...result, href: `/w/${workspace.slug}/pathways/${result.pathway.id}` };
    },
    'The pathway could not be created. Try again in a moment.',
  );
}

const ImportInput = z.union([
  z.object({ text: z.string(), workspaceSlug: id, title: pathwayTitle.optional() }),
  z.object({ text: z.string(), pathwayId: id, baseRevision: revision }),
]);

/**
 * Import a pathway JSON file, as a new pathway in a workspace or as the new working copy of an
 * existing one (with the usual conflict check). Bad files give `invalid` with every error (path,
 * message, and line/column for JSON syntax) and a `summary` of them as text.
 */
export async function importPathwayAction(
  input: z.input<typeof ImportInput>,
): Promise<(ImportPathwayResult & { href?: string }) | Failure> {
  return run(
    'importPathway',
    ImportInput,
    input,
    async (actor, data) => {
      if ('workspaceSlug' in data) {
        const workspace = await getWorkspaceForActor(actor, data.workspaceSlug);
        if (!workspace) return { ok: false as const, reason: 'not_found' as const, message: 'This workspace was not found, or you do not have access to it.' };
        const result = await importPathway({
          actor,
          text: data.text,
          into: { workspaceId: workspace.id, ...(data.title ? { title: data.title } : {}) },
        });
        if (!result.ok) return result;
        revalidatePathwayPages();
        return 'pathway' in result ? { ...result, href: `/w/${workspace.slug}/pathways/${result.pathway.id}` } : result;
      }
      const result = await importPathway({ actor, text: data.text, into: { pathwayId: data.pathwayId, baseRevision: data.baseRevision } });
      if (result.ok) revalidatePathwayPages();
      return result;
    },
    'The file could not be imported. Try again in a moment.',
  );
}
