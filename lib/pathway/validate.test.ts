// Schema and graph validation: every kind of error names the path, the field, the bad value and
// (for vocabulary fields) the allowed values, in a sentence a person can act on.
import { describe, expect, it } from 'vitest';
import {
  ADAPTATIONS,
  CHANNELS,
  HOURS,
  INFORMATION_KINDS,
  OUTCOME_MEASURE_TYPES,
  ROLES,
  SECTORS,
  SETTINGS,
  STEP_KINDS,
  PathwaySchema,
  emptyFlags,
} from './schema';
import { formatPathwayErrors, locateJsonError, parsePathway, parsePathwayJson, type PathwayError } from './validate';

function minimal(): Record<string, unknown> {
  return {
    format: 'pathweave.pathway/v1',
    title: 'Minimal',
    steps: [
      { id: 'a', kind: 'entry', title: 'Comes in', sector: 'primary_care', setting: 'gp_practice', leadRole: 'gp' },
      { id: 'b', kind: 'exit', title: 'Leaves', sector: 'primary_care', setting: 'gp_practice', leadRole: 'gp' },
    ],
    transitions: [{ from: 'a', to: 'b', information: 'letter' }],
  };
}

function errorsOf(input: unknown): PathwayError[] {
  const r = parsePathway(input);
  if (r.ok) throw new Error('expected errors');
  return r.errors;
}

function withStep(change: Record<string, unknown>): Record<string, unknown> {
  const doc = minimal();
  const steps = doc.steps as Record<string, unknown>[];
  steps[1] = { ...steps[1], ...change };
  return doc;
}

describe('parsePathway: valid documents', () => {
  it('fills defaults: empty lists, false flags, empty metadata lists, absent optional fields', () => {
    const r = parsePathway(minimal());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const s = r.pathway.steps[0];
    expect(s?.roles).toEqual([]);
    expect(s?.channels).toEqual([]);
    expect(s?.adaptations).toEqual([]);
    expect(s?.outcomeMeasures).toEqual([]);
    expect(s?.flags).toEqual(emptyFlags());
    expect(s).not.toHaveProperty('hours'); // absent means unknown, not in hours
    expect(s).not.toHaveProperty('patientBenefit');
    expect(r.pathway.metadata).toEqual({ incentives: [], socialValue: [] });
    expect(r.pathway.conditions).toEqual([]);
  });

  it('gives a transition without an id the id "from->to"', () => {
    const r = parsePathway(minimal());
    expect(r.ok && r.pathway.transitions[0]?.id).toBe('a->b');
  });

  it('keeps a given transition id', () => {
    const doc = minimal();
    (doc.transitions as Record<string, unknown>[])[0] = { id: 't1', from: 'a', to: 'b', information: 'none' };
    const r = parsePathway(doc);
    expect(r.ok && r.pathway.transitions[0]?.id).toBe('t1');
  });

  it('allows cycles', () => {
    const doc = minimal();
    (doc.transitions as unknown[]).push(
      { from: 'b', to: 'a', information: 'phone' },
      { from: 'a', to: 'a', information: 'none' },
    );
    expect(parsePathway(doc).ok).toBe(true);
  });

  it('fills missing flags one by one', () => {
    const r = parsePathway(withStep({ flags: { carerInvolved: true } }));
    expect(r.ok && r.pathway.steps[1]?.flags).toEqual({ ...emptyFlags(), carerInvolved: true });
  });

  it('drops unknown fields rather than failing (newer files still read)', () => {
    const r = parsePathway({ ...minimal(), futureField: 1 });
    expect(r.ok).toBe(true);
    expect(r.ok && 'futureField' in r.pathway).toBe(false);
  });
});

