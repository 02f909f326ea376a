import { describe, expect, it } from 'vitest';
import { clientAddress, DEFAULT_TRUSTED_PROXY_HOPS, trustedProxyHops } from './client-address';

const xff = (value: unknown) => ({ 'x-forwarded-for': value });

describe('clientAddress: the address a sign-in is throttled by', () => {
  it('takes the entry our one proxy added, not the left-most one the client wrote', () => {
    expect(clientAddress(xff('203.0.113.7'), 1)).toBe('203.0.113.7');
    expect(clientAddress(xff('1.2.3.4, 203.0.113.7'), 1)).toBe('203.0.113.7');
    expect(clientAddress(xff('1.2.3.4,5.6.7.8 ,  203.0.113.7 '), 1)).toBe('203.0.113.7');
  });

  it('counts trusted hops from the right when there are several proxies', () => {
    // client-written, then what the outer proxy saw, then the inner proxy's address.
    expect(clientAddress(xff('1.2.3.4, 203.0.113.7, 10.0.0.2'), 2)).toBe('203.0.113.7');
    expect(clientAddress(xff('203.0.113.7, 10.0.0.2'), 2)).toBe('203.0.113.7');
  });

  it('trusts nothing it cannot: no header, an empty entry, fewer entries than proxies', () => {
    expect(clientAddress(undefined, 1)).toBeUndefined();
    expect(clientAddress({}, 1)).toBeUndefined();
    expect(clientAddress(xff(''), 1)).toBeUndefined();
    expect(clientAddress(xff('1.2.3.4, '), 1)).toBeUndefined();
    expect(clientAddress(xff('203.0.113.7'), 2)).toBeUndefined();
    expect(clientAddress(xff(42), 1)).toBeUndefined();
  });

  it('ignores X-Forwarded-For altogether with no proxy, and never uses X-Real-IP', () => {
    expect(clientAddress(xff('203.0.113.7'), 0)).toBeUndefined();
    expect(clientAddress({ 'x-real-ip': '203.0.113.7' }, 1)).toBeUndefined();
    expect(clientAddress({ 'x-real-ip': '203.0.113.7' }, 0)).toBeUndefined();
  });

  it('reads repeated headers as one list in order, and IPv6 in one spelling', () => {
    expect(clientAddress(xff(['1.2.3.4', '203.0.113.7']), 1)).toBe('203.0.113.7');
    expect(clientAddress(xff('1.2.3.4, 2001:DB8::1'), 1)).toBe('2001:db8::1');
  });
});

describe('trustedProxyHops: PATHWEAVE_TRUSTED_PROXY_HOPS', () => {
  it('is one proxy unless set', () => {
    expect(DEFAULT_TRUSTED_PROXY_HOPS).toBe(1);
    expect(trustedProxyHops({})).toBe(1);
    expect(trustedProxyHops({ PATHWEAVE_TRUSTED_PROXY_HOPS: ' ' })).toBe(1);
  });

  it('takes 0 (no proxy) or any whole number', () => {
    expect(trustedProxyHops({ PATHWEAVE_TRUSTED_PROXY_HOPS: '0' })).toBe(0);
    expect(trustedProxyHops({ PATHWEAVE_TRUSTED_PROXY_HOPS: '2' })).toBe(2);
  });

  it('refuses anything else rather than guess', () => {
    for (const value of ['-1', '1.5', 'one', '0x1', '1e1']) {
      expect(() => trustedProxyHops({ PATHWEAVE_TRUSTED_PROXY_HOPS: value }), value).toThrow(/whole number/);
    }
  });
  it('leaves off a port some proxies add, so each connection is not a new address', () => {
    expect(clientAddress(xff('203.0.113.7:51234'), 1)).toBe('203.0.113.7');
    expect(clientAddress(xff('198.51.100.1, 203.0.113.7:443'), 1)).toBe('203.0.113.7');
    expect(clientAddress(xff('[2001:DB8::1]:443'), 1)).toBe('2001:db8::1');
    expect(clientAddress(xff('[2001:db8::1]'), 1)).toBe('2001:db8::1');
    // A bare IPv6 address keeps every part: its colons are not a port.
    expect(clientAddress(xff('2001:db8::1'), 1)).toBe('2001:db8::1');
  });
});
