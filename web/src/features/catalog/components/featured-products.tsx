import { ErrorState } from '@/components/error-state';
import { useI18n } from '@/lib/i18n';
import { useProducts } from '../api/get-products';
import { ProductGrid, ProductGridSkeleton } from './product-grid';

const FEATURED_COUNT = 8;

export function FeaturedProducts() {
  const { t } = useI18n();
  const products = useProducts({ featured: true, page_size: FEATURED_COUNT });

  if (products.isPending) return <ProductGridSkeleton count={6} layout="narrow" label={t.common.loading} />;
  if (products.isError) {
    return <ErrorState error={products.error} onRetry={() => void products.refetch()} />;
  }
  return <ProductGrid products={products.data.items} layout="narrow" />;
}
