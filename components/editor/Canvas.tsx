'use client';
// The swimlane canvas (issue 4, "Canvas"). React Flow draws; the document stays the one source of
// truth: every change made here (drop into a lane, connect, delete, auto-layout) is a command on
// the editor store, so it can be undone and is seen by every other view.
//
// Performance (the 500-step benchmark): nodes and edges are reconciled from the document keeping
// object identity (canvasModel.ts), and during a drag only React Flow's local node positions
// change; the document is updated once, when the step is dropped.
import '@xyflow/react/dist/style.css';
import {
  useCallback,
  useEffect,
  useRef,
  useState,
  type DragEvent,
  type FocusEvent,
  type KeyboardEvent,
  type ReactNode,
} from 'react';
import {
  Background,
  BackgroundVariant,
  Controls,
  MiniMap,
  Panel,
  ReactFlow,
  applyNodeChanges,
  useReactFlow,
  type Connection,
  type EdgeChange,
  type NodeChange,
  type OnBeforeDelete,
  type Viewport,
} from '@xyflow/react';
import { SECTORS, STEP_KINDS, type Sector, type StepKind } from '@/lib/pathway/schema';
import { KIND_LABELS, SECTOR_LABELS } from '@/lib/pathway/labels';
import { LANES_HEIGHT, STEP_NODE_HEIGHT, STEP_NODE_WIDTH, clampToLane, sectorAtY, stepWhollyInView } from '@/lib/pathway/lanes';
import type { Command } from '@/lib/pathway/commands';
import { StepNode, type StepNodeType } from './StepNode';
import { TransitionEdge, type TransitionEdgeType } from './TransitionEdge';
import { Lanes } from './Lanes';
import { reconcileEdges, reconcileNodes, stepPositions } from './canvasModel';
import { useEditor, type EditorStore } from './store';
import { KIND_ICONS } from './shapes';
import { Legend } from './Legend';
import { focusIsLost, focusNextFrame } from './keep-focus';

// Defined once, outside any component (xyflow's guidance): a new object each render would remount every node.
const nodeTypes = { step: StepNode };
const edgeTypes = { transition: TransitionEdge };

/** Plain-English words for React Flow's built-in controls and screen-reader descriptions. */
const ARIA_LABELS = {
  'node.a11yDescription.default':
    'Press Enter or Space to select a step and see its details. Press Delete to delete it, Escape to cancel.',
  'node.a11yDescription.keyboardDisabled':
    'Press Enter or Space to select a step. Then use the arrow keys to move it within its lane, Alt with the up or down arrow to move it to the lane above or below, and Alt with the left or right arrow to move it earlier or later. Press Delete to delete it, Escape to cancel.',
  'node.a11yDescription.ariaLiveMessage': ({ direction }: { direction: string; x: number; y: number }) => `Moved the selected step ${direction}.`,
  'edge.a11yDescription.default': 'Press Enter or Space to select a transition and see its details. Press Delete to delete it, Escape to cancel.',
  'controls.ariaLabel': 'Zoom controls',
  'controls.zoomIn.ariaLabel': 'Zoom in',
  'controls.zoomOut.ariaLabel': 'Zoom out',
  'controls.fitView.ariaLabel': 'Fit the whole pathway in view',
  'controls.interactive.ariaLabel': 'Lock or unlock the canvas',
  'minimap.ariaLabel': 'Overview map of the pathway',
  'handle.ariaLabel': 'Connection point: drag to another step to connect',
};

/** "an assessment step", "a referral step" */
function aStep(kind: StepKind): string {
  const word = KIND_LABELS[kind].toLowerCase();
  return `${/^[aeiou]/.test(word) ? 'an' : 'a'} ${word} step`;
}

// Props of ReactFlow kept as constants: a new object on each render makes React Flow push it into
// its store again, waking every step's and transition's subscription (measured: it tripled the
// cost of a keystroke).
const FIT_VIEW_OPTIONS = { padding: 0.15, maxZoom: 1 };
const TRANSLATE_EXTENT: [[number, number], [number, number]] = [
  [-2000, -400],
  [Infinity, LANES_HEIGHT + 400],
];
const PRO_OPTIONS = { hideAttribution: true };

const PALETTE_MIME = 'application/x-pathweave-step-kind';
const EMPTY_COUNTS: ReadonlyMap<string, number> = new Map();

