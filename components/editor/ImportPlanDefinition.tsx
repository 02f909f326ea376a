'use client';
// Import a FHIR R4 PlanDefinition as a new pathway (issue 6 §6, "importing a PlanDefinition as a
// pathway is welcome"), through POST /api/fhir/PlanDefinition?workspace=<slug>. A file that is not
// JSON, or not a PlanDefinition Pathweave can read, gets every problem listed with its place in the
// file; nothing is created then.
import { useId, useState } from 'react';
import { useRouter } from 'next/navigation';
import { ErrorMessage, describedBy } from './fields';
import { PATHWAY_FILE_MAX_BYTES, fileTooLargeMessage } from '@/lib/pathway/file-limits';


export function ImportPlanDefinition({ workspaceSlug }: { workspaceSlug: string }) {
  const router = useRouter();
  const id = useId();
  const [errors, setErrors] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);

  const onFile = async (file: File | undefined) => {
    if (!file || busy) return;
    if (file.size > PATHWAY_FILE_MAX_BYTES) {
      setErrors([fileTooLargeMessage(file.name, file.size, 'a FHIR PlanDefinition')]);
      return;
    }
    let body: unknown;
    try {
      body = JSON.parse(await file.text());
    } catch {
      setErrors([`“${file.name}” is not a JSON file. Export the PlanDefinition as FHIR JSON and try again.`]);
      return;
    }
    setBusy(true);
    try {
      const res = await fetch(`/api/fhir/PlanDefinition?workspace=${encodeURIComponent(workspaceSlug)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      const answer = (await res.json().catch(() => ({}))) as { href?: string; error?: string; errors?: { path: string; message: string }[] };
      if (res.status === 201 && answer.href) {
        setErrors([]);
        router.push(answer.href);
        return;
      }
      const listed = (answer.errors ?? []).map((e) => (e.path ? `${e.path}: ${e.message}` : e.message));
      setErrors([answer.error ?? 'The PlanDefinition could not be imported.', ...listed]);
    } catch {
      setErrors(['The file could not be sent. Check your connection and try again.']);
    } finally {
      setBusy(false);
    }
  };

  return (
    <details className="pw-tool-card mt-4">
      <summary className="font-bold">Import a FHIR PlanDefinition</summary>
      <div className={`pw-field mt-2${errors.length ? ' pw-field-error' : ''}`}>
        <label htmlFor={id} className="pw-label">
          Choose a PlanDefinition file (FHIR R4 JSON)
        </label>
        <div id={`${id}-hint`} className="pw-hint">
          Each action becomes a step, and its related actions become the transitions between steps. A new pathway is made; nothing else changes.
        </div>
        <ErrorMessage id={id} errors={errors} announce />
        <input
          id={id}
          type="file"
          accept=".json,application/json,application/fhir+json"
          // aria-disabled, not disabled, while importing: the focus is on this input after choosing a
          // file, and an input disabled under the focus drops it to the page. No file chooser meanwhile.
          aria-disabled={busy}
          onClick={(e) => {
            if (busy) e.preventDefault();
          }}
          aria-describedby={describedBy(id, true, errors)}
          aria-invalid={errors.length ? true : undefined}
          onChange={(e) => {
            const file = e.target.files?.[0];
            // Cleared, so choosing the same file again (after fixing it, or to retry) imports it again.
            e.target.value = '';
            void onFile(file);
          }}
        />
        {busy ? <p role="status">Importing…</p> : null}
      </div>
    </details>
  );
}
