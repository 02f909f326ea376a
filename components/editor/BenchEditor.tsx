'use client';
// The editor on a generated pathway with no server behind it, for scripts/bench-editor.ts
// (500 steps, 700 transitions). The document is generated here, in the browser, from a seed, so
// the page needs no database and every run opens the same pathway.
import { useState } from 'react';
import { generatePathway } from '@/lib/pathway/generate';
import { Editor } from './Editor';

export function BenchEditor({ steps, seed, today }: { steps: number; seed: number; today: string }) {
  const [pathway] = useState(() => {
    const document = generatePathway({ steps, seed });
    return {
      id: 'bench',
      workspace: { id: 'bench', slug: 'bench', name: 'Benchmark (nothing is saved)' },
      title: document.title,
      status: 'draft' as const,
      isTemplate: false,
      document,
      documentErrors: [],
      revision: 0,
      updatedAt: '2026-01-01T00:00:00.000Z',
      source: null,
      permissions: { canEdit: true, canComment: false, canVersion: false },
      versions: [],
      retiredIds: [],
    };
  });
  return <Editor pathway={pathway} api={null} today={today} />;
}
