import type { HTMLAttributes } from 'react';
import { cn } from '@/lib/cn';

export function Skeleton({ className = '', ...props }: HTMLAttributes<HTMLDivElement>) {
  // Classes are joined, not merged: the default radius only applies when the
  // caller sets none, so two radius utilities never compete.
  const radius = /(^|\s)rounded-/.test(className) ? '' : 'rounded-control';
  return (
    <div
      aria-hidden="true"
      className={cn('animate-pulse bg-glass-strong', radius, className)}
      {...props}
    />
  );
}