export interface CentreRequest {
  target: string;
  kind: 'step' | 'transition';
  /** Changes with every request, so asking twice for the same target centres again. */
  nonce: number;
  /** Only when the step is not already wholly in view (a step just added): otherwise the view stays put. */
  onlyIfHidden?: boolean;
  /** Then move the keyboard focus to the step ("Go to step"), once it is drawn. */
  focus?: boolean;
}

/**
 * How long to wait for a step to be drawn after the view moved to it: on a large pathway React Flow
 * draws only the steps in view (onlyRenderVisibleElements), so the step appears only once the move
 * has brought it there. About a second of frames, then the focus stays where it was.
 */
const FOCUS_FRAMES = 60;
/** A move of the view takes 250 ms; one interrupted (the person pans) never says it ended. */
const MOVE_MS = 250;

export interface CanvasProps {
  store: EditorStore;
  findingCounts: ReadonlyMap<string, number>;
  centre: CentreRequest | null;
  /** Read-only: a viewer may look but not change. */
  readOnly?: boolean;
  onAutoLayout: () => void;
  layingOut: boolean;
  /** Drawn inside the flow (live workshop: other people's cursors and selections). */
  overlay?: ReactNode;
  /** Changes when the whole pathway should be fitted into view again (joining the live pathway). */
  fitRequest?: number;
}

