import { PageHeader } from '@/components/page-header';
import { useRuntimeConfig } from '@/config/runtime-config';
import { CatalogView } from '@/features/catalog/components/catalog-view';
import { useI18n } from '@/lib/i18n';
import { useDocumentTitle } from '@/lib/use-document-title';

export function ProductsRoute() {
  const { t } = useI18n();
  const { shopName } = useRuntimeConfig();
  useDocumentTitle(t.catalog.title, shopName);
  return (
    <>
      <PageHeader title={t.catalog.title}>
        <p>{t.catalog.body}</p>
      </PageHeader>
      <CatalogView />
    </>
  );
}
