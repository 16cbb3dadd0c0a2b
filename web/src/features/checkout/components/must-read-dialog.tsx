import { useEffect, useId, useRef, useState } from 'react';
import { RichText } from '@/components/rich-text';
import { Button } from '@/components/ui/button';
import { Icon } from '@/components/ui/icon';
import { useCheckoutMessages } from '@/lib/i18n/checkout-messages';

/**
 * The product's "Wajib Baca" notice before paying: a native modal <dialog> (the page
 * behind is inert, so focus stays inside; Escape closes it; focus returns to the pay
 * button). "Lanjut bayar" goes on only once "Saya sudah membaca dan memahami" is ticked.
 */
export function MustReadDialog({
  notice,
  onConfirm,
  onCancel,
}: {
  notice: string;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const c = useCheckoutMessages();
  const ref = useRef<HTMLDialogElement>(null);
  const checkbox = useRef<HTMLInputElement>(null);
  const outcome = useRef<'confirm' | 'cancel'>('cancel');
  const [agreed, setAgreed] = useState(false);
  const [showRequired, setShowRequired] = useState(false);
  const titleId = useId();
  const bodyId = useId();
  const checkboxId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    // The modal focuses its first control (the close button); start at the box to tick.
    checkbox.current?.focus();
  }, []);

  function close(result: 'confirm' | 'cancel') {
    outcome.current = result;
    ref.current?.close();
  }

  function confirm() {
    if (!agreed) {
      setShowRequired(true);
      return;
    }
    close('confirm');
  }

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      aria-describedby={bodyId}
      // Escape, the close button and "Lanjut bayar" all end here, once.
      onClose={() => (outcome.current === 'confirm' ? onConfirm() : onCancel())}
      className="m-auto w-[calc(100%-2rem)] max-w-lg rounded-card border border-gold/50 bg-surface-raised p-0 text-fg shadow-card backdrop:bg-bg/80 backdrop:backdrop-blur-sm"
      data-testid="must-read-dialog"
    >
      <div className="max-h-[85dvh] space-y-5 overflow-y-auto p-5 sm:p-6">
        <div className="flex items-start justify-between gap-3">
          <h2 id={titleId} className="flex items-center gap-2 text-lg font-bold text-gold">
            <Icon name="alert" />
            {c.checkout.mustRead.title}
          </h2>
          <button
            type="button"
            onClick={() => close('cancel')}
            className="-m-1 rounded-lg p-1.5 text-fg-muted hover:text-fg"
            aria-label={c.checkout.mustRead.cancel}
          >
            <svg aria-hidden="true" viewBox="0 0 24 24" className="h-5 w-5">
              <path d="m6 6 12 12M18 6 6 18" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
            </svg>
          </button>
        </div>
        <div id={bodyId} className="rounded-control border border-gold/30 bg-gold/5 p-4">
          <RichText text={notice} tone="strong" />
        </div>
        <div className="space-y-1.5">
          <label htmlFor={checkboxId} className="flex cursor-pointer items-start gap-3 text-sm font-medium text-fg">
            <input
              ref={checkbox}
              id={checkboxId}
              type="checkbox"
              checked={agreed}
              onChange={(event) => {
                setAgreed(event.target.checked);
                if (event.target.checked) setShowRequired(false);
              }}
              aria-invalid={showRequired || undefined}
              aria-describedby={showRequired ? `${checkboxId}-error` : undefined}
              className="mt-0.5 h-5 w-5 shrink-0 accent-gold"
            />
            {c.checkout.mustRead.agree}
          </label>
          {showRequired && (
            <p id={`${checkboxId}-error`} role="alert" className="flex items-start gap-1.5 text-sm text-danger">
              <Icon name="alert" className="mt-0.5 h-4 w-4" />
              <span>{c.checkout.mustRead.required}</span>
            </p>
          )}
        </div>
        <div className="flex flex-col-reverse gap-3 sm:flex-row sm:justify-end">
          <Button variant="ghost" onClick={() => close('cancel')}>
            {c.checkout.mustRead.cancel}
          </Button>
          <Button onClick={confirm} data-testid="must-read-confirm">
            {c.checkout.mustRead.confirm}
          </Button>
        </div>
      </div>
    </dialog>
  );
}
