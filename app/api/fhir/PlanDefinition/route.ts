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
 * FHIR servers and clients send a resource as application/fhir+json (perhaps with "; charset=utf-8"
 * or "; fhirVersion=4.0"): it is JSON, so it is read exactly as application/json is. A browser cannot
 * send this type from another site without asking first, as with application/json; readJson still
 * refuses another site's request, a body over the limit and bad JSON the same way. Any other type is
 * passed on as it came, and refused there.
 */
function fhirJsonAsJson(request: Request): Request {
  const [mediaType = '', ...parameters] = (request.headers.get('content-type') ?? '').split(';');
  if (mediaType.trim().toLowerCase() !== 'application/fhir+json') return request;
  const headers = new Headers(request.headers);
  headers.set('content-type', ['application/json', ...parameters].join(';'));
  return new Request(request, { headers });
}

/**
 * Imports a FHIR R4 PlanDefinition as a new pathway: POST /api/fhir/PlanDefinition?workspace=<slug>
 * with the PlanDefinition as the body (Content-Type application/json or application/fhir+json).
 * Errors name the PlanDefinition's own paths.
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
  const json = await readJson(fhirJsonAsJson(request));
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
