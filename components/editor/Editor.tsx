'use client';
// The pathway editor (issue 4): canvas or outline, inspector, live scores, versions, files.
// One EditorStore holds the document and its undo history; every view edits through it.
import './editor.css';
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { ReactFlowProvider } from '@xyflow/react';
import type { Pathway } from '@/lib/pathway/schema';
import { SECTOR_LABELS } from '@/lib/pathway/labels';
import { diffPathways, isEmptyDiff } from '@/lib/pathway/diff';
import { autoLayout } from '@/lib/pathway/layout';
import { findingsByTarget, scorePathway, type TargetedFinding } from '@/lib/scoring';
import type { Finding } from '@/lib/scoring/types';
import type { PathwayForEditing, VersionSummary } from '@/lib/server/get-pathway-for-editing';
import type { DraftConflict } from '@/lib/server/save-pathway-draft';
import { EditorStore, READ_ONLY_UNDO, canRedo, canUndo, pendingFieldId, pendingInDocument, redoLabel, undoLabel, useEditor, type PendingValue } from './store';
import { PendingSummary, versionRefusal } from './PendingValues';
import { focusNextFrame } from './keep-focus';
import { countRender } from './renderCount';
import { Canvas, Palette, type CentreRequest } from './Canvas';
import { Inspector, ConnectForm } from './Inspector';
import { Outline, outlineButton } from './Outline';
import { ScoresPanel } from './ScoresPanel';
import { VersionsPanel } from './VersionsPanel';
import { FilePanel, PRINT_VIEW_BUTTON_ID } from './FilePanel';
import { PrintView } from './PrintView';
import { saveLiveVersionWhenShared } from './live-version';
import { AddStepForm } from './AddStepForm';
import { backupBase, backupTab, claimTab, holdEditorOpen, offerableBackupKeys, tabBackupKey, tabsWithPathwayOpen } from './tab-backups';
import { TabList, TabPanel } from './Tabs';
import { OptionList } from './fields';
import type { EditorApi, TemplateChoice } from './api';
import { useLiveSession } from '@/components/workshop/useLiveSession';
import { WorkshopBar } from '@/components/workshop/WorkshopBar';
import { LiveCanvasPresence } from '@/components/workshop/CanvasPresence';
import { CommentsPanel, useCommentThreads } from '@/components/workshop/CommentsPanel';
import { useWorkshop } from '@/components/workshop/useWorkshop';
import { CommentBadges, VoteBadges } from '@/components/workshop/CanvasBadges';
import { WorkshopPanel } from '@/components/workshop/WorkshopPanel';
import { useLiveAnnouncements } from './useLiveAnnouncements';
import { targetNames } from '@/components/workshop/removed-targets';

/**
 * How long to wait for the live pathway before saying it is taking longer than usual. The editor
 * keeps trying and stays read only: editing a copy of one's own while the room edits the shared
 * pathway would clash with the room's work when saved.
 */
const LIVE_SLOW_AFTER_MS = 12_000;

type View = 'canvas' | 'outline';
type Side = 'details' | 'scores' | 'versions' | 'file' | 'comments' | 'workshop';

export interface EditorProps {
  pathway: PathwayForEditing & { document: Pathway };
  api: EditorApi | null;
  templates?: readonly TemplateChoice[];
  /** May create pathways in this workspace (templates, localise). */
  canCreate?: boolean;
  /** Today (YYYY-MM-DD) for the scoring's review-date rule; the editor never guesses the clock on the server. */
  today: string;
  /** Edit the shared live document with others (issue 5) rather than one's own copy. */
  live?: boolean;
  /** A step or transition id to select and centre on arrival (drill-down from a scorecard finding). */
  initialSelect?: string;
  /** The signed-in person: live, their edits are kept on this device until the room has them (lib/collab/offline.ts). */
  userId?: string;
  /** Servers started for the browser tests only (PATHWEAVE_TEST_HOOKS): expose the live session as window.__pathweaveLive. */
  testHooks?: boolean;
}

interface SavedState {
  doc: Pathway;
  revision: number;
  at: string;
}

type SaveStatus =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: string }
  /** `unsent`: the server could not be reached with this document; autosave tries again after the next edit. */
  | { kind: 'error'; message: string; errors?: string[]; unsent?: Pathway }
  | { kind: 'conflict'; conflict: DraftConflict }
  /**
   * Save (`savedAt`: the rest was saved) or Save version (nothing was) met values typed in the
   * details that are not allowed: they are listed, each with a way to go to it.
   */
  | {
      kind: 'pending';
      savedAt?: string;
      /** Control S in the live workshop, where there is nothing else to save. */
      live?: boolean;
      /** The values as they were when the button or key was pressed: the list does not change with typing. */
      shown: readonly PendingValue[];
      /** Set when the list is to take the focus (Save, Control S live): new each time. */
      focusKey?: string;
    };

/** When a server action throws (network drop, or a redeploy the page does not know yet), the edits stay in this page and in this browser's backup. */
const UNREACHABLE =
  'Could not reach the server, so nothing was saved. Your changes are still here; try again. If it keeps failing, reload the page: this browser keeps a copy of your unsaved changes and offers it back.';

interface Backup {
  revision: number;
  savedAt: string;
  doc: Pathway;
  /** Values typed in the details that are not allowed, so not in `doc` (absent in older backups). */
  pending?: PendingValue[];
  /**
   * False when only `pending` was unsaved: `doc` is then the document as it was saved, not a change
   * to offer back (someone may have saved a newer one since). Absent in older backups: true.
   */
  docChanged?: boolean;
}

/**
 * A kept value as stored in the backup (JSON): a field of several boxes keeps its errors by box in a
 * Map (KeptDraft), stored as its entries.
 */
function storedPending(value: PendingValue): PendingValue {
  const kept = value.draft as { draft?: unknown; errors?: unknown } | undefined;
  if (!kept || typeof kept !== 'object' || !(kept.errors instanceof Map)) return value;
  return { ...value, draft: { draft: kept.draft, errors: [...kept.errors] } };
}

/** Back from the backup: errors by box become a Map again; anything else unreadable is dropped. */
function revivedPending(value: PendingValue): PendingValue | null {
  const kept = value.draft as { draft?: unknown; errors?: unknown } | undefined;
  if (!kept || typeof kept !== 'object' || !('errors' in kept)) return value;
  if (!Array.isArray(kept.errors) || !kept.errors.every((e) => Array.isArray(e) && e.length === 2 && Array.isArray(e[1]))) return null;
  return { ...value, draft: { draft: kept.draft, errors: new Map(kept.errors as [unknown, string[]][]) } };
}

