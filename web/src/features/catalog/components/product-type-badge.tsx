import { Icon } from '@/components/ui/icon';
import { Badge } from '@/components/ui/badge';
import { useI18n } from '@/lib/i18n';
import type { ProductType } from '../api/product-schema';

export function ProductTypeBadge({ type }: { type: ProductType }) {
  const { t } = useI18n();
  return (
    <Badge
      variant={type === 'INVITE' ? 'purple' : 'gold'}
      data-product-type={type}
      title={t.product.typeHint[type]}
    >
      <Icon name={type === 'INVITE' ? 'mail' : 'bolt'} className="h-3.5 w-3.5" />
      {t.product.type[type]}
    </Badge>
  );
}
