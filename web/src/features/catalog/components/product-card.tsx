import { Link } from 'react-router';
import { paths } from '@/config/paths';
import { formatRupiah } from '@/lib/format';
import { cn } from '@/lib/cn';
import type { ProductSummary } from '../api/product-schema';
import { AvailabilityBadge } from './availability-badge';
import { ProductImage } from './product-image';
import { ProductTypeBadge } from './product-type-badge';

/**
 * A product in a grid. On narrow phones it is a compact row (thumbnail left) so
 * a list stays scannable; from 480px up it is a vertical card.
 */
export function ProductCard({ product }: { product: ProductSummary }) {
  const soldOut = !product.availability.available;
  return (
    <article
      data-testid="product-card"
      className="group glass relative flex w-full flex-row overflow-hidden rounded-card transition hover:-translate-y-0.5 hover:border-gold/40 has-[a:focus-visible]:outline-2 has-[a:focus-visible]:outline-offset-2 has-[a:focus-visible]:outline-gold min-[480px]:flex-col"
    >
      <ProductImage
        src={product.image_url}
        name={product.name}
        initialsClassName="text-xl min-[480px]:text-4xl"
        className={cn(
          'm-3 mr-0 h-20 w-20 shrink-0 rounded-control min-[480px]:m-0 min-[480px]:aspect-[16/9] min-[480px]:h-auto min-[480px]:w-full min-[480px]:rounded-none',
          soldOut && 'opacity-60 grayscale',
        )}
      />
      <div className="flex min-w-0 flex-1 flex-col gap-2 p-3 min-[480px]:gap-3 min-[480px]:p-4">
        <div className="flex flex-wrap items-center gap-1.5 min-[480px]:gap-2">
          <ProductTypeBadge type={product.type} />
          <AvailabilityBadge availability={product.availability} />
        </div>
        <div>
          <h3 className="text-[0.95rem] leading-snug font-semibold text-fg min-[480px]:text-base">
            <Link
              to={paths.product.build(product.slug)}
              className="after:absolute after:inset-0 focus-visible:outline-none"
            >
              {product.name}
            </Link>
          </h3>
          {product.short_description && (
            <p className="mt-1 hidden text-sm text-fg-muted min-[480px]:line-clamp-2">
              {product.short_description}
            </p>
          )}
        </div>
        <div className="mt-auto flex items-end justify-between gap-3 min-[480px]:pt-1">
          <span className="truncate text-xs text-fg-subtle" data-testid="product-category">
            {product.category.name}
          </span>
          <span
            className={cn(
              'text-base font-bold whitespace-nowrap min-[480px]:text-lg',
              soldOut ? 'text-fg-muted' : 'text-gold',
            )}
            data-testid="product-price"
          >
            {formatRupiah(product.price)}
          </span>
        </div>
      </div>
    </article>
  );
}