export function Canvas({ store, findingCounts = EMPTY_COUNTS, centre, readOnly = false, onAutoLayout, layingOut, overlay, fitRequest = 0 }: CanvasProps) {
  const doc = useEditor(store, (s) => s.history.present);
  const selection = useEditor(store, (s) => s.selection);
  const selectedStep = selection?.kind === 'step' ? selection.id : null;
  const selectedTransition = selection?.kind === 'transition' ? selection.id : null;
  const [edgeInputs] = useState(() => new WeakMap());
  const [resync, setResync] = useState(0);
  const [nodes, setNodes] = useState<StepNodeType[]>(() => reconcileNodes([], doc, findingCounts, selectedStep));
  const [edges, setEdges] = useState<TransitionEdgeType[]>(() => reconcileEdges([], doc, findingCounts, selectedTransition, edgeInputs));
  const [synced, setSynced] = useState({ doc, findingCounts, selectedStep, selectedTransition, resync });
  if (
    synced.doc !== doc ||
    synced.findingCounts !== findingCounts ||
    synced.selectedStep !== selectedStep ||
    synced.selectedTransition !== selectedTransition ||
    synced.resync !== resync
  ) {
    // Adjusting state to new props during render (React's documented pattern): no extra commit.
    setSynced({ doc, findingCounts, selectedStep, selectedTransition, resync });
    setNodes(reconcileNodes(nodes, doc, findingCounts, selectedStep));
    setEdges(reconcileEdges(edges, doc, findingCounts, selectedTransition, edgeInputs));
  }

  const [dropSector, setDropSector] = useState<Sector | null>(null);
  const flow = useReactFlow<StepNodeType, TransitionEdgeType>();

  /** The step being nudged with the arrow keys (set by onKeyDownCapture, cleared when focus leaves it). */
  const nudging = useRef<string | null>(null);

  const onNodesChange = useCallback(
    (changes: NodeChange<StepNodeType>[]) => {
      const kept: NodeChange<StepNodeType>[] = [];
      const dropped: Command[] = [];
      for (const c of changes) {
        if (c.type === 'select') {
          if (c.selected) store.select({ kind: 'step', id: c.id });
          else {
            const current = store.getState().selection;
            if (current?.kind === 'step' && current.id === c.id) store.select(null);
          }
          continue;
        }
        if (c.type === 'remove') continue; // deletions go through onBeforeDelete, as commands
        if (c.type === 'position' && c.position && c.dragging === false && !readOnly) {
          // The end of a drag, or a nudge with the arrow keys: the step joins the lane it is over.
          dropped.push({ type: 'dropStep', stepId: c.id, position: c.position });
        }
        kept.push(c);
      }
      if (kept.length) setNodes((current) => applyNodeChanges(kept, current));
      if (dropped.length) {
        const command: Command = dropped.length === 1 ? (dropped[0] as Command) : { type: 'batch', commands: dropped };
        const before = store.doc;
        // Arrow-key nudges of one step are one undo step until the focus leaves it, as a drag is.
        const nudged = nudging.current;
        const isNudge = nudged !== null && dropped.length === 1 && dropped[0]?.type === 'dropStep' && dropped[0].stepId === nudged;
        const result = store.exec(command, isNudge ? { coalesceKey: `nudge:${nudged}` } : {});
        // Refused or unchanged: put the step back where the document says it is.
        if (!result.ok || !result.changed) setResync((n) => n + 1);
        else {
          const moved = dropped
            .map((d) => (d.type === 'dropStep' ? result.doc.steps.find((s) => s.id === d.stepId) : undefined))
            .filter((s) => s !== undefined);
          for (const step of moved) {
            const old = before.steps.find((s) => s.id === step.id);
            if (old && old.sector !== step.sector) store.notify(`Moved “${step.title}” to ${SECTOR_LABELS[step.sector]}.`);
          }
        }
        setDropSector(null);
      }
    },
    [store, readOnly],
  );

  const onEdgesChange = useCallback(
    (changes: EdgeChange<TransitionEdgeType>[]) => {
      for (const c of changes) {
        if (c.type !== 'select') continue;
        if (c.selected) store.select({ kind: 'transition', id: c.id });
        else {
          const current = store.getState().selection;
          if (current?.kind === 'transition' && current.id === c.id) store.select(null);
        }
      }
    },
    [store],
  );

  const onBeforeDelete: OnBeforeDelete<StepNodeType, TransitionEdgeType> = useCallback(
    async ({ nodes: goneNodes, edges: goneEdges }) => {
      if (readOnly) return false;
      const stepIds = new Set(goneNodes.map((n) => n.id));
      const commands: Command[] = [
        ...goneNodes.map((n): Command => ({ type: 'removeStep', stepId: n.id })),
        // Transitions of deleted steps go with them (removeStep); delete only the others.
        ...goneEdges
          .filter((e) => !stepIds.has(e.source) && !stepIds.has(e.target))
          .map((e): Command => ({ type: 'removeTransition', transitionId: e.id })),
      ];
      if (commands.length) {
        const result = store.exec(commands.length === 1 ? (commands[0] as Command) : { type: 'batch', commands });
        if (result.ok && result.changed) {
          store.notify(
            goneNodes.length
              ? `Deleted ${goneNodes.length === 1 ? 'the step' : `${goneNodes.length} steps`}. Press Control and Z to undo.`
              : 'Deleted the transition. Press Control and Z to undo.',
          );
        }
      }
      return false; // the store has done it; React Flow must not delete on its own
    },
    [store, readOnly],
  );

  const onConnect = useCallback(
    (connection: Connection) => {
      if (readOnly) return;
      const result = store.exec({ type: 'connect', from: connection.source, to: connection.target });
      if (result.ok && result.command.type === 'connect' && result.command.input?.id) {
        store.select({ kind: 'transition', id: result.command.input.id });
        store.notify('Connected. Choose how information travels in the details panel.');
      }
    },
    [store, readOnly],
  );

  const onNodeDrag = useCallback((_: unknown, node: StepNodeType) => {
    setDropSector(sectorAtY(node.position.y + STEP_NODE_HEIGHT / 2));
  }, []);

  const onPaneClick = useCallback(() => store.select(null), [store]);

  const canvasRef = useRef<HTMLDivElement>(null);

  // Keys on a step or transition of the canvas (the focused one, not whatever else is selected):
  // - Delete or Backspace deletes it (undo brings it back), and the focus stays on the canvas;
  // - Escape clears the selection and keeps the focus where it is (React Flow's own handler blurs);
  // - Alt + arrows move a step between lanes or along its lane, without dragging (WCAG 2.5.7).
  const onKeyDownCapture = useCallback(
    (event: KeyboardEvent<HTMLDivElement>) => {
      const target = event.target as HTMLElement;
      if (target.closest('input, textarea, select, [contenteditable="true"]')) return;
      const focusedNode = target.closest<HTMLElement>('.react-flow__node')?.dataset.id;
      const focusedEdge = target.closest<HTMLElement>('.react-flow__edge')?.dataset.id;
      if (event.key === 'Escape' && (focusedNode || focusedEdge)) {
        event.preventDefault();
        event.stopPropagation();
        store.select(null);
        return;
      }
      if ((event.key === 'Delete' || event.key === 'Backspace') && !event.altKey && !event.ctrlKey && !event.metaKey) {
        if (readOnly || !(focusedNode || focusedEdge)) return;
        event.preventDefault();
        event.stopPropagation();
        const command: Command = focusedNode
          ? { type: 'removeStep', stepId: focusedNode }
          : { type: 'removeTransition', transitionId: focusedEdge as string };
        const result = store.exec(command);
        if (result.ok && result.changed) {
          store.notify(focusedNode ? 'Deleted the step. Press Control and Z to undo.' : 'Deleted the transition. Press Control and Z to undo.');
          // The deleted element had the focus: keep it on the canvas rather than the page.
          requestAnimationFrame(() => canvasRef.current?.focus());
        }
        return;
      }
      if (!event.altKey && event.key.startsWith('Arrow')) {
        if (focusedNode && focusedNode !== nudging.current) {
          store.seal();
          nudging.current = focusedNode;
        }
        return;
      }
      if (readOnly || !event.altKey) return;
      const sel = store.getState().selection;
      const stepId = focusedNode ?? (sel?.kind === 'step' ? sel.id : null);
      if (!stepId) return;
      const step = store.doc.steps.find((s) => s.id === stepId);
      if (!step) return;
      const lane = SECTORS.indexOf(step.sector);
      let command: Command | null = null;
      if (event.key === 'ArrowUp' && lane > 0) command = { type: 'moveToLane', stepId: step.id, sector: SECTORS[lane - 1] as Sector };
      if (event.key === 'ArrowDown' && lane < SECTORS.length - 1) command = { type: 'moveToLane', stepId: step.id, sector: SECTORS[lane + 1] as Sector };
      if (event.key === 'ArrowLeft') command = { type: 'reorderStep', stepId: step.id, direction: 'earlier' };
      if (event.key === 'ArrowRight') command = { type: 'reorderStep', stepId: step.id, direction: 'later' };
      if (!event.key.startsWith('Arrow')) return;
      event.preventDefault();
      event.stopPropagation();
      if (!command) return;
      const result = store.exec(command);
      if (result.ok && result.changed) {
        const moved = result.doc.steps.find((s) => s.id === step.id);
        if (command.type === 'moveToLane' && moved) store.notify(`Moved “${moved.title}” to ${SECTOR_LABELS[moved.sector]}.`);
        if (command.type === 'reorderStep') store.notify(`Moved “${step.title}” ${command.direction}.`);
        // The nodes follow the order of the steps, so moving one later moves the focused node in the
        // page. React gives the focus back to a node it moved, but should the step's node have been
        // drawn anew meanwhile, the focus would be left on the page: give it back to the step then.
        if (focusedNode) {
          focusNextFrame(() => {
            if (!focusIsLost()) return null;
            return canvasRef.current?.querySelector<HTMLElement>(`.react-flow__node[data-id="${CSS.escape(focusedNode)}"]`);
          });
        }
      }
    },
    [store, readOnly],
  );

  // Dropping a palette item: a new step of that kind in the lane under the pointer.
  // React Flow pans to a step reached by keyboard only when the step is wholly off the canvas, so one
  // under the overview map or the top-right panel stayed hidden (WCAG 2.4.11). When the middle of the
  // focused step is covered, move the view so it sits in the middle of the canvas, or, when a panel
  // covers the middle too, halfway between the canvas's left edge and that panel.
  const onFocusCapture = useCallback(
    (event: FocusEvent<HTMLDivElement>) => {
      const node = event.target as HTMLElement;
      if (!node.classList.contains('react-flow__node') || !node.matches(':focus-visible')) return;
      window.requestAnimationFrame(() => {
        const box = node.getBoundingClientRect();
        const x = box.left + box.width / 2;
        const y = box.top + box.height / 2;
        const hit = document.elementFromPoint(x, y);
        if (hit && node.contains(hit)) return;
        const area = (canvasRef.current?.querySelector('.react-flow') ?? canvasRef.current)?.getBoundingClientRect();
        if (!area) return;
        let toX = area.left + area.width / 2;
        const toY = area.top + area.height / 2;
        const cover = document.elementFromPoint(toX, toY)?.closest('.react-flow__panel');
        if (cover) toX = (area.left + cover.getBoundingClientRect().left) / 2;
        const view = flow.getViewport();
        void flow.setViewport({ x: view.x + toX - x, y: view.y + toY - y, zoom: view.zoom }, { duration: 200 });
      });
    },
    [flow],
  );

  const onDragOver = useCallback((event: DragEvent) => {
    if (!event.dataTransfer.types.includes(PALETTE_MIME)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
  }, []);
  const onDrop = useCallback(
    (event: DragEvent) => {
      const kind = event.dataTransfer.getData(PALETTE_MIME) as StepKind;
      if (!STEP_KINDS.includes(kind) || readOnly) return;
      event.preventDefault();
      const point = flow.screenToFlowPosition({ x: event.clientX, y: event.clientY });
      const sector = sectorAtY(point.y);
      const position = { x: Math.round(point.x - STEP_NODE_WIDTH / 2), y: clampToLane(sector, Math.round(point.y - STEP_NODE_HEIGHT / 2)) };
      const result = store.exec({ type: 'addStep', input: { kind, sector, position } });
      if (result.ok && result.command.type === 'addStep' && result.command.input.id) {
        store.select({ kind: 'step', id: result.command.input.id });
        store.notify(`Added ${aStep(kind)} to ${SECTOR_LABELS[sector]}.`);
      }
    },
    [flow, store, readOnly],
  );

  // Centre on a step or transition named by a finding (scores panel) or chosen in "Find a step".
  useEffect(() => {
    if (!centre) return;
    let cancelled = false;
    let focusing = false;
    // Where the focus was when asked (the "Go to step" button): if the person moves it meanwhile, it stays theirs.
    const from = document.activeElement;
    const focusStep = () => {
      if (!centre.focus || centre.kind !== 'step' || focusing) return;
      focusing = true;
      let frames = FOCUS_FRAMES;
      const attempt = () => {
        if (cancelled || (document.activeElement !== from && !focusIsLost())) return;
        const node = canvasRef.current?.querySelector<HTMLElement>(`.react-flow__node[data-id="${CSS.escape(centre.target)}"]`);
        if (node) node.focus();
        else if (frames-- > 0) requestAnimationFrame(attempt);
      };
      attempt();
    };
    const stop = () => {
      cancelled = true;
    };
    const positions = stepPositions(store.doc);
    let x: number | undefined;
    let y: number | undefined;
    if (centre.kind === 'step') {
      const p = positions.get(centre.target);
      if (p) {
        x = p.x + STEP_NODE_WIDTH / 2;
        y = p.y + STEP_NODE_HEIGHT / 2;
      }
    } else {
      const t = store.doc.transitions.find((tr) => tr.id === centre.target);
      const a = t ? positions.get(t.from) : undefined;
      const b = t ? positions.get(t.to) : undefined;
      if (a && b) {
        x = (a.x + b.x + STEP_NODE_WIDTH) / 2;
        y = (a.y + b.y + STEP_NODE_HEIGHT) / 2;
      }
    }
    if (x === undefined || y === undefined) return stop;
    const box = canvasRef.current;
    if (centre.onlyIfHidden && centre.kind === 'step' && box) {
      const corner = { x: x - STEP_NODE_WIDTH / 2, y: y - STEP_NODE_HEIGHT / 2 };
      if (stepWhollyInView(corner, flow.getViewport(), { width: box.clientWidth, height: box.clientHeight })) {
        focusStep();
        return stop;
      }
    }
    const zoom = Math.max(flow.getZoom(), 0.9);
    // The step is focused once the view has arrived (then it is drawn), or when the move should have ended.
    const timer = window.setTimeout(focusStep, MOVE_MS + 100);
    void flow.setCenter(x, y, { zoom, duration: MOVE_MS }).then(focusStep);
    return () => {
      stop();
      window.clearTimeout(timer);
    };
  }, [centre, flow, store]);

  const [initialViewport] = useState<Viewport | undefined>(() =>
    doc.steps.length > 60 ? { x: 140, y: 16, zoom: 0.55 } : undefined,
  );
  // Joining the live pathway swaps in the shared document after the first fit, which then no longer
  // matched it (the live canvas opened at the smallest zoom): fit again once the swap is drawn.
  useEffect(() => {
    if (fitRequest === 0 || initialViewport !== undefined) return;
    const frame = window.requestAnimationFrame(() => void flow.fitView(FIT_VIEW_OPTIONS));
    return () => window.cancelAnimationFrame(frame);
  }, [fitRequest, flow, initialViewport]);

  return (
    <div
      className="pw-canvas"
      ref={canvasRef}
      tabIndex={-1}
      onKeyDownCapture={onKeyDownCapture}
      onFocusCapture={onFocusCapture}
      onBlurCapture={() => {
        if (nudging.current === null) return;
        nudging.current = null;
        store.seal();
      }}
      onDragOver={onDragOver}
      onDrop={onDrop}
      data-testid="pathway-canvas"
    >
      <ReactFlow<StepNodeType, TransitionEdgeType>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onBeforeDelete={onBeforeDelete}
        onConnect={onConnect}
        onNodeDrag={onNodeDrag}
        onPaneClick={onPaneClick}
        nodesDraggable={!readOnly}
        nodesConnectable={!readOnly}
        // Delete and Backspace are handled in onKeyDownCapture, only on a step or transition of this
        // canvas: React Flow's own listener is on the whole document, so Backspace on a button in
        // another panel deleted the selected step.
        deleteKeyCode={null}
        // Transitions are not in the Tab order: all of them came before the first step, and a focused
        // one could be off screen. Each step's Connections (details panel) and the outline reach them.
        edgesFocusable={false}
        multiSelectionKeyCode={null}
        selectionKeyCode={null}
        minZoom={0.1}
        maxZoom={2}
        fitView={initialViewport === undefined}
        fitViewOptions={FIT_VIEW_OPTIONS}
        defaultViewport={initialViewport}
        onlyRenderVisibleElements={doc.steps.length > 100}
        elevateNodesOnSelect={false}
        elevateEdgesOnSelect={false}
        ariaLabelConfig={ARIA_LABELS}
        translateExtent={TRANSLATE_EXTENT}
        proOptions={PRO_OPTIONS}
        aria-label="Pathway canvas"
      >
        <Lanes dropSector={dropSector} />
        <Background variant={BackgroundVariant.Dots} gap={40} size={1} color="#aeb7bd" />
        <Controls showInteractive={false} position="bottom-left" />
        {/* An overview map helps only when the pathway no longer fits on the screen. */}
        {doc.steps.length > 15 ? (
          <MiniMap pannable zoomable position="bottom-right" nodeColor="#768692" nodeStrokeWidth={0} ariaLabel="Overview map of the pathway" />
        ) : null}
        <Panel position="top-right" className="pw-canvas-panel">
          <button type="button" className="pw-button pw-button-secondary" onClick={onAutoLayout} disabled={readOnly || layingOut}>
            {layingOut ? 'Arranging…' : 'Auto-arrange steps'}
          </button>
          <Legend />
        </Panel>
        {overlay}
      </ReactFlow>
    </div>
  );
}

/** Step kinds to drag onto the canvas (mouse), each also a button that adds to the chosen lane. */
export function Palette({ store, disabled, onAdded }: { store: EditorStore; disabled?: boolean; onAdded?: (stepId: string) => void }) {
  const [sector, setSector] = useState<Sector>('primary_care');
  const add = (kind: StepKind) => {
    const result = store.exec({ type: 'addStep', input: { kind, sector } });
    if (result.ok && result.command.type === 'addStep' && result.command.input.id) {
      store.select({ kind: 'step', id: result.command.input.id });
      store.notify(`Added ${aStep(kind)} to ${SECTOR_LABELS[sector]}.`);
      onAdded?.(result.command.input.id);
    }
  };
  return (
    <section aria-labelledby="palette-heading" className="pw-palette">
      <h2 id="palette-heading" className="pw-panel-heading">
        Add a step
      </h2>
      <p className="text-sm text-nhs-grey-1 mb-2">Drag a kind of step into a lane, or choose a lane and press the button.</p>
      <label className="block text-sm font-bold" htmlFor="palette-lane">
        Lane for the buttons
      </label>
      <select
        id="palette-lane"
        className="pw-select mb-2 w-full"
        value={sector}
        onChange={(e) => setSector(e.target.value as Sector)}
        disabled={disabled}
      >
        {SECTORS.map((s) => (
          <option key={s} value={s}>
            {SECTOR_LABELS[s]}
          </option>
        ))}
      </select>
      <ul className="pw-palette-list">
        {STEP_KINDS.map((kind) => (
          <li key={kind}>
            <button
              type="button"
              className="pw-palette-item"
              draggable={!disabled}
              disabled={disabled}
              onDragStart={(e) => {
                e.dataTransfer.setData(PALETTE_MIME, kind);
                e.dataTransfer.effectAllowed = 'copy';
              }}
              onClick={() => add(kind)}
              aria-label={`Add ${KIND_LABELS[kind].toLowerCase()} to ${SECTOR_LABELS[sector]}`}
              data-kind={kind}
            >
              <svg width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
                <path d={KIND_ICONS[kind]} />
              </svg>
              {KIND_LABELS[kind]}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
