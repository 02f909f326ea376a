// One member of a workspace, for its facilitators: PATCH { accessRole } changes their role, DELETE
// removes them. lib/server/workspaces.ts changeMembership asks can() (`workspace:manage`), audits,
// and asks the person's open live connections again at once. A workspace the actor cannot see, a
// workspace they cannot manage and a person who is not a member all answer the same 404.
import { z } from 'zod';
import { ACCESS_ROLES } from '@/lib/auth/can';
import { getActor } from '@/lib/auth/session';
import { fromAnotherSite, invalidInput, jsonRoute, NO_STORE, readJson, signInFirst } from '@/lib/server/care-plan-http';
import {
  changeMembership,
  getWorkspaceForActor,
  MEMBER_NOT_FOUND,
  type MembershipChangeResult,
} from '@/lib/server/workspaces';

export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ workspace: string; userId: string }> };

const Body = z.object({ accessRole: z.enum(ACCESS_ROLES) });

const notFound = () => Response.json({ error: MEMBER_NOT_FOUND }, { status: 404, headers: NO_STORE });

function answer(result: MembershipChangeResult): Response {
  if (result.ok) return Response.json({ userId: result.userId, accessRole: result.accessRole }, { headers: NO_STORE });
  if (result.reason === 'not_found') return notFound();
  return Response.json({ error: result.message }, { status: 409, headers: NO_STORE });
}

async function change(context: Context, accessRole: z.infer<typeof Body>['accessRole'] | null): Promise<Response> {
  const actor = await getActor();
  if (!actor) return signInFirst();
  const { workspace: slug, userId } = await context.params;
  const workspace = await getWorkspaceForActor(actor, slug);
  if (!workspace) return notFound();
  return answer(await changeMembership(actor, { workspaceId: workspace.id, userId, accessRole }));
}

export const PATCH = jsonRoute('workspace member PATCH', async (request: Request, context: Context) => {
  if (!(await getActor())) return signInFirst();
  const body = await readJson(request, 10_000);
  if (!body.ok) return body.response;
  const parsed = Body.safeParse(body.body);
  if (!parsed.success) {
    const sent = (body.body as { accessRole?: unknown } | null)?.accessRole;
    const allowed = `Choose one of: ${ACCESS_ROLES.join(', ')}.`;
    const message =
      sent === undefined || sent === null || sent === ''
        ? `Role (accessRole) is missing. ${allowed}`
        : `Role (accessRole): “${String(typeof sent === 'string' ? sent : JSON.stringify(sent)).slice(0, 100)}” is not a role. ${allowed}`;
    return invalidInput('Choose the person’s new role.', [{ path: 'accessRole', message }]);
  }
  return change(context, parsed.data.accessRole);
});

// No body to read, so readJson's check does not run: another website's page is refused here.
export const DELETE = jsonRoute('workspace member DELETE', async (request: Request, context: Context) => {
  if (!(await getActor())) return signInFirst();
  if (fromAnotherSite(request)) {
    return Response.json(
      { error: 'This request came from another website, so Pathweave did not act on it.' },
      { status: 403, headers: NO_STORE },
    );
  }
  return change(context, null);
});
