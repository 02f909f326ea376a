// Which pathway document a care plan follows: the latest SAVED version of each pathway, never the
// working copy that the live workshop and drafts change continually. A pathway with no saved
// version yet falls back to its working copy (a plan made from a brand-new pathway still shows
// steps). The person's page, print view, PDF, API and FHIR export, and the care team's step
// chooser, all read through here, so the step a clinician picks is a step the person can see.
import type { Prisma, PrismaClient } from '@/lib/generated/prisma/client';

export interface PlanPathwayDocument {
  /** The stored document (not yet parsed). */
  document: unknown;
  /** The saved version followed; null when the pathway has no saved version (working copy). */
  versionNumber: number | null;
}

type Db = PrismaClient | Prisma.TransactionClient;

/**
 * The document each pathway's care plans follow, by pathway id. `workingCopies` are the pathways'
 * working copies, already read by the caller (with the caller's access rules): a pathway missing
 * from them is missing from the answer.
 */
export async function planPathwayDocuments(
  db: Db,
  workingCopies: readonly { id: string; document: unknown }[],
): Promise<Map<string, PlanPathwayDocument>> {
  const out = new Map<string, PlanPathwayDocument>();
  if (workingCopies.length === 0) return out;
  // One query per pathway (a plan follows a handful), each reading only the newest version's row.
  // Not findMany with `distinct`: Prisma applies that in memory after fetching every version.
  const latest = [];
  for (const p of workingCopies) {
    const v = await db.pathwayVersion.findFirst({
      where: { pathwayId: p.id },
      orderBy: { number: 'desc' },
      select: { pathwayId: true, number: true, document: true },
    });
    if (v) latest.push(v);
  }
  const saved = new Map(latest.map((v) => [v.pathwayId, v]));
  for (const p of workingCopies) {
    const v = saved.get(p.id);
    out.set(
      p.id,
      v ? { document: v.document, versionNumber: v.number } : { document: p.document, versionNumber: null },
    );
  }
  return out;
}
