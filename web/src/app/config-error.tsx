import { Button } from '@/components/ui/button';
import { I18nProvider, useI18n } from '@/lib/i18n';

/** Shown when /config.json cannot be loaded: nothing else can work without it. */
export function ConfigError() {
  return (
    <I18nProvider>
      <ConfigErrorMessage />
    </I18nProvider>
  );
}

function ConfigErrorMessage() {
  const { t } = useI18n();
  return (
    <main className="flex min-h-dvh items-center justify-center p-6">
      <div role="alert" className="glass max-w-md rounded-card p-8 text-center">
        <h1 className="text-xl font-bold text-fg">{t.errors.configTitle}</h1>
        <p className="mt-2 text-fg-muted">{t.errors.configBody}</p>
        <Button className="mt-6" onClick={() => window.location.reload()}>
          {t.errors.reload}
        </Button>
      </div>
    </main>
  );
}
