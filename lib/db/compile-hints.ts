// After `next build`: mark the scripts every page runs as it starts (the build manifest's
// rootMainFiles: React, Next's router and runtime) with Chromium's explicit compile hint
// `//# allFunctionsCalledOnLoad` (Chrome 136+, https://v8.dev/blog/explicit-compile-hints; other
// browsers read it as a comment). They are then compiled on a background thread while they
// download, instead of lazily on the main thread when the page starts: on a mid-range phone that
// lazy compiling was most of the one long task on the person's plan page (issue 6 "Speed": TBT).
// Only these shared start-up files are marked; route chunks (the editor's included) compile
// lazily as before. Safe to run twice: a marked file is left alone.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const COMPILE_HINT = '//# allFunctionsCalledOnLoad\n';

/** Returns the files marked now (already-marked files are not counted). */
export function addCompileHints(distDir: string): string[] {
  const manifestPath = path.join(distDir, 'build-manifest.json');
  if (!existsSync(manifestPath)) return [];
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { rootMainFiles?: unknown };
  const files = Array.isArray(manifest.rootMainFiles) ? manifest.rootMainFiles.filter((f): f is string => typeof f === 'string' && f.endsWith('.js')) : [];
  const marked: string[] = [];
  for (const relative of files) {
    const file = path.join(distDir, relative);
    if (!existsSync(file)) continue;
    const text = readFileSync(file, 'utf8');
    if (text.startsWith(COMPILE_HINT)) continue;
    writeFileSync(file, COMPILE_HINT + text);
    marked.push(relative);
  }
  return marked;
}
