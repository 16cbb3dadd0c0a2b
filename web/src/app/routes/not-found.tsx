import { NotFoundPanel } from '@/components/not-found-panel';
import { useRuntimeConfig } from '@/config/runtime-config';
import { useI18n } from '@/lib/i18n';
import { useDocumentTitle } from '@/lib/use-document-title';

export function NotFoundRoute() {
  const { t } = useI18n();
  const { shopName } = useRuntimeConfig();
  useDocumentTitle(t.notFound.title, shopName);
  return <NotFoundPanel title={t.notFound.title} body={t.notFound.body} />;
}
