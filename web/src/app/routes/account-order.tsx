import { useParams } from 'react-router';
import { AccountOrderView } from '@/features/checkout/components/account-order-view';
import { RequireAuth } from '@/lib/auth';

export function AccountOrderRoute() {
  const { orderId = '' } = useParams();
  return (
    <RequireAuth>
      <AccountOrderView key={orderId} orderId={orderId} />
    </RequireAuth>
  );
}
