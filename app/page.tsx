import { redirect } from 'next/navigation';
import { getActor } from '@/lib/auth/session';
import { listWorkspacesForActor } from '@/lib/server/workspaces';

export const dynamic = 'force-dynamic';

/** Sends each person where they belong: members to their workspace, patients and carers to their plan. */
export default async function Home() {
  const actor = await getActor();
  if (!actor) redirect('/signin');
  const workspaces = await listWorkspacesForActor(actor);
  if (workspaces[0]) redirect(`/w/${workspaces[0].slug}/pathways`);
  redirect('/my-plan');
}
