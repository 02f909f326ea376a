'use client';
// The outline view (issue 4, item 2): the same pathway as lists, lane by lane, and a full editor
// for anyone who prefers text or uses a screen reader. Every canvas action is here as a button or
// form: add, connect, move to another lane, earlier/later, delete; the inspector edits every field.
import { memo, useState } from 'react';
import { SECTORS, type Pathway, type Sector, type Step } from '@/lib/pathway/schema';
import { INFORMATION_LABELS, KIND_LABELS, ROLE_IN_SENTENCE, SECTOR_LABELS, SETTING_LABELS } from '@/lib/pathway/labels';
import { canReorder, laneOrder, type Command } from '@/lib/pathway/commands';
import { useEditor, type EditorStore, type Selection } from './store';
import { AddStepForm } from './AddStepForm';
import { ConnectForm } from './Inspector';
import { KIND_ICONS } from './shapes';
import { focusNextFrame } from './keep-focus';

export interface OutlineProps {
  store: EditorStore;
  findingCounts: ReadonlyMap<string, number>;
  readOnly?: boolean;
}

export function Outline({ store, findingCounts, readOnly }: OutlineProps) {
  const doc = useEditor(store, (s) => s.history.present);
  const selection = useEditor(store, (s) => s.selection);
  const titles = new Map(doc.steps.map((s) => [s.id, s.title]));
  return (
    <div className="pw-outline" data-testid="outline">
      {readOnly ? null : (
        <div className="pw-outline-tools">
          <section aria-labelledby="outline-add-heading" className="pw-tool-card">
            <h2 id="outline-add-heading" className="pw-inspector-subheading">
              Add a step
            </h2>
            <AddStepForm store={store} idPrefix="outline-add" />
          </section>
          <section aria-labelledby="outline-connect-heading" className="pw-tool-card">
            <h2 id="outline-connect-heading" className="pw-inspector-subheading">
              Connect two steps
            </h2>
            <ConnectForm store={store} doc={doc} />
          </section>
        </div>
      )}
      <h2 className="pw-panel-heading mt-4">Steps by lane</h2>
      <p className="text-sm text-nhs-grey-1 mb-3">
        {doc.steps.length} step{doc.steps.length === 1 ? '' : 's'} and {doc.transitions.length} transition{doc.transitions.length === 1 ? '' : 's'}. Choose a step’s title to
        see and change all its details.
      </p>
      {SECTORS.map((sector) => (
        <Lane
          key={sector}
          sector={sector}
          doc={doc}
          store={store}
          titles={titles}
          selection={selection}
          findingCounts={findingCounts}
          readOnly={readOnly}
        />
      ))}
    </div>
  );
}

function Lane({
  sector,
  doc,
  store,
  titles,
  selection,
  findingCounts,
  readOnly,
}: {
  sector: Sector;
  doc: Pathway;
  store: EditorStore;
  titles: ReadonlyMap<string, string>;
  selection: Selection;
  findingCounts: ReadonlyMap<string, number>;
  readOnly?: boolean;
}) {
  const ids = laneOrder(doc, sector);
  const byId = new Map(doc.steps.map((s) => [s.id, s]));
  const headingId = `lane-${sector}`;
  return (
    <section aria-labelledby={headingId} className="pw-outline-lane" data-sector={sector}>
      <h3 id={headingId} className="pw-outline-lane-heading" tabIndex={-1}>
        {SECTOR_LABELS[sector]} <span className="font-normal text-nhs-grey-1">({ids.length === 0 ? 'no steps' : `${ids.length} step${ids.length === 1 ? '' : 's'}`})</span>
      </h3>
      {ids.length ? (
        <ol className="pw-outline-steps">
          {ids.map((id, i) => {
            const step = byId.get(id) as Step;
            return (
              <OutlineStep
                key={id}
                step={step}
                position={i + 1}
                doc={doc}
                store={store}
                titles={titles}
                selected={selection?.kind === 'step' && selection.id === id}
                selectedTransition={selection?.kind === 'transition' ? selection.id : null}
                findings={findingCounts.get(id) ?? 0}
                readOnly={readOnly}
              />
            );
          })}
        </ol>
      ) : null}
    </section>
  );
}

