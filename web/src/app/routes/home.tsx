import { Link } from 'react-router';
import { buttonClasses } from '@/components/ui/button';
import { paths } from '@/config/paths';
import { useRuntimeConfig } from '@/config/runtime-config';
import { CategoryGrid } from '@/features/catalog/components/category-grid';
import { FeaturedProducts } from '@/features/catalog/components/featured-products';
import { Hero } from '@/features/content/components/hero';
import { HowItWorks } from '@/features/content/components/how-it-works';
import { TrustPoints } from '@/features/content/components/trust-points';
import { useI18n } from '@/lib/i18n';
import { useDocumentTitle } from '@/lib/use-document-title';

export function HomeRoute() {
  const { t } = useI18n();
  const { shopName } = useRuntimeConfig();
  useDocumentTitle(t.meta.homeTitle, shopName);

  return (
    <div className="space-y-16 sm:space-y-20">
      <Hero />

      <section aria-labelledby="featured-title">
        <div className="mb-6 flex items-end justify-between gap-4">
          <div>
            <h2 id="featured-title" className="text-2xl font-bold tracking-tight text-fg sm:text-3xl">
              {t.home.featuredTitle}
            </h2>
            <p className="mt-2 text-fg-muted">{t.home.featuredBody}</p>
          </div>
          <div className="hidden shrink-0 sm:block">
            <Link to={paths.products.build()} className={buttonClasses({ variant: 'ghost', size: 'sm' })}>
              {t.common.seeAll} <span aria-hidden="true">→</span>
            </Link>
          </div>
        </div>
        <FeaturedProducts />
        <Link
          to={paths.products.build()}
          className={buttonClasses({ variant: 'secondary', className: 'mt-4 w-full sm:hidden' })}
        >
          {t.common.seeAll} <span aria-hidden="true">→</span>
        </Link>
      </section>

      <section aria-labelledby="categories-title">
        <div className="mb-6">
          <h2 id="categories-title" className="text-2xl font-bold tracking-tight text-fg sm:text-3xl">
            {t.home.categoriesTitle}
          </h2>
          <p className="mt-2 text-fg-muted">{t.home.categoriesBody}</p>
        </div>
        <CategoryGrid />
      </section>

      <HowItWorks />
      <TrustPoints />
    </div>
  );
}
