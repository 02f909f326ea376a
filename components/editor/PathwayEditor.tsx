'use client';
// The editor wired to the server: the state helper's server actions, each of which establishes
// the actor and asks the authorization module itself.
import {
  compareVersionsAction,
  createPathwayAction,
  importPathwayAction,
  loadPathwayForEditingAction,
  saveDraftAction,
  saveVersionAction,
} from '@/app/w/[workspace]/pathways/[pathwayId]/actions';
import { saveLiveVersionAction } from '@/app/w/[workspace]/pathways/[pathwayId]/collab-actions';
import { Editor, type EditorProps } from './Editor';
import type { EditorApi } from './api';

const api: EditorApi = {
  saveDraft: saveDraftAction,
  saveVersion: saveVersionAction,
  compareVersions: compareVersionsAction,
  createPathway: createPathwayAction,
  importPathway: importPathwayAction,
  loadPathway: loadPathwayForEditingAction,
  saveLiveVersion: saveLiveVersionAction,
};

export function PathwayEditor(props: Omit<EditorProps, 'api'>) {
  return <Editor {...props} api={api} />;
}
