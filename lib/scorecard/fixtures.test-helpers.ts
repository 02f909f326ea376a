// Scorecard sources built from the demo pathways scored by the real engine, for the unit tests.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parsePathwayJson } from '@/lib/pathway/validate';
import type { Pathway } from '@/lib/pathway/schema';
import { scoreForStorage } from '@/lib/server/scores';
import { scoreRowsFromStored } from './rows';
import type { ConsensusRow, PathwaySourceRow, PathwayStatus, ScorecardSource } from './types';

const dir = fileURLToPath(new URL('../../prisma/demo/pathways/', import.meta.url));

export function demoPathway(file: string): Pathway {
  const r = parsePathwayJson(readFileSync(`${dir}${file}`, 'utf8'));
  if (!r.ok) throw new Error(`${file} is not valid`);
  return r.pathway;
}

export function storedScores(file: string, versionCount: number, today: string) {
  return JSON.parse(JSON.stringify(scoreForStorage(demoPathway(file), { versionCount, today }))) as ReturnType<typeof scoreForStorage>;
}

export interface DemoEntry {
  id: string;
  title: string;
  file: string;
  number: number;
  status?: PathwayStatus;
  conditions?: string[];
  savedAt?: string;
}

/** A source as the database would return it for these pathways' latest versions. */
export function demoSource(entries: readonly DemoEntry[], consensus: ConsensusRow[] = []): ScorecardSource {
  const source: ScorecardSource = { pathways: [], frameworks: [], criteria: [], consensus };
  for (const e of entries) {
    const savedAt = e.savedAt ?? '2026-10-05T09:00:00.000Z';
    const versionId = `${e.id}-v${e.number}`;
    const rows = scoreRowsFromStored(versionId, storedScores(e.file, e.number, savedAt.slice(0, 10)));
    const pathway: PathwaySourceRow = {
      id: e.id,
      title: e.title,
      conditions: e.conditions ?? ['COPD'],
      status: e.status ?? 'draft',
      version: { id: versionId, number: e.number, savedAt, scoredAt: rows.scoredAt },
      journey: rows.journey,
    };
    source.pathways.push(pathway);
    source.frameworks.push(...rows.frameworks);
    source.criteria.push(...rows.criteria);
  }
  return source;
}
