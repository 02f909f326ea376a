// Keeps the names stored with comment threads and dots (Comment.targetLabel, WorkshopVote.stepLabel)
// in step with the pathway each time its working copy is stored: by the editor's save and by the
// live workshop's write-back. A step renamed after its thread began is then named as it is now,
// and once it is removed, the thread and its dots say the name it last had. A target no longer in
// the pathway keeps its name. One statement per table, whatever the number of threads.
import type { getPrisma } from '@/lib/db/client';
import type { Pathway } from '@/lib/pathway/schema';
import { storableLabel, targetNames } from '@/lib/workshop/target-names';

type RawDb = Pick<ReturnType<typeof getPrisma>, '$executeRaw'>;

export async function refreshTargetLabels(db: RawDb, pathwayId: string, pathway: Pathway): Promise<void> {
  const ids: string[] = [];
  const labels: string[] = [];
  for (const [id, name] of targetNames(pathway)) {
    const label = storableLabel(name);
    if (label === null) continue; // untitled: keep the name it had
    ids.push(id);
    labels.push(label);
  }
  if (ids.length === 0) return;
  await db.$executeRaw`
    UPDATE "Comment" AS c SET "targetLabel" = v.label
      FROM unnest(${ids}::text[], ${labels}::text[]) AS v(id, label)
     WHERE c."pathwayId" = ${pathwayId} AND c."targetId" = v.id AND c."targetLabel" IS DISTINCT FROM v.label`;
  await db.$executeRaw`
    UPDATE "WorkshopVote" AS w SET "stepLabel" = v.label
      FROM unnest(${ids}::text[], ${labels}::text[]) AS v(id, label)
     WHERE w."pathwayId" = ${pathwayId} AND w."stepId" = v.id AND w."stepLabel" IS DISTINCT FROM v.label`;
}