/** The kept values of a backup that still fit its document and look like what the editor keeps. */
function backupPending(backup: Backup): PendingValue[] {
  if (!Array.isArray(backup.pending)) return [];
  const wellFormed = backup.pending.filter(
    (p) =>
      p !== null &&
      typeof p === 'object' &&
      (p.kind === 'step' || p.kind === 'transition' || p.kind === 'pathway') &&
      typeof p.id === 'string' &&
      typeof p.field === 'string' &&
      typeof p.label === 'string' &&
      typeof p.text === 'string' &&
      Array.isArray(p.errors) &&
      p.errors.every((e) => typeof e === 'string'),
  );
  const revived = wellFormed.map(revivedPending).filter((p): p is PendingValue => p !== null);
  return [...pendingInDocument(backup.doc, revived)];
}

function time(iso: string): string {
  return new Date(iso).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
}

function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement) return true;
  return target instanceof HTMLInputElement && ['text', 'search', 'email', 'url', 'tel', 'number', 'password', ''].includes(target.type);
}

/** Said when Control S is pressed in the live room, where every change is already shared and saved. */
export const LIVE_NOTHING_TO_SAVE = 'Nothing to save: in the live workshop every change is shared and saved as you make it.';

export function Editor({ pathway, api, templates = [], canCreate = false, today, live = false, initialSelect, userId, testHooks = false }: EditorProps) {
  countRender('views', 'Editor');
  const [store] = useState(() => new EditorStore(pathway.document, pathway.retiredIds));
  const doc = useEditor(store, (s) => s.history.present);
  const history = useEditor(store, (s) => s.history);
  const notice = useEditor(store, (s) => s.notice);
  const liveNotice = useEditor(store, (s) => s.liveNotice);
  const liveUndo = useEditor(store, (s) => s.live);
  // Values typed in the details that are not allowed: unsaved, though not in the document.
  const pendingAll = useEditor(store, (s) => s.pending);
  const pending = useMemo(() => pendingInDocument(doc, pendingAll), [doc, pendingAll]);

  // Live editing: 'connecting' (read only until the shared document arrives, however long that
  // takes), 'live' (edits go to the shared document), or 'fallback' (the live pathway refused this
  // person: the single-user editor, saving drafts).
  const liveWanted = live && api !== null;
  const [liveMode, setLiveMode] = useState<'off' | 'connecting' | 'live' | 'fallback'>(liveWanted ? 'connecting' : 'off');
  const { session, snapshot: liveSnapshot } = useLiveSession(pathway.id, liveWanted && liveMode !== 'fallback', userId, testHooks);
  const isLive = liveMode === 'live';
  const [fitRequest, setFitRequest] = useState(0);
  useEffect(() => {
    if (liveMode !== 'connecting' || !liveSnapshot || !session) return;
    if (liveSnapshot.status === 'denied') {
      queueMicrotask(() => setLiveMode('fallback'));
      return;
    }
    if (liveSnapshot.status === 'synced' && liveSnapshot.pathway) {
      store.attachLive(session);
      queueMicrotask(() => {
        setLiveMode('live');
        setFitRequest((n) => n + 1);
      });
    }
  }, [liveMode, liveSnapshot, session, store]);
  const [slowToConnect, setSlowToConnect] = useState(false);
  useEffect(() => {
    if (liveMode !== 'connecting') return;
    const timer = window.setTimeout(() => setSlowToConnect(true), LIVE_SLOW_AFTER_MS);
    return () => window.clearTimeout(timer);
  }, [liveMode]);
  useEffect(() => () => store.detachLive(), [store]);
  // Tell the others what this person has selected.
  useEffect(() => {
    if (!session || !isLive) return;
    session.setSelection(store.getState().selection);
    let last = store.getState().selection;
    return store.subscribe(() => {
      const selection = store.getState().selection;
      if (selection === last) return;
      last = selection;
      session.setSelection(selection);
    });
  }, [session, isLive, store]);
  // Comments (live workshop): threads on the selected step or transition, badges on the canvas.
  const names = useMemo(() => targetNames(doc), [doc]);
  const comments = useCommentThreads(pathway.id, isLive, session, isLive ? names : null);
  const selectionNow = useEditor(store, (s) => s.selection);
  const commentCounts = useMemo(() => {
    const counts = new Map<string, number>();
    for (const t of comments.threads) if (t.targetId && !t.resolvedAt) counts.set(t.targetId, (counts.get(t.targetId) ?? 0) + 1);
    return counts;
  }, [comments.threads]);
  const onCursor = useCallback((point: { x: number; y: number } | null) => session?.setCursor(point), [session]);
  // Workshop mode (live only): timer, dot vote, rating rounds; its collaboration record feeds NV 6 and NV 9.
  const workshop = useWorkshop(pathway.id, isLive, session);
  const participants = useMemo(() => {
    const live = workshop.workshop?.collaboration.participants;
    if (isLive && live) return live.length ? live : undefined;
    return pathway.participants;
  }, [isLive, workshop.workshop, pathway.participants]);
  const voteCounts = useMemo(() => {
    const counts = new Map<string, number>();
    for (const v of workshop.workshop?.votes ?? []) counts.set(v.stepId, v.dots);
    return counts;
  }, [workshop.workshop]);

  // With no server (the benchmark page) the editor is a practice canvas: everything but saving works.
  const canEdit = api === null || pathway.permissions.canEdit;
  // Live, the server decides (viewers and commenters cannot edit), as it decides now: someone moved
  // up or down since the page loaded follows their live connection. The client only hides controls.
  // Refused after joining (removed from the workspace, or signed out), or the live pathway cannot be
  // reached just now: nothing more can be sent.
  const readOnly = isLive
    ? !liveSnapshot || liveSnapshot.readOnly || liveSnapshot.status === 'denied' || liveSnapshot.status === 'unavailable'
    : !canEdit || liveMode === 'connecting';
  // Moved up to editor while here (refused writing by the server when last synced, now not): say
  // so. Only the server's rights count, not a moment of being unreachable or reconnecting.
  const rightsReadOnly = !liveSnapshot || liveSnapshot.readOnly;
  const wasReadOnly = useRef<boolean | null>(null);
  useEffect(() => {
    if (!isLive || liveSnapshot?.status !== 'synced') return;
    if (wasReadOnly.current === true && !rightsReadOnly) store.notify('You can now edit this pathway.');
    wasReadOnly.current = rightsReadOnly;
  }, [isLive, liveSnapshot?.status, rightsReadOnly, store]);

  const [view, setView] = useState<View>('canvas');
  const [side, setSide] = useState<Side>('details');
  const [centre, setCentre] = useState<CentreRequest | null>(null);
  const [printing, setPrinting] = useState(false);
  const [layingOut, setLayingOut] = useState(false);
  const [versions, setVersions] = useState<readonly VersionSummary[]>(pathway.versions);
  const [saved, setSaved] = useState<SavedState>({ doc: pathway.document, revision: pathway.revision, at: pathway.updatedAt });
  const [status, setStatus] = useState<SaveStatus>({ kind: 'idle' });
  const [backup, setBackup] = useState<Backup | null>(null);
  // Live, every acknowledged edit is stored on the server: there is no draft to save.
  const dirty = !isLive && liveMode !== 'connecting' && doc !== saved.doc;

  // Scores on every edit: about 2 ms for 500 steps, so the panel and badges follow within the frame.
  const scores = useMemo(
    () => scorePathway(doc, { versionCount: versions.length, ...(participants ? { participants } : {}) }, { today }),
    [doc, versions.length, participants, today],
  );
  const findings = useMemo(() => findingsByTarget(scores) as ReadonlyMap<string, readonly TargetedFinding[]>, [scores]);
  const findingCounts = useMemo(() => {
    const counts = new Map<string, number>();
    for (const [id, list] of findings) counts.set(id, list.length);
    return counts;
  }, [findings]);
  const stepNames = useMemo(() => new Map(doc.steps.map((s) => [s.id, s.title])), [doc]);
  // Others' changes, told to screen reader users; the focus kept when they delete what held it.
  useLiveAnnouncements({
    store,
    enabled: isLive,
    userId: userId ?? null,
    threads: comments.threads,
    threadsLoaded: comments.read,
    workshop: workshop.workshop,
    names,
    percents: scores.frameworks,
  });

  // Choosing a step or transition anywhere (canvas, outline) shows its details, unless it was
  // chosen from the scores, where the person is working down a list of findings.
  const fromFinding = useRef(false);
  useEffect(() => {
    let last = store.getState().selection;
    return store.subscribe(() => {
      const selection = store.getState().selection;
      if (selection === last) return;
      last = selection;
      if (selection && !fromFinding.current) setSide('details');
      fromFinding.current = false;
    });
  }, [store]);

  const onFinding = useCallback(
    (finding: Finding) => {
      fromFinding.current = true;
      store.select({ kind: finding.targetKind, id: finding.target });
      fromFinding.current = false;
      if (view === 'canvas') setCentre((c) => ({ target: finding.target, kind: finding.targetKind, nonce: (c?.nonce ?? 0) + 1 }));
      else {
        const stepId = finding.targetKind === 'step' ? finding.target : store.doc.transitions.find((t) => t.id === finding.target)?.from;
        const row = stepId ? document.getElementById(`outline-step-${stepId}`) : null;
        row?.scrollIntoView({ block: 'center' });
      }
      store.notify(`Selected ${finding.targetKind === 'step' ? 'step' : 'transition'} “${names.get(finding.target) ?? finding.target}”.`);
    },
    [store, view, names],
  );

  // Arriving from a scorecard's finding (?select=<id>): select and centre what it names, once.
  const arrived = useRef(false);
  useEffect(() => {
    if (arrived.current || !initialSelect) return;
    arrived.current = true;
    const kind = store.doc.steps.some((st) => st.id === initialSelect)
      ? 'step'
      : store.doc.transitions.some((t) => t.id === initialSelect)
        ? 'transition'
        : null;
    // After the first paint, so the canvas is there to centre on.
    if (kind) requestAnimationFrame(() => onFinding({ target: initialSelect, targetKind: kind, message: '', suggestion: '' }));
  }, [initialSelect, onFinding, store]);

  // ------------------------------------------------------------------ saving

  // One save at a time: asked again while one is on its way (Ctrl+S twice, or Ctrl+S as autosave
  // starts), the caller gets that save, and what changed meanwhile waits for the next. The revision
  // is read from a ref, which a save updates at once, so a save started just after another ends never
  // sends the revision before it (that would look like someone else's save: a false conflict).
  const savingNow = useRef<Promise<boolean> | null>(null);
  /** Counts the lists of values not allowed shown, so that each new one takes the focus. */
  const pendingShown = useRef(0);
  const savedRevision = useRef(saved.revision);
  useEffect(() => {
    savedRevision.current = saved.revision;
  }, [saved.revision]);
  const saveOnce = useCallback(
    async (base?: number, auto = false): Promise<boolean> => {
      if (!api || readOnly || isLive) return false;
      const document = store.doc;
      setStatus({ kind: 'saving' });
      let result: Awaited<ReturnType<EditorApi['saveDraft']>>;
      try {
        result = await api.saveDraft({ pathwayId: pathway.id, baseRevision: base ?? savedRevision.current, document });
      } catch {
        setStatus({ kind: 'error', message: UNREACHABLE, unsent: document });
        return false;
      }
      if (result.ok) {
        savedRevision.current = result.revision;
        setSaved({ doc: document, revision: result.revision, at: result.updatedAt });
        // The valid changes are saved; values typed that are not allowed cannot be, and a Save
        // pressed says which, taking the focus to the list (autosave leaves that to the save state).
        const typedValues = pendingInDocument(store.doc, store.getState().pending);
        if (!auto && typedValues.length) {
          setStatus({ kind: 'pending', savedAt: result.updatedAt, shown: typedValues, focusKey: `save-${++pendingShown.current}` });
        } else {
          setStatus({ kind: 'saved', at: result.updatedAt });
          store.notify(`Saved at ${time(result.updatedAt)}.`);
        }
        return true;
      }
      if (result.reason === 'conflict') {
        setStatus({ kind: 'conflict', conflict: result });
        return false;
      }
      setStatus({ kind: 'error', message: result.message, errors: 'errors' in result ? result.errors.map((e) => (e.path ? `${e.path}: ${e.message}` : e.message)) : undefined });
      return false;
    },
    [api, readOnly, isLive, store, pathway.id],
  );
  const save = useCallback(
    (base?: number, auto = false): Promise<boolean> => {
      if (savingNow.current) return savingNow.current;
      const run = saveOnce(base, auto).finally(() => {
        if (savingNow.current === run) savingNow.current = null;
      });
      savingNow.current = run;
      return run;
    },
    [saveOnce],
  );

  const keepMine = () => {
    if (status.kind !== 'conflict') return;
    void save(status.conflict.current.revision);
  };

  const takeTheirs = () => {
    if (status.kind !== 'conflict') return;
    const current = status.conflict.current;
    if (!current.document) return;
    const result = store.exec({ type: 'replaceDocument', doc: current.document }, { label: 'take the other saved version' });
    if (result.ok) {
      setSaved({ doc: result.doc, revision: current.revision, at: current.updatedAt });
      setStatus({ kind: 'idle' });
      store.notify('You now have the version they saved. Your own changes are one undo away.');
    }
  };

  const saveVersion = useCallback(
    async (note: string): Promise<string[]> => {
      if (!api) return ['Versions are not available here.'];
      // A version is what the screen shows: not without a value typed here that is not allowed.
      const typedValues = pendingInDocument(store.doc, store.getState().pending);
      if (typedValues.length) {
        setStatus({ kind: 'pending', shown: typedValues });
        return [versionRefusal(store.doc, typedValues)];
      }
      setStatus({ kind: 'saving' });
      const document = store.doc;
      try {
        const saveLiveVersion = api.saveLiveVersion;
        if (isLive && session && saveLiveVersion) {
          // The version is derived on the server from the live document: first make sure this
          // person's own edits are stored there, or save nothing rather than a version without them.
          const shared = await saveLiveVersionWhenShared(
            (ms) => session.whenAcknowledged(ms),
            () => saveLiveVersion({ pathwayId: pathway.id, note }),
          );
          if (!shared.saved) {
            setStatus({ kind: 'idle' });
            return shared.errors;
          }
          const result = shared.result;
          if (result.ok) {
            const v = result.version;
            setSaved({ doc: store.doc, revision: result.revision, at: v.createdAt });
            setVersions((list) => [{ id: v.id, number: v.number, note: v.note, createdAt: v.createdAt, authorName: 'You', percents: v.percents }, ...list]);
            setStatus({ kind: 'saved', at: v.createdAt });
            store.notify(`Saved version ${v.number}.`);
            return [];
          }
          setStatus({ kind: 'idle' });
          return 'errors' in result && result.errors.length ? result.errors.map((e) => e.message) : [result.message];
        }
        const result = await api.saveVersion({ pathwayId: pathway.id, note, ...(document !== saved.doc ? { document, baseRevision: saved.revision } : { baseRevision: saved.revision }) });
        if (result.ok) {
          const v = result.version;
          setSaved({ doc: document, revision: result.revision, at: v.createdAt });
          setVersions((list) => [{ id: v.id, number: v.number, note: v.note, createdAt: v.createdAt, authorName: 'You', percents: v.percents }, ...list]);
          setStatus({ kind: 'saved', at: v.createdAt });
          store.notify(`Saved version ${v.number}.`);
          return [];
        }
        if (result.reason === 'conflict') {
          if ('changes' in result) setStatus({ kind: 'conflict', conflict: result });
          else setStatus({ kind: 'error', message: result.message });
          return [result.message];
        }
        setStatus({ kind: 'idle' });
        return 'errors' in result && result.errors.length ? result.errors.map((e) => e.message) : [result.message];
      } catch {
        // Shown under the note, like the version's other errors; the note and the edits are still here.
        setStatus({ kind: 'idle' });
        return ['Could not reach the server, so the version was not saved. Your note and your changes are still here; try again.'];
      }
    },
    [api, store, pathway.id, saved, isLive, session],
  );

  // Never lose an edit: unsaved work is copied to this browser, and offered back if the page is
  // closed or crashes before it is saved. Each tab keeps its own copy (tab-backups.ts): two tabs of
  // the same pathway no longer overwrite each other's, and a tab still open keeps its copy to itself.
  // Kept under the signed-in person as well as the pathway: someone else signing in on a shared
  // computer is never offered another's unsaved changes to restore as their own.
  const backupKeyBase = backupBase(userId, pathway.id);
  /** This tab's id (tab-backups.ts): undefined until claimed, null without Web Locks. */
  const [tabId, setTabId] = useState<string | null | undefined>(undefined);
  useEffect(() => {
    if (!api) return;
    let current = true;
    void claimTab().then((id) => {
      if (current) setTabId(id);
    });
    return () => {
      current = false;
    };
  }, [api]);
  // While this editor shows the pathway, other tabs leave this tab's copy of it alone.
  useEffect(() => {
    if (!api || !tabId) return;
    return holdEditorOpen(tabId, pathway.id);
  }, [api, pathway.id, tabId]);
  const backupKey = tabId === undefined ? null : tabBackupKey(backupKeyBase, tabId);
  /** The key of the copy offered back: this tab's own, or that of a tab that does not have the pathway open. */
  const [offeredKey, setOfferedKey] = useState<string | null>(null);
  useEffect(() => {
    if (!api || tabId === undefined) return;
    let current = true;
    // Which tabs have the pathway open is asked each time (after every save, too): a tab opened
    // since keeps its copy to itself.
    void tabsWithPathwayOpen(pathway.id).then((open) => {
      if (!current) return;
      try {
        const keys = offerableBackupKeys(backupKeyBase, Object.keys(window.localStorage), tabId, open);
        const candidates: { key: string; found: Backup }[] = [];
        for (const key of keys) {
          const raw = window.localStorage.getItem(key);
          if (!raw) continue;
          let found: Backup | null = null;
          try {
            found = JSON.parse(raw) as Backup;
          } catch {
            // A broken backup is no backup.
          }
          if (
            found &&
            found.doc &&
            ((found.docChanged !== false && !isEmptyDiff(diffPathways(pathway.document, found.doc), { includeLayout: true })) ||
              backupPending(found).length > 0)
          )
            candidates.push({ key, found });
          else window.localStorage.removeItem(key);
        }
        // This tab's own copy first (a reload), then the newest of the other tabs'; the others are
        // offered in turn, one each time the pathway is opened.
        const ownKey = tabBackupKey(backupKeyBase, tabId);
        const chosen =
          candidates.find((c) => c.key === ownKey) ??
          candidates.sort((a, b) => String(b.found.savedAt).localeCompare(String(a.found.savedAt)))[0];
        if (chosen) {
          setOfferedKey(chosen.key);
          setBackup(chosen.found);
        }
      } catch {
        // Storage blocked: nothing to offer.
      }
    });
    return () => {
      current = false;
    };
  }, [api, backupKeyBase, pathway.document, pathway.id, tabId]);
  /**
   * Done with another tab's copy (restored here, or discarded): it is removed, unless that tab has
   * opened the pathway again meanwhile, when it stays that tab's.
   */
  const letGoOfOffered = useCallback(
    (key: string) => {
      const tab = backupTab(backupKeyBase, key);
      if (tab === undefined || key === backupKey) return;
      void tabsWithPathwayOpen(pathway.id).then((open) => {
        if (tab !== null && open.has(tab)) return;
        try {
          window.localStorage.removeItem(key);
        } catch {
          // Storage blocked: nothing to remove.
        }
      });
    },
    [backupKey, backupKeyBase, pathway.id],
  );
  useEffect(() => {
    // While changes found here are offered back, they stay stored until the person chooses: leaving
    // the page without choosing must not lose them. Once they edit anyway, their new work is what is
    // kept (the offer stays on the page until answered).
    if (!api || !backupKey || (backup && !dirty)) return;
    const timer = window.setTimeout(() => {
      try {
        // Values typed that are not allowed are kept too: a crash must not lose them either.
        // Not in the live workshop, where the room keeps the document and nothing here is offered back.
        if (dirty || (!isLive && liveMode !== 'connecting' && pending.length > 0))
          window.localStorage.setItem(
            backupKey,
            JSON.stringify({
              revision: saved.revision,
              savedAt: new Date().toISOString(),
              doc,
              pending: pending.map(storedPending),
              docChanged: dirty,
            } satisfies Backup),
          );
        else window.localStorage.removeItem(backupKey);
      } catch {
        // Storage full or blocked: the editor still works, just without the safety copy.
      }
    }, 300);
    return () => window.clearTimeout(timer);
  }, [api, backup, backupKey, dirty, doc, isLive, liveMode, pending, saved.revision]);
  useEffect(() => {
    // Live, edits not yet stored on the server (offline, or still on their way) live only in this tab,
    // as do values typed in the details that are not allowed.
    if (!dirty && pending.length === 0 && !(isLive && (liveSnapshot?.unsyncedChanges ?? 0) > 0)) return;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty, pending.length, isLive, liveSnapshot?.unsyncedChanges]);

  // In the live workshop (or joining it) the changes kept from the single-user editor are not
  // restored: that would replace the shared pathway for everyone, or be overwritten by it on arrival.
  const offlineOnly = liveWanted && liveMode !== 'fallback';
  const [restoredAt, setRestoredAt] = useState(0);
  const restoreBackup = () => {
    if (!backup || offlineOnly) return;
    // Only values typed that were not allowed: the document is as it was saved (perhaps since saved
    // anew by someone else), so nothing to replace; they are put back on the document as it is now.
    const sameDoc = backup.docChanged === false || isEmptyDiff(diffPathways(store.doc, backup.doc), { includeLayout: true });
    const kept = backupPending(sameDoc ? { ...backup, doc: store.doc } : backup);
    const result = sameDoc ? { ok: true as const } : store.exec({ type: 'replaceDocument', doc: backup.doc }, { label: 'restore unsaved changes' });
    if (result.ok) {
      // The changes were made on top of the revision they started from; if someone has saved
      // since, saving them must be detected as a conflict, not silently overwrite that save.
      if (!sameDoc && backup.revision < saved.revision) setSaved((s) => ({ ...s, revision: backup.revision }));
      // Each shows again, with its error, in its box when its step, transition or the pathway is chosen.
      for (const value of kept) store.keepPending(value);
      // Another tab's copy becomes this tab's at once (not only at its next backup), so a crash now loses nothing.
      if (offeredKey && backupKey && offeredKey !== backupKey) {
        try {
          const raw = window.localStorage.getItem(offeredKey);
          if (raw) window.localStorage.setItem(backupKey, raw);
        } catch {
          // Storage blocked: this tab's next backup keeps the restored work.
        }
        letGoOfOffered(offeredKey);
      }
      if (kept.length > 0) setRestoredAt(Date.now());
      store.notify(
        kept.length > 0
          ? `Your unsaved changes are back, with ${kept.length === 1 ? '1 value' : `${kept.length} values`} to correct. Correct them, then save.`
          : 'Your unsaved changes are back. Save to keep them.',
      );
    }
    setBackup(null);
  };

  // Optional autosave: a few seconds after the last change, unless a save needs a decision.
  const [autosave, setAutosave] = useState(false);
  // A save that could not reach the server is tried again after the next edit; other errors wait for a Save.
  const autosaveWaits = status.kind === 'saving' || status.kind === 'conflict' || (status.kind === 'error' && (!status.unsent || status.unsent === doc));
  useEffect(() => {
    if (!autosave || !dirty || !api || readOnly || autosaveWaits) return;
    const timer = window.setTimeout(() => void save(undefined, true), 3000);
    return () => window.clearTimeout(timer);
  }, [autosave, dirty, doc, api, readOnly, autosaveWaits, save]);

  // ------------------------------------------------------------------ keyboard

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey) return;
      const key = event.key.toLowerCase();
      if (key === 's') {
        event.preventDefault();
        // In the live room there is nothing to save: say so, rather than do nothing in silence. Values
        // typed that are not allowed are not shared: they are listed instead, as Save lists them.
        if (liveMode === 'live') {
          const typedValues = pendingInDocument(store.doc, store.getState().pending);
          if (typedValues.length) setStatus({ kind: 'pending', live: true, shown: typedValues, focusKey: `live-${++pendingShown.current}` });
          else store.notify(LIVE_NOTHING_TO_SAVE);
        } else void save();
        return;
      }
      // In a text box, Ctrl+Z undoes typing there (the browser's own undo).
      if (isTextEntry(event.target)) return;
      const isUndo = key === 'z' && !event.shiftKey;
      if (!isUndo && !(key === 'z' && event.shiftKey) && key !== 'y') return;
      event.preventDefault();
      // Read only (a viewer, or moved down to one): nothing is undone, and they are told why.
      if (readOnly) {
        if (liveMode !== 'connecting') store.notify(READ_ONLY_UNDO, 'error');
      } else if (isUndo) store.undo();
      else store.redo();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store, save, readOnly, liveMode]);

  const runAutoLayout = useCallback(async () => {
    setLayingOut(true);
    try {
      const positions = await autoLayout(store.doc);
      const result = store.exec({ type: 'setLayout', positions }, { label: 'auto-arrange steps' });
      if (result.ok) store.notify('Steps arranged in their lanes. Press Control and Z to undo.');
    } catch {
      store.notify('The steps could not be arranged automatically.', 'error');
    } finally {
      setLayingOut(false);
    }
  }, [store]);

  // The print view shows beside the editor, which is only hidden meanwhile: a version note, a
  // workshop reason or a half-typed field in it is still there on the way back. Back from the print
  // view, the focus returns to the button that opened it.
  const wasPrinting = useRef(false);
  useEffect(() => {
    if (wasPrinting.current && !printing) document.getElementById(PRINT_VIEW_BUTTON_ID)?.focus();
    wasPrinting.current = printing;
  }, [printing]);

  // Take the person to a value typed that is not allowed: its step or transition chosen (and shown
  // on the canvas), its details open, the focus in its box.
  const goToPending = useCallback(
    (p: PendingValue) => {
      const kind = p.kind;
      store.select(kind === 'pathway' ? null : { kind, id: p.id });
      setSide('details');
      if (kind !== 'pathway' && view === 'canvas') setCentre((c) => ({ target: p.id, kind, nonce: (c?.nonce ?? 0) + 1, onlyIfHidden: true }));
      focusNextFrame(() => document.getElementById(pendingFieldId(p)));
    },
    [store, view],
  );
  // "Go to step" (Find a step, the workshop's dot vote): the step chosen and shown, and the keyboard
  // focus taken there, so the next key acts on that step. The canvas focuses it once it is drawn (on
  // a large pathway, only once it is in view); in the outline, its title button takes the focus.
  const goToStep = useCallback(
    (id: string) => {
      store.select({ kind: 'step', id });
      if (view === 'canvas') setCentre((c) => ({ target: id, kind: 'step', nonce: (c?.nonce ?? 0) + 1, focus: true }));
      else focusNextFrame(() => outlineButton(id, 'title'));
    },
    [store, view],
  );
  // A step added with a button (the palette's or "Add a step by choosing") is brought into view
  // when it lands outside it, so the person sees what they added and can click it.
  const showAdded = useCallback((id: string) => setCentre((c) => ({ target: id, kind: 'step', nonce: (c?.nonce ?? 0) + 1, onlyIfHidden: true })), []);
  const toCorrect = pending.length ? `${pending.length} value${pending.length === 1 ? '' : 's'} to correct` : '';

  const totalFindings = [...findingCounts.values()].reduce((a, b) => a + b, 0);
  const undoText = liveUndo ? liveUndo.undoLabel : undoLabel(history);
  const redoText = liveUndo ? liveUndo.redoLabel : redoLabel(history);
  const undoable = !readOnly && (liveUndo ? liveUndo.canUndo : canUndo(history));
  const redoable = !readOnly && (liveUndo ? liveUndo.canRedo : canRedo(history));
  // Why undo and redo are off while the pathway may only be looked at (read by screen readers with the buttons).
  const undoReason = readOnly && liveMode !== 'connecting' ? { 'aria-describedby': 'editor-read-only', title: 'You can look at this pathway but not change it.' } : {};

  return (
    <>
    {printing ? (
      <PrintView
        doc={doc}
        scores={scores}
        findingCounts={findingCounts}
        onClose={() => setPrinting(false)}
        revisionNote={`${dirty ? 'Unsaved working copy' : 'Working copy'} printed ${new Date().toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' })}${versions[0] ? `; latest version ${versions[0].number}` : ''}.`}
      />
    ) : null}
    <div className="pw-editor" data-testid="pathway-editor" hidden={printing}>
      <div className="pw-editor-top">
        <div className="min-w-0">
          <h1 className="text-2xl font-bold leading-tight">
            <span className="sr-only">Editing: </span>
            {doc.title}
          </h1>
          <p className="text-sm text-nhs-grey-1">
            {pathway.workspace.name}
            {readOnly && liveMode !== 'connecting' ? <span id="editor-read-only"> · You can look at this pathway but not change it.</span> : ''}
          </p>
        </div>
        <div className="pw-toolbar" role="toolbar" aria-label="Editing">
          <button type="button" className="pw-button pw-button-secondary pw-button-small" aria-disabled={!undoable} onClick={() => undoable && store.undo()} aria-keyshortcuts="Control+Z" {...undoReason}>
            Undo{undoText && !readOnly ? <span className="sr-only">: {undoText}</span> : null}
          </button>
          <button type="button" className="pw-button pw-button-secondary pw-button-small" aria-disabled={!redoable} onClick={() => redoable && store.redo()} aria-keyshortcuts="Control+Shift+Z" {...undoReason}>
            Redo{redoText && !readOnly ? <span className="sr-only">: {redoText}</span> : null}
          </button>
          {api && !readOnly && !isLive ? (
            // aria-disabled, not disabled, while saving: a button disabled under the focus drops it to the page.
            <button type="button" className="pw-button pw-button-small" onClick={() => status.kind !== 'saving' && void save()} aria-disabled={status.kind === 'saving'} aria-keyshortcuts="Control+S">
              {status.kind === 'saving' ? 'Saving…' : 'Save'}
            </button>
          ) : null}
          {api && !readOnly && !isLive ? (
            <span className="pw-choice pw-autosave">
              <input id="autosave" type="checkbox" checked={autosave} onChange={(e) => setAutosave(e.target.checked)} />
              <label htmlFor="autosave" className="text-sm">
                Save automatically
              </label>
            </span>
          ) : null}
          <span className="pw-save-state" data-testid="save-state">
            {!api
              ? 'Not saved anywhere (practice mode)'
              : isLive
                ? `Changes are shared and saved as you go${toCorrect ? `; ${toCorrect}, not shared yet` : ''}`
                : liveMode === 'connecting'
                  ? 'Waiting for the live pathway'
                  : toCorrect
                    ? `Unsaved changes: ${toCorrect}`
                    : dirty
                      ? 'Unsaved changes'
                      : status.kind === 'saved'
                        ? `All changes saved at ${time(status.at)}`
                        : 'No unsaved changes'}
          </span>
          <button
            type="button"
            className="pw-score-chip"
            onClick={() => {
              setSide('scores');
              // Take the focus to the scores, not just show them.
              requestAnimationFrame(() => document.getElementById('side-panel-scores')?.focus());
            }}
          >
            {scores.frameworks.map((f) => (
              <span key={f.id}>
                {f.id === 'rcgp-five-tests' ? 'RCGP' : 'NV'} {f.percent ?? '–'}%<span className="sr-only">{f.id === 'rcgp-five-tests' ? ' (five tests)' : ' (National Voices)'},</span>
              </span>
            ))}
            <span>
              <svg width="12" height="12" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="3" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" className="inline mr-1 align-[-1px]">
                <path d="M12 3L2 20h20L12 3zM12 9v5M12 17v.5" />
              </svg>
              {totalFindings}
              <span className="sr-only"> open findings: show scores</span>
            </span>
          </button>
        </div>
      </div>

      {liveMode !== 'off' ? (
        <WorkshopBar snapshot={liveSnapshot} session={session} fallback={liveMode === 'fallback'} slow={liveMode === 'connecting' && slowToConnect} names={names} timer={workshop.workshop?.timer ?? null} clockOffsetMs={workshop.clockOffsetMs} />
      ) : null}

      <div role="status" aria-live="polite" className="pw-live" data-testid="editor-notice">
        {/* This person's own messages and word of others' changes (useLiveAnnouncements), the newer of them. */}
        {liveNotice && !(notice && notice.tone === 'info' && notice.id > liveNotice.id) ? (
          <span key={liveNotice.id}>{liveNotice.text}</span>
        ) : notice && notice.tone === 'info' ? (
          <span key={notice.id}>{notice.text}</span>
        ) : null}
      </div>
      <div role="alert" className={notice?.tone === 'error' ? 'pw-alert' : 'pw-live'}>
        {notice && notice.tone === 'error' ? <span key={notice.id}>{notice.text}</span> : null}
      </div>

      {backup ? (
        <div className="pw-banner" role="region" aria-label="Unsaved changes found">
          <p className="font-bold">This browser has changes to this pathway that were not saved (from {new Date(backup.savedAt).toLocaleString('en-GB')}).</p>
          {offlineOnly ? (
            <p className="mt-1">They were made on your own, outside the live workshop, so they are not put into the shared pathway. They stay in this browser until you choose: open the pathway on your own to restore them, or discard them.</p>
          ) : null}
          <div className="flex flex-wrap gap-2 mt-2">
            {offlineOnly ? (
              <a className="pw-button pw-button-small" href="?">
                Open the pathway on your own to restore them
              </a>
            ) : (
              <button type="button" className="pw-button pw-button-small" onClick={restoreBackup}>
                Restore my unsaved changes
              </button>
            )}
            <button
              type="button"
              className="pw-button pw-button-secondary pw-button-small"
              onClick={() => {
                if (offeredKey === backupKey && backupKey) window.localStorage.removeItem(backupKey);
                else if (offeredKey) letGoOfOffered(offeredKey);
                setBackup(null);
              }}
            >
              Discard them
            </button>
          </div>
        </div>
      ) : null}

      {status.kind === 'conflict' ? (
        <div className="pw-conflict" role="alert" data-testid="save-conflict">
          <h2 className="font-bold text-lg">
            {status.conflict.liveRoom
              ? `The live workshop has changed this pathway since you opened it (last saved at ${time(status.conflict.current.updatedAt)})`
              : status.conflict.savedBy === 'you'
              ? `You saved a newer version in another tab or window at ${time(status.conflict.current.updatedAt)}`
              : `${status.conflict.savedBy ?? 'Someone else'} saved a newer version at ${time(status.conflict.current.updatedAt)}`}
          </h2>
          <p>Your changes are kept: review what they changed and save again.</p>
          {status.conflict.liveRoom ? (
            <p>
              Saving your version would take out everything the room has done since. Make your changes in the live
              workshop instead, or use the room&apos;s version and make them again.
            </p>
          ) : null}
          {status.conflict.changes ? <ConflictSummary conflict={status.conflict} /> : null}
          <div className="flex flex-wrap gap-2 mt-2">
            {status.conflict.liveRoom ? (
              <a className="pw-button pw-button-small" href="?live=1">
                Join the live workshop
              </a>
            ) : (
              <button type="button" className="pw-button pw-button-small" onClick={keepMine}>
                Save my version over theirs
              </button>
            )}
            {status.conflict.current.document ? (
              <button type="button" className="pw-button pw-button-secondary pw-button-small" onClick={takeTheirs}>
                Use their version instead
              </button>
            ) : null}
          </div>
        </div>
      ) : null}
      {status.kind === 'pending' ? (
        <PendingSummary
          doc={doc}
          pending={pending}
          shown={status.shown}
          live={status.live}
          focusKey={status.focusKey}
          {...(status.savedAt ? { savedAt: time(status.savedAt) } : {})}
          onGoTo={goToPending}
        />
      ) : null}
      {status.kind === 'error' ? (
        <div className="pw-alert-box" role="alert">
          <p className="font-bold">{status.message}</p>
          {status.errors?.length ? (
            <ul className="list-disc pl-5 text-sm">
              {status.errors.slice(0, 10).map((e, i) => (
                <li key={i}>{e}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}

      <TabList<View>
        label="How to show the pathway"
        idPrefix="view"
        tabs={[
          { id: 'canvas', label: 'Canvas' },
          { id: 'outline', label: 'Outline' },
        ]}
        selected={view}
        onSelect={(next) => {
          setView(next);
          // The canvas is drawn afresh when shown again: a request it has already carried out (a "Go to
          // step" taking the focus) must not be carried out again then.
          if (next !== 'canvas') setCentre(null);
        }}
      />
      <div className="pw-editor-body">
        <div className="pw-editor-main">
          <TabPanel idPrefix="view" id="canvas" selected={view === 'canvas'} className="pw-canvas-layout">
            <aside className="pw-tools" aria-label="Tools">
              {readOnly ? null : (
                <>
                  <Palette store={store} onAdded={showAdded} />
                  <Disclosure summary="Add a step by choosing">
                    <AddStepForm store={store} idPrefix="canvas-add" onAdded={showAdded} />
                  </Disclosure>
                  <Disclosure summary="Connect two steps">
                    <ConnectForm store={store} doc={doc} />
                  </Disclosure>
                </>
              )}
              {/* Everyone, viewers too, can find a step and be taken to it. */}
              <FindStep
                doc={doc}
                onFind={goToStep}
              />
              <p className="text-sm text-nhs-grey-1 mt-2">
                {readOnly
                  ? 'Keys on the canvas: Tab moves from step to step, Enter selects one and shows its details, Escape clears the selection.'
                  : `Keys on a step: Alt with arrows moves it between lanes (up, down) or earlier and later (left, right). Delete removes it. Escape clears the selection. Control Z undoes, Control Shift Z redoes${isLive ? '; changes are shared and saved as you make them.' : ', Control S saves.'}`}
              </p>
            </aside>
            <ReactFlowProvider>
              <Canvas store={store} findingCounts={findingCounts} centre={centre} readOnly={readOnly} onAutoLayout={() => void runAutoLayout()} fitRequest={fitRequest}
                layingOut={layingOut}
                overlay={
                  isLive && liveSnapshot ? (
                    <>
                      <CommentBadges counts={commentCounts} />
                      <VoteBadges counts={voteCounts} />
                      <LiveCanvasPresence session={session} onCursor={onCursor} />
                    </>
                  ) : null
                }
              />
            </ReactFlowProvider>
          </TabPanel>
          <TabPanel idPrefix="view" id="outline" selected={view === 'outline'}>
            <Outline store={store} findingCounts={findingCounts} readOnly={readOnly} />
          </TabPanel>
        </div>
        <div className="pw-editor-side">
          <TabList<Side>
            label="Panels"
            idPrefix="side"
            tabs={[
              { id: 'details', label: 'Details' },
              { id: 'scores', label: `Scores (${totalFindings})` },
              { id: 'versions', label: 'Versions' },
              { id: 'file', label: 'File' },
              ...(isLive
                ? [
                    { id: 'comments' as const, label: `Comments (${comments.threads.filter((t) => !t.resolvedAt).length})` },
                    { id: 'workshop' as const, label: 'Workshop' },
                  ]
                : []),
            ]}
            selected={side}
            onSelect={setSide}
          />
          <TabPanel idPrefix="side" id="details" selected={side === 'details'} className="pw-side-panel" keepMounted>
            {/* Drawn anew when kept values are restored, so the fields shown take them up. */}
            <Inspector key={restoredAt} store={store} findings={findings} readOnly={readOnly} />
          </TabPanel>
          <TabPanel idPrefix="side" id="scores" selected={side === 'scores'} className="pw-side-panel">
            <ScoresPanel result={scores} names={names} onFinding={onFinding} />
          </TabPanel>
          <TabPanel idPrefix="side" id="versions" selected={side === 'versions'} className="pw-side-panel" keepMounted>
            <VersionsPanel
              pathwayId={pathway.id}
              api={api}
              versions={versions}
              canVersion={pathway.permissions.canVersion}
              onSaveVersion={saveVersion}
              busy={status.kind === 'saving'}
            />
          </TabPanel>
          {isLive ? (
            <TabPanel idPrefix="side" id="comments" selected={side === 'comments'} className="pw-side-panel" keepMounted>
              <CommentsPanel
                pathwayId={pathway.id}
                threads={comments.threads}
                loadError={comments.error}
                refresh={comments.refresh}
                target={selectionNow?.id ?? null}
                targetName={selectionNow ? (names.get(selectionNow.id) ?? null) : null}
                present={names}
                canComment={pathway.permissions.canComment}
                userId={userId ?? null}
              />
            </TabPanel>
          ) : null}
          {isLive ? (
            <TabPanel idPrefix="side" id="workshop" selected={side === 'workshop'} className="pw-side-panel" keepMounted>
              <WorkshopPanel
                workshop={workshop.workshop}
                clockOffsetMs={workshop.clockOffsetMs}
                error={workshop.error}
                send={workshop.send}
                selectedStep={selectionNow?.kind === 'step' && names.has(selectionNow.id) ? { id: selectionNow.id, title: names.get(selectionNow.id) as string } : null}
                stepNames={stepNames}
                onGoToStep={goToStep}
              />
            </TabPanel>
          ) : null}
          <TabPanel idPrefix="side" id="file" selected={side === 'file'} className="pw-side-panel" keepMounted>
            <FilePanel
              store={store}
              api={api}
              workspaceSlug={pathway.workspace.slug}
              pathwayId={pathway.id}
              canEdit={!readOnly}
              live={isLive}
              canCreate={canCreate}
              templates={templates}
              findingCounts={findingCounts}
              onPrint={() => setPrinting(true)}
              source={pathway.source}
            />
          </TabPanel>
        </div>
      </div>
    </div>
    </>
  );
}

/** A <details> whose content is built only while it is open (it may hold 500-option lists). */
function Disclosure({ summary, children }: { summary: string; children: ReactNode }) {
  const [open, setOpen] = useState(false);
  return (
    <details className="pw-tool-card" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary className="font-bold">{summary}</summary>
      {open ? children : null}
    </details>
  );
}

function FindStep({ doc, onFind }: { doc: Pathway; onFind: (id: string) => void }) {
  const [id, setId] = useState('');
  return (
    <form
      className="pw-tool-card"
      onSubmit={(e) => {
        e.preventDefault();
        if (id) onFind(id);
      }}
    >
      <label htmlFor="find-step" className="pw-label text-sm">
        Find a step
      </label>
      <select id="find-step" className="pw-select w-full" value={id} onChange={(e) => setId(e.target.value)}>
        <option value="">Choose a step…</option>
        <OptionList options={doc.steps.map((s) => ({ value: s.id, label: `${s.title} (${SECTOR_LABELS[s.sector]})` }))} />
      </select>
      <button type="submit" className="pw-button pw-button-secondary pw-button-small mt-2">
        Go to step
      </button>
    </form>
  );
}

function ConflictSummary({ conflict }: { conflict: DraftConflict }) {
  const c = conflict.changes;
  if (!c) return null;
  const lines: string[] = [];
  // The diff runs from this person's document to the one stored now: "added" is what they added.
  if (c.steps.added.length) lines.push(`They have ${c.steps.added.length} step${c.steps.added.length === 1 ? '' : 's'} you do not: ${c.steps.added.map((s) => `“${s.title}”`).join(', ')}.`);
  if (c.steps.removed.length) lines.push(`You have ${c.steps.removed.length} step${c.steps.removed.length === 1 ? '' : 's'} they do not: ${c.steps.removed.map((s) => `“${s.title}”`).join(', ')}.`);
  if (c.steps.changed.length) lines.push(`${c.steps.changed.length} step${c.steps.changed.length === 1 ? ' differs' : 's differ'}: ${c.steps.changed.map((s) => `“${s.title}”`).join(', ')}.`);
  const t = c.transitions.added.length + c.transitions.removed.length + c.transitions.changed.length;
  if (t) lines.push(`${t} transition${t === 1 ? ' differs' : 's differ'}.`);
  if (c.metadata.length) lines.push('The pathway details differ.');
  if (lines.length === 0) lines.push('Only positions on the canvas differ.');
  return (
    <ul className="list-disc pl-5 text-sm mt-1">
      {lines.map((l, i) => (
        <li key={i}>{l}</li>
      ))}
    </ul>
  );
}
