import { useId } from 'react';
import { Select } from '@/components/ui/select';
import { Switch } from '@/components/ui/switch';
import { useI18n, type Messages } from '@/lib/i18n';
import { useCategories } from '../api/get-categories';
import { productSorts, type ProductSort } from '../api/get-products';
import { productTypes, type ProductType } from '../api/product-schema';
import type { CatalogFilters } from '../hooks/use-catalog-filters';

function sortLabel(sort: ProductSort, t: Messages): string {
  switch (sort) {
    case 'featured':
      return t.catalog.sort.featured;
    case 'newest':
      return t.catalog.sort.newest;
    case 'price_asc':
      return t.catalog.sort.priceAsc;
    case 'price_desc':
      return t.catalog.sort.priceDesc;
  }
}

export function CatalogFiltersBar({
  filters,
  onChange,
}: {
  filters: CatalogFilters;
  onChange: (change: Partial<CatalogFilters>) => void;
}) {
  const { t } = useI18n();
  const categories = useCategories();
  const ids = { category: useId(), type: useId(), sort: useId() };

  // Keep a category from the URL selectable even before (or without) the list.
  const categoryOptions = categories.data ?? [];
  const unknownCategory =
    filters.category && !categoryOptions.some((category) => category.slug === filters.category);

  return (
    <div className="grid grid-cols-2 items-end gap-3 md:grid-cols-[repeat(3,minmax(0,1fr))_auto]">
      <div className="col-span-2 md:col-span-1">
        <label htmlFor={ids.category} className="mb-1.5 block text-xs font-medium text-fg-muted">
          {t.catalog.categoryLabel}
        </label>
        <Select
          id={ids.category}
          value={filters.category}
          onChange={(event) => onChange({ category: event.target.value })}
        >
          <option value="">{t.catalog.allCategories}</option>
          {categoryOptions.map((category) => (
            <option key={category.slug} value={category.slug}>
              {category.name}
            </option>
          ))}
          {unknownCategory && <option value={filters.category}>{filters.category}</option>}
        </Select>
      </div>
      <div>
        <label htmlFor={ids.type} className="mb-1.5 block text-xs font-medium text-fg-muted">
          {t.catalog.typeLabel}
        </label>
        <Select
          id={ids.type}
          value={filters.type}
          onChange={(event) => onChange({ type: event.target.value as ProductType | '' })}
        >
          <option value="">{t.catalog.allTypes}</option>
          {productTypes.map((type) => (
            <option key={type} value={type}>
              {t.product.type[type]}
            </option>
          ))}
        </Select>
      </div>
      <div>
        <label htmlFor={ids.sort} className="mb-1.5 block text-xs font-medium text-fg-muted">
          {t.catalog.sortLabel}
        </label>
        <Select
          id={ids.sort}
          value={filters.sort}
          onChange={(event) => onChange({ sort: event.target.value as ProductSort })}
        >
          {productSorts.map((sort) => (
            <option key={sort} value={sort}>
              {sortLabel(sort, t)}
            </option>
          ))}
        </Select>
      </div>
      <Switch
        label={t.catalog.availableOnly}
        checked={filters.available}
        onChange={(event) => onChange({ available: event.target.checked })}
        className="col-span-2 h-11 md:col-span-1"
      />
    </div>
  );
}
