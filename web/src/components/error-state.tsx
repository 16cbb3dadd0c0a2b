import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { clientErrorCodes, isApiError } from '@/lib/api-client';
import { useI18n, type Messages } from '@/lib/i18n';
import { cn } from '@/lib/cn';

/** The message to show for any error: the server's localised text when there is one. */
export function errorMessage(error: unknown, t: Messages): string {
  if (!isApiError(error)) return t.errors.generic;
  if (error.fromServer && error.message) return error.message;
  if (error.code === clientErrorCodes.network) return t.errors.network;
  if (error.code === clientErrorCodes.invalidResponse) return t.errors.invalidResponse;
  return t.errors.generic;
}

export function ErrorState({
  error,
  onRetry,
  className,
}: {
  error: unknown;
  onRetry?: () => void;
  className?: string;
}) {
  const { t } = useI18n();
  return (
    <Card role="alert" className={cn('flex flex-col items-start gap-4 p-6', className)}>
      <div>
        <h2 className="text-lg font-semibold text-fg">{t.errors.title}</h2>
        <p className="mt-1 text-sm text-fg-muted">{errorMessage(error, t)}</p>
      </div>
      {onRetry && (
        <Button variant="secondary" onClick={onRetry}>
          {t.common.retry}
        </Button>
      )}
    </Card>
  );
}
