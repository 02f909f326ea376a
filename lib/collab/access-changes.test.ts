import { afterEach, describe, expect, it } from 'vitest';
import {
  accessChangePayload,
  accessChanged,
  clearAccessRechecker,
  readAccessChange,
  setAccessRechecker,
  type AccessChange,
} from './access-changes';

describe('access changes', () => {
  const registered: ((c: AccessChange) => void)[] = [];
  afterEach(() => {
    for (const fn of registered.splice(0)) clearAccessRechecker(fn);
  });

  it('reach the rechecker registered in this process, under a name shared by every copy of the module', () => {
    const seen: string[] = [];
    const fn = (c: AccessChange) => seen.push(c.userId);
    registered.push(fn);
    setAccessRechecker(fn);
    accessChanged('u1');
    // What Next's bundle sees: the hook on globalThis, not a module variable.
    const viaGlobal = (globalThis as unknown as Record<symbol, ((c: AccessChange) => void) | undefined>)[
      Symbol.for('pathweave.collab.accessRechecker')
    ];
    viaGlobal?.({ userId: 'u2' });
    expect(seen).toEqual(['u1', 'u2']);
  });

  it('never throw into the change, with no server or a failing one', () => {
    expect(() => accessChanged('nobody-listening')).not.toThrow();
    const fn = () => {
      throw new Error('server gone');
    };
    registered.push(fn);
    setAccessRechecker(fn);
    expect(() => accessChanged('u1')).not.toThrow();
  });

  it('travel over Redis as a small message, and anything else is ignored', () => {
    const payload = accessChangePayload('server-a', { userId: 'u1' });
    expect(readAccessChange(payload)).toEqual({ from: 'server-a', change: { userId: 'u1' } });
    expect(readAccessChange('not json')).toBeNull();
    expect(readAccessChange(JSON.stringify({ type: 'room-changed', topic: 'comments' }))).toBeNull();
    expect(readAccessChange(JSON.stringify({ type: 'access-changed', from: 'a', userId: '' }))).toBeNull();
    expect(readAccessChange(JSON.stringify({ type: 'access-changed', from: 'a', userId: 42 }))).toBeNull();
    expect(readAccessChange(JSON.stringify({ type: 'access-changed', userId: 'u1' }))).toBeNull();
  });
});
