import type { Metadata } from 'next';
import { requireWorkspace } from '@/lib/server/guard';

export const metadata: Metadata = { title: 'Care plans' };

export default async function CarePlansPage({ params }: { params: Promise<{ workspace: string }> }) {
  await requireWorkspace((await params).workspace, 'workspace:view');
  return (
    <>
      <h1 className="text-3xl font-bold mb-2">Care plans</h1>
      <p>No shared care plans have been made in this workspace yet.</p>
    </>
  );
}
