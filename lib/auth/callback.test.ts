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
      // Parsing drops "." and ".." segments, which would leave "//evil.example" behind.
      '/.//evil.example',
      '/..//evil.example/x',
      '/%2e%2e//evil.example/x',
      '/%2E//evil.example',
      '/./\\evil.example',
      '/a/..//evil.example',
    ]) {
      expect(safeCallbackPath(bad), JSON.stringify(bad)).toBe('/');
    }
  });

  it('whatever it gives back, a browser reads as a path on this site', () => {
    const prefixes = ['/', '/.', '/..', '/%2e', '/a/..', '\\', '/\\', '/\t'];
    const middles = ['/', '//', '\\', '/./', '/../', ''];
    for (const p of prefixes) {
      for (const m of middles) {
        const value = `${p}${m}evil.example/x?y#z`;
        const path = safeCallbackPath(value);
        expect(path.startsWith('/'), value).toBe(true);
        expect(new URL(path, 'https://pathweave.nhs.example').host, value).toBe('pathweave.nhs.example');
      }
    }
  });

  it('sends a missing or odd value to the home page', () => {
    expect(safeCallbackPath(undefined)).toBe('/');
    expect(safeCallbackPath('')).toBe('/');
    expect(safeCallbackPath(['/a'])).toBe('/');
  });
});
