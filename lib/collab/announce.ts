// What screen reader users are told of other people's changes in the live workshop (WCAG 2.2
// 4.1.3 Status Messages): "Dr Rohan Veltri (Hospital consultant) renamed the step “Triage” to
// “Nurse triage”.", or, when several changes arrive together, "3 changes by Dr Rohan Veltri and
// Priya Osei: 2 steps added, 1 comment." Pure: no DOM, no React, no Yjs.
//
// - `changesBetween(before, after)`: the changes a person would name, from two live pathways
//   (canvas moves are left out: a room drags steps all the time).
// - `LiveAnnouncer`: gathers changes and says them politely, at most once every few seconds. A run
//   of changes to one thing by one person is one change (someone typing a title is one rename, from
//   the old title to the last), and what cancels out (added, then deleted) is not said at all.
import { diffPathways } from '@/lib/pathway/diff';
import { ROLE_LABELS } from '@/lib/pathway/labels';
import type { Pathway, Role } from '@/lib/pathway/schema';

/** Someone in the room, as the server named them (lib/collab/presence.ts). */
export interface Author {
  id: string;
  name: string;
  /** Professional role ("gp", "practice_nurse"…). */
  role: string;
}

/**
 * Who made the changes that came from the room since last asked (CollaborativeSession's
 * takeRemoteAuthors): the people in the room whose Yjs client wrote something. `someoneElse`: a
 * writer not in the room now (left, or the server), or a change that only deleted (a deletion does
 * not carry who made it). `ownOnly`: every writer was this person, in another tab or device.
 */
export interface RemoteAuthors {
  people: Author[];
  someoneElse: boolean;
  ownOnly: boolean;
  /** This person wrote some of it too, in another tab or device, alongside `people`. */
  ownToo?: boolean;
  /**
   * It came in the catch-up after (re)connecting: everything missed, in one transaction. A deletion
   * in it may be anyone's, a writer's or not (someone who only deleted, then left).
   */
  catchUp?: boolean;
  /**
   * Nothing came from the room: it was this person's own edits, kept on this device while offline
   * and merged into the room on coming back. Theirs, so not news to them.
   */
  keptOffline?: boolean;
}

/** Who made a change: the people it came from, or null when that cannot be told (someone who has left, a dot vote). */
export type By = readonly Author[] | null;

/** In a `By`, for writers who cannot be named alongside those who can: "Priya Osei and others". */
export const OTHERS: Author = { id: ':others', name: 'others', role: '' };

/**
 * Whom to name for the changes in `authors`: `by` for what they added or changed (what a writer adds
 * carries their name), and `deletedBy` for what they deleted (a deletion does not), named only when
 * exactly one person, and nobody else, could have made it; otherwise nobody ("Someone deleted…"), so a
 * deletion by someone who has since left is never put down to whoever else wrote in the same batch.
 */
export function creditOf(authors: RemoteAuthors | null): { by: By; deletedBy: By } {
  if (!authors || authors.people.length === 0) return { by: null, deletedBy: null };
  const unsure = authors.someoneElse || authors.ownToo === true;
  const by = unsure ? [...authors.people, OTHERS] : authors.people;
  const one = !unsure && authors.people.length === 1 && authors.catchUp !== true;
  return { by, deletedBy: one ? authors.people : null };
}

/** A change that deletes something (named by `deletedBy`, see creditOf). */
export function isDeletion(change: LiveChange): boolean {
  return change.kind === 'step-removed' || change.kind === 'transition-removed';
}

export type LiveChange =
  | { kind: 'step-added' | 'step-removed' | 'step-changed'; id: string; title: string }
  | { kind: 'step-renamed'; id: string; from: string; to: string }
  | { kind: 'transition-added' | 'transition-removed' | 'transition-changed'; id: string; from: string; to: string }
  | { kind: 'pathway-changed' }
  | { kind: 'dots'; stepId: string; title: string; dots: number }
  | { kind: 'comment'; id: string; on: string | null; reply: boolean };

