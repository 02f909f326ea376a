import { describe, expect, it } from 'vitest';
import { safeCallbackPath } from './callback';

describe('safeCallbackPath: where signing in may send a person', () => {
  it('keeps a path on this site, with its query and fragment', () => {
    expect(safeCallbackPath('/w/riverside/pathways')).toBe('/w/riverside/pathways');
    expect(safeCallbackPath('/my-plan/abc/sharing?notice=cancelled#top')).toBe(
      '/my-plan/abc/sharing?notice=cancelled#top',
    );
  });

  it('sends anything that a browser would read as another site to the home page', () => {
    for (const bad of [
      '//evil.example',
      '/\\evil.example',
      '/\t/evil.example',
      '/\n/evil.example',
      '\\\\evil.example',
      'https://evil.example/',
      'javascript:alert(1)',
      'evil.example',
    ]) {
      expect(safeCallbackPath(bad), JSON.stringify(bad)).toBe('/');
    }
  });

  it('sends a missing or odd value to the home page', () => {
    expect(safeCallbackPath(undefined)).toBe('/');
    expect(safeCallbackPath('')).toBe('/');
    expect(safeCallbackPath(['/a'])).toBe('/');
  });
});
