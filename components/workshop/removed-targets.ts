// Comments and dots outside the shared document still name steps (and transitions) by id, so one
// may point at something since taken out of the live pathway. These say which, and what it was
// called: when this page last saw it, or else the name the server stored with the thread or the
// dot (lib/server/target-label.ts), so the comments panel and the dot vote can still list them,
// after a reload too, to be read, resolved, deleted or taken back.
import { useState } from 'react';
import { targetNames } from '@/lib/workshop/target-names';

export { targetNames };

/** `seen` with the names in `here` added (untitled ones are not worth remembering); `seen` itself when nothing is new. */
export function remember(
  seen: ReadonlyMap<string, string>,
  here: ReadonlyMap<string, string>,
): ReadonlyMap<string, string> {
  let next: Map<string, string> | null = null;
  for (const [id, name] of here) {
    if (!name.trim() || seen.get(id) === name) continue;
    next ??= new Map(seen);
    next.set(id, name);
  }
  return next ?? seen;
}

/** Every name `here` has had since this page opened, so a step deleted meanwhile can still be named. */
export function useRememberedNames(here: ReadonlyMap<string, string> | null): ReadonlyMap<string, string> {
  const [seen, setSeen] = useState<ReadonlyMap<string, string>>(() => new Map());
  const next = here ? remember(seen, here) : seen;
  // Kept while rendering (React's pattern for state that follows a prop), and only when a name is
  // new, so the editor is not drawn twice for every edit.
  if (next !== seen) setSeen(next);
  return next;
}

/**
 * Threads pinned to something not in `here`, marked with what it was last called: as this page last
 * saw it, else as stored with the thread (`targetLabel`), else null. Pathway-wide threads are never marked.
 */
export function markRemovedTargets<T extends { targetId: string | null; targetLabel?: string | null }>(
  threads: readonly T[],
  here: ReadonlyMap<string, string>,
  seen: ReadonlyMap<string, string>,
): (T & { removedTarget?: { name: string | null } })[] {
  return threads.map((t) =>
    t.targetId && !here.has(t.targetId)
      ? { ...t, removedTarget: { name: seen.get(t.targetId) ?? (t.targetLabel || null) } }
      : t,
  );
}

/**
 * This person's dots on steps no longer in the pathway, with what each step was last called: as this
 * page last saw it, else as stored with the dots (`label`), else null.
 */
export function myDotsOnRemovedSteps(
  votes: readonly { stepId: string; mine: number; label?: string | null }[],
  stepNames: ReadonlyMap<string, string>,
  seen: ReadonlyMap<string, string>,
): { stepId: string; mine: number; title: string | null }[] {
  return votes
    .filter((v) => v.mine > 0 && !stepNames.has(v.stepId))
    .map((v) => ({ stepId: v.stepId, mine: v.mine, title: seen.get(v.stepId) ?? (v.label || null) }));
}
