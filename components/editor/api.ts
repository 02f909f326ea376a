// The server side the editor talks to: the state helper's server actions
// (app/w/[workspace]/pathways/[pathwayId]/actions.ts). Passed in as an object so the editor also
// runs with no server at all (the benchmark page), where saving and versions are simply absent.
import type {
  compareVersionsAction,
  createPathwayAction,
  importPathwayAction,
  loadPathwayForEditingAction,
  saveDraftAction,
  saveVersionAction,
} from '@/app/w/[workspace]/pathways/[pathwayId]/actions';
import type { saveLiveVersionAction } from '@/app/w/[workspace]/pathways/[pathwayId]/collab-actions';

export interface EditorApi {
  saveDraft: typeof saveDraftAction;
  saveVersion: typeof saveVersionAction;
  compareVersions: typeof compareVersionsAction;
  createPathway: typeof createPathwayAction;
  importPathway: typeof importPathwayAction;
  loadPathway: typeof loadPathwayForEditingAction;
  /** Live workshop: save a version derived from the live document. */
  saveLiveVersion?: typeof saveLiveVersionAction;
}

/** A pathway the person can start from or localise (a template or any pathway they can see). */
export interface TemplateChoice {
  id: string;
  title: string;
  isTemplate: boolean;
  status: string;
}
