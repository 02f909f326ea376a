import type { Metadata } from 'next';
import { requireWorkspace } from '@/lib/server/guard';

export const metadata: Metadata = { title: 'Scorecards' };

export default async function ScorecardsPage({ params }: { params: Promise<{ workspace: string }> }) {
  await requireWorkspace((await params).workspace, 'workspace:viewScorecard');
  return (
    <>
      <h1 className="text-3xl font-bold mb-2">Scorecards</h1>
      <p>Scorecards compare this workspace&apos;s pathways and their versions. Open a pathway to see its scores.</p>
    </>
  );
}
