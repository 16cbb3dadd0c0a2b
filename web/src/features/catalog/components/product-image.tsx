import { useState } from 'react';
import { cn } from '@/lib/cn';

// Tiles for products without a picture: the same token colours in a few
// arrangements, picked from the name so a product always gets the same one.
const placeholderVariants = [
  'bg-[radial-gradient(circle_at_25%_20%,var(--color-purple)_0%,transparent_60%),radial-gradient(circle_at_85%_95%,var(--color-gold)_0%,transparent_55%)]',
  'bg-[radial-gradient(circle_at_80%_15%,var(--color-gold)_0%,transparent_55%),radial-gradient(circle_at_10%_90%,var(--color-purple)_0%,transparent_60%)]',
  'bg-[radial-gradient(circle_at_50%_120%,var(--color-purple)_0%,transparent_65%),radial-gradient(circle_at_15%_10%,var(--color-gold)_0%,transparent_45%)]',
  'bg-[radial-gradient(circle_at_90%_60%,var(--color-purple)_0%,transparent_55%),radial-gradient(circle_at_20%_40%,var(--color-gold-soft)_0%,transparent_40%)]',
] as const;

function hash(text: string): number {
  let value = 0;
  for (const char of text) value = (value * 31 + char.charCodeAt(0)) >>> 0;
  return value;
}

export function initialsOf(name: string): string {
  return name
    .split(/\s+/)
    .filter((word) => /^[\p{L}\p{N}]/u.test(word))
    .slice(0, 2)
    .map((word) => word[0]?.toUpperCase())
    .join('');
}

/** The product picture, or a branded tile with the product's initials. */
export function ProductImage({
  src,
  name,
  alt = '',
  className,
  initialsClassName = 'text-4xl',
  eager = false,
}: {
  src: string | null | undefined;
  name: string;
  alt?: string;
  className?: string;
  initialsClassName?: string;
  eager?: boolean;
}) {
  const [failed, setFailed] = useState(false);
  const variant = placeholderVariants[hash(name) % placeholderVariants.length];

  return (
    <div className={cn('relative overflow-hidden bg-surface-raised', className)}>
      {src && !failed ? (
        <img
          src={src}
          alt={alt}
          width={640}
          height={360}
          loading={eager ? 'eager' : 'lazy'}
          decoding="async"
          onError={() => setFailed(true)}
          className="h-full w-full object-cover"
        />
      ) : (
        <div aria-hidden="true" className={cn('flex h-full w-full items-center justify-center opacity-80', variant)}>
          <span className={cn('font-bold tracking-tight text-fg drop-shadow', initialsClassName)}>
            {initialsOf(name)}
          </span>
        </div>
      )}
    </div>
  );
}
