// JSON export and import: stable text and a lossless round trip (property-tested).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pathwayInputArb } from '../../tests/fixtures/pathways/arbitrary';
import { generatePathway } from './generate';
import { exportPathwayJson, importPathwayJson, pathwayToJsonValue } from './io';
import { parsePathway } from './validate';
import type { Pathway } from './schema';

function parsed(input: unknown): Pathway {
  const r = parsePathway(input);
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  return r.pathway;
}

describe('exportPathwayJson / importPathwayJson', () => {
  it('round-trips any valid pathway with no loss, with or without defaults written out', () => {
    fc.assert(
      fc.property(pathwayInputArb(), fc.boolean(), (input, omitDefaults) => {
        const p = parsed(input);
        const text = exportPathwayJson(p, { omitDefaults });
        const back = importPathwayJson(text);
        expect(back.ok).toBe(true);
        if (!back.ok) return;
        expect(back.pathway).toEqual(p);
        // and the text is stable: exporting the imported pathway gives the same bytes
        expect(exportPathwayJson(back.pathway, { omitDefaults })).toBe(text);
      }),
      { numRuns: 150 },
    );
  });

  it('round-trips generated pathways with layout', () => {
    for (const seed of [1, 2, 3]) {
      const p = generatePathway({ steps: 60, seed, layout: true });
      const back = importPathwayJson(exportPathwayJson(p));
      expect(back.ok && back.pathway).toEqual(p);
    }
  });

  it('writes keys in format order, two-space indented, ending with a newline', () => {
    const p = parsed({
      transitions: [{ information: 'none', to: 'b', from: 'a' }],
      steps: [
        { leadRole: 'gp', setting: 'home', sector: 'self_care', title: 'A', kind: 'entry', id: 'a' },
        { leadRole: 'gp', setting: 'home', sector: 'self_care', title: 'B', kind: 'exit', id: 'b' },
      ],
      title: 'Order',
      format: 'pathweave.pathway/v1',
    });
    const text = exportPathwayJson(p);
    expect(Object.keys(JSON.parse(text))).toEqual([
      'format',
      'title',
      'conditions',
      'metadata',
      'steps',
      'transitions',
    ]);
    expect(Object.keys(JSON.parse(text).steps[0]).slice(0, 6)).toEqual([
      'id',
      'kind',
      'title',
      'sector',
      'setting',
      'leadRole',
    ]);
    expect(Object.keys(JSON.parse(text).transitions[0])).toEqual(['id', 'from', 'to', 'information']);
    expect(text.startsWith('{\n  "format": "pathweave.pathway/v1",\n')).toBe(true);
    expect(text.endsWith('}\n')).toBe(true);
  });

  it('writes the defaulted transition id explicitly, so findings keep pointing at it', () => {
    const p = parsed({
      format: 'pathweave.pathway/v1',
      title: 'T',
      steps: [
        { id: 'a', kind: 'entry', title: 'A', sector: 'self_care', setting: 'home', leadRole: 'patient' },
        { id: 'b', kind: 'exit', title: 'B', sector: 'self_care', setting: 'home', leadRole: 'patient' },
      ],
      transitions: [{ from: 'a', to: 'b', information: 'none' }],
    });
    expect((pathwayToJsonValue(p).transitions as { id: string }[])[0]?.id).toBe('a->b');
  });

  it('omitDefaults leaves out empty lists and false flags but keeps true ones', () => {
    const p = generatePathway({ steps: 5, seed: 4 });
    const compact = pathwayToJsonValue(p, { omitDefaults: true });
    const steps = compact.steps as Record<string, unknown>[];
    for (const s of steps) {
      for (const key of ['roles', 'channels', 'adaptations', 'outcomeMeasures']) {
        if (key in s) expect((s[key] as unknown[]).length).toBeGreaterThan(0);
      }
      if (s.flags) expect(Object.values(s.flags as object).every((v) => v === true)).toBe(true);
    }
  });
});
