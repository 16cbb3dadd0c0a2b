import type { HTMLAttributes } from 'react';
import { cn } from '@/lib/cn';

/** A glass panel: translucent surface, backdrop blur, subtle border. */
export function Card({ className, ...props }: HTMLAttributes<HTMLDivElement>) {
  return <div className={cn('glass rounded-card', className)} {...props} />;
}
