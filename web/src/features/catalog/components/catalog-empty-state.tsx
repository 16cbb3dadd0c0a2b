import { Icon } from '@/components/ui/icon';
import { Button, buttonClasses } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { useRuntimeConfig } from '@/config/runtime-config';
import { whatsappLink } from '@/lib/contact';
import { useI18n } from '@/lib/i18n';

export function CatalogEmptyState({
  canReset,
  onReset,
}: {
  canReset: boolean;
  onReset: () => void;
}) {
  const { t } = useI18n();
  const config = useRuntimeConfig();
  return (
    <Card className="flex flex-col items-center gap-4 px-6 py-12 text-center" data-testid="catalog-empty">
      <div className="flex h-14 w-14 items-center justify-center rounded-full border border-line bg-glass-strong text-gold">
        <Icon name="search" className="h-6 w-6" />
      </div>
      <div className="max-w-md">
        <h2 className="text-lg font-semibold text-fg">{t.catalog.emptyTitle}</h2>
        <p className="mt-2 text-sm text-fg-muted">{t.catalog.emptyBody}</p>
      </div>
      <div className="flex flex-wrap justify-center gap-3">
        {canReset && (
          <Button variant="primary" onClick={onReset}>
            {t.catalog.resetFilters}
          </Button>
        )}
        <a
          href={whatsappLink(config.supportWhatsapp)}
          target="_blank"
          rel="noopener noreferrer"
          className={buttonClasses({ variant: 'secondary' })}
        >
          {t.catalog.emptyAskAdmin}
          <span className="sr-only"> {t.common.opensInNewTab}</span>
        </a>
      </div>
    </Card>
  );
}
