import { Badge } from '@/components/ui/badge';
import { interpolate, useI18n, type Messages } from '@/lib/i18n';
import { formatNumber } from '@/lib/format';
import type { ProductSummary } from '../api/product-schema';

type Availability = ProductSummary['availability'];

/** "Habis" when it cannot be bought now, "Stok 12" for stock, "Tersedia" otherwise. */
export function availabilityText(availability: Availability, t: Messages): string {
  if (!availability.available) return t.product.soldOut;
  if (typeof availability.stock === 'number') {
    return interpolate(t.product.inStock, { count: formatNumber(availability.stock) });
  }
  return t.product.available;
}

export function AvailabilityBadge({ availability }: { availability: Availability }) {
  const { t } = useI18n();
  return (
    <Badge
      variant={availability.available ? 'success' : 'danger'}
      data-availability={availability.available ? 'available' : 'sold-out'}
    >
      <span
        aria-hidden="true"
        className={availability.available ? 'h-1.5 w-1.5 rounded-full bg-success' : 'h-1.5 w-1.5 rounded-full bg-danger'}
      />
      {availabilityText(availability, t)}
    </Badge>
  );
}
