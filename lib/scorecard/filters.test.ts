import { describe, expect, it } from 'vitest';
import { describeFilters, hasFilters, parseScorecardFilters, scorecardQuery } from './filters';

describe('scorecard filters in GET parameters', () => {
  it('reads known values and ignores unknown ones instead of failing', () => {
    expect(parseScorecardFilters({ condition: ' COPD ', status: 'published', sector: 'mental_health', failing: 'nv-8', page: '3' })).toEqual({
      condition: 'COPD',
      status: 'published',
      sector: 'mental_health',
      failing: 'nv-8',
      page: 3,
    });
    expect(parseScorecardFilters({ condition: '', status: 'deleted', sector: 'space', failing: "nv-8' OR 1=1", page: '-2' })).toEqual({
      condition: null,
      status: null,
      sector: null,
      failing: null,
      page: 1,
    });
    expect(parseScorecardFilters({ condition: 'x'.repeat(201) }).condition).toBeNull();
  });

  it('takes the first of repeated parameters, and reads URLSearchParams the same way', () => {
    expect(parseScorecardFilters({ status: ['draft', 'published'] }).status).toBe('draft');
    expect(parseScorecardFilters(new URLSearchParams('condition=Type+2+diabetes&status=in_review'))).toMatchObject({
      condition: 'Type 2 diabetes',
      status: 'in_review',
    });
  });

  it('writes a query that reads back to the same filters, leaving out the first page', () => {
    const filters = { condition: 'Type 2 diabetes & CKD', status: 'draft' as const, sector: 'social_care', failing: 'rcgp-5', page: 2 };
    const q = scorecardQuery(filters);
    expect(parseScorecardFilters(new URLSearchParams(q.slice(1)))).toEqual(filters);
    expect(scorecardQuery({ ...filters, page: 1 })).not.toContain('page=');
    expect(scorecardQuery(filters, { page: false })).not.toContain('page=');
    expect(scorecardQuery({ condition: null, status: null, sector: null, failing: null, page: 1 })).toBe('');
  });

  it('says the filters in words', () => {
    const none = parseScorecardFilters({});
    expect(hasFilters(none)).toBe(false);
    expect(describeFilters(none)).toBe('All pathways of the workspace.');
    expect(describeFilters(parseScorecardFilters({ condition: 'COPD', status: 'in_review', sector: 'voluntary_community', failing: 'rcgp-5' }))).toBe(
      'Filtered to condition "COPD", status in review, pathways with a step in voluntary and community sector, pathways that do not meet RCGP 5.',
    );
  });
});
