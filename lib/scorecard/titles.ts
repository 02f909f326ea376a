// Page titles of the scorecard (WCAG 2.4.2): they name what is shown, and are worked out only from
// what the page itself was allowed to read, so a title never tells more than the page would.
import { describeFilters, hasFilters } from './filters';
import type { ScorecardFilters } from './types';

export const PATHWAY_SCORECARD_TITLE = 'Pathway scorecard';
export const WORKSPACE_SCORECARD_TITLE = 'Scorecards';

/** What a pathway's scorecard page shows, as far as its title needs to know. */
export interface PathwayTitleFacts {
  pathway: { title: string };
  shown: { kind: 'version'; version: { number: number } } | { kind: 'working' } | { kind: 'none' };
  missingVersion: number | null;
}

/** "COPD, version 2: scorecard"; the generic title when the page answers "not found". */
export function pathwayScorecardTitle(view: PathwayTitleFacts | null): string {
  if (!view) return PATHWAY_SCORECARD_TITLE;
  const name = view.pathway.title;
  if (view.shown.kind === 'version') return `${name}, version ${view.shown.version.number}: scorecard`;
  if (view.shown.kind === 'working') return `${name}, working copy: scorecard`;
  if (view.missingVersion !== null) return `${name}, no version ${view.missingVersion}: scorecard`;
  return `${name}: scorecard`;
}

/** "Scorecards, filtered to condition "COPD", page 2 of 3"; the generic title when not found. */
export function workspaceScorecardTitle(
  filters: ScorecardFilters,
  page: { number: number; pages: number } | null,
): string {
  if (!page) return WORKSPACE_SCORECARD_TITLE;
  const parts = [WORKSPACE_SCORECARD_TITLE];
  if (hasFilters(filters))
    parts.push(
      describeFilters(filters)
        .replace(/\.$/, '')
        .replace(/^Filtered/, 'filtered'),
    );
  if (page.pages > 1) parts.push(`page ${page.number} of ${page.pages}`);
  return parts.join(', ');
}
