'use client';
// Start a new pathway (issue 4, item 8): blank, from a template (any pathway the person can see,
// such as the demo pathways; the copy remembers where it came from), or from a pathway file.
// Used in the editor's File panel, and ready for the pathways list page (NewPathway below).
import { useId, useState } from 'react';
import { useRouter } from 'next/navigation';
import { createPathwayAction, importPathwayAction } from '@/app/w/[workspace]/pathways/[pathwayId]/actions';
import { ErrorMessage, describedBy } from './fields';
import type { EditorApi, TemplateChoice } from './api';
import { createAndOpen } from './create-and-open';
import { PATHWAY_FILE_MAX_BYTES, fileTooLargeMessage } from '@/lib/pathway/file-limits';

type CreateApi = Pick<EditorApi, 'createPathway' | 'importPathway'>;

/** A server action threw (network drop, or a redeploy the page does not know yet). */
const UNREACHABLE = 'Could not reach the server, so nothing was created. Try again; if it keeps failing, reload the page.';

export function NewPathwayForm({
  api,
  workspaceSlug,
  templates,
  idPrefix = 'new-pathway',
}: {
  api: CreateApi;
  workspaceSlug: string;
  templates: readonly TemplateChoice[];
  idPrefix?: string;
}) {
  const router = useRouter();
  const fileId = useId();
  const [template, setTemplate] = useState('');
  const [title, setTitle] = useState('');
  const [errors, setErrors] = useState<string[]>([]);
  const [fileErrors, setFileErrors] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);

  const create = async () => {
    // The controls stay focusable while busy (aria-disabled): a control disabled under the focus
    // drops it to the page. A second press meanwhile does nothing.
    if (busy) return;
    setBusy(true);
    const input = { workspaceSlug, ...(template ? { templatePathwayId: template } : {}), ...(title.trim() ? { title } : {}) };
    setErrors(await createAndOpen(api, input, router, UNREACHABLE));
    setBusy(false);
  };

  const importFile = async (file: File | undefined) => {
    if (!file || busy) return;
    if (file.size > PATHWAY_FILE_MAX_BYTES) {
      setFileErrors([fileTooLargeMessage(file.name, file.size, 'a Pathweave pathway file')]);
      return;
    }
    setBusy(true);
    try {
      let text: string;
      try {
        text = await file.text();
      } catch {
        setFileErrors([`“${file.name}” could not be read, so nothing was imported. Choose the file again.`]);
        return;
      }
      const result = await api.importPathway({ text, workspaceSlug, ...(title.trim() ? { title } : {}) });
      if (!result.ok) {
        const lines = 'errors' in result && result.errors.length ? result.errors.slice(0, 20).map((e) => e.message) : [];
        setFileErrors([`“${file.name}”: ${result.message}`, ...lines]);
        return;
      }
      setFileErrors([]);
      if ('href' in result && result.href) router.push(`${result.href}/edit`);
    } catch {
      setFileErrors([`“${file.name}”: ${UNREACHABLE}`]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="pw-new-pathway">
      <form
        className={`pw-field${errors.length ? ' pw-field-error' : ''}`}
        onSubmit={(e) => {
          e.preventDefault();
          void create();
        }}
      >
        <ErrorMessage id={idPrefix} errors={errors} announce />
        <label htmlFor={`${idPrefix}-from`} className="pw-label text-sm">
          Start a new pathway from
        </label>
        <select id={`${idPrefix}-from`} className="pw-select w-full" value={template} onChange={(e) => setTemplate(e.target.value)}>
          <option value="">A blank pathway (an entry and an exit)</option>
          {templates.map((t) => (
            <option key={t.id} value={t.id}>
              {t.isTemplate ? 'Template: ' : ''}
              {t.title}
            </option>
          ))}
        </select>
        <label htmlFor={`${idPrefix}-title`} className="pw-label text-sm mt-2">
          Title of the new pathway {template ? '(optional)' : ''}
        </label>
        <input id={`${idPrefix}-title`} className="pw-input w-full" value={title} onChange={(e) => setTitle(e.target.value)} />
        <button type="submit" className="pw-button pw-button-secondary pw-button-small mt-2" aria-disabled={busy}>
          {busy ? 'Creating…' : 'Create and open it'}
        </button>
      </form>
      <div className={`pw-field${fileErrors.length ? ' pw-field-error' : ''}`}>
        <label htmlFor={fileId} className="pw-label text-sm">
          Or make a new pathway from a pathway file (JSON)
        </label>
        <ErrorMessage id={fileId} errors={fileErrors} announce />
        <input
          id={fileId}
          type="file"
          accept=".json,application/json"
          className="pw-file-input"
          aria-disabled={busy}
          // While busy, no file chooser: the input stays focusable, so it is not disabled.
          onClick={(e) => {
            if (busy) e.preventDefault();
          }}
          aria-describedby={describedBy(fileId, false, fileErrors)}
          aria-invalid={fileErrors.length ? true : undefined}
          onChange={(e) => {
            const file = e.target.files?.[0];
            // Cleared, so choosing the same file again (after fixing it, or to retry) imports it again.
            e.target.value = '';
            void importFile(file);
          }}
        />
      </div>
    </div>
  );
}

const actions: CreateApi = { createPathway: createPathwayAction, importPathway: importPathwayAction };

/** For the pathways list page: the same form, wired to the server actions. */
export function NewPathway({ workspaceSlug, templates }: { workspaceSlug: string; templates: readonly TemplateChoice[] }) {
  return <NewPathwayForm api={actions} workspaceSlug={workspaceSlug} templates={templates} />;
}
