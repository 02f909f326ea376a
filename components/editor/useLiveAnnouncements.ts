'use client';
// Other people's changes in the live workshop, told to screen reader users (WCAG 2.2 4.1.3) in the
// editor's polite status region, gathered and at most every few seconds (lib/collab/announce.ts):
// steps and transitions changed, new comments, dots, and the scores when they move with them. One's
// own changes are never told.
//
// And keyboard focus is never dropped in silence (2.4.3): when someone else deletes the step that
// has the focus (on the canvas, in the outline, or in its details), the focus goes where this
// person's own deletion would have put it (the canvas, the step's lane heading in the outline, the
// details panel) and they are told at once: "Dr Rohan Veltri (Hospital consultant) deleted the step
// “Triage” you were on."
import { useEffect, useRef, useState } from 'react';
import {
  changesBetween,
  LiveAnnouncer,
  lostStepText,
  lostTransitionText,
  type LiveChange,
} from '@/lib/collab/announce';
import type { CommentThread } from '@/lib/server/comments';
import type { WorkshopView } from '@/lib/server/workshop';
import { focusIsLost } from './keep-focus';
import type { EditorStore, RemoteChange } from './store';

/** Where the focus goes when what held it is deleted by someone else. */
export const CANVAS_SELECTOR = '[data-testid="pathway-canvas"]';
export const DETAILS_PANEL_ID = 'side-panel-details';

/** What had the focus when a change arrived, and where it should go should the change take it away. */
function focusedPlace(change: RemoteChange): { stepId: string | null; fallback: () => HTMLElement | null } | null {
  const active = document.activeElement;
  if (!(active instanceof HTMLElement) || active === document.body) return null;
  const node = active.closest<HTMLElement>('.react-flow__node');
  if (node)
    return { stepId: node.dataset.id ?? null, fallback: () => document.querySelector<HTMLElement>(CANVAS_SELECTOR) };
  const row = active.closest<HTMLElement>('[data-step]');
  if (row) {
    const stepId = row.dataset.step ?? null;
    const sector = change.before.steps.find((s) => s.id === stepId)?.sector;
    return { stepId, fallback: () => (sector ? document.getElementById(`lane-${sector}`) : null) };
  }
  if (active.closest(`#${DETAILS_PANEL_ID}`)) {
    const lost = change.lostSelection;
    return {
      stepId: lost?.kind === 'step' ? lost.id : null,
      fallback: () => document.getElementById(DETAILS_PANEL_ID),
    };
  }
  if (active.closest(CANVAS_SELECTOR))
    return { stepId: null, fallback: () => document.querySelector<HTMLElement>(CANVAS_SELECTOR) };
  return null;
}

function scoreWords(percents: readonly { id: string; percent: number | null }[]): string {
  const named = percents.map(
    (f) =>
      `${f.id === 'rcgp-five-tests' ? 'RCGP five tests' : 'National Voices'} ${f.percent ?? 'not scored'}${f.percent === null ? '' : '%'}`,
  );
  return `Scores now: ${named.join(', ')}.`;
}

