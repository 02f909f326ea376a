// The canvas as a picture, built from the document.
import { describe, expect, it } from 'vitest';
import { fileNameFor, pathwayToSvg, wrapText } from '@/components/editor/exportImage';
import { generatePathway } from '@/lib/pathway/generate';

describe('pathwayToSvg', () => {
  it('draws every lane and step, escapes text, and marks transitions without information', () => {
    const doc = generatePathway({ steps: 6, seed: 3 });
    doc.steps[1]!.title = 'Tea & <biscuits> "review"';
    doc.transitions[0]!.information = 'none';
    const svg = pathwayToSvg(doc, { findingCounts: new Map([['s2', 3]]) });
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    for (const lane of ['Self-care', 'Primary care', 'Social care', 'Voluntary and community sector']) expect(svg).toContain(lane);
    expect(svg).toContain('Tea &amp; &lt;biscuits&gt;');
    expect(svg).not.toContain('<biscuits>');
    expect(svg).toContain('No information passed on');
    expect(svg).toContain('⚠ 3');
    expect(svg.match(/<g transform="translate\([^)]*\)"><title>/g)).toHaveLength(6);
  });
});

describe('wrapText', () => {
  it('wraps on words and marks a cut with an ellipsis', () => {
    expect(wrapText('Spirometry at the practice', 22, 3)).toEqual(['Spirometry at the', 'practice']);
    const lines = wrapText('one two three four five six seven eight nine ten eleven twelve', 10, 2);
    expect(lines).toHaveLength(2);
    expect(lines[1]!.endsWith('…')).toBe(true);
  });
});

describe('fileNameFor', () => {
  it('makes a safe file name from a title', () => {
    expect(fileNameFor('COPD: breathlessness to long-term support', 'json')).toBe('copd-breathlessness-to-long-term-support.json');
    expect(fileNameFor('***', 'svg')).toBe('pathway.svg');
  });
});
