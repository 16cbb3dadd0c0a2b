import { Button } from '@/components/ui/button';
import { ErrorState } from '@/components/error-state';
import { interpolate, useI18n } from '@/lib/i18n';
import { formatNumber } from '@/lib/format';
import { useProducts } from '../api/get-products';
import {
  hasActiveFilters,
  toProductListParams,
  useCatalogFilters,
} from '../hooks/use-catalog-filters';
import { CatalogEmptyState } from './catalog-empty-state';
import { CatalogFiltersBar } from './catalog-filters';
import { CatalogSearch } from './catalog-search';
import { Pagination } from '@/components/pagination';
import { ProductGrid, ProductGridSkeleton } from './product-grid';

/** The /products page body: search, filters, results, pagination. */
export function CatalogView() {
  const { t } = useI18n();
  const { filters, update, reset } = useCatalogFilters();
  const products = useProducts(toProductListParams(filters));
  const filtered = hasActiveFilters(filters);

  const data = products.data;
  const pages = data ? Math.max(1, Math.ceil(data.total / data.page_size)) : 1;
  const total = data ? formatNumber(data.total) : '';

  return (
    <div className="space-y-6">
      <div className="glass space-y-4 rounded-card p-4 sm:p-5">
        <CatalogSearch
          value={filters.q}
          onSearch={(q) => update({ q }, { replace: Boolean(q && filters.q) })}
        />
        <CatalogFiltersBar filters={filters} onChange={(change) => update(change)} />
      </div>

      <div className="flex min-h-9 flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-fg-muted" aria-live="polite" data-testid="result-count">
          {data &&
            (filters.q
              ? interpolate(t.catalog.resultCountFor, { total, query: filters.q })
              : interpolate(t.catalog.resultCount, { total }))}
        </p>
        {filtered && (
          <Button variant="ghost" size="sm" onClick={reset}>
            {t.catalog.resetFilters}
          </Button>
        )}
      </div>

      {products.isPending ? (
        <ProductGridSkeleton label={t.common.loading} />
      ) : products.isError && !data ? (
        <ErrorState error={products.error} onRetry={() => void products.refetch()} />
      ) : data && data.items.length === 0 ? (
        <CatalogEmptyState canReset={filtered} onReset={reset} />
      ) : data ? (
        <div
          className={products.isPlaceholderData ? 'opacity-60 transition-opacity' : 'transition-opacity'}
          aria-busy={products.isFetching}
        >
          <ProductGrid products={data.items} />
        </div>
      ) : null}

      {products.isError && data && (
        <ErrorState error={products.error} onRetry={() => void products.refetch()} />
      )}

      {data && data.items.length > 0 && <Pagination page={filters.page} pages={pages} />}
    </div>
  );
}