describe('parsePathway: vocabulary errors name path, field, value and allowed values', () => {
  const cases: [string, Record<string, unknown>, string, readonly string[]][] = [
    ['kind', { kind: 'exiting' }, 'steps[1].kind', STEP_KINDS],
    ['sector', { sector: 'primary' }, 'steps[1].sector', SECTORS],
    ['setting', { setting: 'surgery' }, 'steps[1].setting', SETTINGS],
    ['leadRole', { leadRole: 'doctor' }, 'steps[1].leadRole', ROLES],
    ['roles', { roles: ['gp', 'doctor'] }, 'steps[1].roles[1]', ROLES],
    ['channels', { channels: ['email'] }, 'steps[1].channels[0]', CHANNELS],
    ['adaptations', { adaptations: ['braille'] }, 'steps[1].adaptations[0]', ADAPTATIONS],
    ['hours', { hours: 'weekends' }, 'steps[1].hours', HOURS],
    [
      'type',
      { outcomeMeasures: [{ name: 'EQ-5D', type: 'PROMS' }] },
      'steps[1].outcomeMeasures[0].type',
      OUTCOME_MEASURE_TYPES,
    ],
  ];
  for (const [field, change, path, allowed] of cases) {
    it(`${field}`, () => {
      const errors = errorsOf(withStep(change)).filter((x) => x.code !== 'missing_exit'); // 'exiting' also removes the exit
      expect(errors).toHaveLength(1);
      const e = errors[0] as PathwayError;
      const bad = path.endsWith(']') ? (Object.values(change)[0] as unknown[]).at(-1) : Object.values(change)[0];
      expect(e.path).toBe(path);
      expect(e.field).toBe(field);
      expect(e.code).toBe('invalid_value');
      expect(e.allowed).toEqual([...allowed]);
      const value = field === 'type' ? 'PROMS' : bad;
      expect(e.value).toBe(value);
      expect(e.message).toContain(JSON.stringify(value));
      expect(e.message).toContain(allowed.join(', '));
      expect(e.message).toContain('Step 2 ("b", "Leaves")');
    });
  }

  it('information on a transition', () => {
    const doc = minimal();
    (doc.transitions as Record<string, unknown>[])[0] = { from: 'a', to: 'b', information: 'email' };
    const [e] = errorsOf(doc);
    expect(e).toMatchObject({
      path: 'transitions[0].information',
      field: 'information',
      value: 'email',
      allowed: [...INFORMATION_KINDS],
    });
    expect(e?.message).toContain('Transition 1 (a → b)');
  });

  it('sponsor role in the metadata', () => {
    const [e] = errorsOf({ ...minimal(), metadata: { sponsor: { name: 'X', role: 'ICB' } } });
    expect(e).toMatchObject({ path: 'metadata.sponsor.role', field: 'role', value: 'ICB', allowed: [...ROLES] });
  });

  it('the zod schema itself gives readable messages for enum values', () => {
    const r = PathwaySchema.safeParse(withStep({ sector: 'primary' }));
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toBe(
      `sector: "primary" is not a known sector. Allowed values: ${SECTORS.join(', ')}`,
    );
  });
});

