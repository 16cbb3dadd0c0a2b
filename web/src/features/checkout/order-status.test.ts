import { describe, expect, it } from 'vitest';
import { isFinal, pollInterval, timeline } from './order-status';

const at = (minute: number) => `2026-11-26T07:${String(minute).padStart(2, '0')}:00Z`;

describe('order timeline', () => {
  it('highlights the current step and keeps the times of the steps reached', () => {
    const steps = timeline('paid', [
      { status: 'awaiting_payment', at: at(5) },
      { status: 'paid', at: at(7) },
    ]);
    expect(steps.map((step) => step.state)).toEqual(['done', 'current', 'upcoming', 'upcoming']);
    expect(steps.map((step) => step.at)).toEqual([at(5), at(7), null, null]);
  });

  it('shows a delivered order as the last step', () => {
    expect(timeline('delivered', []).map((step) => step.state)).toEqual(['done', 'done', 'done', 'current']);
  });

  it('has no current step off the happy path', () => {
    expect(timeline('expired', [{ status: 'awaiting_payment', at: at(5) }]).map((step) => step.state)).toEqual([
      'done',
      'upcoming',
      'upcoming',
      'upcoming',
    ]);
    expect(timeline('needs_attention', []).map((step) => step.state)).toEqual(['done', 'done', 'upcoming', 'upcoming']);
  });
});

describe('polling', () => {
  it('polls while the order can change and stops once final', () => {
    expect(pollInterval(undefined, 3000)).toBe(3000);
    expect(pollInterval('awaiting_payment', 3000)).toBe(3000);
    expect(pollInterval('processing', 5000)).toBe(5000);
    expect(pollInterval('needs_attention', 5000)).toBe(30_000);
    for (const status of ['delivered', 'expired', 'cancelled'] as const) {
      expect(isFinal(status)).toBe(true);
      expect(pollInterval(status, 3000)).toBe(false);
    }
  });
});
