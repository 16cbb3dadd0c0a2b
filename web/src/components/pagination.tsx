import { Link, useLocation } from 'react-router';
import { buttonClasses } from '@/components/ui/button';
import { interpolate, useI18n } from '@/lib/i18n';
import { cn } from '@/lib/cn';

/** Previous / next as real links (they work without JavaScript state and in new tabs). */
export function Pagination({ page, pages }: { page: number; pages: number }) {
  const { t } = useI18n();
  const location = useLocation();
  if (pages <= 1) return null;

  const hrefFor = (target: number) => {
    const search = new URLSearchParams(location.search);
    if (target > 1) search.set('page', String(target));
    else search.delete('page');
    const text = search.toString();
    return `${location.pathname}${text ? `?${text}` : ''}`;
  };

  const linkClasses = buttonClasses({ variant: 'secondary', size: 'md' });
  const disabledClasses = cn(linkClasses, 'pointer-events-none opacity-40');

  return (
    <nav aria-label={t.catalog.pagination} className="flex items-center justify-between gap-3">
      {page > 1 ? (
        <Link to={hrefFor(page - 1)} rel="prev" className={linkClasses}>
          <span aria-hidden="true">←</span>
          <span className="sr-only sm:not-sr-only">{t.catalog.previous}</span>
        </Link>
      ) : (
        <span aria-disabled="true" className={disabledClasses}>
          <span aria-hidden="true">←</span>
          <span className="sr-only sm:not-sr-only">{t.catalog.previous}</span>
        </span>
      )}
      <p className="text-sm whitespace-nowrap text-fg-muted" aria-current="page">
        {interpolate(t.catalog.pageOf, { page, pages })}
      </p>
      {page < pages ? (
        <Link to={hrefFor(page + 1)} rel="next" className={linkClasses}>
          <span className="sr-only sm:not-sr-only">{t.catalog.next}</span>
          <span aria-hidden="true">→</span>
        </Link>
      ) : (
        <span aria-disabled="true" className={disabledClasses}>
          <span className="sr-only sm:not-sr-only">{t.catalog.next}</span>
          <span aria-hidden="true">→</span>
        </span>
      )}
    </nav>
  );
}
