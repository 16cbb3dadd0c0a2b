import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  latestOrderId,
  MAX_ORDER_TOKENS,
  ORDER_TOKENS_KEY,
  orderTokenFor,
  readOrderTokens,
  saveOrderToken,
} from './order-tokens';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

describe('order tokens on this device', () => {
  beforeEach(() => window.localStorage.clear());
  afterEach(() => vi.restoreAllMocks());

  it('keeps a token per order under rp.orderTokens', () => {
    saveOrderToken(id(1), 'token-1');
    saveOrderToken(id(2), 'token-2');
    expect(orderTokenFor(id(1))).toBe('token-1');
    expect(orderTokenFor(id(3))).toBeNull();
    expect(JSON.parse(window.localStorage.getItem(ORDER_TOKENS_KEY) ?? '')).toEqual({
      [id(1)]: 'token-1',
      [id(2)]: 'token-2',
    });
    expect(latestOrderId()).toBe(id(2));
  });

  it('keeps only the last 20, dropping the oldest', () => {
    for (let n = 1; n <= MAX_ORDER_TOKENS + 5; n += 1) saveOrderToken(id(n), `token-${n}`);
    const kept = Object.keys(readOrderTokens());
    expect(kept).toHaveLength(MAX_ORDER_TOKENS);
    expect(kept[0]).toBe(id(6));
    expect(kept.at(-1)).toBe(id(25));
    expect(orderTokenFor(id(5))).toBeNull();
  });

  it('saving an order again makes it the newest, so it outlives older ones', () => {
    for (let n = 1; n <= MAX_ORDER_TOKENS; n += 1) saveOrderToken(id(n), `token-${n}`);
    saveOrderToken(id(1), 'token-1b');
    saveOrderToken(id(99), 'token-99');
    expect(orderTokenFor(id(1))).toBe('token-1b');
    expect(orderTokenFor(id(2))).toBeNull();
    expect(latestOrderId()).toBe(id(99));
  });

  it('treats unreadable storage as empty', () => {
    window.localStorage.setItem(ORDER_TOKENS_KEY, '{not json');
    expect(readOrderTokens()).toEqual({});
    window.localStorage.setItem(ORDER_TOKENS_KEY, JSON.stringify({ a: 1 }));
    expect(readOrderTokens()).toEqual({});
    saveOrderToken(id(1), 'token-1');
    expect(readOrderTokens()).toEqual({ [id(1)]: 'token-1' });
  });

  it('does not fail when storage is blocked', () => {
    vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw new DOMException('blocked', 'SecurityError');
    });
    vi.spyOn(Storage.prototype, 'getItem').mockImplementation(() => {
      throw new DOMException('blocked', 'SecurityError');
    });
    expect(() => saveOrderToken(id(1), 'token-1')).not.toThrow();
    expect(orderTokenFor(id(1))).toBeNull();
    expect(latestOrderId()).toBeNull();
  });
});
