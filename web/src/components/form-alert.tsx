import { useEffect, useRef, type ReactNode } from 'react';
import { cn } from '@/lib/cn';
import { Icon } from './ui/icon';

/**
 * A form's message area: an assertive live region that is always in the DOM (so
 * screen readers announce what appears in it). Errors in red, confirmations in green.
 * With `focus`, the message takes focus when it appears (for results that replace
 * a submit, e.g. "check your email").
 */
export function FormAlert({
  tone,
  children,
  focus = false,
  className,
  testId,
}: {
  tone: 'error' | 'success' | 'info';
  children?: ReactNode;
  focus?: boolean;
  className?: string;
  testId?: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const shown = Boolean(children);

  useEffect(() => {
    if (shown && focus) ref.current?.focus();
  }, [shown, focus, children]);

  return (
    <div aria-live={tone === 'error' ? 'assertive' : 'polite'} aria-atomic="true" className={className}>
      {shown && (
        <div
          ref={ref}
          tabIndex={-1}
          role={tone === 'error' ? 'alert' : 'status'}
          data-testid={testId}
          className={cn(
            'flex items-start gap-2.5 rounded-control border px-3.5 py-3 text-sm focus:outline-none focus-visible:ring-2 focus-visible:ring-gold',
            tone === 'error' && 'border-danger/40 bg-danger/10 text-fg',
            tone === 'success' && 'border-success/40 bg-success/10 text-fg',
            tone === 'info' && 'border-gold/40 bg-gold/10 text-fg',
          )}
        >
          <Icon
            name={tone === 'error' ? 'alert' : tone === 'success' ? 'check' : 'info'}
            className={cn(
              'mt-0.5 h-4.5 w-4.5',
              tone === 'error' && 'text-danger',
              tone === 'success' && 'text-success',
              tone === 'info' && 'text-gold',
            )}
          />
          <div className="min-w-0 flex-1 space-y-1">{children}</div>
        </div>
      )}
    </div>
  );
}
