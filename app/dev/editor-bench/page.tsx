import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { BenchEditor } from '@/components/editor/BenchEditor';

export const metadata: Metadata = { title: 'Editor benchmark' };

/**
 * The editor on a generated pathway, for scripts/bench-editor.ts. It exists only when the server
 * runs with PATHWEAVE_BENCH=1; otherwise it is "not found", like any unknown address.
 */
export default async function EditorBenchPage({ searchParams }: { searchParams: Promise<{ steps?: string; seed?: string }> }) {
  await connection(); // read the environment at request time, not at build time
  if (process.env.PATHWEAVE_BENCH !== '1') notFound();
  const params = await searchParams;
  const steps = Math.min(2000, Math.max(2, Number(params.steps ?? 500) || 500));
  const seed = Number(params.seed ?? 1) || 1;
  return (
    <main id="main-content" className="px-4 py-4">
      <BenchEditor steps={steps} seed={seed} today="2026-11-23" />
    </main>
  );
}
