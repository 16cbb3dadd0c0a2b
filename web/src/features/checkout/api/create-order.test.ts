import { describe, expect, it } from 'vitest';
import { ApiError } from '@/lib/api-client';
import { spendsIdempotencyKey } from './create-order';

function failure(status: number, code: string) {
  return new ApiError({ status, code, message: code, fromServer: status > 0 });
}

describe('spendsIdempotencyKey', () => {
  it('keeps the key when the answer was lost or the order was refused before it existed', () => {
    for (const error of [
      failure(0, 'network'),
      failure(400, 'invalid_body'),
      failure(409, 'sold_out'),
      failure(429, 'too_many_unpaid_orders'),
      failure(500, 'internal'),
      new Error('anything else'),
    ]) {
      expect(spendsIdempotencyKey(error)).toBe(false);
    }
  });

  it('needs a new key once an order exists under it', () => {
    expect(spendsIdempotencyKey(failure(503, 'payment_unavailable'))).toBe(true);
    expect(spendsIdempotencyKey(failure(422, 'idempotency_key_reused'))).toBe(true);
  });
});
