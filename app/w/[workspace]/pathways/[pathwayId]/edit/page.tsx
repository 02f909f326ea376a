import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { can } from '@/lib/auth/can';
import { requireWorkspace } from '@/lib/server/guard';
import { getPathwayForEditing } from '@/lib/server/get-pathway-for-editing';
import { listPathways } from '@/lib/server/pathways';
import { PathwayEditor } from '@/components/editor/PathwayEditor';
import type { TemplateChoice } from '@/components/editor/api';
import { todayIso } from '@/lib/server/results';

export const metadata: Metadata = { title: 'Edit pathway' };

/**
 * The pathway editor. Any member may open it (viewers and commenters read only); the page checks
 * access itself (a layout's check does not re-run on client navigation), and every save goes
 * through server actions that check again.
 */
export default async function EditPathwayPage({
  params,
  searchParams,
}: {
  params: Promise<{ workspace: string; pathwayId: string }>;
  searchParams: Promise<{ live?: string | string[]; select?: string | string[] }>;
}) {
  const { workspace: slug, pathwayId } = await params;
  // ?live=1: the live workshop (issue 5), everyone editing the shared document together.
  const query = await searchParams;
  const live = query.live === '1';
  // ?select=<step or transition id>: arrive with it selected and centred (scorecard drill-down).
  const select = typeof query.select === 'string' ? query.select : undefined;
  const { actor, workspace } = await requireWorkspace(slug);
  const pathway = await getPathwayForEditing({ actor, pathwayId });
  if (!pathway || pathway.workspace.slug !== slug) notFound();
  const back = `/w/${slug}/pathways/${pathway.id}`;

  if (!pathway.document) {
    return (
      <>
        <p className="mb-2 text-sm">
          <Link href={back}>{pathway.title}</Link> <span aria-hidden="true">›</span>
        </p>
        <h1 className="text-3xl font-bold mb-4">This pathway cannot be opened in the editor</h1>
        <div role="alert" className="border-4 border-nhs-red bg-white p-4">
          <p className="font-bold mb-2">The stored pathway has problems:</p>
          <ul className="list-disc pl-6">
            {pathway.documentErrors.map((e, i) => (
              <li key={i}>{e.message}</li>
            ))}
          </ul>
        </div>
      </>
    );
  }

  const list = await listPathways(actor, workspace.id);
  const templates: TemplateChoice[] = list
    .filter((p) => p.id !== pathway.id)
    .map((p) => ({ id: p.id, title: p.title, isTemplate: false, status: p.status }));
  const canCreate = can(actor, 'pathway:create', { type: 'pathway', workspaceId: workspace.id });

  return (
    <>
      <p className="mb-2 text-sm no-print">
        <Link href={`/w/${slug}/pathways`}>Pathways</Link> <span aria-hidden="true">›</span> <Link href={back}>{pathway.title}</Link>{' '}
        <span aria-hidden="true">›</span>{' '}
        {live ? (
          <Link href={`/w/${slug}/pathways/${pathway.id}/edit`}>Leave the live workshop and edit on your own</Link>
        ) : (
          <Link href={`/w/${slug}/pathways/${pathway.id}/edit?live=1`}>Join the live workshop</Link>
        )}
      </p>
      <PathwayEditor
        key={live ? 'live' : 'own'}
        live={live}
        userId={actor.userId}
        testHooks={process.env.PATHWEAVE_TEST_HOOKS === '1'}
        initialSelect={select}
        pathway={{ ...pathway, document: pathway.document }}
        templates={templates}
        canCreate={canCreate}
        today={todayIso()}
      />
    </>
  );
}
