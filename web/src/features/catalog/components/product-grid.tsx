import { Skeleton } from '@/components/ui/skeleton';
import type { ProductSummary } from '../api/product-schema';
import { ProductCard } from './product-card';

const gridClasses = {
  /** The catalog: up to four columns. */
  wide: 'grid grid-cols-1 gap-3 min-[480px]:grid-cols-2 min-[480px]:gap-4 lg:grid-cols-3 xl:grid-cols-4',
  /** Shorter lists (home): at most three columns, so six items fill two rows. */
  narrow: 'grid grid-cols-1 gap-3 min-[480px]:grid-cols-2 min-[480px]:gap-4 lg:grid-cols-3',
} as const;

export type GridLayout = keyof typeof gridClasses;

export function ProductGrid({
  products,
  layout = 'wide',
}: {
  products: ProductSummary[];
  layout?: GridLayout;
}) {
  return (
    <ul className={gridClasses[layout]}>
      {products.map((product) => (
        <li key={product.id} className="flex">
          <ProductCard product={product} />
        </li>
      ))}
    </ul>
  );
}

export function ProductGridSkeleton({
  count = 8,
  label,
  layout = 'wide',
}: {
  count?: number;
  label: string;
  layout?: GridLayout;
}) {
  return (
    <div role="status" aria-label={label}>
      <ul className={gridClasses[layout]} aria-hidden="true">
        {Array.from({ length: count }, (_, index) => (
          <li key={index} className="glass flex overflow-hidden rounded-card min-[480px]:block">
            <Skeleton className="m-3 mr-0 h-20 w-20 shrink-0 min-[480px]:m-0 min-[480px]:aspect-[16/9] min-[480px]:h-auto min-[480px]:w-full min-[480px]:rounded-none" />
            <div className="flex-1 space-y-3 p-3 min-[480px]:p-4">
              <div className="flex gap-2">
                <Skeleton className="h-5 w-24 rounded-full" />
                <Skeleton className="h-5 w-16 rounded-full" />
              </div>
              <Skeleton className="h-5 w-3/4" />
              <Skeleton className="hidden h-4 w-full min-[480px]:block" />
              <div className="flex justify-between pt-2">
                <Skeleton className="h-4 w-20" />
                <Skeleton className="h-6 w-24" />
              </div>
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}