export function useLiveAnnouncements({
  store,
  enabled,
  userId,
  threads,
  threadsLoaded,
  workshop,
  names,
  percents,
}: {
  store: EditorStore;
  /** In the live workshop. */
  enabled: boolean;
  /** The signed-in person: their own comments are not told. */
  userId: string | null;
  threads: readonly CommentThread[];
  /** The comments have been read once (what was there before is not news). */
  threadsLoaded: boolean;
  workshop: WorkshopView | null;
  /** Step and transition names now, for comments and dots. */
  names: ReadonlyMap<string, string>;
  /** The frameworks' scores now. */
  percents: readonly { id: string; percent: number | null }[];
}): void {
  const [announcer] = useState(() => new LiveAnnouncer((text) => store.announce(text)));

  useEffect(() => {
    if (!enabled) return;
    const offRemote = store.onRemoteChange((change) => {
      const changes = changesBetween(change.before, change.after);
      const removedStep = (id: string | null) =>
        id ? changes.find((c) => c.kind === 'step-removed' && c.id === id) : undefined;
      const place = focusedPlace(change);
      let said: string | null = null;
      let saidAbout: string | null = null;
      const gone = removedStep(place?.stepId ?? null);
      if (gone && gone.kind === 'step-removed') {
        said = lostStepText(change.deletedBy, gone.title, true, change.ownOnly);
        saidAbout = gone.id;
      } else if (change.lostSelection) {
        const lost = change.lostSelection;
        const step = lost.kind === 'step' ? removedStep(lost.id) : undefined;
        said =
          lost.kind === 'step'
            ? lostStepText(
                change.deletedBy,
                step && step.kind === 'step-removed' ? step.title : undefined,
                false,
                change.ownOnly,
              )
            : lostTransitionText(change.deletedBy, change.ownOnly);
        saidAbout = lost.id;
      }
      if (place) {
        // After the page has shown the change: only if the focus went with what was removed.
        requestAnimationFrame(() => {
          if (focusIsLost()) place.fallback()?.focus();
        });
      }
      if (said) {
        store.notify(said);
        announcer.saidNow();
      }
      if (!change.ownOnly) {
        const rest = changes.filter((c) => !(c.kind === 'step-removed' && c.id === saidAbout));
        announcer.push(change.by, rest, change.deletedBy);
      }
      return said !== null;
    });
    // This person's own messages ("Deleted the step…") are not talked over: the next word waits its turn.
    let lastNotice = store.getState().notice;
    const offNotice = store.subscribe(() => {
      const notice = store.getState().notice;
      if (notice === lastNotice) return;
      lastNotice = notice;
      if (notice) announcer.saidNow();
    });
    return () => {
      offRemote();
      offNotice();
      announcer.dispose();
    };
  }, [enabled, store, announcer]);

  // New comments by others.
  const seenComments = useRef<Set<string> | null>(null);
  useEffect(() => {
    if (!enabled || !threadsLoaded) return;
    const all = threads.flatMap((t) => [
      { c: t as CommentThread | CommentThread['replies'][number], thread: t },
      ...t.replies.map((r) => ({ c: r, thread: t })),
    ]);
    const seen = seenComments.current;
    seenComments.current = new Set(all.map(({ c }) => c.id));
    if (!seen) return;
    for (const { c, thread } of all) {
      if (seen.has(c.id) || c.authorId === userId) continue;
      const on = thread.targetId ? (names.get(thread.targetId) ?? thread.targetLabel ?? 'a step since removed') : null;
      announcer.push(
        [{ id: c.authorId, name: c.authorName, role: c.authorRole }],
        [{ kind: 'comment', id: c.id, on, reply: c.parentId !== null }],
      );
    }
  }, [enabled, threadsLoaded, threads, userId, names, announcer]);

  // Others' dots: each step's dots less this person's own. Dot votes are anonymous.
  const seenDots = useRef<Map<string, number> | null>(null);
  useEffect(() => {
    if (!enabled || !workshop) return;
    const others = new Map(workshop.votes.map((v) => [v.stepId, v.dots - v.mine]));
    const seen = seenDots.current;
    seenDots.current = others;
    if (!seen) return;
    const changes: LiveChange[] = [];
    for (const stepId of new Set([...seen.keys(), ...others.keys()])) {
      if ((seen.get(stepId) ?? 0) === (others.get(stepId) ?? 0)) continue;
      const vote = workshop.votes.find((v) => v.stepId === stepId);
      changes.push({
        kind: 'dots',
        stepId,
        title: names.get(stepId) ?? vote?.label ?? 'a step since removed',
        dots: vote?.dots ?? 0,
      });
    }
    announcer.push(null, changes);
  }, [enabled, workshop, names, announcer]);

  // The scores: told with others' changes when those move them.
  const words = scoreWords(percents);
  useEffect(() => {
    if (enabled) announcer.setScore(words);
  }, [enabled, words, announcer]);
}
