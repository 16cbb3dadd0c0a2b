import { renderHook } from '@testing-library/react';
import * as z from 'zod/mini';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { orderViewSchema } from '../api/order-schema';
import { deliveredStockPayload, orderViewPayload, paidOrderPayload } from '../test-fixtures';
import { useOrderPolling } from './use-order-polling';

const state = (payload: unknown) => ({ state: { data: z.parse(orderViewSchema, payload) } });

describe('useOrderPolling', () => {
  afterEach(() => vi.restoreAllMocks());

  it('backs off a minute after this page first saw the delivery running, and stops once delivered', () => {
    const now = vi.spyOn(Date, 'now');
    const { result } = renderHook(() => useOrderPolling(5_000));
    const interval = result.current;

    now.mockReturnValue(1_000_000);
    expect(interval(state(orderViewPayload))).toBe(5_000);
    expect(interval(state(paidOrderPayload))).toBe(2_500);
    now.mockReturnValue(1_000_000 + 59_000);
    expect(interval(state({ ...paidOrderPayload, status: 'processing' }))).toBe(2_500);
    now.mockReturnValue(1_000_000 + 61_000);
    expect(interval(state({ ...paidOrderPayload, status: 'processing' }))).toBe(10_000);
    expect(interval(state(deliveredStockPayload))).toBe(false);
    expect(interval({ state: { data: undefined } })).toBe(5_000);
  });
});
