import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { addCompileHints, COMPILE_HINT } from './compile-hints';

describe('addCompileHints', () => {
  it('marks only the start-up scripts the build manifest names, once', () => {
    const dist = mkdtempSync(path.join(tmpdir(), 'pw-hints-'));
    mkdirSync(path.join(dist, 'static', 'chunks'), { recursive: true });
    const write = (name: string, text: string) => writeFileSync(path.join(dist, 'static', 'chunks', name), text);
    write('root-a.js', 'console.log(1)');
    write('root-b.js', 'console.log(2)');
    write('editor.js', 'console.log(3)');
    writeFileSync(
      path.join(dist, 'build-manifest.json'),
      JSON.stringify({ rootMainFiles: ['static/chunks/root-a.js', 'static/chunks/root-b.js', 'static/chunks/missing.js', 'static/chunks/style.css'] }),
    );
    expect(addCompileHints(dist)).toEqual(['static/chunks/root-a.js', 'static/chunks/root-b.js']);
    const read = (name: string) => readFileSync(path.join(dist, 'static', 'chunks', name), 'utf8');
    expect(read('root-a.js')).toBe(`${COMPILE_HINT}console.log(1)`);
    expect(read('editor.js')).toBe('console.log(3)');
    // A second run changes nothing.
    expect(addCompileHints(dist)).toEqual([]);
    expect(read('root-b.js')).toBe(`${COMPILE_HINT}console.log(2)`);
  });

  it('does nothing without a build', () => {
    expect(addCompileHints(mkdtempSync(path.join(tmpdir(), 'pw-hints-')))).toEqual([]);
  });
});
