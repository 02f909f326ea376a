import { describe, expect, it } from 'vitest';
import { PRESENCE_COLORS, colorFor, peersFromStates, roomSummary, selectionsByTarget } from './presence';

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

const user = (id: string, name: string, role: string, access = 'editor') => ({ user: { id, name, role, access, readOnly: access === 'viewer' } });

describe('presence', () => {
  it('colours are stable per person and readable on white (4.5:1)', () => {
    expect(colorFor('abc')).toBe(colorFor('abc'));
    for (const c of PRESENCE_COLORS) expect((1.05 / (luminance(c) + 0.05))).toBeGreaterThanOrEqual(4.5);
  });

  it('lists people with server-confirmed identities, their cursors and selections', () => {
    const states = new Map<number, Record<string, unknown>>([
      [1, { ...user('u1', 'Ada', 'gp', 'facilitator'), cursor: { x: 1, y: 2 }, selection: { kind: 'step', id: 's1' } }],
      [2, { ...user('u2', 'Arthur', 'patient', 'commenter'), cursor: { x: 'a', y: 2 }, selection: { kind: 'nope', id: 's1' } }],
      [3, { cursor: { x: 5, y: 5 } }],
      [4, { ...user('u1', 'Ada', 'gp', 'facilitator'), selection: { kind: 'step', id: 's1' } }],
    ]);
    const peers = peersFromStates(states, 4);
    expect(peers.map((p) => p.clientId)).toEqual([1, 4, 2]);
    expect(peers[0]).toMatchObject({ cursor: { x: 1, y: 2 }, selection: { kind: 'step', id: 's1' }, self: false });
    expect(peers[2]).toMatchObject({ cursor: null, selection: null });
    expect(peers[1]?.self).toBe(true);
    expect(selectionsByTarget(peers).get('s1')?.map((p) => p.clientId)).toEqual([1]);
  });

  it('counts people by role and warns when no patient or carer is in the room', () => {
    const gp = peersFromStates(new Map([[1, user('u1', 'Ada', 'gp')], [2, user('u1', 'Ada', 'gp')], [3, user('u3', 'Farah', 'commissioner')]]), 0);
    expect(roomSummary(gp)).toEqual({ people: 2, byRole: [{ role: 'gp', count: 1 }, { role: 'commissioner', count: 1 }], noPatientOrCarer: true });
    const withCarer = peersFromStates(new Map([[1, user('u1', 'Ada', 'gp')], [2, user('u9', 'June', 'carer', 'commenter')]]), 0);
    expect(roomSummary(withCarer).noPatientOrCarer).toBe(false);
  });
});
