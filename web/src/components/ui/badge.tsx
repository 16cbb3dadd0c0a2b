import type { HTMLAttributes } from 'react';
import { cn } from '@/lib/cn';

const variants = {
  gold: 'border-gold/40 bg-gold/10 text-gold',
  purple: 'border-purple/60 bg-purple/20 text-purple-soft',
  neutral: 'border-line bg-glass-strong text-fg-muted',
  success: 'border-success/40 bg-success/10 text-success',
  danger: 'border-danger/40 bg-danger/10 text-danger',
} as const;

export type BadgeVariant = keyof typeof variants;

export function Badge({
  variant = 'neutral',
  className,
  ...props
}: HTMLAttributes<HTMLSpanElement> & { variant?: BadgeVariant }) {
  return (
    <span
      className={cn(
        'inline-flex items-center gap-1 rounded-full border px-2.5 py-0.5 text-xs font-semibold whitespace-nowrap',
        variants[variant],
        className,
      )}
      {...props}
    />
  );
}