describe('parsePathway: other field errors', () => {
  it('a missing required vocabulary field lists the choices', () => {
    const doc = withStep({});
    delete ((doc.steps as Record<string, unknown>[])[1] as Record<string, unknown>).leadRole;
    const [e] = errorsOf(doc);
    expect(e).toMatchObject({
      path: 'steps[1].leadRole',
      field: 'leadRole',
      value: undefined,
      code: 'missing',
      allowed: [...ROLES],
    });
    expect(e?.message).toContain('leadRole is missing');
  });

  it('a missing title', () => {
    const doc = withStep({});
    delete ((doc.steps as Record<string, unknown>[])[1] as Record<string, unknown>).title;
    const [e] = errorsOf(doc);
    expect(e).toMatchObject({ path: 'steps[1].title', field: 'title', code: 'missing' });
    expect(e?.message).toBe('Step 2 ("b"): title is missing (it is required).');
  });

  it('an empty title', () => {
    const [e] = errorsOf(withStep({ title: '   ' }));
    expect(e).toMatchObject({ path: 'steps[1].title', code: 'missing', value: '   ' });
  });

  it('a wrong type says what was expected and what was found', () => {
    const doc = minimal();
    (doc.transitions as Record<string, unknown>[])[0] = { from: 'a', to: 'b', information: 'letter', targetDays: '14' };
    const [e] = errorsOf(doc);
    expect(e).toMatchObject({
      path: 'transitions[0].targetDays',
      field: 'targetDays',
      value: '14',
      code: 'wrong_type',
    });
    expect(e?.message).toContain('should be a number, but it is the text "14"');
  });

  it('a probability out of range', () => {
    const doc = minimal();
    (doc.transitions as Record<string, unknown>[])[0] = { from: 'a', to: 'b', information: 'letter', probability: 1.5 };
    const [e] = errorsOf(doc);
    expect(e).toMatchObject({ path: 'transitions[0].probability', value: 1.5, code: 'out_of_range' });
    expect(e?.message).toContain('between 0 and 1');
  });

  it('an impossible review date', () => {
    const [e] = errorsOf({ ...minimal(), metadata: { reviewDate: '2027-02-30' } });
    expect(e).toMatchObject({ path: 'metadata.reviewDate', value: '2027-02-30', code: 'invalid_format' });
  });

  it('a wrong or missing format', () => {
    const [wrong] = errorsOf({ ...minimal(), format: 'pathweave.pathway/v2' });
    expect(wrong).toMatchObject({
      path: 'format',
      value: 'pathweave.pathway/v2',
      code: 'invalid_value',
      allowed: ['pathweave.pathway/v1'],
    });
    const doc = minimal();
    delete doc.format;
    const [missing] = errorsOf(doc);
    expect(missing).toMatchObject({ path: 'format', code: 'missing' });
  });

  it('a document that is not an object', () => {
    for (const v of [null, 42, 'text', [1]]) {
      const [e] = errorsOf(v);
      expect(e).toMatchObject({ path: '', code: 'wrong_type' });
    }
  });
});

describe('parsePathway: characters the database cannot store', () => {
  // PostgreSQL's jsonb refuses \u0000 and half a surrogate pair: such a document must be refused here,
  // naming the step and the field, and not fail later as "could not be saved, try again".
  it('a step title with NUL (U+0000) names the path, the field and the character, and shows no raw NUL', () => {
    const [e] = errorsOf(withStep({ title: 'Leaves\u0000 the service' }));
    expect(e).toMatchObject({
      path: 'steps[1].title',
      field: 'title',
      value: 'Leaves\u0000 the service',
      code: 'invalid_value',
    });
    expect(e?.message).toBe(
      'Step 2 ("b", "Leaves\uFFFD the service"): title has a character that cannot be stored (U+0000) after “Leaves”. ' +
        'Delete it, or type the text again rather than pasting it. Text in any language, with punctuation and emoji, is fine.',
    );
    expect(e?.message).not.toContain('\u0000');
  });

  it('a lone surrogate (half an emoji) anywhere in the document', () => {
    const doc = withStep({ patientBenefit: 'Feels better \uD83D' });
    (doc.transitions as Record<string, unknown>[])[0] = {
      from: 'a',
      to: 'b',
      information: 'letter',
      label: '\uDE00 low half',
    };
    const errors = errorsOf({ ...doc, summary: 'ok', conditions: ['COPD\uD800'] });
    expect(errors.map((e) => [e.path, e.field, e.code])).toEqual([
      ['conditions[0]', 'conditions', 'invalid_value'],
      ['steps[1].patientBenefit', 'patientBenefit', 'invalid_value'],
      ['transitions[0].label', 'label', 'invalid_value'],
    ]);
    expect(errors[1]?.message).toContain(
      'patientBenefit has a character that cannot be stored (U+D83D) after “Feels better ”',
    );
    expect(errors[2]?.message).toContain('label has a character that cannot be stored (U+DE00) at the start');
  });

  it('a NUL in a step id, and in a layout key', () => {
    const doc = minimal();
    (doc.steps as Record<string, unknown>[])[1]!.id = 'b\u0000';
    (doc.transitions as Record<string, unknown>[])[0]!.to = 'b\u0000';
    const errors = errorsOf({ ...doc, layout: { 'b\u0000': { x: 0, y: 0 } } });
    expect(errors.find((e) => e.path === 'steps[1].id')?.message).toContain(
      'id has a character that cannot be stored (U+0000)',
    );
    const layout = errors.find((e) => e.path.startsWith('layout'));
    expect(layout).toMatchObject({ path: 'layout.b\uFFFD', code: 'invalid_value' });
    expect(layout?.message).toContain('Layout: the step id "b\uFFFD" has a character that cannot be stored (U+0000)');
  });

  it('accepts emoji (surrogate pairs), Welsh, Arabic and other scripts', () => {
    const doc = withStep({ title: 'Gadael y gwasanaeth 👋🏽 ŵŷ', patientBenefit: 'يشعر بتحسن 😀' });
    const r = parsePathway({ ...doc, title: 'Llwybr anadlu 🫁', summary: '慢性阻塞性肺病', conditions: ['COPD 💨'] });
    expect(r.ok).toBe(true);
    expect(r.ok && r.pathway.steps[1]?.title).toBe('Gadael y gwasanaeth 👋🏽 ŵŷ');
  });

  it('a file imported with \\u0000 written in its JSON', () => {
    const r = parsePathwayJson(JSON.stringify(withStep({ title: 'a\u0000' })));
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors[0]).toMatchObject({ path: 'steps[1].title', field: 'title', code: 'invalid_value' });
  });

  it('the zod schema itself names the character', () => {
    const r = PathwaySchema.safeParse({ ...minimal(), title: 'A\u0000' });
    expect(r.error?.issues[0]?.message).toMatch(/^has a character that cannot be stored \(U\+0000\) after “A”/);
  });
});

