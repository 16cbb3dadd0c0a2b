import { AccountOrdersView } from '@/features/checkout/components/account-orders-view';
import { RequireAuth } from '@/lib/auth';

export function AccountOrdersRoute() {
  return (
    <RequireAuth>
      <AccountOrdersView />
    </RequireAuth>
  );
}
