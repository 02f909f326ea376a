// The scorecard's filters live in GET parameters, so a filtered view is a link a manager can
// send, and the filter form works without JavaScript.
import { SECTORS, type Sector } from '@/lib/pathway/schema';
import { SECTOR_LABELS } from '@/lib/pathway/labels';
import { criterionLabel } from './model';
import { PATHWAY_STATUSES, PATHWAY_STATUS_LABELS, type PathwayStatus, type ScorecardFilters } from './types';

type SearchParams = Readonly<Record<string, string | readonly string[] | undefined>> | URLSearchParams;

function first(params: SearchParams, key: string): string | undefined {
  if (params instanceof URLSearchParams) return params.get(key) ?? undefined;
  const value = params[key];
  return typeof value === 'string' ? value : value?.[0];
}

const MAX_CONDITION_LENGTH = 200;

/**
 * Reads the filters from a page's search parameters. A value that is not one of the known ones
 * (a mistyped status, an unknown sector) is ignored rather than failing the page.
 */
export function parseScorecardFilters(params: SearchParams): ScorecardFilters {
  const condition = first(params, 'condition')?.trim() ?? '';
  const status = first(params, 'status') ?? '';
  const sector = first(params, 'sector') ?? '';
  const failing = first(params, 'failing') ?? '';
  const page = Number.parseInt(first(params, 'page') ?? '', 10);
  return {
    condition: condition && condition.length <= MAX_CONDITION_LENGTH ? condition : null,
    status: (PATHWAY_STATUSES as readonly string[]).includes(status) ? (status as PathwayStatus) : null,
    sector: (SECTORS as readonly string[]).includes(sector) ? (sector as Sector) : null,
    // Any criterion id, local ones included; an unknown one simply matches nothing.
    failing: /^[a-z0-9][a-z0-9_-]{0,63}$/i.test(failing) ? failing : null,
    page: Number.isFinite(page) && page >= 1 ? page : 1,
  };
}

/** The query string for filters (page left out when it is the first), with a leading "?" or "". */
export function scorecardQuery(filters: Partial<ScorecardFilters>, options: { page?: boolean } = {}): string {
  const q = new URLSearchParams();
  if (filters.condition) q.set('condition', filters.condition);
  if (filters.status) q.set('status', filters.status);
  if (filters.sector) q.set('sector', filters.sector);
  if (filters.failing) q.set('failing', filters.failing);
  if (options.page !== false && filters.page && filters.page > 1) q.set('page', String(filters.page));
  const s = q.toString();
  return s ? `?${s}` : '';
}

export function hasFilters(filters: ScorecardFilters): boolean {
  return filters.condition !== null || filters.status !== null || filters.sector !== null || filters.failing !== null;
}

/** "Filtered to condition \"COPD\", status published." in words, for the page and the reports. */
export function describeFilters(filters: ScorecardFilters): string {
  const parts: string[] = [];
  if (filters.condition) parts.push(`condition "${filters.condition}"`);
  if (filters.status) parts.push(`status ${PATHWAY_STATUS_LABELS[filters.status].toLowerCase()}`);
  if (filters.sector) parts.push(`pathways with a step in ${(SECTOR_LABELS[filters.sector as Sector] ?? filters.sector).toLowerCase()}`);
  if (filters.failing) parts.push(`pathways that do not meet ${criterionLabel(filters.failing)}`);
  return parts.length ? `Filtered to ${parts.join(', ')}.` : 'All pathways of the workspace.';
}
