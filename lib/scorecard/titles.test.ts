import { describe, expect, it } from 'vitest';
import { pathwayScorecardTitle, workspaceScorecardTitle } from './titles';
import type { ScorecardFilters } from './types';

const none: ScorecardFilters = { condition: null, status: null, sector: null, failing: null, page: 1 };

describe('pathwayScorecardTitle', () => {
  const pathway = { title: 'COPD: breathlessness' };
  it('names the pathway and the version or working copy shown', () => {
    expect(
      pathwayScorecardTitle({ pathway, shown: { kind: 'version', version: { number: 2 } }, missingVersion: null }),
    ).toBe('COPD: breathlessness, version 2: scorecard');
    expect(pathwayScorecardTitle({ pathway, shown: { kind: 'working' }, missingVersion: null })).toBe(
      'COPD: breathlessness, working copy: scorecard',
    );
    expect(pathwayScorecardTitle({ pathway, shown: { kind: 'none' }, missingVersion: 9 })).toBe(
      'COPD: breathlessness, no version 9: scorecard',
    );
    expect(pathwayScorecardTitle({ pathway, shown: { kind: 'none' }, missingVersion: null })).toBe(
      'COPD: breathlessness: scorecard',
    );
  });

  it('is generic when the page answers "not found", so it names nothing', () => {
    expect(pathwayScorecardTitle(null)).toBe('Pathway scorecard');
  });
});

describe('workspaceScorecardTitle', () => {
  it('says when the list is filtered and which page it is on', () => {
    expect(workspaceScorecardTitle(none, { number: 1, pages: 1 })).toBe('Scorecards');
    expect(workspaceScorecardTitle(none, { number: 2, pages: 3 })).toBe('Scorecards, page 2 of 3');
    expect(workspaceScorecardTitle({ ...none, condition: 'COPD', failing: 'rcgp-5' }, { number: 1, pages: 1 })).toBe(
      'Scorecards, filtered to condition "COPD", pathways that do not meet RCGP 5',
    );
  });

  it('is generic when the page answers "not found"', () => {
    expect(workspaceScorecardTitle({ ...none, condition: 'COPD' }, null)).toBe('Scorecards');
  });
});
