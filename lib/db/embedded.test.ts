import { chmodSync, mkdirSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { letOthersPassThrough } from './embedded';

describe('letOthersPassThrough', () => {
  it('adds only "pass through" for others to private folders on the way, and leaves the rest', () => {
    const top = mkdtempSync(path.join(tmpdir(), 'pw-embedded-')); // 0700, as mktemp -d makes
    const inner = path.join(top, 'checkout', 'node_modules');
    mkdirSync(inner, { recursive: true });
    chmodSync(path.join(top, 'checkout'), 0o750);
    chmodSync(inner, 0o755);
    const changed = letOthersPassThrough(inner);
    expect(changed).toEqual([path.join(top, 'checkout'), top]);
    expect(statSync(top).mode & 0o777).toBe(0o701);
    expect(statSync(path.join(top, 'checkout')).mode & 0o777).toBe(0o751);
    expect(statSync(inner).mode & 0o777).toBe(0o755);
    expect(letOthersPassThrough(inner)).toEqual([]);
  });
});