/** The changes between two live pathways that are worth telling a person about, in the order a person would read them. */
export function changesBetween(before: Pathway, after: Pathway): LiveChange[] {
  const diff = diffPathways(before, after);
  const out: LiveChange[] = [];
  for (const s of diff.steps.added) out.push({ kind: 'step-added', id: s.id, title: s.title });
  for (const s of diff.steps.removed) out.push({ kind: 'step-removed', id: s.id, title: s.title });
  for (const c of diff.steps.changed) {
    if (c.before.title !== c.after.title)
      out.push({ kind: 'step-renamed', id: c.id, from: c.before.title, to: c.after.title });
    if (c.changes.some((f) => f.field !== 'title')) out.push({ kind: 'step-changed', id: c.id, title: c.after.title });
  }
  const titleIn = (doc: Pathway, id: string) => doc.steps.find((s) => s.id === id)?.title ?? 'a step';
  const removedSteps = new Set(diff.steps.removed.map((s) => s.id));
  for (const t of diff.transitions.added)
    out.push({ kind: 'transition-added', id: t.id, from: titleIn(after, t.from), to: titleIn(after, t.to) });
  for (const t of diff.transitions.removed) {
    // Went with a deleted step: that step's deletion says it.
    if (removedSteps.has(t.from) || removedSteps.has(t.to)) continue;
    out.push({ kind: 'transition-removed', id: t.id, from: titleIn(before, t.from), to: titleIn(before, t.to) });
  }
  for (const t of diff.transitions.changed)
    out.push({
      kind: 'transition-changed',
      id: t.id,
      from: titleIn(after, t.after.from),
      to: titleIn(after, t.after.to),
    });
  if (diff.metadata.length > 0) out.push({ kind: 'pathway-changed' });
  return out;
}

function roleLabel(role: string): string {
  return ROLE_LABELS[role as Role] ?? role.replace(/_/g, ' ');
}

