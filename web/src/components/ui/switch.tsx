import type { InputHTMLAttributes } from 'react';
import { cn } from '@/lib/cn';

/** An on/off toggle: a real checkbox with role="switch", so keyboards and readers get it. */
export function Switch({
  label,
  className,
  ...props
}: Omit<InputHTMLAttributes<HTMLInputElement>, 'type' | 'role'> & { label: string }) {
  return (
    <label className={cn('inline-flex cursor-pointer items-center gap-3 text-sm text-fg', className)}>
      <input
        type="checkbox"
        role="switch"
        className="peer relative h-6 w-11 shrink-0 cursor-pointer appearance-none rounded-full border border-line-strong bg-surface-raised transition before:absolute before:top-0.5 before:left-0.5 before:h-4.5 before:w-4.5 before:rounded-full before:bg-fg-muted before:transition checked:border-gold/70 checked:bg-gold/25 checked:before:translate-x-5 checked:before:bg-gold"
        {...props}
      />
      <span>{label}</span>
    </label>
  );
}
