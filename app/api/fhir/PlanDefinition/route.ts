import { can } from '@/lib/auth/can';
import { getActor } from '@/lib/auth/session';
import { audit } from '@/lib/server/audit';
import { planDefinitionToPathway } from '@/lib/fhir/plan-definition';
import { createPathway } from '@/lib/server/create-pathway';
import { getWorkspaceForActor } from '@/lib/server/workspaces';
import { NO_STORE, invalidInput, jsonRoute, readJson, signInFirst } from '@/lib/server/care-plan-http';

export const dynamic = 'force-dynamic';

const WORKSPACE_NOT_FOUND = () =>
  Response.json(
    { error: 'This workspace was not found, or you do not have access to it.' },
    { status: 404, headers: NO_STORE },
  );

/**
 * Imports a FHIR R4 PlanDefinition as a new pathway: POST /api/fhir/PlanDefinition?workspace=<slug>
 * with the PlanDefinition as the JSON body. Errors name the PlanDefinition's own paths.
 */
export const POST = jsonRoute('PlanDefinition import POST', async (request: Request) => {
  const actor = await getActor();
  if (!actor) return signInFirst();
  const slug = new URL(request.url).searchParams.get('workspace') ?? '';
  const workspace = slug ? await getWorkspaceForActor(actor, slug) : null;
  if (!workspace) return WORKSPACE_NOT_FOUND();
  // Authorization before the body is read: someone who may not create pathways here learns nothing
  // about their file (the same order as the JSON import).
  if (!can(actor, 'pathway:create', { type: 'pathway', workspaceId: workspace.id })) {
    await audit({
      actorId: actor.userId,
      action: 'pathway:create',
      resourceType: 'workspace',
      resourceId: workspace.id,
      outcome: 'denied',
      detail: { via: 'fhir' },
    });
    return WORKSPACE_NOT_FOUND();
  }
  const json = await readJson(request);
  if (!json.ok) return json.response;
  const imported = planDefinitionToPathway(json.body);
  if (!imported.ok) return invalidInput('The PlanDefinition cannot be read as a pathway.', imported.errors);
  const created = await createPathway({ actor, workspaceId: workspace.id, document: imported.pathway });
  if (!created.ok) {
    if (created.reason === 'not_found') return WORKSPACE_NOT_FOUND();
    return invalidInput(created.message, created.errors);
  }
  return Response.json(
    {
      id: created.pathway.id,
      title: created.pathway.title,
      href: `/w/${workspace.slug}/pathways/${created.pathway.id}`,
    },
    { status: 201, headers: NO_STORE },
  );
});
