// The clinician's form to make a plan: who it is for, and the pathways it combines.
import { createCarePlanAction } from '@/app/w/[workspace]/care-plans/actions';
import { ActionForm, CheckboxGroup, TextField } from './forms';

export function CreatePlanForm(props: {
  workspaceSlug: string;
  pathways: readonly { id: string; title: string; conditions: string[] }[];
}) {
  return (
    <ActionForm
      action={createCarePlanAction}
      label="Make a care plan"
      submitLabel="Make the care plan"
      hidden={{ workspaceSlug: props.workspaceSlug }}
    >
      <TextField
        name="patientNhsNumber"
        label="Patient’s NHS number"
        hint="10 digits, for example 943 476 5919. It is on the person’s letters from the NHS and in the NHS App."
        inputMode="numeric"
        autoComplete="off"
        required
      />
      <TextField
        name="patientEmail"
        type="email"
        label="Patient’s email address"
        hint="The email the person uses to sign in to Pathweave."
        autoComplete="off"
        required
      />
      <CheckboxGroup
        name="pathwayIds"
        legend="Pathways the person is on"
        hint="Choose every pathway that applies. They become one plan, with one coordinator."
        options={props.pathways.map((p) => ({ value: p.id, label: p.title, hint: p.conditions.join(', ') }))}
      />
      <TextField
        name="title"
        label="Title (optional)"
        hint="For example “Arthur’s care plan”. Leave empty for “Care plan for” and their name."
      />
    </ActionForm>
  );
}
