import { Icon } from '@/components/ui/icon';
import { Link } from 'react-router';
import { ErrorState } from '@/components/error-state';
import { Skeleton } from '@/components/ui/skeleton';
import { paths } from '@/config/paths';
import { formatNumber } from '@/lib/format';
import { interpolate, useI18n } from '@/lib/i18n';
import { useCategories } from '../api/get-categories';

const gridClasses = 'grid grid-cols-2 gap-3 sm:gap-4 lg:grid-cols-4';

export function CategoryGrid() {
  const { t } = useI18n();
  const categories = useCategories();

  if (categories.isPending) {
    return (
      <div role="status" aria-label={t.common.loading}>
        <ul className={gridClasses} aria-hidden="true">
          {Array.from({ length: 4 }, (_, index) => (
            <li key={index}>
              <Skeleton className="h-32 rounded-card" />
            </li>
          ))}
        </ul>
      </div>
    );
  }
  if (categories.isError) {
    return <ErrorState error={categories.error} onRetry={() => void categories.refetch()} />;
  }

  return (
    <ul className={gridClasses}>
      {categories.data.map((category) => (
        <li key={category.id} className="flex">
          <Link
            to={paths.products.build({ category: category.slug })}
            data-testid="category-card"
            className="glass flex w-full flex-col gap-2 rounded-card p-4 transition hover:-translate-y-0.5 hover:border-gold/40 sm:p-5"
          >
            <span aria-hidden="true" className="text-2xl sm:text-3xl">
              {category.icon ?? <Icon name="layers" className="h-7 w-7 text-gold" />}
            </span>
            <span className="font-semibold text-fg">{category.name}</span>
            {category.description && (
              <span className="line-clamp-2 hidden text-sm text-fg-muted sm:block">
                {category.description}
              </span>
            )}
            <span className="mt-auto text-xs text-fg-subtle">
              {interpolate(t.home.categoryCount, { count: formatNumber(category.product_count) })}
            </span>
          </Link>
        </li>
      ))}
    </ul>
  );
}
