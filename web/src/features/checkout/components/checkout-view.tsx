import { useState } from 'react';
import { Link } from 'react-router';
import { errorMessage, ErrorState } from '@/components/error-state';
import { NotFoundPanel } from '@/components/not-found-panel';
import { PageHeader } from '@/components/page-header';
import { buttonClasses } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Icon } from '@/components/ui/icon';
import { Skeleton } from '@/components/ui/skeleton';
import { paths } from '@/config/paths';
import { useRuntimeConfig } from '@/config/runtime-config';
import { isApiError } from '@/lib/api-client';
import { useAuth } from '@/lib/auth';
import { useI18n } from '@/lib/i18n';
import { useCheckoutMessages } from '@/lib/i18n/checkout-messages';
import { useDebouncedValue } from '@/lib/use-debounced-value';
import { useDocumentTitle } from '@/lib/use-document-title';
import { useBuyerProfile } from '../api/get-buyer-profile';
import { useCheckout } from '../api/get-checkout';
import type { Checkout, CheckoutProduct } from '../api/order-schema';
import { initialCheckoutValues, maxQuantity } from '../order-form';
import { CheckoutForm } from './checkout-form';

/** Waits this long after the last − / + before asking for a new quote. */
const QUOTE_DEBOUNCE_MS = 250;

/** /checkout/:productId: the buyer's details, the server's price, and "Bayar dengan QRIS". */
export function CheckoutView({ productId }: { productId: string }) {
  const { t } = useI18n();
  const c = useCheckoutMessages();
  const { shopName } = useRuntimeConfig();
  const { status, user } = useAuth();
  const [quantity, setQuantity] = useState(1);
  const quotedQuantity = useDebouncedValue(quantity, QUOTE_DEBOUNCE_MS);
  const checkout = useCheckout(productId, quotedQuantity);
  const profile = useBuyerProfile();

  // A quote that failed for a new quantity keeps the last good one on screen (with the
  // quantity's error), instead of replacing the whole form with an error.
  const [lastGood, setLastGood] = useState<Checkout | null>(null);
  const fresh = checkout.data && !checkout.isPlaceholderData ? checkout.data : null;
  if (fresh && fresh !== lastGood) setLastGood(fresh);
  const shown = checkout.data ?? lastGood;

  useDocumentTitle(shown ? `${c.checkout.title}: ${shown.product.name}` : c.checkout.title, shopName);

  if (status === 'loading' || (!shown && checkout.isPending) || (user && profile.isPending)) {
    return <CheckoutSkeleton label={t.common.loading} />;
  }
  if (!shown) {
    if (isApiError(checkout.error) && checkout.error.isNotFound) {
      return <NotFoundPanel title={c.checkout.notFoundTitle} body={c.checkout.notFoundBody} />;
    }
    return <ErrorState error={checkout.error} onRetry={() => void checkout.refetch()} />;
  }
  if (!shown.product.availability.available) return <SoldOut product={shown.product} />;

  // Less stock than the chosen quantity (it moved since the page opened): come down to it.
  const max = maxQuantity(shown.product);
  if (quantity > max) setQuantity(max);

  const quoteReady = fresh !== null && fresh.quote.quantity === quantity && !checkout.isFetching;
  const quoteError =
    checkout.isError && !checkout.isFetching
      ? (isApiError(checkout.error) ? checkout.error.fields.quantity : undefined) ?? errorMessage(checkout.error, t)
      : null;
  const profileData = user ? profile.data : null;

  return (
    <div>
      <PageHeader title={c.checkout.title}>
        <p>{c.checkout.subtitle}</p>
      </PageHeader>
      <CheckoutForm
        // A sign-in or sign-out starts the form again with that buyer's details.
        key={`${shown.product.id}:${user?.id ?? 'guest'}`}
        checkout={shown}
        initialValues={initialCheckoutValues(shown.product.input_schema, {
          name: profileData?.display_name,
          email: profileData?.email,
          whatsapp: profileData?.whatsapp,
        })}
        prefilled={Boolean(profileData)}
        quantity={Math.min(quantity, max)}
        onQuantityChange={setQuantity}
        quoteReady={quoteReady}
        quoteError={quoteError}
        onStockChanged={() => void checkout.refetch()}
      />
    </div>
  );
}

function SoldOut({ product }: { product: CheckoutProduct }) {
  const c = useCheckoutMessages();
  return (
    <Card className="mx-auto max-w-xl p-6 text-center sm:p-10" data-testid="checkout-sold-out">
      <span
        aria-hidden="true"
        className="mx-auto mb-4 flex h-12 w-12 items-center justify-center rounded-full border border-danger/40 bg-danger/10 text-danger"
      >
        <Icon name="alert" />
      </span>
      <h1 className="text-2xl font-bold text-fg">{c.checkout.soldOutTitle}</h1>
      <p className="mt-2 font-semibold text-fg">{product.name}</p>
      <p className="mt-3 text-fg-muted">{c.checkout.soldOutBody}</p>
      <div className="mt-6 flex flex-col-reverse justify-center gap-3 sm:flex-row">
        <Link to={paths.products.build()} className={buttonClasses({ variant: 'secondary' })}>
          {c.checkout.errors.catalog}
        </Link>
        <Link to={paths.product.build(product.slug)} className={buttonClasses({ variant: 'primary' })}>
          {c.checkout.backToProduct}
        </Link>
      </div>
    </Card>
  );
}

function CheckoutSkeleton({ label }: { label: string }) {
  return (
    <div role="status" aria-label={label} className="space-y-6">
      <Skeleton className="h-10 w-48" />
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1.35fr)_minmax(0,1fr)]">
        <div className="glass space-y-4 rounded-card p-6">
          <Skeleton className="h-6 w-40" />
          <Skeleton className="h-11 w-full" />
          <Skeleton className="h-11 w-full" />
          <Skeleton className="h-11 w-full" />
        </div>
        <div className="glass space-y-4 rounded-card p-6">
          <Skeleton className="h-6 w-32" />
          <Skeleton className="h-16 w-full" />
          <Skeleton className="h-12 w-full" />
        </div>
      </div>
    </div>
  );
}
