import { cache } from 'react';
import { can } from '@/lib/auth/can';
import { getActor } from '@/lib/auth/session';
import { parseScorecardFilters } from '@/lib/scorecard/filters';
import { getPathwayScorecard, parseVersionChoice, type PathwayScorecardView } from './get-pathway-scorecard';
import { getWorkspaceScorecard, type WorkspaceScorecardView } from './get-workspace-scorecard';
import { getWorkspaceForActor } from './workspaces';

/**
 * The scorecard pages' reads, shared by a page and its generateMetadata within one request (React
 * cache), so a title is worked out from exactly the authorised read the page makes: null for
 * anyone the page would answer "not found".
 */
async function signedInViewer(slug: string) {
  const actor = await getActor();
  if (!actor) return null;
  const workspace = await getWorkspaceForActor(actor, slug);
  if (!workspace || !can(actor, 'workspace:viewScorecard', { type: 'workspace', workspaceId: workspace.id }))
    return null;
  return actor;
}

export const readPathwayScorecard = cache(
  async (slug: string, pathwayId: string, version: string): Promise<PathwayScorecardView | null> => {
    const actor = await signedInViewer(slug);
    if (!actor) return null;
    return getPathwayScorecard({ actor, workspaceSlug: slug, pathwayId, choice: parseVersionChoice(version) });
  },
);

/** `query` is the page's filters and page number as scorecardQuery writes them. */
export const readWorkspaceScorecard = cache(
  async (slug: string, query: string): Promise<WorkspaceScorecardView | null> => {
    const actor = await signedInViewer(slug);
    if (!actor) return null;
    const filters = parseScorecardFilters(new URLSearchParams(query));
    return getWorkspaceScorecard({ actor, workspaceSlug: slug, filters });
  },
);
