'use client';
// Import and export (issue 4, item 7), print, and templates (item 8).
// - Export JSON in the pathway format (lib/pathway/io.ts, stable and diff-friendly).
// - Import JSON into this pathway: validated in the browser first, so a bad file gets every error
//   (with line and column for broken JSON) and changes nothing; a good one replaces the working
//   copy as one command, so it can be undone, and is saved like any other edit.
// - Export the canvas as SVG or PNG (exportImage.ts), and open the print view.
// - Start a new pathway from a template, or localise this one (a copy that remembers its source).
import { useId, useRef, useState } from 'react';
import { useRouter } from 'next/navigation';
import { exportPathwayJson } from '@/lib/pathway/io';
import { parsePathwayJson, type PathwayError } from '@/lib/pathway/validate';
import type { Pathway } from '@/lib/pathway/schema';
import { PATHWAY_FILE_MAX_BYTES, fileTooLargeMessage } from '@/lib/pathway/file-limits';
import { ErrorMessage, describedBy } from './fields';
import { download, fileNameFor, pathwayToSvg, pictureErrorMessage, svgToPng } from './exportImage';
import type { EditorStore } from './store';
import type { EditorApi, TemplateChoice } from './api';
import { NewPathwayForm } from './NewPathwayForm';
import { createAndOpen } from './create-and-open';
import { AskFirst } from './AskFirst';


export interface FilePanelProps {
  store: EditorStore;
  api: EditorApi | null;
  workspaceSlug: string;
  pathwayId: string;
  canEdit: boolean;
  /**
   * Editing the shared live pathway: an import replaces it for everyone in the room at once, with no
   * Save to stop it, so the person is asked first.
   */
  live?: boolean;
  canCreate: boolean;
  templates: readonly TemplateChoice[];
  findingCounts: ReadonlyMap<string, number>;
  onPrint: () => void;
  source: { title: string | null } | null;
}

/** The button that opens the print view: the focus comes back to it from there. */
export const PRINT_VIEW_BUTTON_ID = 'print-view-button';

function errorLine(e: PathwayError): string {
  const where = e.line !== undefined ? '' : e.path ? ` (at ${e.path})` : '';
  return `${e.message}${where}`;
}

export function FilePanel({ store, api, workspaceSlug, pathwayId, canEdit, live = false, canCreate, templates, findingCounts, onPrint, source }: FilePanelProps) {
  const fileId = useId();
  const [importErrors, setImportErrors] = useState<string[]>([]);
  const [importDone, setImportDone] = useState<string | null>(null);
  const [imageError, setImageError] = useState<string[]>([]);
  // Live, a checked file waits here until the person says it may replace the room's pathway.
  const [pending, setPending] = useState<{ name: string; pathway: Pathway } | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  const doc = (): Pathway => store.doc;

  const onFile = async (file: File | undefined) => {
    setImportDone(null);
    setPending(null);
    if (!file) return;
    if (file.size > PATHWAY_FILE_MAX_BYTES) {
      setImportErrors([fileTooLargeMessage(file.name, file.size, 'a Pathweave pathway file')]);
      return;
    }
    let text: string;
    try {
      text = await file.text();
    } catch {
      setImportErrors([`“${file.name}” could not be read, so nothing was imported. Choose the file again.`]);
      return;
    }
    const parsed = parsePathwayJson(text);
    if (!parsed.ok) {
      const count = parsed.errors.length;
      setImportErrors([
        `“${file.name}” has ${count === 1 ? 'a problem' : `${count} problems`}, so nothing was imported:`,
        ...parsed.errors.slice(0, 20).map(errorLine),
        ...(count > 20 ? [`…and ${count - 20} more.`] : []),
      ]);
      return;
    }
    setImportErrors([]);
    if (live) {
      setPending({ name: file.name, pathway: parsed.pathway });
      return;
    }
    replaceWith(file.name, parsed.pathway);
  };

  const replaceWith = (name: string, pathway: Pathway) => {
    const result = store.exec({ type: 'replaceDocument', doc: pathway }, { label: 'import file', announce: false });
    if (!result.ok) {
      setImportErrors([result.message]);
      return;
    }
    setImportErrors([]);
    const { steps, transitions } = pathway;
    // Live there is no Save: the import is in the shared pathway (and stored) as soon as it is made,
    // and the live Undo takes back this person's own change, the whole import, for everyone.
    const next = live ? 'Shared with everyone now; Undo puts the room’s pathway back.' : 'Save to keep it, or undo to go back.';
    const message = `Imported “${name}”: ${steps.length} step${steps.length === 1 ? '' : 's'} and ${transitions.length} transition${transitions.length === 1 ? '' : 's'}. ${next}`;
    setImportDone(message);
    store.notify(message);
  };

  return (
    <div className="pw-file-panel" data-testid="file-panel">
      <h2 className="pw-panel-heading">Import, export and print</h2>

      <section aria-labelledby="export-heading" className="pw-inspector-section">
        <h3 id="export-heading" className="pw-inspector-subheading">
          Export
        </h3>
        <div className="flex flex-wrap gap-2">
          <button
            type="button"
            className="pw-button pw-button-secondary pw-button-small"
            onClick={() => download(fileNameFor(doc().title, 'json'), exportPathwayJson(doc()), 'application/json')}
          >
            Download as a pathway file (JSON)
          </button>
          <button
            type="button"
            className="pw-button pw-button-secondary pw-button-small"
            onClick={() => download(fileNameFor(doc().title, 'svg'), pathwayToSvg(doc(), { findingCounts }), 'image/svg+xml')}
          >
            Download picture (SVG)
          </button>
          <button
            type="button"
            className="pw-button pw-button-secondary pw-button-small"
            onClick={async () => {
              try {
                setImageError([]);
                const png = await svgToPng(pathwayToSvg(doc(), { findingCounts }));
                download(fileNameFor(doc().title, 'png'), png);
              } catch (error) {
                setImageError([pictureErrorMessage(error)]);
              }
            }}
          >
            Download picture (PNG)
          </button>
          <button id={PRINT_VIEW_BUTTON_ID} type="button" className="pw-button pw-button-secondary pw-button-small" onClick={onPrint}>
            Print view for a board paper
          </button>
        </div>
        <ErrorMessage id="image-export" errors={imageError} announce />
      </section>

      {canEdit ? (
        <section aria-labelledby="import-heading" className="pw-inspector-section">
          <h3 id="import-heading" className="pw-inspector-subheading">
            Import a pathway file
          </h3>
          <div className={`pw-field${importErrors.length ? ' pw-field-error' : ''}`}>
            <label htmlFor={fileId} className="pw-label">
              Choose a pathway file (JSON)
            </label>
            <div id={`${fileId}-hint`} className="pw-hint">
              {live
                ? 'It replaces the live pathway for everyone in the room. You are asked first, and Undo puts the room’s pathway back.'
                : 'It replaces what is in the editor now. You can undo it, and nothing is stored until you save.'}
            </div>
            <ErrorMessage id={fileId} errors={importErrors} announce />
            <input
              ref={fileInput}
              id={fileId}
              type="file"
              accept=".json,application/json"
              className="pw-file-input"
              aria-describedby={describedBy(fileId, true, importErrors)}
              aria-invalid={importErrors.length ? true : undefined}
              onChange={(e) => {
                const file = e.target.files?.[0];
                // Cleared, so choosing the same file again (after fixing it, or to retry) imports it again.
                e.target.value = '';
                void onFile(file);
              }}
            />
          </div>
          {pending && live ? (
            <AskFirst
              testId="import-question"
              question={`Replace the live pathway for everyone in the room? Everyone will see “${pending.name}” (${pending.pathway.steps.length} step${pending.pathway.steps.length === 1 ? '' : 's'}) in place of what they are working on.`}
              yes="Replace"
              no="Keep the live pathway"
              onYes={() => {
                const { name, pathway } = pending;
                setPending(null);
                replaceWith(name, pathway);
              }}
              onNo={() => {
                setPending(null);
                const message = `Nothing was imported from “${pending.name}”. The live pathway is as it was.`;
                setImportDone(message);
                store.notify(message);
              }}
              returnFocusTo={fileInput}
            />
          ) : null}
          {importDone ? (
            <p className="pw-success" role="status">
              {importDone}
            </p>
          ) : null}
        </section>
      ) : null}

      {api ? (
        <Templates
          api={api}
          workspaceSlug={workspaceSlug}
          pathwayId={pathwayId}
          canCreate={canCreate}
          templates={templates}
          title={doc().title}
          source={source}
        />
      ) : null}
    </div>
  );
}

