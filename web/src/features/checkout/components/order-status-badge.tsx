import { Badge, type BadgeVariant } from '@/components/ui/badge';
import { useOrderMessages } from '@/lib/i18n/order-messages';
import type { OrderStatus } from '../api/order-schema';

const variants: Record<OrderStatus, BadgeVariant> = {
  awaiting_payment: 'gold',
  paid: 'purple',
  processing: 'purple',
  delivered: 'success',
  expired: 'neutral',
  cancelled: 'neutral',
  needs_attention: 'danger',
};

export function OrderStatusBadge({ status }: { status: OrderStatus }) {
  const c = useOrderMessages();
  return (
    <Badge variant={variants[status]} data-status={status} data-testid="order-status">
      {c.status[status]}
    </Badge>
  );
}