function listOf(words: readonly string[]): string {
  if (words.length <= 1) return words[0] ?? '';
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

/** "Sam Jones (Practice nurse)", "Sam Jones and Priya Osei", "Priya Osei and others", or "Someone" when nobody can be named. */
export function whoDid(by: By): string {
  const people = named(by);
  if (people.length === 0) return 'Someone';
  if (withOthers(by)) return `${listOf(people.map((p) => p.name))} and others`;
  if (people.length === 1) {
    const [p] = people as [Author];
    return `${p.name} (${roleLabel(p.role)})`;
  }
  return listOf(people.map((p) => p.name));
}

/** The people in `by` who can be named. */
function named(by: By): Author[] {
  return by ? distinct(by).filter((a) => a.id !== OTHERS.id) : [];
}

/** Some of it was by people who cannot be named: `by` is null or empty, or says OTHERS. */
function withOthers(by: By): boolean {
  return !by || by.length === 0 || by.some((a) => a.id === OTHERS.id);
}

function distinct(by: readonly Author[]): Author[] {
  const seen = new Map<string, Author>();
  for (const a of by) if (!seen.has(a.id)) seen.set(a.id, a);
  return [...seen.values()];
}

/** One change as a sentence, for when it is the only one to tell. */
export function sentence(by: By, change: LiveChange): string {
  const who = whoDid(by);
  switch (change.kind) {
    case 'step-added':
      return `${who} added the step “${change.title}”.`;
    case 'step-removed':
      return `${who} deleted the step “${change.title}”.`;
    case 'step-renamed':
      return `${who} renamed the step “${change.from}” to “${change.to}”.`;
    case 'step-changed':
      return `${who} changed the step “${change.title}”.`;
    case 'transition-added':
      return `${who} connected “${change.from}” to “${change.to}”.`;
    case 'transition-removed':
      return `${who} removed the transition from “${change.from}” to “${change.to}”.`;
    case 'transition-changed':
      return `${who} changed the transition from “${change.from}” to “${change.to}”.`;
    case 'pathway-changed':
      return `${who} changed the pathway’s details.`;
    case 'dots':
      // Dot votes are anonymous: only the count is said.
      return `“${change.title}” now has ${change.dots === 0 ? 'no dots' : change.dots === 1 ? '1 dot' : `${change.dots} dots`}.`;
    case 'comment':
      return `${who} ${change.reply ? 'replied to a comment' : 'commented'} on ${change.on ? `“${change.on}”` : 'the whole pathway'}.`;
  }
}

/**
 * What this person is told when a step they were on (focus) or had selected is deleted by someone
 * else. Said at once, not gathered with the rest: their focus has just moved.
 */
export function lostStepText(by: By, title: string | undefined, focused: boolean, ownOnly = false): string {
  const step = title ? `the step “${title}”` : 'the step';
  const you = focused ? 'were on' : 'had selected';
  return ownOnly ? `You deleted ${step} you ${you} in another window.` : `${whoDid(by)} deleted ${step} you ${you}.`;
}

/** Said when the selected transition goes: the details panel changes under the person. */
export function lostTransitionText(by: By, ownOnly = false): string {
  return ownOnly
    ? 'You deleted the transition you had selected in another window.'
    : `${whoDid(by)} deleted the transition you had selected.`;
}

interface Pending {
  by: By;
  change: LiveChange;
}

function byKey(by: By): string {
  return by && by.length
    ? distinct(by)
        .map((a) => a.id)
        .sort()
        .join(',')
    : '';
}

function targetOf(change: LiveChange): string {
  switch (change.kind) {
    case 'pathway-changed':
      return 'pathway';
    case 'dots':
      return `dots:${change.stepId}`;
    case 'comment':
      return `comment:${change.id}`;
    case 'transition-added':
    case 'transition-removed':
    case 'transition-changed':
      return `transition:${change.id}`;
    default:
      return `step:${change.id}`;
  }
}

/**
 * Add a change to those waiting to be said, folding it into an earlier one by the same people on
 * the same thing: a rename after a rename is one rename (from the first title to the last), a
 * rename or a change of a step just added is that step added (as it is now), a deletion of what was
 * just added (or an addition of what was just deleted: undo) cancels both. Returns the new list.
 */
export function gather(pending: readonly Pending[], by: By, change: LiveChange): Pending[] {
  const key = byKey(by);
  const target = targetOf(change);
  const i = pending.findIndex((p) => byKey(p.by) === key && targetOf(p.change) === target);
  // Anonymous dots: whoever put them, the latest count is what the room has.
  const j = change.kind === 'dots' ? pending.findIndex((p) => targetOf(p.change) === target) : i;
  if (j < 0) return [...pending, { by, change }];
  const rest = pending.filter((_, k) => k !== j);
  const earlier = (pending[j] as Pending).change;
  const put = (c: LiveChange | null): Pending[] =>
    c ? [...rest.slice(0, j), { by, change: c }, ...rest.slice(j)] : rest;
  switch (change.kind) {
    case 'step-renamed':
      if (earlier.kind === 'step-renamed')
        return change.to === earlier.from ? rest : put({ ...change, from: earlier.from });
      if (earlier.kind === 'step-added') return put({ ...earlier, title: change.to });
      if (earlier.kind === 'step-changed') return put({ ...change });
      return [...pending, { by, change }];
    case 'step-changed':
      if (earlier.kind === 'step-added' || earlier.kind === 'step-renamed' || earlier.kind === 'step-changed')
        return pending.slice();
      return [...pending, { by, change }];
    case 'step-removed': {
      // Everything this person did to the step before deleting it goes; what they added and deleted, all of it.
      const others = pending.filter((p) => !(byKey(p.by) === key && targetOf(p.change) === target));
      return earlier.kind === 'step-added' ? others : [...others, { by, change }];
    }
    case 'transition-changed':
      if (earlier.kind === 'transition-added' || earlier.kind === 'transition-changed')
        return put({ ...earlier, from: change.from, to: change.to });
      return [...pending, { by, change }];
    case 'transition-removed':
      return earlier.kind === 'transition-added' ? rest : put(change);
    case 'step-added':
    case 'transition-added':
      // Deleted and put back (undo): nothing changed.
      return earlier.kind === 'step-removed' || earlier.kind === 'transition-removed'
        ? rest
        : [...pending, { by, change }];
    case 'pathway-changed':
    case 'dots':
      return put(change);
    default:
      return [...pending, { by, change }];
  }
}

const KIND_WORDS: readonly { kinds: readonly LiveChange['kind'][]; one: string; many: string }[] = [
  { kinds: ['step-added'], one: 'step added', many: 'steps added' },
  { kinds: ['step-removed'], one: 'step deleted', many: 'steps deleted' },
  { kinds: ['step-renamed', 'step-changed'], one: 'step changed', many: 'steps changed' },
  {
    kinds: ['transition-added', 'transition-removed', 'transition-changed'],
    one: 'transition changed',
    many: 'transitions changed',
  },
  { kinds: ['pathway-changed'], one: 'change to the pathway’s details', many: 'changes to the pathway’s details' },
  { kinds: ['dots'], one: 'step with new dots', many: 'steps with new dots' },
  { kinds: ['comment'], one: 'comment', many: 'comments' },
];

/** Everything waiting, in one sentence: the change itself when there is one, else a count, by whom, and of what. */
export function summarise(pending: readonly Pending[]): string | null {
  if (pending.length === 0) return null;
  if (pending.length === 1) {
    const [p] = pending as [Pending];
    return sentence(p.by, p.change);
  }
  const names = distinct(pending.flatMap((p) => named(p.by))).map((a) => a.name);
  const unnamed = pending.some((p) => withOthers(p.by));
  const who =
    names.length === 0
      ? 'others in the room'
      : names.length > 3
        ? `${names.slice(0, 3).join(', ')} and others`
        : unnamed
          ? `${names.join(', ')} and others`
          : listOf(names);
  const parts: string[] = [];
  for (const { kinds, one, many } of KIND_WORDS) {
    const n = pending.filter((p) => kinds.includes(p.change.kind)).length;
    if (n) parts.push(`${n} ${n === 1 ? one : many}`);
  }
  return `${pending.length} changes by ${who}: ${parts.join(', ')}.`;
}

export interface AnnouncerTiming {
  /** Said once nothing more has come for this long (a burst is said as one). */
  quietMs: number;
  /** …but never later than this after the first change waiting (a room that never pauses is still told). */
  maxWaitMs: number;
  /**
   * At least this long between two announcements, and after this person's own message (saidNow) before
   * the next; that wait, though, never holds changes back more than `maxWaitMs + minGapMs` in all.
   */
  minGapMs: number;
}

export const ANNOUNCER_TIMING: AnnouncerTiming = { quietMs: 1_500, maxWaitMs: 5_000, minGapMs: 4_000 };

/**
 * Gathers other people's changes and says them (through `say`, the editor's polite live region)
 * at most once every `minGapMs`, summarised. One's own changes are never given to it.
 */
export class LiveAnnouncer {
  private pending: Pending[] = [];
  private firstAt: number | null = null;
  private lastPushAt = Number.NEGATIVE_INFINITY;
  /** When this announcer last said something. */
  private lastSaidAt = Number.NEGATIVE_INFINITY;
  /** When something else was last said (saidNow: this person's own message, a lost focus). */
  private lastNoticeAt = Number.NEGATIVE_INFINITY;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private score: string | null = null;
  private scoreSaid: string | null = null;

  constructor(
    private readonly say: (text: string) => void,
    private readonly timing: AnnouncerTiming = ANNOUNCER_TIMING,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** Changes by `by` (their deletions by `deletedBy`, see creditOf), to be said soon. */
  push(by: By, changes: readonly LiveChange[], deletedBy: By = by): void {
    if (changes.length === 0) return;
    for (const c of changes) this.pending = gather(this.pending, isDeletion(c) ? deletedBy : by, c);
    const now = this.now();
    if (this.pending.length === 0) {
      // All cancelled out: nothing to say.
      this.firstAt = null;
      this.clearTimer();
      return;
    }
    this.firstAt ??= now;
    this.lastPushAt = now;
    this.schedule();
  }

  /**
   * Say what is waiting once things go quiet (or the longest wait is up), no sooner than `minGapMs`
   * after the last announcement or after this person's own last message. Their messages may come
   * every few seconds: waiting for a pause in them is given up `maxWaitMs + minGapMs` after the first
   * change waiting, so others' changes are always told.
   */
  private schedule(): void {
    if (this.firstAt === null) return;
    const { quietMs, maxWaitMs, minGapMs } = this.timing;
    const due = Math.max(
      Math.min(this.lastPushAt + quietMs, this.firstAt + maxWaitMs),
      this.lastSaidAt + minGapMs,
      Math.min(this.lastNoticeAt + minGapMs, this.firstAt + maxWaitMs + minGapMs),
    );
    this.clearTimer();
    this.timer = setTimeout(() => this.flush(), Math.max(0, due - this.now()));
  }

  /**
   * The scores as words ("Scores now: RCGP five tests 60%, National Voices 55%."). When they change
   * with others' changes waiting, the announcement ends with them; otherwise (one's own change) they
   * are taken as known.
   */
  setScore(words: string): void {
    this.score = words;
    if (this.pending.length === 0) this.scoreSaid = words;
  }

  /** Something else was just said (the focus moved, this person's own message): the next announcement waits its turn. */
  saidNow(): void {
    this.lastNoticeAt = this.now();
    if (this.pending.length) this.schedule();
  }

  /** Waiting to be said (for tests and the score's bookkeeping). */
  get waiting(): number {
    return this.pending.length;
  }

  flush(): void {
    this.clearTimer();
    const text = summarise(this.pending);
    this.pending = [];
    this.firstAt = null;
    if (!text) return;
    const score = this.score !== null && this.score !== this.scoreSaid ? ` ${this.score}` : '';
    this.scoreSaid = this.score;
    this.lastSaidAt = this.now();
    this.say(`${text}${score}`);
  }

  dispose(): void {
    this.clearTimer();
    this.pending = [];
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