const OutlineStep = memo(function OutlineStep({
  step,
  position,
  doc,
  store,
  titles,
  selected,
  selectedTransition,
  findings,
  readOnly,
}: {
  step: Step;
  position: number;
  doc: Pathway;
  store: EditorStore;
  titles: ReadonlyMap<string, string>;
  selected: boolean;
  selectedTransition: string | null;
  findings: number;
  readOnly?: boolean;
}) {
  const [lane, setLane] = useState<Sector>(step.sector);
  const out = doc.transitions.filter((t) => t.from === step.id);
  const run = (command: Command, said: string, refocus?: string) => {
    const r = store.exec(command);
    if (r.ok && r.changed) {
      store.notify(said);
      // The row is gone with the step: keep keyboard focus nearby, on its lane's heading.
      if (command.type === 'removeStep') focusNextFrame(() => document.getElementById(`lane-${step.sector}`));
      // In another lane the row is a new one, and a transition's Delete goes with the transition:
      // the focus goes to the step's title, in its new place.
      else if (command.type === 'moveToLane' || command.type === 'removeTransition') focusNextFrame(() => outlineButton(step.id, 'title'));
      // Moving a step moves rows in the page. React gives the focus back to a row it moved; should the
      // row have been drawn anew, the same button, in the row's new place, gets it back.
      else if (refocus) focusNextFrame(() => outlineButton(step.id, refocus));
    }
  };
  const laneSelectId = `outline-lane-${step.id}`;
  return (
    <li className={`pw-outline-step${selected ? ' pw-outline-selected' : ''}`} id={`outline-step-${step.id}`} data-step={step.id}>
      <div className="flex flex-wrap items-start gap-2">
        <svg width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" className="mt-1 shrink-0">
          <path d={KIND_ICONS[step.kind]} />
        </svg>
        <div className="min-w-0 flex-1">
          <button
            type="button"
            className="pw-outline-title"
            aria-pressed={selected}
            // A toggle button: pressing the selected step again clears the selection.
            onClick={() => store.select(selected ? null : { kind: 'step', id: step.id })}
            data-outline-title={step.id}
            data-outline-action="title"
          >
            <span className="sr-only">{position}. </span>
            {step.title}
          </button>
          <p className="text-sm text-nhs-grey-1">
            {KIND_LABELS[step.kind]} · {SETTING_LABELS[step.setting]} · led by {ROLE_IN_SENTENCE[step.leadRole]}
          </p>
          {findings > 0 ? (
            <p className="pw-badge-text">
              <svg width="14" height="14" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="3" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" className="inline mr-1 align-[-2px]">
                <path d="M12 3L2 20h20L12 3zM12 9v5M12 17v.5" />
              </svg>
              {findings} open finding{findings === 1 ? '' : 's'}
            </p>
          ) : null}
        </div>
      </div>
      {readOnly ? null : (
        <div className="pw-outline-actions" role="group" aria-label={`Actions for “${step.title}”`}>
          {/* aria-disabled, not disabled: these buttons can turn themselves off when pressed (at the end
              of the lane, or once in the chosen lane), and a button disabled under the focus drops it
              to the page. */}
          <button
            type="button"
            className="pw-button pw-button-secondary pw-button-small"
            aria-disabled={!canReorder(doc, step.id, 'earlier')}
            data-outline-action="earlier"
            onClick={() =>
              canReorder(doc, step.id, 'earlier') &&
              run({ type: 'reorderStep', stepId: step.id, direction: 'earlier' }, `Moved “${step.title}” earlier in its lane.`, 'earlier')
            }
          >
            Earlier<span className="sr-only"> ({step.title})</span>
          </button>
          <button
            type="button"
            className="pw-button pw-button-secondary pw-button-small"
            aria-disabled={!canReorder(doc, step.id, 'later')}
            data-outline-action="later"
            onClick={() =>
              canReorder(doc, step.id, 'later') && run({ type: 'reorderStep', stepId: step.id, direction: 'later' }, `Moved “${step.title}” later in its lane.`, 'later')
            }
          >
            Later<span className="sr-only"> ({step.title})</span>
          </button>
          <label htmlFor={laneSelectId} className="sr-only">
            Lane to move “{step.title}” to
          </label>
          <select id={laneSelectId} className="pw-select pw-select-small" value={lane} onChange={(e) => setLane(e.target.value as Sector)}>
            {SECTORS.map((s) => (
              <option key={s} value={s}>
                {SECTOR_LABELS[s]}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="pw-button pw-button-secondary pw-button-small"
            aria-disabled={lane === step.sector}
            onClick={() => lane !== step.sector && run({ type: 'moveToLane', stepId: step.id, sector: lane }, `Moved “${step.title}” to ${SECTOR_LABELS[lane]}.`)}
          >
            Move to lane<span className="sr-only"> ({step.title})</span>
          </button>
          <button
            type="button"
            className="pw-button pw-button-warning pw-button-small"
            onClick={() => run({ type: 'removeStep', stepId: step.id }, `Deleted the step “${step.title}”. Press Control and Z to undo.`)}
          >
            Delete<span className="sr-only"> ({step.title})</span>
          </button>
        </div>
      )}
      {out.length ? (
        <ul className="pw-outline-transitions" aria-label={`Where the person goes after “${step.title}”`}>
          {out.map((t) => {
            const to = titles.get(t.to) ?? t.to;
            return (
              <li key={t.id} className={selectedTransition === t.id ? 'pw-outline-selected' : undefined}>
                <span aria-hidden="true">→ </span>
                <button
                  type="button"
                  className="pw-link-button"
                  aria-pressed={selectedTransition === t.id}
                  onClick={() => store.select(selectedTransition === t.id ? null : { kind: 'transition', id: t.id })}
                >
                  <span className="sr-only">Goes to </span>
                  {to}
                  {t.label ? ` (${t.label})` : ''}
                </button>{' '}
                <span className={t.information === 'none' ? 'pw-warning-text' : 'text-sm'}>
                  {t.information === 'none' ? (
                    <>
                      <svg width="14" height="14" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="3" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" className="inline mr-1 align-[-2px]">
                        <path d="M12 3L2 20h20L12 3zM12 9v5M12 17v.5" />
                      </svg>
                      Warning: no information passed on
                    </>
                  ) : (
                    INFORMATION_LABELS[t.information]
                  )}
                </span>
                {readOnly ? null : (
                  <button
                    type="button"
                    className="pw-link-button pw-link-danger ml-2 text-sm"
                    onClick={() => run({ type: 'removeTransition', transitionId: t.id }, `Deleted the transition to “${to}”. Press Control and Z to undo.`)}
                  >
                    Delete<span className="sr-only"> the transition from “{step.title}” to “{to}”</span>
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      ) : null}
    </li>
  );
});

/** A button in a step's row of the outline, wherever the row is now. */
export function outlineButton(stepId: string, action: string): HTMLElement | null {
  return document.querySelector<HTMLElement>(`#outline-step-${CSS.escape(stepId)} [data-outline-action="${action}"]`);
}
