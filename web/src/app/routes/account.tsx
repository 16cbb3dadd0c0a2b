import { AccountView } from '@/features/account/components/account-view';
import { RequireAuth } from '@/lib/auth';

export function AccountRoute() {
  return (
    <RequireAuth>
      <AccountView />
    </RequireAuth>
  );
}
