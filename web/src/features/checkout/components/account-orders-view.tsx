import { Link, useSearchParams } from 'react-router';
import { ErrorState } from '@/components/error-state';
import { PageHeader } from '@/components/page-header';
import { Pagination } from '@/components/pagination';
import { buttonClasses } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Icon } from '@/components/ui/icon';
import { Skeleton } from '@/components/ui/skeleton';
import { paths } from '@/config/paths';
import { useRuntimeConfig } from '@/config/runtime-config';
import { formatDateTimeWib, formatRupiah } from '@/lib/format';
import { interpolate, useI18n } from '@/lib/i18n';
import { useOrderMessages } from '@/lib/i18n/order-messages';
import { useDocumentTitle } from '@/lib/use-document-title';
import { ORDERS_PAGE_SIZE, useAccountOrders } from '../api/list-account-orders';
import type { OrderSummary } from '../api/order-schema';
import { OrderStatusBadge } from './order-status-badge';

/** /account/orders: the signed-in buyer's orders, newest first, ten a page. */
export function AccountOrdersView() {
  const { t } = useI18n();
  const c = useOrderMessages();
  const { shopName } = useRuntimeConfig();
  const [search] = useSearchParams();
  const requested = Number(search.get('page') ?? '1');
  const page = Number.isInteger(requested) && requested > 0 ? requested : 1;
  const orders = useAccountOrders(page);
  useDocumentTitle(c.orders.title, shopName);

  const pages = orders.data ? Math.max(1, Math.ceil(orders.data.total / (orders.data.page_size || ORDERS_PAGE_SIZE))) : 1;

  return (
    <div className="mx-auto max-w-4xl">
      <PageHeader title={c.orders.title}>{c.orders.subtitle}</PageHeader>
      {orders.isPending ? (
        <div role="status" aria-label={t.common.loading} className="space-y-3">
          {[0, 1, 2].map((index) => (
            <Skeleton key={index} className="h-24 w-full rounded-card" />
          ))}
        </div>
      ) : orders.isError && !orders.data ? (
        <ErrorState error={orders.error} onRetry={() => void orders.refetch()} />
      ) : orders.data.items.length === 0 && page === 1 ? (
        <Card className="flex flex-col items-center gap-3 p-8 text-center" data-testid="orders-empty">
          <Icon name="receipt" className="h-8 w-8 text-gold" />
          <h2 className="text-lg font-semibold text-fg">{c.orders.emptyTitle}</h2>
          <p className="text-sm text-fg-muted">{c.orders.emptyBody}</p>
          <Link to={paths.products.build()} className={buttonClasses({ className: 'mt-2' })}>
            {c.orders.browse}
          </Link>
        </Card>
      ) : (
        <div className="space-y-6">
          <ul className="space-y-3" aria-busy={orders.isPlaceholderData} data-testid="orders-list">
            {orders.data.items.map((order) => (
              <OrderRow key={order.id} order={order} />
            ))}
          </ul>
          <Pagination page={page} pages={pages} />
        </div>
      )}
      <p className="mt-6 text-sm text-fg-subtle">{c.orders.guestNote}</p>
    </div>
  );
}

function OrderRow({ order }: { order: OrderSummary }) {
  const c = useOrderMessages();
  const { lang } = useI18n();
  return (
    <li>
      <Link
        to={paths.accountOrder.build(order.id)}
        className="glass flex flex-col gap-3 rounded-card p-4 transition hover:border-line-strong sm:flex-row sm:items-center sm:justify-between sm:p-5"
        data-testid="order-row"
      >
        <div className="min-w-0 space-y-1">
          <p className="flex flex-wrap items-center gap-2">
            <span className="font-mono text-sm font-semibold text-fg" data-testid="order-row-number">
              {order.number}
            </span>
            <OrderStatusBadge status={order.status} />
          </p>
          <p className="truncate text-fg">{order.product.name}</p>
          <p className="text-xs text-fg-subtle">
            <time dateTime={order.created_at}>{formatDateTimeWib(order.created_at, lang)}</time>
            {' · '}
            {interpolate(c.orders.quantity, { count: order.quantity })}
          </p>
        </div>
        <div className="flex items-center justify-between gap-3 sm:justify-end">
          <span className="sr-only">{c.orders.total}: </span>
          <span className="text-base font-bold text-gold tabular-nums">{formatRupiah(order.total)}</span>
          <Icon name="chevronDown" className="h-4 w-4 -rotate-90 text-fg-subtle" />
        </div>
      </Link>
    </li>
  );
}
