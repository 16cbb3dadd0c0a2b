import { useId } from 'react';
import { Icon } from '@/components/ui/icon';
import { cn } from '@/lib/cn';
import { interpolate } from '@/lib/i18n';
import { useCheckoutMessages } from '@/lib/i18n/checkout-messages';

/** 1…max with − and + buttons; the number can also be typed. */
export function QuantityStepper({
  value,
  max,
  onChange,
  limitedByStock = false,
  error,
}: {
  value: number;
  max: number;
  /** The stock, not the per-order limit, sets `max`. */
  limitedByStock?: boolean;
  onChange: (value: number) => void;
  error?: string | null;
}) {
  const c = useCheckoutMessages();
  const id = useId();
  const clamp = (next: number) => Math.min(max, Math.max(1, Number.isFinite(next) ? Math.round(next) : 1));
  const buttonClasses =
    'flex h-11 w-11 items-center justify-center rounded-control border border-line bg-surface text-fg transition hover:border-line-strong disabled:opacity-40';

  return (
    <div className="space-y-1.5">
      <label htmlFor={id} className="block text-sm font-medium text-fg">
        {c.checkout.quantity}
      </label>
      <div className="flex items-center gap-2">
        <button
          type="button"
          className={buttonClasses}
          aria-label={c.checkout.decrease}
          aria-controls={id}
          disabled={value <= 1}
          onClick={() => onChange(clamp(value - 1))}
        >
          <Icon name="minus" className="h-4.5 w-4.5" />
        </button>
        <input
          id={id}
          type="number"
          inputMode="numeric"
          min={1}
          max={max}
          value={value}
          onChange={(event) => onChange(clamp(event.target.valueAsNumber))}
          aria-invalid={error ? true : undefined}
          aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
          className={cn(
            'h-11 w-20 rounded-control border border-line bg-surface text-center text-base font-semibold text-fg tabular-nums [appearance:textfield] focus-visible:border-gold/70 [&::-webkit-inner-spin-button]:appearance-none',
            error && 'border-danger/80',
          )}
          data-testid="quantity"
        />
        <button
          type="button"
          className={buttonClasses}
          aria-label={c.checkout.increase}
          aria-controls={id}
          disabled={value >= max}
          onClick={() => onChange(clamp(value + 1))}
        >
          <Icon name="plus" className="h-4.5 w-4.5" />
        </button>
      </div>
      <p id={`${id}-hint`} className="text-xs text-fg-subtle">
        {interpolate(limitedByStock ? c.checkout.quantityStockHint : c.checkout.quantityHint, { max })}
      </p>
      {error && (
        <p id={`${id}-error`} className="flex items-start gap-1.5 text-sm text-danger">
          <Icon name="alert" className="mt-0.5 h-4 w-4" />
          <span>{error}</span>
        </p>
      )}
    </div>
  );
}
