import { PanelPlaceholder } from '@/features/account/components/panel-placeholder';
import { RequireRole } from '@/features/account/components/require-role';

export function AdminRoute() {
  return (
    <RequireRole role="admin">
      <PanelPlaceholder panel="admin" />
    </RequireRole>
  );
}
