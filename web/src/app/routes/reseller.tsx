import { PanelPlaceholder } from '@/features/account/components/panel-placeholder';
import { RequireRole } from '@/features/account/components/require-role';

export function ResellerRoute() {
  return (
    <RequireRole role="reseller">
      <PanelPlaceholder panel="reseller" />
    </RequireRole>
  );
}
