import { redirect } from 'next/navigation';
import { getActor } from '@/lib/auth/session';
import { listWorkspacesForActor } from '@/lib/server/workspaces';

export const dynamic = 'force-dynamic';

/** Sends each person where they belong: members to their workspace, patients and carers to their plan. */
export default async function Home({ searchParams }: { searchParams: Promise<{ notice?: string }> }) {
  const actor = await getActor();
  if (!actor) redirect('/signin');
  // Just left a workspace (the members page): the next page says so.
  const left = (await searchParams).notice === 'left';
  const workspaces = await listWorkspacesForActor(actor);
  if (workspaces[0]) redirect(`/w/${workspaces[0].slug}/pathways${left ? '?notice=left' : ''}`);
  redirect('/my-plan');
}
