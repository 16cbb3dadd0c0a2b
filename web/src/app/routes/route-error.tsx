import { Link } from 'react-router';
import { Button, buttonClasses } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { paths } from '@/config/paths';
import { useI18n } from '@/lib/i18n';

/** Last resort when a page fails to load or render (e.g. a chunk after a deploy). */
export function RouteError() {
  const { t } = useI18n();
  return (
    <main className="flex min-h-dvh items-center justify-center p-6">
      <Card role="alert" className="max-w-md p-8 text-center">
        <h1 className="text-xl font-bold text-fg">{t.errors.title}</h1>
        <p className="mt-2 text-fg-muted">{t.errors.generic}</p>
        <div className="mt-6 flex flex-wrap justify-center gap-3">
          <Button onClick={() => window.location.reload()}>{t.errors.reload}</Button>
          <Link to={paths.home.build()} className={buttonClasses({ variant: 'secondary' })}>
            {t.common.backHome}
          </Link>
        </div>
      </Card>
    </main>
  );
}
