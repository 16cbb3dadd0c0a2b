import { lazy, Suspense, useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { EmailField, TextField, WhatsappField } from '@/components/form-field';
import { FormAlert } from '@/components/form-alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Icon } from '@/components/ui/icon';
import { paths } from '@/config/paths';
import { isApiError } from '@/lib/api-client';
import { useAuth } from '@/lib/auth';
import { cn } from '@/lib/cn';
import { formatRupiah } from '@/lib/format';
import { NAME_MAX } from '@/lib/forms/fields';
import { useForm } from '@/lib/forms/use-form';
import { interpolate, useI18n } from '@/lib/i18n';
import { useFormMessages } from '@/lib/i18n/form-messages';
import { useCheckoutMessages } from '@/lib/i18n/checkout-messages';
import { useCreateOrder } from '../api/create-order';
import type { Checkout, CheckoutProduct } from '../api/order-schema';
import {
  checkoutFormSchema,
  inputFieldLabel,
  maxQuantity,
  needsMustRead,
  orderBody,
  placeServerFieldErrors,
  targetFieldName,
  type CheckoutOutput,
  type CheckoutValues,
  type PlacedFieldErrors,
} from '../order-form';
import { CheckoutError } from './checkout-error';
import { QuantityStepper } from './quantity-stepper';

// Only products with a "Wajib Baca" notice need the dialog: it loads after the page, for them.
const loadMustReadDialog = () => import('./must-read-dialog');
const MustReadDialog = lazy(() => loadMustReadDialog().then((m) => ({ default: m.MustReadDialog })));

export function CheckoutForm({
  checkout,
  initialValues,
  prefilled,
  quantity,
  onQuantityChange,
  quoteReady,
  quoteError,
  onStockChanged,
}: {
  checkout: Checkout;
  initialValues: CheckoutValues;
  /** The buyer's fields came from their profile. */
  prefilled: boolean;
  quantity: number;
  onQuantityChange: (quantity: number) => void;
  /** The quote on screen is the server's answer for `quantity`. */
  quoteReady: boolean;
  quoteError: string | null;
  onStockChanged: () => void;
}) {
  const { lang } = useI18n();
  const c = useCheckoutMessages();
  const m = useFormMessages();
  const { status } = useAuth();
  const location = useLocation();
  const navigate = useNavigate();
  const { product, quote } = checkout;
  const schema = useMemo(() => checkoutFormSchema(product.input_schema), [product.input_schema]);
  const form = useForm(schema, initialValues);
  const create = useCreateOrder();
  const formRef = useRef<HTMLFormElement>(null);
  // A second tap before React re-renders the busy button must not send a second order.
  const sending = useRef(false);
  const [acknowledged, setAcknowledged] = useState(false);
  const [dialogOpen, setDialogOpen] = useState(false);
  const [placed, setPlaced] = useState<PlacedFieldErrors | null>(null);

  useEffect(() => {
    if (product.must_read_notice) void loadMustReadDialog().catch(() => undefined);
  }, [product.must_read_notice]);

  function send(values: CheckoutOutput, mustReadAcknowledged: boolean) {
    if (sending.current) return;
    sending.current = true;
    setPlaced(null);
    create.mutate(orderBody(product, quantity, values, mustReadAcknowledged), {
      onSuccess: ({ order }) => {
        void navigate(paths.invoice.build(order.id), { replace: true });
      },
      onError: (error) => {
        sending.current = false;
        if (!isApiError(error)) return;
        const result = placeServerFieldErrors(error.fields, product.input_schema);
        if (result.mustRead) {
          setAcknowledged(false);
          result.other.push({ field: null, message: result.mustRead, target: false });
        }
        setPlaced(result);
        if (Object.keys(result.fields).length > 0) form.setServerErrors(result.fields);
        if (error.code === 'sold_out') onStockChanged();
      },
    });
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (sending.current || create.isPending || create.isSuccess) return;
    const values = form.validate();
    if (!values) return;
    if (needsMustRead(product, acknowledged)) {
      setDialogOpen(true);
      return;
    }
    send(values, acknowledged);
  }

  function confirmMustRead() {
    setDialogOpen(false);
    setAcknowledged(true);
    const values = form.validate();
    if (values) send(values, true);
  }

  const fieldErrorsShown = placed !== null && Object.keys(placed.fields).length > 0;
  const quantityError = placed?.quantity ?? quoteError;

  return (
    <form
      ref={formRef}
      noValidate
      onSubmit={submit}
      aria-label={c.checkout.title}
      className="grid gap-6 lg:grid-cols-[minmax(0,1.35fr)_minmax(0,1fr)] lg:items-start"
      data-testid="checkout-form"
    >
      <div className="space-y-6">
        <ProductCard product={product} quantity={quantity} onQuantityChange={onQuantityChange} quantityError={quantityError} />

        <Card className="space-y-5 p-5 sm:p-6">
          <div>
            <h2 className="text-lg font-semibold text-fg">{c.checkout.buyer}</h2>
            <p className="mt-1 text-sm text-fg-muted">{c.checkout.buyerBody}</p>
            {prefilled ? (
              <p className="mt-2 flex items-center gap-1.5 text-xs text-fg-subtle" data-testid="checkout-prefilled">
                <Icon name="user" className="h-4 w-4 text-gold" />
                {c.checkout.prefilled}
              </p>
            ) : status === 'signedOut' ? (
              <p className="mt-2 text-sm text-fg-muted">
                {c.checkout.guestNote}{' '}
                <Link
                  to={paths.login.build(location.pathname)}
                  className="font-semibold text-gold underline underline-offset-4"
                >
                  {c.checkout.signIn}
                </Link>
              </p>
            ) : null}
          </div>
          <TextField
            {...form.field('name')}
            label={c.checkout.name}
            placeholder={c.checkout.namePlaceholder}
            autoComplete="name"
            maxLength={NAME_MAX + 20}
            required
          />
          <EmailField {...form.field('email')} />
          <WhatsappField {...form.field('whatsapp')} label={c.checkout.whatsapp} labelNote={undefined} required />
        </Card>

        {product.type === 'INVITE' && product.input_schema.length > 0 && (
          <Card className="space-y-5 p-5 sm:p-6" data-testid="checkout-target">
            <div>
              <h2 className="text-lg font-semibold text-fg">{c.checkout.target}</h2>
              <p className="mt-1 text-sm text-fg-muted">{c.checkout.targetBody}</p>
            </div>
            {product.input_schema.map((field) => {
              const props = {
                ...form.field(targetFieldName(field.key)),
                label: inputFieldLabel(field, lang),
                labelNote: field.required ? undefined : m.forms.optional,
                maxLength: field.max_length && field.max_length > 0 ? field.max_length : undefined,
                required: field.required,
              };
              return field.type === 'email' ? (
                <EmailField key={field.key} {...props} />
              ) : (
                <TextField
                  key={field.key}
                  {...props}
                  type={field.type === 'tel' ? 'tel' : 'text'}
                  inputMode={field.type === 'tel' ? 'tel' : undefined}
                />
              );
            })}
          </Card>
        )}
      </div>

      <aside className="lg:sticky lg:top-24">
        <Card className="space-y-5 p-5 sm:p-6">
          <h2 className="text-lg font-semibold text-fg">{c.checkout.summary}</h2>
          <div aria-live="polite" aria-busy={!quoteReady}>
            <dl
              className={cn('grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-2.5 text-sm transition-opacity', !quoteReady && 'opacity-50')}
              data-testid="checkout-quote"
            >
              <dt className="text-fg-subtle">{c.checkout.unitPrice}</dt>
              <dd className="flex flex-wrap items-center justify-end gap-2 text-right text-fg tabular-nums">
                {quote.price_tier === 'reseller' && <Badge variant="purple">{c.checkout.resellerPrice}</Badge>}
                {formatRupiah(quote.unit_price)}
              </dd>
              <dt className="text-fg-subtle">{c.checkout.quantity}</dt>
              <dd className="text-right text-fg tabular-nums">{quote.quantity}</dd>
              {quote.subtotal !== quote.total && (
                <>
                  <dt className="text-fg-subtle">{c.checkout.subtotal}</dt>
                  <dd className="text-right text-fg tabular-nums">{formatRupiah(quote.subtotal)}</dd>
                </>
              )}
              <div className="col-span-2 mt-1 grid grid-cols-subgrid items-baseline border-t border-line pt-3">
                <dt className="font-semibold text-fg">{c.checkout.total}</dt>
                <dd className="text-right text-xl font-bold text-gold tabular-nums" data-testid="checkout-total">
                  {formatRupiah(quote.total)}
                </dd>
              </div>
            </dl>
            {!quoteReady && !quoteError && <p className="mt-2 text-xs text-fg-muted">{c.checkout.calculating}</p>}
          </div>
          <ul className="space-y-1.5 text-xs text-fg-muted">
            <li className="flex gap-2">
              <Icon name="info" className="h-4 w-4 text-fg-subtle" />
              {c.checkout.feeNote}
            </li>
            {checkout.invoice_ttl_seconds ? (
              <li className="flex gap-2">
                <Icon name="clock" className="h-4 w-4 text-fg-subtle" />
                {interpolate(c.checkout.ttlNote, { minutes: Math.round(checkout.invoice_ttl_seconds / 60) })}
              </li>
            ) : null}
            {product.must_read_notice && (
              <li className="flex gap-2 text-gold">
                <Icon name="alert" className="h-4 w-4" />
                {c.checkout.mustReadNote}
              </li>
            )}
          </ul>
          <FormAlert tone="error" focus={!fieldErrorsShown} testId="checkout-alert">
            {create.isError ? (
              <CheckoutError
                error={create.error}
                otherFieldErrors={placed?.other ?? []}
                fieldsMarked={fieldErrorsShown}
                maxUnpaidOrders={checkout.max_unpaid_orders}
                signedIn={status === 'signedIn'}
                onRetry={() => formRef.current?.requestSubmit()}
              />
            ) : null}
          </FormAlert>
          <Button
            type="submit"
            size="lg"
            className="w-full"
            loading={create.isPending || create.isSuccess}
            disabled={!quoteReady}
            data-testid="pay-button"
          >
            <Icon name="qr" className="h-5 w-5" />
            {create.isPending || create.isSuccess ? c.checkout.paying : c.checkout.pay}
          </Button>
          <p className="flex gap-2 text-xs text-fg-subtle">
            <Icon name="shield" className="h-4 w-4" />
            {c.checkout.secure}
          </p>
        </Card>
      </aside>

      {dialogOpen && product.must_read_notice && (
        <Suspense fallback={null}>
          <MustReadDialog
            notice={product.must_read_notice}
            onConfirm={confirmMustRead}
            onCancel={() => setDialogOpen(false)}
          />
        </Suspense>
      )}
    </form>
  );
}

function ProductCard({
  product,
  quantity,
  onQuantityChange,
  quantityError,
}: {
  product: CheckoutProduct;
  quantity: number;
  onQuantityChange: (quantity: number) => void;
  quantityError: string | null;
}) {
  const { t } = useI18n();
  return (
    <Card className="space-y-4 p-5 sm:p-6" data-testid="checkout-product">
      <div className="flex items-start justify-between gap-3">
        <div className="min-w-0">
          <Badge variant={product.type === 'STOCK' ? 'gold' : 'purple'}>{t.product.type[product.type]}</Badge>
          <p className="mt-2 text-lg leading-snug font-semibold text-fg">
            <Link to={paths.product.build(product.slug)} className="rounded hover:underline">
              {product.name}
            </Link>
          </p>
        </div>
      </div>
      {product.type === 'STOCK' && (
        <QuantityStepper
          value={quantity}
          max={maxQuantity(product)}
          limitedByStock={typeof product.availability.stock === 'number' && product.availability.stock < (product.max_per_order ?? 1)}
          onChange={onQuantityChange}
          error={quantityError}
        />
      )}
    </Card>
  );
}