function Templates({
  api,
  workspaceSlug,
  pathwayId,
  canCreate,
  templates,
  title,
  source,
}: {
  api: EditorApi;
  workspaceSlug: string;
  pathwayId: string;
  canCreate: boolean;
  templates: readonly TemplateChoice[];
  title: string;
  source: { title: string | null } | null;
}) {
  const router = useRouter();
  const [errors, setErrors] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);

  const localise = async () => {
    if (busy) return;
    setBusy(true);
    const input = { workspaceSlug, templatePathwayId: pathwayId, title: `${title} (local copy)` };
    setErrors(await createAndOpen(api, input, router, 'Could not reach the server, so no copy was made. Try again; if it keeps failing, reload the page.'));
    setBusy(false);
  };

  return (
    <section aria-labelledby="templates-heading" className="pw-inspector-section">
      <h3 id="templates-heading" className="pw-inspector-subheading">
        Templates and copies
      </h3>
      {source ? (
        <p className="text-sm mb-2" data-testid="localised-from">
          This pathway is a local copy of {source.title ? `“${source.title}”` : 'a pathway you cannot see'}.
        </p>
      ) : null}
      {canCreate ? (
        <>
          <div className={errors.length ? 'pw-field-error mb-3' : 'mb-3'}>
            <p className="text-sm mb-2" id="localise-hint" data-testid="localise-hint">
              A local copy starts from the last version saved with Save version (or, if there is none, from the last
              saved working copy): changes made since are not copied. It remembers where it came from, so you can compare
              it with the original later.
            </p>
            <ErrorMessage id="localise" errors={errors} announce />
            {/* aria-disabled, not disabled, while copying: a button disabled under the focus drops it to the page. */}
            <button
              type="button"
              className="pw-button pw-button-secondary pw-button-small"
              aria-disabled={busy}
              aria-describedby="localise-hint"
              onClick={() => void localise()}
            >
              {busy ? 'Copying…' : 'Localise: make a local copy of this pathway'}
            </button>
          </div>
          <NewPathwayForm api={api} workspaceSlug={workspaceSlug} templates={templates} />
        </>
      ) : (
        <p className="text-sm">You can look at templates but not create pathways in this workspace.</p>
      )}
    </section>
  );
}
