import { Icon } from '@/components/ui/icon';
import { Link } from 'react-router';
import { ErrorState } from '@/components/error-state';
import { NotFoundPanel } from '@/components/not-found-panel';
import { Button, buttonClasses } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Skeleton } from '@/components/ui/skeleton';
import { paths } from '@/config/paths';
import { useRuntimeConfig } from '@/config/runtime-config';
import { isApiError } from '@/lib/api-client';
import { whatsappLink } from '@/lib/contact';
import { formatRupiah } from '@/lib/format';
import { interpolate, useI18n } from '@/lib/i18n';
import { useDocumentTitle } from '@/lib/use-document-title';
import { useProduct, type ProductDetail } from '../api/get-product';
import { AvailabilityBadge } from './availability-badge';
import { MustReadNotice } from './must-read-notice';
import { ProductImage } from './product-image';
import { ProductInputs } from './product-inputs';
import { ProductTypeBadge } from './product-type-badge';
import { RichText } from '@/components/rich-text';

export function ProductDetailView({ slug }: { slug: string }) {
  const { t } = useI18n();
  const { shopName } = useRuntimeConfig();
  const product = useProduct(slug);
  const notFound = isApiError(product.error) && product.error.isNotFound;

  useDocumentTitle(
    product.data?.name ?? (notFound ? t.product.notFoundTitle : undefined),
    shopName,
  );

  if (product.isPending) return <ProductDetailSkeleton label={t.common.loading} />;
  if (notFound) return <NotFoundPanel title={t.product.notFoundTitle} body={t.product.notFoundBody} />;
  if (product.isError) {
    return <ErrorState error={product.error} onRetry={() => void product.refetch()} />;
  }
  return <ProductDetailContent product={product.data} />;
}

function ProductDetailContent({ product }: { product: ProductDetail }) {
  const { t } = useI18n();
  const config = useRuntimeConfig();
  const askAdminHref = whatsappLink(
    config.supportWhatsapp,
    interpolate(t.product.askAdminMessage, { shop: config.shopName, product: product.name }),
  );

  return (
    <article className="space-y-6" data-testid="product-detail">
      <nav aria-label={t.product.breadcrumb}>
        <ol className="flex flex-wrap items-center gap-1.5 text-sm text-fg-muted">
          <li>
            <Link to={paths.products.build()} className="rounded hover:text-fg">
              {t.nav.products}
            </Link>
          </li>
          <li aria-hidden="true">/</li>
          <li>
            <Link
              to={paths.products.build({ category: product.category.slug })}
              className="rounded hover:text-fg"
            >
              {product.category.name}
            </Link>
          </li>
          <li aria-hidden="true">/</li>
          <li aria-current="page" className="truncate text-fg">
            {product.name}
          </li>
        </ol>
      </nav>

      <div className="grid gap-6 lg:grid-cols-[minmax(0,1.15fr)_minmax(0,1fr)] lg:items-start lg:gap-8">
        <ProductImage
          src={product.image_url}
          name={product.name}
          alt={interpolate(t.product.imageAlt, { product: product.name })}
          eager
          className="glass aspect-[2/1] rounded-card sm:aspect-[16/9] lg:col-start-1 lg:row-start-1"
        />

        <div className="space-y-4 lg:sticky lg:top-24 lg:col-start-2 lg:row-span-2 lg:row-start-1">
          <Card className="space-y-4 p-5 sm:p-6">
            <div className="flex flex-wrap items-center gap-2">
              <ProductTypeBadge type={product.type} />
              <AvailabilityBadge availability={product.availability} />
            </div>
            <div>
              <h1 className="text-2xl leading-tight font-bold text-fg sm:text-3xl">{product.name}</h1>
              {product.short_description && (
                <p className="mt-2 text-fg-muted">{product.short_description}</p>
              )}
            </div>
            <dl className="grid grid-cols-2 gap-4 border-y border-line py-4">
              <div>
                <dt className="text-xs text-fg-subtle">{t.product.price}</dt>
                <dd className="mt-1 text-2xl font-bold text-gold" data-testid="product-price">
                  {formatRupiah(product.price)}
                </dd>
              </div>
              <div>
                <dt className="text-xs text-fg-subtle">{t.product.category}</dt>
                <dd className="mt-1 text-sm text-fg">
                  <Link
                    to={paths.products.build({ category: product.category.slug })}
                    className="rounded underline decoration-line-strong underline-offset-4 hover:decoration-gold"
                  >
                    {product.category.name}
                  </Link>
                </dd>
              </div>
            </dl>
            <ul className="space-y-1.5 text-sm text-fg-muted">
              <li className="flex gap-2">
                <Icon name="bolt" className="h-4.5 w-4.5 text-gold" />
                {t.product.deliveryNote}
              </li>
              <li className="flex gap-2">
                <Icon name="info" className="h-4.5 w-4.5 text-purple-soft" />
                {t.product.typeHint[product.type]}
              </li>
              {product.type === 'STOCK' && product.max_per_order && product.max_per_order > 1 ? (
                <li className="flex gap-2">
                  <Icon name="layers" className="h-4.5 w-4.5 text-fg-subtle" />
                  {interpolate(t.product.maxPerOrder, { count: product.max_per_order })}
                </li>
              ) : null}
            </ul>
            {product.availability.available ? (
              <Link
                to={paths.checkout.build(product.id)}
                className={buttonClasses({ variant: 'primary', size: 'lg', className: 'w-full' })}
                data-testid="buy-now"
              >
                <Icon name="cart" />
                {t.product.buyNow}
              </Link>
            ) : (
              <Button size="lg" className="w-full" disabled data-testid="buy-now">
                {t.product.soldOutButton}
              </Button>
            )}
            <a
              href={askAdminHref}
              target="_blank"
              rel="noopener noreferrer"
              className={buttonClasses({ variant: 'secondary', size: 'lg', className: 'w-full' })}
              data-testid="ask-admin"
            >
              <WhatsAppIcon />
              {t.product.askAdmin}
              <span className="sr-only"> {t.common.opensInNewTab}</span>
            </a>
          </Card>
          {product.must_read_notice && <MustReadNotice text={product.must_read_notice} />}
          {product.type === 'INVITE' && <ProductInputs fields={product.input_schema} />}
        </div>

        <section
          aria-labelledby="description-title"
          className="glass rounded-card p-5 sm:p-6 lg:col-start-1 lg:row-start-2"
        >
          <h2 id="description-title" className="mb-3 text-lg font-semibold text-fg">
            {t.product.description}
          </h2>
          <div data-testid="product-description">
            <RichText text={product.description || product.short_description} />
          </div>
        </section>
      </div>
    </article>
  );
}

function WhatsAppIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 24 24" className="h-5 w-5 fill-current text-success">
      <path d="M12 2a10 10 0 0 0-8.6 15.1L2 22l5-1.3A10 10 0 1 0 12 2Zm0 18.2a8.2 8.2 0 0 1-4.2-1.1l-.3-.2-3 .8.8-2.9-.2-.3A8.2 8.2 0 1 1 12 20.2Zm4.5-6.1c-.2-.1-1.5-.7-1.7-.8-.2-.1-.4-.1-.6.1l-.8 1c-.1.2-.3.2-.5.1a6.7 6.7 0 0 1-3.3-2.9c-.3-.4.3-.4.7-1.4.1-.2 0-.3 0-.4l-.8-1.8c-.2-.5-.4-.4-.6-.4h-.5a1 1 0 0 0-.7.3 3 3 0 0 0-.9 2.2 5.2 5.2 0 0 0 1.1 2.7 11.8 11.8 0 0 0 4.5 4c1.7.7 2.3.8 3.2.6.5-.1 1.5-.6 1.7-1.2.2-.6.2-1.1.2-1.2-.1-.1-.3-.2-.5-.3Z" />
    </svg>
  );
}

function ProductDetailSkeleton({ label }: { label: string }) {
  return (
    <div role="status" aria-label={label} className="space-y-6">
      <Skeleton className="h-5 w-48" />
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1.15fr)_minmax(0,1fr)] lg:gap-8">
        <Skeleton className="aspect-[2/1] rounded-card sm:aspect-[16/9]" />
        <div className="glass space-y-4 rounded-card p-6">
          <Skeleton className="h-5 w-40 rounded-full" />
          <Skeleton className="h-8 w-3/4" />
          <Skeleton className="h-4 w-full" />
          <Skeleton className="h-16 w-full" />
          <Skeleton className="h-12 w-full" />
        </div>
      </div>
    </div>
  );
}
