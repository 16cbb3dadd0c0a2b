// The catalog's filter state lives in the URL query string, so a filtered view can
// be shared and the back button walks through earlier filters.
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { productSorts, type ProductListParams, type ProductSort } from '../api/get-products';
import { productTypes, type ProductType } from '../api/product-schema';

export const CATALOG_PAGE_SIZE = 20;
export const SEARCH_MAX_LENGTH = 100;
const DEFAULT_SORT: ProductSort = 'featured';

export type CatalogFilters = {
  q: string;
  category: string;
  type: ProductType | '';
  available: boolean;
  sort: ProductSort;
  page: number;
};

export function parseCatalogFilters(search: URLSearchParams): CatalogFilters {
  const type = search.get('type') ?? '';
  const sort = search.get('sort') ?? '';
  const page = Number.parseInt(search.get('page') ?? '', 10);
  return {
    q: (search.get('q') ?? '').trim().slice(0, SEARCH_MAX_LENGTH),
    category: search.get('category') ?? '',
    type: (productTypes as readonly string[]).includes(type) ? (type as ProductType) : '',
    available: search.get('available') === 'true',
    sort: (productSorts as readonly string[]).includes(sort) ? (sort as ProductSort) : DEFAULT_SORT,
    page: Number.isFinite(page) && page > 1 ? page : 1,
  };
}

/** Only non-default values go into the URL, in a stable order. */
export function catalogSearchParams(filters: CatalogFilters): URLSearchParams {
  const search = new URLSearchParams();
  if (filters.q) search.set('q', filters.q);
  if (filters.category) search.set('category', filters.category);
  if (filters.type) search.set('type', filters.type);
  if (filters.available) search.set('available', 'true');
  if (filters.sort !== DEFAULT_SORT) search.set('sort', filters.sort);
  if (filters.page > 1) search.set('page', String(filters.page));
  return search;
}

export function toProductListParams(filters: CatalogFilters): ProductListParams {
  return {
    q: filters.q || undefined,
    category: filters.category || undefined,
    type: filters.type || undefined,
    available: filters.available ? true : undefined,
    sort: filters.sort,
    page: filters.page,
    page_size: CATALOG_PAGE_SIZE,
  };
}

export function hasActiveFilters(filters: CatalogFilters): boolean {
  return Boolean(filters.q || filters.category || filters.type || filters.available);
}

export function useCatalogFilters() {
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = useMemo(() => parseCatalogFilters(searchParams), [searchParams]);

  /** Changing any filter returns to page 1 unless a page is given. */
  const update = useCallback(
    (change: Partial<CatalogFilters>, options: { replace?: boolean } = {}) => {
      setSearchParams(
        (current) => {
          const previous = parseCatalogFilters(current);
          return catalogSearchParams({ ...previous, page: 1, ...change });
        },
        { replace: options.replace ?? false, preventScrollReset: true },
      );
    },
    [setSearchParams],
  );

  const reset = useCallback(() => {
    setSearchParams(new URLSearchParams(), { preventScrollReset: true });
  }, [setSearchParams]);

  return { filters, update, reset };
}
