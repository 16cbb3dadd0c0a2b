import { Card } from '@/components/ui/card';
import { Badge } from '@/components/ui/badge';
import { Icon } from '@/components/ui/icon';
import { useRuntimeConfig } from '@/config/runtime-config';
import { useAccountMessages } from '@/lib/i18n/account-messages';
import { useDocumentTitle } from '@/lib/use-document-title';

/** /admin and /reseller until their panels ship: an honest "coming in a later release". */
export function PanelPlaceholder({ panel }: { panel: 'admin' | 'reseller' }) {
  const m = useAccountMessages();
  const { shopName } = useRuntimeConfig();
  const title = panel === 'admin' ? m.panels.adminTitle : m.panels.resellerTitle;
  useDocumentTitle(title, shopName);
  return (
    <Card className="mx-auto max-w-xl p-6 sm:p-10" data-testid={`${panel}-panel`}>
      <span
        aria-hidden="true"
        className="mb-4 flex h-12 w-12 items-center justify-center rounded-xl bg-cta text-on-accent shadow-glow"
      >
        <Icon name={panel === 'admin' ? 'settings' : 'store'} />
      </span>
      <Badge variant="gold">{m.panels.comingSoon}</Badge>
      <h1 className="mt-3 text-2xl font-bold text-fg sm:text-3xl">{title}</h1>
      <p className="mt-3 text-fg-muted">{panel === 'admin' ? m.panels.adminBody : m.panels.resellerBody}</p>
    </Card>
  );
}
