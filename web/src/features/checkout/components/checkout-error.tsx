import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { errorMessage } from '@/components/error-state';
import { Button, buttonClasses } from '@/components/ui/button';
import { paths } from '@/config/paths';
import { isApiError } from '@/lib/api-client';
import { interpolate, useI18n } from '@/lib/i18n';
import { useCheckoutMessages } from '@/lib/i18n/checkout-messages';
import type { OtherFieldError } from '../order-form';
import { latestOrderId } from '../order-tokens';

/**
 * Why POST /orders refused, in words, with what to do next: fewer items, pay or wait for
 * an earlier invoice, another product, or simply try again.
 */
export function CheckoutError({
  error,
  otherFieldErrors,
  fieldsMarked,
  maxUnpaidOrders,
  signedIn,
  onRetry,
}: {
  error: unknown;
  /** Server field errors that have no field on the page. */
  otherFieldErrors: OtherFieldError[];
  /** Some of the server's field errors are shown on the form's fields. */
  fieldsMarked: boolean;
  maxUnpaidOrders: number | null | undefined;
  signedIn: boolean;
  onRetry: () => void;
}) {
  const { t } = useI18n();
  const c = useCheckoutMessages();
  const e = c.checkout.errors;
  const code = isApiError(error) ? error.code : null;
  const action = buttonClasses({ variant: 'secondary', size: 'sm' });

  switch (code) {
    case 'sold_out':
      return (
        <Message title={e.soldOutTitle} body={e.soldOut}>
          <Link to={paths.products.build()} className={action}>
            {e.catalog}
          </Link>
        </Message>
      );
    case 'too_many_unpaid_orders': {
      const lastInvoice = signedIn ? null : latestOrderId();
      return (
        <Message
          title={e.tooManyUnpaidTitle}
          body={maxUnpaidOrders ? interpolate(e.tooManyUnpaid, { count: maxUnpaidOrders }) : e.tooManyUnpaidNoCount}
        >
          {signedIn ? (
            <Link to={paths.accountOrders.build()} className={action}>
              {e.myOrders}
            </Link>
          ) : lastInvoice ? (
            <Link to={paths.invoice.build(lastInvoice)} className={action}>
              {e.lastInvoice}
            </Link>
          ) : null}
        </Message>
      );
    }
    case 'product_unavailable':
      return (
        <Message title={e.productUnavailableTitle} body={e.productUnavailable}>
          <Link to={paths.products.build()} className={action}>
            {e.catalog}
          </Link>
        </Message>
      );
    case 'payment_unavailable':
      return (
        <Message title={e.paymentUnavailableTitle} body={e.paymentUnavailable}>
          <Button variant="secondary" size="sm" onClick={onRetry}>
            {e.retry}
          </Button>
        </Message>
      );
    case 'invalid_body': {
      // A target field the page does not show: the product's form changed since the
      // page opened; a fresh page shows the fields the server now expects.
      const formChanged = otherFieldErrors.some((error) => error.target);
      return (
        <Message title={e.otherTitle} body={fieldsMarked ? c.checkout.checkFields : e.refusedFields}>
          {otherFieldErrors.length > 0 && (
            <ul className="list-disc space-y-0.5 pl-5" data-testid="checkout-other-errors">
              {otherFieldErrors.map(({ field, message }) => (
                <li key={`${field ?? ''}:${message}`}>
                  {field !== null && (
                    <>
                      <span className="font-semibold break-all text-fg">{field}</span>:{' '}
                    </>
                  )}
                  {message}
                </li>
              ))}
            </ul>
          )}
          {formChanged && (
            <div className="space-y-2 pt-1">
              <p className="text-fg-muted">{e.formChanged}</p>
              <Button variant="secondary" size="sm" onClick={() => window.location.reload()}>
                {e.reload}
              </Button>
            </div>
          )}
        </Message>
      );
    }
    default:
      return <Message title={e.otherTitle} body={errorMessage(error, t)} />;
  }
}

function Message({ title, body, children }: { title: string; body: string; children?: ReactNode }) {
  return (
    <div className="space-y-2" data-testid="checkout-error">
      <p className="font-semibold">{title}</p>
      <p className="text-fg-muted">{body}</p>
      {children && <div className="pt-1">{children}</div>}
    </div>
  );
}
