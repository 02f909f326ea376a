import { can, type Actor } from '@/lib/auth/can';
import { getPrisma } from '@/lib/db/client';
import { formatPathwayErrors, parsePathwayJson } from '@/lib/pathway/validate';
import { PATHWAY_FILE_MAX_BYTES } from '@/lib/pathway/file-limits';
import { audit } from './audit';
import { createPathway, type CreatePathwayResult } from './create-pathway';
import { fieldErrorsFrom, invalid, notFound, type Invalid } from './results';
import { savePathwayDraft, type SaveDraftResult } from './save-pathway-draft';
import { inActorsWorkspaces } from './scope';

/** Larger files are refused before parsing: the same limit the browser checks (lib/pathway/file-limits.ts). */
export const IMPORT_MAX_BYTES = PATHWAY_FILE_MAX_BYTES;

export type ImportTarget =
  /** A new pathway in this workspace. */
  | { workspaceId: string; title?: string }
  /** A new working copy of an existing pathway, if nobody has saved since `baseRevision`. */
  | { pathwayId: string; baseRevision: number };

export type ImportPathwayResult = CreatePathwayResult | SaveDraftResult | (Invalid & { /** All errors as lines of text. */ summary: string });

/**
 * Import a pathway-format JSON file. Bad files get clear errors (JSON syntax with line and column;
 * each schema or graph problem with its path and the allowed values), never a partial import.
 * The actor's right to create (or edit) is checked before the file is read.
 */
export async function importPathway(options: { actor: Actor; text: string; into: ImportTarget }): Promise<ImportPathwayResult> {
  const { actor, into } = options;
  const prisma = getPrisma();
  // Authorization first: someone who may not write here learns nothing about their file.
  if ('workspaceId' in into) {
    const ws = await prisma.workspace.findFirst({
      where: { id: into.workspaceId, memberships: { some: { userId: actor.userId } } },
      select: { id: true },
    });
    if (!ws) return notFound('This workspace was not found, or you do not have access to it.');
    // A member who may not create here: refused as not found, and audited as createPathway does.
    if (!can(actor, 'pathway:create', { type: 'pathway', workspaceId: ws.id })) {
      await audit({
        actorId: actor.userId,
        action: 'pathway:create',
        resourceType: 'workspace',
        resourceId: ws.id,
        outcome: 'denied',
        detail: { via: 'import' },
      });
      return notFound('This workspace was not found, or you do not have access to it.');
    }
  } else {
    const p = await prisma.pathway.findFirst({
      where: { id: into.pathwayId, ...inActorsWorkspaces(actor) },
      select: { workspaceId: true },
    });
    if (!p) return notFound();
    // One who may see the pathway but not edit it: audited as savePathwayDraft does.
    if (!can(actor, 'pathway:edit', { type: 'pathway', workspaceId: p.workspaceId, pathwayId: into.pathwayId })) {
      await audit({
        actorId: actor.userId,
        action: 'pathway:edit',
        resourceType: 'pathway',
        resourceId: into.pathwayId,
        outcome: 'denied',
        detail: { via: 'import' },
      });
      return notFound();
    }
  }

  if (Buffer.byteLength(options.text, 'utf8') > IMPORT_MAX_BYTES) {
    const message = `The file is larger than ${IMPORT_MAX_BYTES / 1024 / 1024} MB, which is more than any pathway needs. Check that it is a Pathweave pathway file.`;
    return { ...invalid(message, [{ path: '', message }]), summary: message };
  }
  const parsed = parsePathwayJson(options.text);
  if (!parsed.ok) {
    const count = parsed.errors.length;
    return {
      ...invalid(count === 1 ? 'The file has a problem, so nothing was imported.' : `The file has ${count} problems, so nothing was imported.`, fieldErrorsFrom(parsed.errors)),
      summary: formatPathwayErrors(parsed.errors),
    };
  }
  if ('workspaceId' in into) {
    return createPathway({ actor, workspaceId: into.workspaceId, document: parsed.pathway, ...(into.title ? { title: into.title } : {}) });
  }
  return savePathwayDraft({ actor, pathwayId: into.pathwayId, baseRevision: into.baseRevision, document: parsed.pathway });
}
