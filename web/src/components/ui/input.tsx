import type { InputHTMLAttributes, Ref } from 'react';
import { cn } from '@/lib/cn';

export const fieldClasses =
  'h-11 w-full rounded-control border border-line bg-surface px-3.5 text-base text-fg placeholder:text-fg-subtle transition hover:border-line-strong focus-visible:border-gold/70 sm:text-sm';

export function Input({
  className,
  ref,
  ...props
}: InputHTMLAttributes<HTMLInputElement> & { ref?: Ref<HTMLInputElement> }) {
  return <input ref={ref} className={cn(fieldClasses, className)} {...props} />;
}
