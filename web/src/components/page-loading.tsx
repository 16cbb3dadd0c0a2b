import { useI18n } from '@/lib/i18n';
import { Spinner } from './ui/spinner';

/** A page-sized "loading" placeholder that screen readers announce. */
export function PageLoading({ label }: { label?: string }) {
  const { t } = useI18n();
  return (
    <div role="status" className="flex min-h-[40vh] items-center justify-center gap-3 text-fg-muted">
      <Spinner className="h-6 w-6 text-gold" />
      <span>{label ?? t.common.loading}</span>
    </div>
  );
}
