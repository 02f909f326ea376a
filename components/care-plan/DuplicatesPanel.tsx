// Steps the plan's pathways duplicate, with a way to merge each group into one step of the plan, and
// the merges already made with a way to undo them.
import { mergeStepsAction, unmergeStepsAction } from '@/app/w/[workspace]/care-plans/actions';
import type { DuplicateGroup } from '@/lib/care-plan/duplicates';
import type { StepMergeView } from '@/lib/care-plan/types';
import { ActionForm, CheckboxGroup, TextField } from './forms';

export function DuplicatesPanel(props: {
  planId: string;
  groups: readonly DuplicateGroup[];
  merges: readonly StepMergeView[];
  stepTitle: (pathwayId: string, stepId: string) => string;
  pathwayTitle: (pathwayId: string) => string;
}) {
  return (
    <section
      id="duplicates"
      aria-labelledby="duplicates-heading"
      className="mb-6 bg-white border border-nhs-grey-4 p-4"
    >
      <h2 id="duplicates-heading" className="mb-2 text-2xl font-bold">
        Steps that appear in more than one pathway
      </h2>
      <p className="mb-3">
        When several pathways are combined, the same assessment, review or appointment can appear twice. Merge them so
        the person has one appointment, not two (RCGP: less duplication; seed report §6.2).
      </p>
      {props.groups.length === 0 ? (
        <p>No duplicated steps found.</p>
      ) : (
        <ul className="space-y-4">
          {props.groups.map((g) => (
            <li key={g.key} className="border-l-4 border-nhs-warm-yellow pl-3">
              <h3 className="font-bold">Possible duplicate: {g.steps.map((s) => s.stepTitle).join(' / ')}</h3>
              <p className="mb-2">{g.explanation}</p>
              <ActionForm
                action={mergeStepsAction}
                label={`Merge ${g.steps.map((s) => s.stepTitle).join(' and ')}`}
                submitLabel="Merge into one step"
                hidden={{ planId: props.planId }}
              >
                <CheckboxGroup
                  name="steps"
                  legend="Steps to merge"
                  options={g.steps.map((s) => ({
                    value: `${s.pathwayId}::${s.stepId}`,
                    label: s.stepTitle,
                    hint: s.pathwayTitle,
                  }))}
                  defaultValues={g.steps.map((s) => `${s.pathwayId}::${s.stepId}`)}
                />
                <TextField
                  name="title"
                  label="Name of the merged step"
                  hint="What the person will see in their plan."
                  defaultValue={g.suggestedTitle}
                  required
                />
              </ActionForm>
            </li>
          ))}
        </ul>
      )}
      {props.merges.length > 0 && (
        <>
          <h3 className="mt-4 mb-2 text-xl font-bold">Merged steps</h3>
          <ul className="space-y-3">
            {props.merges.map((m) => (
              <li key={m.id} className="border-l-4 border-nhs-green pl-3">
                <p className="font-bold">{m.title}</p>
                <p className="text-sm">
                  Joins:{' '}
                  {m.steps
                    .map((s) => `${props.stepTitle(s.pathwayId, s.stepId)} (${props.pathwayTitle(s.pathwayId)})`)
                    .join('; ')}
                </p>
                <ActionForm
                  action={unmergeStepsAction}
                  label={`Undo merge ${m.title}`}
                  submitLabel="Undo this merge"
                  hidden={{ planId: props.planId, mergeId: m.id }}
                  secondary
                >
                  {null}
                </ActionForm>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
