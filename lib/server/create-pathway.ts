import { can, ROLES_THAT_MAY, type Actor } from '@/lib/auth/can';
import { getPrisma } from '@/lib/db/client';
import { addStep, connect } from '@/lib/pathway/commands';
import { PATHWAY_FORMAT, type Pathway } from '@/lib/pathway/schema';
import { parsePathway } from '@/lib/pathway/validate';
import { audit } from './audit';
import { fieldErrorsFrom, invalid, notFound, type FieldError, type Invalid, type NotFound } from './results';
import { inActorsWorkspaces, stillHoldsRole } from './scope';
import { tooLongMessage } from '@/lib/text-limits';

export const TITLE_MAX_LENGTH = 200;
export const PATHWAY_TITLE_LABEL = 'Pathway title';

/** The smallest valid pathway: one entry step joined to one exit step, in primary care. */
export function blankPathway(title: string, conditions: string[] = []): Pathway {
  let doc: Pathway = {
    format: PATHWAY_FORMAT,
    title,
    conditions,
    metadata: { incentives: [], socialValue: [] },
    steps: [],
    transitions: [],
    layout: {},
  };
  const entry = addStep(doc, { kind: 'entry', sector: 'primary_care', title: 'Person asks for help' });
  const exit = addStep(entry.doc, { kind: 'exit', sector: 'primary_care', title: 'Leaves the pathway' });
  doc = connect(exit.doc, entry.stepId, exit.stepId).doc;
  return doc;
}

export type CreatePathwayResult = { ok: true; pathway: { id: string; title: string; workspaceSlug: string } } | NotFound | Invalid;

function titleErrors(title: string): FieldError[] {
  if (title.trim() === '') return [{ path: 'title', message: 'Give the pathway a title.' }];
  if (title.length > TITLE_MAX_LENGTH) return [{ path: 'title', message: tooLongMessage(PATHWAY_TITLE_LABEL, title.length, TITLE_MAX_LENGTH) }];
  return [];
}

/**
 * Create a pathway in a workspace: blank, from an imported document, or as a localised copy of a
 * template (any pathway the actor can see, such as a published demo pathway). A copy starts from
 * the template's latest version (or its working copy if it has none), keeps its step ids so the
 * two can be compared later, and remembers where it came from (sourcePathwayId and
 * sourceVersionId), as HealthPathways localises its base pathways.
 */
export async function createPathway(options: {
  actor: Actor;
  workspaceId: string;
  /** Default: the document's or the template's title. */
  title?: string;
  conditions?: string[];
  template?: { pathwayId: string; versionId?: string };
  /** An already-validated document (import-pathway.ts). */
  document?: Pathway;
}): Promise<CreatePathwayResult> {
  const { actor, workspaceId } = options;
  const prisma = getPrisma();
  const workspace = await prisma.workspace.findFirst({
    where: { id: workspaceId, memberships: { some: { userId: actor.userId } } },
    select: { id: true, slug: true },
  });
  if (!workspace) return notFound('This workspace was not found, or you do not have access to it.');
  if (!can(actor, 'pathway:create', { type: 'pathway', workspaceId })) {
    await audit({ actorId: actor.userId, action: 'pathway:create', resourceType: 'workspace', resourceId: workspaceId, outcome: 'denied' });
    return notFound('This workspace was not found, or you do not have access to it.');
  }

  let document: Pathway;
  let sourcePathwayId: string | null = null;
  let sourceVersionId: string | null = null;
  if (options.template) {
    const template = await prisma.pathway.findFirst({
      where: { id: options.template.pathwayId, ...inActorsWorkspaces(actor) },
      select: {
        id: true,
        workspaceId: true,
        document: true,
        versions: {
          where: options.template.versionId ? { id: options.template.versionId } : {},
          orderBy: { number: 'desc' },
          take: 1,
          select: { id: true, document: true },
        },
      },
    });
    if (!template || !can(actor, 'pathway:view', { type: 'pathway', workspaceId: template.workspaceId, pathwayId: template.id })) {
      return notFound('That template was not found, or you do not have access to it.');
    }
    const version = template.versions[0];
    if (options.template.versionId && !version) return notFound('That version of the template was not found.');
    const parsed = parsePathway(version ? version.document : template.document);
    if (!parsed.ok) return invalid('The template has problems and cannot be copied.', fieldErrorsFrom(parsed.errors));
    document = parsed.pathway;
    sourcePathwayId = template.id;
    sourceVersionId = version?.id ?? null;
  } else if (options.document) {
    document = options.document;
  } else {
    const title = (options.title ?? '').trim();
    const errors = titleErrors(title);
    if (errors.length) return invalid('The new pathway needs a title.', errors);
    document = blankPathway(title, options.conditions ?? []);
  }

  const title = (options.title ?? document.title).trim();
  const errors = titleErrors(title);
  if (errors.length) return invalid('The new pathway needs a title.', errors);
  document = { ...document, title, ...(options.conditions ? { conditions: options.conditions } : {}) };
  const check = parsePathway(document);
  if (!check.ok) return invalid('The new pathway has problems.', fieldErrorsFrom(check.errors));
  document = check.pathway;

  // The pathway and its audit row commit together: a failure to record it makes nothing, so
  // "nothing was changed" is true and trying again makes no second copy. The role is asked again as
  // it goes in (a template copy or an import takes a moment), under the membership's lock.
  const created = await prisma.$transaction(async (tx) => {
    if (!(await stillHoldsRole(tx, workspaceId, actor.userId, ROLES_THAT_MAY.createPathway))) return null;
    const row = await tx.pathway.create({
      data: {
        workspaceId,
        title: document.title,
        conditions: document.conditions,
        document: document as object,
        sourcePathwayId,
        sourceVersionId,
      },
      select: { id: true, title: true },
    });
    await audit(
      {
        actorId: actor.userId,
        action: 'pathway:create',
        resourceType: 'pathway',
        resourceId: row.id,
        outcome: 'allowed',
        detail: { workspaceId, sourcePathwayId, sourceVersionId, imported: options.document !== undefined },
      },
      tx,
    );
    return row;
  });
  if (!created) {
    await audit({
      actorId: actor.userId,
      action: 'pathway:create',
      resourceType: 'workspace',
      resourceId: workspaceId,
      outcome: 'denied',
      detail: { reason: 'access changed' },
    });
    return notFound('This workspace was not found, or you do not have access to it.');
  }
  return { ok: true, pathway: { id: created.id, title: created.title, workspaceSlug: workspace.slug } };
}