describe('parsePathway: graph checks', () => {
  it('a step id that is the reserved word __proto__', () => {
    const doc = withStep({ id: '__proto__' });
    (doc.transitions as Record<string, unknown>[])[0] = { from: 'a', to: '__proto__', information: 'letter' };
    const e = errorsOf(doc).find((x) => x.path === 'steps[1].id');
    expect(e).toMatchObject({ field: 'id', value: '__proto__' });
    expect(e?.message).toContain('must not be "__proto__"');
  });

  it('duplicate step ids', () => {
    const doc = withStep({ id: 'a', kind: 'exit' });
    const e = errorsOf(doc).find((x) => x.code === 'duplicate_step_id');
    expect(e).toMatchObject({ path: 'steps[1].id', field: 'id', value: 'a' });
    expect(e?.message).toContain('step 1 already uses');
  });

  it('duplicate transition ids, given', () => {
    const doc = minimal();
    doc.transitions = [
      { id: 't', from: 'a', to: 'b', information: 'letter' },
      { id: 't', from: 'b', to: 'a', information: 'letter' },
    ];
    const errors = errorsOf(doc);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ path: 'transitions[1].id', value: 't', code: 'duplicate_transition_id' });
  });

  it('duplicate transition ids by default (two transitions between the same steps)', () => {
    const doc = minimal();
    (doc.transitions as unknown[]).push({ from: 'a', to: 'b', information: 'none' });
    const [e] = errorsOf(doc);
    expect(e).toMatchObject({ path: 'transitions[1].id', value: 'a->b', code: 'duplicate_transition_id' });
    expect(e?.message).toContain('Give each of them its own "id"');
  });

  it('a transition id that is also a step id', () => {
    const doc = minimal();
    doc.transitions = [{ id: 'a', from: 'a', to: 'b', information: 'letter' }];
    expect(errorsOf(doc)[0]).toMatchObject({ code: 'id_clash', value: 'a', path: 'transitions[0].id' });
  });

  it('transitions to and from steps that do not exist, listing the step ids', () => {
    const doc = minimal();
    doc.transitions = [
      { from: 'zz', to: 'b', information: 'letter' },
      { from: 'a', to: 'yy', information: 'letter' },
    ];
    const errors = errorsOf(doc);
    expect(errors.map((e) => [e.path, e.value, e.code])).toEqual([
      ['transitions[0].from', 'zz', 'unknown_step'],
      ['transitions[1].to', 'yy', 'unknown_step'],
    ]);
    expect(errors[0]?.allowed).toEqual(['a', 'b']);
  });

  it('no entry step, and no exit step', () => {
    const noEntry = withStep({});
    ((noEntry.steps as Record<string, unknown>[])[0] as Record<string, unknown>).kind = 'assessment';
    expect(errorsOf(noEntry).map((e) => e.code)).toEqual(['missing_entry']);
    const noExit = withStep({ kind: 'review' });
    const [e] = errorsOf(noExit);
    expect(e).toMatchObject({ code: 'missing_exit', path: 'steps', field: 'kind', allowed: ['exit'] });
  });

  it('decision routes whose probabilities add up to more than 1', () => {
    const doc = minimal();
    (doc.steps as unknown[]).push({
      id: 'd',
      kind: 'decision',
      title: 'D',
      sector: 'primary_care',
      setting: 'gp_practice',
      leadRole: 'gp',
    });
    doc.transitions = [
      { from: 'a', to: 'd', information: 'letter' },
      { from: 'd', to: 'b', information: 'letter', probability: 0.7 },
      { from: 'd', to: 'a', information: 'letter', probability: 0.6 },
    ];
    const [e] = errorsOf(doc);
    expect(e).toMatchObject({ code: 'probabilities_over_one', value: 1.3, path: 'transitions[2].probability' });
    // exactly 1 is fine
    (doc.transitions as Record<string, unknown>[])[2] = { from: 'd', to: 'a', information: 'letter', probability: 0.3 };
    expect(parsePathway(doc).ok).toBe(true);
  });

  it('reports graph errors together with schema errors in one pass', () => {
    const doc = withStep({ id: 'a', sector: 'nowhere' });
    const codes = errorsOf(doc).map((e) => e.code);
    expect(codes).toEqual(expect.arrayContaining(['invalid_value', 'duplicate_step_id']));
  });
});

describe('parsePathwayJson', () => {
  it('parses valid JSON text, with or without a byte-order mark', () => {
    const text = JSON.stringify(minimal());
    expect(parsePathwayJson(text).ok).toBe(true);
    expect(parsePathwayJson(`\uFEFF${text}`).ok).toBe(true);
  });

  it('says where JSON goes wrong, by line and column', () => {
    const r = parsePathwayJson('{\n  "format": "pathweave.pathway/v1",\n  "title": "x",\n}');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ code: 'invalid_json', line: 4, column: 1 });
    expect(r.errors[0]?.message).toContain('trailing commas are not allowed');
  });

  it('explains common mistakes', () => {
    expect(locateJsonError("{'a': 1}").problem).toContain('double quotes');
    expect(locateJsonError('{"a": 1').problem).toContain('ends before the object is closed');
    expect(locateJsonError('[1, 2').problem).toContain('ends before the list is closed');
    expect(locateJsonError('{"a": "line\nbreak"}').problem).toContain('line break');
    expect(locateJsonError('{"a": 1} x').problem).toContain('after the end');
    expect(locateJsonError('{"a": tru}')).toEqual({ offset: 6, problem: 'unexpected "t"' });
  });

  it('an empty file', () => {
    const r = parsePathwayJson('  \n');
    expect(!r.ok && r.errors[0]?.message).toBe('The file is empty: expected a pathway written as JSON.');
  });

  it('formats errors as lines for the command line', () => {
    const r = parsePathwayJson(JSON.stringify(withStep({ sector: 'x' })));
    expect(!r.ok && formatPathwayErrors(r.errors)).toMatch(/^- steps\[1\]\.sector: Step 2/);
  });
});
